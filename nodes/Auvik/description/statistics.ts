/** Editor fields of the statistics operations (time range, interval, stat types, output mode). */
import type { INodeProperties } from 'n8n-workflow';

import type { CatalogueEntry } from '../catalogue';
import { labelOf } from '../catalogue';
import { COMPONENT_STAT_IDS } from '../catalogue/statistics';
import { enumOptions, optionsCollection, queryField, tenantProperties } from './fields';

const TIME_FILTERS = new Set(['filter[fromTime]', 'filter[thruTime]', 'filter[interval]']);

export function statisticsProperties(entry: CatalogueEntry): INodeProperties[] {
	const displayOptions = { show: { resource: [entry.resource], operation: [entry.operation] } };
	const props: INodeProperties[] = [];
	const statParam = entry.contract.pathParams.find((p) => p.name === 'statId');
	const timeSeries = entry.contract.query.some((q) => q.name === 'filter[fromTime]');

	if (entry.contract.pathParams.some((p) => p.name === 'componentType')) {
		const types = Object.keys(COMPONENT_STAT_IDS);
		props.push({ displayName: 'Component Type', name: 'componentType', type: 'options', required: true, options: enumOptions(types), default: 'cpu', displayOptions, description: 'Kind of hardware component; it decides which statistics exist' });
		for (const type of types) {
			const first = COMPONENT_STAT_IDS[type][0];
			props.push({
				displayName: 'Statistic',
				name: 'statId',
				type: 'options',
				required: true,
				options: enumOptions(COMPONENT_STAT_IDS[type]),
				default: first,
				displayOptions: { show: { ...displayOptions.show, componentType: [type] } },
				description: `Statistics Auvik keeps for ${labelOf(type).toLowerCase()} components`,
			});
		}
	} else if (statParam?.enum) {
		const first = statParam.enum[0];
		props.push({ displayName: 'Statistic', name: 'statId', type: 'options', required: true, options: enumOptions(statParam.enum), default: first, displayOptions });
	}

	if (timeSeries) {
		props.push(
			{
				displayName: 'Time Range',
				name: 'timeRange',
				type: 'options',
				options: [
					{ name: 'Custom', value: 'custom' },
					{ name: 'Last 24 Hours', value: 'last24Hours' },
					{ name: 'Last 30 Days', value: 'last30Days' },
					{ name: 'Last 7 Days', value: 'last7Days' },
					{ name: 'Last Hour', value: 'lastHour' },
				],
				default: 'last24Hours',
				displayOptions,
				description: 'Period to read; aligned to whole intervals so points match Auvik buckets',
			},
			{ displayName: 'From', name: 'fromTime', type: 'dateTime', required: true, default: '', displayOptions: { show: { ...displayOptions.show, timeRange: ['custom'] } }, description: 'Start of the period (exclusive: points are stamped at the end of each interval)' },
			{ displayName: 'To', name: 'thruTime', type: 'dateTime', default: '', displayOptions: { show: { ...displayOptions.show, timeRange: ['custom'] } }, description: 'End of the period (inclusive); empty means now' },
			{
				displayName: 'Interval',
				name: 'interval',
				type: 'options',
				options: [
					{ name: 'Day', value: 'day' },
					{ name: 'Hour', value: 'hour' },
					{ name: 'Minute', value: 'minute' },
				],
				default: 'hour',
				displayOptions,
				description: 'Granularity of the points',
			},
		);
	}
	if (entry.tenants) props.push(...tenantProperties(entry));
	if (!timeSeries) {
		props.push(
			{ displayName: 'Return All', name: 'returnAll', type: 'boolean', default: false, displayOptions, description: 'Whether to return all results or only up to a given limit' },
			{ displayName: 'Limit', name: 'limit', type: 'number', typeOptions: { minValue: 1 }, default: 50, displayOptions: { show: { ...displayOptions.show, returnAll: [false] } }, description: 'Max number of results to return' },
			{ displayName: 'Simplify', name: 'simplify', type: 'boolean', default: true, displayOptions, description: 'Whether to return a simplified version of the response instead of the raw data' },
		);
	} else {
		props.push({
			displayName: 'Output',
			name: 'output',
			type: 'options',
			options: [
				{ name: 'One Item per Data Point', value: 'points', description: 'Timestamp, entity, tenant and one named field per value, ready for charts and aggregation' },
				{ name: 'One Item per Entity', value: 'entities', description: 'Each device, interface, component or service with its raw series' },
			],
			default: 'points',
			displayOptions,
		});
	}
	const filters = entry.filters.filter((q) => !TIME_FILTERS.has(q.name));
	if (filters.length) {
		props.push({ displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add Filter', default: {}, displayOptions, options: filters.map((q) => queryField(q, false)).sort((a, b) => a.displayName.localeCompare(b.displayName)) });
	}
	const extra: INodeProperties[] = timeSeries
		? [
				{ displayName: 'Tenants per Request', name: 'tenantBatchSize', type: 'number', typeOptions: { minValue: 1 }, default: 1, description: 'Selected tenants are split into requests of this many tenants each (Auvik advises splitting tenants to avoid timeouts)' },
				{ displayName: 'Window per Request (Hours)', name: 'windowHours', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: 'Longest period one request covers; longer ranges are split into consecutive windows. 0 = automatic: 24 h at minute interval, 31 days at hour, 366 days at day.' },
			]
		: [];
	props.push(optionsCollection(entry, extra));
	return props;
}
