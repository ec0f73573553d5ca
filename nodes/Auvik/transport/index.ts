/**
 * The one place that talks HTTP to Auvik. Owns: base URL and region, 308 handling, error
 * mapping, retries with backoff, the per-account rate budget, and JSON:API cursor pagination.
 * Nodes describe *what* to ask (method, path, query); this module decides *how*.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ApiEndpoint } from './baseUrl';
import { endpointFromCredentials, redirectTarget } from './baseUrl';
import { buildApiError, isRetryableStatus } from './errors';
import type { Clock, RateBudget } from './rateBudget';
import { AUVIK_RATE_LIMIT, budgetFor, realClock } from './rateBudget';
import type { RetryPolicy } from './retry';
import { backoffDelay, DEFAULT_RETRY, parseRetryAfter } from './retry';

export const CREDENTIAL_TYPE = 'auvikApi';

export type AuvikContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IWebhookFunctions;

export interface TransportOptions {
	/** Per-request timeout in ms (default 60 s) */
	timeoutMs?: number;
	retry?: Partial<RetryPolicy>;
	/** Request budget per account (default Auvik's 2500 per 5 minutes) */
	rateLimit?: { limit: number; windowMs: number };
	/** Redirect hops allowed for one request (default 3) */
	maxRedirects?: number;
	clock?: Clock;
}

export interface AuvikRequest {
	method: 'GET' | 'POST';
	/** Path with the version prefix and path parameters filled in, e.g. /v1/tenants */
	path: string;
	/** Query parameters; undefined and empty values are left out */
	query?: Record<string, string | number | boolean | undefined>;
	itemIndex?: number;
}

export interface AuvikResponse {
	status: number;
	/** Parsed JSON, or null for an empty body */
	body: IDataObject | IDataObject[] | string | null;
}

/** One page of a JSON:API list. */
export interface AuvikPage {
	data: IDataObject[];
	included: IDataObject[];
}

interface FullResponse {
	body: unknown;
	headers: Record<string, unknown>;
	statusCode: number;
}

function header(headers: Record<string, unknown>, name: string): string | undefined {
	const key = Object.keys(headers ?? {}).find((k) => k.toLowerCase() === name);
	if (!key) return undefined;
	const value = headers[key];
	return Array.isArray(value) ? String(value[0]) : value == null ? undefined : String(value);
}

function parseBody(raw: unknown): AuvikResponse['body'] {
	if (raw == null) return null;
	if (typeof raw === 'object' && !(raw instanceof Uint8Array)) return raw as IDataObject;
	const text = raw instanceof Uint8Array ? Buffer.from(raw).toString('utf8') : String(raw);
	if (!text.trim()) return null;
	try {
		return JSON.parse(text) as IDataObject;
	} catch {
		return text;
	}
}

function networkCode(error: unknown): string {
	const e = error as IDataObject & { cause?: IDataObject };
	const candidates = [e?.code, e?.cause?.code, (e?.cause as IDataObject | undefined)?.errno, e?.message];
	return candidates.map((c) => (c == null ? '' : String(c))).find(Boolean) ?? 'unknown error';
}

function isTimeout(error: unknown): boolean {
	const text = `${networkCode(error)} ${(error as Error)?.message ?? ''}`;
	return /ETIMEDOUT|ECONNABORTED|timeout|aborted/i.test(text);
}

export function buildQueryString(query: AuvikRequest['query']): string {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(query ?? {})) {
		if (value === undefined || value === null || value === '') continue;
		params.append(key, String(value));
	}
	const text = params.toString();
	return text ? `?${text}` : '';
}

export class AuvikTransport {
	/** Messages for the user (e.g. "your account is in region us3"), shown as execution hints. */
	readonly notices: string[] = [];


	private readonly retry: RetryPolicy;

	private readonly budget: RateBudget;

	private readonly clock: Clock;

