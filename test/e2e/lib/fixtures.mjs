// Shared fixtures for the Auvik E2E files: workflow JSON loading (test/e2e/workflows, with __TOKEN__ placeholders),
// credentials pointed at a simulator, a small HTTP recorder (stands in for a PSA / ticketing system that workflows
// POST to), and an n8n REST client (owner setup, login, cookie + browser-id handling). Node built-ins only.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';

import { REPO_ROOT } from './simulator.mjs';

export const WORKFLOW_DIR = join(REPO_ROOT, 'test', 'e2e', 'workflows');

/** Credential ids used by the committed workflows (test/e2e/workflows/*.json). */
export const CREDS = {
	sim: { id: 'e2eCredSim00000001', name: 'Auvik simulator', type: 'auvikApi' },
	badKey: { id: 'e2eCredBadKey00001', name: 'Auvik wrong key', type: 'auvikApi' },
	regionA: { id: 'e2eCredRegionA0001', name: 'Auvik old region', type: 'auvikApi' },
};

/** An auvikApi credential (plain data; n8n encrypts it on import) pointed at a simulator. */
export function simCredential(cred, sim, overrides = {}) {
	return {
		...cred,
		data: {
			region: 'custom',
			baseUrl: sim.url,
			username: sim.credentials.username,
			apiKey: sim.credentials.apiKey,
			...overrides,
		},
	};
}

/**
 * Reads test/e2e/workflows/<name>.json and replaces every "__KEY__" token inside strings with vars.KEY (the value is
 * inserted JSON-escaped, so it can be any string). Throws if a token is left over, so a typo cannot go unnoticed.
 */
export function loadWorkflow(name, vars = {}) {
	let text = readFileSync(join(WORKFLOW_DIR, `${name}.json`), 'utf8');
	for (const [key, value] of Object.entries(vars)) {
		text = text.split(`__${key}__`).join(JSON.stringify(String(value)).slice(1, -1));
	}
	const left = text.match(/__[A-Z0-9_]+__/g);
	if (left) throw new Error(`workflow ${name}.json: no value for ${[...new Set(left)].join(', ')}`);
	return JSON.parse(text);
}

export function listWorkflowFiles() {
	return readdirSync(WORKFLOW_DIR).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns a truthy value or the time is up; returns the last value. */
export async function waitFor(fn, { timeoutMs = 30_000, intervalMs = 200, what = 'condition' } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const v = await fn();
		if (v) return v;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(intervalMs);
	}
}

/**
 * A loopback HTTP server that records every request (method, path, query, headers, parsed JSON body) and answers
 * 200 {"ok":true,"id":"rec-<n>"} (or `respond(req)` if given). Stands in for a PSA / CMDB / chat webhook.
 */
export async function startRecorder({ port = 0, host = '127.0.0.1', respond } = {}) {
	const requests = [];
	const server = createServer((req, res) => {
		let raw = '';
		req.setEncoding('utf8');
		req.on('data', (d) => (raw += d));
		req.on('end', () => {
			const u = new URL(req.url, 'http://x');
			let body;
			try {
				body = raw ? JSON.parse(raw) : undefined;
			} catch {
				body = raw;
			}
			const rec = {
				seq: requests.length + 1,
				method: req.method,
				path: u.pathname,
				query: Object.fromEntries(u.searchParams),
				headers: req.headers,
				body,
				at: Date.now(),
			};
			requests.push(rec);
			const answer = respond?.(rec) ?? { status: 200, body: { ok: true, id: `rec-${rec.seq}` } };
			res.writeHead(answer.status ?? 200, { 'content-type': 'application/json' });
			res.end(JSON.stringify(answer.body ?? {}));
		});
	});
	await new Promise((res, rej) => {
		server.once('error', rej);
		server.listen(port, host, res);
	});
	const actual = server.address().port;
	return {
		url: `http://${host}:${actual}`,
		port: actual,
		requests,
		on: (path) => requests.filter((r) => r.path === path),
		reset: () => {
			requests.length = 0;
		},
		close: () =>
			new Promise((r) => {
				server.close(() => r());
				server.closeAllConnections();
			}),
	};
}

// ---------------------------------------------------------------------------------------------------------------
// n8n REST (2.41.1): POST /rest/owner/setup {email, firstName, lastName, password} (skipAuth; only while no owner
// exists), POST /rest/login {emailOrLdapLoginId, password}. Both set the "n8n-auth" cookie; the JWT is bound to
// the "browser-id" header, so every later call must send the same browser-id (except /types/*.json).
// Password rules: 8..64 chars, at least one digit and one uppercase letter.
// ---------------------------------------------------------------------------------------------------------------

export const OWNER = {
	email: 'e2e-owner@example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2e-Passw0rd!',
};

export class N8nRest {
	constructor(baseUrl, browserId = 'e2e-browser-0001') {
		this.baseUrl = baseUrl.replace(/\/+$/, '');
		this.browserId = browserId;
		this.cookie = '';
	}

	async request(method, path, body) {
		const res = await fetch(`${this.baseUrl}${path}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': this.browserId,
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = res.headers.getSetCookie?.() ?? [];
		for (const c of setCookie) {
			const m = /^n8n-auth=([^;]*)/.exec(c);
			if (m) this.cookie = `n8n-auth=${m[1]}`;
		}
		const text = await res.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: res.status, json, text };
	}

	async get(path) {
		return await this.request('GET', path);
	}

	async post(path, body) {
		return await this.request('POST', path, body);
	}

	/** Creates the owner (first start only) and keeps its cookie. Returns the response. */
	async setupOwner(owner = OWNER) {
		return await this.post('/rest/owner/setup', owner);
	}

	async login(owner = OWNER) {
		return await this.post('/rest/login', { emailOrLdapLoginId: owner.email, password: owner.password });
	}
}

/** Example workflows written by the docs track (examples/e2e/*.json), or [] when there are none yet. */
export function exampleE2eFiles() {
	const dir = join(REPO_ROOT, 'examples', 'e2e');
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.map((f) => join(dir, f));
}
