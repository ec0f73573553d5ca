/**
 * Cursor pagination the way Auvik describes it (JSON:API style):
 *
 *  - forward:  page[first]=N (+ page[after]=<cursor>)
 *  - backward: page[last]=N  (+ page[before]=<cursor>)
 *
 * Cursors are opaque to clients: base64url of "cursor:<offset>:<fingerprint>". The fingerprint
 * is a hash of the request's method, path and every non-page query parameter, so a cursor only
 * works with the query that produced it. Links (`first`, `self`, `next`, `prev`, `last`) are
 * absolute URLs to the simulator and carry ONLY page parameters — filters, tenants and include
 * are not echoed, matching Auvik's documented examples. A client that follows `links.next`
 * verbatim after filtering therefore gets a 400 (cursor/query mismatch) instead of silently
 * unfiltered data; the intended client behaviour is to re-issue its own query plus page[after].
 */
import { badRequest } from './errors';
import { hash32 } from './prng';

export const PAGE_PARAMS = ['page[first]', 'page[after]', 'page[last]', 'page[before]'] as const;

export function isPageParam(name: string): boolean {
	return (PAGE_PARAMS as readonly string[]).includes(name);
}

export interface PageRequest {
	direction: 'forward' | 'backward';
	size: number;
	/** Position decoded from page[after] / page[before]; undefined = start (forward) or end (backward). */
	cursor?: number;
}

export interface PageLinks {
	first: string;
	self: string;
	last: string;
	next?: string;
	prev?: string;
}

export interface Page<T> {
	items: T[];
	links: PageLinks;
	totalPages: number;
}

/** Hash of everything in the request that defines the result set (page params excluded). */
export function queryFingerprint(
	method: string,
	path: string,
	query: Record<string, string>,
): string {
	const parts = Object.keys(query)
		.filter((k) => !isPageParam(k))
		.sort()
		.map((k) => `${k}=${query[k]}`);
	return hash32(method, path, ...parts)
		.toString(16)
		.padStart(8, '0');
}

export function encodeCursor(offset: number, fingerprint: string): string {
	return Buffer.from(`cursor:${offset}:${fingerprint}`, 'utf8').toString('base64url');
}

/** Offset from a cursor; 400 when it is not one of ours or belongs to another query. */
export function decodeCursor(cursor: string, fingerprint: string, param: string): number {
	const text = /^[A-Za-z0-9_-]+={0,2}$/.test(cursor)
		? Buffer.from(cursor, 'base64url').toString('utf8')
		: '';
	const match = /^cursor:(\d{1,9}):([0-9a-f]{8})$/.exec(text);
	if (!match) throw badRequest(`Invalid ${param} cursor '${cursor}'.`);
	if (match[2] !== fingerprint) {
		throw badRequest(
			`The ${param} cursor does not belong to this query: send the same filters, tenants and path parameters as the request that returned it.`,
		);
	}
	return Number(match[1]);
}

function parseSize(
	query: Record<string, string>,
	name: string,
	defaultSize: number,
	maxSize: number,
): number {
	const raw = query[name];
	if (raw === undefined) return defaultSize;
	if (!/^\d+$/.test(raw) || Number(raw) < 1)
		throw badRequest(`${name} must be a positive integer, got '${raw}'.`);
	const size = Number(raw);
	if (size > maxSize) throw badRequest(`${name} must not exceed ${maxSize}, got ${size}.`);
	return size;
}

/** Read the page parameters of a paged request (page params were already checked to be allowed). */
export function parsePage(
	query: Record<string, string>,
	defaultSize: number,
	maxSize: number,
	fingerprint: string,
): PageRequest {
	const forward = query['page[first]'] !== undefined || query['page[after]'] !== undefined;
	const backward = query['page[last]'] !== undefined || query['page[before]'] !== undefined;
	if (forward && backward) {
		throw badRequest('Use either page[first]/page[after] or page[last]/page[before], not both.');
	}
	if (backward) {
		const size = parseSize(query, 'page[last]', defaultSize, maxSize);
		const raw = query['page[before]'];
		return {
			direction: 'backward',
			size,
			cursor: raw === undefined ? undefined : decodeCursor(raw, fingerprint, 'page[before]'),
		};
	}
	const size = parseSize(query, 'page[first]', defaultSize, maxSize);
	const raw = query['page[after]'];
	return {
		direction: 'forward',
		size,
		cursor: raw === undefined ? undefined : decodeCursor(raw, fingerprint, 'page[after]'),
	};
}

/** Cut one page out of the full (already filtered) result and build its links. */
export function paginate<T>(
	all: T[],
	page: PageRequest,
	fingerprint: string,
	linkBase: string,
): Page<T> {
	const total = all.length;
	let start: number;
	let end: number;
	if (page.direction === 'forward') {
		start = Math.min(page.cursor ?? 0, total);
		end = Math.min(start + page.size, total);
	} else {
		end = Math.min(page.cursor ?? total, total);
		start = Math.max(0, end - page.size);
	}
	const url = (params: Array<[string, string | number]>): string =>
		`${linkBase}?${params.map(([k, v]) => `${k}=${v}`).join('&')}`;

	const selfParams: Array<[string, string | number]> =
		page.direction === 'forward'
			? [
					['page[first]', page.size],
					...(page.cursor === undefined
						? []
						: [['page[after]', encodeCursor(start, fingerprint)] as [string, string]]),
				]
			: [
					['page[last]', page.size],
					...(page.cursor === undefined
						? []
						: [['page[before]', encodeCursor(end, fingerprint)] as [string, string]]),
				];

	const links: PageLinks = {
		first: url([['page[first]', page.size]]),
		self: url(selfParams),
		last: url([['page[last]', page.size]]),
	};
	if (end < total)
		links.next = url([
			['page[first]', page.size],
			['page[after]', encodeCursor(end, fingerprint)],
		]);
	if (start > 0)
		links.prev = url([
			['page[last]', page.size],
			['page[before]', encodeCursor(start, fingerprint)],
		]);
	return { items: all.slice(start, end), links, totalPages: Math.ceil(total / page.size) };
}
