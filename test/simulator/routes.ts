/**
 * Route handlers: one per contract operationId. Each gets an already validated request
 * (path params, query record, parsed page request) and returns a status and a JSON body (or no
 * body). Errors are thrown as ApiError.
 *
 * List handlers share one pipeline: pick the records in the caller's tenant scope, apply the
 * filters the simulator implements (others are accepted without effect), cut a page, render the
 * page's records as JSON:API resources.
 */
import type { ContractOperation } from '../../nodes/Auvik/catalogue/types';
import type {
	AlertRecord,
	ComponentRecord,
	DeviceRecord,
	InterfaceRecord,
	NetworkRecord,
	SnmpPollerSettingRecord,
	TenantRecord,
} from './data';
import { ApiError, badRequest, forbidden, notFound } from './errors';
import { paginate, type PageRequest } from './paging';
import { unitHash } from './prng';
import type { SimState } from './state';
import {
	boundaryTimes,
	bucketTimes,
	statRows,
	statShape,
	type Interval,
	type StatFamily,
	type StatShape,
} from './stats';
import { parseTime } from './validate';

// ---------------------------------------------------------------------------------------------
// Types shared with the server
// ---------------------------------------------------------------------------------------------

export interface RequestContext {
	sim: SimState;
	op: ContractOperation;
	pathParams: Record<string, string>;
	query: Record<string, string>;
	/** Present on paged operations. */
	page?: PageRequest;
	/** Cursor fingerprint of this query (paging.ts). */
	fingerprint: string;
	/** Absolute URL of the requested path, without query: base of the page links. */
	linkBase: string;
}

export interface RouteResult {
	status: number;
	/** undefined = empty body */
	body?: unknown;
}

type Handler = (ctx: RequestContext) => RouteResult;

/** A JSON:API resource object as the simulator emits it. */
type Resource = Record<string, unknown>;

const ok = (body: unknown): RouteResult => ({ status: 200, body });

// ---------------------------------------------------------------------------------------------
// Link and relationship helpers
// ---------------------------------------------------------------------------------------------

function tenantOf(ctx: RequestContext, tenantId: string): TenantRecord {
	const tenant = ctx.sim.index.tenants.get(tenantId);
	if (!tenant) throw new ApiError(500, `Simulator data refers to unknown tenant ${tenantId}.`);
	return tenant;
}

/** Dashboard (UI) link: https://<domainPrefix>.<region>.my.auvik.com/#<fragment> */
function dashboard(ctx: RequestContext, tenantId: string, fragment: string): string {
	return `https://${tenantOf(ctx, tenantId).domainPrefix}.${ctx.sim.options.region}.my.auvik.com/#${fragment}`;
}

/** API link to this server. */
function api(ctx: RequestContext, path: string): string {
	return `${ctx.sim.baseUrl}${path}`;
}

function tenantRel(ctx: RequestContext, tenantId: string): Resource {
	return {
		data: {
			type: 'tenant',
			id: tenantId,
			attributes: { domainPrefix: tenantOf(ctx, tenantId).domainPrefix },
		},
	};
}

function deviceLinks(ctx: RequestContext, d: DeviceRecord): Resource {
	return {
		self: api(ctx, `/v1/inventory/device/info/${d.id}`),
		dashboard: dashboard(ctx, d.tenantId, `entity/device/${d.dashboardNo}/dashboard`),
	};
}

function networkLinks(ctx: RequestContext, n: NetworkRecord): Resource {
	return {
		self: api(ctx, `/v1/inventory/network/info/${n.id}`),
		dashboard: dashboard(ctx, n.tenantId, `entity/network/${n.dashboardNo}/dashboard`),
	};
}

function interfaceLinks(ctx: RequestContext, i: InterfaceRecord): Resource {
	return {
		self: api(ctx, `/v1/inventory/interface/info/${i.id}`),
		dashboard: dashboard(ctx, i.tenantId, `entity/interface/${i.dashboardNo}/dashboard`),
	};
}

function deviceById(ctx: RequestContext, id: string): DeviceRecord {
	const d = ctx.sim.index.devices.get(id);
	if (!d) throw new ApiError(500, `Simulator data refers to unknown device ${id}.`);
	return d;
}

// ---------------------------------------------------------------------------------------------
// Tenant scope
// ---------------------------------------------------------------------------------------------

/**
 * Client tenant IDs the request covers. `tenants` (comma-joined list) or v2 `tenant` (single):
 * unknown or forbidden IDs answer 403 like Auvik does for clients the user may not access; a
 * multiClient tenant stands for its (non-forbidden) children. Omitted = every tenant the user
 * can read.
 */
function tenantScope(ctx: RequestContext): Set<string> {
	const sim = ctx.sim;
	const accessible = (t: TenantRecord): boolean => !sim.forbiddenTenants.has(t.id);
	const param = ctx.op.query.some((q) => q.name === 'tenants')
		? 'tenants'
		: ctx.op.query.some((q) => q.name === 'tenant')
			? 'tenant'
			: undefined;
	const raw = param ? ctx.query[param] : undefined;
	if (raw === undefined) return new Set(sim.data.clientTenants.filter(accessible).map((t) => t.id));
	if (param === 'tenant' && raw.includes(','))
		throw badRequest(`tenant takes a single tenant ID, got '${raw}'.`);
	const scope = new Set<string>();
	for (const id of raw.split(',').map((s) => s.trim())) {
		if (id === '') throw badRequest(`${param} contains an empty tenant ID: '${raw}'.`);
		const tenant = sim.index.tenants.get(id);
		if (!tenant || !accessible(tenant))
			throw forbidden(`User is not authorized to access tenant ${id}.`);
		if (tenant.tenantType === 'multiClient') {
			for (const child of sim.data.clientTenants)
				if (child.parentId === tenant.id && accessible(child)) scope.add(child.id);
		} else {
			scope.add(tenant.id);
		}
	}
	return scope;
}

/** 403 when a single record belongs to a forbidden tenant. */
function checkTenantAccess(ctx: RequestContext, tenantId: string): void {
	if (ctx.sim.forbiddenTenants.has(tenantId))
		throw forbidden(`User is not authorized to access tenant ${tenantId}.`);
}

// ---------------------------------------------------------------------------------------------
// Filters
// ---------------------------------------------------------------------------------------------

type Filter<T> = (record: T, value: string, ctx: RequestContext) => boolean;
type FilterMap<T> = Record<string, Filter<T>>;

const csv = (value: string): string[] =>
	value
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
const eq =
	<T>(get: (r: T) => string | null | undefined): Filter<T> =>
	(r, v) =>
		get(r) === v;
const oneOf =
	<T>(get: (r: T) => string | null | undefined): Filter<T> =>
	(r, v) =>
		csv(v).includes(String(get(r)));
const anyOf =
	<T>(get: (r: T) => string[]): Filter<T> =>
	(r, v) => {
		const wanted = csv(v);
		return get(r).some((x) => wanted.includes(x));
	};
const bool =
	<T>(get: (r: T) => boolean): Filter<T> =>
	(r, v) =>
		get(r) === (v === 'true');
const contains =
	<T>(get: (r: T) => string | null | undefined): Filter<T> =>
	(r, v) =>
		(get(r) ?? '').toLowerCase().includes(v.toLowerCase());
/** strictly after */
const after =
	<T>(get: (r: T) => string | null | undefined): Filter<T> =>
	(r, v) => {
		const x = get(r);
		return x != null && Date.parse(x) > parseTime(v);
	};
/** at or after */
const since =
	<T>(get: (r: T) => string | null | undefined): Filter<T> =>
	(r, v) => {
		const x = get(r);
		return x != null && Date.parse(x) >= parseTime(v);
	};
/** strictly before */
const before =
	<T>(get: (r: T) => string | null | undefined): Filter<T> =>
	(r, v) => {
		const x = get(r);
		return x != null && Date.parse(x) < parseTime(v);
	};
/** at or before */
const until =
	<T>(get: (r: T) => string | null | undefined): Filter<T> =>
	(r, v) => {
		const x = get(r);
		return x != null && Date.parse(x) <= parseTime(v);
	};

function applyFilters<T>(ctx: RequestContext, records: T[], filters: FilterMap<T>): T[] {
	const active = Object.keys(filters).filter((name) => ctx.query[name] !== undefined);
	if (active.length === 0) return records;
	return records.filter((r) => active.every((name) => filters[name](r, ctx.query[name], ctx)));
}

function inScope<T extends { tenantId: string }>(ctx: RequestContext, records: T[]): T[] {
	const scope = tenantScope(ctx);
	return records.filter((r) => scope.has(r.tenantId));
}

// ---------------------------------------------------------------------------------------------
// Answers
// ---------------------------------------------------------------------------------------------

interface ListOptions<T> {
	/** Add meta.totalPages (v1 inventory and alert lists). */
	meta?: boolean;
	/** Side-loaded resources for the page's records. */
	included?: (records: T[]) => Resource[] | undefined;
}

