/**
 * The simulator's entity set: plain records (not JSON:API yet) generated from a seed.
 *
 * Everything a test might want to compute expected results from lives here, flat and typed:
 * tenants, devices, networks, interfaces, components, configurations, warranty/lifecycle rows,
 * entity notes/audits, alerts, cloud-ping services, OID monitors, SNMP poller settings and the
 * SaaS-management (ASM) entities. routes.ts turns records into JSON:API resources on the way out.
 *
 * Identifiers follow Auvik's shapes: tenant IDs are long decimal strings, inventory IDs are
 * base64-looking strings (URL-safe alphabet, unpadded, so they are safe in a path segment), ASM
 * IDs are UUIDs. Timestamps are ISO-8601 with milliseconds and Z, spread over the 30 days before
 * the generation clock.
 */
import { CONTRACT } from '../../nodes/Auvik/catalogue/contract.generated';
import { Prng } from './prng';

// ---------------------------------------------------------------------------------------------
// Enumerations. Filterable ones come from the contract so the simulator can never drift from it.
// ---------------------------------------------------------------------------------------------

function contractEnum(operationId: string, param: string): string[] {
	const op = CONTRACT[operationId];
	const found = op?.query.find((q) => q.name === param);
	if (!found?.enum) throw new Error(`simulator: contract has no enum for ${operationId} ${param}`);
	return found.enum.slice();
}

export const DEVICE_TYPES = contractEnum('readMultipleDeviceInfo', 'filter[deviceType]');
export const ONLINE_STATUSES = contractEnum('readMultipleDeviceInfo', 'filter[onlineStatus]');
export const INTERFACE_TYPES = contractEnum('readMultipleInterfaceInfo', 'filter[interfaceType]');
export const DISCOVERY_STATUSES = contractEnum(
	'readMultipleDeviceDetails',
	'filter[discoverySNMP]',
);
export const TRAFFIC_INSIGHTS_STATUSES = contractEnum(
	'readMultipleDeviceDetails',
	'filter[trafficInsightsStatus]',
);
export const LIFECYCLE_STATUSES = contractEnum(
	'readMultipleDeviceLifecycle',
	'filter[salesAvailability]',
);
export const NETWORK_TYPES = contractEnum('readMultipleNetworkInfo', 'filter[networkType]');
export const SCAN_STATUSES = contractEnum('readMultipleNetworkInfo', 'filter[scanStatus]');
export const ALERT_SEVERITIES = contractEnum('readMultipleAlertInfo', 'filter[severity]');
export const ALERT_STATUSES = contractEnum('readMultipleAlertInfo', 'filter[status]');

/** Component types as they appear in inventory responses (differs from the statistics path enum). */
export const INVENTORY_COMPONENT_TYPES = [
	'cpu',
	'disk',
	'fan',
	'memory',
	'powerSupply',
	'storageController',
	'systemBoard',
] as const;

// ---------------------------------------------------------------------------------------------
// Record types
// ---------------------------------------------------------------------------------------------

export type TenantType = 'multiClient' | 'client';

export interface TenantRecord {
	id: string;
	domainPrefix: string;
	displayName: string;
	tenantType: TenantType;
	/** Parent tenant ID; absent on the top (multiClient) tenant. */
	parentId?: string;
	/** Small number used to build dashboard links and IP ranges. */
	index: number;
}

export interface DiscoveryStatus {
	snmp: string;
	wmi: string;
	login: string;
	vmware: string;
}

export interface DeviceRecord {
	id: string;
	tenantId: string;
	deviceName: string;
	deviceType: string;
	ipAddresses: string[];
	/** v1 makeModel holds the model only (v2 renames it to model); may be null like in real data. */
	makeModel: string | null;
	vendorName: string | null;
	softwareVersion: string | null;
	serialNumber: string | null;
	firmwareVersion: string | null;
	description: string;
	onlineStatus: string;
	lastModified: string;
	lastSeenTime: string;
	stateKnown: boolean;
	manageStatus: boolean;
	discoveryStatus: DiscoveryStatus;
	trafficInsightsStatus: string;
	networkIds: string[];
	/** Numeric part of the dashboard link. */
	dashboardNo: number;
}

export interface NetworkRecord {
	id: string;
	tenantId: string;
	networkName: string;
	networkType: string;
	description: string;
	scanStatus: string;
	scope: 'private' | 'public';
	lastModified: string;
	primaryCollector: string;
	secondaryCollectors: string[];
	collectorSelection: 'automatic' | 'manual';
	excludedIpAddresses: string[];
	deviceIds: string[];
	dashboardNo: number;
}

export interface InterfaceRecord {
	id: string;
	tenantId: string;
	parentDeviceId: string;
	interfaceName: string;
	interfaceType: string;
	macAddress: string | null;
	negotiatedSpeed: string | null;
	duplex: 'unknown' | 'half' | 'full';
	customConnections: boolean;
	ipAddresses: string[];
	operationalStatus: string;
	adminStatus: boolean;
	lastModified: string;
	connectedToIds: string[];
	networkIds: string[];
	dashboardNo: number;
}

export interface ComponentRecord {
	id: string;
	tenantId: string;
	deviceId: string;
	componentName: string;
	componentType: (typeof INVENTORY_COMPONENT_TYPES)[number];
	currentStatus: 'ok' | 'degraded' | 'failed';
	lastModified: string;
}

