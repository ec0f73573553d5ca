/**
 * Statistics that do not time out: tenants are split into batches, long ranges into consecutive
 * windows sized for the interval, and every page of every window is merged with no gap and no
 * duplicate point at the joins. Output: one item per data point (default) or per entity.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { CatalogueEntry } from '../catalogue';
import type { Interval } from '../catalogue/statistics';
import { COMPONENT_STAT_IDS, DEFAULT_WINDOW_MS, INTERVAL_MS, TIME_RANGE_PRESETS } from '../catalogue/statistics';
import { simplifyResource } from '../helpers/simplify';
import { isAuvikApiError } from '../transport/errors';
import type { RunState } from './execute';
import { paired } from './execute';
import { buildQuery, tenantIds, toDate } from './params';

export interface TimeWindow {
	from: number;
	thru: number;
}

/** Rounds down (or up) to a whole interval in UTC. */
export function alignTime(ms: number, interval: Interval, up = false): number {
	const size = INTERVAL_MS[interval];
	const down = Math.floor(ms / size) * size;
	return up && down < ms ? down + size : down;
}

/** Resolves the chosen preset or custom range to aligned [from, thru]. */
export function resolveRange(
	preset: string,
	interval: Interval,
	now: number,
	customFrom?: Date,
	customThru?: Date,
): TimeWindow {
	if (preset === 'custom') {
		if (!customFrom) throw new Error('"From" is required when Time Range is Custom');
		const thru = alignTime(customThru ? customThru.getTime() : now, interval, true);
		const from = alignTime(customFrom.getTime(), interval);
		return { from, thru };
	}
	const length = TIME_RANGE_PRESETS[preset];
	if (!length) throw new Error(`Unknown time range "${preset}"`);
	const thru = alignTime(now, interval);
	return { from: thru - length, thru };
}

/** Consecutive windows of at most `maxMs` (a whole number of intervals) covering the range. */
export function splitWindows(range: TimeWindow, interval: Interval, maxMs: number): TimeWindow[] {
	const step = Math.max(INTERVAL_MS[interval], Math.floor(maxMs / INTERVAL_MS[interval]) * INTERVAL_MS[interval]);
	const windows: TimeWindow[] = [];
	for (let from = range.from; from < range.thru; from += step) {
		windows.push({ from, thru: Math.min(range.thru, from + step) });
	}
	return windows;
}

export function batches<T>(list: T[], size: number): T[][] {
	if (!list.length) return [[]];
	const out: T[][] = [];
	for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
	return out;
}

/** Field name for a legend column: ("Transmit", "bits_per_sec") -> transmit_bits_per_sec. */
export function columnName(legend: string, unit?: string): string {
	const base = String(legend || 'value')
		.replace(/([a-z0-9])([A-Z])/g, '$1_$2')
		.replace(/[^A-Za-z0-9]+/g, '_')
		.replace(/^_|_$/g, '')
		.toLowerCase();
	const suffix = unit ? String(unit).replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '').toLowerCase() : '';
	return suffix && !base.endsWith(suffix) ? `${base}_${suffix}` : base;
}

interface Series {
	legend: string[];
	unit: string[];
	data: unknown[][];
	name?: string;
	index?: unknown;
	endpoint?: IDataObject;
}

interface EntityAccumulator {
	base: IDataObject;
	raw: IDataObject;
	series: Map<string, Series & { lastT: number }>;
}

function seriesOf(resource: IDataObject): Series[] {
	const attributes = (resource.attributes ?? {}) as IDataObject;
	const list: Series[] = [];
	const push = (stats: unknown, endpoint?: IDataObject) => {
		for (const s of (Array.isArray(stats) ? stats : []) as IDataObject[]) {
			list.push({
				legend: (s.legend ?? []) as string[],
				unit: (s.unit ?? []) as string[],
				data: (s.data ?? []) as unknown[][],
				name: s.name as string | undefined,
				index: s.index,
				endpoint,
			});
		}
	};
	push(attributes.stats);
	for (const ep of (Array.isArray(attributes.endpoints) ? attributes.endpoints : []) as IDataObject[]) {
		push(ep.stats, { endpointId: ep.id, endpointIpAddress: ep.ipAddress });
	}
	return list;
}

