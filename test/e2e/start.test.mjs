// `npm start` (scripts/start/start.mjs) end to end, on free ports and a throw-away demo folder: it must come up,
// print the login, pass the demo credential's test against the simulator, list the example workflows, answer
// /healthz, and stop n8n + simulator + stand-in on SIGINT with exit code 0.
//
//   node --test test/e2e/start.test.mjs
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';

import { freePort, findRuntime } from './lib/n8n.mjs';
import { REPO_ROOT, auvikE2eSkip } from './lib/simulator.mjs';
import { waitFor } from './lib/fixtures.mjs';

const rt = findRuntime();
const skip = auvikE2eSkip('start', rt);

describe('npm start (scripts/start/start.mjs)', { skip }, () => {
	let child;
	let demoDir;
	after(() => {
		if (child && child.exitCode === null) {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				/* gone */
			}
		}
		if (demoDir && process.env.E2E_KEEP !== '1') rmSync(demoDir, { recursive: true, force: true });
	});

	test('starts the demo, passes the credential test, lists the examples, stops cleanly on SIGINT', async () => {
		const t0 = Date.now();
		demoDir = mkdtempSync(join(process.env.E2E_TMP || tmpdir(), 'e2e-demo-'));
		const [n8nPort, simPort, standInPort] = [await freePort(), await freePort(), await freePort()];
		let out = '';
		child = spawn(process.execPath, [join(REPO_ROOT, 'scripts', 'start', 'start.mjs'), '--no-build', '--port', String(n8nPort), '--demo-dir', demoDir], {
			cwd: REPO_ROOT,
			env: { ...process.env, AUVIK_SIM_PORT: String(simPort), DEMO_STANDIN_PORT: String(standInPort), AUVIK_REGION: '' },
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
		child.stderr.setEncoding('utf8').on('data', (d) => (out += d));
		const exited = new Promise((r) => child.on('exit', (code, signal) => r({ code, signal })));

		await waitFor(() => out.includes('Stop:') || child.exitCode !== null, { timeoutMs: 150_000, what: 'the npm start banner' });
		const readyMs = Date.now() - t0;
		assert.equal(child.exitCode, null, `start.mjs exited early:\n${out}`);
		assert.match(out, new RegExp(`running: http://localhost:${n8nPort}`));
		assert.match(out, /Log in: +demo@example\.com {2}\/ {2}\S+/);
		assert.match(out, /credential test: OK/, out);
		assert.match(out, new RegExp(`Auvik simulator on http://127\\.0\\.0\\.1:${simPort}: 5 tenants, 500 devices, 100 alerts`));
		for (const name of ['Auvik alert to PSA ticket (polling)', 'Nightly Auvik inventory sync to CMDB']) {
			if (existsSync(join(REPO_ROOT, 'examples'))) assert.ok(out.includes(name), `workflow "${name}" listed`);
		}
		const health = await fetch(`http://127.0.0.1:${n8nPort}/healthz`);
		assert.equal(health.status, 200);
		const sim = await fetch(`http://127.0.0.1:${simPort}/v1/authentication/verify`, {
			headers: { authorization: `Basic ${Buffer.from('api@example.com:sim-api-key-123').toString('base64')}` },
		});
		assert.equal(sim.status, 200, 'the demo simulator answers');

		process.kill(child.pid, 'SIGINT'); // what Ctrl-C sends to start.mjs
		const { code } = await exited;
		assert.equal(code, 0, out);
		assert.match(out, /n8n stopped/);
		await assert.rejects(fetch(`http://127.0.0.1:${n8nPort}/healthz`), 'n8n is gone');
		await assert.rejects(fetch(`http://127.0.0.1:${simPort}/`), 'the simulator is gone');
		console.log(`e2e: npm start banner after ${readyMs} ms, stopped after ${Date.now() - t0} ms`);
	});
});
