// Runs the example workflows' manual-start variants (examples/e2e/*.json, ids ending in "E2E") in a real n8n 2.41.1
// against the simulator, with a recorder standing in for the PSA / CMDB / report endpoints they call (the examples
// say http://127.0.0.1:5680; the test rewrites that to the recorder's free port so a running demo or another test
// cannot collide with it). The examples are maintained elsewhere, so the assertions are generic: the run succeeds, no node errors,
// every Auvik request authenticated and answered < 400, and each HTTP Request node that targets the stand-in sent
// exactly one request per output item (the recorder count matches). Skips while examples/e2e/ is empty.
//
//   npm run build && node --test test/e2e/examples.test.mjs
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { exampleE2eFiles, startRecorder } from './lib/fixtures.mjs';
import { executeWorkflow, failureSummary, findRuntime, nodeItems, setupInstance } from './lib/n8n.mjs';
import { loadSimulator, REPO_ROOT, simulatorSkipReason } from './lib/simulator.mjs';

const STAND_IN = 'http://127.0.0.1:5680'; // what the examples call
const rt = findRuntime();
const built = existsSync(join(REPO_ROOT, 'dist', 'nodes', 'Auvik', 'Auvik.node.js'));
const files = exampleE2eFiles();
const skip =
	rt.skip ||
	(!built && 'dist/nodes/Auvik/Auvik.node.js is missing: run `npm run build` first') ||
	simulatorSkipReason() ||
	(!files.length && 'TODO: no example workflows in examples/e2e/ yet (manual-start variants, ids ending in E2E)');
if (skip) console.log(`e2e: SKIP examples: ${skip}`);

const workflows = files.map((f) => ({ file: basename(f), wf: JSON.parse(readFileSync(f, 'utf8')) }));

/** Credential ids the example nodes reference (auvikApi), so the test can point each one at the simulator. */
function auvikCredentialRefs(list) {
	const refs = new Map();
	for (const { wf } of list) {
		for (const n of wf.nodes ?? []) {
			const c = n.credentials?.auvikApi;
			if (c?.id) refs.set(c.id, c.name ?? c.id);
		}
	}
	return refs;
}

const standInUrl = (n) => /^=?https?:\/\/127\.0\.0\.1:5680\//.test(String(n.parameters?.url ?? ''));

describe('example workflows (examples/e2e) in a real n8n 2.41.1', { skip }, () => {
	let simLib;
	let sim;
	let recorder;
	let inst;
	const t0 = Date.now();

	before(async () => {
		simLib = loadSimulator();
		sim = await simLib.startSimulator({ tenants: 2, devicesPerTenant: 20, alertsPerTenant: 8 });
		recorder = await startRecorder();
		const credentials = [...auvikCredentialRefs(workflows)].map(([id, name]) => ({
			id,
			name,
			type: 'auvikApi',
			data: { region: 'custom', baseUrl: sim.url, username: sim.credentials.username, apiKey: sim.credentials.apiKey },
		}));
		const imported = workflows.map((w) => JSON.parse(JSON.stringify(w.wf).split(STAND_IN).join(recorder.url)));
		inst = await setupInstance({ packageDir: REPO_ROOT, credentials, workflows: imported });
		console.log(`e2e: examples setupInstance ${JSON.stringify(inst.timings)} (${workflows.length} workflows)`);
	});

	after(async () => {
		inst?.cleanup();
		await recorder?.close();
		await sim?.close();
		simLib?.cleanup();
		console.log(`e2e: examples file total ${Date.now() - t0} ms`);
	});

	for (const { file, wf } of workflows) {
		test(`${file} (${wf.id}) runs end to end`, async () => {
			assert.match(wf.id, /E2E$/, 'manual-start variants have ids ending in E2E');
			assert.ok(wf.id.length <= 21, 'n8n execute needs an id of at most 21 characters');
			sim.resetRequests();
			recorder.reset();
			const res = await executeWorkflow(inst, wf.id);
			assert.deepEqual(res.loadErrors, [], 'the whole package loads');
			assert.equal(res.code, 0, failureSummary(res));
			assert.equal(res.run.status, 'success');

			const runData = res.run.data.resultData.runData;
			for (const [name, runs] of Object.entries(runData)) {
				for (const r of runs) assert.equal(r.error, undefined, `node "${name}" failed: ${r.error?.message}`);
			}
			const auvikNodes = wf.nodes.filter((n) => n.type.startsWith('n8n-nodes-auvik.'));
			for (const n of auvikNodes) assert.ok(runData[n.name], `Auvik node "${n.name}" ran`);
			assert.ok(sim.requests.length >= 1, 'the simulator was called');
			assert.ok(
				sim.requests.every((r) => r.authOk && r.status > 0 && r.status < 400),
				`every Auvik request authenticated and OK: ${JSON.stringify(sim.requests.map((r) => `${r.method} ${r.url} ${r.status}`))}`,
			);

			// each HTTP Request item to the stand-in = one recorded request (the recorder always answers 200)
			let expected = 0;
			for (const n of wf.nodes.filter((x) => x.type === 'n8n-nodes-base.httpRequest' && standInUrl(x))) {
				for (let i = 0; i < (runData[n.name]?.length ?? 0); i++) expected += nodeItems(res.run, n.name, 0, i).length;
			}
			await new Promise((r) => setTimeout(r, 100));
			assert.ok(recorder.requests.length >= 1, 'the example reached the PSA/CMDB stand-in');
			assert.equal(recorder.requests.length, expected, 'one stand-in request per HTTP Request item');
			for (const r of recorder.requests) {
				if (r.method !== 'GET') assert.ok(r.body && typeof r.body === 'object', `${r.method} ${r.path} sent a JSON body`);
			}

			const simSummary = {};
			for (const r of sim.requests) simSummary[`${r.method} ${r.path.replace(/\/[A-Za-z0-9_=-]{12,}$/, '/{id}')}`] = (simSummary[`${r.method} ${r.path.replace(/\/[A-Za-z0-9_=-]{12,}$/, '/{id}')}`] ?? 0) + 1;
			const recSummary = {};
			for (const r of recorder.requests) recSummary[`${r.method} ${r.path.replace(/\/[^/]{12,}$/, '/{key}')}`] = (recSummary[`${r.method} ${r.path.replace(/\/[^/]{12,}$/, '/{key}')}`] ?? 0) + 1;
			console.log(`e2e: example ${wf.id}: ${res.durationMs} ms; Auvik ${JSON.stringify(simSummary)}; stand-in ${JSON.stringify(recSummary)}`);
		});
	}
});
