/**
 * Proves the harness: fixture nodes run in n8n-core's real engine and send real HTTP to a
 * loopback server through n8n-core's request helpers. The "measured" block pins down request-
 * helper behaviour that node code depends on (401 re-send, redirects, body parsing).
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, VersionedNodeType } from 'n8n-workflow';

import { EchoHttp } from './fixtures/EchoHttp.node';
import { EchoPollTrigger } from './fixtures/EchoPollTrigger.node';
import { EchoWebhookTrigger } from './fixtures/EchoWebhookTrigger.node';
import { FixtureApi } from './fixtures/FixtureApi.credentials';
import type { RunWorkflowOptions, TestServer } from './index';
import {
	HarnessCredentialsHelper,
	makeLoadOptionsContext,
	makePollContext,
	makeWebhookContext,
	outputsOf,
	reply,
	runWorkflow,
	startTestServer,
} from './index';

const basic = (user: string, password: string) =>
	`Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

let server: TestServer;
let credentials: { fixtureApi: ICredentialDataDecryptedObject };

beforeAll(async () => {
	server = await startTestServer();
});

afterAll(async () => {
	await server.close();
});

beforeEach(() => {
	server.reset();
	server.setHandler((request, res) => reply(res, 200, { ok: true, url: request.url }));
	credentials = { fixtureApi: { baseUrl: server.baseUrl, user: 'alice', password: 's3cret' } };
});

/** Run the EchoHttp fixture with the fixture credential. */
const runEcho = async (options: Partial<RunWorkflowOptions> = {}) =>
	await runWorkflow({
		nodeType: new EchoHttp(),
		nodeTypeName: 'n8n-nodes-auvik.echoHttp',
		credentials,
		credentialTypes: [new FixtureApi()],
		parameters: {},
		...options,
	});

