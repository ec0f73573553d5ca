/**
 * Auvik Trigger (polling) inside n8n-core's real PollContext, against the loopback simulator over
 * real HTTP. The core promise: every alert is emitted exactly once, across polls, late alerts,
 * restarts and seen-set pruning. Each scenario books what it expected and what it got in a
 * ledger; the file prints delivered / duplicated / missed once at the end (both must be 0).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { AuvikApi } from '../../credentials/AuvikApi.credentials';
import { resetBudgets } from '../../nodes/Auvik/transport/rateBudget';
import { AuvikTrigger } from '../../nodes/AuvikTrigger/AuvikTrigger.node';
import { makePollContext } from '../harness';
import { credentialsFor } from '../helpers/auvik';
import type { AddAlertInput, Simulator } from '../simulator';
import { startSimulator } from '../simulator';

const MIN = 60_000;
const TRIGGER_TYPE = 'n8n-nodes-auvik.auvikTrigger';

/** What one scenario expected and what the trigger emitted, by alert ID. */
class Ledger {
	readonly expected = new Set<string>();
	readonly emitted = new Map<string, number>();

	expect(id: string): void {
		this.expected.add(id);
	}

	record(items: IDataObject[]): void {
		for (const item of items) {
			const id = String(item.alertId ?? item.id);
			this.emitted.set(id, (this.emitted.get(id) ?? 0) + 1);
		}
	}

	get delivered(): number {
		return [...this.expected].filter((id) => this.emitted.has(id)).length;
	}

	get duplicated(): number {
		return [...this.emitted.values()].reduce((sum, n) => sum + n - 1, 0);
	}

	get missed(): string[] {
		return [...this.expected].filter((id) => !this.emitted.has(id));
	}

	get unexpected(): string[] {
		return [...this.emitted.keys()].filter((id) => !this.expected.has(id));
	}
}

const totals = { scenarios: 0, polls: 0, delivered: 0, duplicated: 0, missed: 0, unexpected: 0 };

function settle(ledger: Ledger): void {
	totals.scenarios++;
	totals.delivered += ledger.delivered;
	totals.duplicated += ledger.duplicated;
	totals.missed += ledger.missed.length;
	totals.unexpected += ledger.unexpected.length;
	expect({ duplicated: ledger.duplicated, missed: ledger.missed, unexpected: ledger.unexpected }).toEqual({ duplicated: 0, missed: [], unexpected: [] });
}

/** A tiny deterministic PRNG so the scenarios are the same on every run. */
function prng(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (s * 1664525 + 1013904223) >>> 0;
		return s / 2 ** 32;
	};
}

