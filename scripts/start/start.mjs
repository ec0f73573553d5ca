#!/usr/bin/env node
// `npm start`: a local n8n 2.41.1 with this package installed, ready to click through.
//
//   node scripts/start/start.mjs                      # simulator demo (no Auvik account needed)
//   node scripts/start/start.mjs --auvik-region us3   # a real Auvik account (AUVIK_USERNAME / AUVIK_API_KEY)
//   node scripts/start/start.mjs --help
//
// What it does: builds dist/ if it is missing or older than the sources; installs the pinned n8n runtime once
// (scripts/e2e/ensure-n8n.sh, ~4 min and 3 GB the first time); starts the loopback Auvik simulator on
// 127.0.0.1:8790 with a demo MSP (5 tenants x 100 devices, 20 alerts each) that raises or clears an alert every
// ~10 s; starts a PSA/CMDB stand-in on 127.0.0.1:5680 that prints what the example workflows send; prepares a
// persistent n8n folder (~/.cache/n8n-nodes-auvik/demo) with the package linked in; imports the "Auvik (demo)"
// credential (id auvikDemoCred0001) and the example workflows (examples/*.json); creates the owner account through
// n8n's REST setup call; runs `n8n start` on http://localhost:5678; prints the URL, the login and what to try.
// Ctrl-C (SIGINT) or SIGTERM stops n8n (its whole process group), the simulator and the stand-in.
//
// Plain ESM, Node built-ins only; runs on the system Node (20+). n8n itself runs on the Node 24 of the runtime.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
	existsSync,
	lstatSync,
	mkdirSync,
	openSync,
	readFileSync,
	readdirSync,
	readlinkSync,
	rmSync,
	statSync,
	symlinkSync,
	unlinkSync,
	writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const REGIONS = ['us1', 'us2', 'us3', 'us4', 'us5', 'us6', 'eu1', 'eu2', 'au1', 'ca1']; // credentials/AuvikApi
const CRED_ID = 'auvikDemoCred0001';
const DEMO_KEY = 'auvik-demo-encryption-key-0123456789'; // fixed: the folder is a local demo, not a secret store

// ---------------------------------------------------------------------------------------------------------------
// arguments
// ---------------------------------------------------------------------------------------------------------------

const { values: opt } = parseArgs({
	options: {
		'auvik-region': { type: 'string' },
		'auvik-username': { type: 'string' },
		'auvik-api-key': { type: 'string' },
		port: { type: 'string' },
		'demo-dir': { type: 'string' },
		verbose: { type: 'boolean', short: 'v' },
		reset: { type: 'boolean' },
		'no-build': { type: 'boolean' },
		help: { type: 'boolean', short: 'h' },
	},
	strict: true,
});

if (opt.help) {
	console.log(`npm start [-- options]

  (no options)              demo against the built-in Auvik simulator (127.0.0.1:8790)
  --auvik-region <region>   use a real Auvik account instead (${REGIONS.join(', ')}); no simulator
  --auvik-username <email>  with --auvik-region (or env AUVIK_USERNAME)
  --auvik-api-key <key>     with --auvik-region (or env AUVIK_API_KEY)
  --port <n>                n8n port (default env N8N_PORT or 5678)
  --demo-dir <dir>          n8n folder (default ~/.cache/n8n-nodes-auvik/demo)
  --reset                   delete the demo folder first (owner, executions, edits are lost)
  --no-build                do not rebuild dist/ even if it looks stale
  -v, --verbose             print n8n's log here too (always written to <demo-dir>/n8n.log)

  env: AUVIK_REGION, AUVIK_USERNAME, AUVIK_API_KEY, N8N_PORT, AUVIK_SIM_PORT (8790), DEMO_STANDIN_PORT (5680),
       N8N_DEMO_DIR, N8N_LISTEN_ADDRESS (127.0.0.1), N8N_E2E_CACHE / N8N_E2E_RUNTIME (see scripts/e2e/ensure-n8n.sh)`);
	process.exit(0);
}

