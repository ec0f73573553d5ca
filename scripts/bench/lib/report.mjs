// docs/benchmarks.md and docs/benchmarks.svg from the bench results (hand-written SVG, no chart library).
import { existsSync, readFileSync } from 'node:fs';

import { fmtInt, fmtMiB, fmtS, fmtX } from './stats.mjs';

const NOTES_START = '<!-- notes:start (kept when the bench rewrites this file) -->';
const NOTES_END = '<!-- notes:end -->';

const APPROACHES = [
	{ key: 'floor', label: 'undici keep-alive loop (floor)', short: 'floor (undici)', color: '#7f7f7f' },
	{ key: 'nodeServer', label: 'Auvik node, `n8n start` + webhook', short: 'Auvik node · n8n start', color: '#1f6fb4' },
	{ key: 'nodeServerPrefetch', label: 'Auvik node **+ prefetch prototype** (bench shim, not the node), `n8n start` + webhook', short: 'Auvik + prefetch (prototype)', color: '#0b3d6b' },
	{ key: 'nodeExecute', label: 'Auvik node, `n8n execute`', short: 'Auvik node · n8n execute', color: '#6fa8dc' },
	{ key: 'httpServer', label: 'HTTP Request 4.2 + Split Out, `n8n start` + webhook', short: 'HTTP Request · n8n start', color: '#d9822b' },
	{ key: 'httpExecute', label: 'HTTP Request 4.2 + Split Out, `n8n execute`', short: 'HTTP Request · n8n execute', color: '#f3b27a' },
];

function idleRss(results) {
	const xs = results.sizes.flatMap((s) => Object.values(s.results).map((m) => m.idleRssMiB)).filter((x) => Number.isFinite(x));
	return xs.length ? Math.min(...xs) : undefined;
}

const fmtLoad = (l) => (Array.isArray(l) ? l.map((x) => x.toFixed(2)).join(' / ') : '–');

function row(cells) {
	return `| ${cells.join(' | ')} |`;
}

