// Preloaded into the n8n processes of the benchmark with NODE_OPTIONS="--require <this file>".
// Bench-only instrumentation; it never changes what the node sends, only what the bench can observe or scale.
//
//  * BENCH_RSS_DIR=<dir>: at exit, writes <dir>/rss-<pid>.json with this process's peak RSS
//    (process.resourceUsage().maxRSS, KiB = VmHWM) and its argv, so the bench reads an exact peak instead of
//    sampling /proc/<pid>/status before the process is gone.
//  * BENCH_RATE_WINDOW_MS=<ms>: the Auvik node's Options only offer "Rate Budget (Requests per 5 Minutes)". To test
//    the budget in seconds instead of 5-minute windows, this wraps dist/.../transport/rateBudget.js's budgetFor()
//    so a 300000 ms window becomes <ms>. The RateBudget class itself (the code under test) is untouched.
//    Not needed once the node has a rate-window option (see docs/benchmarks.md).
//  * BENCH_BUDGET_RELEASE=completion (with BENCH_RATE_WINDOW_MS): a PROTOTYPE of a proposed change, not the node's
//    behaviour: a request holds its budget slot from the moment it is sent until `window` after its response
//    arrived (instead of `window` after it was sent), so the next request can only reach the server a full window
//    after the one it replaces did. Wraps the budget instance and AuvikTransport.prototype.send (acquire -> send
//    -> release is 1:1 per attempt in transport/index.ts).
//  * BENCH_PREFETCH=1: a PROTOTYPE of a proposed change, not the node's behaviour: AuvikTransport.prototype.paginate
//    asks for page k+1 as soon as page k has arrived, so the node's work on page k (Simplify, building items)
//    overlaps the next request. Same requests in the same order, at most two pages held at once.
//  * BENCH_RUN_DIR=<dir>: when an execution ends (n8n-core's ExecutionLifecycleHooks 'workflowExecuteAfter'),
//    writes <dir>/run-<executionId>.json with a summary of the run: status, error message, startedAt/stoppedAt,
//    and per node executionTime, items per output and distinct json.id values. The bench then never has to parse
//    the (hundreds of MB) run JSON that `n8n execute --rawOutput` prints. Patching the class (not registering an
//    n8n external hook) keeps n8n's own persistence path unchanged.
//  * BENCH_BLOCKING_STDOUT=1: makes stdout/stderr blocking when they are pipes. `n8n execute --rawOutput` prints the
//    whole run as one log line and then calls process.exit(); with a non-blocking pipe the tail of a multi-MB line
//    is lost (seen at 10,000 items: 8 of ~17 MB arrived), so the run JSON would not parse.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

if (process.env.BENCH_BLOCKING_STDOUT === '1') {
	for (const stream of [process.stdout, process.stderr]) {
		try {
			if (stream._handle && typeof stream._handle.setBlocking === 'function') stream._handle.setBlocking(true);
		} catch {
			/* not a pipe */
		}
	}
}

const rssDir = process.env.BENCH_RSS_DIR;
if (rssDir) {
	process.on('exit', () => {
		try {
			const ru = process.resourceUsage();
			fs.writeFileSync(
				path.join(rssDir, `rss-${process.pid}.json`),
				JSON.stringify({ pid: process.pid, argv: process.argv.slice(1), maxRSSKiB: ru.maxRSS, at: Date.now() }),
			);
		} catch {
			/* best effort */
		}
	});
}

