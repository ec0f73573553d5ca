// The trigger nodes under `n8n start` (real n8n 2.41.1): the polling Auvik Trigger over several polls while the
// test adds alerts to the simulator, and the Auvik Webhook Trigger with and without its shared secret. Each
// workflow forwards its items with an HTTP Request node to a recorder server in this process, so the test sees
// exactly what each execution emitted. Also checks, through the running server's /types/nodes.json, that n8n
// generated the AI-tool variant n8n-nodes-auvik.auvikTool (usableAsTool).
// Workflows: test/e2e/workflows/e2ePollAlerts.json, e2eWebhook.json.
//
//   npm run build && node --test test/e2e/auvik-server.test.mjs
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { CREDS, loadWorkflow, N8nRest, simCredential, sleep, startRecorder, waitFor } from './lib/fixtures.mjs';
import { callWebhook, findRuntime, setupInstance, startServer } from './lib/n8n.mjs';
import { loadSimulator, REPO_ROOT, auvikE2eSkip } from './lib/simulator.mjs';

const rt = findRuntime();
const skip = auvikE2eSkip('auvik-server', rt);

const ALERTS = '/v1/alert/history/info';
const WEBHOOK_ID = 'e2e0a0b1-0000-4000-8000-00000000a0b1';
const SECRET = 'e2e-Sh4red-secret';