function listAnswer<T>(
	ctx: RequestContext,
	records: T[],
	render: (r: T) => Resource,
	opts: ListOptions<T> = {},
): RouteResult {
	if (!ctx.page) throw new ApiError(500, `Operation ${ctx.op.operationId} is not paged.`);
	const page = paginate(records, ctx.page, ctx.fingerprint, ctx.linkBase);
	const body: Record<string, unknown> = { data: page.items.map(render), links: page.links };
	const included = opts.included?.(page.items);
	if (included) body.included = included;
	if (opts.meta) body.meta = { totalPages: page.totalPages };
	return ok(body);
}

function singleAnswer(resource: Resource, included?: Resource[]): RouteResult {
	return ok(included ? { data: resource, included } : { data: resource });
}

/** Look up a record by the {id} path parameter: 404 when unknown, 403 when its tenant is forbidden. */
function lookup<T extends { tenantId: string }>(
	ctx: RequestContext,
	map: Map<string, T>,
	what: string,
	param = 'id',
): T {
	const id = ctx.pathParams[param];
	const record = map.get(id);
	if (!record) throw notFound(`No ${what} with id '${id}'.`);
	checkTenantAccess(ctx, record.tenantId);
	return record;
}

// ---------------------------------------------------------------------------------------------
// Renderers
// ---------------------------------------------------------------------------------------------

function renderTenant(ctx: RequestContext, t: TenantRecord): Resource {
	const resource: Resource = {
		type: 'tenant',
		id: t.id,
		attributes: { domainPrefix: t.domainPrefix, tenantType: t.tenantType },
	};
	if (t.parentId) resource.relationships = { parent: { data: { type: 'tenant', id: t.parentId } } };
	return resource;
}

function renderTenantDetail(ctx: RequestContext, t: TenantRecord): Resource {
	const relationships: Resource = {
		authorizations: {
			data: [{ type: 'authorizations', id: `(${t.index + 1000},${t.index + 7000})` }],
		},
	};
	if (t.parentId) relationships.parent = { data: { type: 'tenants', id: t.parentId } };
	return {
		type: 'tenants',
		id: t.id,
		attributes: {
			domainPrefix: t.domainPrefix,
			displayName: t.displayName,
			tenantType: t.tenantType,
			enabled: true,
			subscribed: true,
			subscriptionOwner: ctx.sim.data.topTenant.domainPrefix,
			running: !ctx.sim.forbiddenTenants.has(t.id),
			trialStartDate: '2020-01-01T12:00:00.000-0500',
			trialEndDate: '2020-01-15T12:00:00.000-0500',
			address: {
				address1: `${t.index + 1} Example Street`,
				address2: '',
				city: 'Springfield',
				state: 'ON',
				postalCode: 'A1A 1A1',
				country: 'Canada',
				'State/Province': 'ON',
				'ZIP/PostalCode': 'A1A 1A1',
			},
		},
		relationships,
	};
}

function networkRefs(ctx: RequestContext, ids: string[]): Resource[] {
	return ids.map((id) => {
		const n = ctx.sim.index.networks.get(id);
		return {
			type: 'network',
			id,
			attributes: { networkName: n?.networkName ?? null },
			links: n ? networkLinks(ctx, n) : {},
		};
	});
}

function renderDevice(ctx: RequestContext, d: DeviceRecord): Resource {
	return {
		type: 'device',
		id: d.id,
		attributes: {
			ipAddresses: d.ipAddresses,
			deviceName: d.deviceName,
			deviceType: d.deviceType,
			makeModel: d.makeModel,
			vendorName: d.vendorName,
			softwareVersion: d.softwareVersion,
			serialNumber: d.serialNumber,
			description: d.description,
			firmwareVersion: d.firmwareVersion,
			lastModified: d.lastModified,
			lastSeenTime: d.lastSeenTime,
			onlineStatus: d.onlineStatus,
			stateKnown: d.stateKnown,
		},
		relationships: {
			tenant: tenantRel(ctx, d.tenantId),
			networks: { data: networkRefs(ctx, d.networkIds) },
			deviceDetail: {
				data: {
					type: 'deviceDetail',
					id: d.id,
					links: {
						self: api(ctx, `/v1/inventory/device/detail/${d.id}`),
						dashboard: deviceLinks(ctx, d).dashboard,
					},
				},
			},
		},
		links: deviceLinks(ctx, d),
	};
}

const DETAIL_FIELDS = [
	'discoveryStatus',
	'components',
	'connectedDevices',
	'configurations',
	'manageStatus',
	'interfaces',
];

/** deviceDetail resource; `fields` (sparse fieldset) keeps only the named members. */
function renderDeviceDetail(ctx: RequestContext, d: DeviceRecord, fields?: string[]): Resource {
	const idx = ctx.sim.index;
	const interfaces = idx.interfacesByDevice.get(d.id) ?? [];
	const connected = new Map<string, DeviceRecord>();
	for (const i of interfaces) {
		for (const otherId of i.connectedToIds) {
			const other = idx.interfaces.get(otherId);
			const peer = other ? idx.devices.get(other.parentDeviceId) : undefined;
			if (peer && peer.id !== d.id) connected.set(peer.id, peer);
		}
	}
	const attributes: Resource = {
		discoveryStatus: d.discoveryStatus,
		manageStatus: d.manageStatus,
		trafficInsightsStatus: d.trafficInsightsStatus,
	};
	const relationships: Resource = {
		tenant: tenantRel(ctx, d.tenantId),
		connectedDevices: {
			data: [...connected.values()].map((p) => ({
				type: 'device',
				id: p.id,
				attributes: { deviceName: p.deviceName },
				links: deviceLinks(ctx, p),
			})),
		},
		interfaces: {
			data: interfaces.map((i) => ({
				type: 'interface',
				id: i.id,
				attributes: { interfaceName: i.interfaceName, macAddress: i.macAddress },
				links: interfaceLinks(ctx, i),
			})),
		},
		configurations: {
			data: (idx.configurationsByDevice.get(d.id) ?? []).map((c) => ({
				type: 'configuration',
				id: c.id,
				attributes: { isRunning: c.isRunning, backupTime: c.backupTime },
				links: { self: api(ctx, `/v1/inventory/configuration/${c.id}`) },
			})),
		},
		components: {
			data: (idx.componentsByDevice.get(d.id) ?? []).map((c, n) => ({
				type: 'component',
				id: c.id,
				attributes: {
					componentName: c.componentName,
					componentType: c.componentType,
					configurationId: null,
					configurationIndex: n,
				},
				links: { self: api(ctx, `/v1/inventory/component/info/${c.id}`) },
			})),
		},
	};
	if (fields) {
		for (const key of Object.keys(attributes)) if (!fields.includes(key)) delete attributes[key];
		for (const key of Object.keys(relationships))
			if (!fields.includes(key)) delete relationships[key];
	}
	return {
		type: 'deviceDetail',
		id: d.id,
		attributes,
		relationships,
		links: {
			self: api(ctx, `/v1/inventory/device/detail/${d.id}`),
			dashboard: deviceLinks(ctx, d).dashboard,
		},
	};
}

/** included[] for include=deviceDetail (+ fields[deviceDetail]) on device info. */
function deviceDetailIncludes(
	ctx: RequestContext,
	devices: DeviceRecord[],
): Resource[] | undefined {
	if (ctx.query.include !== 'deviceDetail') return undefined;
	const fieldParam = ctx.query['fields[deviceDetail]'];
	const fields = fieldParam
		? fieldParam.split(',').filter((f) => DETAIL_FIELDS.includes(f))
		: undefined;
	return devices.map((d) => renderDeviceDetail(ctx, d, fields));
}

/** The type-specific extras of /inventory/device/detail/extended. */
function renderDeviceExtended(ctx: RequestContext, d: DeviceRecord): Resource {
	const peers = ctx.sim.data.devices.filter((x) => x.tenantId === d.tenantId && x.id !== d.id);
	const ref = (x: DeviceRecord, extra: Resource = {}): Resource => ({
		type: 'device',
		id: x.id,
		attributes: { deviceName: x.deviceName, ...extra },
		links: deviceLinks(ctx, x),
	});
	const attributes: Resource = { deviceType: d.deviceType };
	const relationships: Resource = { tenant: tenantRel(ctx, d.tenantId) };
	switch (d.deviceType) {
		case 'stack':
			relationships.members = {
				data: peers
					.filter((x) => x.deviceType === 'switch')
					.slice(0, 2)
					.map((x, n) =>
						ref(x, { memberRole: n === 0 ? 'master' : 'member', memberStatus: 'ready' }),
					),
			};
			break;
		case 'hypervisor':
			attributes.virtualMachines = peers
				.filter((x) => x.deviceType === 'virtualMachine')
				.slice(0, 5)
				.map((x) => ({ name: x.deviceName, powerStatus: x.onlineStatus, snapshots: [] }));
			break;
		case 'controller':
			relationships.accessPoints = {
				data: peers.filter((x) => x.deviceType === 'accessPoint').map((x) => ref(x)),
			};
			break;
		case 'accessPoint':
			attributes.ssidList = ['Corp', 'Guest'];
			relationships.wirelessClients = {
				data: peers
					.filter((x) => x.deviceType === 'workstation')
					.slice(0, 3)
					.map((x) => ref(x)),
			};
			break;
		default:
			attributes.tunnels =
				d.deviceType === 'firewall' || d.deviceType === 'router'
					? [
							{
								name: 'site-to-site',
								phase1: 'established',
								phase2: 'established',
								localGateway: d.ipAddresses[0],
								remoteGateway: '203.0.113.10',
								localAddressRange: '10.0.0.0/16',
								remoteAddressRange: '172.16.0.0/16',
							},
						]
					: [];
	}
	return {
		type: 'deviceExtendedDetail',
		id: d.id,
		attributes,
		relationships,
		links: {
			self: api(ctx, `/v1/inventory/device/detail/extended/${d.id}`),
			dashboard: deviceLinks(ctx, d).dashboard,
		},
	};
}

