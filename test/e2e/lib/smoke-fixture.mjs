// A throw-away community package (plain JS, no build) used to prove the harness end to end:
// n8n-nodes-auvik-smoke with node type `n8n-nodes-auvik-smoke.smokeHello` and credential type `smokeApi`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';

export const SMOKE_PACKAGE = 'n8n-nodes-auvik-smoke';
export const SMOKE_NODE_TYPE = `${SMOKE_PACKAGE}.smokeHello`;

const CREDENTIAL = `'use strict';
class SmokeApi {
	constructor() {
		this.name = 'smokeApi';
		this.displayName = 'Smoke API';
		this.properties = [
			{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: 'http://127.0.0.1:1' },
			{ displayName: 'User', name: 'user', type: 'string', default: '' },
			{ displayName: 'Password', name: 'password', type: 'string', typeOptions: { password: true }, default: '' },
		];
		this.authenticate = {
			type: 'generic',
			properties: { auth: { username: '={{$credentials.user}}', password: '={{$credentials.password}}' } },
		};
		this.test = { request: { baseURL: '={{$credentials.baseUrl}}', url: '/hello' } };
	}
}
exports.SmokeApi = SmokeApi;
`;

const NODE = `'use strict';
class SmokeHello {
	constructor() {
		this.description = {
			displayName: 'Smoke Hello', name: 'smokeHello', icon: 'fa:hand-paper', group: ['transform'], version: 1,
			description: 'Calls the local stub with basic auth', defaults: { name: 'Smoke Hello' },
			inputs: ['main'], outputs: ['main'],
			credentials: [{ name: 'smokeApi', required: true }],
			properties: [{ displayName: 'Name', name: 'name', type: 'string', default: 'world' }],
		};
	}
	async execute() {
		const items = this.getInputData();
		const creds = await this.getCredentials('smokeApi');
		const out = [];
		for (let i = 0; i < items.length; i++) {
			const res = await this.helpers.httpRequestWithAuthentication.call(this, 'smokeApi', {
				method: 'GET', url: creds.baseUrl + '/hello', qs: { name: this.getNodeParameter('name', i) }, json: true,
			});
			out.push({ json: res, pairedItem: { item: i } });
		}
		return [out];
	}
}
exports.SmokeHello = SmokeHello;
`;

/** Writes the fixture package into `dir` and returns dir. */
export function createSmokePackage(dir) {
	mkdirSync(join(dir, 'dist', 'credentials'), { recursive: true });
	mkdirSync(join(dir, 'dist', 'nodes', 'SmokeHello'), { recursive: true });
	writeFileSync(
		join(dir, 'package.json'),
		JSON.stringify(
			{
				name: SMOKE_PACKAGE,
				version: '0.0.1',
				main: 'index.js',
				keywords: ['n8n-community-node-package'],
				n8n: {
					n8nNodesApiVersion: 1,
					credentials: ['dist/credentials/SmokeApi.credentials.js'],
					nodes: ['dist/nodes/SmokeHello/SmokeHello.node.js'],
				},
			},
			null,
			2,
		),
	);
	writeFileSync(join(dir, 'index.js'), 'module.exports = {};\n');
	writeFileSync(join(dir, 'dist', 'credentials', 'SmokeApi.credentials.js'), CREDENTIAL);
	writeFileSync(join(dir, 'dist', 'nodes', 'SmokeHello', 'SmokeHello.node.js'), NODE);
	return dir;
}

/**
 * Loopback stub: GET /hello?name=x answers {greeting, authUser, path} with Basic alice:s3cret, else 401.
 * Resolves with { url, port, requests, close() }.
 */
export function startStub() {
	const requests = [];
	const server = createServer((req, res) => {
		const u = new URL(req.url, 'http://x');
		const ok = req.headers.authorization === 'Basic ' + Buffer.from('alice:s3cret').toString('base64');
		requests.push({ method: req.method, path: u.pathname, query: Object.fromEntries(u.searchParams), ok });
		res.setHeader('content-type', 'application/json');
		if (!ok) {
			res.statusCode = 401;
			res.end('{"error":"unauthorized"}');
			return;
		}
		res.end(JSON.stringify({ greeting: `hello ${u.searchParams.get('name')}`, authUser: 'alice', path: u.pathname }));
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			resolve({
				url: `http://127.0.0.1:${port}`,
				port,
				requests,
				close: () => new Promise((r) => server.close(() => r())),
			});
		});
	});
}