describe('runWorkflow', () => {
	it('applies the credential class generic auth (Basic via $credentials expressions) and defaults', async () => {
		const result = await runEcho({ inputItems: [{ n: 1 }, { n: 2 }] });

		expect(result.status).toBe('success');
		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(2);
		for (const request of server.requests) {
			expect(request.method).toBe('GET');
			expect(request.url).toBe('/echo');
			expect(request.headers.authorization).toBe(basic('alice', 's3cret'));
			// `flavour` is not in the test credentials: its default came from the credential class.
			expect(request.headers['x-flavour']).toBe('vanilla');
		}
		expect(result.credentialsHelper.authenticateCount).toBe(2);
		expect(result.executedNodes).toEqual(['Start', 'Echo HTTP']);
	});

	it('returns items with pairedItem and resolves parameter expressions per item', async () => {
		const result = await runEcho({
			inputItems: [{ n: 1 }, { n: 2 }],
			parameters: { path: '={{ "/echo?n=" + $json.n }}' },
		});

		expect(server.requests.map((request) => request.url)).toEqual(['/echo?n=1', '/echo?n=2']);
		expect(result.outputs).toHaveLength(1);
		expect(result.outputs[0]).toEqual([
			expect.objectContaining({
				json: expect.objectContaining({ statusCode: 200, input: { n: 1 } }),
				pairedItem: { item: 0 },
			}),
			expect.objectContaining({
				json: expect.objectContaining({ statusCode: 200, input: { n: 2 } }),
				pairedItem: { item: 1 },
			}),
		]);
	});

	it('stops the workflow with the NodeApiError when On Error is the default', async () => {
		server.setHandler((_request, res) => reply(res, 404, { message: 'no such thing' }));
		const result = await runEcho();

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('The resource you are requesting could not be found');
		expect(result.nodeError).toMatchObject({ name: 'NodeApiError', httpCode: '404' });
		expect(result.outputs).toEqual([]);
	});

	it('routes a NodeApiError to the error output (main[1]) with continueErrorOutput', async () => {
		server.setHandler((request, res) =>
			request.url === '/echo?n=2' ? reply(res, 404, { message: 'gone' }) : reply(res, 200, { ok: true }),
		);
		const result = await runEcho({
			inputItems: [{ n: 1 }, { n: 2 }],
			parameters: { path: '={{ "/echo?n=" + $json.n }}' },
			onError: 'continueErrorOutput',
			downstream: [
				{ name: 'On Success', fromOutput: 0 },
				{ name: 'On Failure', fromOutput: 1 },
			],
		});

		expect(result.status).toBe('success');
		expect(result.outputs).toHaveLength(2);
		expect(result.outputs[0]).toHaveLength(1);
		expect(result.outputs[0][0].pairedItem).toEqual({ item: 0 });
		// The engine merges the paired input item's JSON into the error item.
		expect(result.outputs[1]).toEqual([
			{
				json: { n: 2, error: 'The resource you are requesting could not be found' },
				pairedItem: { item: 1 },
			},
		]);
		expect(outputsOf(result.run, 'On Failure')[0]).toHaveLength(1);
		expect(outputsOf(result.run, 'On Success')[0]).toHaveLength(1);
	});

	it('keeps the error item on the main output with continueRegularOutput', async () => {
		server.setHandler((_request, res) => reply(res, 500, { message: 'boom' }));
		const result = await runEcho({ onError: 'continueRegularOutput' });

		expect(result.status).toBe('success');
		expect(result.outputs).toEqual([
			[{ json: { error: 'The service was not able to process your request' }, pairedItem: { item: 0 } }],
		]);
	});

	it('retries a throwing node maxTries times with retryOnFail', async () => {
		server.setHandler((_request, res) => reply(res, 503, { message: 'down' }));
		const result = await runEcho({ retryOnFail: true, maxTries: 3 });

		expect(server.requests).toHaveLength(3);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Service unavailable/);
	});

	it('accepts a VersionedNodeType (newest version by default) and mode cli', async () => {
		const v1 = new EchoHttp();
		const v2 = new EchoHttp();
		v2.description = {
			...v2.description,
			version: 2,
			properties: v2.description.properties.map((property) =>
				property.name === 'path' ? { ...property, default: '/v2' } : property,
			),
		};
		const versioned = new VersionedNodeType(
			{ 1: v1, 2: v2 },
			{
				displayName: 'Echo HTTP',
				name: 'echoHttp',
				group: ['transform'],
				description: 'versioned fixture',
				defaultVersion: 2,
			},
		);
		const result = await runEcho({ nodeType: versioned, mode: 'cli' });

		expect(result.status).toBe('success');
		expect(result.run.mode).toBe('cli');
		// Version 2's parameter default was used: the newest version ran.
		expect(server.requests.map((request) => request.url)).toEqual(['/v2']);
	});

	it('returns workflow static data written by the node (and never mutates the input object)', async () => {
		class Counter implements INodeType {
			description: INodeTypeDescription = {
				displayName: 'Counter',
				name: 'counter',
				group: ['transform'],
				version: 1,
				description: 'counts runs in static data',
				defaults: { name: 'Counter' },
				inputs: [NodeConnectionTypes.Main],
				outputs: [NodeConnectionTypes.Main],
				properties: [],
			};

			async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
				const state = this.getWorkflowStaticData('node');
				state.runs = ((state.runs as number | undefined) ?? 0) + 1;
				return [this.getInputData()];
			}
		}
		const initial = { 'node:Counter': { runs: 41 } };
		const result = await runWorkflow({
			nodeType: new Counter(),
			nodeTypeName: 'test.counter',
			parameters: {},
			staticData: initial,
		});

		expect(result.status).toBe('success');
		expect(result.staticData).toEqual({ 'node:Counter': { runs: 42 } });
		expect(result.staticDataChanged).toBe(true);
		expect(initial).toEqual({ 'node:Counter': { runs: 41 } });
	});
});

describe('makeLoadOptionsContext', () => {
	it('gives loadOptions methods a real context with authenticated HTTP', async () => {
		server.setHandler((_request, res) =>
			reply(res, 200, [
				{ id: 't1', label: 'Thing one' },
				{ id: 't2', label: 'Thing two' },
			]),
		);
		const node = new EchoHttp();
		const context = makeLoadOptionsContext({
			nodeType: node,
			nodeTypeName: 'n8n-nodes-auvik.echoHttp',
			parameters: { path: '/custom' },
			credentials,
			credentialTypes: [new FixtureApi()],
			path: 'parameters.thing',
		});

		const options = await node.methods.loadOptions.getThings.call(context);

		expect(options).toEqual([
			{ name: 'Thing one', value: 't1' },
			{ name: 'Thing two', value: 't2' },
		]);
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0].url).toBe('/things');
		expect(server.requests[0].headers.authorization).toBe(basic('alice', 's3cret'));
		expect(context.getCurrentNodeParameter('path')).toBe('/custom');
		// Defaults were added by n8n's Workflow constructor.
		expect(context.getCurrentNodeParameter('followRedirects')).toBe(false);
	});
});

