// Workflow and credential fixtures of the benchmark (imported once per run with setupInstance).
// Workflow ids are at most 21 characters; every credential has an id (test/e2e/README.md).

export const CRED_AUVIK = { id: 'benchAuvikCred000001', name: 'Auvik simulator (bench)', type: 'auvikApi' };
export const CRED_BASIC = { id: 'benchBasicCred000001', name: 'Auvik basic auth (bench)', type: 'httpBasicAuth' };

/** Workflows run with `n8n execute` (Manual Trigger) and, for n8n start, through a Webhook (responseMode lastNode). */
export const WF = {
	baseline: 'benchBaseline0000001',
	nodeAll: 'benchNodeAll00000001',
	nodeLimit: 'benchNodeLimit000001',
	httpAll: 'benchHttpAll00000001',
	httpRetry: 'benchHttpRetry000001',
	srvNode: 'benchSrvNode00000001',
	srvHttp: 'benchSrvHttp00000001',
	budget: 'benchBudget000000001',
};

/** Webhook paths of the n8n start workflows. */
export const HOOK = { node: 'bench-node', http: 'bench-http', budget: 'bench-budget' };
const WEBHOOK_IDS = {
	node: '6d1f3a52-8c4e-4c1b-9a57-b3e0c2d4f001',
	http: '6d1f3a52-8c4e-4c1b-9a57-b3e0c2d4f002',
	budget: '6d1f3a52-8c4e-4c1b-9a57-b3e0c2d4f003',
};

/** Webhook that answers when the workflow has finished, with an empty body (the run summary comes from preload.cjs). */
function webhook(kind) {
	return {
		id: 'w1',
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: WEBHOOK_IDS[kind],
		parameters: { httpMethod: 'POST', path: HOOK[kind], responseMode: 'lastNode', responseData: 'noData', options: {} },
	};
}

/** Workflow settings shared by every bench workflow: no execution data is written to the DB (same for all). */
const SETTINGS = {
	executionOrder: 'v1',
	saveDataSuccessExecution: 'none',
	saveDataErrorExecution: 'none',
	saveManualExecutions: false,
	saveExecutionProgress: false,
};

