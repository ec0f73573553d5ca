/**
 * Builds the node's editor properties from the catalogue: Resource, Operation, required fields,
 * tenants, Return All / Limit, Simplify, a typed Filters collection and an Options collection.
 */
import type { INodeProperties } from 'n8n-workflow';

import type { CatalogueEntry, LocatorKind } from '../catalogue';
import { CATALOGUE, labelOf, RESOURCES } from '../catalogue';
import { enumOptions, optionsCollection, queryField, show, sortOptions, tenantProperties } from './fields';
import { statisticsProperties } from './statistics';

const LOCATOR_SEARCH: Record<Exclude<LocatorKind, 'plain'>, { method: string; noun: string; example: string }> = {
	tenant: { method: 'searchTenants', noun: 'tenant', example: '195798545063742726' },
	device: { method: 'searchDevices', noun: 'device', example: 'MTk1NzA4Njg0OTE4MzQ1MjMwOjQ2NjA3MjU0MA' },
	network: { method: 'searchNetworks', noun: 'network', example: 'MTk1NzA4Njg0OTE4MzQ1MjMwOjExODY4MTc2' },
	interface: { method: 'searchInterfaces', noun: 'interface', example: 'MTk1NzA4Njg0OTE4MzQ1MjMwOjU2MzEyOTQ0Mg' },
	alert: { method: 'searchAlerts', noun: 'alert', example: 'MTk1NzA4Njg0OTE4MzQ1MjMwOjI5MDQ2NjM3Nw' },
};

/** Regex that takes an entity ID from an Auvik API link or dashboard link (last path or fragment segment). */
export const ID_FROM_URL = 'https?://[^\\s]*?[/=]([A-Za-z0-9_+=-]{6,})/?(?:[?#][^/]*)?$';






function locatorField(entry: CatalogueEntry, param: string, kind: LocatorKind): INodeProperties {
	const label = param === 'id' ? `${labelOf(entry.resource === 'billing' ? 'device' : entry.resource)} ID` : labelOf(param);
	if (kind === 'plain') {
		return { displayName: label, name: param, type: 'string', required: true, default: '', displayOptions: show(entry), description: `The ${label} to read` };
	}
	const search = LOCATOR_SEARCH[kind];
	const displayName = labelOf(search.noun);
	return {
		displayName,
		name: param,
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		displayOptions: show(entry),
		description: `The ${search.noun} to use`,
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', placeholder: `Select a ${search.noun}...`, typeOptions: { searchListMethod: search.method, searchable: true } },
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: `e.g. ${search.example}` },
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: `e.g. https://auvikapi.us1.my.auvik.com/v1/.../${search.example}`,
				validation: [{ type: 'regex', properties: { regex: ID_FROM_URL, errorMessage: 'Not an Auvik link that ends with an ID' } }],
				extractValue: { type: 'regex', regex: ID_FROM_URL },
			},
		],
	};
}

function operationProperties(entry: CatalogueEntry): INodeProperties[] {
	const props: INodeProperties[] = [];
	const displayOptions = show(entry);
	if (entry.resource === 'statistics') return statisticsProperties(entry);

	for (const p of entry.contract.pathParams) {
		if (p.enum) {
			const first = p.enum[0];
			props.push({ displayName: labelOf(p.name), name: p.name, type: 'options', required: true, options: enumOptions(p.enum), default: first, displayOptions });
		} else {
			props.push(locatorField(entry, p.name, entry.locators?.[p.name] ?? 'plain'));
		}
	}
	if (entry.operationId === 'readMultipleTenantsDetail' || entry.operationId === 'readSingleTenantsDetail') {
		props.push({
			displayName: 'Main Account Domain Prefix',
			name: 'tenantDomainPrefix',
			type: 'string',
			default: '',
			placeholder: 'e.g. acmemsp',
			displayOptions,
			description: "Domain prefix of your top-level Auvik account (the 'acmemsp' in acmemsp.us1.my.auvik.com). Leave empty to look it up from the tenant list.",
		});
	}
	for (const q of entry.requiredQuery) props.push({ ...queryField(q, true), displayOptions });
	if (entry.tenants) props.push(...tenantProperties(entry));
	if (entry.list) {
		props.push(
			{ displayName: 'Return All', name: 'returnAll', type: 'boolean', default: false, displayOptions, description: 'Whether to return all results or only up to a given limit' },
			{ displayName: 'Limit', name: 'limit', type: 'number', typeOptions: { minValue: 1 }, default: 50, displayOptions: { show: { ...displayOptions.show, returnAll: [false] } }, description: 'Max number of results to return' },
		);
	}
	if (!entry.write && entry.operationId !== 'verifyCredentials') {
		props.push({ displayName: 'Simplify', name: 'simplify', type: 'boolean', default: true, displayOptions, description: 'Whether to return a simplified version of the response instead of the raw data' });
	}
	if (entry.filters.length) {
		props.push({
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions,
			options: sortOptions(entry.filters.map((q) => queryField(q, false))),
		});
	}
	props.push(optionsCollection(entry));
	return props;
}



export function buildProperties(): INodeProperties[] {
	const resource: INodeProperties = {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: RESOURCES.map((r) => ({ name: r.name, value: r.value })),
		default: 'device',
	};
	const operations: INodeProperties[] = RESOURCES.map((r) => {
		const entries = CATALOGUE.filter((e) => e.resource === r.value);
		const options = sortOptions(entries.map((e) => ({ name: e.name, value: e.operation, action: e.action, description: e.description })));
		const defaultOperation = entries.find((e) => e.operation === 'getMany')?.operation ?? options[0].value;
		return {
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [r.value] } },
			options,
			default: defaultOperation,
		};
	});
	return [resource, ...operations, ...CATALOGUE.flatMap(operationProperties)];
}