describe('makePollContext', () => {
	const events = [{ id: 1 }, { id: 2 }, { id: 3 }];

	beforeEach(() => {
		server.setHandler((request, res) => {
			const since = Number(new URL(request.url, server.baseUrl).searchParams.get('since') ?? 0);
			reply(res, 200, events.filter((event) => event.id > since));
		});
	});

	const pollWith = async (staticData: IDataObject, mode: 'manual' | 'trigger' = 'trigger') => {
		const node = new EchoPollTrigger();
		const context = makePollContext({
			nodeType: node,
			nodeTypeName: 'n8n-nodes-auvik.echoPollTrigger',
			parameters: {},
			credentials,
			credentialTypes: [new FixtureApi()],
			staticData,
			mode,
		});
		return await node.poll.call(context);
	};

	it('backs getWorkflowStaticData("node") with the given object across polls and restarts', async () => {
		const state: IDataObject = {};

		const first = await pollWith(state);
		expect(first?.[0].map((item) => item.json.id)).toEqual([1, 2, 3]);
		expect(state).toEqual({ lastId: 3 });

		const second = await pollWith(state);
		expect(second).toBeNull();

		events.push({ id: 4 });
		// Simulate n8n saving static data as JSON and loading it after a restart.
		const restored = structuredClone(state);
		const third = await pollWith(restored);
		expect(third?.[0].map((item) => item.json.id)).toEqual([4]);
		expect(restored).toEqual({ lastId: 4 });
		expect(state).toEqual({ lastId: 3 });

		expect(server.requests.map((request) => request.url)).toEqual([
			'/events?since=0',
			'/events?since=3',
			'/events?since=3',
		]);
		expect(server.requests[0].headers.authorization).toBe(basic('alice', 's3cret'));
	});

	it('manual mode ("Fetch test event") leaves the state untouched', async () => {
		const state: IDataObject = { lastId: 2 };
		const result = await pollWith(state, 'manual');
		expect(result?.[0]).toHaveLength(1);
		expect(state).toEqual({ lastId: 2 });
	});
});

describe('makeWebhookContext', () => {
	const callWebhook = (headers: Record<string, string>, staticData: IDataObject = {}) => {
		const node = new EchoWebhookTrigger();
		const { context, response } = makeWebhookContext({
			nodeType: node,
			nodeTypeName: 'n8n-nodes-auvik.echoWebhookTrigger',
			parameters: { secret: 'hush' },
			request: { method: 'POST', headers, body: { alert: 'down' }, query: { a: '1' } },
			staticData,
		});
		return { run: async () => await node.webhook.call(context), response };
	};

	it('passes request body/headers/query to webhook() and returns workflow data', async () => {
		const staticData: IDataObject = {};
		const { run, response } = callWebhook({ 'x-secret': 'hush' }, staticData);
		const result = await run();

		expect(result.workflowData?.[0]).toEqual([
			{
				json: {
					alert: 'down',
					query: { a: '1' },
					url: 'http://localhost:5678/webhook/test-webhook-id/echo',
				},
			},
		]);
		expect(response.ended).toBe(false);
		expect(staticData).toEqual({ received: 1 });
	});

	it('captures what the node writes to the response', async () => {
		const { run, response } = callWebhook({ 'x-secret': 'wrong' });
		const result = await run();

		expect(result).toEqual({ noWebhookResponse: true });
		expect(response).toMatchObject({ statusCode: 401, body: 'bad secret', ended: true });
	});
});

/**
 * Measured behaviour of n8n-core 2.41's httpRequestWithAuthentication (see the harness report).
 * If an n8n-core upgrade changes any of these, node code relying on them must be re-checked.
 */
