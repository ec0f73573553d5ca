/**
 * Options and the mutable state a running simulator shares with its route handlers.
 */
import type {
	AlertRecord,
	AsmClientRecord,
	ComponentRecord,
	ConfigurationRecord,
	DeviceRecord,
	EntityAuditRecord,
	EntityNoteRecord,
	InterfaceRecord,
	LifecycleRecord,
	NetworkRecord,
	SimData,
	SnmpPollerSettingRecord,
	TenantRecord,
	WarrantyRecord,
} from './data';

export interface SimulatorOptions {
	/** Seed for the generated data (default 1). */
	seed?: number;
	/** Number T of client tenants under the multiClient top tenant (default 3). */
	tenants?: number;
	/** Devices D per client tenant (default 20). */
	devicesPerTenant?: number;
	/** Alerts A per client tenant (default 10). */
	alertsPerTenant?: number;
	/** Largest page[first]/page[last] on v1 operations; above it the answer is 400 (default 1000). */
	pageMax?: number;
	/** Largest page size on v2 operations (default 10000). */
	pageMaxV2?: number;
	/** Delay added to every answer, in ms (default 0). */
	latencyMs?: number;
	/** Basic-auth user name accepted (default 'api@example.com'). */
	username?: string;
	/** Basic-auth password (API key) accepted (default 'sim-api-key-123'). */
	apiKey?: string;
	/** Sliding-window limit; when exceeded the answer is 429 with Retry-After (seconds). */
	rateLimit?: { limit: number; windowMs: number };
	/** Port to listen on (default 0 = random). */
	port?: number;
	/** Interface to listen on (default 127.0.0.1). */
	host?: string;
	/** Region name used in dashboard links, e.g. https://client1.us1.my.auvik.com/#... (default 'us1'). */
	region?: string;
	/** Domain prefix of the top (multiClient) tenant (default 'acmemsp'). */
	topDomainPrefix?: string;
	/**
	 * Statistics at interval=minute over a window longer than this many minutes answer 504, like
	 * a gateway timeout on too much data (default 1440 = one day).
	 */
	statMaxMinutesAtMinuteInterval?: number;
	/** Fixed simulator clock in ms (default: real time). Change later with setNow(). */
	now?: number;
}

export type ResolvedOptions = Required<Omit<SimulatorOptions, 'rateLimit' | 'now'>> &
	Pick<SimulatorOptions, 'rateLimit' | 'now'>;

export function resolveOptions(opts: SimulatorOptions = {}): ResolvedOptions {
	return {
		seed: opts.seed ?? 1,
		tenants: opts.tenants ?? 3,
		devicesPerTenant: opts.devicesPerTenant ?? 20,
		alertsPerTenant: opts.alertsPerTenant ?? 10,
		pageMax: opts.pageMax ?? 1000,
		pageMaxV2: opts.pageMaxV2 ?? 10000,
		latencyMs: opts.latencyMs ?? 0,
		username: opts.username ?? 'api@example.com',
		apiKey: opts.apiKey ?? 'sim-api-key-123',
		rateLimit: opts.rateLimit,
		port: opts.port ?? 0,
		host: opts.host ?? '127.0.0.1',
		region: opts.region ?? 'us1',
		topDomainPrefix: opts.topDomainPrefix ?? 'acmemsp',
		statMaxMinutesAtMinuteInterval: opts.statMaxMinutesAtMinuteInterval ?? 1440,
		now: opts.now,
	};
}

/** Lookup tables over SimData, built once; alerts are kept current by addAlert. */
export interface SimIndex {
	tenants: Map<string, TenantRecord>;
	tenantsByPrefix: Map<string, TenantRecord>;
	devices: Map<string, DeviceRecord>;
	networks: Map<string, NetworkRecord>;
	interfaces: Map<string, InterfaceRecord>;
	components: Map<string, ComponentRecord>;
	configurations: Map<string, ConfigurationRecord>;
	warranties: Map<string, WarrantyRecord>;
	lifecycles: Map<string, LifecycleRecord>;
	notes: Map<string, EntityNoteRecord>;
	audits: Map<string, EntityAuditRecord>;
	alerts: Map<string, AlertRecord>;
	snmpPollerSettings: Map<string, SnmpPollerSettingRecord>;
	asmClients: Map<string, AsmClientRecord>;
	interfacesByDevice: Map<string, InterfaceRecord[]>;
	componentsByDevice: Map<string, ComponentRecord[]>;
	configurationsByDevice: Map<string, ConfigurationRecord[]>;
}

function byId<T extends { id: string }>(items: T[]): Map<string, T> {
	return new Map(items.map((item) => [item.id, item]));
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
	const out = new Map<string, T[]>();
	for (const item of items) {
		const k = key(item);
		const list = out.get(k);
		if (list) list.push(item);
		else out.set(k, [item]);
	}
	return out;
}

export function buildIndex(data: SimData): SimIndex {
	return {
		tenants: byId(data.tenants),
		tenantsByPrefix: new Map(data.tenants.map((t) => [t.domainPrefix, t])),
		devices: byId(data.devices),
		networks: byId(data.networks),
		interfaces: byId(data.interfaces),
		components: byId(data.components),
		configurations: byId(data.configurations),
		warranties: byId(data.warranties),
		lifecycles: byId(data.lifecycles),
		notes: byId(data.notes),
		audits: byId(data.audits),
		alerts: byId(data.alerts),
		snmpPollerSettings: byId(data.snmpPollerSettings),
		asmClients: byId(data.asm.clients),
		interfacesByDevice: groupBy(data.interfaces, (i) => i.parentDeviceId),
		componentsByDevice: groupBy(data.components, (c) => c.deviceId),
		configurationsByDevice: groupBy(data.configurations, (c) => c.deviceId),
	};
}

/** What route handlers see of the running simulator. */
export interface SimState {
	readonly options: ResolvedOptions;
	readonly data: SimData;
	readonly index: SimIndex;
	/** Tenant IDs that answer 403 (forbidTenant). */
	readonly forbiddenTenants: Set<string>;
	/** Absolute root of this server, e.g. http://127.0.0.1:43123 */
	readonly baseUrl: string;
	/** Simulator clock in ms. */
	now(): number;
}
