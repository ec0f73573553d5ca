/**
 * Request validation driven by the derived contract (CONTRACT): path matching, path-parameter
 * enums, and query parameters (unknown names, duplicates, empty values, enums, formats,
 * required ones). Anything that needs the simulator's state (tenant IDs, entity IDs) is checked
 * later by the route handlers.
 */
import type { ContractOperation, ContractQueryParam } from '../../nodes/Auvik/catalogue/types';
import { CONTRACT } from '../../nodes/Auvik/catalogue/contract.generated';
import { ApiError, badRequest } from './errors';
import { isPageParam } from './paging';
import { COMPONENT_STAT_IDS } from './stats';

// ---------------------------------------------------------------------------------------------
// Routing
// ---------------------------------------------------------------------------------------------

interface CompiledRoute {
	op: ContractOperation;
	/** Template split on "/", e.g. ['v1','inventory','device','info','{id}'] */
	segments: string[];
	literalCount: number;
}

const ROUTES: CompiledRoute[] = Object.values(CONTRACT).map((op) => {
	const segments = op.path.split('/').filter(Boolean);
	return { op, segments, literalCount: segments.filter((s) => !s.startsWith('{')).length };
});

export interface RouteMatch {
	op: ContractOperation;
	pathParams: Record<string, string>;
}

/**
 * Find the operation for a method and (still percent-encoded) path. Literal segments win over
 * parameters, so /v1/inventory/device/detail/extended is not read as detail/{id}.
 * Throws 404 for unknown paths and 405 when the path exists with another method.
 */
export function matchRoute(method: string, rawPath: string): RouteMatch {
	// strict: a leading slash, no empty segments (no trailing or doubled slashes)
	const parts = rawPath.split('/').slice(1);
	if (!rawPath.startsWith('/') || parts.some((p) => p === ''))
		throw new ApiError(404, `No API resource at ${rawPath}.`);
	let best: { route: CompiledRoute; params: Record<string, string> } | undefined;
	let otherMethods = false;
	for (const route of ROUTES) {
		if (route.segments.length !== parts.length) continue;
		const params: Record<string, string> = {};
		let ok = true;
		for (let i = 0; i < parts.length && ok; i++) {
			const seg = route.segments[i];
			if (seg.startsWith('{')) {
				let value: string;
				try {
					value = decodeURIComponent(parts[i]);
				} catch {
					ok = false;
					break;
				}
				params[seg.slice(1, -1)] = value;
			} else if (seg !== parts[i]) {
				ok = false;
			}
		}
		if (!ok) continue;
		if (route.op.method !== method) {
			otherMethods = true;
			continue;
		}
		if (!best || route.literalCount > best.route.literalCount) best = { route, params };
	}
	if (best) return { op: best.route.op, pathParams: best.params };
	if (otherMethods) throw new ApiError(405, `Method ${method} is not allowed on ${rawPath}.`);
	throw new ApiError(404, `No API resource at ${rawPath}.`);
}

// ---------------------------------------------------------------------------------------------
// Formats
// ---------------------------------------------------------------------------------------------