const region = (opt['auvik-region'] ?? process.env.AUVIK_REGION ?? '').trim().toLowerCase();
const realAccount = region !== '';
if (realAccount && !REGIONS.includes(region)) die(`unknown Auvik region "${region}"; use one of ${REGIONS.join(', ')}`);
const auvikUser = (opt['auvik-username'] ?? process.env.AUVIK_USERNAME ?? '').trim();
const auvikKey = (opt['auvik-api-key'] ?? process.env.AUVIK_API_KEY ?? '').trim();
if (realAccount && (!auvikUser || !auvikKey)) {
	die(`--auvik-region ${region} needs the API user and key: set AUVIK_USERNAME and AUVIK_API_KEY (or --auvik-username / --auvik-api-key)`);
}
const N8N_PORT = Number(opt.port ?? process.env.N8N_PORT ?? 5678);
const SIM_PORT = Number(process.env.AUVIK_SIM_PORT ?? 8790);
const STANDIN_PORT = Number(process.env.DEMO_STANDIN_PORT ?? 5680);
const LISTEN = process.env.N8N_LISTEN_ADDRESS || '127.0.0.1';
const CACHE = process.env.N8N_E2E_CACHE || join(process.env.HOME || homedir(), '.cache', 'n8n-nodes-auvik');
const DEMO_DIR = resolve(opt['demo-dir'] ?? process.env.N8N_DEMO_DIR ?? join(CACHE, 'demo'));
const LOG_FILE = join(DEMO_DIR, 'n8n.log');

function log(msg) {
	console.log(`[start] ${msg}`);
}
function die(msg) {
	console.error(`[start] ERROR: ${msg}`);
	process.exit(1);
}
/** For errors after start-up began: main() catches it and cleans up (n8n runs in its own process group). */
class StartError extends Error {}
function fail(msg) {
	throw new StartError(msg);
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const hhmmss = () => new Date().toISOString().slice(11, 19);

// ---------------------------------------------------------------------------------------------------------------
// cleanup on Ctrl-C / SIGTERM / failure
// ---------------------------------------------------------------------------------------------------------------

const cleanups = [];
let stopping = false;
async function shutdown(code = 0, why = '') {
	if (stopping) return;
	stopping = true;
	if (why) log(why);
	for (const fn of cleanups.reverse()) {
		try {
			await fn();
		} catch (e) {
			console.error(`[start] cleanup: ${e.message}`);
		}
	}
	process.exit(code);
}
process.on('SIGINT', () => void shutdown(0, 'Ctrl-C: stopping n8n, the simulator and the stand-in...'));
process.on('SIGTERM', () => void shutdown(0, 'SIGTERM: stopping...'));

function portFree(port, host = '127.0.0.1') {
	return new Promise((res) => {
		const s = createNetServer();
		s.once('error', () => res(false));
		s.listen(port, host, () => s.close(() => res(true)));
	});
}
async function freePort() {
	return await new Promise((res, rej) => {
		const s = createNetServer();
		s.once('error', rej);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => res(port));
		});
	});
}

// ---------------------------------------------------------------------------------------------------------------
// 1. build
// ---------------------------------------------------------------------------------------------------------------

function newestMtime(path) {
	if (!existsSync(path)) return 0;
	const st = statSync(path);
	if (!st.isDirectory()) return st.mtimeMs;
	let newest = 0;
	for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
	return newest;
}

function ensureBuilt() {
	const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
	const entries = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])].map((p) => join(REPO_ROOT, p));
	const missing = entries.filter((p) => !existsSync(p));
	const builtAt = Math.min(...entries.filter((p) => existsSync(p)).map((p) => statSync(p).mtimeMs), Infinity);
	const sourcesAt = Math.max(
		...['nodes', 'credentials', 'package.json', 'tsconfig.json', 'gulpfile.js'].map((p) => newestMtime(join(REPO_ROOT, p))),
	);
	const stale = missing.length > 0 || sourcesAt > builtAt;
	if (!stale) return log('dist/ is up to date');
	if (opt['no-build']) {
		if (missing.length) fail(`dist/ is missing ${missing.join(', ')} and --no-build was given`);
		return log('dist/ looks older than the sources (--no-build: using it anyway)');
	}
	log(missing.length ? 'dist/ is missing: npm run build' : 'sources are newer than dist/: npm run build');
	const r = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
	if (r.status !== 0) fail('npm run build failed');
}