export interface ConfigurationRecord {
	id: string;
	tenantId: string;
	deviceId: string;
	backupTime: string;
	isRunning: boolean;
}

/** Warranty row; id equals the device id. Only some devices have one (others answer 404). */
export interface WarrantyRecord {
	id: string;
	tenantId: string;
	coveredUnderWarranty: boolean;
	coveredUnderService: boolean;
	serviceAttachmentStatus: string;
	contractRenewalAvailability: string;
	warrantyExpirationDate: string;
	recommendedSoftwareVersion: string;
}

/** Lifecycle row; id equals the device id. */
export interface LifecycleRecord {
	id: string;
	tenantId: string;
	salesAvailability: string;
	softwareMaintenanceStatus: string;
	securitySoftwareMaintenanceStatus: string;
	lastSupportStatus: string;
}

export interface EntityNoteRecord {
	id: string;
	tenantId: string;
	entityId: string;
	entityType: 'root' | 'device' | 'network' | 'interface';
	entityName: string;
	title: string;
	body: string;
	lastModifiedBy: string;
	lastModified: string;
}

export interface EntityAuditRecord {
	id: string;
	tenantId: string;
	deviceId: string;
	user: string;
	category: 'unknown' | 'tunnel' | 'terminal' | 'remoteBrowser';
	action: 'unknown' | 'create';
	direction: 'unknown' | 'inbound' | 'outbound';
	status: 'unknown' | 'initiated' | 'created' | 'closed' | 'failed';
	cause: string;
	data: string;
	dateStarted: string;
	lastActive: string;
	/** Used by filter[modifiedAfter]; equals lastActive. */
	lastModified: string;
}

export interface AlertEntityRef {
	type: 'device' | 'interface' | 'network';
	id: string;
	name: string;
}

export interface AlertRecord {
	id: string;
	tenantId: string;
	name: string;
	description: string;
	severity: string;
	status: string;
	alertDefinitionId: string;
	specificationId: string;
	detectedOn: string;
	dismissed: boolean;
	dispatched: boolean;
	entity: AlertEntityRef;
	/** The trigger <-> clearing partner (both directions are set). */
	relatedAlertId?: string;
	externalTicket: Array<{ id: string; system: string }>;
}

/** A cloud ping check; only visible through /v1/stat/service/{statId}. */
export interface ServiceRecord {
	id: string;
	tenantId: string;
	serviceName: string;
	endpoints: Array<{ id: string; ipAddress: string }>;
}

export interface OidMonitorRecord {
	id: string;
	tenantId: string;
	deviceId: string;
	oid: string;
	oidName: string;
	value: number;
}

export interface SnmpPollerSettingRecord {
	id: string;
	tenantId: string;
	name: string;
	oid: string;
	type: 'string' | 'numeric';
	useAs: 'poller' | 'serialNo';
	deviceIds: string[];
}

export interface AsmClientRecord {
	id: string;
	tenantId: string;
	name: string;
	dateAdded: string;
	externalClientID: string;
	totals: { users: number; breaches: number };
}

export interface AsmAppRecord {
	id: string;
	clientId: string;
	name: string;
	category: string;
	subCategory: string;
	risk: string;
	dateAdded: string;
	classified: boolean;
	disabled: boolean;
	status: string;
	publisherName: string;
	userIds: string[];
}

export interface AsmUserRecord {
	id: string;
	clientId: string;
	firstName: string;
	lastName: string;
	email: string;
	dateAdded: string;
	lastUsed: string;
	disabled: boolean;
	expired: boolean;
	active: boolean;
	appIds: string[];
}

export interface AsmSecurityLogRecord {
	id: string;
	clientId: string;
	appId: string;
	userId: string;
	credential: string;
	dateAdded: string;
	shared: boolean;
	generic: boolean;
	personal: boolean;
}

export interface AsmTagRecord {
	id: string;
	clientId: string;
	applicationId: string;
	name: string;
}

export interface AsmLicenseRecord {
	id: string;
	clientId: string;
	applicationId: string;
	email: string;
	externalUserId: string;
	licenseType: string;
	lastLoginTime: string | null;
	underutilized: boolean;
	lastIntegrationUpdate: string;
	discoveredUserIds: string[];
}

export interface SimData {
	/** Clock value (ms) the data was generated against. */
	generatedAt: number;
	/** The multiClient (MSP) tenant every client tenant belongs to. */
	topTenant: TenantRecord;
	/** The client tenants, in generation order. */
	clientTenants: TenantRecord[];
	/** Top tenant first, then the clients. */
	tenants: TenantRecord[];
	devices: DeviceRecord[];
	networks: NetworkRecord[];
	interfaces: InterfaceRecord[];
	components: ComponentRecord[];
	configurations: ConfigurationRecord[];
	warranties: WarrantyRecord[];
	lifecycles: LifecycleRecord[];
	notes: EntityNoteRecord[];
	audits: EntityAuditRecord[];
	/** Sorted by detectedOn ascending (oldest first); addAlert keeps that order. */
	alerts: AlertRecord[];
	services: ServiceRecord[];
	oidMonitors: OidMonitorRecord[];
	snmpPollerSettings: SnmpPollerSettingRecord[];
	asm: {
		clients: AsmClientRecord[];
		apps: AsmAppRecord[];
		users: AsmUserRecord[];
		securityLogs: AsmSecurityLogRecord[];
		tags: AsmTagRecord[];
		licenses: AsmLicenseRecord[];
	};
}