	private constructor(
		private readonly ctx: AuvikContext,
		private endpoint: ApiEndpoint,
		account: string,
		private readonly options: TransportOptions,
	) {
		this.retry = { ...DEFAULT_RETRY, ...(options.retry ?? {}) };
		this.clock = options.clock ?? realClock;
		const rate = options.rateLimit ?? AUVIK_RATE_LIMIT;
		this.budget = budgetFor(`${account}@${endpoint.hostname}`, rate.limit, rate.windowMs, this.clock);
	}

	/** Reads the credential once and resolves the API root. */
	static async create(ctx: AuvikContext, options: TransportOptions = {}): Promise<AuvikTransport> {
		const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
		const endpoint = endpointFromCredentials(credentials);
		if (typeof endpoint === 'string') {
			throw new NodeOperationError(ctx.getNode(), endpoint, {
				description: 'Fix the Auvik credential (Region / Base URL).',
			});
		}
		return new AuvikTransport(ctx, endpoint, String(credentials.username ?? '').trim(), options);
	}

	get baseUrl(): string {
		return this.endpoint.baseUrl;
	}

	/** Region of the API host in use (after any 308), when it is an Auvik host */
	get region(): string | undefined {
		return this.endpoint.region;
	}

	get node(): INode {
		return this.ctx.getNode();
	}

	/** Sends one request with redirects, retries and the rate budget applied; throws mapped errors. */
	async request(req: AuvikRequest): Promise<AuvikResponse> {
		const query = buildQueryString(req.query);
		const label = req.path;
		const maxRedirects = this.options.maxRedirects ?? 3;
		let attempts = 0;
		let retries = 0;
		let waited = 0;
		let hops = 0;
		for (;;) {
			const slot = await this.budget.acquire();
			attempts++;
			let response: FullResponse;
			try {
				response = await this.send(req.method, `${this.endpoint.baseUrl}${req.path}${query}`);
				slot.release();
			} catch (error) {
				slot.release();
				const timedOut = isTimeout(error);
				// A POST is never re-sent after a transport failure: Auvik may have acted on it.
				if (req.method === 'GET' && retries < this.retry.maxRetries) {
					const delay = backoffDelay(this.retry, retries + 1);
					if (waited + delay <= this.retry.maxTotalWaitMs) {
						retries++;
						waited += delay;
						await this.clock.sleep(delay);
						continue;
					}
				}
				throw buildApiError(this.node, {
					status: 0,
					method: req.method,
					path: label,
					attempts,
					itemIndex: req.itemIndex,
					message: timedOut
						? `Auvik did not answer ${req.method} ${label} within ${Math.round((this.options.timeoutMs ?? 60_000) / 1000)} s`
						: `Could not reach Auvik at ${this.endpoint.hostname} (${networkCode(error)})`,
					extraDescription: timedOut
						? 'Raise the request timeout in Options, or narrow the request (fewer tenants, smaller page size, shorter time range).'
						: 'Check the region or base URL in the credential and the network path from n8n to Auvik.',
				});
			}

			const status = response.statusCode;
			if (status >= 200 && status < 300) {
				return { status, body: parseBody(response.body) };
			}

			if (status === 308 || status === 301 || status === 307) {
				const location = header(response.headers, 'location');
				const target = location ? redirectTarget(this.endpoint, location) : undefined;
				if (!target || hops >= maxRedirects) {
					throw buildApiError(this.node, {
						status,
						method: req.method,
						path: label,
						attempts,
						itemIndex: req.itemIndex,
						body: parseBody(response.body),
						message: !target
							? `Auvik redirected ${req.method} ${label} to ${location ? `"${new URL(location, this.endpoint.baseUrl).host}"` : 'nowhere'}, which is not an Auvik API host; the credentials were not sent there`
							: `Auvik redirected ${req.method} ${label} more than ${maxRedirects} times`,
						extraDescription:
							'Choose the region your account lives in (read it from the address bar of the Auvik dashboard) in the credential.',
					});
				}
				hops++;
				const from = this.endpoint;
				this.endpoint = target;
				const where = target.region ? `region ${target.region}` : target.baseUrl;
				const notice = `Your Auvik account is in ${where}, not ${from.region ?? from.baseUrl}: Auvik answered 308 and the request was sent to ${target.baseUrl}. Update the region in the Auvik credential to save a round trip on every run.`;
				if (!this.notices.includes(notice)) this.notices.push(notice);
				continue;
			}

			const body = parseBody(response.body);
			const retryAfterMs = parseRetryAfter(header(response.headers, 'retry-after'), this.clock.now());
			// POST (dismiss) is retried only when the status proves Auvik did not act on it.
			const mayRetry =
				isRetryableStatus(status) && (req.method === 'GET' || status === 429 || status === 503);
			if (mayRetry && retries < this.retry.maxRetries) {
				const delay = retryAfterMs ?? backoffDelay(this.retry, retries + 1);
				if (waited + delay <= this.retry.maxTotalWaitMs) {
					if (status === 429) this.budget.pauseFor(delay);
					retries++;
					waited += delay;
					await this.clock.sleep(delay);
					continue;
				}
			}
			throw buildApiError(this.node, {
				status,
				method: req.method,
				path: label,
				body,
				attempts,
				retryAfterMs,
				itemIndex: req.itemIndex,
			});
		}
	}

