/**
 * The operation catalogue: contract facts + user-facing overlay, merged and checked once.
 * Both the node's UI (description/) and its requests (actions/) are built from CATALOGUE.
 */
import { CONTRACT } from './contract.generated';
import { OPERATIONS } from './operations';
import type { CatalogueEntry, ContractQueryParam, ResourceKey } from './types';

export * from './types';

export const RESOURCES: Array<{ value: ResourceKey; name: string }> = [
	{ value: 'alert', name: 'Alert' },
	{ value: 'billing', name: 'Billing' },
	{ value: 'component', name: 'Component' },
	{ value: 'configuration', name: 'Configuration' },
	{ value: 'credential', name: 'Credential' },
	{ value: 'device', name: 'Device' },
	{ value: 'entityAudit', name: 'Entity Audit' },
	{ value: 'entityNote', name: 'Entity Note' },
	{ value: 'interface', name: 'Interface' },
	{ value: 'network', name: 'Network' },
	{ value: 'saasManagement', name: 'SaaS Management' },
	{ value: 'snmpPoller', name: 'SNMP Poller' },
	{ value: 'statistics', name: 'Statistic' },
	{ value: 'tenant', name: 'Tenant' },
];

/** Operations whose response is a list but which Auvik does not page. */
const UNPAGED_LISTS = new Set(['readMultipleTenants', 'readMultipleTenantsDetail', 'readClientUsage']);

/** Query parameters that never appear as filters: paging and tenant scope are handled by the node. */
const SCOPE_PARAMS = new Set(['tenants', 'tenant']);

/** n8n parameter name for a wire name: filter[onlineStatus] -> onlineStatus, fields[deviceDetail] -> fieldsDeviceDetail. */
export function fieldName(wireName: string): string {
	const filter = /^filter\[(.+)\]$/.exec(wireName);
	if (filter) return filter[1];
	const fields = /^fields\[(.+)\]$/.exec(wireName);
	if (fields) return `fields${fields[1][0].toUpperCase()}${fields[1].slice(1)}`;
	return wireName;
}

const ACRONYMS: Record<string, string> = Object.fromEntries(
	['ID', 'OID', 'IP', 'MAC', 'SNMP', 'WMI', 'VM', 'ASM', 'CPU', 'UPS', 'PDU', 'IPMI', 'UTM', 'SSID', 'VoIP', 'URL'].map((a) => [a.toLowerCase(), a]),
);

/** Readable label: onlineStatus -> Online Status, user_lastUsedAfter -> User Last Used After. */
export function labelOf(text: string): string {
	const spaced = text
		.replace(/[_\-[\]]+/g, ' ')
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
		.trim();
	return spaced
		.split(/\s+/)
		.map((w) => ACRONYMS[w.toLowerCase()] ?? w[0].toUpperCase() + w.slice(1))
		.join(' ')
		.replace(/\bV Mware\b/g, 'VMware')
		.replace(/^Fields (.+)$/, '$1 Fields');
}

function buildCatalogue(): CatalogueEntry[] {
	const seen = new Set<string>();
	return OPERATIONS.map((op) => {
		const contract = CONTRACT[op.operationId];
		if (!contract) throw new Error(`Catalogue entry ${op.operationId} has no contract operation`);
		const key = `${op.resource}:${op.operation}`;
		if (seen.has(key)) throw new Error(`Duplicate catalogue operation ${key}`);
		seen.add(key);
		const promoted = new Set(op.promoted ?? []);
		const hidden = new Set(op.hidden ?? []);
		const requiredQuery: ContractQueryParam[] = [];
		const filters: ContractQueryParam[] = [];
		for (const q of contract.query) {
			if (SCOPE_PARAMS.has(q.name) || hidden.has(q.name)) continue;
			if (q.required || promoted.has(q.name)) requiredQuery.push(q);
			else filters.push(q);
		}
		const tenantsParam = contract.query.find((q) => SCOPE_PARAMS.has(q.name))?.name as
			| 'tenants'
			| 'tenant'
			| undefined;
		return {
			...op,
			tenants: tenantsParam,
			maxPageSize: op.maxPageSize ?? (contract.apiVersion === 'v2' ? 10000 : 1000),
			contract,
			filters,
			requiredQuery,
			list: contract.paged || UNPAGED_LISTS.has(op.operationId),
			incremental: contract.query.some((q) => q.name === 'filter[modifiedAfter]'),
		};
	});
}

export const CATALOGUE: CatalogueEntry[] = buildCatalogue();

const byKey = new Map(CATALOGUE.map((e) => [`${e.resource}:${e.operation}`, e]));

export function findOperation(resource: string, operation: string): CatalogueEntry | undefined {
	return byKey.get(`${resource}:${operation}`);
}