function summarizeRun(executionId, workflowData, run) {
	const runData = run?.data?.resultData?.runData ?? {};
	const nodes = {};
	for (const [name, tasks] of Object.entries(runData)) {
		const task = tasks?.[0];
		if (!task) continue;
		const outputs = (task.data?.main ?? []).map((items) => {
			const list = Array.isArray(items) ? items : [];
			const ids = new Set();
			let withId = 0;
			for (const item of list) {
				const id = item?.json?.id;
				if (id !== undefined && id !== null) {
					withId++;
					ids.add(String(id));
				}
			}
			return { items: list.length, withId, uniqueIds: ids.size };
		});
		nodes[name] = {
			runs: tasks.length,
			startTime: task.startTime,
			executionTime: task.executionTime,
			executionTimes: tasks.map((t) => t.executionTime),
			outputs,
			error: task.error ? String(task.error.message ?? task.error) : undefined,
			httpCode: task.error?.httpCode,
		};
	}
	const error = run?.data?.resultData?.error;
	return {
		executionId,
		workflowId: workflowData?.id,
		pid: process.pid,
		mode: run?.mode,
		status: run?.status,
		startedAt: run?.startedAt ? new Date(run.startedAt).getTime() : undefined,
		stoppedAt: run?.stoppedAt ? new Date(run.stoppedAt).getTime() : undefined,
		error: error ? { message: String(error.message ?? error), description: error.description, httpCode: error.httpCode } : undefined,
		nodes,
		writtenAt: Date.now(),
	};
}

const runDir = process.env.BENCH_RUN_DIR;
if (runDir) {
	const Module = require('node:module');
	const originalLoad = Module._load;
	Module._load = function benchRunLoad(request, parent, isMain) {
		const exported = originalLoad.apply(this, arguments);
		// Look only at n8n-core's module (reading a property of a module that is still loading in a require cycle
		// makes Node print a warning).
		if (!/execution-lifecycle-hooks(\.js)?$/.test(String(request))) return exported;
		const Hooks = exported && Object.prototype.hasOwnProperty.call(exported, 'ExecutionLifecycleHooks') ? exported.ExecutionLifecycleHooks : undefined;
		if (typeof Hooks === 'function' && Hooks.prototype && typeof Hooks.prototype.runHook === 'function' && !Hooks.prototype.runHook.__bench) {
			const runHook = Hooks.prototype.runHook;
			const wrapped = async function (hookName, parameters) {
				if (hookName === 'workflowExecuteAfter') {
					try {
						const summary = summarizeRun(this.executionId, this.workflowData, parameters?.[0]);
						fs.writeFileSync(path.join(runDir, `run-${this.executionId}.json`), JSON.stringify(summary));
					} catch (e) {
						try {
							fs.writeFileSync(path.join(runDir, `run-${this.executionId}.error`), String(e?.stack ?? e));
						} catch {
							/* ignore */
						}
					}
				}
				return await runHook.call(this, hookName, parameters);
			};
			wrapped.__bench = true;
			Hooks.prototype.runHook = wrapped;
		}
		return exported;
	};
}

/**
 * Prototype: slots are held from send until windowMs after completion. `inflight` counts requests sent and not yet
 * answered; `done` holds completion times (pushed in completion order, so it stays sorted).
 */
function makeCompletionBudget(budget, acquired) {
	const limit = budget.limit;
	const win = budget.windowMs;
	const done = [];
	let head = 0;
	let inflight = 0;
	let blockedUntil = 0;
	const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
	budget.acquire = async function () {
		let waited = 0;
		for (;;) {
			const now = Date.now();
			while (head < done.length && done[head] <= now - win) head++;
			let wait = Math.max(0, blockedUntil - now);
			if (!wait && inflight + (done.length - head) < limit) {
				inflight++;
				acquired.push(now);
				return waited;
			}
			// the oldest completion leaves the window, or an in-flight request completes (poll for that)
			if (!wait) wait = head < done.length ? Math.min(done[head] + win - now, 25) : 25;
			wait = Math.max(1, wait);
			waited += wait;
			await sleep(wait);
		}
	};
	budget.release = function () {
		inflight = Math.max(0, inflight - 1);
		done.push(Date.now());
	};
	budget.pauseFor = function (ms) {
		blockedUntil = Math.max(blockedUntil, Date.now() + ms);
	};
	budget.inWindow = function () {
		const now = Date.now();
		while (head < done.length && done[head] <= now - win) head++;
		return inflight + done.length - head;
	};
}

