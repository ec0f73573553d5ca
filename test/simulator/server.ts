/**
 * The HTTP side of the simulator: a node:http server on loopback that records every request,
 * applies injected faults, checks Basic auth and rate limits, routes through the contract and
 * writes JSON:API answers (application/vnd.api+json).
 *
 * Order of processing for each request:
 *   record -> read body -> slowNext delay -> redirectAll (308) -> failNext/dropNext
 *   -> rate limit (429) -> auth (401) -> route (404/405) -> validate (400/403) -> handler
 * and every answer, including faults and errors, waits latencyMs (+ any slow/fail delay) first.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
	alertDefinitionId,
	compareAlerts,
	generateData,
	type AlertEntityRef,
	type AlertRecord,
	type SimData,
} from './data';
import { ApiError, errorBody } from './errors';
import { parsePage, queryFingerprint } from './paging';
import { handlerFor, type RequestContext, type RouteResult } from './routes';
import {
	buildIndex,
	resolveOptions,
	type ResolvedOptions,
	type SimIndex,
	type SimState,
	type SimulatorOptions,
} from './state';
import { matchRoute, validateRequest } from './validate';

export const CONTENT_TYPE = 'application/vnd.api+json';

export interface RecordedRequest {
	method: string;
	/** Path as received (still percent-encoded), without the query. */
	path: string;
	/** Decoded query parameters (first value when a name repeats). */
	query: Record<string, string>;
	/** Whether the Authorization header carried the accepted credentials. */
	authOk: boolean;
	/** Raw Authorization header, when one was sent. */
	authHeader?: string;
	/** Status answered; 0 while pending and for dropped connections. */
	status: number;
	/** Arrival time (real clock, ms). */
	at: number;
	/** Path plus query exactly as received. */
	url: string;
	/** Whether dropNext destroyed the connection instead of answering. */
	dropped?: boolean;
	/** Sequence number of the request on this simulator (also sent as x-request-id: sim-<seq>). */
	seq: number;
}

/** Which requests a fault applies to: a string is a path prefix; a RegExp is tested against the
 * decoded "path?query" of the request. Omitted = every request. */
export type PathMatcher = RegExp | string;

export interface FailOptions {
	status: number;
	/** How many matching requests fail (default 1). */
	count?: number;
	path?: PathMatcher;
	/** Value of a Retry-After header (e.g. "2" or an HTTP date). */
	retryAfter?: string;
	/** Body to send instead of the default errors[] body; strings are sent as text. */
	body?: unknown;
	/** Extra delay before the failure is answered. */
	delayMs?: number;
}

export interface DropOptions {
	count?: number;
	path?: PathMatcher;
}

export interface SlowOptions {
	delayMs: number;
	count?: number;
	path?: PathMatcher;
}

/** What addAlert accepts; everything is optional. */
export interface AddAlertInput {
	id?: string;
	/** Client tenant (default: the entity's tenant, else the first client tenant). */
	tenantId?: string;
	/** Device, interface or network ID the alert is about (default: first device of the tenant). */
	entityId?: string;
	name?: string;
	description?: string;
	severity?: string;
	/** Default 'created'; use 'resolved' with relatedAlertId for a clearing alert. */
	status?: string;
	/** ISO string, ms or Date (default: simulator now). */
	detectedOn?: string | number | Date;
	dismissed?: boolean;
	dispatched?: boolean;
	alertDefinitionId?: string;
	specificationId?: string;
	/** Link this alert and an existing one both ways (trigger <-> clearing alert). */
	relatedAlertId?: string;
	externalTicket?: Array<{ id: string; system: string }>;
}

