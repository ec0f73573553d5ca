/** Editor helpers: the tenant dropdown (loadOptions) and the searchable ID pickers (listSearch). */
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { AuvikTransport } from '../transport';

function attr(resource: IDataObject, key: string): string {
	const value = (resource.attributes as IDataObject | undefined)?.[key];
	return value === undefined || value === null ? '' : String(value);
}

async function getTenants(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const transport = await AuvikTransport.create(this);
	const { body } = await transport.request({ method: 'GET', path: '/v1/tenants' });
	const data = ((body as IDataObject | null)?.data ?? []) as IDataObject[];
	return data
		.map((t) => ({
			name: `${attr(t, 'domainPrefix') || String(t.id)}${attr(t, 'tenantType') ? ` (${attr(t, 'tenantType')})` : ''}`,
			value: String(t.id),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

interface SearchSpec {
	path: string;
	name: (r: IDataObject) => string;
	url?: (r: IDataObject) => string | undefined;
}

const SEARCHES: Record<'devices' | 'networks' | 'interfaces' | 'alerts', SearchSpec> = {
	devices: { path: '/v1/inventory/device/info', name: (r) => `${attr(r, 'deviceName') || String(r.id)}${attr(r, 'deviceType') ? ` (${attr(r, 'deviceType')})` : ''}` },
	networks: { path: '/v1/inventory/network/info', name: (r) => attr(r, 'networkName') || String(r.id) },
	interfaces: { path: '/v1/inventory/interface/info', name: (r) => attr(r, 'interfaceName') || String(r.id) },
	alerts: { path: '/v1/alert/history/info', name: (r) => `${attr(r, 'name') || String(r.id)}${attr(r, 'severity') ? ` [${attr(r, 'severity')}]` : ''}${attr(r, 'detectedOn') ? ` ${attr(r, 'detectedOn')}` : ''}` },
};

/** One Auvik page per call; the pagination token is Auvik's own cursor. Names are matched here (Auvik has no name search). */
async function search(
	ctx: ILoadOptionsFunctions,
	spec: SearchSpec,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const transport = await AuvikTransport.create(ctx);
	const { body } = await transport.request({
		method: 'GET',
		path: spec.path,
		query: { 'page[first]': 200, 'page[after]': paginationToken },
	});
	const envelope = (body ?? {}) as IDataObject;
	const needle = (filter ?? '').trim().toLowerCase();
	const results: INodeListSearchItems[] = ((envelope.data ?? []) as IDataObject[])
		.map((r) => ({ name: spec.name(r), value: String(r.id), url: (r.links as IDataObject | undefined)?.dashboard as string | undefined }))
		.filter((r) => !needle || r.name.toLowerCase().includes(needle) || r.value.toLowerCase() === needle);
	const next = (envelope.links as IDataObject | undefined)?.next;
	let token: string | undefined;
	if (typeof next === 'string') {
		try {
			token = new URL(next).searchParams.get('page[after]') ?? undefined;
		} catch {
			token = undefined;
		}
	}
	return { results, paginationToken: token };
}

async function searchTenants(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const options = await getTenants.call(this);
	const needle = (filter ?? '').trim().toLowerCase();
	return {
		results: options
			.filter((o) => !needle || o.name.toLowerCase().includes(needle) || String(o.value) === needle)
			.map((o) => ({ name: o.name, value: String(o.value) })),
	};
}

export const loadOptions = { getTenants };

export const listSearch = {
	searchTenants,
	async searchDevices(this: ILoadOptionsFunctions, filter?: string, token?: string) {
		return await search(this, SEARCHES.devices, filter, token);
	},
	async searchNetworks(this: ILoadOptionsFunctions, filter?: string, token?: string) {
		return await search(this, SEARCHES.networks, filter, token);
	},
	async searchInterfaces(this: ILoadOptionsFunctions, filter?: string, token?: string) {
		return await search(this, SEARCHES.interfaces, filter, token);
	},
	async searchAlerts(this: ILoadOptionsFunctions, filter?: string, token?: string) {
		return await search(this, SEARCHES.alerts, filter, token);
	},
};
