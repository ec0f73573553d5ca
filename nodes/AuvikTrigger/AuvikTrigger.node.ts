/**
 * Auvik Trigger (polling): emits each Auvik alert exactly once, or devices/networks that changed.
 *
 * Alerts: every poll asks for alerts detected after (last poll start - overlap). The overlap
 * catches alerts Auvik records late with an earlier detection time; a set of the IDs already
 * emitted inside the overlap stops them from being emitted twice. Both live in the workflow's
 * static data, so they survive restarts. First activation starts from now (optional backfill).
 */
import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { tenantIds } from '../Auvik/actions/params';
import type { AlertItem } from '../Auvik/helpers/alerts';
import { alertFromApi } from '../Auvik/helpers/alerts';
import { simplifyResource } from '../Auvik/helpers/simplify';
import { listSearch, loadOptions } from '../Auvik/methods';
import type { AuvikTransport } from '../Auvik/transport';
import { AuvikTransport as Transport } from '../Auvik/transport';
import { isAuvikApiError } from '../Auvik/transport/errors';

interface PollState extends IDataObject {
	/** ISO time the last successful poll started */
	lastPollStart?: string;
	/** alert id -> detectedOn (ms), for alerts that a future poll may return again */
	seen?: Record<string, number>;
}

const MINUTE = 60_000;
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
			{
				displayName: 'Tenant Names or IDs',
				name: 'tenants',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getTenants' },
				default: [],
				description: 'Tenants to watch; empty watches every tenant the API user can see. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
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
					{ displayName: 'Overlap (Minutes)', name: 'overlapMinutes', type: 'number', typeOptions: { minValue: 0 }, default: 15, description: 'Each poll looks this far back before the previous poll, to catch alerts Auvik records late; duplicates are suppressed' },
				],
			},
		],
	};

	methods = { loadOptions, listSearch };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as string;
		const tenants = tenantIds(this.getNodeParameter('tenants', []));
		const filters = this.getNodeParameter('filters', {}) as IDataObject;
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const overlap = Math.max(0, Number(options.overlapMinutes ?? 15)) * MINUTE;
		const state = this.getWorkflowStaticData('node') as PollState;
		const manual = this.getMode() === 'manual';
		const pollStart = Date.now();
		const transport = await Transport.create(this);

		if (event === 'deviceChanged' || event === 'networkChanged') {
			return await pollInventory.call(this, transport, event, tenants, state, manual, pollStart, Number(options.backfillMinutes ?? 0));
		}

		const query: Record<string, string | undefined> = { tenants: tenants.length ? tenants.join(',') : undefined };
		if (event === 'alertTriggered') query['filter[status]'] = 'created';
		if (event === 'alertCleared') query['filter[status]'] = 'resolved';
		if (filters.alertDefinitionId) query['filter[alertDefinitionId]'] = String(filters.alertDefinitionId);
		if (typeof filters.dismissed === 'boolean') query['filter[dismissed]'] = String(filters.dismissed);
		if (typeof filters.dispatched === 'boolean') query['filter[dispatched]'] = String(filters.dispatched);
		const severities = (filters.severities ?? []) as string[];
		// Auvik filters one severity per request; several are filtered here after one request.
		if (severities.length === 1) query['filter[severity]'] = severities[0];

		let after: number;
		if (manual) {
			// "Fetch Test Event": the latest matching alerts of the last day, cursor untouched.
			after = pollStart - 24 * 60 * MINUTE;
		} else if (!state.lastPollStart) {
			const backfill = Math.max(0, Number(options.backfillMinutes ?? 0)) * MINUTE;
			if (!backfill) {
				state.lastPollStart = new Date(pollStart).toISOString();
				state.seen = {};
				return null;
			}
			after = pollStart - backfill;
		} else {
			after = Date.parse(state.lastPollStart) - overlap;
		}
		query['filter[detectedTimeAfter]'] = new Date(after).toISOString();

		const found: AlertItem[] = [];
		for await (const page of transport.paginate({ method: 'GET', path: '/v1/alert/history/info', query }, { pageSize: 1000 })) {
			for (const resource of page.data) {
				const alert = alertFromApi(resource);
				if (severities.length > 1 && !severities.includes(alert.severity)) continue;
				found.push(alert);
			}
		}
		found.sort((a, b) => String(a.detectedOn).localeCompare(String(b.detectedOn)));

		if (manual) {
			const latest = found.slice(-5).reverse();
			return latest.length ? [this.helpers.returnJsonArray(latest)] : null;
		}

		const seen = state.seen ?? {};
		const fresh = found.filter((a) => !(a.alertId in seen));
		for (const a of found) seen[a.alertId] = a.detectedOn ? Date.parse(a.detectedOn) : pollStart;
		// Forget what the next poll cannot return again (detected at or before its lower bound).
		const nextAfter = pollStart - overlap;
		for (const [id, at] of Object.entries(seen)) if (at <= nextAfter) delete seen[id];
		const ids = Object.keys(seen);
		if (ids.length > MAX_SEEN) for (const id of ids.sort((x, y) => seen[x] - seen[y]).slice(0, ids.length - MAX_SEEN)) delete seen[id];
		state.seen = seen;
		state.lastPollStart = new Date(pollStart).toISOString();
		return fresh.length ? [this.helpers.returnJsonArray(fresh)] : null;
	}
}

async function pollInventory(
	this: IPollFunctions,
	transport: AuvikTransport,
	event: string,
	tenants: string[],
	state: PollState,
	manual: boolean,
	pollStart: number,
	backfillMinutes: number,
): Promise<INodeExecutionData[][] | null> {
	const path = event === 'deviceChanged' ? '/v1/inventory/device/info' : '/v1/inventory/network/info';
	let after: number;
	if (manual) after = pollStart - 24 * 60 * MINUTE;
	else if (!state.lastPollStart) {
		if (!backfillMinutes) {
			state.lastPollStart = new Date(pollStart).toISOString();
			return null;
		}
		after = pollStart - backfillMinutes * MINUTE;
	} else after = Date.parse(state.lastPollStart);
	const query = {
		tenants: tenants.length ? tenants.join(',') : undefined,
		'filter[modifiedAfter]': new Date(after).toISOString(),
	};
	const items: IDataObject[] = [];
	try {
		for await (const page of transport.paginate({ method: 'GET', path, query }, { pageSize: 1000, limit: manual ? 5 : undefined })) {
			for (const r of page.data) items.push(simplifyResource(r));
		}
	} catch (error) {
		if (isAuvikApiError(error)) throw new NodeApiError(this.getNode(), error as unknown as JsonObject);
		throw new NodeOperationError(this.getNode(), error as Error);
	}
	if (!manual) state.lastPollStart = new Date(pollStart).toISOString();
	return items.length ? [this.helpers.returnJsonArray(items)] : null;
}
