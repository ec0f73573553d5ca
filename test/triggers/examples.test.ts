/**
 * The importable example workflows in examples/ (and their manual-start twins in examples/e2e/ for
 * `n8n execute`): they parse, use known node types, wire only existing nodes, and every Auvik
 * node's resource/operation exists in the catalogue with parameters the node actually shows.
 */
import { readdirSync, readFileSync } from 'fs';
import { join, relative } from 'path';

import type { IDataObject, INode, INodeParameters, INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { Auvik } from '../../nodes/Auvik/Auvik.node';
import { CATALOGUE, findOperation } from '../../nodes/Auvik/catalogue';
import { AuvikTrigger } from '../../nodes/AuvikTrigger/AuvikTrigger.node';
import { AuvikWebhookTrigger } from '../../nodes/AuvikWebhookTrigger/AuvikWebhookTrigger.node';

const ROOT = join(__dirname, '..', '..', 'examples');
const CREDENTIAL = { auvikApi: { id: 'auvikDemoCred0001', name: 'Auvik (demo)' } };
const STAND_IN = 'http://127.0.0.1:5680/';

const AUVIK_TYPES: Record<string, INodeTypeDescription> = {
	'n8n-nodes-auvik.auvik': new Auvik().description,
	'n8n-nodes-auvik.auvikTrigger': new AuvikTrigger().description,
	'n8n-nodes-auvik.auvikWebhookTrigger': new AuvikWebhookTrigger().description,
};
const CORE_TYPES = new Set([
	'n8n-nodes-base.httpRequest',
	'n8n-nodes-base.if',
	'n8n-nodes-base.manualTrigger',
	'n8n-nodes-base.scheduleTrigger',
	'n8n-nodes-base.aggregate',
	'n8n-nodes-base.summarize',
	'n8n-nodes-base.code',
	'n8n-nodes-base.noOp',
	'n8n-nodes-base.stickyNote',
]);
const TRIGGER_TYPES = new Set(['n8n-nodes-auvik.auvikTrigger', 'n8n-nodes-auvik.auvikWebhookTrigger', 'n8n-nodes-base.manualTrigger', 'n8n-nodes-base.scheduleTrigger']);

interface Connection {
	node: string;
	type: string;
	index: number;
}
interface WorkflowFile {
	id: string;
	name: string;
	nodes: Array<INode & { webhookId?: string; onError?: string; retryOnFail?: boolean }>;
	connections: Record<string, { main: Connection[][] }>;
	settings?: IDataObject;
}

function jsonFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? jsonFiles(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : []));
}

const files = jsonFiles(ROOT).map((path) => ({ path: relative(ROOT, path), wf: JSON.parse(readFileSync(path, 'utf8')) as WorkflowFile }));
const byFile = new Map(files.map((f) => [f.path, f.wf]));

function nodeNamed(wf: WorkflowFile, name: string) {
	const n = wf.nodes.find((x) => x.name === name);
	if (!n) throw new Error(`${wf.id}: no node "${name}"`);
	return n;
}

function targets(wf: WorkflowFile, from: string, output = 0): string[] {
	return (wf.connections[from]?.main[output] ?? []).map((c) => c.node);
}

/** Every string in the parameters that holds {{ }} must be an expression (start with =). */
function nonExpressions(value: unknown, path = ''): string[] {
	if (typeof value === 'string') return value.includes('{{') && !value.startsWith('=') ? [path] : [];
	if (Array.isArray(value)) return value.flatMap((v, i) => nonExpressions(v, `${path}[${i}]`));
	if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => nonExpressions(v, `${path}.${k}`));
	return [];
}

/** Parameter names (and collection option names) that the node's description does not show for these values. */
function unknownParameters(description: INodeTypeDescription, node: INode): string[] {
	const full = NodeHelpers.getNodeParameters(description.properties, node.parameters, true, false, node, description) as INodeParameters;
	const problems: string[] = [];
	for (const [key, value] of Object.entries(node.parameters)) {
		if (key === 'pollTimes' && description.polling) continue; // n8n adds it to every polling node
		const shown = description.properties.filter((p) => p.name === key && NodeHelpers.displayParameter(full, p, node, description));
		if (!shown.length) {
			problems.push(key);
			continue;
		}
		const collection = shown.find((p) => p.type === 'collection');
		if (collection && value && typeof value === 'object') {
			const names = new Set((collection.options as INodeProperties[]).map((o) => o.name));
			for (const sub of Object.keys(value)) if (!names.has(sub)) problems.push(`${key}.${sub}`);
		}
		const options = shown.find((p) => p.type === 'options');
		if (options && typeof value === 'string' && !value.startsWith('=')) {
			if (!(options.options ?? []).some((o) => 'value' in o && o.value === value)) problems.push(`${key}=${value}`);
		}
	}
	return problems;
}

