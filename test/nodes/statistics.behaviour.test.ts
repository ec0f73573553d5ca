/**
 * Statistics end to end through the node: tenant split x window chunking, merged with no gap and
 * no duplicate, flattened to one item per data point (or per entity), for every statistics type.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { jsonOf, runAuvik } from '../helpers/auvik';
import type { Simulator } from '../simulator';
import { bucketTimes, startSimulator, statRows, statShape } from '../simulator';

const MIN = 60_000;
const H = 60 * MIN;
const DAY = 24 * H;
// A fixed past day boundary, so every run sees the same buckets.
const T0 = Math.floor((Date.now() - 10 * DAY) / DAY) * DAY;
const iso = (ms: number) => new Date(ms).toISOString();

const statRequests = (sim: Simulator) => sim.requests.filter((r) => r.path.startsWith('/v1/stat/'));

describe('statistics', () => {
	let sim: Simulator;
	beforeAll(async () => (sim = await startSimulator({ tenants: 3, devicesPerTenant: 4 })));
	afterAll(async () => await sim.close());
	beforeEach(() => {
		sim.clearFaults();
		sim.resetRequests();
	});

	const custom = (from: number, thru: number): INodeParameters => ({ timeRange: 'custom', fromTime: iso(from), thruTime: iso(thru) });

	it('splits 3 days at minute interval into 3 one-day windows per tenant batch, joined with no gap and no duplicate', async () => {
		const tenants = sim.data.clientTenants.map((t) => t.id);
		const result = await runAuvik(sim, {
			resource: 'statistics',
			operation: 'getDeviceStats',
			statId: 'bandwidth',
			interval: 'minute',
			...custom(T0, T0 + 3 * DAY),
			tenants,
			options: { tenantBatchSize: 2, pageSize: 100 },
		});
		expect(result.status).toBe('success');
		const requests = statRequests(sim);
		// 2 tenant batches (2 + 1 tenants) x 3 windows, one page each
		expect(requests).toHaveLength(6);
		expect(requests.map((r) => `${r.query.tenants}|${r.query['filter[fromTime]']}|${r.query['filter[thruTime]']}`)).toEqual(
			[tenants.slice(0, 2).join(','), tenants[2]].flatMap((t) =>
				[0, 1, 2].map((d) => `${t}|${iso(T0 + d * DAY)}|${iso(T0 + (d + 1) * DAY)}`),
			),
		);
		const points = jsonOf(result);
		expect(points).toHaveLength(sim.data.devices.length * 3 * 1440);
		const shape = statShape('device', 'bandwidth')!;
		for (const device of sim.data.devices) {
			const mine = points.filter((p) => p.entityId === device.id);
			const times = mine.map((p) => Date.parse(p.timestamp as string));
			// consecutive minutes from T0+1min to T0+3days: no gap at the joins, no duplicate
			expect(times[0]).toBe(T0 + MIN);
			expect(times[times.length - 1]).toBe(T0 + 3 * DAY);
			expect(new Set(times).size).toBe(times.length);
			for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBe(MIN);
			// values are what Auvik (the simulator) records for those buckets
			const expected = statRows(shape, device.id, 'bandwidth', 'minute', bucketTimes(T0, T0 + 3 * DAY, Date.now(), 'minute'));
			expect(mine.map((p) => [p.transmit_bits_per_sec, p.receive_bits_per_sec, p.bandwidth_bits_per_sec])).toEqual(expected.map((r) => r.slice(1)));
		}
		expect(points[0]).toMatchObject({
			entityType: 'device',
			statType: 'deviceBandwidth',
			statId: 'bandwidth',
			interval: 'minute',
			tenantId: expect.any(String),
			tenantDomainPrefix: expect.any(String),
			deviceName: expect.any(String),
		});
	});

	it('a window too long for the interval fails with that window in the error', async () => {
		const result = await runAuvik(
			sim,
			{ resource: 'statistics', operation: 'getDeviceStats', statId: 'cpuUtilization', interval: 'minute', ...custom(T0, T0 + 2 * DAY), options: { windowHours: 48, maxRetries: 0 } },
			{ onError: 'continueRegularOutput' },
		);
		const [item] = jsonOf(result);
		expect(item.error).toMatch(new RegExp(`window ${iso(T0)} to ${iso(T0 + 2 * DAY)}`));
		expect(item.details).toMatchObject({ httpCode: 504, retryable: true, window: { from: iso(T0), thru: iso(T0 + 2 * DAY) } });
	});

	it('aligns a custom range outward to whole intervals and always sends thruTime', async () => {
		await runAuvik(sim, { resource: 'statistics', operation: 'getDeviceStats', statId: 'bandwidth', interval: 'hour', ...custom(T0 + 10 * H + 15 * MIN, T0 + 12 * H + 5 * MIN) });
		const [request] = statRequests(sim);
		expect(request.query['filter[fromTime]']).toBe(iso(T0 + 10 * H));
		expect(request.query['filter[thruTime]']).toBe(iso(T0 + 13 * H));
		expect(request.query['filter[interval]']).toBe('hour');
	});

	it('presets end at the last whole interval', async () => {
		await runAuvik(sim, { resource: 'statistics', operation: 'getDeviceStats', statId: 'bandwidth', interval: 'hour', timeRange: 'last24Hours' });
		const [request] = statRequests(sim);
		const thru = Date.parse(request.query['filter[thruTime]']);
		expect(thru % H).toBe(0);
		expect(Date.now() - thru).toBeLessThan(H + 60_000);
		expect(thru - Date.parse(request.query['filter[fromTime]'])).toBe(DAY);
	});

	const families: Array<[string, INodeParameters, (p: IDataObject) => void]> = [
		['getDeviceStats', { statId: 'cpuUtilization' }, (p) => expect(p).toMatchObject({ entityType: 'device', statType: expect.stringMatching(/cpu/i) })],
		['getDeviceAvailabilityStats', { statId: 'uptime' }, (p) => expect(p).toMatchObject({ entityType: 'device' })],
		['getInterfaceStats', { statId: 'bandwidth' }, (p) => expect(p).toMatchObject({ entityType: 'interface', interfaceName: expect.any(String), parentDeviceId: expect.any(String) })],
		['getComponentStats', { componentType: 'cpuCore', statId: 'utilization' }, (p) => expect(p).toMatchObject({ entityType: 'component', componentName: expect.any(String), seriesName: expect.any(String) })],
		['getServiceStats', { statId: 'pingTime' }, (p) => expect(p).toMatchObject({ entityType: 'service', endpointId: expect.any(String), endpointIpAddress: expect.any(String) })],
	];

	it.each(families)('%s: one item per point with named value fields, and one item per entity with the raw series', async (operation, extra, check) => {
		const base = { resource: 'statistics', operation, interval: 'hour', ...custom(T0, T0 + 6 * H), ...extra };
		const points = jsonOf(await runAuvik(sim, { ...base, output: 'points' }));
		expect(points.length).toBeGreaterThan(0);
		for (const p of points.slice(0, 20)) {
			check(p);
			expect(p.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:00:00\.000Z$/);
			const valueKeys = Object.keys(p).filter((k) => typeof p[k] === 'number' && k !== 'seriesIndex');
			expect(valueKeys.length).toBeGreaterThan(0);
			for (const k of valueKeys) expect(k).toMatch(/^[a-z0-9_]+$/);
		}
		const entities = jsonOf(await runAuvik(sim, { ...base, output: 'entities' }));
		expect(entities.length).toBeGreaterThan(0);
		const series = entities.flatMap((e) => e.series as IDataObject[]);
		const rows = series.reduce((n, s) => n + (s.data as unknown[]).length, 0);
		expect(rows).toBe(points.length);
		for (const s of series) {
			expect((s.legend as string[])[0]).toBe('Recorded At');
			expect((s.data as unknown[][]).length).toBe(6);
		}
	});

	it('OID statistics list the latest monitored values', async () => {
		const result = await runAuvik(sim, { resource: 'statistics', operation: 'getOidStats', statId: 'deviceMonitor', returnAll: true });
		expect(result.status).toBe('success');
		expect(jsonOf(result).length).toBe(sim.data.oidMonitors.length);
	});

	it('rejects a statistic that does not exist for the component type, before any request', async () => {
		const result = await runAuvik(sim, { resource: 'statistics', operation: 'getComponentStats', componentType: 'disk', statId: 'speed', interval: 'hour', timeRange: 'last24Hours' }, { onError: 'continueRegularOutput' });
		expect(jsonOf(result)[0].error).toMatch(/"Statistic" speed does not exist for "Component Type" disk/);
		expect(statRequests(sim)).toHaveLength(0);
	});
});
