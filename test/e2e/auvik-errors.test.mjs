// Error paths of the REAL package in a real n8n 2.41.1 against the simulator: a wrong key (401), an account that
// moved cluster (308), "On Error" = continue (regular output / error output), and Retry On Fail on top of the
// transport's own retries. Faults are injected into the simulator by the test (failNext / redirectAll); each
// scenario counts the requests the simulator saw. Workflows: test/e2e/workflows/e2e{BadKey,RegionMove,Continue*,
// ErrorOutput,Retry*}.json.
//
//   npm run build && node --test test/e2e/auvik-errors.test.mjs
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { CREDS, loadWorkflow, simCredential } from './lib/fixtures.mjs';
import {
	executeWorkflow,
	failureSummary,
	findRuntime,
	nodeItems,
	nodeOutput,
	nodeRun,
	setupInstance,
} from './lib/n8n.mjs';
import { loadSimulator, REPO_ROOT, auvikE2eSkip } from './lib/simulator.mjs';

const rt = findRuntime();
const skip = auvikE2eSkip('auvik-errors', rt);

const DEVICES = '/v1/inventory/device/info';

describe('Auvik node error handling in a real n8n 2.41.1 (simulator)', { skip }, () => {
	let simLib;
	let sim; // the account's real cluster ("region B")
	let simOld; // the cluster the credential still points at ("region A"): answers 308 to sim
	let inst;
	let deviceId;
	let flakyId;
	const t0 = Date.now();

	async function exec(id) {
		sim.resetRequests();
		simOld.resetRequests();
		const res = await executeWorkflow(inst, id);
		assert.deepEqual(res.loadErrors, [], 'the whole package loads (stale dist? run npm run build)');
		const requests = [...sim.requests];
		console.log(`e2e: auvik-errors execute ${id}: ${res.durationMs} ms, exit ${res.code}, ${requests.length} requests`);
		return { res, requests };
	}

	before(async () => {
		simLib = loadSimulator();
		sim = await simLib.startSimulator({ tenants: 1, devicesPerTenant: 12, alertsPerTenant: 4 });
		simOld = await simLib.startSimulator({ tenants: 1, devicesPerTenant: 1, alertsPerTenant: 1 });
		simOld.redirectAll(sim.url); // same host (127.0.0.1), other port: the node may follow with the credentials
		deviceId = sim.data.devices[0].id;
		flakyId = sim.data.devices[1].id;
		const vars = { DEVICE_ID: deviceId, FLAKY_ID: flakyId };
		inst = await setupInstance({
			packageDir: REPO_ROOT,
			credentials: [
				simCredential(CREDS.sim, sim),
				simCredential(CREDS.badKey, sim, { apiKey: 'not-the-key' }),
				simCredential(CREDS.regionA, simOld),
			],
			workflows: [
				'e2eBadKey',
				'e2eRegionMove',
				'e2eContinueRegular',
				'e2eErrorOutput',
				'e2eRetryOnFail',
				'e2eRetryContinue',
			].map((w) => loadWorkflow(w, vars)),
		});
		console.log(`e2e: auvik-errors setupInstance ${JSON.stringify(inst.timings)}`);
	});

	after(async () => {
		inst?.cleanup();
		await sim?.close();
		await simOld?.close();
		simLib?.cleanup();
		console.log(`e2e: auvik-errors file total ${Date.now() - t0} ms`);
	});

	test('a wrong API key fails the execution (exit 1) with the 401 message, after one request', async () => {
		const { res, requests } = await exec('e2eBadKey');
		assert.equal(res.code, 1);
		assert.ok(res.run, failureSummary(res));
		assert.equal(res.run.status, 'error');
		assert.equal(String(res.error.httpCode), '401');
		assert.match(res.error.message, /did not accept the username or API key \(401\)/);
		assert.match(String(res.error.description), /check the user's e-mail address and API key/i);
		assert.equal(requests.length, 1, 'no second attempt after a 401 (preAuthenticationRetryStatusCode: [])');
		assert.equal(requests[0].authOk, false);
		assert.equal(requests[0].status, 401);
	});

	test('308 to another cluster on the same host: followed once, run succeeds, hint + log say to update the region', async () => {
		const { res, requests } = await exec('e2eRegionMove');
		assert.equal(res.code, 0, failureSummary(res));
		assert.equal(nodeOutput(res.run, 'Auvik').length, 5);
		// A (old cluster) saw exactly one request and answered 308
		assert.equal(simOld.requests.length, 1, JSON.stringify(simOld.requests));
		assert.equal(simOld.requests[0].status, 308);
		// B (real cluster) got the authenticated request, with the original query
		assert.equal(requests.length, 1);
		assert.ok(requests[0].authOk, 'basic auth was sent to the redirect target');
		assert.equal(requests[0].path, DEVICES);
		assert.equal(requests[0].query['page[first]'], '5');
		// the user is told: execution hint on the node's run, and a warning in the n8n log
		const hints = nodeRun(res.run, 'Auvik').hints ?? [];
		const hint = hints.find((h) => /Update the region in the Auvik credential/.test(h.message));
		assert.ok(hint, `execution hint present; hints: ${JSON.stringify(hints)}`);
		assert.ok(hint.message.includes(sim.url), hint.message);
		const warn = res.logs.find((l) => l.level === 'warn' && /Update the region/.test(String(l.message)));
		assert.ok(warn, 'warning logged');
		console.log(`e2e: 308 hint: ${hint.message}`);
	});

	test('On Error = Continue (regular output): one error item per failed input, with details.retryable', async () => {
		sim.failNext({ status: 503, count: 5, path: new RegExp(`${DEVICES}/${flakyId}`), retryAfter: '0' });
		const { res, requests } = await exec('e2eContinueRegular');
		sim.clearFaults();
		assert.equal(res.code, 0, failureSummary(res));
		const items = nodeItems(res.run, 'Auvik Get');
		assert.equal(items.length, 3);
		assert.deepEqual(items.map((i) => i.pairedItem?.item), [0, 1, 2], 'each output pairs with its input');
		const [ok, missing, flaky] = items.map((i) => i.json);
		assert.equal(ok.id, deviceId);
		assert.equal(ok.error, undefined);

		assert.deepEqual(Object.keys(missing).sort(), ['details', 'error'], 'only error + details (error-output rule)');
		assert.match(missing.error, /404/);
		assert.equal(missing.details.httpCode, 404);
		assert.equal(missing.details.retryable, false);
		assert.equal(missing.details.itemIndex, 1);
		assert.equal(missing.details.attempts, 1);
		assert.equal(missing.details.request, `GET ${DEVICES}/doesNotExist404`);
		assert.ok(Array.isArray(missing.details.auvikErrors) && missing.details.auvikErrors.length >= 1);

		assert.equal(flaky.details.httpCode, 503);
		assert.equal(flaky.details.retryable, true);
		assert.equal(flaky.details.itemIndex, 2);
		assert.equal(flaky.details.attempts, 1, 'Max Retries 0 in the node options');
		assert.equal(requests.length, 3, 'one request per item');
		assert.deepEqual(requests.map((r) => r.status), [200, 404, 503]);
	});

	test('On Error = Continue (using error output): a 404 by ID goes to the error branch', async () => {
		const { res, requests } = await exec('e2eErrorOutput');
		assert.equal(res.code, 0, failureSummary(res));
		assert.deepEqual(nodeOutput(res.run, 'Auvik Get', 0), [], 'nothing on the success output');
		const errs = nodeOutput(res.run, 'Auvik Get', 1);
		assert.equal(errs.length, 1);
		assert.equal(errs[0].details.httpCode, 404);
		assert.equal(errs[0].details.retryable, false);
		const routed = nodeOutput(res.run, 'Not Found');
		assert.equal(routed.length, 1, 'the error branch ran');
		assert.match(routed[0].error, /404/);
		assert.equal(res.run.data.resultData.runData.Found, undefined, 'the success branch did not run');
		assert.equal(requests.length, 1);
		assert.equal(requests[0].path, `${DEVICES}/doesNotExist404`);
	});

	// ---- Retry On Fail (node setting: retryOnFail, maxTries 3, waitBetweenTries 100 ms) ----------------------
	// n8n re-runs the whole node when it throws; the node's transport retries 408/429/5xx itself (Max Retries
	// option, default 4) before it throws, and never retries 4xx. The counts below are what was measured.

	test('Retry On Fail + a 400: n8n tries the node 3 times, the transport adds nothing -> 3 requests', async () => {
		sim.failNext({ status: 400, count: 100, path: DEVICES });
		const { res, requests } = await exec('e2eRetryOnFail');
		sim.clearFaults();
		assert.equal(res.code, 1);
		assert.equal(String(res.error.httpCode), '400');
		assert.match(res.error.message, /rejected the request as invalid \(400\)/);
		assert.equal(requests.length, 3, `requests: ${requests.map((r) => r.status).join(',')}`);
		console.log(`e2e: RETRY 400 -> ${requests.length} requests (node tries 3 x 1 attempt)`);
	});

	test('Retry On Fail + a persistent 503: transport retries first (1 + 4), then n8n re-runs it -> 15 requests', async () => {
		sim.failNext({ status: 503, count: 100, path: DEVICES, retryAfter: '0' });
		const { res, requests } = await exec('e2eRetryOnFail');
		sim.clearFaults();
		assert.equal(res.code, 1);
		assert.equal(String(res.error.httpCode), '503');
		assert.ok(requests.every((r) => r.status === 503));
		assert.equal(requests.length, 15, `requests: ${requests.length}`);
		console.log(`e2e: RETRY 503 -> ${requests.length} requests (node tries 3 x transport attempts 5)`);
	});

	test('Retry On Fail + a 503 that passes: the transport absorbs it, the node runs once -> 3 requests, success', async () => {
		sim.failNext({ status: 503, count: 2, path: DEVICES, retryAfter: '0' });
		const { res, requests } = await exec('e2eRetryOnFail');
		sim.clearFaults();
		assert.equal(res.code, 0, failureSummary(res));
		assert.equal(nodeOutput(res.run, 'Auvik').length, 5);
		assert.deepEqual(requests.map((r) => r.status), [503, 503, 200]);
		console.log(`e2e: RETRY 503x2 then 200 -> ${requests.length} requests, success`);
	});

	test('Retry On Fail + Continue (regular output) on a 404: n8n still re-runs on the error item', async () => {
		const { res, requests } = await exec('e2eRetryContinue');
		assert.equal(res.code, 0, failureSummary(res));
		const out = nodeOutput(res.run, 'Auvik Get');
		assert.equal(out.length, 1);
		assert.equal(out[0].details.httpCode, 404);
		// n8n's engine re-runs a node whose first output item has json.error (see n8n-node-notes §4.7): 3 tries.
		assert.equal(requests.length, 3, `requests: ${requests.length}`);
		console.log(`e2e: RETRY+continue 404 -> ${requests.length} requests, error item kept`);
	});
});
