/**
 * Auvik Trigger (polling): emits each Auvik alert exactly once, or devices/networks that changed.
 *
 * Every poll asks for records detected (alerts) or modified (devices, networks) after
 * (last poll start - overlap). The overlap catches records Auvik stores late with an earlier
 * time; a set of the keys already seen inside the overlap (alert ID, or ID@lastModified) stops
 * them from being emitted twice. Both live in the workflow's static data, so they survive
 * restarts. First activation starts from now: what is already visible then is recorded as seen,
 * not emitted (optional backfill instead emits the past minutes).
 */
import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { tenantIds } from '../Auvik/actions/params';
import { tenantsField } from '../Auvik/description/fields';
import type { AlertItem } from '../Auvik/helpers/alerts';
import { alertFromApi } from '../Auvik/helpers/alerts';
import { simplifyResource } from '../Auvik/helpers/simplify';
import { listSearch, loadOptions } from '../Auvik/methods';
import { AuvikTransport } from '../Auvik/transport';

interface PollState extends IDataObject {
	/** ISO time the last successful poll started */
	lastPollStart?: string;
	/** alert ID (or device/network ID@lastModified) -> its time (ms), for records a future poll may return again */
	seen?: Record<string, number>;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const MAX_SEEN = 20_000;

export class AuvikTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Auvik Trigger',
		name: 'auvikTrigger',
		icon: { light: 'file:auvik.svg', dark: 'file:auvik.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description: 'Starts the workflow when Auvik raises or clears an alert, or when devices or networks change',
		defaults: { name: 'Auvik Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'auvikApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: [
					{ name: 'Alert Cleared', value: 'alertCleared', description: 'An alert was resolved; the item is keyed by the alert it clears' },
					{ name: 'Alert Triggered or Cleared', value: 'alertAny', description: 'Both, one item per change' },
					{ name: 'Device Changed', value: 'deviceChanged', description: 'A device was added or changed (filter[modifiedAfter])' },
					{ name: 'Network Changed', value: 'networkChanged', description: 'A network was added or changed (filter[modifiedAfter])' },
					{ name: 'New Alert', value: 'alertTriggered', description: 'Auvik raised an alert' },
				],
				default: 'alertTriggered',
			},
			tenantsField('Tenants to watch; empty watches every tenant the API user can see'),
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				displayOptions: { show: { event: ['alertTriggered', 'alertCleared', 'alertAny'] } },
				options: [
					{ displayName: 'Alert Definition ID', name: 'alertDefinitionId', type: 'string', default: '', description: 'Only alerts of this alert definition' },
					{ displayName: 'Dismissed', name: 'dismissed', type: 'boolean', default: false, description: 'Whether to only pass dismissed alerts (off: only alerts not dismissed)' },
					{ displayName: 'Dispatched', name: 'dispatched', type: 'boolean', default: false, description: 'Whether to only pass alerts Auvik already dispatched to an integration such as a PSA (off: only those it did not)' },
					{
						displayName: 'Severities',
						name: 'severities',
						type: 'multiOptions',
						options: [
							{ name: 'Critical', value: 'critical' },
							{ name: 'Emergency', value: 'emergency' },
							{ name: 'Info', value: 'info' },
							{ name: 'Warning', value: 'warning' },
						],
						default: [],
						description: 'Only alerts of these severities (all when empty)',
					},
				],
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{ displayName: 'Include Past Minutes on First Run', name: 'backfillMinutes', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: 'On activation, also emit what happened in this many past minutes (0 = start from now)' },
					{ displayName: 'Overlap (Minutes)', name: 'overlapMinutes', type: 'number', typeOptions: { minValue: 0 }, default: 15, description: 'Each poll looks this far back before the previous poll, to catch alerts or changes Auvik records late; duplicates are suppressed' },
				],
			},
		],
	};

	methods = { loadOptions, listSearch };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as string;
		const tenants = tenantIds(this.getNodeParameter('tenants', []));
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const overlap = Math.max(0, Number(options.overlapMinutes ?? 15)) * MINUTE;
		const backfill = Math.max(0, Number(options.backfillMinutes ?? 0)) * MINUTE;
		const state = this.getWorkflowStaticData('node') as PollState;
		const manual = this.getMode() === 'manual';
		const pollStart = Date.now();
		const transport = await AuvikTransport.create(this);
		const source =
			event === 'deviceChanged' || event === 'networkChanged'
				? inventorySource(event, tenants)
				: alertSource(event, tenants, this.getNodeParameter('filters', {}) as IDataObject);

		if (manual) {
			// "Fetch Test Event": the latest matching records of the last day; static data untouched.
			const found = await fetchAll(transport, source, pollStart - DAY, source.manualLimit);
			const latest = found.slice(-5).reverse().map((f) => f.item);
			return latest.length ? [this.helpers.returnJsonArray(latest)] : null;
		}

		const seen = state.seen ?? {};
		const fresh: IDataObject[] = [];
		const lastPollStart = timeOf(state.lastPollStart);
		if (lastPollStart === undefined && !backfill) {
			// First activation starts from now: what is already visible inside the overlap window
			// (which the next poll reads again) is recorded as seen, never emitted.
			if (overlap) {
				for (const f of await fetchAll(transport, source, pollStart - overlap)) seen[f.key] = f.at ?? pollStart;
			}
		} else {
			const after = lastPollStart !== undefined ? lastPollStart - overlap : pollStart - backfill;
			for (const f of await fetchAll(transport, source, after)) {
				if (f.key in seen) continue;
				seen[f.key] = f.at ?? pollStart;
				fresh.push(f.item);
			}
		}
		// Forget what the next poll cannot return again (at or before its lower bound).
		const nextAfter = pollStart - overlap;
		for (const [key, at] of Object.entries(seen)) if (at <= nextAfter) delete seen[key];
		const keys = Object.keys(seen);
		if (keys.length > MAX_SEEN) for (const key of keys.sort((x, y) => seen[x] - seen[y]).slice(0, keys.length - MAX_SEEN)) delete seen[key];
		state.seen = seen;
		state.lastPollStart = new Date(pollStart).toISOString();
		return fresh.length ? [this.helpers.returnJsonArray(fresh)] : null;
	}
}