// ---------------------------------------------------------------------------------------------------------------
// 2. runtime
// ---------------------------------------------------------------------------------------------------------------

async function ensureRuntime() {
	log('checking the n8n 2.41.1 runtime (first time: ~4 min, ~3 GB in ~/.cache/n8n-nodes-auvik)...');
	const r = spawnSync('bash', [join(REPO_ROOT, 'scripts', 'e2e', 'ensure-n8n.sh')], {
		cwd: REPO_ROOT,
		stdio: ['ignore', 'pipe', 'inherit'],
		encoding: 'utf8',
	});
	if (r.status !== 0) fail('scripts/e2e/ensure-n8n.sh failed');
	const { findRuntime } = await import('../../test/e2e/lib/n8n.mjs');
	const rt = findRuntime();
	if (!rt.ok) fail(rt.skip);
	return rt;
}

// ---------------------------------------------------------------------------------------------------------------
// 3. simulator + alert ticker
// ---------------------------------------------------------------------------------------------------------------

const ALERT_KINDS = [
	{ name: 'Device Offline', severity: 'critical' },
	{ name: 'High CPU Utilization', severity: 'warning' },
	{ name: 'Interface Down', severity: 'critical' },
	{ name: 'Memory Usage High', severity: 'warning' },
	{ name: 'Device Unreachable', severity: 'emergency' },
	{ name: 'Configuration Changed', severity: 'info' },
];

async function startDemoSimulator() {
	if (!(await portFree(SIM_PORT))) fail(`127.0.0.1:${SIM_PORT} is in use (another npm start?); set AUVIK_SIM_PORT`);
	const { loadSimulator } = await import('../../test/e2e/lib/simulator.mjs');
	log('compiling the Auvik simulator (test/simulator)...');
	const lib = loadSimulator();
	cleanups.push(() => lib.cleanup());
	const sim = await lib.startSimulator({ port: SIM_PORT, tenants: 5, devicesPerTenant: 100, alertsPerTenant: 20 });
	cleanups.push(() => sim.close());
	log(`Auvik simulator on ${sim.url}: ${sim.data.clientTenants.length} tenants, ${sim.data.devices.length} devices, ${sim.data.alerts.length} alerts`);

	// every ~10 s: raise an alert, then clear the oldest one it raised, alternately
	const open = [];
	let tick = 0;
	const timer = setInterval(() => {
		try {
			tick++;
			if (tick % 2 === 0 && open.length) {
				const target = open.shift();
				const clear = sim.addAlert({ relatedAlertId: target.id, status: 'resolved' });
				console.log(`[sim ${hhmmss()}] cleared   ${target.name} on ${target.entity.name} (${clear.id} clears ${target.id})`);
				return;
			}
			const tenant = sim.data.clientTenants[Math.floor(Math.random() * sim.data.clientTenants.length)];
			const devices = sim.data.devices.filter((d) => d.tenantId === tenant.id);
			const device = devices[Math.floor(Math.random() * devices.length)];
			const kind = ALERT_KINDS[tick % ALERT_KINDS.length];
			const a = sim.addAlert({ tenantId: tenant.id, entityId: device.id, name: kind.name, severity: kind.severity });
			open.push(a);
			console.log(`[sim ${hhmmss()}] triggered ${a.name} on ${a.entity.name} (${a.severity}, ${tenant.domainPrefix}, id ${a.id})`);
		} catch (e) {
			console.error(`[sim] could not add an alert: ${e.message}`);
		}
	}, 10_000);
	cleanups.push(() => clearInterval(timer));
	return sim;
}

