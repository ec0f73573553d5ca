// The REAL n8n-nodes-auvik package (repo root, built dist/) inside a real n8n 2.41.1, against the loopback Auvik
// simulator (test/simulator, compiled on the fly): the read paths. Every scenario asserts on the output items AND on
// the requests the simulator recorded. Workflows: test/e2e/workflows/e2eRead*.json, e2eStatsPoints, e2eToolExec.
//
//   npm run build && node --test test/e2e/auvik.test.mjs
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { CREDS, loadWorkflow, simCredential } from './lib/fixtures.mjs';
import { executeWorkflow, failureSummary, findRuntime, nodeOutput, nodeRun, setupInstance } from './lib/n8n.mjs';
import { loadSimulator, REPO_ROOT, auvikE2eSkip } from './lib/simulator.mjs';

const rt = findRuntime();
const skip = auvikE2eSkip('auvik', rt);

const byPath = (requests, path) => requests.filter((r) => r.path === path);
const DEVICES = '/v1/inventory/device/info';

describe('Auvik node reads in a real n8n 2.41.1 (simulator)', { skip }, () => {
	let simLib;
	let sim;
	let inst;
	let tenant1;
	const t0 = Date.now();
	/** One execution per workflow, shared by the tests that assert on it: { res, requests }. */
	const runs = new Map();
	async function run(id) {
		if (!runs.has(id)) {
			sim.resetRequests();
			const res = await executeWorkflow(inst, id);
			console.log(`e2e: auvik execute ${id}: ${res.durationMs} ms, ${sim.requests.length} simulator requests`);
			assert.deepEqual(res.loadErrors, [], 'the whole package loads (stale dist? run npm run build)');
			runs.set(id, { res, requests: [...sim.requests] });
		}
		return runs.get(id);
	}
	async function runOk(id) {
		const r = await run(id);
		assert.equal(r.res.code, 0, failureSummary(r.res));
		assert.equal(r.res.run.status, 'success');
		return r;
	}

	before(async () => {
		simLib = loadSimulator();
		sim = await simLib.startSimulator({ tenants: 2, devicesPerTenant: 30, alertsPerTenant: 12 });
		tenant1 = sim.data.clientTenants[0].id;
		const vars = { TENANT1: tenant1 };
		inst = await setupInstance({
			packageDir: REPO_ROOT, // package.json "n8n" attribute -> dist/...
			credentials: [simCredential(CREDS.sim, sim)],
			workflows: ['e2eReadPaging', 'e2eReadOptions', 'e2eStatsPoints', 'e2eToolExec'].map((w) => loadWorkflow(w, vars)),
		});
		console.log(`e2e: auvik setupInstance ${JSON.stringify(inst.timings)}`);
	});

	after(async () => {
		inst?.cleanup();
		await sim?.close();
		simLib?.cleanup();
		console.log(`e2e: auvik file total ${Date.now() - t0} ms`);
	});

	test('Return All pages through every device, interface and alert (basic auth, page[after] cursors)', async () => {
		const { res, requests } = await runOk('e2eReadPaging');
		const cases = [
			{ node: 'Devices All', path: DEVICES, pageSize: 25, expected: sim.data.devices.length },
			{ node: 'Interfaces All', path: '/v1/inventory/interface/info', pageSize: 40, expected: sim.data.interfaces.length },
			{ node: 'Alerts All', path: '/v1/alert/history/info', pageSize: 15, expected: sim.data.alerts.length },
		];
		for (const c of cases) {
			const items = nodeOutput(res.run, c.node);
			assert.equal(items.length, c.expected, `${c.node}: expected all ${c.expected}`);
			assert.equal(new Set(items.map((i) => i.id)).size, c.expected, `${c.node}: no item twice`);
			const calls = byPath(requests, c.path);
			const pages = Math.ceil(c.expected / c.pageSize);
			assert.ok(pages >= 2, `${c.node}: the fixture must need several pages`);
			assert.equal(calls.length, pages, `${c.node}: one request per page`);
			assert.ok(calls.every((r) => r.method === 'GET' && r.authOk && r.status === 200), JSON.stringify(calls));
			assert.ok(calls.every((r) => r.query['page[first]'] === String(c.pageSize)));
			assert.equal(calls[0].query['page[after]'], undefined, 'the first page has no cursor');
			assert.ok(calls.slice(1).every((r) => r.query['page[after]']), 'later pages carry the cursor from links.next');
			assert.equal(new Set(calls.map((r) => r.query['page[after]'])).size, pages, 'each cursor used once');
		}
		assert.equal(requests.length, cases.reduce((n, c) => n + Math.ceil(c.expected / c.pageSize), 0), 'no other request');
	});

	test('Limit sends exactly one request with page[first]=N', async () => {
		const { res, requests } = await runOk('e2eReadOptions');
		const items = nodeOutput(res.run, 'Devices Limit');
		assert.equal(items.length, 7);
		const calls = byPath(requests, DEVICES).filter((r) => r.query['page[first]'] === '7');
		assert.equal(calls.length, 1, JSON.stringify(byPath(requests, DEVICES).map((r) => r.url)));
		assert.deepEqual(Object.keys(calls[0].query).sort(), ['page[first]'], 'no filter, no cursor, no tenants');
	});

	test('Filters reach Auvik as filter[...] / tenants and the output matches them', async () => {
		const { res, requests } = await runOk('e2eReadOptions');
		// devices: two filters + one tenant, page size 2 -> several pages, every page repeats the filters
		const expected = sim.data.devices.filter(
			(d) => d.tenantId === tenant1 && d.onlineStatus === 'online' && d.deviceType === 'storage',
		);
		assert.ok(expected.length >= 2, 'fixture has online storage devices in tenant 1');
		const items = nodeOutput(res.run, 'Devices Filtered');
		assert.deepEqual(items.map((i) => i.id).sort(), expected.map((d) => d.id).sort());
		assert.ok(items.every((i) => i.onlineStatus === 'online' && i.deviceType === 'storage' && i.tenantId === tenant1));
		const calls = byPath(requests, DEVICES).filter((r) => r.query['filter[onlineStatus]'] !== undefined);
		assert.equal(calls.length, Math.ceil(expected.length / 2));
		for (const r of calls) {
			assert.equal(r.query['filter[onlineStatus]'], 'online');
			assert.equal(r.query['filter[deviceType]'], 'storage');
			assert.equal(r.query.tenants, tenant1);
			assert.equal(r.query['page[first]'], '2');
		}
		// alerts: severity + status
		const alerts = nodeOutput(res.run, 'Alerts Filtered');
		const expAlerts = sim.data.alerts.filter((a) => a.severity === 'critical' && a.status === 'created');
		assert.ok(expAlerts.length >= 1);
		assert.deepEqual(alerts.map((a) => a.id).sort(), expAlerts.map((a) => a.id).sort());
		const aCalls = byPath(requests, '/v1/alert/history/info');
		assert.equal(aCalls.length, 1);
		assert.equal(aCalls[0].query['filter[severity]'], 'critical');
		assert.equal(aCalls[0].query['filter[status]'], 'created');
	});

	test('Simplify on gives flat objects, off gives the raw JSON:API resources', async () => {
		const { res, requests } = await runOk('e2eReadOptions');
		const simple = nodeOutput(res.run, 'Devices Simple');
		const raw = nodeOutput(res.run, 'Devices Raw');
		assert.equal(simple.length, 3);
		assert.equal(raw.length, 4);
		for (const s of simple) {
			assert.equal(s.type, 'device');
			assert.equal(typeof s.deviceName, 'string');
			assert.equal(typeof s.tenantId, 'string', 'relationship ids are flattened');
			assert.equal(s.attributes, undefined);
			assert.equal(s.relationships, undefined);
		}
		for (const r of raw) {
			assert.equal(r.type, 'device');
			assert.equal(typeof r.attributes?.deviceName, 'string');
			assert.equal(typeof r.relationships?.tenant?.data?.id, 'string');
			assert.equal(r.deviceName, undefined);
		}
		// the same first devices either way (same request apart from the page size)
		assert.deepEqual(simple.map((s) => s.id), raw.slice(0, 3).map((r) => r.id));
		assert.equal(simple[0].deviceName, raw[0].attributes.deviceName);
		assert.equal(byPath(requests, DEVICES).filter((r) => ['3', '4'].includes(r.query['page[first]'])).length, 2);
	});

	test('statistics: device CPU, last 24 hours by hour, one item per data point', async () => {
		const { res, requests } = await runOk('e2eStatsPoints');
		const items = nodeOutput(res.run, 'CPU Points');
		const devices = new Set(sim.data.devices.filter((d) => d.tenantId === tenant1).map((d) => d.id));
		const calls = byPath(requests, '/v1/stat/device/cpuUtilization');
		assert.ok(calls.length >= 2, 'page size 10 -> several pages');
		for (const r of calls) {
			assert.equal(r.query['filter[interval]'], 'hour');
			assert.equal(r.query.tenants, tenant1);
			assert.equal(r.query['page[first]'], '10');
			const span = Date.parse(r.query['filter[thruTime]']) - Date.parse(r.query['filter[fromTime]']);
			assert.equal(span, 24 * 3_600_000, 'one 24-hour window');
			assert.equal(Date.parse(r.query['filter[fromTime]']) % 3_600_000, 0, 'aligned to whole hours');
		}
		const entities = new Set(items.map((i) => i.entityId));
		assert.ok(entities.size >= 1 && [...entities].every((id) => devices.has(id)), 'points belong to tenant 1 devices');
		// 24 hourly points per device, each stamped inside the window, no duplicate (entity, timestamp)
		const from = Date.parse(calls[0].query['filter[fromTime]']);
		const thru = Date.parse(calls[0].query['filter[thruTime]']);
		const keys = new Set();
		for (const p of items) {
			assert.equal(p.entityType, 'device');
			assert.equal(p.statId, 'cpuUtilization');
			assert.equal(p.interval, 'hour');
			const t = Date.parse(p.timestamp);
			assert.ok(t > from && t <= thru, `${p.timestamp} in (${calls[0].query['filter[fromTime]']}, ${calls[0].query['filter[thruTime]']}]`);
			assert.equal(typeof p.average_percent, 'number', JSON.stringify(p));
			assert.equal(typeof p.maximum_percent, 'number');
			keys.add(`${p.entityId}@${p.timestamp}`);
		}
		assert.equal(keys.size, items.length, 'no duplicate point');
		assert.equal(items.length, entities.size * 24, `24 points per device (${entities.size} devices)`);
		console.log(`e2e: statistics: ${items.length} points for ${entities.size} devices in ${calls.length} requests`);
	});

	test('usableAsTool: n8n-nodes-auvik.auvikTool loads and runs through n8n\'s Tool Executor', async () => {
		const { res, requests } = await runOk('e2eToolExec');
		const tool = nodeRun(res.run, 'Auvik Tool');
		assert.ok(tool, 'the tool sub-node ran');
		const calls = byPath(requests, DEVICES);
		assert.equal(calls.length, 1, 'one request: Limit 3');
		assert.equal(calls[0].query['page[first]'], '3');
		assert.ok(calls[0].authOk);
		const out = JSON.stringify(nodeOutput(res.run, 'Tool Executor'));
		for (const d of sim.data.devices.slice(0, 3)) assert.ok(out.includes(d.deviceName), `tool result names ${d.deviceName}`);
	});
});
