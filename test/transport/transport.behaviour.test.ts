/**
 * The transport, driven through the real Auvik node inside n8n-core's engine, over real HTTP
 * to the loopback simulator. Request counts come from the simulator's own log.
 */
import { credentialsFor, jsonOf, runAuvik, serialise, testCredential } from '../helpers/auvik';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';

const devices = (extra: Record<string, unknown> = {}) => ({ resource: 'device', operation: 'getMany', ...extra });
const list = (sim: Simulator, path: string) => sim.requests.filter((r) => r.path === path);

describe('credential test (Verify Credentials)', () => {
	let sim: Simulator;
	beforeAll(async () => (sim = await startSimulator({ tenants: 1, devicesPerTenant: 1 })));
	afterAll(async () => await sim.close());
	beforeEach(() => {
		sim.clearFaults();
		sim.redirectAll(null);
		sim.resetRequests();
	});

	it('says OK for valid credentials, with the API key trimmed', async () => {
		const result = await testCredential(credentialsFor(sim, { apiKey: `  ${sim.credentials.apiKey}\n`, baseUrl: `${sim.url}/v1/` }));
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sim.requests).toHaveLength(1);
		expect(sim.requests[0]).toMatchObject({ path: '/v1/authentication/verify', authOk: true });
	});

	it('names the username or API key on 401', async () => {
		const result = await testCredential(credentialsFor(sim, { apiKey: 'wrong-key' }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/username or API key \(401\)/);
	});

	it('names the region problem on 308', async () => {
		sim.redirectAll('https://auvikapi.us3.my.auvik.com');
		const result = await testCredential(credentialsFor(sim));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/Wrong region \(308\)/);
		expect(sim.requests).toHaveLength(1);
	});

	it('reports an unreachable host', async () => {
		const result = await testCredential(credentialsFor(sim, { baseUrl: 'http://127.0.0.1:1' }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/ECONNREFUSED|refused/i);
	});
});

