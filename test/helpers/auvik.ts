/** Shared helpers for behaviour tests: run the real Auvik node against the simulator. */
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions, INodeParameters } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { AuvikApi } from '../../credentials/AuvikApi.credentials';
import { Auvik } from '../../nodes/Auvik/Auvik.node';
import { resetBudgets } from '../../nodes/Auvik/transport/rateBudget';
import type { RunWorkflowOptions, RunWorkflowResult } from '../harness';
import { HarnessNodeTypes, makeLoadOptionsContext, runWorkflow, START_NODE_TYPE, HarnessStartNode } from '../harness';
import type { Simulator } from '../simulator';

export const API_KEY_PATTERN = 'sim-api-key';

export function credentialsFor(sim: Simulator, overrides: IDataObject = {}): ICredentialDataDecryptedObject {
	return { region: 'custom', baseUrl: sim.url, username: sim.credentials.username, apiKey: sim.credentials.apiKey, ...overrides };
}

/** Fast retries so fault tests do not sleep for seconds. */
export const FAST = { maxRetries: 4 };

export async function runAuvik(
	sim: Simulator,
	parameters: INodeParameters,
	opts: Omit<Partial<RunWorkflowOptions>, 'credentials'> & { credentials?: ICredentialDataDecryptedObject } = {},
): Promise<RunWorkflowResult> {
	resetBudgets();
	const { credentials, ...rest } = opts;
	return await runWorkflow({
		nodeType: new Auvik(),
		parameters,
		credentialTypes: [new AuvikApi()],
		...rest,
		credentials: { auvikApi: credentials ?? credentialsFor(sim) },
	});
}

export function jsonOf(result: RunWorkflowResult, output = 0): IDataObject[] {
	return (result.outputs[output] ?? []).map((i) => i.json);
}

/** Everything a test should check for leaked secrets: messages, descriptions, items. */
export function serialise(result: RunWorkflowResult): string {
	return JSON.stringify({ error: result.error, nodeError: result.nodeError, outputs: result.outputs, message: (result.nodeError as Error | undefined)?.message });
}

/**
 * Runs the credential's declarative `test` the way n8n's credential tester does: the request's
 * expressions are resolved against $credentials, it is sent with the credential's authentication
 * through n8n's request helper, and on failure the first matching responseCode rule gives the
 * message (otherwise the error's own message). Returns { status: 'OK' | 'Error', message }.
 */
export async function testCredential(credentials: ICredentialDataDecryptedObject): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const type = new AuvikApi();
	const nodeTypes = new HarnessNodeTypes({ [START_NODE_TYPE]: new HarnessStartNode() });
	const node = { id: 'x', name: 'Credential test', type: START_NODE_TYPE, typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const resolve = (value: unknown) =>
		typeof value === 'string' && value.startsWith('=')
			? String(workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, ''))
			: value;
	const request = type.test.request;
	const ctx = makeLoadOptionsContext({ nodeType: new Auvik(), credentials: { auvikApi: credentials }, credentialTypes: [type] });
	const options: IHttpRequestOptions = {
		method: request.method ?? 'GET',
		url: `${String(resolve(request.baseURL))}${String(request.url)}`,
		headers: request.headers as IDataObject,
		disableFollowRedirect: request.disableFollowRedirect,
		json: true,
	};
	try {
		await ctx.helpers.httpRequestWithAuthentication.call(ctx, 'auvikApi', options);
		return { status: 'OK', message: 'Connection successful!' };
	} catch (error) {
		const e = error as IDataObject & { cause?: IDataObject };
		const code = Number(e.httpCode ?? (e.cause?.response as IDataObject | undefined)?.status);
		for (const rule of type.test.rules ?? []) {
			if (rule.type === 'responseCode' && rule.properties.value === code) return { status: 'Error', message: rule.properties.message };
		}
		return { status: 'Error', message: String(e.message) };
	}
}