const manual = { id: 'm1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };

function chain(names) {
	const connections = {};
	for (let i = 0; i + 1 < names.length; i++) {
		connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	}
	return connections;
}

function auvikNode({ returnAll = true, limit, pageSize, rateLimit, extraOptions = {} }) {
	const options = { pageSize, ...extraOptions };
	if (rateLimit !== undefined) options.rateLimit = rateLimit;
	return {
		id: 'a1',
		name: 'Auvik',
		type: 'n8n-nodes-auvik.auvik',
		typeVersion: 1,
		position: [220, 0],
		parameters: {
			resource: 'device',
			operation: 'getMany',
			returnAll,
			...(returnAll ? {} : { limit }),
			options,
		},
		credentials: { auvikApi: { id: CRED_AUVIK.id, name: CRED_AUVIK.name } },
	};
}

/**
 * The HTTP Request node as a user would set it up without this package: Basic auth through a generic
 * httpBasicAuth credential, page[first] as a query parameter, built-in pagination following links.next, and
 * Response Format JSON (Auvik answers application/vnd.api+json, which "Autodetect" treats as text, so
 * $response.body.links would not exist). Split Out then turns each page's data[] into one item per device,
 * which is what the Auvik node outputs.
 */
function httpNodes({ simUrl, pageMax, retry = false }) {
	const http = {
		id: 'h1',
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [220, 0],
		parameters: {
			method: 'GET',
			url: `${simUrl}/v1/inventory/device/info`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpBasicAuth',
			sendQuery: true,
			specifyQuery: 'keypair',
			queryParameters: { parameters: [{ name: 'page[first]', value: String(pageMax) }] },
			options: {
				response: { response: { responseFormat: 'json' } },
				pagination: {
					pagination: {
						paginationMode: 'responseContainsNextURL',
						nextURL: '={{ $response.body.links.next }}',
						paginationCompleteWhen: 'other',
						completeExpression: '={{ !$response.body.links.next }}',
					},
				},
			},
		},
		credentials: { httpBasicAuth: { id: CRED_BASIC.id, name: CRED_BASIC.name } },
	};
	if (retry) Object.assign(http, { retryOnFail: true, maxTries: 5, waitBetweenTries: 1000 });
	const split = {
		id: 's1',
		name: 'Split Out',
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		position: [440, 0],
		parameters: { fieldToSplitOut: 'data', include: 'noOtherFields', options: {} },
	};
	return [http, split];
}

/**
 * @param {object} o
 * @param {string} o.simUrl       simulator root (fixed port for the whole bench)
 * @param {number} o.pageMax      page size used by every approach (= the simulator's maximum)
 * @param {number} o.budgetLimit  rateLimit option of the budget workflow
 * @param {number} o.budgetPageSize
 * @param {object} [o.budgetExtraOptions]  e.g. { rateWindowSeconds: 30 } once the node has such an option
 */
export function benchWorkflows({ simUrl, pageMax, budgetLimit, budgetPageSize, budgetExtraOptions = {} }) {
	const noop = { id: 'n1', name: 'NoOp', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} };
	const [http, split] = httpNodes({ simUrl, pageMax });
	const [httpR, splitR] = httpNodes({ simUrl, pageMax, retry: true });
	return [
		{ id: WF.baseline, name: 'bench baseline', settings: SETTINGS, nodes: [manual, noop], connections: chain(['Start', 'NoOp']) },
		{
			id: WF.nodeAll,
			name: 'bench Auvik Return All',
			settings: SETTINGS,
			nodes: [manual, auvikNode({ pageSize: pageMax })],
			connections: chain(['Start', 'Auvik']),
		},
		{
			id: WF.nodeLimit,
			name: 'bench Auvik Limit 10',
			settings: SETTINGS,
			nodes: [manual, auvikNode({ returnAll: false, limit: 10, pageSize: pageMax })],
			connections: chain(['Start', 'Auvik']),
		},
		{
			id: WF.httpAll,
			name: 'bench HTTP Request pagination',
			settings: SETTINGS,
			nodes: [manual, http, split],
			connections: chain(['Start', 'HTTP Request', 'Split Out']),
		},
		{
			id: WF.httpRetry,
			name: 'bench HTTP Request + Retry On Fail',
			settings: SETTINGS,
			nodes: [manual, httpR, splitR],
			connections: chain(['Start', 'HTTP Request', 'Split Out']),
		},
		{
			id: WF.srvNode,
			name: 'bench Auvik Return All (webhook)',
			settings: SETTINGS,
			nodes: [webhook('node'), auvikNode({ pageSize: pageMax })],
			connections: chain(['Webhook', 'Auvik']),
		},
		{
			id: WF.srvHttp,
			name: 'bench HTTP Request pagination (webhook)',
			settings: SETTINGS,
			nodes: [webhook('http'), ...httpNodes({ simUrl, pageMax })],
			connections: chain(['Webhook', 'HTTP Request', 'Split Out']),
		},
		{
			id: WF.budget,
			name: 'bench Auvik rate budget (webhook)',
			settings: SETTINGS,
			nodes: [webhook('budget'), auvikNode({ pageSize: budgetPageSize, rateLimit: budgetLimit, extraOptions: budgetExtraOptions })],
			connections: chain(['Webhook', 'Auvik']),
		},
	];
}

export function benchCredentials({ simUrl, username, apiKey }) {
	return [
		{ ...CRED_AUVIK, data: { region: 'custom', baseUrl: simUrl, username, apiKey } },
		{ ...CRED_BASIC, data: { user: username, password: apiKey } },
	];
}