// ---------------------------------------------------------------------------------------------------------------
// 4. PSA / CMDB stand-in (the examples POST to http://127.0.0.1:5680/...)
// ---------------------------------------------------------------------------------------------------------------

async function startStandIn() {
	if (!(await portFree(STANDIN_PORT))) {
		log(`127.0.0.1:${STANDIN_PORT} is in use: not starting the PSA/CMDB stand-in (the examples' HTTP calls go there)`);
		return null;
	}
	let n = 0;
	const server = createServer((req, res) => {
		let raw = '';
		req.setEncoding('utf8');
		req.on('data', (d) => (raw += d));
		req.on('end', () => {
			n++;
			let body;
			try {
				body = raw ? JSON.parse(raw) : undefined;
			} catch {
				body = raw;
			}
			const summary =
				body && typeof body === 'object'
					? Array.isArray(body)
						? `${body.length} records`
						: (body.title ?? body.text ?? body.status ?? (body.devices ? `${body.devices.length} devices` : JSON.stringify(body).slice(0, 120)))
					: String(body ?? '').slice(0, 120);
			console.log(`[psa ${hhmmss()}] ${req.method} ${req.url} ${summary}`);
			res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ ok: true, id: `T-${1000 + n}` }));
		});
	});
	await new Promise((r) => server.listen(STANDIN_PORT, '127.0.0.1', r));
	cleanups.push(() => new Promise((r) => { server.close(() => r()); server.closeAllConnections(); }));
	log(`PSA/CMDB stand-in on http://127.0.0.1:${STANDIN_PORT} (prints each ticket / sync / report it receives)`);
	return server;
}

// ---------------------------------------------------------------------------------------------------------------
// 5. n8n folder, imports
// ---------------------------------------------------------------------------------------------------------------

async function n8nEnv(rt, brokerPort) {
	const { baseEnv } = await import('../../test/e2e/lib/n8n.mjs');
	return baseEnv(
		{ root: DEMO_DIR, userFolder: DEMO_DIR, home: join(DEMO_DIR, 'home'), brokerPort, nodeBinDir: rt.nodeBinDir },
		{
			N8N_ENCRYPTION_KEY: DEMO_KEY,
			N8N_LOG_FORMAT: 'text',
			N8N_PORT: N8N_PORT,
			N8N_LISTEN_ADDRESS: LISTEN,
			N8N_HOST: 'localhost',
			N8N_PROTOCOL: 'http',
			WEBHOOK_URL: `http://localhost:${N8N_PORT}/`,
			N8N_EDITOR_BASE_URL: `http://localhost:${N8N_PORT}/`,
			N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'false',
		},
	);
}

