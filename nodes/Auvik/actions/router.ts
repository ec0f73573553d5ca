/** The node's execute(): one transport per run, each item runs its own request(s). */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { findOperation } from '../catalogue';
import { AuvikTransport } from '../transport';
import { isAuvikApiError } from '../transport/errors';
import type { RunState } from './execute';
import { executeEntry } from './execute';

/** The item a failed input becomes under "On Error: Continue": error, message and details only. */
export function errorItem(error: Error & { description?: string | null }, itemIndex: number): INodeExecutionData {
	const details: IDataObject = { itemIndex };
	if (error.description) details.description = error.description;
	if (isAuvikApiError(error)) Object.assign(details, error.auvik);
	else details.retryable = false;
	return { json: { error: error.message, details }, pairedItem: { item: itemIndex } };
}

export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const out: INodeExecutionData[] = [];
	const startedAt = new Date().toISOString();
	let state: RunState | undefined;

	for (let i = 0; i < items.length; i++) {
		try {
			const resource = this.getNodeParameter('resource', i) as string;
			const operation = this.getNodeParameter('operation', i) as string;
			const entry = findOperation(resource, operation);
			if (!entry) {
				throw new NodeOperationError(this.getNode(), `Unknown operation "${operation}" for resource "${resource}"`, { itemIndex: i });
			}
			if (!state) {
				const options = this.getNodeParameter('options', i, {}) as IDataObject;
				const transport = await AuvikTransport.create(this, {
					timeoutMs: Number(options.timeout ?? 60) * 1000,
					retry: { maxRetries: Number(options.maxRetries ?? 4) },
					rateLimit: { limit: Number(options.rateLimit ?? 2500), windowMs: Number(options.rateWindowSeconds ?? 300) * 1000 },
				});
				state = { transport, startedAt, incrementalKeys: new Set() };
			}
			out.push(...(await executeEntry.call(this, entry, i, state)));
		} catch (error) {
			if (this.continueOnFail()) {
				out.push(errorItem(error as Error, i));
				continue;
			}
			if (isAuvikApiError(error)) throw new NodeApiError(this.getNode(), error as unknown as JsonObject, { itemIndex: i });
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
		}
	}

	if (state) {
		// Incremental sync: remember when this run started, but only if nothing failed.
		if (state.incrementalKeys.size && !out.some((item) => item.json.error !== undefined && item.json.details)) {
			const staticData = this.getWorkflowStaticData('node');
			for (const key of state.incrementalKeys) staticData[key] = state.startedAt;
		}
		if (state.transport.notices.length) {
			const hints = state.transport.notices.map((message) => ({ message, type: 'warning' as const, location: 'outputPane' as const }));
			if (typeof this.addExecutionHints === 'function') this.addExecutionHints(...hints);
			for (const message of state.transport.notices) this.logger.warn(message);
		}
	}
	return [out];
}