function prefetchingPaginate(paginate) {
	return async function* (req, opts) {
		const inner = paginate.call(this, req, opts);
		let pending = inner.next();
		for (;;) {
			const step = await pending;
			if (step.done) return step.value;
			pending = inner.next(); // resumes the original generator: it reads links.next and sends the next request
			pending.catch(() => undefined); // surfaced by the await above on the next turn
			yield step.value;
		}
	};
}

if (process.env.BENCH_BUDGET_RELEASE === 'completion' || process.env.BENCH_PREFETCH === '1') {
	const Module = require('node:module');
	const originalLoad = Module._load;
	Module._load = function benchTransportLoad(request, parent, isMain) {
		const exported = originalLoad.apply(this, arguments);
		if (!/\/transport(\/index)?(\.js)?$/.test(String(request))) return exported;
		const T = exported && Object.prototype.hasOwnProperty.call(exported, 'AuvikTransport') ? exported.AuvikTransport : undefined;
		if (process.env.BENCH_PREFETCH === '1' && typeof T === 'function' && typeof T.prototype.paginate === 'function' && !T.prototype.paginate.__bench) {
			const wrappedPaginate = prefetchingPaginate(T.prototype.paginate);
			wrappedPaginate.__bench = true;
			T.prototype.paginate = wrappedPaginate;
		}
		if (process.env.BENCH_BUDGET_RELEASE === 'completion' && typeof T === 'function' && typeof T.prototype.send === 'function' && !T.prototype.send.__bench) {
			const send = T.prototype.send;
			const wrapped = async function (...args) {
				try {
					return await send.apply(this, args);
				} finally {
					if (this.budget && typeof this.budget.release === 'function') this.budget.release();
				}
			};
			wrapped.__bench = true;
			T.prototype.send = wrapped;
		}
		return exported;
	};
}

const windowMs = Number(process.env.BENCH_RATE_WINDOW_MS);
if (Number.isFinite(windowMs) && windowMs > 0) {
	const Module = require('node:module');
	const originalLoad = Module._load;
	const FIVE_MINUTES = 5 * 60 * 1000;
	Module._load = function benchLoad(request, parent, isMain) {
		const exported = originalLoad.apply(this, arguments);
		if (!/rateBudget(\.js)?$/.test(String(request))) return exported;
		if (
			exported &&
			typeof exported.budgetFor === 'function' &&
			exported.AUVIK_RATE_LIMIT &&
			!exported.budgetFor.__benchWindow
		) {
			const budgetFor = exported.budgetFor;
			const acquired = []; // when the budget let each request go (its own Date.now() values), for the bench's report
			const wrappedBudgets = new WeakSet();
			const scaled = function (account, limit, win, clock) {
				const budget = budgetFor(account, limit, win === FIVE_MINUTES ? windowMs : win, clock);
				if (budget && typeof budget.acquire === 'function' && !wrappedBudgets.has(budget)) {
					wrappedBudgets.add(budget);
					if (process.env.BENCH_BUDGET_RELEASE === 'completion') {
						makeCompletionBudget(budget, acquired);
					} else if (Array.isArray(budget.sent)) {
						// record the exact timestamps RateBudget counts (its private `sent` array; prune() keeps the object)
						const sent = budget.sent;
						const push = sent.push;
						sent.push = function (...xs) {
							acquired.push(...xs);
							return push.apply(this, xs);
						};
					}
				}
				return budget;
			};
			if (process.env.BENCH_RSS_DIR) {
				process.on('exit', () => {
					try {
						fs.writeFileSync(path.join(process.env.BENCH_RSS_DIR, `acquired-${process.pid}.json`), JSON.stringify(acquired));
					} catch {
						/* best effort */
					}
				});
			}
			scaled.__benchWindow = windowMs;
			exported.budgetFor = scaled;
			if (process.env.BENCH_RSS_DIR) {
				try {
					fs.writeFileSync(
						path.join(process.env.BENCH_RSS_DIR, `window-${process.pid}.json`),
						JSON.stringify({ pid: process.pid, windowMs, from: parent && parent.filename }),
					);
				} catch {
					/* best effort */
				}
			}
		}
		return exported;
	};
}