function renderWarranty(ctx: RequestContext, d: DeviceRecord): Resource {
	const w = ctx.sim.index.warranties.get(d.id);
	if (!w) throw new ApiError(500, 'warranty missing');
	return {
		type: 'deviceWarranty',
		id: d.id,
		attributes: {
			deviceName: d.deviceName,
			serviceCoverageStatus: w.coveredUnderService ? 'Covered' : 'Not Covered',
			serviceAttachmentStatus: w.serviceAttachmentStatus,
			contractRenewalAvailability: w.contractRenewalAvailability,
			warrantyCoverageStatus: w.coveredUnderWarranty ? 'Covered' : 'Not Covered',
			warrantyExpirationDate: w.warrantyExpirationDate,
			recommendedSoftwareVersion: w.recommendedSoftwareVersion,
		},
		relationships: { tenant: tenantRel(ctx, d.tenantId) },
		links: {
			self: api(ctx, `/v1/inventory/device/warranty/${d.id}`),
			dashboard: deviceLinks(ctx, d).dashboard,
		},
	};
}

function renderLifecycle(ctx: RequestContext, d: DeviceRecord): Resource {
	const l = ctx.sim.index.lifecycles.get(d.id);
	if (!l) throw new ApiError(500, 'lifecycle missing');
	return {
		type: 'deviceLifecycle',
		id: d.id,
		attributes: {
			deviceName: d.deviceName,
			salesAvailability: l.salesAvailability,
			softwareMaintenanceStatus: l.softwareMaintenanceStatus,
			securitySoftwareMaintenanceStatus: l.securitySoftwareMaintenanceStatus,
			lastSupportStatus: l.lastSupportStatus,
		},
		relationships: {
			tenant: tenantRel(ctx, d.tenantId),
			device: { data: { type: 'device', id: d.id, attributes: { deviceName: d.deviceName } } },
		},
		links: {
			self: api(ctx, `/v1/inventory/device/lifecycle/${d.id}`),
			dashboard: deviceLinks(ctx, d).dashboard,
		},
	};
}

function renderNetwork(ctx: RequestContext, n: NetworkRecord): Resource {
	return {
		type: 'network',
		id: n.id,
		attributes: {
			networkType: n.networkType,
			networkName: n.networkName,
			description: n.description,
			scanStatus: n.scanStatus,
			lastModified: n.lastModified,
		},
		relationships: {
			tenant: tenantRel(ctx, n.tenantId),
			networkDetail: {
				data: {
					type: 'networkDetail',
					id: n.id,
					links: {
						self: api(ctx, `/v1/inventory/network/detail/${n.id}`),
						dashboard: networkLinks(ctx, n).dashboard,
					},
				},
			},
			devices: {
				data: n.deviceIds.map((id) => {
					const d = deviceById(ctx, id);
					return {
						type: 'device',
						id,
						attributes: { deviceName: d.deviceName },
						links: deviceLinks(ctx, d),
					};
				}),
			},
		},
		links: networkLinks(ctx, n),
	};
}

const NETWORK_DETAIL_FIELDS = [
	'scope',
	'primaryCollector',
	'secondaryCollectors',
	'collectorSelection',
	'excludedIpAddresses',
];

function renderNetworkDetail(ctx: RequestContext, n: NetworkRecord, fields?: string[]): Resource {
	const attributes: Resource = {
		scope: n.scope,
		primaryCollector: n.primaryCollector,
		secondaryCollectors: n.secondaryCollectors,
		collectorSelection: n.collectorSelection,
		excludedIpAddresses: n.excludedIpAddresses,
	};
	if (fields)
		for (const key of Object.keys(attributes)) if (!fields.includes(key)) delete attributes[key];
	return {
		type: 'networkDetail',
		id: n.id,
		attributes,
		relationships: { tenant: tenantRel(ctx, n.tenantId) },
		links: {
			self: api(ctx, `/v1/inventory/network/detail/${n.id}`),
			dashboard: networkLinks(ctx, n).dashboard,
		},
	};
}

function networkDetailIncludes(
	ctx: RequestContext,
	networks: NetworkRecord[],
): Resource[] | undefined {
	if (ctx.query.include !== 'networkDetail') return undefined;
	const fieldParam = ctx.query['fields[networkDetail]'];
	const fields = fieldParam
		? fieldParam.split(',').filter((f) => NETWORK_DETAIL_FIELDS.includes(f))
		: undefined;
	return networks.map((n) => renderNetworkDetail(ctx, n, fields));
}

function renderInterface(ctx: RequestContext, i: InterfaceRecord): Resource {
	const parent = deviceById(ctx, i.parentDeviceId);
	return {
		type: 'interface',
		id: i.id,
		attributes: {
			interfaceName: i.interfaceName,
			interfaceType: i.interfaceType,
			macAddress: i.macAddress,
			negotiatedSpeed: i.negotiatedSpeed,
			duplex: i.duplex,
			customConnections: i.customConnections,
			ipAddresses: i.ipAddresses,
			operationalStatus: i.operationalStatus,
			adminStatus: i.adminStatus,
			lastModified: i.lastModified,
		},
		relationships: {
			tenant: tenantRel(ctx, i.tenantId),
			parentDevice: {
				data: {
					type: 'device',
					id: parent.id,
					attributes: { deviceName: parent.deviceName },
					links: deviceLinks(ctx, parent),
				},
			},
			connectedTo: {
				data: i.connectedToIds.map((id) => {
					const other = ctx.sim.index.interfaces.get(id);
					return { type: 'interface', id, links: other ? interfaceLinks(ctx, other) : {} };
				}),
			},
			networks: { data: networkRefs(ctx, i.networkIds) },
		},
		links: interfaceLinks(ctx, i),
	};
}

function renderComponent(ctx: RequestContext, c: ComponentRecord): Resource {
	const parent = deviceById(ctx, c.deviceId);
	return {
		type: 'component',
		id: c.id,
		attributes: {
			componentName: c.componentName,
			componentType: c.componentType,
			currentStatus: c.currentStatus,
			lastModified: c.lastModified,
		},
		relationships: {
			tenant: tenantRel(ctx, c.tenantId),
			parentDevice: {
				data: { type: 'device', id: parent.id, attributes: { deviceName: parent.deviceName } },
			},
		},
		links: {
			self: api(ctx, `/v1/inventory/component/info/${c.id}`),
			dashboard: deviceLinks(ctx, parent).dashboard,
		},
	};
}

// ---------------------------------------------------------------------------------------------
// Handlers: tenants, credentials, inventory
// ---------------------------------------------------------------------------------------------

function checkTopPrefix(ctx: RequestContext): void {
	const prefix = ctx.query.tenantDomainPrefix;
	const top = ctx.sim.data.topTenant;
	if (prefix === top.domainPrefix) return;
	if (ctx.sim.index.tenantsByPrefix.has(prefix)) {
		throw forbidden(
			`tenantDomainPrefix '${prefix}' is not the domain prefix of the main account; use '${top.domainPrefix}'.`,
		);
	}
	throw badRequest(`Unknown tenantDomainPrefix '${prefix}'.`);
}

const deviceFilters: FilterMap<DeviceRecord> = {
	'filter[networks]': anyOf((d) => d.networkIds),
	'filter[deviceType]': eq((d) => d.deviceType),
	'filter[makeModel]': contains((d) => d.makeModel),
	'filter[vendorName]': contains((d) => d.vendorName),
	'filter[onlineStatus]': eq((d) => d.onlineStatus),
	'filter[modifiedAfter]': after((d) => d.lastModified),
	'filter[notSeenSince]': before((d) => d.lastSeenTime),
	'filter[stateKnown]': bool((d) => d.stateKnown),
};

const deviceDetailFilters: FilterMap<DeviceRecord> = {
	'filter[manageStatus]': bool((d) => d.manageStatus),
	'filter[discoverySNMP]': eq((d) => d.discoveryStatus.snmp),
	'filter[discoveryWMI]': eq((d) => d.discoveryStatus.wmi),
	'filter[discoveryLogin]': eq((d) => d.discoveryStatus.login),
	'filter[discoveryVMware]': eq((d) => d.discoveryStatus.vmware),
	'filter[trafficInsightsStatus]': eq((d) => d.trafficInsightsStatus),
};

const networkFilters: FilterMap<NetworkRecord> = {
	'filter[networkType]': eq((n) => n.networkType),
	'filter[scanStatus]': eq((n) => n.scanStatus),
	'filter[devices]': anyOf((n) => n.deviceIds),
	'filter[modifiedAfter]': after((n) => n.lastModified),
	'filter[scope]': eq((n) => n.scope),
};