	/**
	 * Walks a JSON:API list page by page. Sends page[first]; takes the cursor from links.next and
	 * re-issues the original request (same filters and tenants) with page[after]. Stops when there
	 * is no next link, when `limit` items are in hand, or if a cursor repeats (then throws).
	 */
	async *paginate(
		req: AuvikRequest,
		opts: { pageSize: number; limit?: number },
	): AsyncGenerator<AuvikPage> {
		const seen = new Set<string>();
		let cursor: string | undefined;
		let got = 0;
		for (;;) {
			const remaining = opts.limit === undefined ? Infinity : opts.limit - got;
			if (remaining <= 0) return;
			const first = Math.max(1, Math.min(opts.pageSize, remaining));
			const { body } = await this.request({
				...req,
				query: { ...(req.query ?? {}), 'page[first]': first, 'page[after]': cursor },
			});
			const envelope = (body && typeof body === 'object' && !Array.isArray(body) ? body : {}) as IDataObject;
			const rawData = envelope.data;
			let data = (Array.isArray(rawData) ? rawData : rawData ? [rawData] : []) as IDataObject[];
			if (data.length > remaining) data = data.slice(0, remaining);
			got += data.length;
			const included = (Array.isArray(envelope.included) ? envelope.included : []) as IDataObject[];
			yield { data, included };

			const next = (envelope.links as IDataObject | undefined)?.next;
			if (typeof next !== 'string' || !next) return;
			let nextCursor: string | null = null;
			try {
				nextCursor = new URL(next, this.endpoint.baseUrl).searchParams.get('page[after]');
			} catch {
				nextCursor = null;
			}
			if (!nextCursor) return;
			if (seen.has(nextCursor)) {
				throw new NodeOperationError(
					this.node,
					`Auvik returned the same page cursor twice while listing ${req.path}; stopped to avoid an endless loop`,
					{ itemIndex: req.itemIndex, description: `${got} items were read before the repeat.` },
				);
			}
			seen.add(nextCursor);
			cursor = nextCursor;
		}
	}

	private async send(method: 'GET' | 'POST', url: string): Promise<FullResponse> {
		const options: IHttpRequestOptions = {
			method,
			url,
			headers: { Accept: 'application/vnd.api+json' },
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			timeout: this.options.timeoutMs ?? 60_000,
		};
		// preAuthenticationRetryStatusCode: [] stops n8n from re-sending after a 401 (one request per bad key).
		return (await this.ctx.helpers.httpRequestWithAuthentication.call(
			this.ctx,
			CREDENTIAL_TYPE,
			options,
			{ preAuthenticationRetryStatusCode: [] } as never,
		)) as FullResponse;
	}
}
