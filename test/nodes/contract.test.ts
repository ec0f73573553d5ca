/**
 * Contract test: every catalogue operation is built from sample parameters by the real node,
 * sent to the simulator, and the request that arrived is checked against the contract derived
 * from Auvik's spec: method, path template, no unknown query parameter, required ones present,
 * enum values valid, date formats right. Prints "52/52 operations" or names the failures.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { CatalogueEntry, ContractQueryParam } from '../../nodes/Auvik/catalogue';
import { CATALOGUE, fieldName } from '../../nodes/Auvik/catalogue';
import { CONTRACT } from '../../nodes/Auvik/catalogue/contract.generated';
import { COMPONENT_STAT_IDS } from '../../nodes/Auvik/catalogue/statistics';
import { runAuvik } from '../helpers/auvik';
import type { RecordedRequest, Simulator } from '../simulator';
import { startSimulator } from '../simulator';

const PAGE_PARAMS = new Set(['page[first]', 'page[after]', 'page[last]', 'page[before]']);
const FORMATS: Record<string, RegExp> = {
	dateTime: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
	date: /^\d{4}-\d{2}-\d{2}$/,
	snmpDateTime: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/,
	boolean: /^(true|false)$/,
	number: /^-?\d+(\.\d+)?$/,
};

function entityIdFor(sim: Simulator, entry: CatalogueEntry): string {
	const d = sim.data;
	switch (entry.resource) {
		case 'tenant':
			return d.clientTenants[0].id;
		case 'network':
			return d.networks[0].id;
		case 'interface':
			return d.interfaces[0].id;
		case 'component':
			return d.components[0].id;
		case 'configuration':
			return d.configurations[0].id;
		case 'entityNote':
			return d.notes[0].id;
		case 'entityAudit':
			return d.audits[0].id;
		case 'alert':
			return d.alerts[d.alerts.length - 1].id;
		case 'snmpPoller':
			return d.snmpPollerSettings[0].id;
		default:
			// not every device has warranty or lifecycle data (Auvik answers 404 for those)
			if (entry.operationId === 'readSingleDeviceWarranty') return d.warranties[0].id;
			if (entry.operationId === 'readSingleDeviceLifecycle') return d.lifecycles[0].id;
			return d.devices[0].id;
	}
}

function sampleValue(sim: Simulator, q: ContractQueryParam): unknown {
	const d = sim.data;
	if (q.enum) return q.name === 'include' || q.name.startsWith('fields[') ? [q.enum[0]] : q.enum[0];
	switch (q.type) {
		case 'boolean':
			return true;
		case 'number':
			return 1;
		case 'date':
			return q.name.includes('thru') ? '2026-01-31' : '2026-01-01';
		case 'dateTime':
		case 'snmpDateTime':
			return q.name.includes('thru') || q.name.includes('Before') ? new Date(Date.now() - 3_600_000).toISOString() : new Date(Date.now() - 12 * 3_600_000).toISOString();
		default:
			if (q.name === 'filter[clientId]') return d.asm.clients[0].id;
			if (q.name === 'filter[applicationId]') return d.asm.apps.find((a) => a.clientId === d.asm.clients[0].id)?.id ?? d.asm.apps[0].id;
			if (q.name === 'filter[snmpPollerSettingId]') return d.snmpPollerSettings[0].id;
			if (q.name === 'filter[entityId]' || /device/i.test(q.name)) return d.devices[0].id;
			if (q.name === 'filter[networks]') return d.networks[0].id;
			if (q.name === 'filter[interfaceId]') return d.interfaces[0].id;
			if (q.name === 'filter[componentId]') return d.components[0].id;
			if (q.name === 'filter[serviceId]') return d.services[0].id;
			return 'sample';
	}
}

function sampleParameters(sim: Simulator, entry: CatalogueEntry): INodeParameters {
	const params: INodeParameters = { resource: entry.resource, operation: entry.operation };
	for (const p of entry.contract.pathParams) {
		if (p.name === 'statId' || p.name === 'componentType') continue;
		params[p.name] = entry.locators?.[p.name] ? { __rl: true, mode: 'id', value: entityIdFor(sim, entry) } : entityIdFor(sim, entry);
	}
	if (entry.resource === 'statistics') {
		if (entry.contract.pathParams.some((p) => p.name === 'componentType')) {
			params.componentType = 'cpuCore';
			params.statId = COMPONENT_STAT_IDS.cpuCore[1];
		} else {
			params.statId = entry.contract.pathParams.find((p) => p.name === 'statId')!.enum![0];
		}
		params.timeRange = 'last24Hours';
		params.interval = 'hour';
	} else {
		for (const q of entry.requiredQuery) params[fieldName(q.name)] = sampleValue(sim, q) as string;
	}
	if (entry.tenants === 'tenants') params.tenants = [sim.data.clientTenants[0].id];
	if (entry.tenants === 'tenant') params.tenant = sim.data.topTenant.id;
	const filters: IDataObject = {};
	for (const q of entry.filters) {
		if (['filter[fromTime]', 'filter[thruTime]', 'filter[interval]'].includes(q.name)) continue;
		filters[fieldName(q.name)] = sampleValue(sim, q) as string;
	}
	if (entry.filters.length) params.filters = filters as INodeParameters;
	if (entry.list) params.returnAll = true;
	return params;
}

function templateRegex(path: string): RegExp {
	return new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
}

/** What is wrong with a recorded request, judged only by the contract. */
function contractProblems(entry: CatalogueEntry, request: RecordedRequest): string[] {
	const c = CONTRACT[entry.operationId];
	const problems: string[] = [];
	if (request.method !== c.method) problems.push(`method ${request.method} != ${c.method}`);
	if (!templateRegex(c.path).test(request.path)) problems.push(`path ${request.path} !~ ${c.path}`);
	for (const p of c.pathParams.filter((x) => x.enum)) {
		const segments = request.path.split('/');
		const index = c.path.split('/').indexOf(`{${p.name}}`);
		if (!p.enum!.includes(decodeURIComponent(segments[index]))) problems.push(`path ${p.name}=${segments[index]} not in enum`);
	}
	const known = new Map(c.query.map((q) => [q.name, q]));
	for (const [name, value] of Object.entries(request.query)) {
		if (PAGE_PARAMS.has(name)) {
			if (!c.paged) problems.push(`${name} sent to an unpaged operation`);
			continue;
		}
		const q = known.get(name);
		if (!q) {
			problems.push(`unknown query parameter ${name}`);
			continue;
		}
		if (q.enum) {
			for (const v of value.split(',')) if (!q.enum.includes(v)) problems.push(`${name}=${v} not in enum`);
		} else if (FORMATS[q.type] && !FORMATS[q.type].test(value)) {
			problems.push(`${name}=${value} is not ${q.type}`);
		}
	}
	for (const q of c.query.filter((x) => x.required)) if (!(q.name in request.query)) problems.push(`required ${q.name} missing`);
	if (request.status !== 200) problems.push(`simulator answered ${request.status}`);
	return problems;
}

