/**
 * Behaviour of the loopback Auvik simulator itself, over real HTTP.
 */
import * as http from 'node:http';
import { CONTRACT } from '../../nodes/Auvik/catalogue/contract.generated';
import { parseArgs } from './cli';
import { HANDLED_OPERATIONS, startSimulator, type Simulator } from './index';

interface Answer {
	status: number;
	headers: http.IncomingHttpHeaders;
	text: string;
	/** Parsed JSON body (undefined when empty or not JSON); loosely typed for brevity. */
	json: any;
}

/** One request on a fresh connection (no pooling, so dropped sockets cannot leak between tests). */
function call(
	sim: Simulator,
	pathAndQuery: string,
	opts: { method?: string; auth?: string | null; absolute?: boolean } = {},
): Promise<Answer> {
	const url = new URL(opts.absolute ? pathAndQuery : `${sim.url}${pathAndQuery}`);
	const headers: Record<string, string> = { accept: 'application/vnd.api+json' };
	const auth = opts.auth === undefined ? sim.credentials.authorization : opts.auth;
	if (auth !== null) headers.authorization = auth;
	return new Promise((resolve, reject) => {
		const req = http.request(
			url,
			{ method: opts.method ?? 'GET', headers, agent: false },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let json: unknown;
					try {
						json = text ? JSON.parse(text) : undefined;
					} catch {
						json = undefined;
					}
					resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
				});
			},
		);
		req.on('error', reject);
		req.end();
	});
}

/** Build a query string; brackets are percent-encoded like most HTTP clients do. */
function qs(params: Record<string, string | number>): string {
	return `?${Object.entries(params)
		.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
		.join('&')}`;
}

