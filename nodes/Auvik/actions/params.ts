/** Reads node parameters for one item and turns them into Auvik query values, validating as it goes. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CatalogueEntry, ContractQueryParam } from '../catalogue';
import { fieldName, labelOf } from '../catalogue';

export type Query = Record<string, string | undefined>;

function invalid(ctx: IExecuteFunctions, itemIndex: number, message: string, description?: string): never {
	throw new NodeOperationError(ctx.getNode(), message, { itemIndex, description });
}

/** Accepts an ISO string, a JS Date, a Luxon DateTime or epoch ms; returns a Date or undefined. */
export function toDate(value: unknown): Date | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
	if (typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		return toDate((value as { toISO(): string }).toISO());
	}
	if (typeof value === 'number') return new Date(value);
	const text = String(value).trim();
	// A date-time without zone from the n8n picker is taken as UTC, like Auvik's own timestamps
	const withZone = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text) ? `${text.replace(' ', 'T')}Z` : text;
	const date = new Date(withZone);
	return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Formats one value for the wire according to its contract type; throws a message naming the field. */
export function formatQueryValue(
	ctx: IExecuteFunctions,
	itemIndex: number,
	q: ContractQueryParam,
	value: unknown,
): string | undefined {
	const label = labelOf(fieldName(q.name));
	if (value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length)) {
		if (q.required) invalid(ctx, itemIndex, `"${label}" is required`, `Set ${label} (sent to Auvik as ${q.name}).`);
		return undefined;
	}
	switch (q.type) {
		case 'boolean': {
			if (typeof value === 'boolean') return String(value);
			const text = String(value).toLowerCase();
			if (text === 'true' || text === 'false') return text;
			return invalid(ctx, itemIndex, `"${label}" must be true or false, got "${String(value)}"`);
		}
		case 'number': {
			const n = Number(value);
			if (!Number.isFinite(n)) invalid(ctx, itemIndex, `"${label}" must be a number, got "${String(value)}"`);
			return String(n);
		}
		case 'dateTime':
		case 'date':
		case 'snmpDateTime': {
			if (q.type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.trim())) return value.trim();
			const date = toDate(value);
			if (!date) {
				return invalid(ctx, itemIndex, `"${label}" is not a valid date: "${String(value)}"`, 'Use an ISO 8601 date such as 2024-01-31T00:00:00Z, or pick one with the date picker.');
			}
			const iso = date.toISOString();
			if (q.type === 'date') return iso.slice(0, 10);
			if (q.type === 'snmpDateTime') return iso.slice(0, 19).replace('T', ' ');
			return iso;
		}
		case 'options': {
			const values = (Array.isArray(value) ? value : String(value).split(',')).map((v) => String(v).trim()).filter(Boolean);
			const allowed = q.enum ?? [];
			const bad = values.filter((v) => allowed.length && !allowed.includes(v));
			if (bad.length) {
				invalid(ctx, itemIndex, `"${label}" has a value Auvik does not accept: "${bad.join('", "')}"`, `Allowed values: ${allowed.join(', ')}.`);
			}
			return values.join(',');
		}
		default:
			return Array.isArray(value) ? value.map(String).join(',') : String(value).trim();
	}
}

/** Tenant IDs from the multi-select or an expression (array, comma-separated string or number). */
export function tenantIds(value: unknown): string[] {
	const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : String(value).split(',');
	return [...new Set(list.map((v) => String(v).trim()).filter(Boolean))];
}

/** Required query fields and Filters of an entry, formatted for the wire. */
export function buildQuery(ctx: IExecuteFunctions, entry: CatalogueEntry, itemIndex: number, skip: Set<string> = new Set()): Query {
	const query: Query = {};
	for (const q of entry.requiredQuery) {
		if (skip.has(q.name)) continue;
		query[q.name] = formatQueryValue(ctx, itemIndex, q, ctx.getNodeParameter(fieldName(q.name), itemIndex, undefined));
	}
	if (entry.filters.length) {
		const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const byField = new Map(entry.filters.map((q) => [fieldName(q.name), q]));
		for (const [key, value] of Object.entries(filters)) {
			const q = byField.get(key);
			if (!q || skip.has(q.name)) continue;
			query[q.name] = formatQueryValue(ctx, itemIndex, q, value);
		}
	}
	if (entry.tenants) {
		const ids = tenantIds(ctx.getNodeParameter(entry.tenants, itemIndex, entry.tenants === 'tenants' ? [] : ''));
		const required = entry.contract.query.some((q) => q.name === entry.tenants && q.required);
		if (required && !ids.length) {
			invalid(ctx, itemIndex, `"Tenant Names or IDs" is required for ${entry.action.toLowerCase()}`, 'Pick at least one tenant: Auvik needs the tenants parameter for this operation.');
		}
		if (entry.tenants === 'tenant' && ids.length > 1) {
			invalid(ctx, itemIndex, `The v2 device list takes one tenant, got ${ids.length}`, 'Choose the parent tenant: its child tenants are included automatically.');
		}
		if (ids.length) query[entry.tenants] = ids.join(',');
	}
	return query;
}

/** Path with its {params} filled from the node parameters (resource locators resolved). */
export function buildPath(ctx: IExecuteFunctions, entry: CatalogueEntry, itemIndex: number): string {
	let path = entry.contract.path;
	for (const p of entry.contract.pathParams) {
		const raw = ctx.getNodeParameter(p.name, itemIndex, '', { extractValue: true }) as unknown;
		const value = String(raw ?? '').trim();
		const label = labelOf(p.name === 'id' ? `${entry.resource}Id` : p.name);
		if (!value) invalid(ctx, itemIndex, `"${label}" is empty`, `Enter the ${label} to read, or pick one from the list.`);
		if (p.enum && !p.enum.includes(value)) {
			invalid(ctx, itemIndex, `"${label}" has a value Auvik does not accept: "${value}"`, `Allowed values: ${p.enum.join(', ')}.`);
		}
		path = path.replace(`{${p.name}}`, encodeURIComponent(value));
	}
	return path;
}
