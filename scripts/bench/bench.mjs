#!/usr/bin/env node
// Benchmark of the Auvik node (issue 7): device / Get Many / Return All inside a real n8n 2.41.1, against n8n's
// HTTP Request node with its built-in pagination and against a raw undici keep-alive loop (the floor), all on the
// loopback Auvik simulator with a per-request latency. Also: Limit 10, the rate budget under 20 concurrent
// executions, and 5 % injected 500/429 answers. Writes docs/benchmarks.md and docs/benchmarks.svg.
//
//   node scripts/bench/bench.mjs [--sizes 10000,100000] [--latency 20] [--page-max 1000] [--tenants 10] [--smoke]
//   node scripts/bench/bench.mjs --help
//
// Needs: `npm run build` (dist/) and the n8n runtime (scripts/e2e/ensure-n8n.sh). Plain ESM, Node >= 20.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { findRuntime, freePort, N8N_VERSION, runN8n, setupInstance } from '../../test/e2e/lib/n8n.mjs';
import { loadSimulator, REPO_ROOT, simulatorSkipReason } from '../../test/e2e/lib/simulator.mjs';
import { renderMarkdown, renderSvg } from './lib/report.mjs';
import { executeQuiet, instrumentationEnv, makeDirs, withServer } from './lib/runner.mjs';
import { maxInSlidingWindow, median, pickDistinct, prng } from './lib/stats.mjs';
import { benchCredentials, benchWorkflows, HOOK, WF } from './lib/workflows.mjs';

const FLOOR_SCRIPT = fileURLToPath(new URL('./lib/floor.mjs', import.meta.url));
const LIST_PATH = '/v1/inventory/device/info';

const HELP = `Usage: node scripts/bench/bench.mjs [options]

  --sizes 10000,100000     device counts N (spread over --tenants tenants)
  --tenants 10             client tenants T in the simulator
  --latency 20             simulator latency per request, ms
  --page-max 1000          simulator page maximum = page size of every approach
  --floor-repeats 3        undici floor runs per size (the median is reported)
  --server-repeats 3       webhook calls per n8n start measurement, one after another (the median is reported)
  --fault-rate 0.05        share of the pages answered 500/429 once in the fault runs
  --budget 250             rate budget (requests per window) of the concurrency test
  --budget-window 30       its window, seconds (the node's option is per 5 minutes; see docs/benchmarks.md)
  --budget-executions 20   concurrent executions in one n8n process
  --budget-pages 30        pages each execution reads (page size --budget-page-size)
  --budget-page-size 100
  --skip-server            no n8n start (webhook) measurements of the sizes
  --skip-execute           no n8n execute measurements of the sizes
  --prefetch               add an 'Auvik node + prefetch' row: a bench-only prototype that asks for page k+1 before
                           the node works on page k (lib/preload.cjs; it showed no gain, see docs/benchmarks.md)
  --skip-budget            no rate-budget test
  --budget-variants built,completion
                           'built' = the node as built (default); 'completion' = the bench-only prototype of the fix that is now
                           in the node (obsolete: it patches the old budget API)
                           (a budget slot is held until one window after the response, see lib/preload.cjs)
  --strict-budget          exit 1 when more requests than the budget ARRIVE at the simulator in one window
                           (default: only the node's own count is a correctness check; arrivals are a target)
  --smoke                  tiny and quick (< 60 s): N=400, page max 100, budget 10 per 3 s x 4 executions,
                           n8n execute only, no boot baseline; writes to $TMPDIR/n8n-nodes-auvik-bench-smoke/ unless
                           --out is given; exit 1 when a correctness check fails (items lost or duplicated, wrong
                           request count, Limit 10 not 1 request, a fault not recovered, the node's own budget count
                           above the budget)
  --out <dir>              where benchmarks.md and benchmarks.svg go (default docs/)
  --json <file>            raw results (default scripts/bench/results/latest.json; with --out or --smoke:
                           <out>/benchmarks.json). scripts/bench/render.mjs re-renders the docs from it.
  --keep                   keep the temporary n8n folder
  --help`;