const interfaceFilters: FilterMap<InterfaceRecord> = {
	'filter[interfaceType]': eq((i) => i.interfaceType),
	'filter[parentDevice]': oneOf((i) => i.parentDeviceId),
	'filter[adminStatus]': bool((i) => i.adminStatus),
	'filter[operationalStatus]': eq((i) => i.operationalStatus),
	'filter[modifiedAfter]': after((i) => i.lastModified),
};

const HANDLERS: Record<string, Handler> = {
	verifyCredentials: () => ({ status: 200 }),

	readMultipleTenants: (ctx) => ok({ data: ctx.sim.data.tenants.map((t) => renderTenant(ctx, t)) }),

	readMultipleTenantsDetail: (ctx) => {
		checkTopPrefix(ctx);
		let tenants = ctx.sim.data.tenants;
		if (ctx.query['filter[availableTenants]'] === 'true')
			tenants = tenants.filter((t) => !ctx.sim.forbiddenTenants.has(t.id));
		return ok({ data: tenants.map((t) => renderTenantDetail(ctx, t)) });
	},

	readSingleTenantsDetail: (ctx) => {
		checkTopPrefix(ctx);
		const tenant = ctx.sim.index.tenants.get(ctx.pathParams.id);
		if (!tenant) throw notFound(`No tenant with id '${ctx.pathParams.id}'.`);
		return singleAnswer(renderTenantDetail(ctx, tenant));
	},

	readMultipleDeviceInfo: (ctx) =>
		listAnswer(
			ctx,
			applyFilters(ctx, inScope(ctx, ctx.sim.data.devices), deviceFilters),
			(d) => renderDevice(ctx, d),
			{
				meta: true,
				included: (page) => deviceDetailIncludes(ctx, page),
			},
		),

	readSingleDeviceInfo: (ctx) => {
		const d = lookup(ctx, ctx.sim.index.devices, 'device');
		return singleAnswer(renderDevice(ctx, d), deviceDetailIncludes(ctx, [d]));
	},

	readMultipleDeviceDetails: (ctx) =>
		listAnswer(
			ctx,
			applyFilters(ctx, inScope(ctx, ctx.sim.data.devices), deviceDetailFilters),
			(d) => renderDeviceDetail(ctx, d),
			{ meta: true },
		),

	readSingleDeviceDetails: (ctx) =>
		singleAnswer(renderDeviceDetail(ctx, lookup(ctx, ctx.sim.index.devices, 'device'))),

	readMultipleDeviceExtendedDetail: (ctx) =>
		listAnswer(
			ctx,
			applyFilters(ctx, inScope(ctx, ctx.sim.data.devices), deviceFilters),
			(d) => renderDeviceExtended(ctx, d),
			{ meta: true },
		),

	readSingleDeviceExtendedDetail: (ctx) =>
		singleAnswer(renderDeviceExtended(ctx, lookup(ctx, ctx.sim.index.devices, 'device'))),

	readMultipleDeviceWarranty: (ctx) => {
		const idx = ctx.sim.index;
		const devices = inScope(ctx, ctx.sim.data.devices).filter((d) => idx.warranties.has(d.id));
		const filtered = applyFilters(ctx, devices, {
			'filter[coveredUnderWarranty]': bool(
				(d) => idx.warranties.get(d.id)?.coveredUnderWarranty === true,
			),
			'filter[coveredUnderService]': bool(
				(d) => idx.warranties.get(d.id)?.coveredUnderService === true,
			),
		});
		return listAnswer(ctx, filtered, (d) => renderWarranty(ctx, d), { meta: true });
	},

	readSingleDeviceWarranty: (ctx) => {
		const d = lookup(ctx, ctx.sim.index.devices, 'device');
		if (!ctx.sim.index.warranties.has(d.id))
			throw notFound(`No warranty record for device '${d.id}'.`);
		return singleAnswer(renderWarranty(ctx, d));
	},

	readMultipleDeviceLifecycle: (ctx) => {
		const idx = ctx.sim.index;
		const devices = inScope(ctx, ctx.sim.data.devices).filter((d) => idx.lifecycles.has(d.id));
		const status = (
			key:
				| 'salesAvailability'
				| 'softwareMaintenanceStatus'
				| 'securitySoftwareMaintenanceStatus'
				| 'lastSupportStatus',
		) => eq<DeviceRecord>((d) => idx.lifecycles.get(d.id)?.[key]);
		const filtered = applyFilters(ctx, devices, {
			'filter[salesAvailability]': status('salesAvailability'),
			'filter[softwareMaintenanceStatus]': status('softwareMaintenanceStatus'),
			'filter[securitySoftwareMaintenanceStatus]': status('securitySoftwareMaintenanceStatus'),
			'filter[lastSupportStatus]': status('lastSupportStatus'),
		});
		return listAnswer(ctx, filtered, (d) => renderLifecycle(ctx, d), { meta: true });
	},

	readSingleDeviceLifecycle: (ctx) => {
		const d = lookup(ctx, ctx.sim.index.devices, 'device');
		if (!ctx.sim.index.lifecycles.has(d.id))
			throw notFound(`No lifecycle record for device '${d.id}'.`);
		return singleAnswer(renderLifecycle(ctx, d));
	},

	readMultipleNetworkInfo: (ctx) =>
		listAnswer(
			ctx,
			applyFilters(ctx, inScope(ctx, ctx.sim.data.networks), networkFilters),
			(n) => renderNetwork(ctx, n),
			{
				meta: true,
				included: (page) => networkDetailIncludes(ctx, page),
			},
		),

	readSingleNetworkInfo: (ctx) => {
		const n = lookup(ctx, ctx.sim.index.networks, 'network');
		return singleAnswer(renderNetwork(ctx, n), networkDetailIncludes(ctx, [n]));
	},

	readMultipleNetworkDetails: (ctx) =>
		listAnswer(
			ctx,
			applyFilters(ctx, inScope(ctx, ctx.sim.data.networks), networkFilters),
			(n) => renderNetworkDetail(ctx, n),
			{ meta: true },
		),

	readSingleNetworkDetails: (ctx) =>
		singleAnswer(renderNetworkDetail(ctx, lookup(ctx, ctx.sim.index.networks, 'network'))),

	readMultipleInterfaceInfo: (ctx) =>
		listAnswer(
			ctx,
			applyFilters(ctx, inScope(ctx, ctx.sim.data.interfaces), interfaceFilters),
			(i) => renderInterface(ctx, i),
			{ meta: true },
		),

	readSingleInterfaceInfo: (ctx) =>
		singleAnswer(renderInterface(ctx, lookup(ctx, ctx.sim.index.interfaces, 'interface'))),

	readMultipleComponentInfo: (ctx) => {
		const filtered = applyFilters(ctx, inScope(ctx, ctx.sim.data.components), {
			'filter[modifiedAfter]': after((c) => c.lastModified),
			'filter[deviceId]': oneOf((c) => c.deviceId),
			'filter[deviceName]': (c, v) => ctx.sim.index.devices.get(c.deviceId)?.deviceName === v,
			'filter[currentStatus]': eq((c) => c.currentStatus),
		});
		return listAnswer(ctx, filtered, (c) => renderComponent(ctx, c), { meta: true });
	},

	readSingleComponentInfo: (ctx) =>
		singleAnswer(renderComponent(ctx, lookup(ctx, ctx.sim.index.components, 'component'))),

	readMultipleConfigurations: (ctx) => {
		const filtered = applyFilters(ctx, inScope(ctx, ctx.sim.data.configurations), {
			'filter[deviceId]': oneOf((c) => c.deviceId),
			'filter[backupTimeAfter]': since((c) => c.backupTime),
			'filter[backupTimeBefore]': until((c) => c.backupTime),
			'filter[isRunning]': bool((c) => c.isRunning),
		});
		return listAnswer(ctx, filtered, (c) => renderConfiguration(ctx, c.id), { meta: true });
	},

	readSingleConfiguration: (ctx) =>
		singleAnswer(
			renderConfiguration(ctx, lookup(ctx, ctx.sim.index.configurations, 'configuration').id),
		),

	readMultipleEntityNote: (ctx) => {
		const filtered = applyFilters(ctx, inScope(ctx, ctx.sim.data.notes), {
			'filter[entityId]': oneOf((n) => n.entityId),
			'filter[entityType]': eq((n) => n.entityType),
			'filter[entityName]': eq((n) => n.entityName),
			'filter[lastModifiedBy]': eq((n) => n.lastModifiedBy),
			'filter[modifiedAfter]': after((n) => n.lastModified),
		});
		return listAnswer(ctx, filtered, (n) => renderNote(ctx, n.id), { meta: true });
	},

	readSingleEntityNote: (ctx) =>
		singleAnswer(renderNote(ctx, lookup(ctx, ctx.sim.index.notes, 'entity note').id)),

	readMultipleEntityAudit: (ctx) => {
		const filtered = applyFilters(ctx, inScope(ctx, ctx.sim.data.audits), {
			'filter[user]': eq((a) => a.user),
			'filter[category]': eq((a) => a.category),
			'filter[status]': eq((a) => a.status),
			'filter[modifiedAfter]': after((a) => a.lastModified),
		});
		return listAnswer(ctx, filtered, (a) => renderAudit(ctx, a.id), { meta: true });
	},

	readSingleEntityAudit: (ctx) =>
		singleAnswer(renderAudit(ctx, lookup(ctx, ctx.sim.index.audits, 'entity audit').id)),
};

