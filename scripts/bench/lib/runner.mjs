// How the bench runs n8n: on top of test/e2e/lib/n8n.mjs, with the instrumentation of preload.cjs.
//
// `executeQuiet` replaces the harness's executeWorkflow for the benchmark: it reads n8n's stdout but keeps only
// its ends instead of collecting it. `n8n execute --rawOutput` prints the whole run pretty-printed (about 1.5 KB per device
// for the Auvik node and 7 KB per device for HTTP Request + Split Out): 70 MB at 10,000 devices, so at 100,000 the
// harness would have to hold and parse strings near V8's limit. The bench reads a small run summary written by the
// preload instead (status, per-node executionTime, item and distinct-id counts) and the exact peak RSS.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { callWebhook, startServer } from '../../../test/e2e/lib/n8n.mjs';

export const PRELOAD = fileURLToPath(new URL('./preload.cjs', import.meta.url));

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Env for every n8n process of the bench instance (added to setupInstance's env). */
export function instrumentationEnv(dirs) {
	return {
		NODE_OPTIONS: `--require ${PRELOAD}`,
		BENCH_RSS_DIR: dirs.rss,
		BENCH_RUN_DIR: dirs.runs,
	};
}

export function makeDirs(root) {
	const dirs = { rss: join(root, 'bench-rss'), runs: join(root, 'bench-runs') };
	for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
	return dirs;
}

function readJson(file) {
	try {
		return JSON.parse(readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

/** Peak RSS (MiB) of an n8n process, from the file preload.cjs wrote at its exit. */
export async function peakRssMiB(dirs, pid, waitMs = 2_000) {
	const file = join(dirs.rss, `rss-${pid}.json`);
	const deadline = Date.now() + waitMs;
	while (!existsSync(file) && Date.now() < deadline) await sleep(50);
	const rec = readJson(file);
	return rec ? rec.maxRSSKiB / 1024 : undefined;
}

/** VmHWM / VmRSS of a live process, MiB (fallback when a process is killed before its exit handler runs). */
export function procMemMiB(pid) {
	try {
		const text = readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1]);
		return { hwm: kb('VmHWM') / 1024, rss: kb('VmRSS') / 1024 };
	} catch {
		return undefined;
	}
}

/** Run summaries (preload.cjs) written since `sinceMs`, optionally of one workflow; waits for `count` of them. */
export async function runSummaries(dirs, { workflowId, sinceMs = 0, count = 1, waitMs = 10_000 } = {}) {
	const deadline = Date.now() + waitMs;
	for (;;) {
		const found = [];
		for (const f of readdirSync(dirs.runs)) {
			if (!f.startsWith('run-') || !f.endsWith('.json')) continue;
			const rec = readJson(join(dirs.runs, f));
			if (!rec || rec.writtenAt < sinceMs) continue;
			if (workflowId && rec.workflowId !== workflowId) continue;
			found.push(rec);
		}
		if (found.length >= count || Date.now() > deadline) return found.sort((a, b) => a.writtenAt - b.writtenAt);
		await sleep(50);
	}
}

/** The error-level log lines (first line each) and stderr of a failed CLI run, for the report. */
function errorLines(stdoutTail, stderr) {
	const lines = [];
	for (const line of stdoutTail.split('\n')) {
		if (line.length > 5_000) continue; // a fragment of the run JSON
		try {
			const rec = JSON.parse(line);
			if (rec.level === 'error') lines.push(String(rec.message).trim().split('\n')[0].slice(0, 200));
		} catch {
			/* not a whole JSON log line */
		}
	}
	const err = stderr.trim();
	if (err) lines.push(...err.split('\n').slice(-3).map((l) => l.slice(0, 200)));
	return [...new Set(lines.filter(Boolean))].slice(0, 6).join(' | ');
}

function killTree(child, signal) {
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			/* gone */
		}
	}
}

/**
 * `n8n execute --id=<id> --rawOutput`, keeping only the ends of stdout. Resolves with
 * { code, signal, timedOut, durationMs, pid, peakRssMiB, summary, stdoutBytes, errorLog }.
 */
export async function executeQuiet(inst, dirs, workflowId, { timeoutMs = 600_000, env = {} } = {}) {
	const rt = inst.runtime;
	const t0 = Date.now();
	const child = spawn(rt.nodeBin, [rt.n8nBin, 'execute', `--id=${workflowId}`, '--rawOutput'], {
		cwd: inst.root,
		env: { ...inst.env, ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	// Keep only the ends: the run JSON in the middle can be hundreds of MB; errors are logged after it.
	let stdoutHead = '';
	let stdoutTail = '';
	let stdoutBytes = 0;
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (d) => {
		stdoutBytes += d.length;
		if (stdoutHead.length < 4_000) stdoutHead += d.slice(0, 4_000 - stdoutHead.length);
		stdoutTail = (stdoutTail + d).slice(-64_000);
	});
	child.stderr.setEncoding('utf8').on('data', (d) => {
		stderr = (stderr + d).slice(-20_000);
	});
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		killTree(child, 'SIGKILL');
	}, timeoutMs);
	const { code, signal } = await new Promise((res, rej) => {
		child.on('error', rej);
		child.on('close', (c, s) => res({ code: c, signal: s }));
	});
	clearTimeout(timer);
	const durationMs = Date.now() - t0;
	killTree(child, 'SIGKILL'); // the task runner shares the process group
	const [summary] = await runSummaries(dirs, { workflowId, sinceMs: t0, count: 1, waitMs: 2_000 });
	return {
		code: timedOut ? null : code,
		signal,
		timedOut,
		durationMs,
		pid: child.pid,
		peakRssMiB: await peakRssMiB(dirs, child.pid),
		summary,
		stdoutBytes,
		errorLog: code === 0 ? undefined : errorLines(stdoutTail, stderr),
	};
}

/**
 * One `n8n start` for one measurement (a fresh process, so its peak RSS belongs to that measurement).
 * `fn({ fire })` runs the measurement; `fire(path, bodies, workflowId)` POSTs every body to the webhook at once and
 * resolves with { calls: [{ status, durationMs, startedAt, endedAt }], wallMs, summaries } once all have answered
 * (the Webhook answers when the workflow has finished). Resolves with
 * { pid, readyMs, idleRssMiB, peakRssMiB, result }.
 */
export async function withServer(inst, dirs, { env = {} } = {}, fn) {
	const server = await startServer(inst, { publish: [], env });
	try {
		await sleep(500); // let the post-start work (license, runner registration) settle before measuring
		const idle = procMemMiB(server.pid);
		const fire = async (path, bodies, workflowId) => {
			const t0 = Date.now();
			const calls = await Promise.all(
				bodies.map(async (body) => {
					const startedAt = Date.now();
					const r = await callWebhook(server, path, body, { retryMs: 10_000 });
					return {
						status: r.status,
						durationMs: r.durationMs,
						startedAt,
						endedAt: Date.now(),
						text: r.status >= 300 ? r.text.slice(0, 500) : undefined,
					};
				}),
			);
			const wallMs = Date.now() - t0;
			const summaries = await runSummaries(dirs, { workflowId, sinceMs: t0, count: bodies.length, waitMs: 10_000 });
			return { calls, wallMs, summaries };
		};
		const result = await fn({ fire, server });
		const live = procMemMiB(server.pid);
		await server.stop();
		const peak = await peakRssMiB(dirs, server.pid);
		return { pid: server.pid, readyMs: server.readyMs, idleRssMiB: idle?.rss, peakRssMiB: peak ?? live?.hwm, result };
	} catch (e) {
		await server.stop();
		throw e;
	}
}