const { values: argv } = parseArgs({
	options: {
		sizes: { type: 'string' },
		tenants: { type: 'string' },
		latency: { type: 'string', default: '20' },
		'page-max': { type: 'string' },
		'floor-repeats': { type: 'string' },
		'server-repeats': { type: 'string' },
		'fault-rate': { type: 'string', default: '0.05' },
		budget: { type: 'string' },
		'budget-window': { type: 'string' },
		'budget-executions': { type: 'string' },
		'budget-pages': { type: 'string' },
		'budget-page-size': { type: 'string' },
		'skip-server': { type: 'boolean', default: false },
		'skip-execute': { type: 'boolean', default: false },
		'skip-budget': { type: 'boolean', default: false },
		'budget-variants': { type: 'string' },
		'strict-budget': { type: 'boolean', default: false },
		prefetch: { type: 'boolean', default: false },
		smoke: { type: 'boolean', default: false },
		out: { type: 'string' },
		json: { type: 'string' },
		keep: { type: 'boolean', default: false },
		help: { type: 'boolean', default: false },
	},
});
if (argv.help) {
	console.log(HELP);
	process.exit(0);
}

const smoke = argv.smoke;
const num = (v, d) => (v === undefined ? d : Number(v));
const cfg = {
	smoke,
	sizes: (argv.sizes ?? (smoke ? '400' : '10000,100000')).split(',').map(Number).filter((n) => n > 0).sort((a, b) => a - b),
	tenants: num(argv.tenants, smoke ? 2 : 10),
	latencyMs: num(argv.latency, 20),
	pageMax: num(argv['page-max'], smoke ? 100 : 1000),
	floorRepeats: num(argv['floor-repeats'], smoke ? 1 : 3),
	serverRepeats: num(argv['server-repeats'], 3),
	faultRate: num(argv['fault-rate'], 0.05),
	budget: {
		limit: num(argv.budget, smoke ? 10 : 250),
		windowMs: num(argv['budget-window'], smoke ? 3 : 30) * 1000,
		executions: num(argv['budget-executions'], smoke ? 4 : 20),
		pages: num(argv['budget-pages'], smoke ? 5 : 30),
		pageSize: num(argv['budget-page-size'], smoke ? 20 : 100),
	},
	server: !argv['skip-server'] && !smoke,
	execute: !argv['skip-execute'],
	runBudget: !argv['skip-budget'],
	prefetch: argv.prefetch && !argv['skip-server'] && !smoke,
	budgetVariants: (argv['budget-variants'] ?? 'built').split(',').filter(Boolean),
	httpFaults: !smoke,
	seed: 7,
	outDir: argv.out ?? (smoke ? join(tmpdir(), 'n8n-nodes-auvik-bench-smoke') : join(REPO_ROOT, 'docs')),
};
cfg.jsonPath = argv.json ?? (argv.out || smoke ? join(cfg.outDir, 'benchmarks.json') : join(REPO_ROOT, 'scripts', 'bench', 'results', 'latest.json'));
for (const [k, v] of Object.entries({ tenants: cfg.tenants, latency: cfg.latencyMs, pageMax: cfg.pageMax })) {
	if (!Number.isFinite(v) || v < 0 || (k !== 'latency' && v < 1)) throw new Error(`bad --${k}: ${v}`);
}
if (!cfg.sizes.length) throw new Error('--sizes: no size');

const T0 = Date.now();
const log = (msg) => console.log(`[bench +${((Date.now() - T0) / 1000).toFixed(1)}s] ${msg}`);
const failures = [];
const check = (ok, what) => {
	if (!ok) failures.push(what);
	return ok;
};

// -------------------------------------------------------------------------------------------------------------
// Preconditions
// -------------------------------------------------------------------------------------------------------------

const rt = findRuntime();
if (!rt.ok) {
	console.error(`bench: ${rt.skip}`);
	process.exit(2);
}
const distNode = join(REPO_ROOT, 'dist', 'nodes', 'Auvik', 'Auvik.node.js');
if (!existsSync(distNode)) {
	console.error('bench: dist/ is missing: run `npm run build` first');
	process.exit(2);
}
const simSkip = simulatorSkipReason();
if (simSkip) {
	console.error(`bench: ${simSkip}`);
	process.exit(2);
}

function newestMtime(dir) {
	let newest = 0;
	for (const e of readdirSync(dir, { withFileTypes: true })) {
		const p = join(dir, e.name);
		newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
	}
	return newest;
}
const distStale = newestMtime(join(REPO_ROOT, 'nodes')) > statSync(distNode).mtimeMs;
if (distStale) console.warn('bench: WARNING dist/ is older than nodes/: the bench measures the last build (npm run build)');