function renderConfiguration(ctx: RequestContext, id: string): Resource {
	const c = ctx.sim.index.configurations.get(id);
	if (!c) throw notFound(`No configuration with id '${id}'.`);
	const d = deviceById(ctx, c.deviceId);
	return {
		type: 'configuration',
		id: c.id,
		attributes: { backupTime: c.backupTime, isRunning: c.isRunning },
		relationships: {
			tenant: tenantRel(ctx, c.tenantId),
			device: { data: { type: 'device', id: d.id, attributes: { deviceName: d.deviceName } } },
		},
		links: {
			self: api(ctx, `/v1/inventory/configuration/${c.id}`),
			dashboard: deviceLinks(ctx, d).dashboard,
		},
	};
}

function renderNote(ctx: RequestContext, id: string): Resource {
	const n = ctx.sim.index.notes.get(id);
	if (!n) throw notFound(`No entity note with id '${id}'.`);
	return {
		type: 'entityNote',
		id: n.id,
		attributes: {
			title: n.title,
			body: n.body,
			entityId: n.entityId,
			entityType: n.entityType,
			entityName: n.entityName,
			lastModifiedBy: n.lastModifiedBy,
			lastModified: n.lastModified,
		},
		relationships: { tenant: tenantRel(ctx, n.tenantId) },
		links: { self: api(ctx, `/v1/inventory/entity/note/${n.id}`) },
	};
}

function renderAudit(ctx: RequestContext, id: string): Resource {
	const a = ctx.sim.index.audits.get(id);
	if (!a) throw notFound(`No entity audit with id '${id}'.`);
	const d = deviceById(ctx, a.deviceId);
	return {
		type: 'entityAudit',
		id: a.id,
		attributes: {
			user: a.user,
			category: a.category,
			action: a.action,
			direction: a.direction,
			status: a.status,
			cause: a.cause,
			data: a.data,
			dateStarted: a.dateStarted,
			lastActive: a.lastActive,
		},
		relationships: {
			tenant: tenantRel(ctx, a.tenantId),
			device: { data: { type: 'device', id: d.id, attributes: { deviceName: d.deviceName } } },
		},
		links: { self: api(ctx, `/v1/inventory/entity/audit/${a.id}`) },
	};
}

// ---------------------------------------------------------------------------------------------
// Alerts
// ---------------------------------------------------------------------------------------------

function entityLinks(ctx: RequestContext, a: AlertRecord): Resource {
	const idx = ctx.sim.index;
	if (a.entity.type === 'device') {
		const d = idx.devices.get(a.entity.id);
		if (d) return deviceLinks(ctx, d);
	} else if (a.entity.type === 'interface') {
		const i = idx.interfaces.get(a.entity.id);
		if (i) return interfaceLinks(ctx, i);
	} else {
		const n = idx.networks.get(a.entity.id);
		if (n) return networkLinks(ctx, n);
	}
	return {};
}

function alertLinks(ctx: RequestContext, a: AlertRecord): Resource {
	return {
		self: api(ctx, `/v1/alert/history/info/${a.id}`),
		dashboard: dashboard(ctx, a.tenantId, `alert/${a.id}`),
	};
}

export function renderAlert(ctx: RequestContext, a: AlertRecord): Resource {
	const relationships: Resource = {
		tenant: tenantRel(ctx, a.tenantId),
		entity: {
			data: {
				type: a.entity.type,
				id: a.entity.id,
				name: a.entity.name,
				links: entityLinks(ctx, a),
			},
		},
	};
	const related = a.relatedAlertId ? ctx.sim.index.alerts.get(a.relatedAlertId) : undefined;
	if (related) {
		relationships.relatedAlert = {
			data: {
				type: 'alert',
				id: related.id,
				attributes: { name: related.name },
				links: alertLinks(ctx, related),
			},
		};
	}
	return {
		type: 'alert',
		id: a.id,
		attributes: {
			name: a.name,
			severity: a.severity,
			status: a.status,
			alertDefinitionId: a.alertDefinitionId,
			specificationId: a.specificationId,
			detectedOn: a.detectedOn,
			description: a.description,
			dismissed: a.dismissed,
			dispatched: a.dispatched,
			externalTicket: a.externalTicket,
		},
		relationships,
		links: alertLinks(ctx, a),
	};
}

HANDLERS.readMultipleAlertInfo = (ctx) => {
	const filtered = applyFilters(ctx, inScope(ctx, ctx.sim.data.alerts), {
		'filter[alertDefinitionId]': oneOf((a) => a.alertDefinitionId),
		'filter[alertSpecificationId]': oneOf((a) => a.specificationId),
		'filter[severity]': eq((a) => a.severity),
		'filter[status]': eq((a) => a.status),
		'filter[entityId]': oneOf((a) => a.entity.id),
		'filter[dismissed]': bool((a) => a.dismissed),
		'filter[dispatched]': bool((a) => a.dispatched),
		'filter[detectedTimeAfter]': after((a) => a.detectedOn),
		'filter[detectedTimeBefore]': until((a) => a.detectedOn),
	});
	return listAnswer(ctx, filtered, (a) => renderAlert(ctx, a), { meta: true });
};

HANDLERS.readSingleAlertInfo = (ctx) =>
	singleAnswer(renderAlert(ctx, lookup(ctx, ctx.sim.index.alerts, 'alert')));

HANDLERS.alertDismissSingle = (ctx) => {
	const alert = lookup(ctx, ctx.sim.index.alerts, 'alert');
	alert.dismissed = true;
	return { status: 200 };
};

// ---------------------------------------------------------------------------------------------
// Billing
// ---------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;

interface UsagePeriod {
	startDate: string;
	endDate: string;
	lengthInDays: number;
	days: string[];
}

function usagePeriod(ctx: RequestContext): UsagePeriod {
	const from = parseTime(ctx.query['filter[fromDate]']);
	const thru = parseTime(ctx.query['filter[thruDate]']);
	if (thru < from) throw badRequest('filter[thruDate] must not be before filter[fromDate].');
	const lengthInDays = Math.round((thru - from) / DAY_MS) + 1;
	const days: string[] = [];
	for (let t = from; t <= thru && days.length < 366; t += DAY_MS)
		days.push(new Date(t).toISOString().slice(0, 10));
	return {
		startDate: `${ctx.query['filter[fromDate]']}T00:00:00Z`,
		endDate: `${ctx.query['filter[thruDate]']}T00:00:00Z`,
		lengthInDays,
		days,
	};
}

const CLIENT_TYPES = ['notier', 'light', 'essentials', 'performance'] as const;

function byClientType(total: number, tierIndex: number): Record<string, number> {
	const out: Record<string, number> = {};
	CLIENT_TYPES.forEach((k, n) => (out[k] = n === tierIndex ? total : 0));
	return out;
}

function renderClientUsage(
	ctx: RequestContext,
	tenant: TenantRecord,
	period: UsagePeriod,
): Resource {
	const devices = ctx.sim.data.devices.filter((d) => d.tenantId === tenant.id);
	const billable = devices.filter((d) => d.manageStatus);
	const tier = tenant.index % CLIENT_TYPES.length;
	const totalDays = billable.length * period.lengthInDays;
	const workstations = devices.filter((d) => d.deviceType === 'workstation').length;
	const servers = devices.filter((d) => d.deviceType === 'server').length;
	const asmUsers = ctx.sim.data.asm.users.filter(
		(u) => ctx.sim.index.asmClients.get(u.clientId)?.tenantId === tenant.id,
	);
	return {
		type: 'clientUsage',
		id: tenant.id,
		attributes: {
			domainPrefix: tenant.domainPrefix,
			billableDays: totalDays,
			usagePeriod: {
				startDate: period.startDate,
				endDate: period.endDate,
				lengthInDays: period.lengthInDays,
			},
			deviceUsage: {
				totalDays,
				averageDays: billable.length,
				totalDaysByClientType: byClientType(totalDays, tier),
				averageDaysByClientType: byClientType(billable.length, tier),
			},
			clientUsage: {
				totalDays: period.lengthInDays,
				averagedDays: 1,
				totalDaysByClientType: byClientType(period.lengthInDays, tier),
				averageDaysByClientType: byClientType(1, tier),
			},
			monitoredWorkstations: period.days.map((date) => ({ date, totalEndpoints: workstations })),
			monitoredServers: period.days.map((date) => ({ date, totalServers: servers })),
			maxMonitoredWorkstations: workstations,
			maxMonitoredServers: servers,
			asmUserUsage: { totalAsmUsers: asmUsers.length },
		},
		relationships: {
			devices: {
				data: billable.map((d) => ({
					type: 'deviceUsage',
					id: d.id,
					attributes: {
						name: d.deviceName,
						totalDays: period.lengthInDays,
						clientName: tenant.domainPrefix,
					},
					links: {
						self: api(ctx, `/v1/billing/usage/device/${d.id}`),
						deviceRecord: deviceLinks(ctx, d).self,
					},
				})),
			},
			clients: {
				data: [
					{
						type: 'clientUsage',
						id: tenant.id,
						attributes: { domainPrefix: tenant.domainPrefix, totalBillableDays: totalDays },
						links: { self: api(ctx, '/v1/billing/usage/client') },
					},
				],
			},
			asmUsers: { data: asmUsers.map((u) => ({ id: u.id })) },
		},
		links: {
			self: api(ctx, '/v1/billing/usage/client'),
			dashboard: dashboard(ctx, tenant.id, 'billing'),
			tenantRecord: api(ctx, `/v1/tenants/detail/${tenant.id}`),
		},
	};
}