export interface GenerateOptions {
	seed: number;
	tenants: number;
	devicesPerTenant: number;
	alertsPerTenant: number;
	/** Clock (ms) the 30-day spread of timestamps is measured back from. */
	now: number;
	/** Domain prefix of the top tenant. */
	topDomainPrefix: string;
}

// ---------------------------------------------------------------------------------------------
// Lookup tables for plausible-looking values
// ---------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;

/** Device types that most networks are made of; the rest of the enum appears occasionally. */
const COMMON_DEVICE_TYPES = [
	'switch',
	'switch',
	'l3Switch',
	'router',
	'firewall',
	'accessPoint',
	'accessPoint',
	'workstation',
	'workstation',
	'workstation',
	'server',
	'printer',
	'phone',
	'ipPhone',
	'ups',
	'hypervisor',
	'virtualMachine',
	'storage',
	'camera',
];

/** [vendor, model] pairs per device type, with a generic fallback. */
const VENDOR_MODELS: Record<string, Array<[string, string]>> = {
	switch: [
		['Cisco', 'Catalyst 9300-48P'],
		['Aruba', '2930F-24G'],
		['Juniper', 'EX2300-24P'],
	],
	l3Switch: [
		['Cisco', 'Catalyst 9500-24Y4C'],
		['Aruba', 'CX 6300M'],
	],
	router: [
		['Cisco', 'ISR4331/K9'],
		['Juniper', 'MX204'],
		['MikroTik', 'CCR2004-16G-2S+'],
	],
	firewall: [
		['Fortinet', 'FortiGate 60F'],
		['Palo Alto Networks', 'PA-440'],
		['SonicWall', 'TZ370'],
	],
	accessPoint: [
		['Ubiquiti', 'U6-Pro'],
		['Aruba', 'AP-515'],
		['Cisco', 'MR46'],
	],
	workstation: [
		['Dell', 'OptiPlex 7090'],
		['HP', 'EliteDesk 800 G6'],
		['Lenovo', 'ThinkCentre M70q'],
	],
	server: [
		['Dell', 'PowerEdge R750'],
		['HPE', 'ProLiant DL380 Gen10'],
	],
	printer: [
		['HP', 'LaserJet M507'],
		['Brother', 'HL-L6200DW'],
	],
	ups: [['APC', 'Smart-UPS 1500']],
	hypervisor: [['VMware', 'ESXi 8.0']],
	storage: [['Synology', 'RS1221+']],
	camera: [['Axis', 'P3245-V']],
	phone: [['Yealink', 'T54W']],
	ipPhone: [['Polycom', 'VVX 450']],
};
const GENERIC_VENDOR_MODELS: Array<[string, string]> = [
	['Generic', 'Model X1'],
	['Acme Networks', 'AN-200'],
];

/** Short label per type for device names. */
function typeLabel(deviceType: string): string {
	const short: Record<string, string> = {
		switch: 'sw',
		l3Switch: 'l3sw',
		router: 'rtr',
		firewall: 'fw',
		accessPoint: 'ap',
		workstation: 'ws',
		server: 'srv',
		printer: 'prn',
		hypervisor: 'esx',
		virtualMachine: 'vm',
	};
	return short[deviceType] ?? deviceType.toLowerCase();
}

const NETWORK_GEAR = new Set([
	'switch',
	'l3Switch',
	'router',
	'firewall',
	'accessPoint',
	'loadBalancer',
]);

interface AlertTemplate {
	name: string;
	severity: string;
	entityType: AlertEntityRef['type'];
	specificationId: string;
}

const ALERT_TEMPLATES: AlertTemplate[] = [
	{ name: 'Device Offline', severity: 'critical', entityType: 'device', specificationId: '-301' },
	{
		name: 'High CPU Utilization',
		severity: 'warning',
		entityType: 'device',
		specificationId: '-302',
	},
	{
		name: 'High Memory Utilization',
		severity: 'warning',
		entityType: 'device',
		specificationId: '-303',
	},
	{
		name: 'Power Supply Failure',
		severity: 'emergency',
		entityType: 'device',
		specificationId: '-304',
	},
	{
		name: 'Interface Down',
		severity: 'critical',
		entityType: 'interface',
		specificationId: '-305',
	},
	{
		name: 'High Interface Utilization',
		severity: 'warning',
		entityType: 'interface',
		specificationId: '-306',
	},
	{
		name: 'Interface Packet Discards',
		severity: 'info',
		entityType: 'interface',
		specificationId: '-307',
	},
	{
		name: 'Network Scan Incomplete',
		severity: 'info',
		entityType: 'network',
		specificationId: '-308',
	},
	{ name: 'Printer Low Toner', severity: 'info', entityType: 'device', specificationId: '-400' },
	{
		name: 'Configuration Changed',
		severity: 'warning',
		entityType: 'device',
		specificationId: '-310',
	},
];

const TICKET_SYSTEMS = ['Connectwise_Cloud', 'Autotask', 'Servicenow', 'Webhook', 'Slack'];