describe('Auvik Trigger (polling)', () => {
	// a fresh simulator per test, so each scenario sees only its own alerts
	let sim: Simulator;
	beforeEach(async () => {
		resetBudgets();
		sim = await startSimulator({ tenants: 2, devicesPerTenant: 8, alertsPerTenant: 0 });
	});
	afterEach(async () => await sim.close());
	afterAll(() => {
		console.log(
			`Auvik Trigger polling: ${totals.scenarios} scenarios, ${totals.polls} polls; alerts delivered ${totals.delivered}, duplicated ${totals.duplicated}, missed ${totals.missed}, unexpected ${totals.unexpected}`,
		);
	});

	/** One poll as n8n runs it; null when the trigger returned null. */
	async function poll(parameters: INodeParameters, staticData: IDataObject, mode: 'trigger' | 'manual' = 'trigger', credentials?: IDataObject): Promise<IDataObject[] | null> {
		const ctx = makePollContext({
			nodeType: new AuvikTrigger(),
			nodeTypeName: TRIGGER_TYPE,
			parameters,
			credentials: { auvikApi: credentialsFor(sim, credentials) },
			credentialTypes: [new AuvikApi()],
			staticData,
			mode,
		});
		totals.polls++;
		const out = await new AuvikTrigger().poll.call(ctx);
		if (out === null) return null;
		expect(out).toHaveLength(1);
		return out[0].map((i) => i.json);
	}

	const itemsOf = (out: IDataObject[] | null): IDataObject[] => out ?? [];

	/** Adds an alert to the simulator and returns its ID. */
	function add(input: AddAlertInput): string {
		return sim.addAlert(input).id;
	}

	function alertQueries(): Array<Record<string, string>> {
		return sim.requests.filter((r) => r.path === '/v1/alert/history/info').map((r) => r.query as Record<string, string>);
	}

	/** Activates: the first poll emits nothing and sets the cursor. */
	async function activate(parameters: INodeParameters, staticData: IDataObject): Promise<void> {
		expect(await poll(parameters, staticData)).toBeNull();
		expect(typeof staticData.lastPollStart).toBe('string');
	}

	const NEW_ALERTS: INodeParameters = { event: 'alertTriggered' };

	describe('exactly once', () => {
		it('delivers alerts arriving over several polls once each, including late ones inside the overlap and across restarts', async () => {
			const ledger = new Ledger();
			const rand = prng(7);
			let state: IDataObject = {};
			await activate(NEW_ALERTS, state);
			let previousPollStart = Date.parse(String(state.lastPollStart));
			for (let round = 1; round <= 8; round++) {
				const now = Date.now();
				// alerts detected since the last poll (a few ms to a few s ago)
				for (let i = 0; i < 3; i++) ledger.expect(add({ detectedOn: now - Math.floor(rand() * 3000), severity: 'warning' }));
				// late alerts: Auvik stores them now with a detection time before the previous poll start, inside the 15-minute overlap
				if (round % 2 === 0) ledger.expect(add({ detectedOn: previousPollStart - Math.floor((1 + rand() * 12) * MIN), severity: 'critical' }));
				// detected "during" the poll / clock skew: a little after this poll starts, so the next poll sees it again
				if (round % 3 === 0) ledger.expect(add({ detectedOn: now + 2000 }));
				// clearing alerts are not New Alert events
				if (round === 4) add({ status: 'resolved', relatedAlertId: [...ledger.expected][0] });
				// restart: n8n saves the static data as JSON and loads it again
				if (round % 3 === 1) state = structuredClone(state);
				const expectedAfter = new Date(Date.parse(String(state.lastPollStart)) - 15 * MIN).toISOString();
				sim.resetRequests();
				const items = itemsOf(await poll(NEW_ALERTS, state));
				expect(alertQueries().map((q) => q['filter[detectedTimeAfter]'])).toEqual([expectedAfter]);
				ledger.record(items);
				expect(items.every((i) => i.event === 'triggered')).toBe(true);
				// an immediate second poll finds nothing new
				if (round % 4 === 0) expect(await poll(NEW_ALERTS, state)).toBeNull();
				previousPollStart = Date.parse(String(state.lastPollStart));
			}
			expect(ledger.expected.size).toBe(8 * 3 + 4 + 2);
			settle(ledger);
		});

		it('asks for alerts after (previous poll start − overlap) and keeps only what the next poll can return again', async () => {
			const state: IDataObject = {};
			const params = { ...NEW_ALERTS, options: { overlapMinutes: 10 } };
			await activate(params, state);
			const first = Date.parse(String(state.lastPollStart));
			const ledger = new Ledger();
			ledger.expect(add({ detectedOn: first - 4 * MIN })); // late, inside the 10-minute overlap
			ledger.expect(add({ detectedOn: Date.now() }));
			add({ detectedOn: first - 11 * MIN }); // stored later than the overlap: out of reach (the limit the overlap sets)
			sim.resetRequests();
			ledger.record(itemsOf(await poll(params, state)));
			expect(alertQueries()[0]['filter[detectedTimeAfter]']).toBe(new Date(first - 10 * MIN).toISOString());
			expect(alertQueries()[0]['filter[status]']).toBe('created');
			expect(Object.keys(state.seen as IDataObject).sort()).toEqual([...ledger.expected].sort());
			settle(ledger);
		});

		it('a poll right after delivery, and one after a restart, emit nothing again', async () => {
			const state: IDataObject = {};
			await activate(NEW_ALERTS, state);
			const ledger = new Ledger();
			for (let i = 0; i < 3; i++) ledger.expect(add({ detectedOn: Date.now() - i }));
			ledger.record(itemsOf(await poll(NEW_ALERTS, state)));
			ledger.record(itemsOf(await poll(NEW_ALERTS, structuredClone(state))));
			settle(ledger);
		});

		it('stays exactly-once over two simulated hours of one-minute polls with alerts stored up to 12 minutes late, seen-set pruning and restarts', async () => {
			const rand = prng(42);
			const start = Math.floor(Date.now() / MIN) * MIN;
			let clock = start;
			const spy = jest.spyOn(Date, 'now').mockImplementation(() => clock);
			try {
				const ledger = new Ledger();
				let state: IDataObject = {};
				const params = { event: 'alertAny' };
				clock += 1000;
				await activate(params, state);
				// alerts detected during the first 100 minutes; each is stored 0..12 minutes after its detection
				const pending: Array<{ detectedOn: number; storedAt: number; status: 'created' | 'resolved' }> = [];
				for (let m = 0; m < 100; m++) {
					const n = Math.floor(rand() * 4);
					for (let i = 0; i < n; i++) {
						const detectedOn = start + m * MIN + 1000 + Math.floor(rand() * 59_000);
						const late = rand() < 0.4 ? Math.floor(rand() * 12 * MIN) : Math.floor(rand() * 5000);
						pending.push({ detectedOn, storedAt: detectedOn + late, status: 'created' });
					}
				}
				const opened: string[] = [];
				let maxSeen = 0;
				for (let k = 1; k <= 120; k++) {
					clock = start + k * MIN + 1000;
					for (const p of pending.filter((x) => x.storedAt <= clock)) {
						const clears = p.status === 'created' && opened.length > 3 && rand() < 0.2 ? opened.shift() : undefined;
						ledger.expect(add({ detectedOn: p.detectedOn, ...(clears ? { status: 'resolved', relatedAlertId: clears } : {}) }));
						if (!clears) opened.push([...ledger.expected].pop()!);
					}
					pending.splice(0, pending.length, ...pending.filter((x) => x.storedAt > clock));
					if (k % 7 === 0) state = structuredClone(state);
					ledger.record(itemsOf(await poll(params, state)));
					maxSeen = Math.max(maxSeen, Object.keys(state.seen as IDataObject).length);
				}
				expect(pending).toHaveLength(0);
				expect(ledger.expected.size).toBeGreaterThan(100);
				// the seen set holds only the last 15 minutes of alerts, not all of them
				expect(maxSeen).toBeLessThan(ledger.expected.size / 3);
				expect(Object.keys(state.seen as IDataObject)).toHaveLength(0);
				settle(ledger);
			} finally {
				spy.mockRestore();
			}
		});

		it('survives a failed poll: the cursor stays, the next poll delivers what the failed one would have', async () => {
			const state: IDataObject = {};
			await activate(NEW_ALERTS, state);
			const ledger = new Ledger();
			ledger.expect(add({ detectedOn: Date.now() }));
			const before = structuredClone(state);
			sim.failNext({ status: 400, path: '/v1/alert/history/info' });
			await expect(poll(NEW_ALERTS, state)).rejects.toThrow(/400/);
			expect(state).toEqual(before);
			ledger.record(itemsOf(await poll(NEW_ALERTS, state)));
			settle(ledger);
		});

		it('a wrong API key fails the poll with the credential message and leaves the static data alone', async () => {
			const state: IDataObject = {};
			await activate(NEW_ALERTS, state);
			const before = structuredClone(state);
			await expect(poll(NEW_ALERTS, state, 'trigger', { apiKey: 'wrong' })).rejects.toThrow(/username or API key/);
			expect(state).toEqual(before);
		});
	});

	describe('activation, backfill and manual mode', () => {
		it('first activation returns null, sets the cursor and never emits alerts that were already visible', async () => {
			const already = add({ detectedOn: Date.now() - 5 * MIN });
			const state: IDataObject = {};
			const t0 = Date.now();
			await activate(NEW_ALERTS, state);
			expect(Date.parse(String(state.lastPollStart))).toBeGreaterThanOrEqual(t0);
			expect(Date.parse(String(state.lastPollStart))).toBeLessThanOrEqual(Date.now());
			expect(state.seen).toHaveProperty([already]);
			const ledger = new Ledger();
			ledger.expect(add({ detectedOn: Date.now() }));
			ledger.record(itemsOf(await poll(NEW_ALERTS, state)));
			settle(ledger);
		});

		it('with overlap 0 the first activation sends no request at all', async () => {
			const state: IDataObject = {};
			await activate({ ...NEW_ALERTS, options: { overlapMinutes: 0 } }, state);
			expect(alertQueries()).toHaveLength(0);
			expect(state.seen).toEqual({});
		});

		it('backfill emits the past minutes on the first run, then continues without duplicates', async () => {
			const params = { ...NEW_ALERTS, options: { backfillMinutes: 60 } };
			const ledger = new Ledger();
			ledger.expect(add({ detectedOn: Date.now() - 30 * MIN }));
			ledger.expect(add({ detectedOn: Date.now() - 2 * MIN }));
			const tooOld = add({ detectedOn: Date.now() - 90 * MIN });
			const state: IDataObject = {};
			const t0 = Date.now();
			const first = itemsOf(await poll(params, state));
			ledger.record(first);
			const after = Date.parse(alertQueries()[0]['filter[detectedTimeAfter]']);
			expect(after).toBeGreaterThanOrEqual(t0 - 60 * MIN);
			expect(after).toBeLessThanOrEqual(Date.now() - 60 * MIN);
			expect(first.map((i) => i.alertId)).not.toContain(tooOld);
			// oldest first
			expect(first.map((i) => i.alertId)).toEqual([...ledger.expected]);
			ledger.expect(add({ detectedOn: Date.now() }));
			ledger.record(itemsOf(await poll(params, state)));
			ledger.record(itemsOf(await poll(params, structuredClone(state))));
			settle(ledger);
		});

		it('manual mode ("Fetch Test Event") returns the latest alerts, newest first, and does not change the static data', async () => {
			const ids = [5, 4, 3, 2, 1, 0].map((m) => add({ detectedOn: Date.now() - m * MIN - 500, name: `Manual ${m}` }));
			const fresh: IDataObject = {};
			const out = itemsOf(await poll(NEW_ALERTS, fresh, 'manual'));
			expect(out.map((i) => i.alertId)).toEqual(ids.slice(-5).reverse());
			expect(fresh).toEqual({});

			const state: IDataObject = {};
			await activate(NEW_ALERTS, state);
			const before = structuredClone(state);
			add({ detectedOn: Date.now() });
			expect(itemsOf(await poll(NEW_ALERTS, state, 'manual'))).toHaveLength(5);
			expect(state).toEqual(before);
			// the alert the manual fetch showed is still delivered by the active trigger
			expect(itemsOf(await poll(NEW_ALERTS, state))).toHaveLength(1);
		});
	});

	describe('items and filters', () => {
		it('Alert Cleared items carry the dedupKey of the alert they clear', async () => {
			const params = { event: 'alertAny' };
			const state: IDataObject = {};
			await activate(params, state);
			const ledger = new Ledger();
			const trigger = add({ detectedOn: Date.now() - 1000, severity: 'critical', name: 'Device Offline', externalTicket: [{ id: 'T-1', system: 'psa' }] });
			ledger.expect(trigger);
			const [triggered] = itemsOf(await poll(params, state));
			ledger.record([triggered]);
			const tenant = sim.index.alerts.get(trigger)!.tenantId;
			expect(triggered).toMatchObject({
				dedupKey: trigger,
				event: 'triggered',
				alertId: trigger,
				relatedAlertId: null,
				status: 'created',
				severity: 'critical',
				severityNumber: 2,
				name: 'Device Offline',
				entityType: 'device',
				tenantId: tenant,
				dispatched: true,
				dismissed: false,
				externalTicket: [{ id: 'T-1', system: 'psa' }],
				source: 'poll',
			});
			expect(triggered.description).toEqual(expect.stringContaining('Device Offline'));
			expect(triggered.dashboardUrl).toEqual(expect.stringContaining(trigger));
			expect(Date.parse(String(triggered.detectedOn))).toBe(Date.parse(sim.index.alerts.get(trigger)!.detectedOn));

			const clearing = add({ detectedOn: Date.now(), status: 'resolved', relatedAlertId: trigger });
			ledger.expect(clearing);
			const [cleared] = itemsOf(await poll(params, state));
			ledger.record([cleared]);
			expect(cleared).toMatchObject({ dedupKey: trigger, event: 'cleared', alertId: clearing, relatedAlertId: trigger, status: 'resolved', severity: 'critical' });
			settle(ledger);

			// the Alert Cleared event asks Auvik for resolved alerts only
			sim.resetRequests();
			const onlyCleared: IDataObject = {};
			await activate({ event: 'alertCleared' }, onlyCleared);
			expect(alertQueries()[0]['filter[status]']).toBe('resolved');
			const again = add({ detectedOn: Date.now(), severity: 'warning' });
			const clearAgain = add({ detectedOn: Date.now(), status: 'resolved', relatedAlertId: again });
			const out = itemsOf(await poll({ event: 'alertCleared' }, onlyCleared));
			expect(out.map((i) => [i.alertId, i.dedupKey])).toEqual([[clearAgain, again]]);
		});

		it('one severity is filtered by Auvik (filter[severity]); several are filtered after one request', async () => {
			const one = { ...NEW_ALERTS, filters: { severities: ['critical'] } };
			const several = { ...NEW_ALERTS, filters: { severities: ['critical', 'emergency'] } };
			const s1: IDataObject = {};
			const s2: IDataObject = {};
			await activate(one, s1);
			await activate(several, s2);
			const critical = add({ detectedOn: Date.now(), severity: 'critical' });
			const emergency = add({ detectedOn: Date.now(), severity: 'emergency' });
			add({ detectedOn: Date.now(), severity: 'warning' });
			add({ detectedOn: Date.now(), severity: 'info' });
			sim.resetRequests();
			expect(itemsOf(await poll(one, s1)).map((i) => i.alertId)).toEqual([critical]);
			expect(alertQueries()[0]['filter[severity]']).toBe('critical');
			sim.resetRequests();
			const many = itemsOf(await poll(several, s2));
			expect(many.map((i) => i.alertId).sort()).toEqual([critical, emergency].sort());
			expect(many.map((i) => i.severityNumber).sort()).toEqual([1, 2]);
			expect(alertQueries()[0]).not.toHaveProperty(['filter[severity]']);
		});

		it('sends tenants, alert definition, dismissed and dispatched as Auvik filters', async () => {
			const tenant = sim.data.clientTenants[1];
			const params = { ...NEW_ALERTS, tenants: [tenant.id], filters: { alertDefinitionId: 'def-1', dismissed: false, dispatched: true } };
			const state: IDataObject = {};
			await activate(params, state);
			expect(alertQueries()[0]).toMatchObject({ tenants: tenant.id, 'filter[alertDefinitionId]': 'def-1', 'filter[dismissed]': 'false', 'filter[dispatched]': 'true' });
			const match = add({ detectedOn: Date.now(), tenantId: tenant.id, alertDefinitionId: 'def-1', dispatched: true });
			add({ detectedOn: Date.now(), tenantId: tenant.id, alertDefinitionId: 'def-1', dispatched: false });
			add({ detectedOn: Date.now(), tenantId: tenant.id, alertDefinitionId: 'def-2', dispatched: true });
			add({ detectedOn: Date.now(), tenantId: sim.data.clientTenants[0].id, alertDefinitionId: 'def-1', dispatched: true });
			add({ detectedOn: Date.now(), tenantId: tenant.id, alertDefinitionId: 'def-1', dispatched: true, dismissed: true });
			expect(itemsOf(await poll(params, state)).map((i) => i.alertId)).toEqual([match]);
		});
	});

	describe('device and network changes', () => {
		it('Device Changed emits a changed device once per change', async () => {
			const params = { event: 'deviceChanged' };
			const state: IDataObject = {};
			// a device changed before activation is not an event after it
			const before = sim.data.devices[0];
			before.lastModified = new Date(Date.now() - 3 * MIN).toISOString();
			await activate(params, state);
			expect(sim.requests[0].path).toBe('/v1/inventory/device/info');
			expect(itemsOf(await poll(params, state))).toEqual([]);

			const device = sim.data.devices[3];
			device.lastModified = new Date(Date.now() - 100).toISOString();
			sim.resetRequests();
			const out = itemsOf(await poll(params, state));
			expect(out.map((i) => i.id)).toEqual([device.id]);
			expect(out[0]).toMatchObject({ id: device.id, type: 'device', deviceName: device.deviceName, lastModified: device.lastModified });
			expect(Date.parse(String(sim.requests[0].query['filter[modifiedAfter]']))).toBeLessThan(Date.parse(device.lastModified));
			// still inside the overlap window, but already delivered
			expect(await poll(params, structuredClone(state))).toBeNull();
			// changed again: a new event
			device.lastModified = new Date(Date.now()).toISOString();
			expect(itemsOf(await poll(params, state)).map((i) => i.id)).toEqual([device.id]);
			expect(await poll(params, state)).toBeNull();
		});

		it('Network Changed reads networks; manual mode returns at most 5 without touching the static data', async () => {
			const network = sim.data.networks[2];
			network.lastModified = new Date(Date.now() - 100).toISOString();
			const params = { event: 'networkChanged' };
			const state: IDataObject = {};
			const manual = itemsOf(await poll(params, state, 'manual'));
			expect(manual.length).toBeGreaterThan(0);
			expect(manual.length).toBeLessThanOrEqual(5);
			expect(state).toEqual({});
			expect(sim.requests.every((r) => r.path === '/v1/inventory/network/info')).toBe(true);
			await activate(params, state);
			network.lastModified = new Date(Date.now()).toISOString();
			expect(itemsOf(await poll(params, state)).map((i) => i.id)).toEqual([network.id]);
		});
	});
});