HANDLERS.readClientUsage = (ctx) => {
	const period = usagePeriod(ctx);
	const scope = tenantScope(ctx);
	const tenants = ctx.sim.data.clientTenants.filter((t) => scope.has(t.id));
	return ok({ data: tenants.map((t) => renderClientUsage(ctx, t, period)) });
};

HANDLERS.readDeviceUsage = (ctx) => {
	const d = lookup(ctx, ctx.sim.index.devices, 'device');
	const period = usagePeriod(ctx);
	const tenant = tenantOf(ctx, d.tenantId);
	const tier = tenant.index % CLIENT_TYPES.length;
	const days = d.manageStatus ? period.lengthInDays : 0;
	return singleAnswer({
		type: 'deviceUsage',
		id: d.id,
		attributes: {
			deviceName: d.deviceName,
			usagePeriod: {
				startDate: period.startDate,
				endDate: period.endDate,
				lengthInDays: period.lengthInDays,
			},
			totalDays: days,
			averageDays: days > 0 ? 1 : 0,
			totalDaysByClientType: byClientType(days, tier),
			averageDaysByClientType: byClientType(days > 0 ? 1 : 0, tier),
		},
		relationships: {
			client: {
				data: {
					type: 'clientUsage',
					id: tenant.id,
					attributes: { domainPrefix: tenant.domainPrefix },
					links: {
						self: api(ctx, '/v1/billing/usage/client'),
						tenantRecord: api(ctx, `/v1/tenants/detail/${tenant.id}`),
						dashboard: dashboard(ctx, tenant.id, 'billing'),
					},
				},
			},
		},
		links: {
			self: api(ctx, `/v1/billing/usage/device/${d.id}`),
			deviceRecord: deviceLinks(ctx, d).self,
		},
	});
};

// ---------------------------------------------------------------------------------------------
// Statistics
// ---------------------------------------------------------------------------------------------

interface StatWindow {
	from: number;
	thru: number;
	interval: Interval;
	reportPeriod: { fromTime: string; thruTime: string };
}

/** fromTime/thruTime/interval of a statistics request; 504 for an over-long minute window. */
function statWindow(ctx: RequestContext): StatWindow {
	const from = parseTime(ctx.query['filter[fromTime]']);
	const thru =
		ctx.query['filter[thruTime]'] !== undefined
			? parseTime(ctx.query['filter[thruTime]'])
			: ctx.sim.now();
	if (thru <= from) throw badRequest('filter[thruTime] must be later than filter[fromTime].');
	const interval = ctx.query['filter[interval]'] as Interval;
	const maxMinutes = ctx.sim.options.statMaxMinutesAtMinuteInterval;
	if (interval === 'minute' && (thru - from) / 60_000 > maxMinutes) {
		throw new ApiError(
			504,
			`The statistics request timed out: more than ${maxMinutes} minutes at minute interval. Narrow the time range.`,
		);
	}
	return {
		from,
		thru,
		interval,
		reportPeriod: {
			fromTime: new Date(from).toISOString(),
			thruTime: new Date(thru).toISOString(),
		},
	};
}

function statBlock(
	shape: StatShape,
	key: string,
	statId: string,
	w: StatWindow,
	times: number[],
	extra: Resource = {},
): Resource {
	return {
		...extra,
		legend: shape.legend,
		unit: shape.unit,
		data: statRows(shape, key, statId, w.interval, times),
	};
}

function statsHandler(family: StatFamily): Handler {
	return (ctx) => {
		const statId = ctx.pathParams.statId;
		const componentType = ctx.pathParams.componentType;
		const shape = statShape(family, statId, componentType);
		if (!shape) throw badRequest(`Invalid statId '${statId}'.`);
		const w = statWindow(ctx);
		const times = bucketTimes(w.from, w.thru, ctx.sim.now(), w.interval);
		const attrs = (stats: Resource): Resource => ({
			reportPeriod: w.reportPeriod,
			interval: w.interval,
			statType: shape.statType,
			...stats,
		});

		if (family === 'device' || family === 'deviceAvailability') {
			const devices = applyFilters(ctx, inScope(ctx, ctx.sim.data.devices), {
				'filter[deviceType]': eq((d) => d.deviceType),
				'filter[deviceId]': oneOf((d) => d.id),
			});
			return listAnswer(ctx, devices, (d) => ({
				type: `${family}Statistics`,
				id: d.id,
				attributes: attrs({ stats: [statBlock(shape, d.id, statId, w, times)] }),
				relationships: {
					device: {
						data: {
							type: 'device',
							id: d.id,
							deviceName: d.deviceName,
							deviceType: d.deviceType,
							links: deviceLinks(ctx, d),
						},
					},
					tenant: tenantRel(ctx, d.tenantId),
				},
				links: { self: ctx.linkBase, dashboard: deviceLinks(ctx, d).dashboard },
			}));
		}

		if (family === 'interface') {
			const interfaces = applyFilters(ctx, inScope(ctx, ctx.sim.data.interfaces), {
				'filter[interfaceType]': eq((i) => i.interfaceType),
				'filter[interfaceId]': oneOf((i) => i.id),
				'filter[parentDevice]': oneOf((i) => i.parentDeviceId),
			});
			return listAnswer(ctx, interfaces, (i) => ({
				type: 'interfaceStatistics',
				id: i.id,
				attributes: attrs({ stats: [statBlock(shape, i.id, statId, w, times)] }),
				relationships: {
					interface: {
						data: {
							type: 'interface',
							id: i.id,
							interfaceName: i.interfaceName,
							interfaceType: i.interfaceType,
							parentDevice: i.parentDeviceId,
							links: {
								...interfaceLinks(ctx, i),
								parentDevice: api(ctx, `/v1/inventory/device/info/${i.parentDeviceId}`),
							},
						},
					},
					tenant: tenantRel(ctx, i.tenantId),
				},
				links: { self: ctx.linkBase, dashboard: interfaceLinks(ctx, i).dashboard },
			}));
		}

		if (family === 'component') {
			// cpuCore statistics come from the CPU components (two cores each)
			const inventoryType = componentType === 'cpuCore' ? 'cpu' : componentType;
			const components = applyFilters(
				ctx,
				inScope(ctx, ctx.sim.data.components).filter((c) => c.componentType === inventoryType),
				{
					'filter[componentId]': oneOf((c) => c.id),
					'filter[parentDevice]': oneOf((c) => c.deviceId),
				},
			);
			return listAnswer(ctx, components, (c) => {
				const parent = deviceById(ctx, c.deviceId);
				const stats =
					componentType === 'cpuCore'
						? [0, 1].map((core) =>
								statBlock(shape, `${c.id}#${core}`, statId, w, times, {
									name: `Core ${core}`,
									index: String(core),
								}),
							)
						: [statBlock(shape, c.id, statId, w, times)];
				return {
					type: 'componentStatistics',
					id: c.id,
					attributes: attrs({ stats }),
					relationships: {
						component: {
							data: {
								type: 'component',
								id: c.id,
								componentName: c.componentName,
								componentType,
								parentDevice: c.deviceId,
								links: {
									self: api(ctx, `/v1/inventory/component/info/${c.id}`),
									parentDevice: deviceLinks(ctx, parent).self,
									dashboard: deviceLinks(ctx, parent).dashboard,
								},
							},
						},
						tenant: tenantRel(ctx, c.tenantId),
					},
					links: { self: ctx.linkBase, dashboard: deviceLinks(ctx, parent).dashboard },
				};
			});
		}

		// service (cloud ping checks)
		const services = applyFilters(ctx, inScope(ctx, ctx.sim.data.services), {
			'filter[serviceId]': oneOf((s) => s.id),
		});
		return listAnswer(ctx, services, (s) => ({
			type: 'serviceStatistics',
			id: s.id,
			attributes: attrs({
				endpoints: s.endpoints.map((e) => ({
					id: e.id,
					ipAddress: e.ipAddress,
					stats: [statBlock(shape, e.id, statId, w, times)],
				})),
			}),
			relationships: {
				service: {
					data: {
						type: 'service',
						id: s.id,
						attributes: { serviceName: s.serviceName },
						links: { dashboard: dashboard(ctx, s.tenantId, `service/${s.id}`) },
					},
				},
				tenant: tenantRel(ctx, s.tenantId),
			},
			links: { self: ctx.linkBase, dashboard: dashboard(ctx, s.tenantId, `service/${s.id}`) },
		}));
	};
}

HANDLERS.readDeviceStatistics = statsHandler('device');
HANDLERS.readDeviceAvailabilityStatistics = statsHandler('deviceAvailability');
HANDLERS.readInterfaceStatistics = statsHandler('interface');
HANDLERS.readComponentStatistics = statsHandler('component');
HANDLERS.readServiceStatistics = statsHandler('service');