function runCli(rt, env, args, what) {
	const t0 = Date.now();
	const r = spawnSync(rt.nodeBin, [rt.n8nBin, ...args], { cwd: DEMO_DIR, env, encoding: 'utf8', maxBuffer: 64 << 20 });
	if (r.status !== 0) fail(`n8n ${args[0]} (${what}) failed:\n${r.stdout}\n${r.stderr}`);
	log(`${what} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

function prepareFolder() {
	if (opt.reset && existsSync(DEMO_DIR)) {
		log(`--reset: deleting ${DEMO_DIR}`);
		rmSync(DEMO_DIR, { recursive: true, force: true });
	}
	for (const d of [DEMO_DIR, join(DEMO_DIR, 'home'), join(DEMO_DIR, 'tmp'), join(DEMO_DIR, 'import', 'workflows')]) {
		mkdirSync(d, { recursive: true });
	}
	const nm = join(DEMO_DIR, '.n8n', 'nodes', 'node_modules');
	mkdirSync(nm, { recursive: true });
	const link = join(nm, 'n8n-nodes-auvik');
	let ok = false;
	try {
		ok = lstatSync(link).isSymbolicLink() && resolve(nm, readlinkSync(link)) === REPO_ROOT;
	} catch {
		ok = false;
	}
	if (!ok) {
		rmSync(link, { recursive: true, force: true });
		symlinkSync(REPO_ROOT, link, 'dir');
		log(`linked ${REPO_ROOT} into ${link}`);
	}
}

function importCredential(rt, env, sim) {
	const data = realAccount
		? { region, username: auvikUser, apiKey: auvikKey }
		: { region: 'custom', baseUrl: sim.url, username: sim.credentials.username, apiKey: sim.credentials.apiKey };
	const name = realAccount ? `Auvik (${region})` : 'Auvik (demo)';
	const file = join(DEMO_DIR, 'import', 'credentials.json');
	writeFileSync(file, JSON.stringify([{ id: CRED_ID, name, type: 'auvikApi', data }], null, 2), { mode: 0o600 });
	try {
		runCli(rt, env, ['import:credentials', `--input=${file}`], `credential "${name}" (${CRED_ID}) -> ${realAccount ? `region ${region}` : sim.url}`);
	} finally {
		unlinkSync(file); // holds the API key in plain text
	}
	return name;
}

/** Imports examples/*.json that are new or changed since the last start (keeps the user's edits otherwise). */
function importExamples(rt, env) {
	const dir = join(REPO_ROOT, 'examples');
	if (!existsSync(dir)) {
		log('no examples/ folder: no example workflows to import');
		return [];
	}
	const stateFile = join(DEMO_DIR, 'imported-examples.json');
	const state = existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : {};
	const outDir = join(DEMO_DIR, 'import', 'workflows');
	for (const f of readdirSync(outDir)) rmSync(join(outDir, f));
	const all = [];
	const changed = [];
	for (const f of readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) {
		const text = readFileSync(join(dir, f), 'utf8');
		let wf;
		try {
			wf = JSON.parse(text);
		} catch (e) {
			log(`skipping examples/${f}: not JSON (${e.message})`);
			continue;
		}
		if (!wf.id || !Array.isArray(wf.nodes)) {
			log(`skipping examples/${f}: no id or nodes`);
			continue;
		}
		const hash = createHash('sha256').update(text).digest('hex');
		all.push({ id: wf.id, name: wf.name, file: f });
		if (state[wf.id] !== hash) {
			writeFileSync(join(outDir, `${wf.id}.json`), JSON.stringify({ ...wf, active: false }));
			changed.push({ id: wf.id, hash });
		}
	}
	if (changed.length) {
		runCli(rt, env, ['import:workflow', '--separate', `--input=${outDir}`], `imported ${changed.length} example workflow(s)`);
		for (const c of changed) state[c.id] = c.hash;
		writeFileSync(stateFile, JSON.stringify(state, null, 2));
	} else {
		log(`example workflows unchanged (${all.length}); not re-imported`);
	}
	return all;
}

// ---------------------------------------------------------------------------------------------------------------
// 6. n8n start + owner
// ---------------------------------------------------------------------------------------------------------------

async function startN8n(rt, env) {
	if (!(await portFree(N8N_PORT, LISTEN === '0.0.0.0' || LISTEN === '::' ? '127.0.0.1' : LISTEN))) {
		fail(`port ${N8N_PORT} is in use (another n8n?); stop it or use --port`);
	}
	const out = openSync(LOG_FILE, 'a');
	const child = spawn(rt.nodeBin, [rt.n8nBin, 'start'], {
		cwd: DEMO_DIR,
		env,
		stdio: ['ignore', opt.verbose ? 'pipe' : out, opt.verbose ? 'pipe' : out],
		detached: true, // own process group: n8n + its task runner, killed together
	});
	if (opt.verbose) {
		for (const s of [child.stdout, child.stderr]) {
			s.on('data', (d) => {
				process.stdout.write(d);
				writeFileSync(LOG_FILE, d, { flag: 'a' });
			});
		}
	}
	let exited = null;
	const exitP = new Promise((r) => child.on('exit', (code, signal) => r((exited = { code, signal }))));
	cleanups.push(async () => {
		if (exited) return;
		log('stopping n8n...');
		try {
			process.kill(-child.pid, 'SIGTERM');
		} catch {
			/* gone */
		}
		const t = setTimeout(() => {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				/* gone */
			}
		}, 15_000);
		await exitP;
		clearTimeout(t);
		try {
			process.kill(-child.pid, 'SIGKILL'); // a stray task runner, if any
		} catch {
			/* gone */
		}
		log(`n8n stopped (${JSON.stringify(exited)})`);
	});
	child.on('exit', (code, signal) => {
		if (!stopping) void shutdown(1, `n8n exited on its own (code ${code}, signal ${signal}); see ${LOG_FILE}`);
	});

	const base = `http://127.0.0.1:${N8N_PORT}`;
	const t0 = Date.now();
	for (;;) {
		if (exited) fail(`n8n exited during start-up; see ${LOG_FILE}`);
		try {
			const r = await fetch(`${base}/healthz/readiness`);
			if (r.ok) break;
		} catch {
			/* not listening yet */
		}
		if (Date.now() - t0 > 120_000) fail(`n8n not ready after 120 s; see ${LOG_FILE}`);
		await sleep(300);
	}
	log(`n8n is up (${((Date.now() - t0) / 1000).toFixed(1)} s; log: ${LOG_FILE})`);
	return { child, base };
}

/** Minimal n8n REST client: cookie + browser-id (the auth JWT is bound to it). */
function restClient(base) {
	let cookie = '';
	const browserId = `npm-start-${randomBytes(6).toString('hex')}`;
	return async (method, path, body) => {
		const res = await fetch(`${base}${path}`, {
			method,
			headers: { 'content-type': 'application/json', 'browser-id': browserId, ...(cookie ? { cookie } : {}) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		for (const c of res.headers.getSetCookie?.() ?? []) {
			const m = /^n8n-auth=([^;]*)/.exec(c);
			if (m) cookie = `n8n-auth=${m[1]}`;
		}
		const text = await res.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: res.status, json, text };
	};
}

async function ensureOwner(rest) {
	const ownerFile = join(DEMO_DIR, 'owner.json');
	const saved = existsSync(ownerFile) ? JSON.parse(readFileSync(ownerFile, 'utf8')) : null;
	const owner = saved ?? {
		email: 'demo@example.com',
		firstName: 'Demo',
		lastName: 'User',
		password: `Auvik-${randomBytes(4).toString('hex')}-Demo1`, // rules: 8+ chars, a digit, an uppercase letter
	};
	const setup = await rest('POST', '/rest/owner/setup', owner);
	if (setup.status === 200) {
		writeFileSync(ownerFile, JSON.stringify(owner, null, 2), { mode: 0o600 });
		log(`owner account created: ${owner.email}`);
		return owner;
	}
	// already set up on an earlier start: log in with the saved password
	const login = await rest('POST', '/rest/login', { emailOrLdapLoginId: owner.email, password: owner.password });
	if (login.status === 200) return owner;
	log(`could not set up or log in the owner (setup ${setup.status}: ${setup.text.slice(0, 200)}; login ${login.status})`);
	return saved ? { ...owner, unknown: true } : null;
}

/** The example with the Auvik Webhook Trigger: { name, webhookId, secret }, for the printed curl line. */
function webhookExample() {
	const dir = join(REPO_ROOT, 'examples');
	if (!existsSync(dir)) return null;
	for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
		try {
			const wf = JSON.parse(readFileSync(join(dir, f), 'utf8'));
			const node = (wf.nodes ?? []).find((n) => n.type === 'n8n-nodes-auvik.auvikWebhookTrigger' && n.webhookId);
			if (node) return { name: wf.name, webhookId: node.webhookId, secret: node.parameters?.secret ?? '' };
		} catch {
			/* not JSON */
		}
	}
	return null;
}

// ---------------------------------------------------------------------------------------------------------------
// main
// ---------------------------------------------------------------------------------------------------------------

async function main() {
	const t0 = Date.now();
	ensureBuilt();
	const rt = await ensureRuntime();
	prepareFolder();
	let sim = null;
	if (realAccount) {
		log(`real Auvik account: region ${region}, user ${auvikUser}; the simulator is not started`);
	} else {
		sim = await startDemoSimulator();
	}
	await startStandIn();

	const env = await n8nEnv(rt, await freePort());
	const credName = importCredential(rt, env, sim);
	const examples = importExamples(rt, env);
	const { base } = await startN8n(rt, env);

	const rest = restClient(base);
	const owner = await ensureOwner(rest);
	let credTest = 'not run';
	let workflows = [];
	if (owner && !owner.unknown) {
		// like the editor's "Retry"/"Save" test: the stored data (secrets redacted), which n8n un-redacts server-side
		const stored = await rest('GET', `/rest/credentials/${CRED_ID}?includeData=true`);
		const data = stored.json?.data?.data ?? {};
		const test = await rest('POST', '/rest/credentials/test', { credentials: { id: CRED_ID, name: credName, type: 'auvikApi', data } });
		credTest = test.json?.data ? `${test.json.data.status}${test.json.data.message ? ` (${test.json.data.message})` : ''}` : `HTTP ${test.status}`;
		const list = await rest('GET', '/rest/workflows');
		workflows = (list.json?.data ?? []).map((w) => w.name);
	}

	const url = `http://localhost:${N8N_PORT}`;
	const line = '-'.repeat(100);
	console.log(`\n${line}`);
	console.log(`  n8n 2.41.1 with n8n-nodes-auvik is running: ${url}   (ready in ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
	if (owner) {
		console.log(`  Log in:        ${owner.email}  /  ${owner.unknown ? '(the password you set earlier)' : owner.password}`);
	} else {
		console.log('  Log in:        create the owner account in the browser');
	}
	console.log(`  Credential:    "${credName}" (${CRED_ID}) -> ${realAccount ? `Auvik region ${region}` : sim.url}; credential test: ${credTest}`);
	if (sim) console.log(`  Simulator:     ${sim.url}  user ${sim.credentials.username}  key ${sim.credentials.apiKey}  (new alert or clear every ~10 s)`);
	console.log(`  Workflows:     ${workflows.length ? workflows.join(' | ') : examples.map((e) => e.name).join(' | ') || '(none)'}`);
	console.log('  Try:');
	console.log('    1. Open a workflow, double-click an Auvik node, "Execute step": devices, alerts, statistics.');
	console.log('    2. New workflow > add "Auvik" > Device > Get Many, Return All, a Filter; or Statistic > Get Device Statistics.');
	if (examples.some((e) => /poll/i.test(e.id + e.name))) {
		console.log('    3. Publish "Auvik alert to PSA ticket (polling)": each new / cleared alert opens / closes a ticket at the');
		console.log(`       stand-in on 127.0.0.1:${STANDIN_PORT} (the [psa] lines here), once a minute.`);
	}
	const hook = webhookExample();
	if (hook) {
		const q = hook.secret ? `?token=${encodeURIComponent(hook.secret)}` : '';
		console.log(`    4. Publish "${hook.name}", then send it an Auvik webhook notification:`);
		console.log(`       curl -X POST -H 'content-type: application/json' '${url}/webhook/${hook.webhookId}/auvik${q}' \\`);
		console.log(`         -d '{"alertId":"ZGVtbzE","alertName":"Device Offline","alertStatus":0,"alertSeverity":2,"entityName":"core-sw1","companyName":"Client One"}'`);
	}
	if (realAccount) console.log('  NOTE: this is your REAL Auvik account: "Dismiss Alert" nodes change alerts in Auvik.');
	console.log(`  Stop:          Ctrl-C   (n8n data stays in ${DEMO_DIR}; --reset starts over)`);
	console.log(`${line}\n`);
}

main().catch((e) => {
	console.error(`[start] ERROR: ${e instanceof StartError ? e.message : e.stack ?? e.message}`);
	void shutdown(1);
});
