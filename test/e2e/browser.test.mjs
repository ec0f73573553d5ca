// Browser check of the Auvik node in n8n 2.41.1's editor: starts n8n, creates the owner through the REST setup call,
// logs in through the sign-in form in headless Chromium (system /usr/bin/chromium, driven by playwright-core; no
// browser download), opens a workflow with three Auvik nodes, opens each node's panel (NDV), asserts the key labels
// render, and saves screenshots to docs/screenshots/*.png.
//
//   scripts/e2e/ensure-browser.sh      # playwright-core into ~/.cache/n8n-nodes-auvik (once)
//   npm run build && node --test test/e2e/browser.test.mjs
//
// Skips when Chromium (E2E_CHROMIUM, default /usr/bin/chromium) or playwright-core is missing.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { CREDS, loadWorkflow, N8nRest, OWNER, simCredential } from './lib/fixtures.mjs';
import { findRuntime, setupInstance, startServer } from './lib/n8n.mjs';
import { loadSimulator, REPO_ROOT, simulatorSkipReason } from './lib/simulator.mjs';

const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
const PW_VERSION = '1.65.2'; // keep in step with scripts/e2e/ensure-browser.sh
const PW_DIR =
	process.env.E2E_PLAYWRIGHT_DIR ||
	join(process.env.N8N_E2E_CACHE || join(process.env.HOME || homedir(), '.cache', 'n8n-nodes-auvik'), `playwright-core-${PW_VERSION}`);
const SHOTS = join(REPO_ROOT, 'docs', 'screenshots');

const rt = findRuntime();
const built = existsSync(join(REPO_ROOT, 'dist', 'nodes', 'Auvik', 'Auvik.node.js'));
const skip =
	rt.skip ||
	(!built && 'dist/nodes/Auvik/Auvik.node.js is missing: run `npm run build` first') ||
	simulatorSkipReason() ||
	(!existsSync(CHROMIUM) &&
		`no Chromium at ${CHROMIUM}: install it (Debian: apt-get update && apt-get install -y chromium) or set E2E_CHROMIUM`) ||
	(!existsSync(join(PW_DIR, 'node_modules', 'playwright-core', 'package.json')) &&
		`playwright-core not found in ${PW_DIR}: run scripts/e2e/ensure-browser.sh`);
if (skip) console.log(`e2e: SKIP browser: ${skip}`);

const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** The three panels: node name in the workflow, screenshot file, labels that must render. */
const PANELS = [
	{
		node: 'Devices',
		file: 'auvik-device-get-many.png',
		labels: ['Resource', 'Operation', 'Tenant Names or IDs', 'Return All', 'Limit', 'Simplify', 'Filters', 'Online Status', 'Options'],
		values: ['Device', 'Get Many'],
	},
	{
		node: 'Alerts',
		file: 'auvik-alert-get-many.png',
		labels: ['Resource', 'Operation', 'Return All', 'Simplify', 'Filters', 'Severity', 'Status', 'Options'],
		values: ['Alert', 'Get Many'],
	},
	{
		node: 'Statistics',
		file: 'auvik-statistics.png',
		labels: ['Resource', 'Operation', 'Statistic', 'Time Range', 'Interval', 'Output', 'Options'],
		values: ['Statistic', 'Get Device Statistics', 'One Item per Data Point'],
	},
];