/** Latest value of each monitored OID; drifts a little every 5 minutes of simulator time. */
HANDLERS.readOidStatistics = (ctx) => {
	const idx = ctx.sim.index;
	const monitors = applyFilters(ctx, inScope(ctx, ctx.sim.data.oidMonitors), {
		'filter[deviceId]': oneOf((m) => m.deviceId),
		'filter[deviceType]': (m, v) => idx.devices.get(m.deviceId)?.deviceType === v,
		'filter[oid]': eq((m) => m.oid),
	});
	const slot = Math.floor(ctx.sim.now() / 300_000);
	return listAnswer(ctx, monitors, (m) => {
		const d = deviceById(ctx, m.deviceId);
		return {
			type: 'deviceOidMonitor',
			id: m.id,
			attributes: {
				oid: m.oid,
				oidName: m.oidName,
				value: Math.round((m.value + 5 * (unitHash(m.id, slot) - 0.5)) * 100) / 100,
			},
			relationships: {
				tenant: tenantRel(ctx, m.tenantId),
				device: {
					data: {
						type: 'device',
						id: d.id,
						deviceType: d.deviceType,
						deviceName: d.deviceName,
						links: deviceLinks(ctx, d),
					},
				},
			},
			links: { self: ctx.linkBase, dashboard: deviceLinks(ctx, d).dashboard },
		};
	});
};

// ---------------------------------------------------------------------------------------------
// SNMP poller settings and history
// ---------------------------------------------------------------------------------------------

function settingAttributes(s: SnmpPollerSettingRecord): Resource {
	return { name: s.name, protocol: 'snmp', oid: s.oid, type: s.type, useAs: s.useAs };
}

function settingLinks(ctx: RequestContext, s: SnmpPollerSettingRecord): Resource {
	return {
		self: api(ctx, `/v1/settings/snmppoller/${s.id}`),
		dashboard: dashboard(ctx, s.tenantId, `settings/snmppoller/${s.id}`),
	};
}

function renderSetting(ctx: RequestContext, s: SnmpPollerSettingRecord): Resource {
	return {
		type: 'snmpPollerSetting',
		id: s.id,
		attributes: settingAttributes(s),
		relationships: { tenant: tenantRel(ctx, s.tenantId) },
		links: settingLinks(ctx, s),
	};
}

HANDLERS.readMultipleSnmpPollerSettings = (ctx) => {
	const devicesOf = (s: SnmpPollerSettingRecord): DeviceRecord[] =>
		s.deviceIds.map((id) => deviceById(ctx, id));
	const settings = applyFilters(ctx, inScope(ctx, ctx.sim.data.snmpPollerSettings), {
		'filter[deviceId]': anyOf((s) => s.deviceIds),
		'filter[useAs]': eq((s) => s.useAs),
		'filter[type]': eq((s) => s.type),
		'filter[deviceType]': (s, v) => devicesOf(s).some((d) => d.deviceType === v),
		'filter[makeModel]': (s, v) =>
			devicesOf(s).some((d) => (d.makeModel ?? '').toLowerCase().includes(v.toLowerCase())),
		'filter[vendorName]': (s, v) =>
			devicesOf(s).some((d) => (d.vendorName ?? '').toLowerCase().includes(v.toLowerCase())),
		'filter[oid]': eq((s) => s.oid),
		'filter[name]': contains((s) => s.name),
	});
	return listAnswer(ctx, settings, (s) => renderSetting(ctx, s));
};

HANDLERS.readSnmpPollerSettingSingle = (ctx) =>
	singleAnswer(
		renderSetting(
			ctx,
			lookup(ctx, ctx.sim.index.snmpPollerSettings, 'SNMP poller setting', 'snmpPollerSettingId'),
		),
	);

HANDLERS.ReadMultipleSnmpPollerSettingDevices = (ctx) => {
	const setting = lookup(
		ctx,
		ctx.sim.index.snmpPollerSettings,
		'SNMP poller setting',
		'snmpPollerSettingId',
	);
	const scope = tenantScope(ctx);
	const devices = applyFilters(
		ctx,
		setting.deviceIds.map((id) => deviceById(ctx, id)).filter((d) => scope.has(d.tenantId)),
		{
			'filter[onlineStatus]': eq((d) => d.onlineStatus),
			'filter[modifiedAfter]': after((d) => d.lastModified),
			'filter[notSeenSince]': before((d) => d.lastSeenTime),
			'filter[deviceType]': eq((d) => d.deviceType),
			'filter[makeModel]': contains((d) => d.makeModel),
			'filter[vendorName]': contains((d) => d.vendorName),
		},
	);
	return listAnswer(ctx, devices, (d) => ({
		type: 'snmpPollerSettingDevice',
		id: d.id,
		attributes: { name: d.deviceName, type: d.deviceType },
		relationships: {
			tenant: tenantRel(ctx, d.tenantId),
			snmpPollerSetting: {
				data: {
					type: 'snmpPollerSetting',
					id: setting.id,
					attributes: settingAttributes(setting),
					links: settingLinks(ctx, setting),
				},
			},
		},
		links: deviceLinks(ctx, d),
	}));
};

/** (setting, device) pairs of poller-type settings of one value type, in scope and filtered. */
function pollerSeries(
	ctx: RequestContext,
	type: 'string' | 'numeric',
): Array<{ setting: SnmpPollerSettingRecord; device: DeviceRecord }> {
	const scope = tenantScope(ctx);
	const wantedSettings = ctx.query['filter[snmpPollerSettingId]']
		? csv(ctx.query['filter[snmpPollerSettingId]'])
		: undefined;
	const wantedDevices = ctx.query['filter[deviceId]']
		? csv(ctx.query['filter[deviceId]'])
		: undefined;
	const out: Array<{ setting: SnmpPollerSettingRecord; device: DeviceRecord }> = [];
	for (const setting of ctx.sim.data.snmpPollerSettings) {
		if (setting.type !== type || setting.useAs !== 'poller' || !scope.has(setting.tenantId))
			continue;
		if (wantedSettings && !wantedSettings.includes(setting.id)) continue;
		for (const deviceId of setting.deviceIds) {
			if (wantedDevices && !wantedDevices.includes(deviceId)) continue;
			out.push({ setting, device: deviceById(ctx, deviceId) });
		}
	}
	return out;
}

function historyResource(
	ctx: RequestContext,
	setting: SnmpPollerSettingRecord,
	device: DeviceRecord,
	attributes: Resource,
): Resource {
	return {
		type: 'snmpPollerHistoryStatistics',
		id: Buffer.from(`${setting.id},${device.id}`, 'utf8').toString('base64url'),
		attributes,
		relationships: {
			snmpPollerSetting: {
				data: { type: 'snmpPollerSetting', id: setting.id, links: settingLinks(ctx, setting) },
			},
			device: { data: { type: 'device', id: device.id } },
			tenant: { data: { type: 'tenant', id: device.tenantId } },
		},
	};
}

function historyWindow(ctx: RequestContext): {
	from: number;
	thru: number;
	reportPeriod: Resource;
} {
	const from = parseTime(ctx.query['filter[fromTime]']);
	const thru =
		ctx.query['filter[thruTime]'] !== undefined
			? parseTime(ctx.query['filter[thruTime]'])
			: ctx.sim.now();
	if (thru <= from) throw badRequest('filter[thruTime] must be later than filter[fromTime].');
	return {
		from,
		thru,
		reportPeriod: {
			fromTime: new Date(from).toISOString(),
			thruTime: new Date(thru).toISOString(),
		},
	};
}

/** String pollers: polled every 5 minutes; the value changes every few hours. */
HANDLERS.ReadMultipleSnmpPollerSettingStringHistory = (ctx) => {
	const w = historyWindow(ctx);
	const compact = ctx.query['filter[compact]'] === 'true';
	if (!compact && w.thru - w.from > DAY_MS) {
		throw badRequest('Without filter[compact]=true the time range may not exceed 24 hours.');
	}
	const times = boundaryTimes(w.from, w.thru, ctx.sim.now(), 5);
	return listAnswer(ctx, pollerSeries(ctx, 'string'), ({ setting, device }) => {
		const period = 240 + Math.floor(unitHash(setting.id, device.id, 'period') * 480);
		const valueAt = (t: number): string => `${setting.name} r${Math.floor(t / period)}`;
		let rows = times.map((t): Array<number | string> => [t, valueAt(t)]);
		if (compact) rows = rows.filter((row, n) => n === 0 || row[1] !== rows[n - 1][1]);
		return historyResource(ctx, setting, device, {
			reportPeriod: w.reportPeriod,
			stats: [{ legend: ['Recorded At', 'Value'], data: rows }],
		});
	});
};

/** Numeric pollers: one averaged value per interval bucket. */
HANDLERS.ReadMultipleSnmpPollerSettingIntHistory = (ctx) => {
	const w = historyWindow(ctx);
	const interval = ctx.query['filter[interval]'] as Interval;
	const times = bucketTimes(w.from, w.thru, ctx.sim.now(), interval);
	return listAnswer(ctx, pollerSeries(ctx, 'numeric'), ({ setting, device }) => {
		const rows = times.map((t) => [
			t,
			Math.round(40 + 60 * unitHash(setting.id, device.id, interval, t)),
		]);
		return historyResource(ctx, setting, device, {
			reportPeriod: w.reportPeriod,
			interval,
			stats: [{ legend: ['Recorded At', 'Value'], data: rows }],
		});
	});
};