describe('measured: request helper behaviour', () => {
	describe('401 re-send (preAuthentication refresh)', () => {
		beforeEach(() => server.setHandler((_request, res) => reply(res, 401, { message: 'bad key' })));

		it('re-sends once after a 401 when ignoreHttpStatusErrors is false', async () => {
			const result = await runEcho({ parameters: { ignoreHttpStatusErrors: false } });
			expect(server.requests).toHaveLength(2);
			expect(result.credentialsHelper.authenticateCount).toBe(2);
			expect(result.credentialsHelper.preAuthenticationCount).toBe(2);
			expect(result.error?.message).toBe('Authorization failed - please check your credentials');
		});

		it('does not re-send when ignoreHttpStatusErrors is true (the 401 is a normal response)', async () => {
			const result = await runEcho({ parameters: { ignoreHttpStatusErrors: true } });
			expect(server.requests).toHaveLength(1);
			expect(result.nodeError).toMatchObject({ httpCode: '401' });
		});

		it('does not re-send with { preAuthenticationRetryStatusCode: [] }', async () => {
			const result = await runEcho({
				parameters: { ignoreHttpStatusErrors: false, noPreAuthRetry: true },
			});
			expect(server.requests).toHaveLength(1);
			expect(result.status).toBe('error');
		});
	});

	describe('redirects', () => {
		beforeEach(() =>
			server.setHandler((request, res) =>
				request.url === '/echo'
					? reply(res, 308, undefined, { location: '/moved' })
					: reply(res, 200, { moved: true }),
			),
		);

		it('does not follow a 308 with disableFollowRedirect: true (3xx returned as the response)', async () => {
			const result = await runEcho({ parameters: { followRedirects: false } });
			expect(server.requests.map((request) => request.url)).toEqual(['/echo']);
			expect(result.outputs[0][0].json).toMatchObject({
				statusCode: 308,
				location: '/moved',
				body: '',
			});
		});

		it('and throws on that 3xx when ignoreHttpStatusErrors is false', async () => {
			const result = await runEcho({ parameters: { ignoreHttpStatusErrors: false } });
			expect(server.requests).toHaveLength(1);
			expect(result.nodeError).toMatchObject({ httpCode: '308' });
		});

		it('follows it (re-sending Basic auth, even to another host) when redirects are enabled', async () => {
			const other = await startTestServer((_request, res) => reply(res, 200, { other: true }));
			try {
				server.setHandler((_request, res) =>
					reply(res, 308, undefined, { location: `http://localhost:${other.port}/elsewhere` }),
				);
				const result = await runEcho({ parameters: { followRedirects: true } });
				expect(result.outputs[0][0].json).toMatchObject({ statusCode: 200, body: { other: true } });
				expect(other.requests[0].headers.authorization).toBe(basic('alice', 's3cret'));
			} finally {
				await other.close();
			}
		});
	});

	describe('response bodies with json: true', () => {
		it('parses application/vnd.api+json into an object', async () => {
			server.setHandler((_request, res) =>
				reply(res, 200, JSON.stringify({ data: [{ id: '1', type: 'device' }] }), {
					'content-type': 'application/vnd.api+json',
				}),
			);
			const result = await runEcho();
			expect(result.outputs[0][0].json).toMatchObject({
				bodyType: 'object',
				body: { data: [{ id: '1', type: 'device' }] },
			});
		});

		it('returns an empty 200 body as the empty string (even with content-type application/json)', async () => {
			server.setHandler((_request, res) => {
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end();
			});
			const result = await runEcho();
			expect(result.outputs[0][0].json).toMatchObject({ bodyType: 'string', body: '' });
		});

		it('returns an unparseable JSON body as the raw string, without an error', async () => {
			server.setHandler((_request, res) =>
				reply(res, 200, 'not json', { 'content-type': 'application/json' }),
			);
			const result = await runEcho();
			expect(result.status).toBe('success');
			expect(result.outputs[0][0].json).toMatchObject({ bodyType: 'string', body: 'not json' });
		});
	});
});

describe('HarnessCredentialsHelper', () => {
	it('returns undefined from preAuthentication for credentials without an expirable property', async () => {
		const helper = new HarnessCredentialsHelper(credentials, [new FixtureApi()]);
		const result = await helper.preAuthentication(
			{ helpers: { httpRequest: async () => ({}) } },
			{ ...credentials.fixtureApi },
			'fixtureApi',
			{ id: 'x', name: 'x', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} },
			true,
		);
		expect(result).toBeUndefined();
		expect(helper.getParentTypes('fixtureApi')).toEqual([]);
	});
});