const FIRST_NAMES = ['Alex', 'Sam', 'Jordan', 'Taylor', 'Morgan', 'Casey', 'Riley', 'Jamie'];
const LAST_NAMES = ['Nguyen', 'Smith', 'Garcia', 'Khan', 'Müller', 'Rossi', 'Tanaka', 'Okafor'];
const SAAS_APPS: Array<[string, string, string, string]> = [
	['Slack', 'Collaboration', 'Messaging', 'Slack Technologies'],
	['Zoom', 'Collaboration', 'Video conferencing', 'Zoom Video Communications'],
	['Dropbox', 'Storage', 'File sharing', 'Dropbox, Inc.'],
	['Salesforce', 'Sales', 'CRM', 'Salesforce, Inc.'],
	['GitHub', 'Engineering', 'Source control', 'GitHub, Inc.'],
	['Trello', 'Productivity', 'Project management', 'Atlassian'],
];

// ---------------------------------------------------------------------------------------------
// Generation
// ---------------------------------------------------------------------------------------------

/** Unique ID factory: base64url text of a random pair of numbers, unpadded. */
class IdFactory {
	private readonly seen = new Set<string>();

	constructor(private readonly rng: Prng) {}

	opaque(): string {
		for (;;) {
			const raw = `${this.rng.int(100_000_000, 999_999_999)},${this.rng.int(10_000, 99_999_999)}`;
			const id = Buffer.from(raw, 'utf8').toString('base64url');
			if (!this.seen.has(id)) {
				this.seen.add(id);
				return id;
			}
		}
	}

	decimal(digits: number): string {
		for (;;) {
			let id = String(this.rng.int(1, 9));
			while (id.length < digits) id += String(this.rng.int(0, 9));
			if (!this.seen.has(id)) {
				this.seen.add(id);
				return id;
			}
		}
	}

	uuid(): string {
		for (;;) {
			const id = this.rng.uuid();
			if (!this.seen.has(id)) {
				this.seen.add(id);
				return id;
			}
		}
	}
}

function iso(ms: number): string {
	return new Date(ms).toISOString();
}

function pad(n: number, width: number): string {
	return String(n).padStart(width, '0');
}

function mac(rng: Prng): string {
	const parts: string[] = [];
	for (let i = 0; i < 6; i++) parts.push(rng.hex(2));
	return parts.join(':');
}