// ---------------------------------------------------------------------------------------------
// SaaS management (ASM)
// ---------------------------------------------------------------------------------------------

/** The ASM client named by filter[clientId]; 403 when unknown or its tenant is forbidden. */
function asmClient(ctx: RequestContext): string {
	const id = ctx.query['filter[clientId]'];
	const client = ctx.sim.index.asmClients.get(id);
	if (!client || ctx.sim.forbiddenTenants.has(client.tenantId))
		throw forbidden(`User is not authorized to access ASM client ${id}.`);
	return client.id;
}

HANDLERS.ReadMultipleASMClientInfo = (ctx) => {
	const withTotals = ctx.query.include === 'totals';
	const clients = ctx.sim.data.asm.clients.filter((c) => !ctx.sim.forbiddenTenants.has(c.tenantId));
	return listAnswer(ctx, clients, (c) => ({
		type: 'asmClient',
		id: c.id,
		attributes: {
			name: c.name,
			dateAdded: c.dateAdded,
			externalClientID: c.externalClientID,
			...(withTotals ? { totals: c.totals } : {}),
		},
	}));
};

HANDLERS.ReadMultipleASMAppInfo = (ctx) => {
	const clientId = asmClient(ctx);
	const include = ctx.query.include ? csv(ctx.query.include) : [];
	const wants = (what: string): boolean => include.includes('all') || include.includes(what);
	const users = ctx.sim.data.asm.users;
	const apps = applyFilters(
		ctx,
		ctx.sim.data.asm.apps.filter((a) => a.clientId === clientId),
		{
			'filter[dateAddedBefore]': before((a) => a.dateAdded),
			'filter[dateAddedAfter]': after((a) => a.dateAdded),
		},
	);
	return listAnswer(ctx, apps, (a) => {
		const relationships: Resource = { client: { data: { type: 'asmClient', id: a.clientId } } };
		if (wants('users')) {
			relationships.users = {
				data: a.userIds.map((id) => {
					const u = users.find((x) => x.id === id);
					return { type: 'asmUser', id, attributes: { email: u?.email ?? null, accounts: [] } };
				}),
			};
		}
		if (wants('breaches')) relationships.breaches = { data: [] };
		if (wants('contracts')) relationships.contracts = { data: [] };
		return {
			type: 'asmApp',
			id: a.id,
			attributes: {
				name: a.name,
				category: a.category,
				subCategory: a.subCategory,
				risk: a.risk,
				dateAdded: a.dateAdded,
				classified: a.classified,
				disabled: a.disabled,
				status: a.status,
				managedByPartner: false,
				managed3rdParty: false,
				noBusinessOwnerRequired: false,
				publisherName: a.publisherName,
				identifiers: [a.name.toLowerCase()],
				totalUsers: { count: a.userIds.length, monthlyCount: a.userIds.length },
			},
			relationships,
		};
	});
};

HANDLERS.ReadMultipleASMUserInfo = (ctx) => {
	const clientId = asmClient(ctx);
	return listAnswer(
		ctx,
		ctx.sim.data.asm.users.filter((u) => u.clientId === clientId),
		(u) => ({
			type: 'asmUser',
			id: u.id,
			attributes: {
				firstName: u.firstName,
				lastName: u.lastName,
				email: u.email,
				dateAdded: u.dateAdded,
				disabled: u.disabled,
				expired: u.expired,
				active: u.active,
				credentials: [],
			},
			relationships: { applications: { data: u.appIds.map((id) => ({ type: 'asmApp', id })) } },
		}),
	);
};

HANDLERS.ReadMultipleASMSecurityLogInfo = (ctx) => {
	const clientId = asmClient(ctx);
	const logs = applyFilters(
		ctx,
		ctx.sim.data.asm.securityLogs.filter((s) => s.clientId === clientId),
		{ 'filter[queryDate]': after((s) => s.dateAdded) },
	);
	return listAnswer(ctx, logs, (s) => ({
		type: 'asmSecurityLog',
		id: s.id,
		attributes: {
			credential: s.credential,
			dateAdded: s.dateAdded,
			shared: s.shared,
			generic: s.generic,
			personal: s.personal,
		},
		relationships: {
			application: { data: { type: 'asmApp', id: s.appId } },
			user: { data: { type: 'asmUser', id: s.userId } },
			client: { data: { type: 'asmClient', id: s.clientId } },
		},
	}));
};

HANDLERS.ReadMultipleASMTagInfo = (ctx) => {
	const clientId = asmClient(ctx);
	const tags = applyFilters(
		ctx,
		ctx.sim.data.asm.tags.filter((t) => t.clientId === clientId),
		{ 'filter[applicationId]': eq((t) => t.applicationId) },
	);
	return listAnswer(ctx, tags, (t) => ({
		type: 'asmTag',
		id: t.id,
		attributes: { name: t.name, applicationId: t.applicationId },
	}));
};

HANDLERS.ReadMultipleASMLicenseInfo = (ctx) => {
	const clientId = asmClient(ctx);
	const licenses = applyFilters(
		ctx,
		ctx.sim.data.asm.licenses.filter((l) => l.clientId === clientId),
		{
			'filter[applicationId]': eq((l) => l.applicationId),
			'filter[email]': contains((l) => l.email),
			'filter[licenseType]': eq((l) => l.licenseType),
			'filter[lastLoginBefore]': (l, v) =>
				l.lastLoginTime === null || Date.parse(l.lastLoginTime) < parseTime(v),
			'filter[underutilizedOnly]': (l, v) => v !== 'true' || l.underutilized,
		},
	);
	return listAnswer(ctx, licenses, (l) => ({
		type: 'asmLicense',
		id: l.id,
		attributes: {
			email: l.email,
			externalUserId: l.externalUserId,
			licenseType: l.licenseType,
			discoveredUsers: l.discoveredUserIds.map((id) => ({ id, userEmail: l.email })),
			metadata: { lastLoginTime: l.lastLoginTime, underutilized: l.underutilized },
			lastIntegrationUpdate: l.lastIntegrationUpdate,
		},
	}));
};

// ---------------------------------------------------------------------------------------------
// Device v2 (beta)
// ---------------------------------------------------------------------------------------------

/** "l3Switch" -> "L3 Switch" */
function humanize(type: string): string {
	const words = type.replace(/([a-z0-9])([A-Z])/g, '$1 $2');
	return words.charAt(0).toUpperCase() + words.slice(1);
}

function renderDeviceV2(ctx: RequestContext, d: DeviceRecord): Resource {
	return {
		type: 'device',
		id: d.id,
		attributes: {
			ipAddresses: d.ipAddresses,
			deviceName: d.deviceName,
			deviceType: d.deviceType,
			deviceTypeDescription: humanize(d.deviceType),
			make: d.vendorName,
			model: d.makeModel,
			makeModel: d.vendorName && d.makeModel ? `${d.vendorName} ${d.makeModel}` : null,
			softwareVersion: d.softwareVersion,
			serialNumber: d.serialNumber,
			description: d.description,
			firmwareVersion: d.firmwareVersion,
			lastSeenTime: d.lastSeenTime,
			onlineStatus: d.onlineStatus,
			manageStatus: d.manageStatus,
		},
		relationships: {
			tenant: tenantRel(ctx, d.tenantId),
			networks: { data: networkRefs(ctx, d.networkIds) },
		},
		links: {
			self: api(ctx, `/v2/api/inventory/device/info/${d.id}`),
			dashboard: deviceLinks(ctx, d).dashboard,
		},
	};
}

HANDLERS.readMultipleDeviceInfoV2 = (ctx) => {
	const devices = applyFilters(ctx, inScope(ctx, ctx.sim.data.devices), {
		'filter[networks]': anyOf((d) => d.networkIds),
		'filter[deviceType]': eq((d) => d.deviceType),
		'filter[make]': contains((d) => d.vendorName),
		'filter[model]': contains((d) => d.makeModel),
		'filter[makeModel]': contains((d) =>
			d.vendorName && d.makeModel ? `${d.vendorName} ${d.makeModel}` : null,
		),
		'filter[onlineStatus]': eq((d) => d.onlineStatus),
		'filter[manageStatus]': bool((d) => d.manageStatus),
		'filter[notSeenSince]': before((d) => d.lastSeenTime),
	});
	return listAnswer(ctx, devices, (d) => renderDeviceV2(ctx, d), { meta: true });
};

HANDLERS.readSingleDeviceInfoV2 = (ctx) =>
	singleAnswer(renderDeviceV2(ctx, lookup(ctx, ctx.sim.index.devices, 'device')));

// ---------------------------------------------------------------------------------------------

/** The handler for an operation; operations added to the contract later answer 501 until handled. */
export function handlerFor(operationId: string): Handler {
	return (
		HANDLERS[operationId] ??
		(() => {
			throw new ApiError(501, `The simulator does not implement ${operationId} yet.`);
		})
	);
}

/** Operation IDs with a handler (tests check that the contract is fully covered). */
export const HANDLED_OPERATIONS: readonly string[] = Object.keys(HANDLERS);