function resultsTable(results) {
	const floorOf = (size) => size.results.floor?.wallMs;
	const lines = [
		row(['N (tenants)', 'approach', 'requests (target)', 'wall s', 'wall − boot s', 'node time s', 'items/s', 'peak RSS MiB', '× floor (wall)', '× floor (node time)', 'ms per page']),
		row(['---', '---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
	];
	for (const size of results.sizes) {
		const floor = floorOf(size);
		for (const a of APPROACHES) {
			const m = size.results[a.key];
			if (!m) continue;
			const isExec = a.key.endsWith('Execute');
			const isFloor = a.key === 'floor';
			const eff = m.effWallMs;
			const failed = !m.ok ? ` **(${m.status ?? 'failed'}${m.error ? `: ${String(m.error).slice(0, 80)}` : ''})**` : '';
			const cli = m.cliError ? ` (run succeeded; the CLI then ${m.cliError.includes('Invalid string length') ? 'failed to print it: RangeError: Invalid string length, exit 1' : `ended with ${m.cliError.slice(0, 80)}`})` : '';
			lines.push(
				row([
					`${fmtInt(size.N)} (${size.tenants})`,
					a.label + failed + cli,
					`${fmtInt(m.requests)} (${fmtInt(size.pages)})${m.requests === size.pages ? '' : ' ✗'}`,
					fmtS(m.wallMs),
					isExec ? fmtS(eff) : '–',
					isFloor ? '–' : fmtS(m.nodeMs),
					fmtInt((size.N / eff) * 1000),
					fmtMiB(m.peakRssMiB),
					isFloor ? '1.00×' : fmtX(eff / floor),
					isFloor ? '–' : fmtX(m.nodeMs / floor),
					m.spanMs && m.requests > 1 ? (m.spanMs / (m.requests - 1)).toFixed(1) : '–',
				]),
			);
		}
	}
	return lines.join('\n');
}

function targetsSection(results) {
	const out = [];
	const all = results.sizes.flatMap((s) => Object.entries(s.results).map(([k, m]) => ({ size: s, k, m })));
	const reqOk = all.every(({ size, m }) => m.requests === size.pages);
	out.push(`* **Requests = ceil(N / page max)**: ${reqOk ? 'met' : 'MISSED'} for every approach and size (${results.sizes.map((s) => `${fmtInt(s.N)} → ${s.pages}`).join(', ')}).`);
	for (const s of results.sizes) {
		const f = s.results.floor?.wallMs;
		const parts = [];
		for (const key of ['nodeServer', 'nodeExecute', 'nodeServerPrefetch']) {
			const m = s.results[key];
			if (!m) continue;
			const wall = m.effWallMs / f;
			const node = m.nodeMs / f;
			const label = { nodeServer: 'n8n start, webhook round trip', nodeExecute: 'n8n execute minus boot', nodeServerPrefetch: '(prefetch prototype, n8n start)' }[key];
			parts.push(`${label} ${fmtX(wall)} (${wall <= 1.15 ? 'met' : 'missed'}), node executionTime ${fmtX(node)} (${node <= 1.15 ? 'met' : 'missed'})`);
		}
		if (parts.length) out.push(`* **Node within 1.15× of the floor, N = ${fmtInt(s.N)}**: ${parts.join('; ')}.`);
		const ns = s.results.nodeServer;
		const hs = s.results.httpServer;
		if (ns && hs) {
			out.push(`  For comparison, Auvik node / HTTP Request node at N = ${fmtInt(s.N)} (n8n start): wall ${fmtX(ns.effWallMs / hs.effWallMs)}, node time ${fmtX(ns.nodeMs / hs.nodeMs)}; HTTP Request node / floor: wall ${fmtX(hs.effWallMs / f)}.`);
		}
	}
	for (const b of results.budgets ?? []) {
		const arrivals = b.maxInWindow <= b.limit;
		const own = b.maxInWindowReleased === undefined ? '' : `; by the node's own clock (when its budget let each request go) at most ${b.maxInWindowReleased}`;
		out.push(
			`* **Budget never exceeded (${VARIANT_LABEL[b.variant] ?? b.variant})**: ${arrivals ? 'met' : 'MISSED'}: at most ${b.maxInWindow} requests arrived at the simulator in any ${b.windowMs / 1000} s window for a budget of ${b.limit}${own}.`,
		);
	}
	if (results.limit) out.push(`* **Limit 10 → 1 request**: ${results.limit.requests === 1 ? 'met' : 'MISSED'} (${results.limit.requests} request, page[first]=${results.limit.pageFirst}).`);
	const nf = results.faults.filter((f) => f.approach === 'Auvik node');
	if (nf.length) {
		const ok = nf.every((f) => f.lost === 0 && f.duplicated === 0 && f.extra === f.injected);
		out.push(`* **Faults: 0 lost, 0 duplicated, one extra request per fault**: ${ok ? 'met' : 'MISSED'}.`);
	}
	return out.join('\n');
}

const VARIANT_LABEL = {
	built: 'node as built',
	completion: 'prototype: slot held until one window after the response',
};

function budgetSection(budgets) {
	if (!budgets?.length) return '_not run_';
	const lines = [
		row(['variant', 'budget / window', 'executions × pages', 'requests (expected)', 'max arrivals in any window', "max by the node's clock", 'last request after', 'budget-bound minimum', 'ratio', 'wall (all executions)', 'executions OK', 'window set by']),
		row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---']),
	];
	for (const b of budgets) {
		lines.push(
			row([
				VARIANT_LABEL[b.variant] ?? b.variant,
				`${b.limit} / ${b.windowMs / 1000} s`,
				`${b.executions} × ${b.pagesEach} (of ${b.pageSize})`,
				`${fmtInt(b.requests)} (${fmtInt(b.expectedRequests)})`,
				`**${b.maxInWindow}**${b.maxInWindow > b.limit ? ` (+${b.maxInWindow - b.limit})` : ''}`,
				b.maxInWindowReleased ?? '–',
				`${fmtS(b.lastRequestOffsetMs, 1)} s`,
				`${fmtS(b.minLastStartMs, 0)} s`,
				fmtX(b.ratio),
				`${fmtS(b.wallMs, 1)} s`,
				`${b.succeeded}/${b.executions}${b.itemsOk ? '' : ' (items missing!)'}`,
				b.mechanism,
			]),
		);
	}
	return lines.join('\n');
}

function faultsSection(faults) {
	if (!faults.length) return '_not run_';
	const lines = [
		row(['N', 'approach', 'faults injected (pages)', 'result', 'requests (a clean run: ceil(N / page max))', 'extra requests', 'items lost', 'items duplicated', 'wall s']),
		row(['---:', '---', '---:', '---', '---:', '---:', '---:', '---:', '---:']),
	];
	for (const f of faults) {
		const kinds = f.plan.map((p) => p.status).join('/');
		lines.push(
			row([
				fmtInt(f.N),
				f.approach,
				`${f.injected} of ${f.pages} (${kinds})`,
				f.status === 'success' ? (f.lost > 0 ? '**success, silently truncated**' : 'success') : `**${f.status}**${f.error ? `: ${String(f.error).slice(0, 90)}` : ''}`,
				`${fmtInt(f.requests)} (${fmtInt(f.pages)})`,
				f.extra < 0 ? `${fmtInt(f.extra)} (stopped early)` : fmtInt(f.extra),
				f.status === 'success' ? fmtInt(f.lost) : `${fmtInt(f.N)} (no output)`,
				f.status === 'success' ? fmtInt(f.duplicated) : '–',
				fmtS(f.wallMs),
			]),
		);
	}
	return lines.join('\n');
}

function keptNotes(path) {
	if (!path || !existsSync(path)) return undefined;
	const text = readFileSync(path, 'utf8');
	const a = text.indexOf(NOTES_START);
	const b = text.indexOf(NOTES_END);
	if (a < 0 || b < a) return undefined;
	return text.slice(a + NOTES_START.length, b).trim();
}

export function renderMarkdown(results, { previousPath } = {}) {
	const m = results.meta;
	const c = results.cfg;
	const notes = keptNotes(previousPath) ?? '_No notes yet._';
	const b0 = results.budgets?.[0];
	const sizes = results.sizes.map((s) => fmtInt(s.N)).join(', ');
	return `# Benchmarks

Generated by \`npm run bench\` (\`node scripts/bench/bench.mjs\`) on ${m.date.slice(0, 10)}; the raw figures (every run, request
counts by status, arrival times of the budget test) are in \`scripts/bench/results/latest.json\`. Not part of CI
pass/fail; \`--smoke\` is a quick correctness run. Everything on this page except the Notes section is generated.

**What is measured.** device / Get Many / Return All over N = ${sizes} devices spread over ${c.tenants} tenants, on
the loopback Auvik simulator (\`test/simulator\`, in the bench process) answering every request after
${c.latencyMs} ms, with a page maximum of ${fmtInt(c.pageMax)} (every approach asks for pages of ${fmtInt(c.pageMax)}):

* **floor**: a raw undici keep-alive loop (one connection) following \`links.next\`, keeping the resources in
  memory, in its own Node ${m.nodeBench} process; median of ${c.floorRepeats} run(s).
* **Auvik node** (this package, built \`dist/\`, Options → Page Size ${fmtInt(c.pageMax)}) inside a real n8n ${m.n8n}
  (\`test/e2e\` harness, Node ${m.nodeN8n}).
* **HTTP Request node 4.2** as a user would set it up without this package: a generic \`httpBasicAuth\`
  credential, query parameter \`page[first]\`, pagination "Response Contains Next URL" with Next URL
  \`{{ $response.body.links.next }}\`, complete when \`{{ !$response.body.links.next }}\`, Response Format JSON
  (Auvik answers \`application/vnd.api+json\`, which Autodetect reads as text), then **Split Out** \`data\` so that
  it outputs one item per device like the Auvik node.

Each n8n approach is measured two ways. **\`n8n start\` + webhook**: a fresh \`n8n start\` per measurement, a
Webhook (Respond: When Last Node Finishes, no data) in front of the node, ${c.serverRepeats ?? 1} calls one after another, the median
reported; *wall* is the webhook round trip, no boot included. **\`n8n execute\`**: a Manual Trigger workflow; *wall* is the whole CLI process, which includes n8n's boot
and printing the run; *wall − boot* subtracts the median of ${results.baseline?.runs?.length ?? 0} executes of a trivial workflow
(Manual Trigger → NoOp: ${results.baseline ? results.baseline.runs.map((x) => fmtS(x)).join(' s, ') + ' s' : '–'}). *Node time* is the node's own
\`executionTime\` from the run data (HTTP Request + Split Out for the HTTP approach). *items/s* = N / (wall − boot) for
execute, N / wall otherwise. *Peak RSS* is the n8n main process's \`maxRSS\` (= VmHWM) at exit, or the floor
process's own (an idle \`n8n start\` is already at ~${Math.round(idleRss(results) ?? 0)} MiB). *Requests* are counted in the simulator's request
log. *ms per page* is the time between the first and the last request arriving at the simulator divided by the
pages − 1: one page's full cycle (latency, simulator, transfer, parsing, the node's own work). All bench workflows
save no execution data.

## Machine

| | |
|---|---|
| CPUs (\`nproc\`) | ${m.nproc} × ${m.cpu} |
| memory | ${m.memGiB.toFixed(1)} GiB |
| Node | ${m.nodeBench} (bench, simulator, floor) · ${m.nodeN8n} (n8n) |
| n8n | ${m.n8n} |
| undici | ${m.undici} |
| commit | ${m.commit}${m.dirty ? ' (+ uncommitted changes in nodes/ or credentials/)' : ''}${m.distStale ? ' — **dist/ was older than nodes/**' : ''} |
| date | ${m.date} |
| load average (1/5/15 min) | start ${fmtLoad(m.loadavgStart)}, end ${fmtLoad(m.loadavgEnd)} |
| bench runtime | ${fmtS(results.timings.totalMs, 0)} s |

## Return All: ${sizes} devices

${resultsTable(results)}

![wall time and requests per approach](benchmarks.svg)

## Targets

${targetsSection(results)}

## Limit 10

${results.limit ? `device / Get Many with Return All off and Limit 10 (Page Size ${fmtInt(c.pageMax)}): **${results.limit.requests} request** (target 1), \`page[first]=${results.limit.pageFirst}\`, ${results.limit.items} items.` : '_not run_'}

## Rate budget: ${b0 ? `${b0.executions} concurrent executions, ${b0.limit} requests per ${b0.windowMs / 1000} s` : 'not run'}

${b0 ? `One \`n8n start\` process (the budget is per n8n process and account); ${b0.executions} webhook calls at once, each running
device / Get Many / Return All over ${fmtInt(b0.devices)} devices with Page Size ${b0.pageSize} and Options → Rate Budget = ${b0.limit}. The node's
window is 5 minutes; the bench scales it to ${b0.windowMs / 1000} s (${b0.mechanism}). The simulator does not enforce a limit here, it
only logs arrival times; "max arrivals in any window" slides a ${b0.windowMs / 1000} s window over them, which is how a server-side
sliding-window limiter counts. "Max by the node's clock" slides the same window over the moments the node's budget
let each request go. "Budget-bound minimum" is the earliest the last request may be sent, floor((R − 1) / budget) ×
window after the first; "ratio" compares the time of the last request with it.` : ''}

${budgetSection(results.budgets)}

## Faults: ${Math.round(c.faultRate * 100)} % of the pages answered 500 or 429 once

ceil(${c.faultRate} × pages) pages, chosen with a fixed seed, get 500 and 429 (\`Retry-After: 1\`) alternately on their first
request (simulator \`failNext\` keyed on the page cursor); the retry of that page gets the real answer. Auvik node
with default Options (Max Retries 4); the HTTP Request node with node settings Retry On Fail (5 tries, 1 s apart),
which re-runs the whole pagination.

${faultsSection(results.faults)}

## Notes

${NOTES_START}
${notes}
${NOTES_END}

## Re-running

\`\`\`bash
npm run build && scripts/e2e/ensure-n8n.sh       # once
node scripts/bench/bench.mjs                       # this page (--sizes 10000,100000 --latency 20 --page-max 1000)
node scripts/bench/bench.mjs --smoke               # < 60 s, writes to $TMPDIR, exit 1 on a correctness failure
node scripts/bench/render.mjs                      # re-render this page from scripts/bench/results/latest.json
node scripts/bench/bench.mjs --help
\`\`\`
`;
}

// ---------------------------------------------------------------------------------------------------------------
// SVG
// ---------------------------------------------------------------------------------------------------------------

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function niceMax(x) {
	if (!(x > 0)) return 1;
	const p = 10 ** Math.floor(Math.log10(x));
	for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= x) return m * p;
	return 10 * p;
}

/**
 * Horizontal bar panels: per size, the time of every approach (wall, with the node's own executionTime as a thin
 * darker bar inside); then the requests per approach per size (with the target ceil(N / page max) as a line).
 */
export function renderSvg(results) {
	const W = 960;
	const labelW = 250;
	const plotW = W - labelW - 250;
	const barH = 16;
	const gap = 8;
	const parts = [];
	let y = 20;
	parts.push(
		`<text x="${W / 2}" y="${y + 6}" text-anchor="middle" font-size="16" font-weight="bold">Auvik node vs HTTP Request node vs raw undici — device Get Many / Return All (latency ${results.cfg.latencyMs} ms, page max ${fmtInt(results.cfg.pageMax)})</text>`,
	);
	y += 22;
	parts.push(
		`<text x="${W / 2}" y="${y + 6}" text-anchor="middle" font-size="11" fill="#555">${esc(`${results.meta.nproc} CPUs, ${results.meta.memGiB.toFixed(0)} GiB, n8n ${results.meta.n8n}, ${results.meta.date.slice(0, 10)}. Wide bar: wall (execute: minus boot). Thin dark bar: the node's own executionTime.`)}</text>`,
	);
	y += 20;

	const axis = (x0, y0, h, max, unit) => {
		const ticks = 5;
		for (let i = 0; i <= ticks; i++) {
			const v = (max * i) / ticks;
			const x = x0 + (plotW * i) / ticks;
			parts.push(`<line x1="${x}" y1="${y0}" x2="${x}" y2="${y0 + h}" stroke="#e3e3e3"/>`);
			parts.push(`<text x="${x}" y="${y0 + h + 12}" text-anchor="middle" font-size="10" fill="#666">${unit === 's' ? v.toFixed(max < 5 ? 1 : 0) : Math.round(v)}${unit === 's' ? ' s' : ''}</text>`);
		}
	};

	for (const size of results.sizes) {
		const rows = APPROACHES.filter((a) => size.results[a.key]).map((a) => ({ a, m: size.results[a.key] }));
		const max = niceMax(Math.max(...rows.map(({ m }) => Math.max(m.effWallMs ?? 0, m.nodeMs ?? 0) / 1000)));
		y += 16;
		parts.push(`<text x="10" y="${y}" font-size="13" font-weight="bold">Time, N = ${fmtInt(size.N)} devices (${size.pages} pages)</text>`);
		y += 8;
		const top = y;
		const h = rows.length * (barH + gap);
		axis(labelW, top, h, max, 's');
		for (const { a, m } of rows) {
			const wall = Math.max(0, (m.effWallMs ?? 0) / 1000);
			const node = (m.nodeMs ?? NaN) / 1000;
			const wpx = Math.max(1, (wall / max) * plotW);
			parts.push(`<text x="${labelW - 8}" y="${y + barH - 4}" text-anchor="end" font-size="12">${esc(a.short)}</text>`);
			parts.push(`<rect x="${labelW}" y="${y}" width="${wpx.toFixed(1)}" height="${barH}" fill="${a.color}"${m.ok === false ? ' fill-opacity="0.35"' : ''}/>`);
			if (Number.isFinite(node)) {
				parts.push(`<rect x="${labelW}" y="${y + barH / 2 - 2}" width="${Math.max(1, (node / max) * plotW).toFixed(1)}" height="4" fill="#1b1b1b"/>`);
			}
			const floor = size.results.floor?.wallMs;
			const ratio = a.key === 'floor' ? '' : ` (${((m.effWallMs ?? 0) / floor).toFixed(2)}× floor)`;
			parts.push(`<text x="${labelW + wpx + 6}" y="${y + barH - 4}" font-size="11">${wall.toFixed(2)} s${ratio}${Number.isFinite(node) ? `, node ${node.toFixed(2)} s` : ''}${m.ok === false ? ' FAILED' : ''}${m.cliError ? ' · CLI exit 1' : ''}</text>`);
			y += barH + gap;
		}
		y += 14;
	}

	// requests
	const reqRows = [];
	for (const size of results.sizes) {
		for (const a of APPROACHES) {
			const m = size.results[a.key];
			if (m) reqRows.push({ label: `${a.short}, N=${fmtInt(size.N)}`, v: m.requests, target: size.pages, color: a.color });
		}
	}
	for (const f of results.faults) {
		reqRows.push({ label: `${f.approach === 'Auvik node' ? 'Auvik node' : 'HTTP Request'}, ${f.injected} fault${f.injected === 1 ? '' : 's'}, N=${fmtInt(f.N)}`, v: f.requests, target: f.pages, color: f.approach === 'Auvik node' ? '#1f6fb4' : '#d9822b', hatch: true });
	}
	if (results.limit) reqRows.push({ label: 'Auvik node, Limit 10', v: results.limit.requests, target: 1, color: '#1f6fb4' });
	if (reqRows.length) {
		const max = niceMax(Math.max(...reqRows.map((r) => Math.max(r.v, r.target))));
		y += 16;
		parts.push(`<text x="10" y="${y}" font-size="13" font-weight="bold">Requests per run (black tick: target ceil(N / page max))</text>`);
		y += 8;
		const h = reqRows.length * (barH + gap);
		axis(labelW, y, h, max, '');
		for (const r of reqRows) {
			const wpx = Math.max(1, (r.v / max) * plotW);
			parts.push(`<text x="${labelW - 8}" y="${y + barH - 4}" text-anchor="end" font-size="12">${esc(r.label)}</text>`);
			parts.push(`<rect x="${labelW}" y="${y}" width="${wpx.toFixed(1)}" height="${barH}" fill="${r.color}"${r.hatch ? ' fill-opacity="0.6" stroke="#333" stroke-dasharray="3,2"' : ''}/>`);
			const tx = labelW + (r.target / max) * plotW;
			parts.push(`<line x1="${tx.toFixed(1)}" y1="${y - 2}" x2="${tx.toFixed(1)}" y2="${y + barH + 2}" stroke="#000" stroke-width="2"/>`);
			parts.push(`<text x="${labelW + Math.max(wpx, (r.target / max) * plotW) + 6}" y="${y + barH - 4}" font-size="11">${fmtInt(r.v)}${r.v === r.target ? '' : r.v < r.target ? ` (clean run: ${fmtInt(r.target)}; stopped early)` : ` (clean run: ${fmtInt(r.target)})`}</text>`);
			y += barH + gap;
		}
		y += 14;
	}

	if (results.budgets?.length) {
		y = budgetPanel(parts, results.budgets, y, { W, labelW, plotW });
	}

	const H = y + 10;
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif">
<rect width="${W}" height="${H}" fill="#fff"/>
${parts.join('\n')}
</svg>
`;
}

/** Requests that arrived in the trailing window at every arrival, per budget variant, against the budget. */
function budgetPanel(parts, budgets, y, { labelW, plotW }) {
	const b0 = budgets[0];
	const series = budgets.map((b) => {
		const t = b.arrivalsMs ?? [];
		const pts = [];
		let lo = 0;
		for (let hi = 0; hi < t.length; hi++) {
			while (t[lo] <= t[hi] - b.windowMs) lo++;
			pts.push([t[hi] / 1000, hi - lo + 1]);
		}
		return { b, pts };
	});
	const tMax = niceMax(Math.max(...series.flatMap((s) => s.pts.map((p) => p[0]))));
	const vMax = niceMax(Math.max(b0.limit * 1.15, ...series.flatMap((s) => s.pts.map((p) => p[1]))));
	const h = 170;
	y += 16;
	parts.push(`<text x="10" y="${y}" font-size="13" font-weight="bold">Rate budget: requests arrived in the trailing ${b0.windowMs / 1000} s window (${b0.executions} concurrent executions, budget ${b0.limit})</text>`);
	y += 12;
	const top = y;
	const X = (t) => labelW + (t / tMax) * plotW;
	const Y = (v) => top + h - (v / vMax) * h;
	for (let i = 0; i <= 5; i++) {
		const tv = (tMax * i) / 5;
		parts.push(`<line x1="${X(tv)}" y1="${top}" x2="${X(tv)}" y2="${top + h}" stroke="#e3e3e3"/>`);
		parts.push(`<text x="${X(tv)}" y="${top + h + 12}" text-anchor="middle" font-size="10" fill="#666">${tv.toFixed(0)} s</text>`);
		const vv = (vMax * i) / 5;
		parts.push(`<text x="${labelW - 6}" y="${Y(vv) + 3}" text-anchor="end" font-size="10" fill="#666">${Math.round(vv)}</text>`);
	}
	parts.push(`<line x1="${labelW}" y1="${Y(b0.limit)}" x2="${labelW + plotW}" y2="${Y(b0.limit)}" stroke="#c00" stroke-dasharray="5,3"/>`);
	parts.push(`<text x="${labelW + plotW + 4}" y="${Y(b0.limit) + 4}" font-size="10" fill="#c00">budget ${b0.limit}</text>`);
	const colors = ['#1f6fb4', '#2e9e44'];
	let ly = top + h + 22;
	series.forEach(({ b, pts }, i) => {
		const d = pts.map(([t, v], j) => `${j ? 'L' : 'M'}${X(t).toFixed(1)},${Y(v).toFixed(1)}`).join('');
		parts.push(`<path d="${d}" fill="none" stroke="${colors[i % colors.length]}" stroke-width="1.6"/>`);
		parts.push(`<rect x="${labelW}" y="${ly}" width="10" height="10" fill="${colors[i % colors.length]}"/>`);
		parts.push(`<text x="${labelW + 14}" y="${ly + 9}" font-size="11">${esc(`${VARIANT_LABEL[b.variant] ?? b.variant}: max ${b.maxInWindow}`)}</text>`);
		ly += 16;
	});
	return ly + 6;
}