/** The node's Options gained a rate-window option? Then the budget test uses it instead of the preload shim. */
const fieldsJs = join(REPO_ROOT, 'dist', 'nodes', 'Auvik', 'description', 'fields.js');
const nodeHasRateWindow = existsSync(fieldsJs) && /rateWindowSeconds/.test(readFileSync(fieldsJs, 'utf8'));

function machine() {
	const git = (args) => {
		try {
			return execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
		} catch {
			return '';
		}
	};
	const undiciPkg = JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', 'undici', 'package.json'), 'utf8'));
	return {
		date: new Date().toISOString(),
		nproc: Number(spawnSync('nproc', { encoding: 'utf8' }).stdout.trim()) || cpus().length,
		cpu: cpus()[0]?.model ?? 'unknown',
		memGiB: totalmem() / 2 ** 30,
		nodeBench: process.version,
		nodeN8n: spawnSync(rt.nodeBin, ['--version'], { encoding: 'utf8' }).stdout.trim(),
		n8n: N8N_VERSION,
		undici: undiciPkg.version,
		commit: git(['rev-parse', '--short', 'HEAD']),
		dirty: git(['status', '--porcelain', '--', 'nodes', 'credentials']) !== '',
		distStale,
		loadavgStart: loadavg(),
	};
}

// -------------------------------------------------------------------------------------------------------------
// Simulator helpers
// -------------------------------------------------------------------------------------------------------------

let simLib;
let sim;
let port;
let simUrl;

async function startSim({ devices, tenants = cfg.tenants }) {
	if (sim) await sim.close();
	const devicesPerTenant = Math.ceil(devices / tenants);
	sim = await simLib.startSimulator({
		port,
		tenants,
		devicesPerTenant,
		latencyMs: cfg.latencyMs,
		pageMax: cfg.pageMax,
		seed: 1,
	});
	return sim.data.devices.length;
}

function simRequests() {
	const reqs = [...sim.requests];
	const byStatus = {};
	for (const r of reqs) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
	const times = reqs.map((r) => r.at);
	return {
		total: reqs.length,
		list: reqs.filter((r) => r.path === LIST_PATH).length,
		other: reqs.filter((r) => r.path !== LIST_PATH).map((r) => `${r.method} ${r.url}`),
		byStatus,
		spanMs: times.length ? Math.max(...times) - Math.min(...times) : 0,
		unauthenticated: reqs.filter((r) => !r.authOk).length,
		firstAt: times.length ? Math.min(...times) : undefined,
		times,
	};
}

/** Cursor fingerprint of the plain device list (read off a links.next; the simulator ties cursors to queries). */
async function listFingerprint() {
	const res = await fetch(`${sim.url}${LIST_PATH}?page[first]=1`, { headers: { authorization: sim.credentials.authorization } });
	const body = await res.json();
	const after = new URL(body.links.next).searchParams.get('page[after]');
	const decoded = Buffer.from(after, 'base64url').toString('utf8'); // cursor:<offset>:<fingerprint>
	sim.resetRequests();
	return decoded.split(':')[2];
}

/**
 * Queues failNext faults so that ceil(rate x pages) distinct pages (chosen with a fixed seed) are answered
 * 500 / 429 (Retry-After: 1) alternately on their first request; the retry of that page gets the real answer.
 */
async function planFaults(devices, seed) {
	const pages = Math.ceil(devices / cfg.pageMax);
	const count = Math.max(1, Math.round(cfg.faultRate * pages));
	const fp = await listFingerprint();
	const chosen = pickDistinct(pages, count, prng(seed));
	const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const plan = chosen.map((page, i) => {
		const status = i % 2 === 0 ? 500 : 429;
		const path =
			page === 0
				? new RegExp(`^${esc(LIST_PATH)}\\?page\\[first\\]=\\d+$`)
				: new RegExp(`[?&]page\\[after\\]=${esc(simLib.module.encodeCursor(page * cfg.pageMax, fp))}(&|$)`);
		sim.failNext({ status, count: 1, path, ...(status === 429 ? { retryAfter: '1' } : {}) });
		return { page, status };
	});
	return { pages, plan };
}