describe('example workflows', () => {
	it('there are the three examples, a polling twin of the ticket flow, and a manual-start twin of each', () => {
		expect([...byFile.keys()].sort()).toEqual([
			'alert-to-ticket-polling.json',
			'alert-to-ticket.json',
			'e2e/alert-to-ticket.e2e.json',
			'e2e/nightly-inventory-sync.e2e.json',
			'e2e/weekly-bandwidth-report.e2e.json',
			'nightly-inventory-sync.json',
			'weekly-bandwidth-report.json',
		]);
		const ids = files.map((f) => f.wf.id);
		expect(new Set(ids).size).toBe(ids.length);
	});

	describe.each(files.map((f) => [f.path, f.wf] as const))('%s', (path, wf) => {
		it('is an importable workflow: fixed short id, unique node ids and names, v1 execution order', () => {
			expect(typeof wf.id).toBe('string');
			expect(wf.id.length).toBeGreaterThan(0);
			expect(wf.id.length).toBeLessThanOrEqual(21);
			expect(wf.name).toEqual(expect.any(String));
			expect(wf.settings).toMatchObject({ executionOrder: 'v1' });
			expect(new Set(wf.nodes.map((n) => n.id)).size).toBe(wf.nodes.length);
			expect(new Set(wf.nodes.map((n) => n.name)).size).toBe(wf.nodes.length);
			for (const n of wf.nodes) {
				expect(n).toMatchObject({ id: expect.any(String), name: expect.any(String), type: expect.any(String), typeVersion: expect.any(Number), parameters: expect.any(Object) });
				expect(n.position).toHaveLength(2);
			}
		});

		it('uses only Auvik and known core node types, at the versions the examples were checked with', () => {
			for (const n of wf.nodes) {
				expect([n.type, AUVIK_TYPES[n.type] !== undefined || CORE_TYPES.has(n.type)]).toEqual([n.type, true]);
				if (n.type === 'n8n-nodes-base.httpRequest') expect(n.typeVersion).toBe(4.2);
				if (n.type === 'n8n-nodes-base.if') expect(n.typeVersion).toBe(2);
				if (AUVIK_TYPES[n.type]) expect(n.typeVersion).toBe(1);
			}
		});

		it('has one trigger; every connection joins existing nodes; every other node is reachable from the trigger', () => {
			const triggers = wf.nodes.filter((n) => TRIGGER_TYPES.has(n.type));
			expect(triggers).toHaveLength(1);
			const names = new Set(wf.nodes.map((n) => n.name));
			for (const [from, outputs] of Object.entries(wf.connections)) {
				expect(names.has(from)).toBe(true);
				for (const c of outputs.main.flat()) {
					expect(names.has(c.node)).toBe(true);
					expect(c.type).toBe('main');
				}
			}
			const reached = new Set([triggers[0].name]);
			const queue = [triggers[0].name];
			while (queue.length) for (const c of (wf.connections[queue.shift()!]?.main ?? []).flat()) if (!reached.has(c.node)) (reached.add(c.node), queue.push(c.node));
			const unreached = wf.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote' && !reached.has(n.name)).map((n) => n.name);
			expect(unreached).toEqual([]);
		});

		it('e2e twins start from a Manual Trigger and have ids ending in E2E; the others do not', () => {
			const trigger = wf.nodes.find((n) => TRIGGER_TYPES.has(n.type))!;
			if (path.startsWith('e2e/')) {
				expect(wf.id).toMatch(/E2E$/);
				expect(trigger.type).toBe('n8n-nodes-base.manualTrigger');
			} else {
				expect(wf.id).not.toMatch(/E2E$/);
				expect(trigger.type).not.toBe('n8n-nodes-base.manualTrigger');
			}
		});

		it('every Auvik node uses a catalogue operation, parameters it shows, and the demo credential', () => {
			for (const n of wf.nodes.filter((x) => AUVIK_TYPES[x.type])) {
				if (n.type === 'n8n-nodes-auvik.auvik') {
					const { resource, operation } = n.parameters as { resource: string; operation: string };
					expect([n.name, findOperation(resource, operation)?.operationId]).toEqual([n.name, expect.any(String)]);
					expect(CATALOGUE.some((e) => e.resource === resource && e.operation === operation)).toBe(true);
				}
				expect([n.name, unknownParameters(AUVIK_TYPES[n.type], n)]).toEqual([n.name, []]);
				if (n.type === 'n8n-nodes-auvik.auvikWebhookTrigger') {
					expect(n.credentials).toBeUndefined();
					expect(n.webhookId).toMatch(/^[0-9a-f-]{36}$/);
				} else {
					expect(n.credentials).toEqual(CREDENTIAL);
				}
			}
		});

		it('expressions are marked as expressions; HTTP calls go to the stand-in and retry', () => {
			for (const n of wf.nodes) expect([n.name, nonExpressions(n.parameters)]).toEqual([n.name, []]);
			for (const n of wf.nodes.filter((x) => x.type === 'n8n-nodes-base.httpRequest')) {
				expect(String(n.parameters.url).replace(/^=/, '').startsWith(STAND_IN)).toBe(true);
				expect(n.retryOnFail).toBe(true);
			}
		});
	});

	it('the manual-start twins run the same nodes after the trigger as the examples they stand for', () => {
		const twins: Array<[string, string]> = [
			['alert-to-ticket.json', 'e2e/alert-to-ticket.e2e.json'],
			['alert-to-ticket-polling.json', 'e2e/alert-to-ticket.e2e.json'],
			['nightly-inventory-sync.json', 'e2e/nightly-inventory-sync.e2e.json'],
			['weekly-bandwidth-report.json', 'e2e/weekly-bandwidth-report.e2e.json'],
		];
		const strip = (n: WorkflowFile['nodes'][number]) => ({ ...n, id: undefined, position: undefined });
		for (const [example, twin] of twins) {
			const a = byFile.get(example)!;
			const b = byFile.get(twin)!;
			const trigger = a.nodes.find((n) => TRIGGER_TYPES.has(n.type))!;
			for (const n of a.nodes.filter((x) => x !== trigger && x.type !== 'n8n-nodes-base.stickyNote')) {
				expect(strip(nodeNamed(b, n.name))).toEqual(strip(n));
				expect(b.connections[n.name]).toEqual(a.connections[n.name]);
			}
		}
	});

	it('alert to ticket: triggered opens, cleared closes then dismisses; a non-retryable dismiss error notifies', () => {
		for (const file of ['alert-to-ticket.json', 'alert-to-ticket-polling.json', 'e2e/alert-to-ticket.e2e.json']) {
			const wf = byFile.get(file)!;
			const branch = nodeNamed(wf, 'Triggered?');
			expect((branch.parameters.conditions as IDataObject).conditions).toEqual([
				expect.objectContaining({ leftValue: '={{ $json.event }}', rightValue: 'triggered', operator: { type: 'string', operation: 'equals' } }),
			]);
			expect(targets(wf, 'Triggered?', 0)).toEqual(['Open Ticket']);
			expect(targets(wf, 'Triggered?', 1)).toEqual(['Close Ticket']);
			const open = nodeNamed(wf, 'Open Ticket');
			expect(open.parameters).toMatchObject({ method: 'POST', url: `${STAND_IN}tickets` });
			expect(String(open.parameters.jsonBody)).toContain('externalId: $json.dedupKey');
			const close = nodeNamed(wf, 'Close Ticket');
			expect(close.parameters).toMatchObject({ method: 'PATCH', url: `=${STAND_IN}tickets/{{ encodeURIComponent($json.dedupKey) }}` });
			expect(targets(wf, 'Close Ticket')).toEqual(['Dismiss Alert']);
			const dismiss = nodeNamed(wf, 'Dismiss Alert');
			expect(dismiss.parameters).toMatchObject({ resource: 'alert', operation: 'dismiss', id: { __rl: true, mode: 'id', value: expect.stringContaining('.json.dedupKey') } });
			expect(dismiss.onError).toBe('continueErrorOutput');
			expect(targets(wf, 'Dismiss Alert', 1)).toEqual(['Retryable?']);
			expect(JSON.stringify(nodeNamed(wf, 'Retryable?').parameters)).toContain('$json.details.retryable');
			expect(targets(wf, 'Retryable?', 1)).toEqual(['Notify']);
			expect(nodeNamed(wf, 'Notify').parameters).toMatchObject({ method: 'POST', url: `${STAND_IN}notify` });
		}
		expect(nodeNamed(byFile.get('alert-to-ticket.json')!, 'Auvik Webhook Trigger').parameters).toMatchObject({ events: ['triggered', 'cleared'] });
		expect(nodeNamed(byFile.get('alert-to-ticket-polling.json')!, 'Auvik Trigger').parameters).toMatchObject({ event: 'alertAny' });
	});

	it('inventory sync reads only what changed since the last run; the bandwidth report reads a week of hourly points', () => {
		const sync = nodeNamed(byFile.get('nightly-inventory-sync.json')!, 'Changed Devices');
		expect(sync.parameters).toMatchObject({ resource: 'device', operation: 'getMany', returnAll: true, options: { onlyChangedSinceLastRun: true } });
		expect(findOperation('device', 'getMany')?.incremental).toBe(true);
		expect(nodeNamed(byFile.get('nightly-inventory-sync.json')!, 'Every Night').parameters).toEqual({ rule: { interval: [{ field: 'days', triggerAtHour: 2 }] } });
		const stats = nodeNamed(byFile.get('weekly-bandwidth-report.json')!, 'Interface Bandwidth');
		expect(stats.parameters).toMatchObject({ resource: 'statistics', operation: 'getInterfaceStats', statId: 'bandwidth', timeRange: 'last7Days', interval: 'hour', output: 'points' });
		expect(nodeNamed(byFile.get('weekly-bandwidth-report.json')!, 'Every Monday').parameters).toEqual({ rule: { interval: [{ field: 'weeks', triggerAtDay: [1], triggerAtHour: 6 }] } });
		expect(nodeNamed(byFile.get('weekly-bandwidth-report.json')!, 'Per Interface').parameters).toMatchObject({ fieldsToSplitBy: expect.stringContaining('entityName') });
	});
});