/** Build the whole entity set. Same options (including `now`) give the same data. */
export function generateData(opts: GenerateOptions): SimData {
	const rng = new Prng(opts.seed);
	const ids = new IdFactory(rng);
	const now = opts.now;
	/** A timestamp up to `days` days before now. */
	const recent = (days: number): number => now - Math.floor(rng.next() * days * DAY_MS);

	const topTenant: TenantRecord = {
		id: ids.decimal(18),
		domainPrefix: opts.topDomainPrefix,
		displayName: 'Acme MSP',
		tenantType: 'multiClient',
		index: 0,
	};
	const clientTenants: TenantRecord[] = [];
	for (let t = 1; t <= opts.tenants; t++) {
		clientTenants.push({
			id: ids.decimal(18),
			domainPrefix: `client${t}`,
			displayName: `Client ${t}`,
			tenantType: 'client',
			parentId: topTenant.id,
			index: t,
		});
	}

	const data: SimData = {
		generatedAt: now,
		topTenant,
		clientTenants,
		tenants: [topTenant, ...clientTenants],
		devices: [],
		networks: [],
		interfaces: [],
		components: [],
		configurations: [],
		warranties: [],
		lifecycles: [],
		notes: [],
		audits: [],
		alerts: [],
		services: [],
		oidMonitors: [],
		snmpPollerSettings: [],
		asm: { clients: [], apps: [], users: [], securityLogs: [], tags: [], licenses: [] },
	};

	let dashboardNo = 1000;
	for (const tenant of clientTenants) {
		const t = tenant.index;

		// --- networks -------------------------------------------------------------------------
		const networkCount = Math.max(2, Math.ceil(opts.devicesPerTenant / 20));
		const tenantNetworks: NetworkRecord[] = [];
		for (let n = 0; n < networkCount; n++) {
			const networkType =
				n === 0
					? 'internet'
					: rng.chance(0.8)
						? rng.pick(['routed', 'vlan', 'wifi', 'layer2'])
						: rng.pick(NETWORK_TYPES);
			const network: NetworkRecord = {
				id: ids.opaque(),
				tenantId: tenant.id,
				networkName: n === 0 ? 'Internet' : `10.${t % 256}.${n % 256}.0/24`,
				networkType,
				description: n === 0 ? 'Public internet uplink' : `${networkType} segment ${n}`,
				scanStatus: rng.chance(0.85) ? 'true' : rng.pick(SCAN_STATUSES),
				scope: networkType === 'internet' ? 'public' : 'private',
				lastModified: iso(recent(30)),
				primaryCollector: ids.uuid(),
				secondaryCollectors: rng.chance(0.3) ? [ids.uuid()] : [],
				collectorSelection: rng.chance(0.8) ? 'automatic' : 'manual',
				excludedIpAddresses: rng.chance(0.2)
					? [`10.${t % 256}.${n % 256}.10-10.${t % 256}.${n % 256}.25`]
					: [],
				deviceIds: [],
				dashboardNo: dashboardNo++,
			};
			tenantNetworks.push(network);
			data.networks.push(network);
		}

		// --- devices --------------------------------------------------------------------------
		const tenantDevices: DeviceRecord[] = [];
		for (let d = 1; d <= opts.devicesPerTenant; d++) {
			const deviceType = rng.chance(0.75) ? rng.pick(COMMON_DEVICE_TYPES) : rng.pick(DEVICE_TYPES);
			const [vendor, model] = rng.pick(VENDOR_MODELS[deviceType] ?? GENERIC_VENDOR_MODELS);
			const nullish = rng.chance(0.05);
			const onlineStatus = rng.chance(0.85)
				? 'online'
				: rng.chance(0.6)
					? 'offline'
					: rng.pick(ONLINE_STATUSES);
			const lastSeen = onlineStatus === 'online' ? now - rng.int(0, 600_000) : recent(20);
			// devices sit on one private network, sometimes two (never the internet pseudo-network)
			const privateNets = tenantNetworks.slice(1);
			const nets = rng.sample(privateNets, rng.chance(0.2) ? 2 : 1);
			const device: DeviceRecord = {
				id: ids.opaque(),
				tenantId: tenant.id,
				deviceName: `${tenant.domainPrefix}-${typeLabel(deviceType)}-${pad(d, 4)}`,
				deviceType,
				ipAddresses: [`10.${t % 256}.${Math.floor(d / 250) % 256}.${(d % 250) + 1}`],
				makeModel: nullish ? null : model,
				vendorName: nullish ? null : vendor,
				softwareVersion: nullish ? null : `${rng.int(1, 17)}.${rng.int(0, 9)}.${rng.int(0, 20)}`,
				serialNumber: nullish ? null : `SN${rng.hex(10).toUpperCase()}`,
				firmwareVersion: nullish ? null : `fw-${rng.int(1, 9)}.${rng.int(0, 99)}`,
				description: `${vendor} ${model}`,
				onlineStatus,
				lastModified: iso(recent(30)),
				lastSeenTime: iso(lastSeen),
				stateKnown: rng.chance(0.9),
				manageStatus: rng.chance(0.9),
				discoveryStatus: {
					snmp: rng.chance(0.6) ? 'authorized' : rng.pick(DISCOVERY_STATUSES),
					wmi:
						deviceType === 'workstation' || deviceType === 'server' ? 'authorized' : 'notSupported',
					login: rng.chance(0.5) ? 'disabled' : rng.pick(DISCOVERY_STATUSES),
					vmware: deviceType === 'hypervisor' ? 'authorized' : 'notSupported',
				},
				trafficInsightsStatus: rng.chance(0.7)
					? 'notDetected'
					: rng.pick(TRAFFIC_INSIGHTS_STATUSES),
				networkIds: nets.map((n) => n.id),
				dashboardNo: dashboardNo++,
			};
			if (rng.chance(0.1)) device.ipAddresses.push(`192.168.${t % 256}.${(d % 250) + 1}`);
			for (const n of nets) n.deviceIds.push(device.id);
			tenantDevices.push(device);
			data.devices.push(device);
		}

		// --- interfaces -----------------------------------------------------------------------
		const switchPorts: InterfaceRecord[] = [];
		for (const device of tenantDevices) {
			const isSwitch = device.deviceType === 'switch' || device.deviceType === 'l3Switch';
			const count = isSwitch
				? rng.int(4, 6)
				: device.deviceType === 'workstation'
					? rng.int(1, 2)
					: rng.int(2, 3);
			for (let i = 0; i < count; i++) {
				let interfaceType: string;
				let interfaceName: string;
				if (i === count - 1 && count > 2 && !isSwitch) {
					interfaceType = 'loopback';
					interfaceName = 'Loopback0';
				} else if (device.deviceType === 'accessPoint' && i === 1) {
					interfaceType = 'wifi';
					interfaceName = 'wlan0';
				} else if (rng.chance(0.05)) {
					interfaceType = rng.pick(INTERFACE_TYPES);
					interfaceName = `${interfaceType}${i}`;
				} else if (rng.chance(0.1)) {
					interfaceType = 'vlan';
					interfaceName = `Vlan${10 * (i + 1)}`;
				} else {
					interfaceType = 'ethernet';
					interfaceName = isSwitch ? `GigabitEthernet1/0/${i + 1}` : `eth${i}`;
				}
				const iface: InterfaceRecord = {
					id: ids.opaque(),
					tenantId: tenant.id,
					parentDeviceId: device.id,
					interfaceName,
					interfaceType,
					macAddress: rng.chance(0.95) ? mac(rng) : null,
					negotiatedSpeed: rng.chance(0.9)
						? rng.pick(['1.0 Gbit/s', '100 Mbit/s', '10 Gbit/s'])
						: null,
					duplex: rng.chance(0.85) ? 'full' : rng.pick(['unknown', 'half'] as const),
					customConnections: rng.chance(0.05),
					ipAddresses: i === 0 ? device.ipAddresses.slice(0, 1) : [],
					operationalStatus: rng.chance(0.8) ? 'online' : rng.pick(ONLINE_STATUSES),
					adminStatus: rng.chance(0.9),
					lastModified: iso(recent(30)),
					connectedToIds: [],
					networkIds: i === 0 ? device.networkIds.slice() : [],
					dashboardNo: dashboardNo++,
				};
				if (isSwitch && interfaceType === 'ethernet') switchPorts.push(iface);
				data.interfaces.push(iface);
			}
		}
		// cable some devices' first port to a switch port (both directions)
		if (switchPorts.length > 0) {
			for (const iface of data.interfaces) {
				if (iface.tenantId !== tenant.id || iface.interfaceName !== 'eth0' || !rng.chance(0.5))
					continue;
				const port = rng.pick(switchPorts);
				iface.connectedToIds.push(port.id);
				port.connectedToIds.push(iface.id);
			}
		}

		// --- components, configurations, warranty, lifecycle ------------------------------------
		for (const device of tenantDevices) {
			const kinds: ComponentRecord['componentType'][] = ['cpu', 'memory'];
			const type = device.deviceType;
			if (NETWORK_GEAR.has(type) || type === 'server') kinds.push('fan', 'powerSupply');
			if (
				type === 'server' ||
				type === 'workstation' ||
				type === 'storage' ||
				type === 'hypervisor'
			)
				kinds.push('disk');
			if (type === 'server' || type === 'hypervisor') kinds.push('systemBoard');
			if ((type === 'server' || type === 'storage') && rng.chance(0.5))
				kinds.push('storageController');
			const names: Record<ComponentRecord['componentType'], string> = {
				cpu: 'CPU 0',
				memory: 'Physical Memory',
				fan: 'Fan 1',
				powerSupply: 'Power Supply 1',
				disk: 'Disk 0',
				systemBoard: 'System Board',
				storageController: 'RAID Controller',
			};
			for (const componentType of kinds) {
				data.components.push({
					id: ids.opaque(),
					tenantId: tenant.id,
					deviceId: device.id,
					componentName: names[componentType],
					componentType,
					currentStatus: rng.chance(0.9) ? 'ok' : rng.chance(0.7) ? 'degraded' : 'failed',
					lastModified: iso(recent(30)),
				});
			}

			if (NETWORK_GEAR.has(type) || type === 'l3Switch') {
				const backups = rng.int(1, 3);
				for (let b = 0; b < backups; b++) {
					data.configurations.push({
						id: ids.opaque(),
						tenantId: tenant.id,
						deviceId: device.id,
						backupTime: iso(recent(30)),
						isRunning: b === 0,
					});
				}
				const warranty = rng.chance(0.6);
				data.warranties.push({
					id: device.id,
					tenantId: tenant.id,
					coveredUnderWarranty: warranty,
					coveredUnderService: rng.chance(0.5),
					serviceAttachmentStatus: rng.chance(0.5) ? 'Attached' : 'Not Attached',
					contractRenewalAvailability: rng.chance(0.5) ? 'Available' : 'Not Available',
					warrantyExpirationDate: iso(now + (warranty ? 1 : -1) * rng.int(10, 900) * DAY_MS).slice(
						0,
						10,
					),
					recommendedSoftwareVersion: `${rng.int(15, 17)}.${rng.int(0, 12)}.${rng.int(1, 9)}`,
				});
				data.lifecycles.push({
					id: device.id,
					tenantId: tenant.id,
					salesAvailability: rng.pick(LIFECYCLE_STATUSES),
					softwareMaintenanceStatus: rng.pick(LIFECYCLE_STATUSES),
					securitySoftwareMaintenanceStatus: rng.pick(LIFECYCLE_STATUSES),
					lastSupportStatus: rng.pick(LIFECYCLE_STATUSES),
				});
			}
		}

		// --- entity notes and audits ------------------------------------------------------------
		const tenantInterfaces = data.interfaces.filter((i) => i.tenantId === tenant.id);
		const noteCount = Math.max(3, Math.ceil(opts.devicesPerTenant / 10));
		for (let n = 0; n < noteCount; n++) {
			const kind =
				n === 0 ? 'root' : rng.pick(['device', 'device', 'network', 'interface'] as const);
			let entityId = tenant.id;
			let entityName = tenant.displayName;
			if (kind === 'device' && tenantDevices.length > 0) {
				const d = rng.pick(tenantDevices);
				entityId = d.id;
				entityName = d.deviceName;
			} else if (kind === 'network') {
				const nw = rng.pick(tenantNetworks);
				entityId = nw.id;
				entityName = nw.networkName;
			} else if (kind === 'interface' && tenantInterfaces.length > 0) {
				const i = rng.pick(tenantInterfaces);
				entityId = i.id;
				entityName = i.interfaceName;
			}
			data.notes.push({
				id: ids.opaque(),
				tenantId: tenant.id,
				entityId,
				entityType: entityId === tenant.id ? 'root' : kind,
				entityName,
				title: rng.pick(['Rack location', 'Support contract', 'Known issue', 'Maintenance window']),
				body: `Note ${n + 1} for ${entityName}`,
				lastModifiedBy: `tech${rng.int(1, 4)}@${opts.topDomainPrefix}.example`,
				lastModified: iso(recent(30)),
			});
		}
		const auditCount = Math.max(2, Math.ceil(opts.devicesPerTenant / 10));
		for (let a = 0; a < auditCount && tenantDevices.length > 0; a++) {
			const started = recent(30);
			const lastActive = Math.min(now, started + rng.int(60_000, 7_200_000));
			data.audits.push({
				id: ids.opaque(),
				tenantId: tenant.id,
				deviceId: rng.pick(tenantDevices).id,
				user: `tech${rng.int(1, 4)}@${opts.topDomainPrefix}.example`,
				category: rng.pick(['tunnel', 'terminal', 'remoteBrowser', 'unknown'] as const),
				action: 'create',
				direction: rng.pick(['inbound', 'outbound'] as const),
				status: rng.pick(['initiated', 'created', 'closed', 'failed'] as const),
				cause: 'user request',
				data: rng.pick(['ssh session', 'https 443', 'rdp 3389']),
				dateStarted: iso(started),
				lastActive: iso(lastActive),
				lastModified: iso(lastActive),
			});
		}

		// --- alerts ------------------------------------------------------------------------------
		generateTenantAlerts(
			data,
			tenant,
			tenantDevices,
			tenantInterfaces,
			tenantNetworks,
			opts.alertsPerTenant,
			rng,
			ids,
			now,
		);

		// --- cloud ping services, OID monitors, SNMP pollers ------------------------------------
		const serviceTargets: Array<[string, string]> = [
			['Google DNS', '8.8.8.8'],
			['Cloudflare DNS', '1.1.1.1'],
		];
		for (const [serviceName, ip] of serviceTargets) {
			data.services.push({
				id: ids.opaque(),
				tenantId: tenant.id,
				serviceName: `${serviceName} ping`,
				endpoints: [
					{ id: ids.opaque(), ipAddress: ip },
					{ id: ids.opaque(), ipAddress: `10.${t % 256}.0.1` },
				],
			});
		}
		for (const device of tenantDevices) {
			if (!NETWORK_GEAR.has(device.deviceType) && device.deviceType !== 'ups') continue;
			if (!rng.chance(0.5)) continue;
			data.oidMonitors.push({
				id: ids.opaque(),
				tenantId: tenant.id,
				deviceId: device.id,
				oid:
					device.deviceType === 'ups'
						? '1.3.6.1.4.1.318.1.1.1.2.2.1.0'
						: '1.3.6.1.4.1.9.9.13.1.3.1.3.1',
				oidName:
					device.deviceType === 'ups' ? 'upsAdvBatteryCapacity' : 'ciscoEnvMonTemperatureValue',
				value: rng.int(20, 100),
			});
		}
		const pollerDevices = (fraction: number): string[] =>
			tenantDevices.filter(() => rng.chance(fraction)).map((d) => d.id);
		data.snmpPollerSettings.push(
			{
				id: ids.opaque(),
				tenantId: tenant.id,
				name: 'Battery capacity',
				oid: '1.3.6.1.4.1.318.1.1.1.2.2.1.0',
				type: 'numeric',
				useAs: 'poller',
				deviceIds: pollerDevices(0.3),
			},
			{
				id: ids.opaque(),
				tenantId: tenant.id,
				name: 'Firmware banner',
				oid: '1.3.6.1.2.1.1.1.0',
				type: 'string',
				useAs: 'poller',
				deviceIds: pollerDevices(0.3),
			},
			{
				id: ids.opaque(),
				tenantId: tenant.id,
				name: 'Chassis serial',
				oid: '1.3.6.1.2.1.47.1.1.1.1.11.1',
				type: 'string',
				useAs: 'serialNo',
				deviceIds: pollerDevices(0.2),
			},
		);

		// --- SaaS management ------------------------------------------------------------------
		generateTenantAsm(data, tenant, rng, ids, now);
	}

	data.alerts.sort(compareAlerts);
	return data;
}