// -------------------------------------------------------------------------------------------------------------
// Measurements
// -------------------------------------------------------------------------------------------------------------

async function floorRun(devices) {
	const runs = [];
	for (let i = 0; i < cfg.floorRepeats; i++) {
		sim.resetRequests();
		const out = await new Promise((res, rej) => {
			const child = spawn(
				process.execPath,
				[FLOOR_SCRIPT, '--url', `${sim.url}${LIST_PATH}`, '--auth', sim.credentials.authorization, '--page-max', String(cfg.pageMax)],
				{ cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
			);
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', (d) => (stdout += d));
			child.stderr.on('data', (d) => (stderr += d));
			const timer = setTimeout(() => child.kill('SIGKILL'), 600_000);
			child.on('error', rej);
			child.on('close', (code) => {
				clearTimeout(timer);
				if (code !== 0) rej(new Error(`floor loop failed (${code}): ${stderr}`));
				else res(JSON.parse(stdout.trim().split('\n').pop()));
			});
		});
		const reqs = simRequests();
		runs.push({ ...out, simRequests: reqs.total, spanMs: reqs.spanMs });
	}
	const wallMs = median(runs.map((r) => r.wallMs));
	const r0 = runs[0];
	return {
		approach: 'floor',
		runs: runs.map((r) => r.wallMs),
		wallMs,
		effWallMs: wallMs,
		requests: Math.max(...runs.map((r) => r.simRequests)),
		items: r0.items,
		unique: r0.unique,
		peakRssMiB: Math.max(...runs.map((r) => r.maxRSSKiB / 1024)),
		spanMs: median(runs.map((r) => r.spanMs)),
		ok: runs.every((r) => r.items === devices && r.unique === devices),
	};
}

/** Items and node time of a run summary: the Auvik node, or HTTP Request + Split Out. */
function fromSummary(summary, kind) {
	if (!summary) return { status: 'no summary' };
	const n = summary.nodes ?? {};
	const out = { status: summary.status, error: summary.error?.message, execWallMs: summary.stoppedAt - summary.startedAt };
	if (kind === 'node') {
		const a = n.Auvik;
		Object.assign(out, { items: a?.outputs?.[0]?.items, unique: a?.outputs?.[0]?.uniqueIds, nodeMs: a?.executionTime, nodeDetail: { Auvik: a?.executionTime } });
		if (a?.error) out.error ??= a.error;
	} else {
		const h = n['HTTP Request'];
		const s = n['Split Out'];
		Object.assign(out, {
			items: s?.outputs?.[0]?.items,
			unique: s?.outputs?.[0]?.uniqueIds,
			nodeMs: (h?.executionTime ?? NaN) + (s?.executionTime ?? 0),
			nodeDetail: { 'HTTP Request': h?.executionTime, 'Split Out': s?.executionTime, httpRuns: h?.runs },
			pagesOut: h?.outputs?.[0]?.items,
		});
		if (h?.error) out.error ??= h.error;
	}
	return out;
}

async function executeMeasure(inst, dirs, workflowId, kind, devices, bootMs) {
	sim.resetRequests();
	const r = await executeQuiet(inst, dirs, workflowId);
	const reqs = simRequests();
	const s = fromSummary(r.summary, kind);
	return {
		approach: `${kind}-execute`,
		code: r.code,
		signal: r.signal ?? undefined,
		stdoutReceivedMiB: r.stdoutBytes / 2 ** 20, // what reached the pipe before n8n exited (it may exit before flushing)
		cliError: r.code === 0 ? undefined : `exit ${r.code ?? r.signal}${r.errorLog ? `: ${r.errorLog}` : ''}`,
		...s,
		wallMs: r.durationMs,
		effWallMs: bootMs === undefined ? undefined : r.durationMs - bootMs,
		requests: reqs.total,
		requestsByStatus: reqs.byStatus,
		otherRequests: reqs.other,
		spanMs: reqs.spanMs,
		peakRssMiB: r.peakRssMiB,
		// The workflow's result decides; a CLI that fails after the run (printing it) is reported in cliError.
		ok: s.status === 'success' && s.items === devices && s.unique === devices,
	};
}

/**
 * One fresh `n8n start`, then `cfg.serverRepeats` webhook calls one after another; the median call is reported
 * (the first call of a process also pays for loading and JIT-compiling the node's code).
 */
async function serverMeasure(inst, dirs, kind, devices, { env = {}, approach = `${kind}-server` } = {}) {
	const workflowId = kind === 'node' ? WF.srvNode : WF.srvHttp;
	const runs = [];
	const srv = await withServer(inst, dirs, { env }, async ({ fire }) => {
		for (let i = 0; i < cfg.serverRepeats; i++) {
			sim.resetRequests();
			const r = await fire(HOOK[kind], [{ round: i }], workflowId);
			const reqs = simRequests();
			const s = fromSummary(r.summaries[0], kind);
			runs.push({
				...s,
				httpStatus: r.calls[0]?.status,
				wallMs: r.calls[0]?.durationMs,
				requests: reqs.total,
				requestsByStatus: reqs.byStatus,
				otherRequests: reqs.other,
				spanMs: reqs.spanMs,
				ok: r.calls[0]?.status === 200 && s.status === 'success' && s.items === devices && s.unique === devices,
			});
		}
	});
	const wallMs = median(runs.map((r) => r.wallMs));
	const mid = runs.find((r) => r.wallMs === wallMs) ?? runs[0];
	return {
		approach,
		...mid,
		wallMs,
		effWallMs: wallMs,
		nodeMs: median(runs.map((r) => r.nodeMs)),
		spanMs: median(runs.map((r) => r.spanMs)),
		runs: runs.map((r) => ({ wallMs: r.wallMs, nodeMs: r.nodeMs, requests: r.requests, items: r.items, unique: r.unique })),
		requests: Math.max(...runs.map((r) => r.requests)),
		peakRssMiB: srv.peakRssMiB,
		idleRssMiB: srv.idleRssMiB,
		readyMs: srv.readyMs,
		ok: runs.every((r) => r.ok) && runs.every((r) => r.requests === runs[0].requests),
	};
}

async function faultMeasure(inst, dirs, workflowId, kind, devices, seed) {
	sim.resetRequests();
	const { pages, plan } = await planFaults(devices, seed);
	const r = await executeQuiet(inst, dirs, workflowId);
	const reqs = simRequests();
	sim.clearFaults();
	const s = fromSummary(r.summary, kind);
	const items = s.items ?? 0;
	const unique = s.unique ?? 0;
	return {
		approach: kind === 'node' ? 'Auvik node' : 'HTTP Request + Retry On Fail',
		N: devices,
		pages,
		injected: plan.length,
		plan,
		status: s.status,
		error: s.error,
		requests: reqs.total,
		requestsByStatus: reqs.byStatus,
		extra: reqs.total - pages,
		items,
		unique,
		lost: devices - unique,
		duplicated: items - unique,
		wallMs: r.durationMs,
		nodeMs: s.nodeMs,
		retriesOfNode: s.nodeDetail?.httpRuns,
	};
}

/**
 * variant 'built': the node as built. 'completion': the preload's prototype of the proposed change (a slot is held
 * until `window` after the response), everything else identical.
 */
async function budgetMeasure(inst, dirs, variant) {
	const b = cfg.budget;
	const devices = await startSim({ devices: b.pages * b.pageSize, tenants: 2 });
	const pagesEach = Math.ceil(devices / b.pageSize);
	const R = pagesEach * b.executions;
	for (const f of readdirSync(dirs.rss)) if (f.startsWith('window-')) rmSync(join(dirs.rss, f));
	const env = nodeHasRateWindow && variant === 'built' ? {} : { BENCH_RATE_WINDOW_MS: String(b.windowMs) };
	if (variant === 'completion') env.BENCH_BUDGET_RELEASE = 'completion';
	sim.resetRequests();
	const srv = await withServer(inst, dirs, { env }, ({ fire }) =>
		fire(
			HOOK.budget,
			Array.from({ length: b.executions }, (_, i) => ({ execution: i })),
			WF.budget,
		),
	);
	const r = { ...srv.result, pid: srv.pid, peakRssMiB: srv.peakRssMiB };
	const reqs = simRequests();
	const shimmed = readdirSync(dirs.rss).some((f) => f.startsWith('window-'));
	const { max } = maxInSlidingWindow(reqs.times, b.windowMs);
	// When the node's budget released each request (preload shim only): the node's own view of the window.
	let acquired;
	try {
		acquired = JSON.parse(readFileSync(join(dirs.rss, `acquired-${r.pid}.json`), 'utf8'));
	} catch {
		acquired = undefined;
	}
	const t0s = Math.min(...reqs.times);
	const arrivals = [...reqs.times].sort((x, y) => x - y);
	const released = acquired ? [...acquired].sort((x, y) => x - y) : undefined;
	const minLastStartMs = Math.floor((R - 1) / b.limit) * b.windowMs;
	const perExec = r.summaries.map((s) => fromSummary(s, 'node'));
	const items = perExec.map((s) => s.items);
	return {
		variant,
		limit: b.limit,
		windowMs: b.windowMs,
		executions: b.executions,
		pageSize: b.pageSize,
		devices,
		pagesEach,
		expectedRequests: R,
		requests: reqs.total,
		requestsByStatus: reqs.byStatus,
		maxInWindow: max,
		maxInWindowReleased: released ? maxInSlidingWindow(released, b.windowMs).max : undefined,
		arrivalsMs: arrivals.map((t) => t - t0s),
		releasedMs: released?.map((t) => t - t0s),
		lastRequestOffsetMs: reqs.spanMs,
		minLastStartMs,
		wallMs: r.wallMs,
		ratio: minLastStartMs ? reqs.spanMs / minLastStartMs : undefined,
		httpStatuses: r.calls.map((c) => c.status),
		succeeded: perExec.filter((s) => s.status === 'success').length,
		itemsOk: items.every((n) => n === devices) && perExec.every((s) => s.unique === devices),
		executionWallMs: perExec.map((s) => s.execWallMs),
		peakRssMiB: r.peakRssMiB,
		mechanism:
			nodeHasRateWindow && variant === 'built'
				? 'node option rateWindowSeconds'
				: shimmed
					? 'preload shim (BENCH_RATE_WINDOW_MS)'
					: 'NONE (shim did not load!)',
		errors: perExec.map((s) => s.error).filter(Boolean).slice(0, 3),
	};
}

// -------------------------------------------------------------------------------------------------------------
// Main
// -------------------------------------------------------------------------------------------------------------

async function main() {
	const meta = machine();
	log(`machine: ${meta.nproc} CPUs (${meta.cpu}), ${meta.memGiB.toFixed(1)} GiB, node ${meta.nodeBench} (bench) / ${meta.nodeN8n} (n8n ${meta.n8n})`);
	log(`config: ${JSON.stringify({ ...cfg, outDir: relative(REPO_ROOT, cfg.outDir) || '.' })}`);
	simLib = loadSimulator();
	port = await freePort();
	simUrl = `http://127.0.0.1:${port}`;
	const results = { meta, cfg: { ...cfg, outDir: undefined }, sizes: [], faults: [], timings: {} };

	const inst = await setupInstance({
		packageDir: REPO_ROOT,
		credentials: benchCredentials({ simUrl, username: 'api@example.com', apiKey: 'sim-api-key-123' }),
		workflows: benchWorkflows({
			simUrl,
			pageMax: cfg.pageMax,
			budgetLimit: cfg.budget.limit,
			budgetPageSize: cfg.budget.pageSize,
			budgetExtraOptions: nodeHasRateWindow ? { rateWindowSeconds: cfg.budget.windowMs / 1000 } : {},
		}),
	});
	const dirs = makeDirs(inst.root);
	Object.assign(inst.env, instrumentationEnv(dirs));
	results.timings.setupMs = inst.timings.setupMs;
	log(`n8n instance ready in ${(inst.timings.setupMs / 1000).toFixed(1)} s (${inst.root})`);

	const cleanup = async () => {
		if (sim) await sim.close().catch(() => {});
		if (!argv.keep) inst.cleanup();
		simLib.cleanup();
	};
	process.once('SIGINT', () => {
		cleanup().finally(() => process.exit(130));
	});

	try {
		const publish = [...(cfg.server ? [WF.srvNode, WF.srvHttp] : []), ...(cfg.runBudget ? [WF.budget] : [])];
		for (const id of publish) {
			const r = await runN8n(inst, ['publish:workflow', `--id=${id}`]);
			if (r.code !== 0) throw new Error(`publish:workflow ${id} failed: ${r.stdout}\n${r.stderr}`);
		}
		if (publish.length) log(`published ${publish.length} webhook workflow(s)`);

		// Boot cost of `n8n execute`: a trivial workflow (Manual Trigger -> NoOp).
		let bootMs;
		if (cfg.execute && !smoke) {
			const runs = [];
			const crashed = [];
			for (let i = 0; runs.length < 3 && i < 6; i++) {
				const r = await executeQuiet(inst, dirs, WF.baseline);
				if (r.code === 0) runs.push(r);
				else crashed.push(`exit ${r.code ?? r.signal} after ${r.durationMs} ms (run status ${r.summary?.status})${r.errorLog ? `: ${r.errorLog}` : ''}`);
			}
			check(runs.length > 0, `baseline execute failed: ${crashed.join('; ')}`);
			if (crashed.length) log(`baseline: ${crashed.length} execute(s) did not exit cleanly: ${crashed.join('; ')}`);
			bootMs = median(runs.map((r) => r.durationMs));
			results.baseline = { runs: runs.map((r) => r.durationMs), crashed, bootMs, peakRssMiB: Math.max(...runs.map((r) => r.peakRssMiB ?? 0)) };
			log(`baseline n8n execute (Manual Trigger -> NoOp): ${runs.map((r) => r.durationMs).join(', ')} ms`);
		}

		for (const [si, size] of cfg.sizes.entries()) {
			const devices = await startSim({ devices: size });
			const pages = Math.ceil(devices / cfg.pageMax);
			const row = { N: devices, tenants: cfg.tenants, pages, results: {} };
			results.sizes.push(row);
			log(`N=${devices} (${cfg.tenants} tenants, ${pages} pages of ${cfg.pageMax})`);

			row.results.floor = await floorRun(devices);
			log(`  floor: ${row.results.floor.runs.map((x) => x.toFixed(0)).join(', ')} ms, ${row.results.floor.requests} requests`);

			if (cfg.execute) {
				for (const kind of ['node', 'http']) {
					const m = await executeMeasure(inst, dirs, kind === 'node' ? WF.nodeAll : WF.httpAll, kind, devices, bootMs);
					row.results[`${kind}Execute`] = m;
					log(`  ${kind} execute: ${m.wallMs} ms (node ${m.nodeMs} ms), ${m.requests} requests, ${m.items}/${m.unique} items, ${m.peakRssMiB?.toFixed(0)} MiB${m.ok ? '' : `  FAILED ${m.status} ${m.error ?? ''}`}${m.cliError ? `  CLI ${m.cliError}` : ''}`);
				}
			}
			if (cfg.server) {
				for (const kind of ['node', 'http']) {
					const m = await serverMeasure(inst, dirs, kind, devices);
					row.results[`${kind}Server`] = m;
					log(`  ${kind} n8n start: ${m.wallMs} ms (node ${m.nodeMs} ms), ${m.requests} requests, ${m.items}/${m.unique} items, ${m.peakRssMiB?.toFixed(0)} MiB${m.ok ? '' : `  FAILED ${m.status} ${m.error ?? ''}`}`);
				}
				if (cfg.prefetch) {
					const m = await serverMeasure(inst, dirs, 'node', devices, { env: { BENCH_PREFETCH: '1' }, approach: 'node-server-prefetch-prototype' });
					row.results.nodeServerPrefetch = m;
					log(`  node + prefetch prototype, n8n start: ${m.wallMs} ms (node ${m.nodeMs} ms), ${m.requests} requests, ${m.items}/${m.unique} items${m.ok ? '' : `  FAILED ${m.status} ${m.error ?? ''}`}`);
				}
			}
			for (const [key, m] of Object.entries(row.results)) {
				check(m.ok, `N=${devices} ${key}: items ${m.items}/${m.unique} of ${devices}, status ${m.status ?? ''} ${m.error ?? ''}`);
				check(m.requests === pages, `N=${devices} ${key}: ${m.requests} requests, expected ceil(N/pageMax) = ${pages}`);
			}

			if (si === 0 && cfg.execute) {
				sim.resetRequests();
				const r = await executeQuiet(inst, dirs, WF.nodeLimit);
				const reqs = simRequests();
				const s = fromSummary(r.summary, 'node');
				results.limit = { requests: reqs.total, items: s.items, pageFirst: sim.requests[0]?.query?.['page[first]'], wallMs: r.durationMs, nodeMs: s.nodeMs };
				check(reqs.total === 1 && s.items === 10, `Limit 10: ${reqs.total} requests, ${s.items} items (target 1 request, 10 items)`);
				log(`  Limit 10: ${reqs.total} request(s) (page[first]=${results.limit.pageFirst}), ${s.items} items`);
			}
			if (cfg.execute && cfg.httpFaults) {
				const f = await faultMeasure(inst, dirs, WF.httpRetry, 'http', devices, cfg.seed + si);
				results.faults.push(f);
				log(`  faults HTTP Request + Retry On Fail: ${f.status}, ${f.requests} requests (${f.extra} extra), lost ${f.lost}, dup ${f.duplicated}`);
			}
			if (cfg.execute) {
				const f = await faultMeasure(inst, dirs, WF.nodeAll, 'node', devices, cfg.seed + si);
				results.faults.push(f);
				check(f.status === 'success' && f.lost === 0 && f.duplicated === 0, `faults N=${devices}: node ${f.status}, lost ${f.lost}, duplicated ${f.duplicated}`);
				check(f.extra === f.injected, `faults N=${devices}: ${f.extra} extra requests for ${f.injected} injected faults`);
				log(`  faults node: ${f.status}, ${f.injected} injected, ${f.requests} requests (${f.extra} extra), lost ${f.lost}, dup ${f.duplicated}, ${f.wallMs} ms`);
			}
		}

		if (cfg.runBudget) {
			results.budgets = [];
			for (const variant of cfg.budgetVariants) {
				const b = await budgetMeasure(inst, dirs, variant);
				results.budgets.push(b);
				const tag = `budget (${variant})`;
				check(b.mechanism !== 'NONE (shim did not load!)', `${tag}: the rate window was not scaled`);
				check(b.succeeded === b.executions && b.itemsOk, `${tag}: ${b.succeeded}/${b.executions} executions succeeded with all items`);
				check(b.requests === b.expectedRequests, `${tag}: ${b.requests} requests, expected ${b.expectedRequests}`);
				if (b.maxInWindowReleased !== undefined) {
					check(b.maxInWindowReleased <= b.limit, `${tag}: the node released ${b.maxInWindowReleased} requests in one window > ${b.limit}`);
				}
				if (argv['strict-budget']) {
					check(b.maxInWindow <= b.limit, `${tag}: ${b.maxInWindow} requests arrived in one ${b.windowMs} ms window > ${b.limit}`);
				}
				log(`${tag} ${b.limit}/${b.windowMs / 1000}s via ${b.mechanism}: ${b.requests} requests, max ${b.maxInWindow} arrivals in any window (${b.maxInWindowReleased ?? '?'} by the node's own clock), last request at ${(b.lastRequestOffsetMs / 1000).toFixed(1)} s (budget-bound minimum ${(b.minLastStartMs / 1000).toFixed(0)} s), wall ${(b.wallMs / 1000).toFixed(1)} s`);
			}
		}
	} finally {
		await cleanup();
	}

	results.timings.totalMs = Date.now() - T0;
	results.meta.loadavgEnd = loadavg();
	results.failures = failures;
	mkdirSync(cfg.outDir, { recursive: true });
	mkdirSync(dirname(cfg.jsonPath), { recursive: true });
	writeFileSync(cfg.jsonPath, `${JSON.stringify(results, null, 2)}\n`);
	writeFileSync(join(cfg.outDir, 'benchmarks.svg'), renderSvg(results));
	writeFileSync(join(cfg.outDir, 'benchmarks.md'), renderMarkdown(results, { previousPath: join(cfg.outDir, 'benchmarks.md') }));
	log(`wrote ${[join(cfg.outDir, 'benchmarks.md'), join(cfg.outDir, 'benchmarks.svg'), cfg.jsonPath].map((f) => relative(REPO_ROOT, f)).join(', ')}`);
	if (failures.length) {
		console.error(`bench: ${failures.length} correctness check(s) failed:\n  - ${failures.join('\n  - ')}`);
		process.exitCode = 1;
	} else {
		log('all correctness checks passed');
	}
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