describe('contract: every catalogue operation against the spec-derived contract', () => {
	let sim: Simulator;
	const failures: string[] = [];
	let passed = 0;
	beforeAll(async () => (sim = await startSimulator({ tenants: 2, devicesPerTenant: 5, alertsPerTenant: 4 })));
	afterAll(async () => {
		await sim.close();
		// eslint-disable-next-line no-console
		console.log(`contract: ${passed}/${CATALOGUE.length} operations${failures.length ? `; failing: ${failures.join('; ')}` : ''}`);
	});

	it('covers all 52 operations of the spec exactly once', () => {
		expect(CATALOGUE).toHaveLength(52);
		expect(new Set(CATALOGUE.map((e) => e.operationId))).toEqual(new Set(Object.keys(CONTRACT)));
	});

	it.each(CATALOGUE.map((e) => [`${e.resource} / ${e.operation}`, e] as const))('%s', async (_label, entry) => {
		sim.resetRequests();
		const result = await runAuvik(sim, sampleParameters(sim, entry));
		const template = templateRegex(CONTRACT[entry.operationId].path);
		const mine = sim.requests.filter((r) => template.test(r.path));
		const problems = [
			...(result.status !== 'success' ? [`node failed: ${(result.nodeError as Error | undefined)?.message}`] : []),
			...(mine.length ? [] : ['no request reached the operation path']),
			...mine.flatMap((r) => contractProblems(entry, r)),
		];
		if (problems.length) failures.push(`${entry.operationId}: ${problems.join(', ')}`);
		else passed++;
		expect(problems).toEqual([]);
	});
});
