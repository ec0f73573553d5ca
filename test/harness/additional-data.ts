/**
 * `IWorkflowExecuteAdditionalData`: the bag of instance services n8n-core threads through every
 * execution context. A real instance builds it in the cli package (`WorkflowExecuteAdditionalData.getBase()`);
 * here it is a plain object with only what a community node can reach. Anything a node should never
 * need in these tests (sub-workflows, task runners, AI agents) throws a clear error instead of
 * silently returning `undefined`, so an unexpected dependency shows up as a readable failure.
 */
import './env';

import type { ExecutionLifecycleHooks } from 'n8n-core';
import { ExternalSecretsProxy } from 'n8n-core';
import type { IDataObject, INodeParameters, IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import type { HarnessCredentialsHelper } from './credentials-helper';

/** Base URL the harness pretends the instance listens on (only shows up in webhook URLs). */
export const INSTANCE_BASE_URL = 'http://localhost:5678/';

const unsupported = (what: string) => async (): Promise<never> => {
	throw new Error(`[harness] ${what} is not supported by the test harness`);
};

export interface AdditionalDataOptions {
	credentialsHelper: HarnessCredentialsHelper;
	hooks?: ExecutionLifecycleHooks;
	executionId?: string;
	/** What `getCurrentNodeParameter(s)` (load options) and credential displayOptions see. */
	currentNodeParameters?: INodeParameters;
	/** `$vars` in expressions. */
	variables?: IDataObject;
	/** Only for webhook contexts: the incoming request / outgoing response. */
	httpRequest?: IWorkflowExecuteAdditionalData['httpRequest'];
	httpResponse?: IWorkflowExecuteAdditionalData['httpResponse'];
}

export function makeAdditionalData(options: AdditionalDataOptions): IWorkflowExecuteAdditionalData {
	const base = INSTANCE_BASE_URL.replace(/\/$/, '');
	const additionalData: IWorkflowExecuteAdditionalData = {
		credentialsHelper: options.credentialsHelper,
		hooks: options.hooks,
		executionId: options.executionId,
		currentNodeExecutionIndex: 0,
		currentNodeParameters: options.currentNodeParameters,
		variables: options.variables ?? {},
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: INSTANCE_BASE_URL,
		formBaseUrl: `${base}/form`,
		formTestBaseUrl: `${base}/form-test`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		webhookBaseUrl: `${base}/webhook`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
		externalSecretsProxy: new ExternalSecretsProxy(),
		// Must stay undefined: when set, request helpers answer from an LLM mock instead of HTTP.
		evalLlmMockHandler: undefined,
		httpRequest: options.httpRequest,
		httpResponse: options.httpResponse,
		executeWorkflow: unsupported('executeWorkflow (sub-workflows)'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: unsupported('startRunnerTask (Code node task runners)'),
	};
	return additionalData;
}
