/** The Auvik node's behaviour inside n8n-core's engine: items, errors, validation, UI helpers. */
import type { IDataObject } from 'n8n-workflow';

import { AuvikApi } from '../../credentials/AuvikApi.credentials';
import { Auvik } from '../../nodes/Auvik/Auvik.node';
import { credentialsFor, jsonOf, runAuvik } from '../helpers/auvik';
import { makeLoadOptionsContext } from '../harness';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';

describe('Auvik node', () => {
	let sim: Simulator;
	beforeAll(async () => (sim = await startSimulator({ tenants: 3, devicesPerTenant: 30, alertsPerTenant: 6 })));
	afterAll(async () => await sim.close());
	beforeEach(() => {
		sim.clearFaults();
		sim.resetRequests();
	});

	describe('items', () => {
		it('runs each input item with its own expression values and pairs the output', async () => {
			const [a, b] = sim.data.devices;
			const result = await runAuvik(
				sim,
				{ resource: 'device', operation: 'get', id: { __rl: true, mode: 'id', value: '={{ $json.deviceId }}' } },
				{ inputItems: [{ deviceId: a.id }, { deviceId: b.id }] },
			);
			expect(jsonOf(result).map((i) => i.id)).toEqual([a.id, b.id]);
			expect(result.outputs[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		});

		it('Simplify flattens a device; off gives the raw JSON:API resource', async () => {
			const device = sim.data.devices[0];
			const tenant = sim.data.tenants.find((t) => t.id === device.tenantId)!;
			const simple = jsonOf(await runAuvik(sim, { resource: 'device', operation: 'get', id: { __rl: true, mode: 'id', value: device.id } }))[0];
			expect(simple).toMatchObject({ id: device.id, type: 'device', deviceName: device.deviceName, deviceType: device.deviceType, tenantId: device.tenantId, tenantDomainPrefix: tenant.domainPrefix });
			expect(simple.attributes).toBeUndefined();
			const raw = jsonOf(await runAuvik(sim, { resource: 'device', operation: 'get', id: { __rl: true, mode: 'id', value: device.id }, simplify: false }))[0];
			expect(raw).toMatchObject({ id: device.id, type: 'device', attributes: { deviceName: device.deviceName } });
			expect((raw.relationships as IDataObject).tenant).toBeDefined();
		});

		it('merges included device details when simplified', async () => {
			const result = await runAuvik(sim, { resource: 'device', operation: 'getMany', limit: 3, filters: { include: ['deviceDetail'] } });
			const items = jsonOf(result);
			expect(sim.requests[0].query.include).toBe('deviceDetail');
			expect(items).toHaveLength(3);
			for (const item of items) expect(item.deviceDetail).toEqual(expect.objectContaining({}));
			expect(Object.keys(items[0].deviceDetail as IDataObject).length).toBeGreaterThan(0);
		});

		it('accepts a device picked by Auvik URL', async () => {
			const device = sim.data.devices[4];
			const result = await runAuvik(sim, { resource: 'device', operation: 'get', id: { __rl: true, mode: 'url', value: `https://auvikapi.us1.my.auvik.com/v1/inventory/device/info/${device.id}` } });
			expect(jsonOf(result)[0].id).toBe(device.id);
		});

		it('dismisses an alert and says so', async () => {
			const alert = sim.data.alerts.find((a) => !a.dismissed)!;
			const result = await runAuvik(sim, { resource: 'alert', operation: 'dismiss', id: { __rl: true, mode: 'id', value: alert.id } });
			expect(jsonOf(result)).toEqual([{ id: alert.id, dismissed: true }]);
			expect(sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`POST /v1/alert/dismiss/${alert.id}`]);
			expect(alert.dismissed).toBe(true);
		});

		it('verifies credentials', async () => {
			expect(jsonOf(await runAuvik(sim, { resource: 'credential', operation: 'verify' }))).toEqual([{ valid: true, baseUrl: sim.url }]);
		});

		it('verify names where the account really is after a 308', async () => {
			const moved = await startSimulator({ tenants: 1, devicesPerTenant: 1 });
			try {
				sim.redirectAll(moved.url);
				const [item] = jsonOf(await runAuvik(sim, { resource: 'credential', operation: 'verify' }));
				expect(item).toMatchObject({ valid: true, baseUrl: moved.url });
				expect(item.notice).toMatch(new RegExp(`request was sent to ${moved.url.replace(/[.]/g, '\\.')}.*Update the region`));
				expect(moved.requests[0]).toMatchObject({ path: '/v1/authentication/verify', authOk: true });
			} finally {
				sim.redirectAll(null);
				await moved.close();
			}
		});

		it('returns client usage as one item per client, with plain dates', async () => {
			const result = await runAuvik(sim, { resource: 'billing', operation: 'getClientUsage', fromDate: '2026-01-01T00:00:00', thruDate: '2026-01-31T00:00:00', returnAll: true });
			expect(sim.requests[0].query).toMatchObject({ 'filter[fromDate]': '2026-01-01', 'filter[thruDate]': '2026-01-31' });
			expect(jsonOf(result).length).toBeGreaterThan(0);
			expect(jsonOf(result)[0].type).toBe('clientUsage');
		});

		it('fills the main domain prefix for tenant details from the tenant list', async () => {
			const result = await runAuvik(sim, { resource: 'tenant', operation: 'getManyDetails', returnAll: true });
			expect(result.status).toBe('success');
			const detail = sim.requests.find((r) => r.path === '/v1/tenants/detail')!;
			expect(detail.query.tenantDomainPrefix).toBe(sim.data.topTenant.domainPrefix);
			expect(jsonOf(result).length).toBe(sim.data.tenants.length);
		});

		it('sends a single tenant to the v2 device list', async () => {
			const result = await runAuvik(sim, { resource: 'device', operation: 'getManyV2', tenant: sim.data.clientTenants[1].id, returnAll: true });
			expect(sim.requests[0].path).toBe('/v2/api/inventory/device/info');
			expect(sim.requests[0].query.tenant).toBe(sim.data.clientTenants[1].id);
			expect(jsonOf(result).length).toBeGreaterThan(0);
		});
	});

	describe('incremental sync ("Only changed since last run")', () => {
		it('sends the previous run time as filter[modifiedAfter] and stores the new one', async () => {
			const staticData: IDataObject = {};
			const params = { resource: 'device', operation: 'getMany', returnAll: true, options: { onlyChangedSinceLastRun: true } };
			const first = await runAuvik(sim, params, { staticData });
			expect(jsonOf(first)).toHaveLength(sim.data.devices.length);
			expect(sim.requests[0].query['filter[modifiedAfter]']).toBeUndefined();
			// n8n keeps node static data under "node:<node name>"
			const lastRun = (first.staticData['node:Auvik'] as IDataObject)['lastRun:device:getMany'];
			expect(String(lastRun)).toMatch(/^\d{4}-\d{2}-\d{2}T/);
			expect(first.staticDataChanged).toBe(true);
			sim.resetRequests();
			const second = await runAuvik(sim, params, { staticData: first.staticData as IDataObject });
			expect(sim.requests[0].query['filter[modifiedAfter]']).toBe(lastRun);
			expect(jsonOf(second)).toHaveLength(0);
		});
	});

	describe('errors', () => {
		it('"Continue (using error output)" puts the failed item on the error output with its facts', async () => {
			const good = sim.data.devices[0];
			const result = await runAuvik(
				sim,
				{ resource: 'device', operation: 'get', id: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
				{ inputItems: [{ id: good.id }, { id: 'no-such-device' }], onError: 'continueErrorOutput' },
			);
			expect(jsonOf(result, 0).map((i) => i.id)).toEqual([good.id]);
			const errors = jsonOf(result, 1);
			expect(errors).toHaveLength(1);
			expect(errors[0].error).toMatch(/found nothing at GET \/v1\/inventory\/device\/info\/no-such-device \(404\)/);
			expect(errors[0].details).toMatchObject({ httpCode: 404, retryable: false, itemIndex: 1 });
			expect(result.outputs[1][0].pairedItem).toEqual({ item: 1 });
		});

		it('without continue the node fails with the mapped NodeApiError', async () => {
			const result = await runAuvik(sim, { resource: 'device', operation: 'get', id: { __rl: true, mode: 'id', value: 'nope' } });
			expect(result.status).toBe('error');
			const error = result.nodeError as unknown as IDataObject;
			expect(error.message).toMatch(/\(404\)/);
			expect(String(error.httpCode)).toBe('404');
			expect(String(error.description)).toMatch(/Check the ID/);
			// n8n 2.x reads this to tell permanent from transient failures
			expect(error.failure).toEqual({ cause: 'configuration-invalid' });
		});

		// Empty values come from expressions here: n8n itself refuses to start a node whose required field is literally empty.
		it.each([
			[{ resource: 'device', operation: 'getManyExtendedDetails', deviceType: '={{ "" }}' }, /"Device Type" is required/],
			[{ resource: 'device', operation: 'getMany', filters: { onlineStatus: 'sleeping' } }, /"Online Status" has a value Auvik does not accept: "sleeping"/],
			[{ resource: 'alert', operation: 'getMany', filters: { detectedTimeAfter: 'yesterday-ish' } }, /"Detected Time After" is not a valid date/],
			[{ resource: 'snmpPoller', operation: 'getManySettings', tenants: '={{ [] }}' }, /"Tenant Names or IDs" is required/],
			[{ resource: 'statistics', operation: 'getComponentStats', componentType: 'fan', statId: 'temperature' }, /"Statistic" temperature does not exist for "Component Type" fan/],
			[{ resource: 'device', operation: 'get', id: { __rl: true, mode: 'id', value: '={{ $json.missing }}' } }, /"Device ID" is empty/],
		])('rejects bad input before any request: %j', async (parameters, message) => {
			const result = await runAuvik(sim, parameters, { onError: 'continueRegularOutput' });
			expect(sim.requests).toHaveLength(0);
			expect(jsonOf(result)[0].error).toMatch(message);
			expect(jsonOf(result)[0].details).toMatchObject({ retryable: false, itemIndex: 0 });
		});
	});

	describe('editor helpers', () => {
		const ctx = () =>
			makeLoadOptionsContext({ nodeType: new Auvik(), credentials: { auvikApi: credentialsFor(sim) }, credentialTypes: [new AuvikApi()] });

		it('lists tenants for the dropdown', async () => {
			const options = await new Auvik().methods.loadOptions.getTenants.call(ctx());
			expect(options.map((o) => o.value).sort()).toEqual(sim.data.tenants.map((t) => t.id).sort());
			expect(options.find((o) => o.value === sim.data.topTenant.id)?.name).toContain(sim.data.topTenant.domainPrefix);
		});

		it('searches devices page by page with Auvik cursors', async () => {
			const big = await startSimulator({ tenants: 1, devicesPerTenant: 250 });
			try {
				const context = makeLoadOptionsContext({ nodeType: new Auvik(), credentials: { auvikApi: credentialsFor(big) }, credentialTypes: [new AuvikApi()] });
				const search = new Auvik().methods.listSearch.searchDevices;
				const first = await search.call(context);
				expect(first.results).toHaveLength(200);
				expect(first.paginationToken).toBeTruthy();
				const second = await search.call(context, undefined, first.paginationToken as string);
				expect(second.results).toHaveLength(50);
				expect(second.paginationToken).toBeUndefined();
				expect(new Set([...first.results, ...second.results].map((r) => r.value)).size).toBe(250);
				const device = big.data.devices[7];
				const found = await search.call(context, device.deviceName);
				expect(found.results.map((r) => r.value)).toContain(device.id);
			} finally {
				await big.close();
			}
		});
	});
});