export interface Simulator {
	/** e.g. http://127.0.0.1:43123 */
	readonly url: string;
	readonly port: number;
	/** Every request in arrival order (cleared in place by resetRequests). */
	readonly requests: RecordedRequest[];
	/** The generated entities (mutated by addAlert and dismiss). */
	readonly data: SimData;
	/** Lookup tables over data. */
	readonly index: SimIndex;
	/** Options after defaults. */
	readonly options: ResolvedOptions;
	/** Accepted credentials and the matching header value. */
	readonly credentials: { username: string; apiKey: string; authorization: string };
	resetRequests(): void;
	/** Answer the next `count` matching requests with `status` (FIFO with dropNext). */
	failNext(opts: FailOptions): void;
	/** Destroy the socket of the next `count` matching requests without answering. */
	dropNext(opts?: DropOptions): void;
	/** Delay the next `count` matching requests by delayMs (independent of failNext/dropNext). */
	slowNext(opts: SlowOptions): void;
	/** Answer every request with 308 and Location = target + original path and query; null = off. */
	redirectAll(targetBaseUrl: string | null): void;
	/** Requests naming this tenant (tenants/tenant param) or reading its records answer 403. */
	forbidTenant(tenantId: string): void;
	allowTenant(tenantId: string): void;
	/** Forget pending fail/drop/slow faults, the redirect and forbidden tenants. */
	clearFaults(): void;
	/** Insert an alert (kept in detectedOn order) and return it. */
	addAlert(input?: AddAlertInput): AlertRecord;
	/** Fix the simulator clock (ms); null returns to real time. */
	setNow(ms: number | null): void;
	/** Move the simulator clock forward (fixing it if it was real time). */
	advanceTime(ms: number): void;
	/** Current simulator clock (ms). */
	now(): number;
	close(): Promise<void>;
}

interface AnswerFault {
	kind: 'fail' | 'drop';
	remaining: number;
	path?: PathMatcher;
	fail?: FailOptions;
}

interface SlowFault {
	remaining: number;
	path?: PathMatcher;
	delayMs: number;
}

function matches(matcher: PathMatcher | undefined, path: string, decodedTarget: string): boolean {
	if (matcher === undefined) return true;
	if (typeof matcher === 'string') return path === matcher || path.startsWith(matcher);
	matcher.lastIndex = 0;
	return matcher.test(decodedTarget);
}

/** Take one use of the first (oldest) matching fault in a queue. */
function takeFault<T extends { remaining: number; path?: PathMatcher }>(
	queue: T[],
	path: string,
	target: string,
): T | undefined {
	const index = queue.findIndex((f) => matches(f.path, path, target));
	if (index < 0) return undefined;
	const fault = queue[index];
	fault.remaining -= 1;
	if (fault.remaining <= 0) queue.splice(index, 1);
	return fault;
}

function safeDecode(text: string): string {
	try {
		return decodeURIComponent(text.replace(/\+/g, ' '));
	} catch {
		return text;
	}
}