describe('Auvik simulator', () => {
	let sim: Simulator;

	beforeAll(async () => {
		sim = await startSimulator({ seed: 7, tenants: 3, devicesPerTenant: 30, alertsPerTenant: 12 });
	});
	afterAll(async () => {
		await sim.close();
	});
	afterEach(() => {
		sim.clearFaults();
		sim.resetRequests();
	});

	describe('authentication', () => {
		it('answers 401 with errors[] without or with wrong credentials, and records the header', async () => {
			const none = await call(sim, '/v1/authentication/verify', { auth: null });
			expect(none.status).toBe(401);
			expect(none.headers['content-type']).toBe('application/vnd.api+json');
			expect(none.json.errors[0]).toMatchObject({ status: '401', title: 'Unauthorized' });

			const wrong = `Basic ${Buffer.from(`${sim.credentials.username}:nope`).toString('base64')}`;
			const bad = await call(sim, '/v1/inventory/device/info', { auth: wrong });
			expect(bad.status).toBe(401);
			expect(bad.json.errors[0].detail).toMatch(/username or API key/);

			expect(sim.requests.map((r) => [r.authOk, r.authHeader, r.status])).toEqual([
				[false, undefined, 401],
				[false, wrong, 401],
			]);
		});

		it('verify answers 200 with an empty body', async () => {
			const res = await call(sim, '/v1/authentication/verify');
			expect(res.status).toBe(200);
			expect(res.text).toBe('');
			expect(sim.requests[0]).toMatchObject({
				method: 'GET',
				path: '/v1/authentication/verify',
				authOk: true,
				status: 200,
			});
		});
	});

	describe('pagination', () => {
		let big: Simulator;
		beforeAll(async () => {
			big = await startSimulator({
				seed: 3,
				tenants: 5,
				devicesPerTenant: 469,
				alertsPerTenant: 2,
			});
		});
		afterAll(async () => {
			await big.close();
		});

		it('pages 2,345 devices at page[first]=1000 in 3 pages, every id once, next carrying only page params', async () => {
			expect(big.data.devices).toHaveLength(2345);
			const seen: string[] = [];
			const sizes: number[] = [];
			let after: string | undefined;
			for (let guard = 0; guard < 10; guard++) {
				const params: Record<string, string | number> = { 'page[first]': 1000 };
				if (after) params['page[after]'] = after;
				const res = await call(big, `/v1/inventory/device/info${qs(params)}`);
				expect(res.status).toBe(200);
				expect(res.json.meta.totalPages).toBe(3);
				expect(res.json.links.first).toBe(`${big.url}/v1/inventory/device/info?page[first]=1000`);
				expect(typeof res.json.links.self).toBe('string');
				sizes.push(res.json.data.length);
				seen.push(...res.json.data.map((d: { id: string }) => d.id));
				const next: string | undefined = res.json.links.next;
				if (!next) break;
				expect(next.startsWith(`${big.url}/v1/inventory/device/info?`)).toBe(true);
				const nextUrl = new URL(next);
				expect([...nextUrl.searchParams.keys()].sort()).toEqual(['page[after]', 'page[first]']);
				expect(nextUrl.searchParams.get('page[first]')).toBe('1000');
				after = nextUrl.searchParams.get('page[after]') ?? undefined;
			}
			expect(sizes).toEqual([1000, 1000, 345]);
			expect(new Set(seen).size).toBe(2345);
			expect(seen).toEqual(big.data.devices.map((d) => d.id));
		});

		it('rejects a page size above pageMax and a forged cursor', async () => {
			const tooBig = await call(big, `/v1/inventory/device/info${qs({ 'page[first]': 1001 })}`);
			expect(tooBig.status).toBe(400);
			expect(tooBig.json.errors[0].detail).toContain('page[first]');
			const forged = await call(
				big,
				`/v1/inventory/device/info${qs({ 'page[after]': 'bm90LWEtY3Vyc29y' })}`,
			);
			expect(forged.status).toBe(400);
			expect(forged.json.errors[0].detail).toContain('page[after]');
		});

		it('pages backwards from links.last through links.prev', async () => {
			const last = await call(big, `/v1/inventory/network/info${qs({ 'page[last]': 40 })}`);
			const all = big.data.networks.map((n) => n.id);
			expect(last.json.data.map((n: { id: string }) => n.id)).toEqual(all.slice(-40));
			expect(last.json.links.next).toBeUndefined();
			const before = new URL(last.json.links.prev).searchParams.get('page[before]') as string;
			const prev = await call(
				big,
				`/v1/inventory/network/info${qs({ 'page[last]': 40, 'page[before]': before })}`,
			);
			expect(prev.json.data.map((n: { id: string }) => n.id)).toEqual(all.slice(-80, -40));
		});

		it('v2 accepts pages up to 10000', async () => {
			const res = await call(big, `/v2/api/inventory/device/info${qs({ 'page[first]': 5000 })}`);
			expect(res.status).toBe(200);
			expect(res.json.data).toHaveLength(2345);
			expect(res.json.links.next).toBeUndefined();
			expect(res.json.data[0].attributes).toHaveProperty('make');
		});
	});

	describe('filters and validation', () => {
		it('tenants + filter[deviceType] narrow the result to matching devices', async () => {
			const tenant = sim.data.clientTenants[1];
			const expected = sim.data.devices
				.filter((d) => d.tenantId === tenant.id && d.deviceType === 'switch')
				.map((d) => d.id);
			expect(expected.length).toBeGreaterThan(0);
			const res = await call(
				sim,
				`/v1/inventory/device/info${qs({ tenants: tenant.id, 'filter[deviceType]': 'switch' })}`,
			);
			expect(res.status).toBe(200);
			expect(res.json.data.map((d: { id: string }) => d.id)).toEqual(expected);
			for (const d of res.json.data) {
				expect(d.attributes.deviceType).toBe('switch');
				expect(d.relationships.tenant.data).toEqual({
					type: 'tenant',
					id: tenant.id,
					attributes: { domainPrefix: tenant.domainPrefix },
				});
			}
		});

		it('a filtered query must be re-issued with its filters: following links.next verbatim is refused', async () => {
			const tenant = sim.data.clientTenants[0];
			const all = sim.data.devices
				.filter((d) => d.tenantId === tenant.id && d.onlineStatus === 'online')
				.map((d) => d.id);
			const base = { tenants: tenant.id, 'filter[onlineStatus]': 'online', 'page[first]': 5 };
			const first = await call(sim, `/v1/inventory/device/info${qs(base)}`);
			const next: string = first.json.links.next;
			expect(next).not.toContain('filter');
			expect(next).not.toContain('tenants');
			const verbatim = await call(sim, next, { absolute: true });
			expect(verbatim.status).toBe(400);

			const ids: string[] = first.json.data.map((d: { id: string }) => d.id);
			let cursor = new URL(next).searchParams.get('page[after]');
			while (cursor) {
				const page = await call(
					sim,
					`/v1/inventory/device/info${qs({ ...base, 'page[after]': cursor })}`,
				);
				expect(page.status).toBe(200);
				ids.push(...page.json.data.map((d: { id: string }) => d.id));
				cursor = page.json.links.next
					? new URL(page.json.links.next).searchParams.get('page[after]')
					: null;
			}
			expect(ids).toEqual(all);
		});

		it('an unknown filter answers 400 naming the parameter', async () => {
			const res = await call(sim, `/v1/inventory/device/info${qs({ 'filter[deviceName]': 'x' })}`);
			expect(res.status).toBe(400);
			expect(res.json.errors[0]).toMatchObject({ status: '400', title: 'Bad Request' });
			expect(res.json.errors[0].detail).toContain('filter[deviceName]');
		});

		it('a value outside the enum answers 400 naming parameter and value', async () => {
			const res = await call(
				sim,
				`/v1/alert/history/info${qs({ 'filter[severity]': 'catastrophic' })}`,
			);
			expect(res.status).toBe(400);
			expect(res.json.errors[0].detail).toContain('filter[severity]');
			expect(res.json.errors[0].detail).toContain('catastrophic');
		});

		it('checks formats, required parameters and page params on unpaged operations', async () => {
			const badDate = await call(
				sim,
				`/v1/alert/history/info${qs({ 'filter[detectedTimeAfter]': '2024-01-01' })}`,
			);
			expect(badDate.status).toBe(400);
			const badBool = await call(
				sim,
				`/v1/alert/history/info${qs({ 'filter[dismissed]': 'yes' })}`,
			);
			expect(badBool.status).toBe(400);
			const missing = await call(sim, '/v1/inventory/device/detail/extended');
			expect(missing.status).toBe(400);
			expect(missing.json.errors[0].detail).toContain('filter[deviceType]');
			const pagedTenants = await call(sim, `/v1/tenants${qs({ 'page[first]': 10 })}`);
			expect(pagedTenants.status).toBe(400);
			const unknownPath = await call(sim, '/v1/inventory/toaster/info');
			expect(unknownPath.status).toBe(404);
			expect(unknownPath.json.errors[0].status).toBe('404');
		});

		it('answers 403 for an unknown or forbidden tenant', async () => {
			const unknown = await call(sim, `/v1/inventory/device/info${qs({ tenants: '123' })}`);
			expect(unknown.status).toBe(403);
			const tenant = sim.data.clientTenants[2];
			sim.forbidTenant(tenant.id);
			const forbidden = await call(
				sim,
				`/v1/alert/history/info${qs({ tenants: `${sim.data.clientTenants[0].id},${tenant.id}` })}`,
			);
			expect(forbidden.status).toBe(403);
			expect(forbidden.json.errors[0].detail).toContain(tenant.id);
		});

		it('an empty result is 200 with data [] and no next link', async () => {
			const res = await call(
				sim,
				`/v1/inventory/device/info${qs({ 'filter[modifiedAfter]': '2999-01-01T00:00:00.000Z' })}`,
			);
			expect(res.status).toBe(200);
			expect(res.json.data).toEqual([]);
			expect(res.json.links.first).toContain('page[first]=100');
			expect(res.json.links.next).toBeUndefined();
		});

		it('tenants lists are not paged and tenants/detail needs the top domain prefix', async () => {
			const tenants = await call(sim, '/v1/tenants');
			expect(tenants.json.data).toHaveLength(4);
			expect(tenants.json.links).toBeUndefined();
			const wrong = await call(sim, `/v1/tenants/detail${qs({ tenantDomainPrefix: 'client1' })}`);
			expect(wrong.status).toBe(403);
			const right = await call(
				sim,
				`/v1/tenants/detail${qs({ tenantDomainPrefix: sim.data.topTenant.domainPrefix })}`,
			);
			expect(right.status).toBe(200);
			expect(right.json.data[0].type).toBe('tenants');
		});
	});

	describe('data', () => {
		it('the same seed gives the same entities whatever the clock', async () => {
			const a = await startSimulator({
				seed: 11,
				tenants: 2,
				devicesPerTenant: 15,
				now: Date.parse('2024-01-01T00:00:00Z'),
			});
			const b = await startSimulator({
				seed: 11,
				tenants: 2,
				devicesPerTenant: 15,
				now: Date.parse('2025-06-01T00:00:00Z'),
			});
			try {
				const shape = (s: Simulator) => ({
					tenants: s.data.tenants.map((t) => [t.id, t.domainPrefix]),
					devices: s.data.devices.map((d) => [d.id, d.deviceName, d.deviceType]),
					alerts: s.data.alerts.map((x) => x.id).sort(),
				});
				expect(shape(a)).toEqual(shape(b));
				expect(a.data.topTenant.tenantType).toBe('multiClient');
				expect(a.data.clientTenants.every((t) => /^\d{18}$/.test(t.id))).toBe(true);
			} finally {
				await a.close();
				await b.close();
			}
		});

		it('client usage is an array, device usage an object', async () => {
			const dates = qs({ 'filter[fromDate]': '2024-03-01', 'filter[thruDate]': '2024-03-31' });
			const client = await call(sim, `/v1/billing/usage/client${dates}`);
			expect(Array.isArray(client.json.data)).toBe(true);
			expect(client.json.data).toHaveLength(3);
			expect(client.json.data[0].attributes.usagePeriod.lengthInDays).toBe(31);
			const device = await call(sim, `/v1/billing/usage/device/${sim.data.devices[0].id}${dates}`);
			expect(device.json.data.type).toBe('deviceUsage');
			const reversed = await call(
				sim,
				`/v1/billing/usage/client${qs({ 'filter[fromDate]': '2024-03-31', 'filter[thruDate]': '2024-03-01' })}`,
			);
			expect(reversed.status).toBe(400);
		});
	});

	describe('cli', () => {
		it('parses flags and environment', () => {
			const config = parseArgs(
				[
					'--port',
					'8790',
					'--tenants',
					'5',
					'--devices',
					'200',
					'--latency',
					'20',
					'--page-max',
					'1000',
					'--alerts-every',
					'5s',
				],
				{ AUVIK_SIM_SEED: '4', AUVIK_SIM_PORT: '1' },
			);
			expect(config.options).toEqual({
				port: 8790,
				seed: 4,
				tenants: 5,
				devicesPerTenant: 200,
				latencyMs: 20,
				pageMax: 1000,
			});
			expect(config.alertsEveryMs).toBe(5000);
			expect(() => parseArgs(['--bogus', '1'])).toThrow(/bogus/);
		});
	});

	describe('alerts', () => {
		it('dismiss answers 200 with an empty body and marks the alert; unknown ids are 404', async () => {
			const alert = sim.data.alerts.find((a) => !a.dismissed);
			if (!alert) throw new Error('no undismissed alert');
			const res = await call(sim, `/v1/alert/dismiss/${alert.id}`, { method: 'POST' });
			expect(res.status).toBe(200);
			expect(res.text).toBe('');
			const after = await call(sim, `/v1/alert/history/info/${alert.id}`);
			expect(after.json.data.attributes.dismissed).toBe(true);
			const unknown = await call(sim, '/v1/alert/dismiss/bm9wZQ', { method: 'POST' });
			expect(unknown.status).toBe(404);
		});

		it('detectedTimeAfter is exclusive and picks up alerts added later', async () => {
			const mark = sim.now();
			const since = new Date(mark).toISOString();
			const trigger = sim.addAlert({
				detectedOn: mark + 1000,
				severity: 'critical',
				name: 'Device Offline',
			});
			const cleared = sim.addAlert({
				detectedOn: mark + 2000,
				status: 'resolved',
				relatedAlertId: trigger.id,
			});
			const res = await call(
				sim,
				`/v1/alert/history/info${qs({ 'filter[detectedTimeAfter]': since })}`,
			);
			expect(res.json.data.map((a: { id: string }) => a.id)).toEqual([trigger.id, cleared.id]);
			expect(res.json.data[1].relationships.relatedAlert.data.id).toBe(trigger.id);
			const exclusive = await call(
				sim,
				`/v1/alert/history/info${qs({ 'filter[detectedTimeAfter]': cleared.detectedOn })}`,
			);
			expect(exclusive.json.data).toEqual([]);
		});
	});

	describe('faults', () => {
		it('failNext answers the next matching requests with the status and Retry-After, then recovers', async () => {
			sim.failNext({ status: 429, retryAfter: '2', path: '/v1/inventory' });
			sim.failNext({ status: 503, count: 2, path: /alert\/history/ });
			const limited = await call(sim, '/v1/inventory/device/info');
			expect(limited.status).toBe(429);
			expect(limited.headers['retry-after']).toBe('2');
			expect(limited.json.errors[0].status).toBe('429');
			expect((await call(sim, '/v1/inventory/device/info')).status).toBe(200);
			expect((await call(sim, '/v1/alert/history/info')).status).toBe(503);
			expect((await call(sim, '/v1/alert/history/info')).status).toBe(503);
			expect((await call(sim, '/v1/alert/history/info')).status).toBe(200);
			expect(sim.requests.map((r) => r.status)).toEqual([429, 200, 503, 503, 200]);
		});

		it('dropNext destroys the socket without an answer', async () => {
			sim.dropNext();
			await expect(call(sim, '/v1/tenants')).rejects.toThrow();
			expect(sim.requests[0].dropped).toBe(true);
			expect((await call(sim, '/v1/tenants')).status).toBe(200);
		});

		it('slowNext delays the answer', async () => {
			sim.slowNext({ delayMs: 150 });
			const t0 = Date.now();
			expect((await call(sim, '/v1/tenants')).status).toBe(200);
			expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
		});

		it('redirectAll answers 308 with an absolute Location on the other server', async () => {
			const other = await startSimulator({
				seed: 7,
				tenants: 3,
				devicesPerTenant: 30,
				alertsPerTenant: 12,
			});
			try {
				sim.redirectAll(other.url);
				const path = `/v1/inventory/device/info${qs({ 'filter[deviceType]': 'switch' })}`;
				const res = await call(sim, path);
				expect(res.status).toBe(308);
				expect(res.headers.location).toBe(`${other.url}${path}`);
				expect(other.requests).toHaveLength(0);
				const followed = await call(other, res.headers.location as string, { absolute: true });
				expect(followed.status).toBe(200);
				expect(other.requests[0].authHeader).toBe(other.credentials.authorization);
			} finally {
				await other.close();
			}
		});

		it('rate limit answers 429 with Retry-After once the window is full', async () => {
			const limited = await startSimulator({
				tenants: 1,
				devicesPerTenant: 2,
				rateLimit: { limit: 2, windowMs: 60_000 },
			});
			try {
				expect((await call(limited, '/v1/tenants')).status).toBe(200);
				expect((await call(limited, '/v1/tenants')).status).toBe(200);
				const third = await call(limited, '/v1/tenants');
				expect(third.status).toBe(429);
				expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
			} finally {
				await limited.close();
			}
		});
	});

	describe('statistics', () => {
		const day = { from: '2024-03-01T00:00:00.000Z', thru: '2024-03-02T00:00:00.000Z' };
		const rowsOf = (res: Answer, id: string): number[][] =>
			res.json.data.find((item: { id: string }) => item.id === id).attributes.stats[0].data;

		it('one item per device, 24 hourly buckets stamped at the end of each hour', async () => {
			const tenant = sim.data.clientTenants[0];
			const res = await call(
				sim,
				`/v1/stat/device/bandwidth${qs({ tenants: tenant.id, 'filter[fromTime]': day.from, 'filter[thruTime]': day.thru, 'filter[interval]': 'hour' })}`,
			);
			expect(res.status).toBe(200);
			const devices = sim.data.devices.filter((d) => d.tenantId === tenant.id);
			expect(res.json.data).toHaveLength(devices.length);
			const item = res.json.data[0];
			expect(item.type).toBe('deviceStatistics');
			expect(item.attributes).toMatchObject({
				interval: 'hour',
				statType: 'deviceBandwidth',
				reportPeriod: { fromTime: day.from, thruTime: day.thru },
			});
			expect(item.relationships.device.data).toMatchObject({
				type: 'device',
				id: devices[0].id,
				deviceName: devices[0].deviceName,
			});
			const stat = item.attributes.stats[0];
			expect(stat.legend).toEqual(['Recorded At', 'Transmit', 'Receive', 'Bandwidth']);
			expect(stat.unit[0]).toBe('unix_mins');
			expect(stat.data).toHaveLength(24);
			const startMin = Date.parse(day.from) / 60_000;
			expect(stat.data[0][0]).toBe(startMin + 60);
			expect(stat.data[23][0]).toBe(startMin + 24 * 60);
		});

		it('values are deterministic and adjacent windows add up to the whole range', async () => {
			const device = sim.data.devices[0];
			const ask = (from: string, thru: string) =>
				call(
					sim,
					`/v1/stat/device/cpuUtilization${qs({ 'filter[deviceId]': device.id, 'filter[fromTime]': from, 'filter[thruTime]': thru, 'filter[interval]': 'hour' })}`,
				);
			const whole = rowsOf(await ask(day.from, day.thru), device.id);
			const again = rowsOf(await ask(day.from, day.thru), device.id);
			const split = '2024-03-01T10:00:00.000Z';
			const left = rowsOf(await ask(day.from, split), device.id);
			const right = rowsOf(await ask(split, day.thru), device.id);
			expect(again).toEqual(whole);
			expect(left).toHaveLength(10);
			expect([...left, ...right]).toEqual(whole);
			for (const [, avg, max] of whole) {
				expect(avg).toBeGreaterThanOrEqual(0);
				expect(max).toBeGreaterThanOrEqual(avg);
				expect(max).toBeLessThanOrEqual(100);
			}
		});

		it('component statId must fit the componentType', async () => {
			const q = qs({
				'filter[fromTime]': day.from,
				'filter[thruTime]': day.thru,
				'filter[interval]': 'day',
			});
			const bad = await call(sim, `/v1/stat/component/fan/temperature${q}`);
			expect(bad.status).toBe(400);
			expect(bad.json.errors[0].detail).toContain('temperature');
			const good = await call(sim, `/v1/stat/component/fan/speed${q}`);
			expect(good.status).toBe(200);
			expect(good.json.data[0].attributes.stats[0].data).toHaveLength(1);
			const unknownType = await call(sim, `/v1/stat/component/toaster/speed${q}`);
			expect(unknownType.status).toBe(400);
		});

		it('requires fromTime and interval; too long a minute window times out with 504', async () => {
			const missing = await call(
				sim,
				`/v1/stat/interface/bandwidth${qs({ 'filter[interval]': 'hour' })}`,
			);
			expect(missing.status).toBe(400);
			expect(missing.json.errors[0].detail).toContain('filter[fromTime]');
			const long = await call(
				sim,
				`/v1/stat/interface/bandwidth${qs({ 'filter[fromTime]': day.from, 'filter[thruTime]': '2024-03-03T00:00:00.000Z', 'filter[interval]': 'minute' })}`,
			);
			expect(long.status).toBe(504);
		});

		it('service statistics carry endpoints[] instead of stats', async () => {
			const res = await call(
				sim,
				`/v1/stat/service/pingTime${qs({ 'filter[fromTime]': day.from, 'filter[thruTime]': day.thru, 'filter[interval]': 'day' })}`,
			);
			expect(res.status).toBe(200);
			const item = res.json.data[0];
			expect(item.attributes.stats).toBeUndefined();
			expect(item.attributes.endpoints[0].stats[0].legend).toEqual([
				'Recorded At',
				'Maximum',
				'Minimum',
				'Average',
			]);
			expect(item.relationships.service.data.attributes.serviceName).toEqual(expect.any(String));
		});
	});

	describe('contract coverage', () => {
		it('has a handler for every contract operation', () => {
			expect(Object.keys(CONTRACT).filter((id) => !HANDLED_OPERATIONS.includes(id))).toEqual([]);
		});

		it('answers a minimal valid request to every operation with 200', async () => {
			const d = sim.data;
			const device = d.devices.find((x) => d.warranties.some((w) => w.id === x.id)) ?? d.devices[0];
			const asmApp = d.asm.licenses[0];
			const pathValues: Record<string, string> = {
				snmpPollerSettingId: d.snmpPollerSettings[0].id,
				componentType: 'cpu',
				statId: 'capacity',
			};
			const idFor = (path: string): string => {
				if (path.includes('/tenants/')) return d.clientTenants[0].id;
				if (path.includes('/network/')) return d.networks[0].id;
				if (path.includes('/interface/')) return d.interfaces[0].id;
				if (path.includes('/component/')) return d.components[0].id;
				if (path.includes('/configuration/')) return d.configurations[0].id;
				if (path.includes('/entity/note/')) return d.notes[0].id;
				if (path.includes('/entity/audit/')) return d.audits[0].id;
				if (path.includes('/alert/')) return d.alerts[0].id;
				return device.id;
			};
			const valueFor: Record<string, string> = {
				tenantDomainPrefix: d.topTenant.domainPrefix,
				tenants: d.clientTenants[0].id,
				'filter[fromDate]': '2024-03-01',
				'filter[thruDate]': '2024-03-31',
				'filter[interval]': 'hour',
				'filter[deviceType]': 'switch',
				'filter[clientId]': asmApp.clientId,
				'filter[applicationId]': asmApp.applicationId,
			};
			const failures: string[] = [];
			for (const op of Object.values(CONTRACT)) {
				let path = op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
					name === 'id' ? idFor(op.path) : (pathValues[name] ?? name),
				);
				if (op.path.startsWith('/v1/stat/') && !op.path.includes('component')) {
					path = path.replace(
						'capacity',
						op.pathParams.find((p) => p.name === 'statId')?.enum?.[0] ?? 'capacity',
					);
				}
				const params: Record<string, string> = {};
				for (const q of op.query.filter((x) => x.required)) {
					if (q.type === 'dateTime')
						params[q.name] = q.name.includes('thru')
							? '2024-03-02T00:00:00.000Z'
							: '2024-03-01T00:00:00.000Z';
					else if (q.type === 'snmpDateTime') params[q.name] = '2024-03-01 00:00:00';
					else params[q.name] = valueFor[q.name] ?? 'x';
				}
				// keep time windows short so the answers stay small
				const thru = op.query.find((q) => q.name === 'filter[thruTime]');
				if (thru)
					params[thru.name] =
						thru.type === 'snmpDateTime' ? '2024-03-01 12:00:00' : '2024-03-02T00:00:00.000Z';
				const res = await call(sim, `${path}${Object.keys(params).length ? qs(params) : ''}`, {
					method: op.method,
				});
				if (res.status !== 200)
					failures.push(`${op.method} ${path} -> ${res.status} ${res.text.slice(0, 200)}`);
			}
			expect(failures).toEqual([]);
		});
	});
});
