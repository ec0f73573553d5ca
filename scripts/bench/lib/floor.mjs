// The floor: a raw undici keep-alive loop over the same pages the node reads. Runs as its own process (spawned by
// bench.mjs) so its peak RSS is its own and not the simulator's, which lives in the bench process.
//
//   node scripts/bench/lib/floor.mjs --url <sim>/v1/inventory/device/info --auth "Basic ..." --page-max 1000
//
// Prints one JSON line: { items, unique, requests, wallMs, maxRSSKiB, rssMiB }.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Agent, request } from 'undici';

const { values } = parseArgs({
	options: {
		url: { type: 'string' },
		auth: { type: 'string' },
		'page-max': { type: 'string', default: '1000' },
		'max-pages': { type: 'string', default: '100000' },
	},
});
if (!values.url || !values.auth) {
	console.error('usage: floor.mjs --url <list url> --auth "<Authorization header>" [--page-max 1000]');
	process.exit(2);
}

const agent = new Agent({ connections: 1, pipelining: 1, keepAliveTimeout: 30_000 });
const headers = { authorization: values.auth, accept: 'application/vnd.api+json' };
const maxPages = Number(values['max-pages']);
const items = [];
let requests = 0;
let url = `${values.url}?page[first]=${Number(values['page-max'])}`;
const t0 = performance.now();
while (url && requests < maxPages) {
	const res = await request(url, { dispatcher: agent, headers });
	requests++;
	if (res.statusCode !== 200) {
		const text = await res.body.text();
		console.error(`floor: HTTP ${res.statusCode} on ${url}: ${text.slice(0, 300)}`);
		process.exit(1);
	}
	const body = await res.body.json();
	for (const resource of body.data ?? []) items.push(resource);
	url = body.links?.next;
}
const wallMs = performance.now() - t0;
const unique = new Set(items.map((r) => r.id)).size;
await agent.close();
console.log(
	JSON.stringify({
		items: items.length,
		unique,
		requests,
		wallMs,
		maxRSSKiB: process.resourceUsage().maxRSS,
		rssMiB: process.memoryUsage().rss / 2 ** 20,
	}),
);