export async function startSimulator(userOptions: SimulatorOptions = {}): Promise<Simulator> {
	const options = resolveOptions(userOptions);
	let nowOverride: number | undefined = options.now;
	const now = (): number => nowOverride ?? Date.now();

	const data = generateData({
		seed: options.seed,
		tenants: options.tenants,
		devicesPerTenant: options.devicesPerTenant,
		alertsPerTenant: options.alertsPerTenant,
		now: now(),
		topDomainPrefix: options.topDomainPrefix,
	});
	const index = buildIndex(data);
	const forbiddenTenants = new Set<string>();
	const requests: RecordedRequest[] = [];
	const answerFaults: AnswerFault[] = [];
	const slowFaults: SlowFault[] = [];
	let redirectTarget: string | null = null;
	/** Arrival times of requests that passed the rate limiter (sliding window). */
	const accepted: number[] = [];
	const timers = new Set<NodeJS.Timeout>();
	let requestCounter = 0;
	let alertCounter = 0;
	let closed = false;

	const authorization = `Basic ${Buffer.from(`${options.username}:${options.apiKey}`, 'utf8').toString('base64')}`;
	const state: { -readonly [K in keyof SimState]: SimState[K] } = {
		options,
		data,
		index,
		forbiddenTenants,
		baseUrl: '',
		now,
	};

	const sleep = (ms: number): Promise<void> =>
		ms <= 0
			? Promise.resolve()
			: new Promise((resolve) => {
					const timer = setTimeout(() => {
						timers.delete(timer);
						resolve();
					}, ms);
					timers.add(timer);
				});

	function checkAuth(header: string | undefined): boolean {
		if (!header) return false;
		const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
		if (!m) return false;
		const decoded = Buffer.from(m[1], 'base64').toString('utf8');
		const colon = decoded.indexOf(':');
		if (colon < 0) return false;
		return (
			decoded.slice(0, colon) === options.username && decoded.slice(colon + 1) === options.apiKey
		);
	}

	/** Sliding-window limiter; returns the Retry-After seconds when the request must be refused. */
	function rateLimited(): number | undefined {
		const limit = options.rateLimit;
		if (!limit) return undefined;
		const t = Date.now();
		while (accepted.length > 0 && accepted[0] <= t - limit.windowMs) accepted.shift();
		if (accepted.length >= limit.limit)
			return Math.max(1, Math.ceil((accepted[0] + limit.windowMs - t) / 1000));
		accepted.push(t);
		return undefined;
	}

	/** Route, validate and run the handler for an authenticated request. */
	function dispatch(method: string, path: string, rawQuery: string): RouteResult {
		const { op, pathParams } = matchRoute(method, path);
		const entries = [...new URLSearchParams(rawQuery).entries()];
		const query = validateRequest(op, pathParams, entries);
		const fingerprint = queryFingerprint(method, path, query);
		const ctx: RequestContext = {
			sim: state,
			op,
			pathParams,
			query,
			fingerprint,
			linkBase: `${state.baseUrl}${path}`,
		};
		if (op.paged) {
			const v2 = op.apiVersion === 'v2';
			const defaultSize = op.defaultPageSize ?? (v2 ? 1000 : 100);
			ctx.page = parsePage(
				query,
				defaultSize,
				v2 ? options.pageMaxV2 : options.pageMax,
				fingerprint,
			);
		}
		return handlerFor(op.operationId)(ctx);
	}

	function write(
		res: http.ServerResponse,
		record: RecordedRequest,
		status: number,
		body: unknown,
		headers: Record<string, string> = {},
	): void {
		record.status = status;
		if (res.destroyed || res.writableEnded) return;
		let payload = '';
		let contentType = CONTENT_TYPE;
		if (typeof body === 'string') {
			payload = body;
			contentType = body.trimStart().startsWith('<')
				? 'text/html; charset=utf-8'
				: 'text/plain; charset=utf-8';
		} else if (body !== undefined) {
			payload = JSON.stringify(body);
		}
		res.writeHead(status, {
			'content-type': contentType,
			'content-length': String(Buffer.byteLength(payload)),
			'x-request-id': `sim-${record.seq}`,
			...headers,
		});
		res.end(payload);
	}

	async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		requestCounter++;
		const rawUrl = req.url ?? '/';
		const q = rawUrl.indexOf('?');
		const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
		const rawQuery = q < 0 ? '' : rawUrl.slice(q + 1);
		const method = (req.method ?? 'GET').toUpperCase();
		const authHeader = req.headers.authorization;
		const recordedQuery: Record<string, string> = {};
		for (const [k, v] of new URLSearchParams(rawQuery))
			if (!(k in recordedQuery)) recordedQuery[k] = v;
		const record: RecordedRequest = {
			method,
			path,
			query: recordedQuery,
			authOk: checkAuth(authHeader),
			authHeader,
			status: 0,
			at: Date.now(),
			url: rawUrl,
			seq: requestCounter,
		};
		requests.push(record);

		// read (and ignore) any body before answering
		await new Promise<void>((resolve) => {
			req.on('data', () => undefined);
			req.on('end', resolve);
			req.on('error', () => resolve());
		});

		const decodedTarget = safeDecode(rawUrl);
		let delay = options.latencyMs;
		const slow = takeFault(slowFaults, path, decodedTarget);
		if (slow) delay += slow.delayMs;

		if (redirectTarget !== null) {
			const location = `${redirectTarget.replace(/\/+$/, '')}${rawUrl}`;
			await sleep(delay);
			write(
				res,
				record,
				308,
				errorBody(
					308,
					`This account is served from another cluster: ${redirectTarget}`,
					'Permanent Redirect',
				),
				{ location },
			);
			return;
		}

		const fault = takeFault(answerFaults, path, decodedTarget);
		if (fault?.kind === 'drop') {
			await sleep(delay);
			record.dropped = true;
			req.socket.destroy();
			return;
		}
		if (fault?.kind === 'fail' && fault.fail) {
			const f = fault.fail;
			await sleep(delay + (f.delayMs ?? 0));
			const headers: Record<string, string> = {};
			if (f.retryAfter !== undefined) headers['retry-after'] = f.retryAfter;
			write(
				res,
				record,
				f.status,
				f.body !== undefined ? f.body : errorBody(f.status, `Simulated failure (${f.status}).`),
				headers,
			);
			return;
		}

		let status: number;
		let body: unknown;
		let headers: Record<string, string> = {};
		const retryAfter = rateLimited();
		if (retryAfter !== undefined) {
			status = 429;
			body = errorBody(
				429,
				`Rate limit of ${options.rateLimit?.limit} requests per ${options.rateLimit?.windowMs} ms exceeded.`,
			);
			headers = { 'retry-after': String(retryAfter) };
		} else if (!record.authOk) {
			status = 401;
			body = errorBody(
				401,
				authHeader
					? 'Invalid username or API key.'
					: 'Missing Authorization header: use HTTP Basic with the Auvik username and API key.',
			);
		} else {
			try {
				const result = dispatch(method, path, rawQuery);
				status = result.status;
				body = result.body;
			} catch (err) {
				if (err instanceof ApiError) {
					status = err.status;
					body = err.body();
					headers = err.headers;
				} else {
					status = 500;
					body = errorBody(500, `Simulator error: ${(err as Error)?.message ?? String(err)}`);
				}
			}
		}
		await sleep(delay);
		write(res, record, status, body, headers);
	}

	const server = http.createServer((req, res) => {
		handle(req, res).catch((err) => {
			if (!res.headersSent && !res.destroyed) {
				res.writeHead(500, { 'content-type': CONTENT_TYPE });
				res.end(
					JSON.stringify(
						errorBody(500, `Simulator error: ${(err as Error)?.message ?? String(err)}`),
					),
				);
			}
		});
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, options.host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address() as AddressInfo;
	const hostForUrl =
		options.host === '0.0.0.0' || options.host === '::'
			? '127.0.0.1'
			: options.host.includes(':')
				? `[${options.host}]`
				: options.host;
	const url = `http://${hostForUrl}:${address.port}`;
	state.baseUrl = url;

	function addAlert(input: AddAlertInput = {}): AlertRecord {
		const related =
			input.relatedAlertId !== undefined ? index.alerts.get(input.relatedAlertId) : undefined;
		if (input.relatedAlertId !== undefined && !related)
			throw new Error(`addAlert: unknown relatedAlertId ${input.relatedAlertId}`);

		// entity: explicit ID, else the related alert's, else the tenant's first device
		let entity: AlertEntityRef | undefined;
		if (input.entityId !== undefined) {
			const d = index.devices.get(input.entityId);
			const i = index.interfaces.get(input.entityId);
			const n = index.networks.get(input.entityId);
			if (d) entity = { type: 'device', id: d.id, name: d.deviceName };
			else if (i) entity = { type: 'interface', id: i.id, name: i.interfaceName };
			else if (n) entity = { type: 'network', id: n.id, name: n.networkName };
			else throw new Error(`addAlert: unknown entityId ${input.entityId}`);
		} else if (related) {
			entity = { ...related.entity };
		}
		const entityTenant = entity
			? (
					index.devices.get(entity.id) ??
					index.interfaces.get(entity.id) ??
					index.networks.get(entity.id)
				)?.tenantId
			: undefined;
		const tenantId =
			input.tenantId ?? entityTenant ?? related?.tenantId ?? data.clientTenants[0]?.id;
		const tenant = tenantId !== undefined ? index.tenants.get(tenantId) : undefined;
		if (!tenant) throw new Error(`addAlert: unknown tenant ${String(tenantId)}`);
		if (!entity) {
			const d = data.devices.find((x) => x.tenantId === tenant.id);
			if (!d) throw new Error(`addAlert: tenant ${tenant.id} has no devices`);
			entity = { type: 'device', id: d.id, name: d.deviceName };
		}

		let id: string;
		if (input.id !== undefined) {
			if (index.alerts.has(input.id)) throw new Error(`addAlert: id ${input.id} already exists`);
			id = input.id;
		} else {
			do {
				alertCounter++;
				id = Buffer.from(`alert,${options.seed},added,${alertCounter}`, 'utf8').toString(
					'base64url',
				);
			} while (index.alerts.has(id));
		}
		const detected =
			input.detectedOn === undefined
				? now()
				: input.detectedOn instanceof Date
					? input.detectedOn.getTime()
					: typeof input.detectedOn === 'number'
						? input.detectedOn
						: Date.parse(input.detectedOn);
		if (Number.isNaN(detected))
			throw new Error(`addAlert: invalid detectedOn ${String(input.detectedOn)}`);
		const name = input.name ?? related?.name ?? 'Device Offline';
		const status = input.status ?? 'created';
		const alert: AlertRecord = {
			id,
			tenantId: tenant.id,
			name,
			description:
				input.description ?? `${name}${status === 'resolved' ? ' cleared' : ''} on ${entity.name}`,
			severity: input.severity ?? related?.severity ?? 'warning',
			status,
			alertDefinitionId:
				input.alertDefinitionId ?? related?.alertDefinitionId ?? alertDefinitionId(tenant, name),
			specificationId: input.specificationId ?? related?.specificationId ?? '-301',
			detectedOn: new Date(detected).toISOString(),
			dismissed: input.dismissed ?? false,
			dispatched: input.dispatched ?? true,
			entity,
			externalTicket: input.externalTicket ?? [],
		};
		if (related) {
			alert.relatedAlertId = related.id;
			related.relatedAlertId = alert.id;
		}
		// keep data.alerts ordered oldest first: insert after the last alert that sorts before it
		let at = data.alerts.length;
		while (at > 0 && compareAlerts(data.alerts[at - 1], alert) > 0) at--;
		data.alerts.splice(at, 0, alert);
		index.alerts.set(alert.id, alert);
		return alert;
	}

	const simulator: Simulator = {
		url,
		port: address.port,
		requests,
		data,
		index,
		options,
		credentials: { username: options.username, apiKey: options.apiKey, authorization },
		resetRequests: () => {
			requests.length = 0;
		},
		failNext: (opts) => {
			answerFaults.push({ kind: 'fail', remaining: opts.count ?? 1, path: opts.path, fail: opts });
		},
		dropNext: (opts = {}) => {
			answerFaults.push({ kind: 'drop', remaining: opts.count ?? 1, path: opts.path });
		},
		slowNext: (opts) => {
			slowFaults.push({ remaining: opts.count ?? 1, path: opts.path, delayMs: opts.delayMs });
		},
		redirectAll: (target) => {
			redirectTarget = target;
		},
		forbidTenant: (tenantId) => {
			forbiddenTenants.add(tenantId);
		},
		allowTenant: (tenantId) => {
			forbiddenTenants.delete(tenantId);
		},
		clearFaults: () => {
			answerFaults.length = 0;
			slowFaults.length = 0;
			redirectTarget = null;
			forbiddenTenants.clear();
		},
		addAlert,
		setNow: (ms) => {
			nowOverride = ms === null ? undefined : ms;
		},
		advanceTime: (ms) => {
			nowOverride = now() + ms;
		},
		now,
		close: async () => {
			if (closed) return;
			closed = true;
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
		},
	};
	return simulator;
}