interface Found {
	/** what makes this record new: alert ID, or device/network ID plus its modification time */
	key: string;
	/** its time (detection or modification) in ms, if Auvik gave one */
	at: number | undefined;
	item: IDataObject;
}

interface Source {
	path: string;
	query: Record<string, string | undefined>;
	/** the filter that takes the lower time bound (exclusive) */
	timeFilter: 'filter[detectedTimeAfter]' | 'filter[modifiedAfter]';
	/** at most this many records for "Fetch Test Event" */
	manualLimit?: number;
	toFound(resource: IDataObject): Found | undefined;
}

function timeOf(value: unknown): number | undefined {
	const ms = typeof value === 'string' ? Date.parse(value) : NaN;
	return Number.isNaN(ms) ? undefined : ms;
}

function alertSource(event: string, tenants: string[], filters: IDataObject): Source {
	const query: Record<string, string | undefined> = { tenants: tenants.length ? tenants.join(',') : undefined };
	if (event === 'alertTriggered') query['filter[status]'] = 'created';
	if (event === 'alertCleared') query['filter[status]'] = 'resolved';
	if (filters.alertDefinitionId) query['filter[alertDefinitionId]'] = String(filters.alertDefinitionId);
	if (typeof filters.dismissed === 'boolean') query['filter[dismissed]'] = String(filters.dismissed);
	if (typeof filters.dispatched === 'boolean') query['filter[dispatched]'] = String(filters.dispatched);
	const severities = (filters.severities ?? []) as string[];
	// Auvik filters one severity per request; several are filtered here after one request.
	if (severities.length === 1) query['filter[severity]'] = severities[0];
	return {
		path: '/v1/alert/history/info',
		query,
		timeFilter: 'filter[detectedTimeAfter]',
		toFound(resource) {
			const alert: AlertItem = alertFromApi(resource);
			if (severities.length > 1 && !severities.includes(alert.severity)) return undefined;
			return { key: alert.alertId, at: timeOf(alert.detectedOn), item: alert };
		},
	};
}

function inventorySource(event: string, tenants: string[]): Source {
	return {
		path: event === 'deviceChanged' ? '/v1/inventory/device/info' : '/v1/inventory/network/info',
		query: { tenants: tenants.length ? tenants.join(',') : undefined },
		timeFilter: 'filter[modifiedAfter]',
		manualLimit: 5,
		toFound(resource) {
			const item = simplifyResource(resource);
			const modified = typeof item.lastModified === 'string' ? item.lastModified : '';
			return { key: `${String(item.id)}@${modified}`, at: timeOf(modified), item };
		},
	};
}

/** Every matching record after `after` (ms, exclusive), oldest first. */
async function fetchAll(transport: AuvikTransport, source: Source, after: number, limit?: number): Promise<Found[]> {
	const query = { ...source.query, [source.timeFilter]: new Date(after).toISOString() };
	const found: Found[] = [];
	for await (const page of transport.paginate({ method: 'GET', path: source.path, query }, { pageSize: 1000, limit })) {
		for (const resource of page.data) {
			const f = source.toFound(resource);
			if (f) found.push(f);
		}
	}
	return found.sort((a, b) => (a.at ?? 0) - (b.at ?? 0));
}
