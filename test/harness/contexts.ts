/**
 * Real n8n-core execution contexts for node methods that do not run inside a workflow execution:
 *   - `makeLoadOptionsContext` → `LoadOptionsContext` (what n8n passes to `methods.loadOptions.*`
 *     and `methods.listSearch.*` when the editor opens a dropdown / resource locator);
 *   - `makePollContext`        → `PollContext` (what a polling trigger's `poll()` gets);
 *   - `makeWebhookContext`     → `WebhookContext` (what a webhook trigger's `webhook()` gets), fed
 *     with a fake express request and a response recorder;
 *   - `makeHookContext`        → `HookContext` (what `webhookMethods.*.checkExists/create/delete` get).
 *
 * Each one builds a one-node `Workflow` (so parameter defaults are applied by n8n itself), the
 * harness credentials helper and additional data, then constructs the n8n-core class directly.
 * Their `helpers.httpRequestWithAuthentication` etc. are n8n-core's real ones.
 */
import { HookContext, LoadOptionsContext, PollContext, WebhookContext } from 'n8n-core';
import type {
	ICredentialType,
	IDataObject,
	IHttpRequestMethods,
	INode,
	INodeCredentials,
	INodeExecutionData,
	INodeParameters,
	IWebhookData,
	IWorkflowExecuteAdditionalData,
	WebhookType,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import type { AdditionalDataOptions } from './additional-data';
import { makeAdditionalData } from './additional-data';
import type { TestCredentials } from './credentials-helper';
import { HarnessCredentialsHelper } from './credentials-helper';
import type { AnyNodeType } from './node-types';
import { descriptionOf, HarnessNodeTypes, latestVersionOf } from './node-types';
import { DEFAULT_NODE_TYPE_NAME } from './run-workflow';

/** Options shared by every context factory. */
export interface NodeContextOptions {
	nodeType: AnyNodeType;
	/** Default `n8n-nodes-auvik.auvik`. */
	nodeTypeName?: string;
	/** Default: newest version. */
	typeVersion?: number;
	/** Default: the description's `defaults.name`. */
	nodeName?: string;
	/** Saved node parameters; n8n adds defaults. */
	parameters?: INodeParameters;
	/** Plaintext test credentials keyed by credential type; each is attached to the node. */
	credentials?: TestCredentials;
	/** The real credential classes. */
	credentialTypes?: ICredentialType[];
	/** Pass one to read `authenticateCount` etc. afterwards; otherwise a fresh one is made. */
	credentialsHelper?: HarnessCredentialsHelper;
}

interface SingleNodeSetup {
	workflow: Workflow;
	node: INode;
	credentialsHelper: HarnessCredentialsHelper;
}

function setUpSingleNode(options: NodeContextOptions, node: Partial<INode> = {}): SingleNodeSetup {
	const nodeTypeName = options.nodeTypeName ?? DEFAULT_NODE_TYPE_NAME;
	const typeVersion = options.typeVersion ?? latestVersionOf(options.nodeType);
	const description = descriptionOf(options.nodeType, typeVersion);
	const credentials = options.credentials ?? {};
	const nodeCredentials: INodeCredentials = {};
	for (const type of Object.keys(credentials)) {
		nodeCredentials[type] = { id: `test-${type}`, name: `Test ${type}` };
	}
	const workflow = new Workflow({
		id: 'harness-workflow',
		name: 'Harness workflow',
		nodes: [
			{
				id: 'node-under-test',
				name: options.nodeName ?? description.defaults.name ?? 'Node Under Test',
				type: nodeTypeName,
				typeVersion,
				position: [0, 0],
				parameters: structuredClone(options.parameters ?? {}),
				credentials: nodeCredentials,
				...node,
			},
		],
		connections: {},
		nodeTypes: new HarnessNodeTypes({ [nodeTypeName]: options.nodeType }),
		active: false,
	});
	const credentialsHelper =
		options.credentialsHelper ??
		new HarnessCredentialsHelper(credentials, options.credentialTypes ?? []);
	if (options.credentialsHelper) {
		for (const [type, data] of Object.entries(credentials)) credentialsHelper.setCredentials(type, data);
	}
	// The Workflow constructor has replaced `parameters` with the defaults-applied copy.
	const [builtNode] = Object.values(workflow.nodes);
	return { workflow, node: builtNode, credentialsHelper };
}

function additionalDataFor(
	setup: SingleNodeSetup,
	extra: Omit<AdditionalDataOptions, 'credentialsHelper'> = {},
): IWorkflowExecuteAdditionalData {
	return makeAdditionalData({
		credentialsHelper: setup.credentialsHelper,
		currentNodeParameters: setup.node.parameters,
		...extra,
	});
}

// ---------------------------------------------------------------------------------------------
// Load options / list search

export interface LoadOptionsContextOptions extends NodeContextOptions {
	/**
	 * Path of the parameter whose options are being loaded, e.g. `parameters.siteId`. n8n uses it
	 * to resolve `&sibling` paths in `getCurrentNodeParameter`. Default `parameters`.
	 */
	path?: string;
}

/** A real `LoadOptionsContext`: `await node.methods.loadOptions.getSites.call(ctx)`. */
export function makeLoadOptionsContext(options: LoadOptionsContextOptions): LoadOptionsContext {
	const setup = setUpSingleNode(options);
	return new LoadOptionsContext(
		setup.workflow,
		setup.node,
		additionalDataFor(setup),
		options.path ?? 'parameters',
	);
}

// ---------------------------------------------------------------------------------------------
// Polling trigger

export interface PollContextOptions extends NodeContextOptions {
	/**
	 * Object returned by `getWorkflowStaticData('node')`: the poll reads and mutates it in place.
	 * Keep it between polls to simulate an active workflow; `structuredClone` it to simulate n8n
	 * saving it as JSON and loading it again after a restart. Default: a new empty object.
	 */
	staticData?: IDataObject;
	/** `manual` = the editor's "Fetch test event"; `trigger` = an active workflow. Default `trigger`. */
	mode?: Extract<WorkflowExecuteMode, 'manual' | 'trigger'>;
	/** `getActivationMode()`. Default `manual` in manual mode, else `init`. */
	activation?: WorkflowActivateMode;
	/** Receives what the context's `__emit` gets (only n8n's poll job manager calls it). */
	onEmit?: (data: INodeExecutionData[][]) => void;
}

/** A real `PollContext`: `await node.poll.call(ctx)`. */
export function makePollContext(options: PollContextOptions): PollContext {
	const setup = setUpSingleNode(options);
	const mode = options.mode ?? 'trigger';
	const staticData = options.staticData ?? {};
	return new PollContext(
		setup.workflow,
		setup.node,
		additionalDataFor(setup),
		mode,
		options.activation ?? (mode === 'manual' ? 'manual' : 'init'),
		(data) => options.onEmit?.(data),
		(error) => {
			throw error;
		},
		undefined,
		undefined,
		() => staticData,
	);
}

// ---------------------------------------------------------------------------------------------
// Webhook trigger

export interface FakeWebhookRequest {
	method?: IHttpRequestMethods;
	body?: unknown;
	/** Lower-case header names, as node's http module delivers them. */
	headers?: Record<string, string | string[]>;
	query?: IDataObject;
	params?: IDataObject;
	/** Raw body bytes (n8n sets `req.rawBody` for signature checks). */
	rawBody?: Buffer;
}

/** What the node did to the express response object. */
export interface RecordedResponse {
	statusCode: number;
	headers: Record<string, string | number | readonly string[]>;
	body: unknown;
	ended: boolean;
}

export interface WebhookContextOptions extends NodeContextOptions {
	request?: FakeWebhookRequest;
	/** Which `description.webhooks[].name`. Default `default`. */
	webhookName?: WebhookType;
	/** Default `trigger` (production webhook); `manual` = test webhook. */
	mode?: Extract<WorkflowExecuteMode, 'manual' | 'trigger' | 'webhook'>;
	/** Object returned by `getWorkflowStaticData('node')`. Default: a new empty object. */
	staticData?: IDataObject;
	/** `node.webhookId` (part of the webhook URL). Default `test-webhook-id`. */
	webhookId?: string;
}

export interface WebhookContextResult {
	context: WebhookContext;
	response: RecordedResponse;
}

/** Minimal express-like response recording status, headers and body. */
function makeFakeResponse(recorded: RecordedResponse): unknown {
	const res = {
		get statusCode() {
			return recorded.statusCode;
		},
		set statusCode(code: number) {
			recorded.statusCode = code;
		},
		get headersSent() {
			return recorded.ended;
		},
		status(code: number) {
			recorded.statusCode = code;
			return res;
		},
		sendStatus(code: number) {
			recorded.statusCode = code;
			recorded.ended = true;
			return res;
		},
		setHeader(name: string, value: string | number | readonly string[]) {
			recorded.headers[name.toLowerCase()] = value;
			return res;
		},
		set(name: string, value: string) {
			return res.setHeader(name, value);
		},
		header(name: string, value: string) {
			return res.setHeader(name, value);
		},
		getHeader(name: string) {
			return recorded.headers[name.toLowerCase()];
		},
		json(body: unknown) {
			recorded.body = body;
			recorded.ended = true;
			return res;
		},
		send(body?: unknown) {
			recorded.body = body;
			recorded.ended = true;
			return res;
		},
		end(body?: unknown) {
			if (body !== undefined) recorded.body = body;
			recorded.ended = true;
			return res;
		},
	};
	return res;
}

/**
 * A real `WebhookContext` with a fake request/response:
 * `const { context, response } = makeWebhookContext({...}); const out = await node.webhook.call(context);`
 */
export function makeWebhookContext(options: WebhookContextOptions): WebhookContextResult {
	const webhookId = options.webhookId ?? 'test-webhook-id';
	const setup = setUpSingleNode(options, { webhookId });
	const webhookName = options.webhookName ?? 'default';
	const description = setup.workflow.nodeTypes.getByNameAndVersion(
		setup.node.type,
		setup.node.typeVersion,
	).description;
	const webhookDescription = description.webhooks?.find((webhook) => webhook.name === webhookName);
	if (!webhookDescription) {
		throw new Error(`[harness] node type has no webhook named "${webhookName}"`);
	}
	setup.workflow.setTestStaticData({ [`node:${setup.node.name}`]: options.staticData ?? {} });

	const request = options.request ?? {};
	const fakeRequest = {
		method: request.method ?? 'POST',
		body: request.body ?? {},
		headers: request.headers ?? {},
		query: request.query ?? {},
		params: request.params ?? {},
		rawBody: request.rawBody,
	};
	const response: RecordedResponse = { statusCode: 200, headers: {}, body: undefined, ended: false };
	const additionalData = additionalDataFor(setup, {
		httpRequest: fakeRequest as unknown as IWorkflowExecuteAdditionalData['httpRequest'],
		httpResponse: makeFakeResponse(response) as IWorkflowExecuteAdditionalData['httpResponse'],
	});
	const mode = options.mode ?? 'trigger';
	const webhookData: IWebhookData = {
		httpMethod: fakeRequest.method,
		node: setup.node.name,
		path: String(webhookDescription.path),
		webhookDescription,
		workflowId: setup.workflow.id,
		workflowExecuteAdditionalData: additionalData,
		webhookId,
		isTest: mode === 'manual',
	};
	const context = new WebhookContext(
		setup.workflow,
		setup.node,
		additionalData,
		mode,
		webhookData,
		[],
		null,
	);
	return { context, response };
}

// ---------------------------------------------------------------------------------------------
// Webhook lifecycle (checkExists / create / delete)

export interface HookContextOptions extends NodeContextOptions {
	/** Object returned by `getWorkflowStaticData('node')` (where `webhookId`s are kept). */
	staticData?: IDataObject;
	/** Default `trigger`. */
	mode?: Extract<WorkflowExecuteMode, 'manual' | 'trigger'>;
	/** Default `activate`. */
	activation?: WorkflowActivateMode;
	/** `node.webhookId`. Default `test-webhook-id`. */
	webhookId?: string;
}

/** A real `HookContext`: `await node.webhookMethods.default.create.call(ctx)`. */
export function makeHookContext(options: HookContextOptions): HookContext {
	const setup = setUpSingleNode(options, { webhookId: options.webhookId ?? 'test-webhook-id' });
	setup.workflow.setTestStaticData({ [`node:${setup.node.name}`]: options.staticData ?? {} });
	return new HookContext(
		setup.workflow,
		setup.node,
		additionalDataFor(setup),
		options.mode ?? 'trigger',
		options.activation ?? 'activate',
	);
}
