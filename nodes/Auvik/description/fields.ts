/** Field builders shared by the generic and the statistics descriptions. */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { CatalogueEntry, ContractQueryParam } from '../catalogue';
import { fieldName, labelOf } from '../catalogue';

export function show(entry: CatalogueEntry) {
	return { show: { resource: [entry.resource], operation: [entry.operation] } };
}

export function sortOptions<T extends { name: string }>(options: T[]): T[] {
	return [...options].sort((a, b) => a.name.localeCompare(b.name));
}

/** Options for an enum, with readable names: accessPoint -> Access Point. */
export function enumOptions(values: string[]): INodePropertyOptions[] {
	return sortOptions(values.map((value) => ({ name: labelOf(value), value })));
}

function isMulti(q: ContractQueryParam): boolean {
	return q.name === 'include' || q.name.startsWith('fields[');
}

/** One typed field for a query parameter (used in Filters and as a required field). */
export function queryField(q: ContractQueryParam, required: boolean): INodeProperties {
	const name = fieldName(q.name);
	const displayName = labelOf(name);
	const base = { displayName, name, required: required || undefined };
	switch (q.type) {
		case 'options':
			if (isMulti(q)) {
				return { ...base, type: 'multiOptions', options: enumOptions(q.enum ?? []), default: [], description: `Sent to Auvik as ${q.name}, comma-separated` };
			}
			return { ...base, type: 'options', options: enumOptions(q.enum ?? []), default: required ? (q.enum ?? [''])[0] : '', description: `Sent to Auvik as ${q.name}` };
		case 'boolean':
			return { ...base, type: 'boolean', default: false, description: `Whether to match items where ${displayName.toLowerCase()} is true (off matches false); sent as ${q.name}` };
		case 'number':
			return { ...base, type: 'number', default: 0, description: `Sent to Auvik as ${q.name}` };
		case 'dateTime':
			return { ...base, type: 'dateTime', default: '', description: `Sent to Auvik as ${q.name} in ISO 8601 UTC (e.g. 2024-01-31T00:00:00.000Z)` };
		case 'date':
			return { ...base, type: 'dateTime', default: '', description: `Sent to Auvik as ${q.name} as a plain date (YYYY-MM-DD)` };
		case 'snmpDateTime':
			return { ...base, type: 'dateTime', default: '', description: `Sent to Auvik as ${q.name} in UTC as YYYY-MM-DD HH:MM:SS` };
		default:
			return { ...base, type: 'string', default: '', placeholder: q.name.endsWith('Id]') ? 'e.g. MTk1NzA4Njg0OTE4MzQ1MjMw' : '', description: `Sent to Auvik as ${q.name}` };
	}
}

export function tenantProperties(entry: CatalogueEntry): INodeProperties[] {
	const displayOptions = show(entry);
	const required = entry.contract.query.some((q) => q.name === entry.tenants && q.required);
	if (entry.tenants === 'tenant') {
		return [
			{
				displayName: 'Tenant Name or ID',
				name: 'tenant',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getTenants' },
				default: '',
				displayOptions,
				description: 'Tenant whose devices to list (its child tenants are included). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		];
	}
	return [{ ...tenantsField(required ? 'Tenants to read' : 'Tenants to read; leave empty for every tenant the API user can see', required), displayOptions }];
}

/** The tenant multi-select (loaded from /v1/tenants), shared by the Auvik node and the trigger. */
export function tenantsField(purpose: string, required = false): INodeProperties {
	return {
		displayName: 'Tenant Names or IDs',
		name: 'tenants',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getTenants' },
		default: [],
		required: required || undefined,
		description: `${purpose}. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	};
}

export function optionsCollection(entry: CatalogueEntry, extra: INodeProperties[] = []): INodeProperties {
	const options: INodeProperties[] = [
		{ displayName: 'Max Retries', name: 'maxRetries', type: 'number', typeOptions: { minValue: 0, maxValue: 10 }, default: 4, description: 'How often to retry a request that failed for a reason that can pass (5xx, 429, timeout); 400/401/403/404 are never retried' },
		{ displayName: 'Request Timeout (Seconds)', name: 'timeout', type: 'number', typeOptions: { minValue: 1 }, default: 60, description: 'How long to wait for Auvik to answer one request' },
		{ displayName: 'Rate Budget (Requests per Window)', name: 'rateLimit', type: 'number', typeOptions: { minValue: 1 }, default: 2500, description: "Requests this n8n instance may send for this account in any window (5 minutes unless changed below); executions wait rather than exceed it. Auvik's limit is 2500 per 5 minutes." },
		{ displayName: 'Rate Budget Window (Seconds)', name: 'rateWindowSeconds', type: 'number', typeOptions: { minValue: 1 }, default: 300, description: 'Length of the sliding window the rate budget counts in. Auvik counts 5 minutes (300 s).' },
		...extra,
	];
	if (entry.list && entry.contract.paged) {
		const pageSizeDefault = entry.resource === 'statistics' ? 100 : Math.min(1000, entry.maxPageSize ?? 1000);
		options.push({ displayName: 'Page Size', name: 'pageSize', type: 'number', typeOptions: { minValue: 1, maxValue: entry.maxPageSize }, default: pageSizeDefault, description: 'Items per request (page[first]). Smaller pages avoid timeouts on heavy requests; larger pages need fewer requests.' });
	}
	if (entry.incremental) {
		options.push({ displayName: 'Only Changed Since Last Run', name: 'onlyChangedSinceLastRun', type: 'boolean', default: false, description: 'Whether to send the time of the last successful run as filter[modifiedAfter], so each run returns only what changed (the time is kept in the workflow; active workflows only)' });
	}
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add option', default: {}, displayOptions: show(entry), options: sortOptions(options) };
}
