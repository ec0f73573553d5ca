import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** One entry of Auvik's `errors[]` array. */
export interface AuvikErrorEntry {
	status?: string;
	title?: string;
	detail?: string;
	[key: string]: unknown;
}

/** Structured facts every Auvik error carries, so a workflow can branch on them. */
export interface AuvikErrorFacts extends IDataObject {
	/** HTTP status, or 0 when no response arrived (timeout, connection failure) */
	httpCode: number;
	/** Whether trying again later can help (5xx, 408, 429, timeouts, connection failures) */
	retryable: boolean;
	/** Auvik's own error objects, if the response had any */
	auvikErrors: AuvikErrorEntry[];
	/** Method and path of the request, without host, query secrets or headers */
	request: string;
	/** Requests sent for this call, retries included */
	attempts: number;
}

export function isRetryableStatus(status: number): boolean {
	return status === 408 || status === 429 || status >= 500;
}

/** Pulls `errors[]` out of a body of any shape, never throwing. */
export function auvikErrorsOf(body: unknown): AuvikErrorEntry[] {
	if (body && typeof body === 'object' && Array.isArray((body as IDataObject).errors)) {
		return ((body as IDataObject).errors as unknown[]).filter(
			(e): e is AuvikErrorEntry => !!e && typeof e === 'object',
		);
	}
	return [];
}

function detailText(errors: AuvikErrorEntry[], body: unknown): string {
	const parts = errors
		.map((e) => [e.title, e.detail].filter((s) => typeof s === 'string' && s).join(': '))
		.filter(Boolean);
	if (parts.length) return parts.join('; ');
	if (typeof body === 'string' && body.trim()) return body.trim().slice(0, 300);
	return '';
}

function headline(status: number, method: string, path: string): { message: string; fix: string } {
	switch (status) {
		case 400:
			return {
				message: `Auvik rejected the request as invalid (400) for ${method} ${path}`,
				fix: 'Check the parameter or filter Auvik names below (its value, format or enum), then run again. Not retried automatically.',
			};
		case 401:
			return {
				message: 'Auvik did not accept the username or API key (401)',
				fix: "Open the Auvik credential and check the user's e-mail address and API key. Not retried automatically.",
			};
		case 403:
			return {
				message: `Auvik refused access (403) for ${method} ${path}`,
				fix: 'The API user lacks a role permission for this API or is not authorised for one of the tenants in the request. Check its role (e.g. "API Access Only") and tenant access in Auvik. Not retried automatically.',
			};
		case 404:
			return {
				message: `Auvik found nothing at ${method} ${path} (404)`,
				fix: 'Check the ID in the request (device, alert, tenant, ...) and that it belongs to this account. Not retried automatically.',
			};
		case 408:
			return { message: `Auvik timed out answering ${method} ${path} (408)`, fix: 'Try again later, or narrow the request (fewer tenants, smaller page size, shorter time range).' };
		case 429:
			return {
				message: `Auvik is rate-limiting this account (429) on ${method} ${path}`,
				fix: 'Auvik allows about 2500 requests per 5 minutes per account. Wait and run again, or spread workflows out.',
			};
		default:
			if (status >= 500) {
				return {
					message: `Auvik had a problem on its side (${status}) for ${method} ${path}`,
					fix: 'Retried with exponential backoff and still failing. Try again later; narrow statistics requests (fewer tenants, smaller pages, shorter windows) if it keeps timing out. If it persists, contact Auvik support.',
				};
			}
			return { message: `Auvik answered ${status} for ${method} ${path}`, fix: 'Check the request parameters.' };
	}
}

export function failureCause(status: number, retryAfterMs?: number): JsonObject | undefined {
	if (status === 429) return { cause: 'rate-limited', ...(retryAfterMs ? { retryAfterMs } : {}) };
	if (status === 0 || status === 408 || status >= 500) return { cause: 'temporarily-unavailable' };
	if (status === 401) return { cause: 'credential-invalid' };
	if (status === 403 || status === 404 || status === 400) return { cause: 'configuration-invalid' };
	return undefined;
}

/** A NodeApiError that also carries the structured facts (see AuvikErrorFacts). */
export type AuvikApiError = NodeApiError & { auvik: AuvikErrorFacts };

export function buildApiError(
	node: INode,
	args: {
		status: number;
		method: string;
		path: string;
		body?: unknown;
		attempts: number;
		retryAfterMs?: number;
		itemIndex?: number;
		/** Replaces the headline, e.g. for connection failures */
		message?: string;
		extraDescription?: string;
	},
): AuvikApiError {
	const errors = auvikErrorsOf(args.body);
	const head = headline(args.status, args.method, args.path);
	const detail = detailText(errors, args.body);
	const facts: AuvikErrorFacts = {
		httpCode: args.status,
		retryable: args.status === 0 || isRetryableStatus(args.status),
		auvikErrors: errors,
		request: `${args.method} ${args.path}`,
		attempts: args.attempts,
	};
	const description = [
		detail ? `Auvik says: ${detail}` : '',
		args.extraDescription ?? '',
		head.fix,
		args.attempts > 1 ? `(${args.attempts} attempts)` : '',
	]
		.filter(Boolean)
		.join(' ');
	const cause = failureCause(args.status, args.retryAfterMs);
	const options: IDataObject = {
		message: args.message ?? head.message,
		description,
		itemIndex: args.itemIndex,
	};
	if (args.status) options.httpCode = String(args.status);
	if (cause) options.failure = cause;
	const error = new NodeApiError(node, { ...facts } as JsonObject, options) as AuvikApiError;
	error.auvik = facts;
	return error;
}

export function isAuvikApiError(error: unknown): error is AuvikApiError {
	return !!error && typeof error === 'object' && 'auvik' in error && error instanceof NodeApiError;
}