describe('Auvik node in the n8n editor (headless Chromium)', { skip }, () => {
	let simLib;
	let sim;
	let inst;
	let server;
	let context;
	let page;
	let profileDir;
	const t0 = Date.now();

	before(async () => {
		simLib = loadSimulator();
		sim = await simLib.startSimulator({ tenants: 3, devicesPerTenant: 5, alertsPerTenant: 3 });
		inst = await setupInstance({
			packageDir: REPO_ROOT,
			credentials: [simCredential(CREDS.sim, sim)],
			workflows: [loadWorkflow('e2eEditor')],
		});
		server = await startServer(inst);
		console.log(`e2e: browser n8n ready in ${server.readyMs} ms (setup ${inst.timings.setupMs} ms)`);

		const setup = await new N8nRest(server.url).setupOwner(OWNER);
		assert.equal(setup.status, 200, `POST /rest/owner/setup: ${setup.text}`);

		const require = createRequire(join(PW_DIR, 'package.json'));
		const { chromium } = require('playwright-core');
		profileDir = mkdtempSync(join(process.env.E2E_TMP || tmpdir(), 'e2e-chromium-'));
		// launchPersistentContext = Chromium with this (fresh) --user-data-dir; Playwright refuses it in args.
		context = await chromium.launchPersistentContext(profileDir, {
			executablePath: CHROMIUM,
			headless: true,
			args: CHROMIUM_FLAGS,
			viewport: { width: 1440, height: 900 },
			deviceScaleFactor: 1,
			timeout: 60_000,
		});
		page = context.pages()[0] ?? (await context.newPage());
		page.setDefaultTimeout(30_000);
	});

	after(async () => {
		await context?.close().catch(() => {});
		if (profileDir) rmSync(profileDir, { recursive: true, force: true });
		await server?.stop();
		inst?.cleanup();
		await sim?.close();
		simLib?.cleanup();
		console.log(`e2e: browser file total ${Date.now() - t0} ms`);
	});

	test('sign in with the owner created through POST /rest/owner/setup', async () => {
		await page.goto(`${server.url}/signin`, { waitUntil: 'domcontentloaded' });
		const form = page.locator('[data-test-id="signin-form"]');
		await form.waitFor();
		await form.locator('input[name="emailOrLdapLoginId"], input[type="email"]').first().fill(OWNER.email);
		await form.locator('input[name="password"], input[type="password"]').first().fill(OWNER.password);
		await page.locator('[data-test-id="form-submit-button"]').first().click();
		await page.waitForURL((u) => !u.pathname.startsWith('/signin'), { timeout: 30_000 });
		console.log(`e2e: browser signed in, at ${page.url()}`);
	});

	test('open the workflow and each Auvik node: key labels render, screenshots saved', async () => {
		await page.goto(`${server.url}/workflow/e2eEditor`, { waitUntil: 'domcontentloaded' });
		const nodeOnCanvas = (name) => page.locator(`[data-node-name="${name}"][data-node-type="n8n-nodes-auvik.auvik"]`).first();
		await nodeOnCanvas('Devices').waitFor({ timeout: 60_000 });
		mkdirSync(SHOTS, { recursive: true });

		for (const p of PANELS) {
			await nodeOnCanvas(p.node).dblclick();
			const ndv = page.locator('[data-test-id="ndv"]').first();
			await ndv.waitFor();
			const params = ndv.locator('[data-test-id="node-parameters"]').first();
			await params.waitFor();
			await page.waitForTimeout(800); // let option labels and the credential select settle
			const file = join(SHOTS, p.file);
			await ndv.screenshot({ path: file });
			assert.ok(statSync(file).size > 10_000, `${file} written`);
			console.log(`e2e: browser screenshot ${file} (${statSync(file).size} bytes)`);
			const text = await ndv.innerText();
			for (const label of p.labels) assert.ok(text.includes(label), `${p.node}: label "${label}" in the panel`);
			const credSelect = ndv.locator('[data-test-id="node-credentials-select"]').first();
			assert.ok(await credSelect.isVisible(), `${p.node}: credential selector visible`);
			// 2.41.1 labels it "Credential" (older editors: "Credential to connect with")
			assert.match(text, /^Credential( to connect with)?$/m, `${p.node}: credential label in ${JSON.stringify(text.slice(0, 600))}`);
			const values = await ndv.evaluate((el) =>
				[...el.querySelectorAll('input')].map((i) => i.value).filter(Boolean),
			);
			for (const v of p.values) {
				assert.ok(values.includes(v) || text.includes(v), `${p.node}: shows "${v}" (inputs: ${values.join(' | ')})`);
			}
			assert.ok(values.includes(CREDS.sim.name) || text.includes(CREDS.sim.name), `${p.node}: credential "${CREDS.sim.name}" selected`);

			await page.keyboard.press('Escape');
			await ndv.waitFor({ state: 'hidden' });
		}
	});
});