/** Oldest first; ties broken by id so the order is total and stable. */
export function compareAlerts(a: AlertRecord, b: AlertRecord): number {
	if (a.detectedOn !== b.detectedOn) return a.detectedOn < b.detectedOn ? -1 : 1;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Pick an entity of the template's kind inside the tenant. */
export function pickAlertEntity(
	kind: AlertEntityRef['type'],
	rng: Prng,
	devices: DeviceRecord[],
	interfaces: InterfaceRecord[],
	networks: NetworkRecord[],
): AlertEntityRef | undefined {
	if (kind === 'interface' && interfaces.length > 0) {
		const i = rng.pick(interfaces);
		return { type: 'interface', id: i.id, name: i.interfaceName };
	}
	if (kind === 'network' && networks.length > 0) {
		const n = rng.pick(networks);
		return { type: 'network', id: n.id, name: n.networkName };
	}
	if (devices.length > 0) {
		const d = rng.pick(devices);
		return { type: 'device', id: d.id, name: d.deviceName };
	}
	return undefined;
}

/** Stable alert-definition ID per (tenant, template name). */
export function alertDefinitionId(tenant: TenantRecord, name: string): string {
	return Buffer.from(`def,${tenant.index},${name}`, 'utf8').toString('base64url');
}

function generateTenantAlerts(
	data: SimData,
	tenant: TenantRecord,
	devices: DeviceRecord[],
	interfaces: InterfaceRecord[],
	networks: NetworkRecord[],
	count: number,
	rng: Prng,
	ids: IdFactory,
	now: number,
): void {
	let made = 0;
	while (made < count) {
		const template = rng.pick(ALERT_TEMPLATES);
		const entity = pickAlertEntity(template.entityType, rng, devices, interfaces, networks);
		if (!entity) return;
		const detected = now - rng.int(3_600_000, 30 * DAY_MS);
		const dispatched = rng.chance(0.7);
		const trigger: AlertRecord = {
			id: ids.opaque(),
			tenantId: tenant.id,
			name: template.name,
			description: `${template.name} on ${entity.name}`,
			severity: template.severity,
			status: rng.chance(0.9) ? 'created' : rng.pick(['paused', 'unpaused']),
			alertDefinitionId: alertDefinitionId(tenant, template.name),
			specificationId: template.specificationId,
			detectedOn: iso(detected),
			dismissed: rng.chance(0.2),
			dispatched,
			entity,
			externalTicket:
				dispatched && rng.chance(0.5)
					? [{ id: String(rng.int(10_000, 99_999)), system: rng.pick(TICKET_SYSTEMS) }]
					: [],
		};
		data.alerts.push(trigger);
		made++;
		// about a third of the triggers were cleared later: a resolved alert linked both ways
		if (made < count && trigger.status === 'created' && rng.chance(0.35)) {
			const cleared: AlertRecord = {
				...trigger,
				id: ids.opaque(),
				status: 'resolved',
				description: `${template.name} cleared on ${entity.name}`,
				detectedOn: iso(Math.min(now - 60_000, detected + rng.int(300_000, 2 * DAY_MS))),
				dismissed: false,
				externalTicket: [],
				relatedAlertId: trigger.id,
			};
			trigger.relatedAlertId = cleared.id;
			data.alerts.push(cleared);
			made++;
		}
	}
}

function generateTenantAsm(
	data: SimData,
	tenant: TenantRecord,
	rng: Prng,
	ids: IdFactory,
	now: number,
): void {
	const client: AsmClientRecord = {
		id: ids.uuid(),
		tenantId: tenant.id,
		name: tenant.displayName,
		dateAdded: iso(now - rng.int(60, 400) * DAY_MS),
		externalClientID: tenant.id,
		totals: { users: 0, breaches: rng.int(0, 5) },
	};
	data.asm.clients.push(client);

	const users: AsmUserRecord[] = [];
	for (let u = 0; u < 6; u++) {
		const firstName = rng.pick(FIRST_NAMES);
		const lastName = rng.pick(LAST_NAMES);
		users.push({
			id: ids.uuid(),
			clientId: client.id,
			firstName,
			lastName,
			email: `${firstName.toLowerCase()}.${u}@${tenant.domainPrefix}.example`,
			dateAdded: iso(now - rng.int(30, 300) * DAY_MS),
			lastUsed: iso(now - rng.int(0, 60) * DAY_MS),
			disabled: rng.chance(0.1),
			expired: false,
			active: rng.chance(0.9),
			appIds: [],
		});
	}
	client.totals.users = users.length;

	const apps: AsmAppRecord[] = [];
	for (const [name, category, subCategory, publisherName] of rng.sample(SAAS_APPS, 5)) {
		const app: AsmAppRecord = {
			id: ids.uuid(),
			clientId: client.id,
			name,
			category,
			subCategory,
			risk: rng.pick(['low', 'medium', 'high']),
			dateAdded: iso(now - rng.int(1, 300) * DAY_MS),
			classified: rng.chance(0.8),
			disabled: false,
			status: rng.pick(['approved', 'unapproved', 'inReview']),
			publisherName,
			userIds: rng.sample(users, rng.int(2, users.length)).map((u) => u.id),
		};
		for (const u of users) if (app.userIds.includes(u.id)) u.appIds.push(app.id);
		apps.push(app);
	}

	data.asm.users.push(...users);
	data.asm.apps.push(...apps);

	for (let s = 0; s < 6; s++) {
		const app = rng.pick(apps);
		data.asm.securityLogs.push({
			id: ids.uuid(),
			clientId: client.id,
			appId: app.id,
			userId: rng.pick(app.userIds),
			credential: rng.pick(['password', 'oauth', 'saml']),
			dateAdded: iso(now - rng.int(0, 90) * DAY_MS),
			shared: rng.chance(0.2),
			generic: rng.chance(0.1),
			personal: rng.chance(0.3),
		});
	}
	for (const app of apps.slice(0, 2)) {
		for (const tag of ['finance', 'approved']) {
			data.asm.tags.push({ id: ids.uuid(), clientId: client.id, applicationId: app.id, name: tag });
		}
		for (const userId of app.userIds.slice(0, 3)) {
			const user = users.find((u) => u.id === userId);
			data.asm.licenses.push({
				id: ids.uuid(),
				clientId: client.id,
				applicationId: app.id,
				email: user ? user.email : `user@${tenant.domainPrefix}.example`,
				externalUserId: rng.hex(12),
				licenseType: rng.pick(['Pro', 'Business', 'Free']),
				lastLoginTime: rng.chance(0.85) ? iso(now - rng.int(0, 120) * DAY_MS) : null,
				underutilized: rng.chance(0.3),
				lastIntegrationUpdate: iso(now - rng.int(0, 2) * DAY_MS),
				discoveredUserIds: [userId],
			});
		}
	}
}