describe('Auvik triggers under n8n start (simulator)', { skip }, () => {
	let simLib;
	let sim;
	let recorder;
	let inst;
	let server;
	const t0 = Date.now();

	before(async () => {
		simLib = loadSimulator();
		sim = await simLib.startSimulator({ tenants: 2, devicesPerTenant: 5, alertsPerTenant: 3 });
		recorder = await startRecorder();
		inst = await setupInstance({
			packageDir: REPO_ROOT,
			credentials: [simCredential(CREDS.sim, sim)],
			workflows: ['e2ePollAlerts', 'e2eWebhook'].map((w) => loadWorkflow(w, { RECORDER: recorder.url })),
		});
		server = await startServer(inst, { publish: ['e2ePollAlerts', 'e2eWebhook'] });
		console.log(`e2e: auvik-server setup ${JSON.stringify(inst.timings)}, n8n start ready in ${server.readyMs} ms`);
	});

	after(async () => {
		const stopped = await server?.stop();
		if (stopped) console.log(`e2e: auvik-server n8n stopped ${JSON.stringify(stopped)}`);
		inst?.cleanup();
		await recorder?.close();
		await sim?.close();
		simLib?.cleanup();
		console.log(`e2e: auvik-server file total ${Date.now() - t0} ms`);
	});

	test('polling trigger: alerts added between polls are emitted once each, clears keyed by the alert they clear', async () => {
		const polls = () => sim.requests.filter((r) => r.path === ALERTS);
		const pollCountAtReady = polls().length;
		// a cron poll after activation (12 poll times, one every 5 s): the cursor is now set
		await waitFor(() => polls().length > pollCountAtReady, { timeoutMs: 20_000, what: 'a scheduled poll' });
		const tenants = sim.data.clientTenants;

		const a1 = sim.addAlert({ tenantId: tenants[0].id, name: 'Device Offline', severity: 'critical' });
		const rec = () => recorder.on('/poll').map((r) => r.body);
		await waitFor(() => rec().some((i) => i.alertId === a1.id), { timeoutMs: 20_000, what: `alert ${a1.id} at the recorder` });
		const pollsAfterFirst = polls().length;

		const a2 = sim.addAlert({ tenantId: tenants[1].id, name: 'High CPU', severity: 'warning' });
		const c1 = sim.addAlert({ relatedAlertId: a1.id, status: 'resolved' });
		await waitFor(() => rec().some((i) => i.alertId === a2.id) && rec().some((i) => i.alertId === c1.id), {
			timeoutMs: 20_000,
			what: 'the second alert and the clear at the recorder',
		});
		// two more polls: the alerts are still inside the 1-minute overlap window but must not be emitted again
		const n = polls().length;
		await waitFor(() => polls().length >= n + 2, { timeoutMs: 20_000, what: 'two more polls' });
		await sleep(1000); // let a last execution reach the recorder

		const items = rec();
		const ids = items.map((i) => i.alertId);
		assert.deepEqual([...ids].sort(), [a1.id, a2.id, c1.id].sort(), `emitted exactly once each: ${JSON.stringify(ids)}`);
		const byId = Object.fromEntries(items.map((i) => [i.alertId, i]));
		assert.equal(byId[a1.id].event, 'triggered');
		assert.equal(byId[a1.id].severity, 'critical');
		assert.equal(byId[a1.id].tenantId, tenants[0].id);
		assert.equal(byId[a1.id].source, 'poll');
		assert.equal(byId[a1.id].dedupKey, a1.id);
		assert.equal(byId[a2.id].event, 'triggered');
		assert.equal(byId[c1.id].event, 'cleared');
		assert.equal(byId[c1.id].dedupKey, a1.id, 'a clear is keyed by the alert it clears');

		const all = polls();
		assert.ok(all.every((r) => r.authOk && r.status === 200 && r.query['filter[detectedTimeAfter]']), JSON.stringify(all.slice(0, 3)));
		// one execution for a1, one for a2 + c1 (added together, so picked up by the same poll)
		assert.ok(items.every((i) => i.executionId), 'the recorder sees the execution id');
		assert.notEqual(byId[a1.id].executionId, byId[a2.id].executionId);
		assert.equal(byId[a2.id].executionId, byId[c1.id].executionId);
		const executions = new Set(items.map((i) => i.executionId)).size;
		assert.equal(executions, 2, 'two polls emitted, the others returned nothing (no empty executions)');
		console.log(
			`e2e: poll trigger: ${all.length} polls (${pollCountAtReady} before ready), a1 emitted by poll #${pollsAfterFirst}, ` +
				`${items.length} items in ${executions} executions`,
		);
		// the trigger never asked for everything: each poll is bounded by the cursor minus the overlap
		const lastAfter = Date.parse(all.at(-1).query['filter[detectedTimeAfter]']);
		assert.ok(Date.now() - lastAfter < 2 * 60_000, 'the lower bound follows the cursor (overlap 1 min)');
	});

	test('webhook trigger: 401 without / with a wrong token, the item with the right token (query or header)', async () => {
		const path = `${WEBHOOK_ID}/auvik`;
		const body = {
			alertId: 'd2ViaG9va0FsZXJ0MQ==',
			alertName: 'Device Offline',
			alertDescription: 'core-sw1 is offline',
			alertStatus: 0,
			alertSeverity: 2,
			alertSeverityString: 'Critical',
			entityId: 'ZW50aXR5MQ',
			entityName: 'core-sw1',
			entityType: 'device',
			companyId: '548704221938262834',
			companyName: 'Client One',
			date: '2026-12-01T10:00:00.000Z',
			link: 'https://client1.us1.my.auvik.com/#alert/1',
		};
		recorder.reset();
		const none = await callWebhook(server, path, body);
		assert.equal(none.status, 401, none.text);
		assert.match(none.body.error, /token/);
		const wrong = await callWebhook(server, `${path}?token=nope`, body);
		assert.equal(wrong.status, 401);

		const good = await callWebhook(server, `${path}?token=${SECRET}`, body);
		assert.equal(good.status, 200, good.text);
		await waitFor(() => recorder.on('/webhook').length >= 1, { timeoutMs: 10_000, what: 'webhook item at the recorder' });
		const cleared = await callWebhook(server, path, { ...body, alertId: 'Y2xlYXIx', alertStatus: 1, correlationId: 'd2ViaG9va0FsZXJ0MQ==' }, {
			headers: { 'x-auvik-token': SECRET },
		});
		assert.equal(cleared.status, 200, cleared.text);
		await waitFor(() => recorder.on('/webhook').length >= 2, { timeoutMs: 10_000, what: 'second webhook item' });
		await sleep(500);

		const items = recorder.on('/webhook').map((r) => r.body);
		assert.equal(items.length, 2, 'the two 401s started nothing');
		const [t, c] = items;
		assert.equal(t.alertId, 'd2ViaG9va0FsZXJ0MQ', 'base64 padding removed');
		assert.equal(t.event, 'triggered');
		assert.equal(t.severity, 'critical');
		assert.equal(t.entityName, 'core-sw1');
		assert.equal(t.tenantName, 'Client One');
		assert.equal(t.source, 'webhook');
		assert.equal(c.event, 'cleared');
		assert.equal(c.dedupKey, 'd2ViaG9va0FsZXJ0MQ', 'clear keyed by the alert it clears');
		console.log(`e2e: webhook: 401/401/${good.status}/${cleared.status} in ${none.durationMs}/${wrong.durationMs}/${good.durationMs}/${cleared.durationMs} ms`);
	});

	test('the running server lists the AI-tool variant n8n-nodes-auvik.auvikTool (usableAsTool)', async () => {
		const rest = new N8nRest(server.url);
		const setup = await rest.setupOwner();
		assert.equal(setup.status, 200, setup.text);
		const res = await rest.get('/types/nodes.json');
		assert.equal(res.status, 200);
		const types = res.json;
		const names = types.map((t) => t.name);
		for (const n of ['n8n-nodes-auvik.auvik', 'n8n-nodes-auvik.auvikTool', 'n8n-nodes-auvik.auvikTrigger', 'n8n-nodes-auvik.auvikWebhookTrigger']) {
			assert.ok(names.includes(n), `${n} in /types/nodes.json`);
		}
		const tool = types.find((t) => t.name === 'n8n-nodes-auvik.auvikTool');
		assert.match(tool.displayName, /Auvik Tool/);
		assert.deepEqual(tool.outputs, ['ai_tool']);
		assert.ok(tool.properties.some((p) => p.name === 'toolDescription'), 'tool description parameter added');
		assert.ok(tool.properties.some((p) => p.name === 'resource'), 'keeps the node parameters');
	});
});