describe('transport over real HTTP', () => {
	let sim: Simulator;
	let other: Simulator;
	beforeAll(async () => {
		sim = await startSimulator({ tenants: 5, devicesPerTenant: 469 }); // 2,345 devices
		other = await startSimulator({ tenants: 5, devicesPerTenant: 469 });
	});
	afterAll(async () => {
		await sim.close();
		await other.close();
	});
	beforeEach(() => {
		for (const s of [sim, other]) {
			s.clearFaults();
			s.redirectAll(null);
			s.resetRequests();
		}
	});

	it('Return All reads 2,345 devices at page size 1000 in exactly 3 requests, every item once', async () => {
		const result = await runAuvik(sim, devices({ returnAll: true, options: { pageSize: 1000 } }));
		const items = jsonOf(result);
		expect(result.status).toBe('success');
		expect(items).toHaveLength(2345);
		expect(new Set(items.map((i) => i.id)).size).toBe(2345);
		expect(new Set(items.map((i) => i.id))).toEqual(new Set(sim.data.devices.map((d) => d.id)));
		const requests = list(sim, '/v1/inventory/device/info');
		expect(requests).toHaveLength(3);
		expect(requests.map((r) => r.query['page[first]'])).toEqual(['1000', '1000', '1000']);
		expect(requests[0].query['page[after]']).toBeUndefined();
		expect(requests[1].query['page[after]']).toBeTruthy();
		expect(requests.every((r) => r.authOk)).toBe(true);
		expect(result.outputs[0].every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('Limit 10 is one request with page[first]=10', async () => {
		const result = await runAuvik(sim, devices({ returnAll: false, limit: 10 }));
		expect(jsonOf(result)).toHaveLength(10);
		const requests = list(sim, '/v1/inventory/device/info');
		expect(requests).toHaveLength(1);
		expect(requests[0].query['page[first]']).toBe('10');
	});

	it('keeps filters and tenants on every page', async () => {
		const tenants = sim.data.clientTenants.slice(0, 2).map((t) => t.id);
		const expected = sim.data.devices.filter((d) => tenants.includes(d.tenantId) && d.deviceType === 'switch');
		expect(expected.length).toBeGreaterThan(3);
		const result = await runAuvik(sim, devices({ returnAll: true, tenants, filters: { deviceType: 'switch' }, options: { pageSize: 2 } }));
		const items = jsonOf(result);
		expect(items.map((i) => i.id).sort()).toEqual(expected.map((d) => d.id).sort());
		const requests = list(sim, '/v1/inventory/device/info');
		expect(requests).toHaveLength(Math.ceil(expected.length / 2));
		for (const r of requests) {
			expect(r.query['filter[deviceType]']).toBe('switch');
			expect(r.query.tenants).toBe(tenants.join(','));
		}
	});

	it('an empty result is 0 items and no error', async () => {
		const result = await runAuvik(sim, devices({ returnAll: true, filters: { modifiedAfter: '2999-01-01T00:00:00Z' } }));
		expect(result.status).toBe('success');
		expect(result.outputs[0]).toHaveLength(0);
		expect(list(sim, '/v1/inventory/device/info')[0].query['filter[modifiedAfter]']).toBe('2999-01-01T00:00:00.000Z');
	});

	it('follows a 308 once, with credentials, and sends later requests straight to the new host', async () => {
		sim.redirectAll(other.url);
		const result = await runAuvik(sim, devices({ returnAll: true, options: { pageSize: 1000 } }), {
			inputItems: [{}, {}],
		});
		expect(result.status).toBe('success');
		expect(jsonOf(result)).toHaveLength(2 * 2345);
		expect(sim.requests).toHaveLength(1);
		expect(sim.requests[0].status).toBe(308);
		expect(other.requests).toHaveLength(6);
		expect(other.requests.every((r) => r.authOk)).toBe(true);
		const hints = JSON.stringify(result.taskData?.hints ?? []);
		expect(hints).toMatch(/update the region in the Auvik credential/i);
	});

	it('refuses a redirect to a foreign host and sends it nothing', async () => {
		sim.redirectAll(other.url.replace('127.0.0.1', 'localhost'));
		const result = await runAuvik(sim, devices({ returnAll: true }));
		expect(result.status).toBe('error');
		expect((result.nodeError as Error).message).toMatch(/not an Auvik API host; the credentials were not sent there/);
		expect(other.requests).toHaveLength(0);
	});

	it.each([
		[400, /invalid \(400\)/, false],
		[401, /username or API key \(401\)/, false],
		[403, /refused access \(403\)/, false],
		[404, /found nothing .* \(404\)/, false],
	])('%i is mapped, not retried, and sent exactly once', async (status, message, retryable) => {
		sim.failNext({ status, count: 10, path: '/v1/inventory/device/info', body: { errors: [{ status: String(status), title: 'Sim says', detail: 'filter[bogus] is not known' }] } });
		const result = await runAuvik(sim, devices({ limit: 5 }), { onError: 'continueRegularOutput' });
		expect(list(sim, '/v1/inventory/device/info')).toHaveLength(1);
		const [item] = jsonOf(result);
		expect(item.error).toMatch(message);
		expect(item.details).toMatchObject({ httpCode: status, retryable, attempts: 1, request: 'GET /v1/inventory/device/info' });
		expect((item.details as { auvikErrors: unknown[] }).auvikErrors).toEqual([{ status: String(status), title: 'Sim says', detail: 'filter[bogus] is not known' }]);
		expect(String((item.details as { description: string }).description)).toMatch(/filter\[bogus\] is not known/);
	});

	it('a 401 costs one request, not n8n\'s default two', async () => {
		const result = await runAuvik(sim, devices({ limit: 5 }), { credentials: credentialsFor(sim, { apiKey: 'wrong' }) });
		expect(result.status).toBe('error');
		expect(sim.requests).toHaveLength(1);
		expect(sim.requests[0].status).toBe(401);
	});

	it('retries 500 with backoff and succeeds', async () => {
		sim.failNext({ status: 500, count: 2, path: '/v1/inventory/device/info' });
		const result = await runAuvik(sim, devices({ limit: 5 }));
		expect(result.status).toBe('success');
		expect(jsonOf(result)).toHaveLength(5);
		const requests = list(sim, '/v1/inventory/device/info');
		expect(requests.map((r) => r.status)).toEqual([500, 500, 200]);
		expect(requests[1].at - requests[0].at).toBeGreaterThanOrEqual(200);
		expect(requests[2].at - requests[1].at).toBeGreaterThanOrEqual(400);
	});

	it('gives up after the retries with retryable: true', async () => {
		sim.failNext({ status: 503, count: 10, path: '/v1/inventory/device/info' });
		const result = await runAuvik(sim, devices({ limit: 5, options: { maxRetries: 2 } }), { onError: 'continueRegularOutput' });
		expect(list(sim, '/v1/inventory/device/info')).toHaveLength(3);
		expect(jsonOf(result)[0]).toMatchObject({ details: { httpCode: 503, retryable: true, attempts: 3 } });
	});

	it('honours Retry-After on 429', async () => {
		sim.failNext({ status: 429, count: 1, retryAfter: '2', path: '/v1/inventory/device/info' });
		const result = await runAuvik(sim, devices({ limit: 5 }));
		expect(result.status).toBe('success');
		const requests = list(sim, '/v1/inventory/device/info');
		expect(requests).toHaveLength(2);
		expect(requests[1].at - requests[0].at).toBeGreaterThanOrEqual(1900);
	});

	it('retries a dropped connection on GET', async () => {
		sim.dropNext({ count: 1, path: '/v1/inventory/device/info' });
		const result = await runAuvik(sim, devices({ limit: 3 }));
		expect(result.status).toBe('success');
		expect(list(sim, '/v1/inventory/device/info')).toHaveLength(2);
	});

	it('times out a slow answer with a clear, retryable error', async () => {
		sim.slowNext({ delayMs: 2500, count: 5, path: '/v1/inventory/device/info' });
		const result = await runAuvik(sim, devices({ limit: 3, options: { timeout: 1, maxRetries: 0 } }), { onError: 'continueRegularOutput' });
		const [item] = jsonOf(result);
		expect(item.error).toMatch(/did not answer GET \/v1\/inventory\/device\/info within 1 s/);
		expect(item.details).toMatchObject({ httpCode: 0, retryable: true });
	});

	it('dismiss (POST) is not retried after a 500, but is after a 503', async () => {
		const alert = sim.data.alerts[0];
		sim.failNext({ status: 500, count: 1, path: `/v1/alert/dismiss/${alert.id}` });
		const failed = await runAuvik(sim, { resource: 'alert', operation: 'dismiss', id: { __rl: true, mode: 'id', value: alert.id } }, { onError: 'continueRegularOutput' });
		expect(jsonOf(failed)[0]).toMatchObject({ details: { httpCode: 500, retryable: true, attempts: 1 } });
		sim.resetRequests();
		sim.failNext({ status: 503, count: 1, path: `/v1/alert/dismiss/${alert.id}` });
		const ok = await runAuvik(sim, { resource: 'alert', operation: 'dismiss', id: { __rl: true, mode: 'id', value: alert.id } });
		expect(jsonOf(ok)).toEqual([{ id: alert.id, dismissed: true }]);
		expect(sim.requests.map((r) => r.status)).toEqual([503, 200]);
	});

	it('never puts the API key or Authorization header in errors or output', async () => {
		const key = sim.credentials.apiKey;
		const basic = sim.credentials.authorization.replace(/^Basic /, '');
		for (const status of [400, 401, 403, 404, 500]) {
			sim.failNext({ status, count: 10, path: '/v1/inventory/device/info' });
			const result = await runAuvik(sim, devices({ limit: 2, options: { maxRetries: 0 } }), { onError: 'continueRegularOutput' });
			const text = serialise(result);
			expect(text).not.toContain(key);
			expect(text).not.toContain(basic);
			sim.clearFaults();
			const thrown = await runAuvik(sim, devices({ limit: 2, options: { maxRetries: 0 } }), { credentials: credentialsFor(sim, { apiKey: `${key}-x` }) });
			expect(serialise(thrown)).not.toContain(`${key}-x`);
		}
	});
});