/** true when the Y-M-D h:m:s parts form a real calendar moment. */
function realDate(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): boolean {
	const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
	return (
		date.getUTCFullYear() === y &&
		date.getUTCMonth() === mo - 1 &&
		date.getUTCDate() === d &&
		date.getUTCHours() === h &&
		date.getUTCMinutes() === mi &&
		date.getUTCSeconds() === s
	);
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?Z$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const SNMP_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

function matchesDate(re: RegExp, value: string): boolean {
	const m = re.exec(value);
	if (!m) return false;
	const n = m.slice(1, 7).map((x) => (x === undefined ? 0 : Number(x)));
	return realDate(n[0], n[1], n[2], n[3], n[4], n[5]);
}

/** Milliseconds of a value already validated as dateTime, date or snmpDateTime (all UTC). */
export function parseTime(value: string): number {
	if (SNMP_DATE_TIME.test(value)) return Date.parse(`${value.replace(' ', 'T')}Z`);
	if (DATE.test(value)) return Date.parse(`${value}T00:00:00Z`);
	return Date.parse(value);
}

/** Parameters whose value may be a comma-joined list of enum members. */
function acceptsList(param: ContractQueryParam): boolean {
	return param.name === 'include' || param.name.startsWith('fields[');
}

function checkValue(param: ContractQueryParam, value: string): void {
	const name = param.name;
	switch (param.type) {
		case 'boolean':
			if (value !== 'true' && value !== 'false') {
				throw badRequest(`Invalid value '${value}' for ${name}: expected true or false.`);
			}
			return;
		case 'number':
			if (!/^-?\d+(\.\d+)?$/.test(value))
				throw badRequest(`Invalid value '${value}' for ${name}: expected a number.`);
			return;
		case 'dateTime':
			if (!matchesDate(DATE_TIME, value)) {
				throw badRequest(
					`Invalid value '${value}' for ${name}: expected an ISO-8601 timestamp YYYY-MM-DDTHH:MM:SS.sssZ.`,
				);
			}
			return;
		case 'date':
			if (!matchesDate(DATE, value))
				throw badRequest(`Invalid value '${value}' for ${name}: expected a date YYYY-MM-DD.`);
			return;
		case 'snmpDateTime':
			if (!matchesDate(SNMP_DATE_TIME, value)) {
				throw badRequest(
					`Invalid value '${value}' for ${name}: expected YYYY-MM-DD HH:MM:SS (UTC).`,
				);
			}
			return;
		case 'options':
		case 'string':
			if (param.enum) {
				const values = acceptsList(param) ? value.split(',') : [value];
				for (const v of values) {
					if (!param.enum.includes(v)) {
						throw badRequest(
							`Invalid value '${v}' for ${name}: must be one of ${param.enum.join(', ')}.`,
						);
					}
				}
			}
			return;
	}
}

// ---------------------------------------------------------------------------------------------
// Whole-request validation
// ---------------------------------------------------------------------------------------------

/**
 * Check path parameters and the query of a matched request; returns the query as a plain record.
 * `entries` is the decoded query in wire order (duplicates kept so they can be rejected).
 */
export function validateRequest(
	op: ContractOperation,
	pathParams: Record<string, string>,
	entries: Array<[string, string]>,
): Record<string, string> {
	for (const p of op.pathParams) {
		const value = pathParams[p.name];
		if (value === undefined || value === '') throw badRequest(`Missing path parameter ${p.name}.`);
		if (p.enum && !p.enum.includes(value)) {
			throw badRequest(`Invalid ${p.name} '${value}': must be one of ${p.enum.join(', ')}.`);
		}
	}
	if (op.operationId === 'readComponentStatistics') {
		const allowed = COMPONENT_STAT_IDS[pathParams.componentType] ?? [];
		if (!allowed.includes(pathParams.statId)) {
			throw badRequest(
				`Invalid statId '${pathParams.statId}' for componentType '${pathParams.componentType}': must be one of ${allowed.join(', ')}.`,
			);
		}
	}

	const query: Record<string, string> = {};
	for (const [name, value] of entries) {
		if (Object.prototype.hasOwnProperty.call(query, name)) {
			throw badRequest(
				`Query parameter ${name} was given more than once; send one comma-separated value instead.`,
			);
		}
		if (value === '') throw badRequest(`Query parameter ${name} has an empty value.`);
		if (isPageParam(name)) {
			if (!op.paged)
				throw badRequest(
					`Unknown query parameter '${name}': ${op.method} ${op.path} is not paginated.`,
				);
		} else {
			const param = op.query.find((q) => q.name === name);
			if (!param)
				throw badRequest(`Unknown query parameter '${name}' for ${op.method} ${op.path}.`);
			checkValue(param, value);
		}
		query[name] = value;
	}
	for (const param of op.query) {
		if (param.required && query[param.name] === undefined) {
			throw badRequest(`Missing required query parameter ${param.name}.`);
		}
	}
	return query;
}
