// The REAL n8n-nodes-auvik package (repo root, built dist/) inside a real n8n 2.41.1, against the loopback Auvik
// simulator (test/simulator, compiled on the fly). Node type: n8n-nodes-auvik.auvik.
//
//   npm run build && node --test test/e2e/auvik.test.mjs
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { executeWorkflow, failureSummary, findRuntime, nodeOutput, setupInstance } from './lib/n8n.mjs';
import { loadSimulator, REPO_ROOT, simulatorSkipReason } from './lib/simulator.mjs';

const rt = findRuntime();
const built = existsSync(join(REPO_ROOT, 'dist', 'nodes', 'Auvik', 'Auvik.node.js'));
const skip =
	rt.skip ||
	(!built && 'dist/nodes/Auvik/Auvik.node.js is missing: run `npm run build` first') ||
	simulatorSkipReason();
if (skip) console.log(`e2e: SKIP auvik: ${skip}`);

const CRED = { id: 'auvikCredSim000001', name: 'Auvik simulator', type: 'auvikApi' };
const CRED_BAD = { id: 'auvikCredBad000001', name: 'Auvik wrong key', type: 'auvikApi' };

const PAGE_SIZE = 25;

function getManyDevicesWorkflow(id, cred) {
	return {
		id,
		name: `Auvik devices ${id}`,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: 't1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'a1',
				name: 'Auvik',
				type: 'n8n-nodes-auvik.auvik',
				typeVersion: 1,
				position: [220, 0],
				parameters: { resource: 'device', operation: 'getMany', returnAll: true, options: { pageSize: PAGE_SIZE } },
				credentials: { auvikApi: { id: cred.id, name: cred.name } },
			},
		],
		connections: { Start: { main: [[{ node: 'Auvik', type: 'main', index: 0 }]] } },
	};
}

const WF_DEVICES = getManyDevicesWorkflow('auvikDevAll00000001', CRED);
const WF_BAD_KEY = getManyDevicesWorkflow('auvikDevBadKey00001', CRED_BAD);

describe('Auvik node in a real n8n 2.41.1 (simulator)', { skip }, () => {
	let simLib;
	let sim;
	let inst;

	before(async () => {
		simLib = loadSimulator();
		sim = await simLib.startSimulator({ tenants: 2, devicesPerTenant: 30 });
		const data = { region: 'custom', baseUrl: sim.url, username: sim.credentials.username };
		inst = await setupInstance({
			packageDir: REPO_ROOT, // package.json "n8n" attribute -> dist/...
			credentials: [
				{ ...CRED, data: { ...data, apiKey: sim.credentials.apiKey } },
				{ ...CRED_BAD, data: { ...data, apiKey: 'not-the-key' } },
			],
			workflows: [WF_DEVICES, WF_BAD_KEY],
		});
		console.log(`e2e: auvik setupInstance ${JSON.stringify(inst.timings)}`);
	});

	after(async () => {
		inst?.cleanup();
		await sim?.close();
		simLib?.cleanup();
	});

	test('device / getMany / Return All pages through every device with basic auth', async () => {
		sim.resetRequests();
		const res = await executeWorkflow(inst, WF_DEVICES.id);
		console.log(`e2e: auvik execute (getMany): ${res.durationMs} ms`);
		assert.deepEqual(res.loadErrors, [], 'the whole package loads (stale dist? run npm run build)');
		assert.equal(res.code, 0, failureSummary(res));
		assert.equal(res.run.status, 'success');

		const items = nodeOutput(res.run, 'Auvik');
		const expected = sim.data.devices.length;
		assert.equal(items.length, expected, `expected all ${expected} devices`);
		assert.equal(new Set(items.map((i) => i.id)).size, expected, 'no device twice');

		const calls = sim.requests.filter((r) => r.path === '/v1/inventory/device/info');
		assert.equal(calls.length, Math.ceil(expected / PAGE_SIZE), 'one request per page');
		assert.ok(calls.every((r) => r.authOk && r.status === 200), JSON.stringify(calls));
		assert.equal(calls[0].query['page[first]'], String(PAGE_SIZE));
	});

	test('a wrong API key fails the execution (exit 1) with an auth error', async () => {
		sim.resetRequests();
		const res = await executeWorkflow(inst, WF_BAD_KEY.id);
		console.log(`e2e: auvik execute (401): ${res.durationMs} ms`);
		assert.equal(res.code, 1);
		assert.ok(res.run, failureSummary(res));
		console.log(`e2e: auvik 401 -> ${failureSummary(res).split('\n')[1]}`);
		assert.equal(res.run.status, 'error');
		assert.ok(sim.requests.length >= 1 && sim.requests.every((r) => !r.authOk));
		assert.equal(String(res.error.httpCode), '401');
		// Wording as of the first E2E run; adjust if the node's 401 message changes.
		assert.match(res.error.message, /did not accept the username or API key \(401\)/);
	});
});
