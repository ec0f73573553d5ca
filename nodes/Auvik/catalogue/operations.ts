/**
 * The user-facing side of every Auvik operation: one entry each. Method, path and parameters
 * come from contract.generated.ts (derived from Auvik's spec); here we say which resource and
 * operation the entry appears under in n8n, its labels, and how its IDs are picked.
 * Adding an operation = adding one entry here (and regenerating the contract if it is new).
 */
import type { OperationDef } from './types';

const dev = { id: 'device' } as const;

export const OPERATIONS: OperationDef[] = [
	// Tenants
	{ operationId: 'readMultipleTenants', resource: 'tenant', operation: 'getMany', name: 'Get Many', action: 'Get many tenants', description: 'List every tenant (MSP, client, site) the API user can reach, with IDs and domain prefixes' },
	{ operationId: 'readMultipleTenantsDetail', resource: 'tenant', operation: 'getManyDetails', name: 'Get Many Details', action: 'Get many tenant details', description: 'List tenant details (type, trial dates) for all tenants under the main account', hidden: ['tenantDomainPrefix'] },
	{ operationId: 'readSingleTenantsDetail', resource: 'tenant', operation: 'getDetails', name: 'Get Details', action: 'Get tenant details', description: 'Get the details of one tenant by ID', locators: { id: 'tenant' }, hidden: ['tenantDomainPrefix'] },

	// Devices (v1)
	{ operationId: 'readSingleDeviceInfo', resource: 'device', operation: 'get', name: 'Get', action: 'Get a device', description: 'Get one device: name, type, IP addresses, vendor, model, serial, firmware, online status', locators: dev },
	{ operationId: 'readMultipleDeviceInfo', resource: 'device', operation: 'getMany', name: 'Get Many', action: 'Get many devices', description: 'List devices with name, type, IP addresses, vendor, model, serial and online status; filter by type, status, network or last change', tenants: 'tenants' },
	{ operationId: 'readSingleDeviceDetails', resource: 'device', operation: 'getDetails', name: 'Get Details', action: 'Get device details', description: 'Get discovery status per protocol, managed state and TrafficInsights state of one device', locators: dev },
	{ operationId: 'readMultipleDeviceDetails', resource: 'device', operation: 'getManyDetails', name: 'Get Many Details', action: 'Get many device details', description: 'List discovery status per protocol, managed state and TrafficInsights state of devices', tenants: 'tenants' },
	{ operationId: 'readSingleDeviceExtendedDetail', resource: 'device', operation: 'getExtendedDetails', name: 'Get Extended Details', action: 'Get extended device details', description: 'Get type-specific extras of one device (stack members, VMs, access points, SSIDs, tunnels)', locators: dev },
	{ operationId: 'readMultipleDeviceExtendedDetail', resource: 'device', operation: 'getManyExtendedDetails', name: 'Get Many Extended Details', action: 'Get many extended device details', description: 'List type-specific extras for all devices of one device type', promoted: ['filter[deviceType]'], tenants: 'tenants' },
	{ operationId: 'readSingleDeviceWarranty', resource: 'device', operation: 'getWarranty', name: 'Get Warranty', action: 'Get a device warranty', description: 'Get warranty and service coverage of one device', locators: dev },
	{ operationId: 'readMultipleDeviceWarranty', resource: 'device', operation: 'getManyWarranties', name: 'Get Many Warranties', action: 'Get many device warranties', description: 'List warranty and service coverage of devices', tenants: 'tenants' },
	{ operationId: 'readSingleDeviceLifecycle', resource: 'device', operation: 'getLifecycle', name: 'Get Lifecycle', action: 'Get a device lifecycle', description: 'Get sales, software maintenance and support status of one device', locators: dev },
	{ operationId: 'readMultipleDeviceLifecycle', resource: 'device', operation: 'getManyLifecycles', name: 'Get Many Lifecycles', action: 'Get many device lifecycles', description: 'List sales, software maintenance and support status of devices', tenants: 'tenants' },
	// Devices (v2 beta)
	{ operationId: 'readSingleDeviceInfoV2', resource: 'device', operation: 'getV2', name: 'Get (V2 Beta)', action: 'Get a device with the v2 beta API', description: 'Get one device from the v2 (beta) API, which adds make, model and a readable device type', locators: dev },
	{ operationId: 'readMultipleDeviceInfoV2', resource: 'device', operation: 'getManyV2', name: 'Get Many (V2 Beta)', action: 'Get many devices with the v2 beta API', description: 'List devices from the v2 (beta) API for one tenant and its children, up to 10,000 per page; includes endpoints and services', tenants: 'tenant', maxPageSize: 10000 },

	// Networks
	{ operationId: 'readSingleNetworkInfo', resource: 'network', operation: 'get', name: 'Get', action: 'Get a network', description: 'Get one network: name, type, scan status, description', locators: { id: 'network' } },
	{ operationId: 'readMultipleNetworkInfo', resource: 'network', operation: 'getMany', name: 'Get Many', action: 'Get many networks', description: 'List networks; filter by type, scan status, device or last change', tenants: 'tenants' },
	{ operationId: 'readSingleNetworkDetails', resource: 'network', operation: 'getDetails', name: 'Get Details', action: 'Get network details', description: 'Get scan settings, scope and primary collector of one network', locators: { id: 'network' } },
	{ operationId: 'readMultipleNetworkDetails', resource: 'network', operation: 'getManyDetails', name: 'Get Many Details', action: 'Get many network details', description: 'List scan settings, scope and primary collector of networks', tenants: 'tenants' },

	// Interfaces, components, configurations
	{ operationId: 'readSingleInterfaceInfo', resource: 'interface', operation: 'get', name: 'Get', action: 'Get an interface', description: 'Get one interface: name, type, admin and operational status, speed, parent device', locators: { id: 'interface' } },
	{ operationId: 'readMultipleInterfaceInfo', resource: 'interface', operation: 'getMany', name: 'Get Many', action: 'Get many interfaces', description: 'List interfaces; filter by type, parent device, admin or operational status', tenants: 'tenants' },
	{ operationId: 'readSingleComponentInfo', resource: 'component', operation: 'get', name: 'Get', action: 'Get a component', description: 'Get one hardware component (fan, power supply, CPU, disk) and its status' },
	{ operationId: 'readMultipleComponentInfo', resource: 'component', operation: 'getMany', name: 'Get Many', action: 'Get many components', description: 'List hardware components and their status; filter by device or status', tenants: 'tenants' },
	{ operationId: 'readSingleConfiguration', resource: 'configuration', operation: 'get', name: 'Get', action: 'Get a configuration', description: 'Get the metadata of one configuration backup (time, running or startup); the text itself is not in the API' },
	{ operationId: 'readMultipleConfigurations', resource: 'configuration', operation: 'getMany', name: 'Get Many', action: 'Get many configurations', description: 'List configuration backups (metadata only); filter by device and backup time', tenants: 'tenants' },

	// Entity notes and audits
	{ operationId: 'readSingleEntityNote', resource: 'entityNote', operation: 'get', name: 'Get', action: 'Get an entity note', description: 'Get one note attached to a device, network or interface' },
	{ operationId: 'readMultipleEntityNote', resource: 'entityNote', operation: 'getMany', name: 'Get Many', action: 'Get many entity notes', description: 'List notes attached to devices, networks and interfaces', tenants: 'tenants' },
	{ operationId: 'readSingleEntityAudit', resource: 'entityAudit', operation: 'get', name: 'Get', action: 'Get an entity audit', description: 'Get one remote-access session record (tunnel, terminal, remote browser)' },
	{ operationId: 'readMultipleEntityAudit', resource: 'entityAudit', operation: 'getMany', name: 'Get Many', action: 'Get many entity audits', description: 'List remote-access session records: who, when, what and the outcome', tenants: 'tenants' },

	// Alerts
	{ operationId: 'readSingleAlertInfo', resource: 'alert', operation: 'get', name: 'Get', action: 'Get an alert', description: 'Get one alert from the alert history', locators: { id: 'alert' } },
	{ operationId: 'readMultipleAlertInfo', resource: 'alert', operation: 'getMany', name: 'Get Many', action: 'Get many alerts', description: 'List alert history; filter by severity, status, entity, dismissed, dispatched and detection time', tenants: 'tenants' },
	{ operationId: 'alertDismissSingle', resource: 'alert', operation: 'dismiss', name: 'Dismiss', action: 'Dismiss an alert', description: 'Dismiss one alert in Auvik. This is the only operation that changes anything in Auvik.', locators: { id: 'alert' }, write: true },

	// Statistics
	{ operationId: 'readDeviceStatistics', resource: 'statistics', operation: 'getDeviceStats', name: 'Get Device Statistics', action: 'Get device statistics', description: 'Get a time series of device bandwidth, CPU, memory, storage or packet statistics', tenants: 'tenants' },
	{ operationId: 'readDeviceAvailabilityStatistics', resource: 'statistics', operation: 'getDeviceAvailabilityStats', name: 'Get Device Availability Statistics', action: 'Get device availability statistics', description: 'Get a time series of device uptime percentage or outages', tenants: 'tenants' },
	{ operationId: 'readInterfaceStatistics', resource: 'statistics', operation: 'getInterfaceStats', name: 'Get Interface Statistics', action: 'Get interface statistics', description: 'Get a time series of interface bandwidth, utilization, packet loss, discards or packets', tenants: 'tenants' },
	{ operationId: 'readComponentStatistics', resource: 'statistics', operation: 'getComponentStats', name: 'Get Component Statistics', action: 'Get component statistics', description: 'Get a time series of a hardware component statistic (CPU, core, disk, fan, memory, power, board)', tenants: 'tenants' },
	{ operationId: 'readServiceStatistics', resource: 'statistics', operation: 'getServiceStats', name: 'Get Service Statistics', action: 'Get service statistics', description: 'Get a time series of cloud ping check round-trip times or packets', tenants: 'tenants' },
	{ operationId: 'readOidStatistics', resource: 'statistics', operation: 'getOidStats', name: 'Get OID Statistics', action: 'Get OID statistics', description: 'Get the latest value of every monitored SNMP OID on devices', tenants: 'tenants' },

	// SNMP pollers
	{ operationId: 'readSnmpPollerSettingSingle', resource: 'snmpPoller', operation: 'getSetting', name: 'Get Setting', action: 'Get an SNMP poller setting', description: 'Get one SNMP poller setting (OID, type, use)' },
	{ operationId: 'readMultipleSnmpPollerSettings', resource: 'snmpPoller', operation: 'getManySettings', name: 'Get Many Settings', action: 'Get many SNMP poller settings', description: 'List SNMP poller settings of the chosen tenants', tenants: 'tenants' },
	{ operationId: 'ReadMultipleSnmpPollerSettingDevices', resource: 'snmpPoller', operation: 'getManySettingDevices', name: 'Get Many Setting Devices', action: 'Get many devices of an SNMP poller setting', description: 'List the devices an SNMP poller setting applies to', tenants: 'tenants' },
	{ operationId: 'ReadMultipleSnmpPollerSettingStringHistory', resource: 'snmpPoller', operation: 'getStringHistory', name: 'Get String History', action: 'Get SNMP string poller history', description: 'Get the value history of string SNMP pollers (only settings used as poller)', tenants: 'tenants' },
	{ operationId: 'ReadMultipleSnmpPollerSettingIntHistory', resource: 'snmpPoller', operation: 'getNumericHistory', name: 'Get Numeric History', action: 'Get SNMP numeric poller history', description: 'Get the value history of numeric SNMP pollers at minute, hour or day intervals', tenants: 'tenants' },

	// Billing
	{ operationId: 'readClientUsage', resource: 'billing', operation: 'getClientUsage', name: 'Get Client Usage', action: 'Get client usage', description: 'Get billable device days per client for a date range (one item per client)', tenants: 'tenants' },
	{ operationId: 'readDeviceUsage', resource: 'billing', operation: 'getDeviceUsage', name: 'Get Device Usage', action: 'Get device usage', description: 'Get billable days of one device for a date range', locators: dev },

	// SaaS Management (ASM)
	{ operationId: 'ReadMultipleASMClientInfo', resource: 'saasManagement', operation: 'getManyClients', name: 'Get Many Clients', action: 'Get many SaaS management clients', description: 'List Auvik SaaS Management clients; their IDs scope the other SaaS Management operations' },
	{ operationId: 'ReadMultipleASMAppInfo', resource: 'saasManagement', operation: 'getManyApps', name: 'Get Many Apps', action: 'Get many SaaS apps', description: 'List SaaS applications discovered for a SaaS Management client' },
	{ operationId: 'ReadMultipleASMUserInfo', resource: 'saasManagement', operation: 'getManyUsers', name: 'Get Many Users', action: 'Get many SaaS users', description: 'List users seen by SaaS Management for a client' },
	{ operationId: 'ReadMultipleASMSecurityLogInfo', resource: 'saasManagement', operation: 'getManySecurityLogs', name: 'Get Many Security Logs', action: 'Get many SaaS security logs', description: 'List credential security findings (shared, generic, personal) for a client' },
	{ operationId: 'ReadMultipleASMTagInfo', resource: 'saasManagement', operation: 'getManyTags', name: 'Get Many Tags', action: 'Get many SaaS tags', description: 'List application tags for a client' },
	{ operationId: 'ReadMultipleASMLicenseInfo', resource: 'saasManagement', operation: 'getManyLicenses', name: 'Get Many Licenses', action: 'Get many SaaS licenses', description: 'List licenses of one SaaS application for a client (needs a SaaS-Ops integration)' },

	// Credentials
	{ operationId: 'verifyCredentials', resource: 'credential', operation: 'verify', name: 'Verify', action: 'Verify credentials', description: 'Check that the username, API key and region work; outputs { valid: true } or fails with what to fix' },
];
