// Harness smoke test: a real n8n 2.41.1 loads a throw-away community package (built at runtime in a temp dir),
// imports credentials + workflows, executes them from the CLI, and serves a Webhook workflow.
//
//   node --test test/e2e/smoke.test.mjs        (needs scripts/e2e/ensure-n8n.sh once; skipped otherwise)
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
	callWebhook,
	executeWorkflow,
	failureSummary,
	findRuntime,
	nodeError,
	nodeOutput,
	setupInstance,
	startServer,
} from './lib/n8n.mjs';
import { createSmokePackage, SMOKE_NODE_TYPE, SMOKE_PACKAGE, startStub } from './lib/smoke-fixture.mjs';

const rt = findRuntime();
if (!rt.ok) console.log(`e2e: SKIP e2e smoke: ${rt.skip}`);

const CRED_OK = { id: 'smokeCredOk0000001', name: 'Smoke OK', type: 'smokeApi' };
const CRED_BAD = { id: 'smokeCredBad000001', name: 'Smoke bad password', type: 'smokeApi' };

const trigger = { id: 't1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
const helloNode = (name, cred) => ({
	id: 'n1',
	name: 'Smoke Hello',
	type: SMOKE_NODE_TYPE,
	typeVersion: 1,
	position: [220, 0],
	parameters: { name },
	credentials: { smokeApi: { id: cred.id, name: cred.name } },
});
const linear = (from) => ({ [from]: { main: [[{ node: 'Smoke Hello', type: 'main', index: 0 }]] } });

const WF_OK = {
	id: 'smokeWfOk000000001',
	name: 'Smoke OK',
	nodes: [trigger, helloNode('e2e', CRED_OK)],
	connections: linear('Start'),
	settings: { executionOrder: 'v1' },
};
const WF_BAD = {
	id: 'smokeWfBad00000001',
	name: 'Smoke bad auth',
	nodes: [trigger, helloNode('e2e', CRED_BAD)],
	connections: linear('Start'),
	settings: { executionOrder: 'v1' },
};
const WF_HOOK = {
	id: 'smokeWfHook0000001',
	name: 'Smoke webhook',
	nodes: [
		{
			id: 'w1',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: '6f1c7f3e-0000-4000-8000-00000000e2e1',
			parameters: { httpMethod: 'POST', path: 'smoke-e2e', responseMode: 'lastNode', responseData: 'allEntries', options: {} },
		},
		helloNode('={{ $json.body.name }}', CRED_OK),
	],
	connections: linear('Webhook'),
	settings: { executionOrder: 'v1' },
};

describe('n8n E2E harness (smoke, fixture package)', { skip: rt.skip }, () => {
	let work;
	let stub;
	let inst;

	before(async () => {
		work = mkdtempSync(join(process.env.E2E_TMP || tmpdir(), 'n8n-e2e-smoke-pkg-'));
		const packageDir = createSmokePackage(join(work, SMOKE_PACKAGE));
		stub = await startStub();
		const t0 = Date.now();
		inst = await setupInstance({
			packageDir,
			credentials: [
				{ ...CRED_OK, data: { baseUrl: stub.url, user: 'alice', password: 's3cret' } },
				{ ...CRED_BAD, data: { baseUrl: stub.url, user: 'alice', password: 'wrong' } },
			],
			workflows: [WF_OK, WF_BAD, WF_HOOK],
		});
		console.log(`e2e: setupInstance: ${Date.now() - t0} ms ${JSON.stringify(inst.timings)}`);
	});

	after(async () => {
		inst?.cleanup();
		await stub?.close();
		if (work && process.env.E2E_KEEP !== '1') rmSync(work, { recursive: true, force: true });
	});

	test('execute: the community node runs, basic auth is injected, output is parsed', async () => {
		const res = await executeWorkflow(inst, WF_OK.id);
		console.log(`e2e: execute (ok): ${res.durationMs} ms`);
		assert.equal(res.code, 0, failureSummary(res));
		assert.ok(res.run, 'run JSON parsed');
		assert.equal(res.run.status, 'success');
		assert.deepEqual(nodeOutput(res.run, 'Smoke Hello'), [{ greeting: 'hello e2e', authUser: 'alice', path: '/hello' }]);
		assert.deepEqual(stub.requests.at(-1), { method: 'GET', path: '/hello', query: { name: 'e2e' }, ok: true });
	});

	test('execute: a 401 fails the workflow with exit code 1 and the run JSON carries the error', async () => {
		const res = await executeWorkflow(inst, WF_BAD.id);
		console.log(`e2e: execute (error): ${res.durationMs} ms`);
		assert.equal(res.code, 1);
		assert.ok(res.run, 'run JSON parsed even on failure');
		assert.equal(res.run.status, 'error');
		assert.match(res.error.message, /Authorization failed/i);
		assert.equal(String(res.error.httpCode), '401');
		assert.ok(nodeError(res.run, 'Smoke Hello'));
		assert.equal(stub.requests.at(-1).ok, false);
	});

	test('execute: an unknown workflow id exits 1 without a run', async () => {
		const res = await executeWorkflow(inst, 'doesNotExist000001');
		assert.equal(res.code, 1);
		assert.equal(res.run, null);
	});

	test('start: a published Webhook workflow answers through the community node', async () => {
		const server = await startServer(inst, { publish: [WF_HOOK.id] });
		console.log(`e2e: server ready: ${server.readyMs} ms (${server.url})`);
		try {
			const first = await callWebhook(server, 'smoke-e2e', { name: 'hook' });
			assert.equal(first.status, 200, first.text);
			assert.deepEqual(first.body, [{ greeting: 'hello hook', authUser: 'alice', path: '/hello' }]);
			const second = await callWebhook(server, 'smoke-e2e', { name: 'again' });
			console.log(`e2e: webhook calls: ${first.durationMs} ms, ${second.durationMs} ms`);
			assert.equal(second.status, 200);
			assert.deepEqual(second.body, [{ greeting: 'hello again', authUser: 'alice', path: '/hello' }]);
		} finally {
			const exit = await server.stop();
			console.log(`e2e: server stopped: ${JSON.stringify(exit)}`);
		}
	});
});