const ENTITY_RELATIONSHIPS = ['device', 'interface', 'component', 'service'];

function entityBase(resource: IDataObject, statId: string): IDataObject {
	const flat = simplifyResource(resource);
	const relationships = (resource.relationships ?? {}) as IDataObject;
	const entityType = ENTITY_RELATIONSHIPS.find((r) => relationships[r]) ?? 'device';
	const attributes = (resource.attributes ?? {}) as IDataObject;
	const base: IDataObject = {
		entityType,
		entityId: flat[`${entityType}Id`],
		entityName: flat[`${entityType}Name`] ?? flat.deviceName ?? flat.serviceName ?? null,
		statType: attributes.statType ?? null,
		statId,
		interval: attributes.interval ?? null,
	};
	for (const [key, value] of Object.entries(flat)) {
		if (['id', 'type', 'reportPeriod', 'stats', 'endpoints', 'statType', 'interval'].includes(key)) continue;
		if (!(key in base)) base[key] = value;
	}
	return base;
}

export async function executeStatistics(
	this: IExecuteFunctions,
	entry: CatalogueEntry,
	itemIndex: number,
	state: RunState,
): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const fail = (message: string, description?: string): never => {
		throw new NodeOperationError(node, message, { itemIndex, description });
	};
	const componentType = entry.contract.pathParams.some((p) => p.name === 'componentType')
		? String(this.getNodeParameter('componentType', itemIndex, ''))
		: undefined;
	const statId = String(this.getNodeParameter('statId', itemIndex, ''));
	if (componentType !== undefined) {
		const valid = COMPONENT_STAT_IDS[componentType];
		if (!valid) fail(`"Component Type" has a value Auvik does not accept: "${componentType}"`, `Allowed: ${Object.keys(COMPONENT_STAT_IDS).join(', ')}.`);
		if (!valid.includes(statId)) {
			fail(`"Statistic" ${statId} does not exist for "Component Type" ${componentType}`, `For ${componentType} choose one of: ${valid.join(', ')}.`);
		}
	} else {
		const allowed = entry.contract.pathParams.find((p) => p.name === 'statId')?.enum ?? [];
		if (!allowed.includes(statId)) fail(`"Statistic" has a value Auvik does not accept: "${statId}"`, `Allowed: ${allowed.join(', ')}.`);
	}
	const interval = String(this.getNodeParameter('interval', itemIndex, 'hour')) as Interval;
	if (!INTERVAL_MS[interval]) fail(`"Interval" must be minute, hour or day, got "${interval}"`);
	const preset = String(this.getNodeParameter('timeRange', itemIndex, 'last24Hours'));
	let range: TimeWindow;
	try {
		const customFrom = preset === 'custom' ? toDate(this.getNodeParameter('fromTime', itemIndex, '')) : undefined;
		const customThru = preset === 'custom' ? toDate(this.getNodeParameter('thruTime', itemIndex, '')) : undefined;
		if (preset === 'custom' && this.getNodeParameter('fromTime', itemIndex, '') && !customFrom) fail('"From" is not a valid date', 'Use an ISO 8601 date such as 2024-01-31T00:00:00Z.');
		range = resolveRange(preset, interval, Date.parse(state.startedAt), customFrom, customThru);
	} catch (error) {
		if (error instanceof NodeOperationError) throw new NodeOperationError(node, error);
		return fail((error as Error).message);
	}
	if (range.from >= range.thru) fail('"From" must be earlier than "To"', `Got ${new Date(range.from).toISOString()} to ${new Date(range.thru).toISOString()}.`);

	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const windowMs = Number(options.windowHours) > 0 ? Number(options.windowHours) * 3_600_000 : DEFAULT_WINDOW_MS[interval];
	const windows = splitWindows(range, interval, windowMs);
	const batchSize = Math.max(1, Number(options.tenantBatchSize ?? 1));
	const pageSize = Math.max(1, Math.min(Number(options.pageSize ?? 100), entry.maxPageSize ?? 1000));
	const output = String(this.getNodeParameter('output', itemIndex, 'points'));

	const baseQuery = buildQuery(this, entry, itemIndex, new Set(['filter[fromTime]', 'filter[thruTime]', 'filter[interval]', 'tenants']));
	const tenants = tenantIds(this.getNodeParameter('tenants', itemIndex, []));
	const path = entry.contract.path
		.replace('{componentType}', encodeURIComponent(componentType ?? ''))
		.replace('{statId}', encodeURIComponent(statId));

	const entities = new Map<string, EntityAccumulator>();
	for (const batch of batches(tenants, batchSize)) {
		for (const window of windows) {
			const query = {
				...baseQuery,
				tenants: batch.length ? batch.join(',') : undefined,
				'filter[fromTime]': new Date(window.from).toISOString(),
				'filter[thruTime]': new Date(window.thru).toISOString(),
				'filter[interval]': interval,
			};
			try {
				for await (const page of state.transport.paginate({ method: 'GET', path, query, itemIndex }, { pageSize })) {
					for (const resource of page.data) {
						const rel = (resource.relationships ?? {}) as IDataObject;
						const entityRel = ENTITY_RELATIONSHIPS.find((r) => rel[r]);
						const entityId = String(((rel[entityRel ?? ''] as IDataObject | undefined)?.data as IDataObject | undefined)?.id ?? resource.id);
						const key = `${entityRel}:${entityId}`;
						let acc = entities.get(key);
						if (!acc) {
							acc = { base: entityBase(resource, statId), raw: resource, series: new Map() };
							entities.set(key, acc);
						}
						seriesOf(resource).forEach((s, n) => {
							const seriesKey = `${n}:${s.name ?? ''}:${String(s.index ?? '')}:${String(s.endpoint?.endpointId ?? '')}`;
							let target = acc!.series.get(seriesKey);
							if (!target) {
								target = { ...s, data: [], lastT: -Infinity };
								acc!.series.set(seriesKey, target);
							}
							const fromMin = window.from / 60_000;
							const thruMin = window.thru / 60_000;
							for (const row of s.data) {
								const t = Number(row?.[0]);
								// Points are stamped at the end of their interval: a window owns (from, thru].
								if (!Number.isFinite(t) || t <= fromMin || t > thruMin || t <= target.lastT) continue;
								target.data.push(row);
								target.lastT = t;
							}
						});
					}
				}
			} catch (error) {
				const span = `${new Date(window.from).toISOString()} to ${new Date(window.thru).toISOString()}`;
				const scope = batch.length ? `tenants ${batch.join(', ')}` : 'all tenants';
				if (isAuvikApiError(error)) {
					error.auvik.window = { from: new Date(window.from).toISOString(), thru: new Date(window.thru).toISOString() };
					error.description = `While reading ${span} for ${scope}. ${error.description ?? ''}`.trim();
					error.message = `${error.message} (window ${span})`;
					throw new NodeApiError(node, error as unknown as JsonObject);
				}
				throw new NodeOperationError(node, error as Error, { itemIndex });
			}
		}
	}

	const items: IDataObject[] = [];
	for (const acc of entities.values()) {
		if (output === 'entities') {
			items.push({
				...acc.base,
				reportPeriod: { fromTime: new Date(range.from).toISOString(), thruTime: new Date(range.thru).toISOString() },
				series: [...acc.series.values()].map(
					(s) => ({ ...(s.name !== undefined ? { name: s.name } : {}), ...(s.index !== undefined ? { index: s.index } : {}), ...(s.endpoint ?? {}), legend: s.legend, unit: s.unit, data: s.data }) as IDataObject,
				),
			});
			continue;
		}
		for (const s of acc.series.values()) {
			const columns = s.legend.map((l, i) => columnName(l, s.unit[i]));
			for (const row of s.data) {
				const point: IDataObject = {
					timestamp: new Date(Number(row[0]) * 60_000).toISOString(),
					...acc.base,
					...(s.name !== undefined ? { seriesName: s.name } : {}),
					...(s.index !== undefined ? { seriesIndex: s.index as string } : {}),
					...(s.endpoint ?? {}),
				};
				for (let c = 1; c < row.length; c++) point[columns[c] ?? `value_${c}`] = row[c] as number;
				items.push(point);
			}
		}
	}
	return paired(items, itemIndex);
}
