/** Runs one catalogue operation for one input item and returns its output items. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { isAuvikApiError } from '../transport/errors';

import type { CatalogueEntry } from '../catalogue';
import { indexIncluded, simplifyResource } from '../helpers/simplify';
import type { AuvikTransport } from '../transport';
import type { Query } from './params';
import { buildPath, buildQuery } from './params';
import { executeStatistics } from './statistics';

/** Per-execution state shared by all items (cached lookups, incremental-sync bookkeeping). */
export interface RunState {
	transport: AuvikTransport;
	startedAt: string;
	mainDomainPrefix?: Promise<string>;
	/** Static-data keys to stamp with startedAt once every item succeeded */
	incrementalKeys: Set<string>;
}

function asObject(body: unknown): IDataObject {
	return body && typeof body === 'object' && !Array.isArray(body) ? (body as IDataObject) : {};
}

/** The top-level account's domain prefix: the multiClient tenant without a parent. */
async function mainDomainPrefix(state: RunState, itemIndex: number): Promise<string> {
	state.mainDomainPrefix ??= (async () => {
		const { body } = await state.transport.request({ method: 'GET', path: '/v1/tenants', itemIndex });
		const tenants = (asObject(body).data ?? []) as IDataObject[];
		const parentless = tenants.filter((t) => !((t.relationships as IDataObject | undefined)?.parent as IDataObject | undefined)?.data);
		const top =
			parentless.find((t) => (t.attributes as IDataObject | undefined)?.tenantType === 'multiClient') ?? parentless[0] ?? tenants[0];
		const prefix = (top?.attributes as IDataObject | undefined)?.domainPrefix;
		if (!prefix) throw new Error('no tenant with a domain prefix is visible to this user');
		return String(prefix);
	})();
	try {
		return await state.mainDomainPrefix;
	} catch (error) {
		state.mainDomainPrefix = undefined;
		if (error instanceof NodeOperationError) throw new NodeOperationError(state.transport.node, error);
		if (isAuvikApiError(error)) throw new NodeApiError(state.transport.node, error as unknown as JsonObject);
		throw new NodeOperationError(state.transport.node, `Could not find the main account's domain prefix: ${(error as Error).message}`, {
			itemIndex,
			description: 'Enter "Main Account Domain Prefix" yourself.',
		});
	}
}

export function paired(items: IDataObject[], itemIndex: number): INodeExecutionData[] {
	return items.map((json) => ({ json, pairedItem: { item: itemIndex } }));
}

export async function executeEntry(
	this: IExecuteFunctions,
	entry: CatalogueEntry,
	itemIndex: number,
	state: RunState,
): Promise<INodeExecutionData[]> {
	const { transport } = state;
	if (entry.resource === 'statistics' && entry.contract.query.some((q) => q.name === 'filter[fromTime]')) {
		return await executeStatistics.call(this, entry, itemIndex, state);
	}
	const path = buildPath(this, entry, itemIndex);
	const query: Query = buildQuery(this, entry, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;

	if (entry.operationId === 'verifyCredentials') {
		await transport.request({ method: 'GET', path, itemIndex });
		const result: IDataObject = { valid: true, baseUrl: transport.baseUrl };
		if (transport.region) result.region = transport.region;
		// after a 308 the transport says which region the account is really in
		if (transport.notices.length) result.notice = transport.notices.join(' ');
		return paired([result], itemIndex);
	}
	if (entry.write) {
		await transport.request({ method: entry.contract.method, path, query, itemIndex });
		const id = path.split('/').pop() as string;
		return paired([{ id: decodeURIComponent(id), dismissed: true }], itemIndex);
	}
	if (entry.contract.query.some((q) => q.name === 'tenantDomainPrefix')) {
		const given = String(this.getNodeParameter('tenantDomainPrefix', itemIndex, '') ?? '').trim();
		query.tenantDomainPrefix = given || (await mainDomainPrefix(state, itemIndex));
	}

	if (entry.incremental && options.onlyChangedSinceLastRun === true) {
		const incrementalKey = `lastRun:${entry.resource}:${entry.operation}`;
		const stored = this.getWorkflowStaticData('node')[incrementalKey];
		const given = query['filter[modifiedAfter]'];
		if (typeof stored === 'string' && (!given || stored > given)) query['filter[modifiedAfter]'] = stored;
		state.incrementalKeys.add(incrementalKey);
	}

	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	const shape = (data: IDataObject[], included: IDataObject[]): IDataObject[] => {
		if (!simplify) return data;
		const index = included.length ? indexIncluded(included) : undefined;
		return data.map((r) => simplifyResource(r, index));
	};

	if (!entry.list) {
		const { body } = await transport.request({ method: entry.contract.method, path, query, itemIndex });
		const envelope = asObject(body);
		const data = envelope.data;
		const resources = (Array.isArray(data) ? data : data ? [data] : []) as IDataObject[];
		return paired(shape(resources, (envelope.included ?? []) as IDataObject[]), itemIndex);
	}

	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : Math.max(1, Number(this.getNodeParameter('limit', itemIndex, 50)));
	const out: INodeExecutionData[] = [];
	if (!entry.contract.paged) {
		const { body } = await transport.request({ method: 'GET', path, query, itemIndex });
		const data = asObject(body).data ?? (Array.isArray(body) ? body : []);
		const list = (Array.isArray(data) ? data : [data]) as IDataObject[];
		return paired(shape(limit === undefined ? list : list.slice(0, limit), []), itemIndex);
	}
	const pageSize = Math.max(1, Math.min(Number(options.pageSize ?? entry.maxPageSize ?? 1000), entry.maxPageSize ?? 1000));
	for await (const page of transport.paginate({ method: 'GET', path, query, itemIndex }, { pageSize, limit })) {
		for (const json of shape(page.data, page.included)) out.push({ json, pairedItem: { item: itemIndex } });
	}
	return out;
}
