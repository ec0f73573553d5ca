/**
 * Types of the operation catalogue: the one description of the Auvik API that both the node's
 * UI properties and its HTTP requests are built from.
 *
 * contract.generated.ts holds the facts derived from Auvik's OpenAPI documents (ContractOperation);
 * operations.ts adds what a user sees (resource, operation name, labels) and our corrections.
 */

/** How a query parameter's value is typed and formatted on the wire. */
export type ParamType =
	| 'string'
	| 'number'
	| 'boolean'
	| 'options'
	/** ISO-8601 with milliseconds and Z, e.g. 2024-01-01T00:00:00.000Z */
	| 'dateTime'
	/** YYYY-MM-DD (billing) */
	| 'date'
	/** YYYY-MM-DD HH:MM:SS in UTC (SNMP poller history) */
	| 'snmpDateTime';

export interface ContractQueryParam {
	/** Wire name, e.g. filter[deviceType], tenants, include */
	name: string;
	type: ParamType;
	required: boolean;
	enum?: string[];
}

export interface ContractPathParam {
	name: string;
	enum?: string[];
}

/** One operation as Auvik's spec defines it (generated). */
export interface ContractOperation {
	operationId: string;
	method: 'GET' | 'POST';
	/** Full path including the version prefix, e.g. /v1/inventory/device/info/{id} */
	path: string;
	apiVersion: 'v1' | 'v2';
	/** Whether the operation takes page[first]/page[after] cursors. */
	paged: boolean;
	defaultPageSize?: number;
	pathParams: ContractPathParam[];
	query: ContractQueryParam[];
}

export type ResourceKey =
	| 'tenant'
	| 'device'
	| 'network'
	| 'interface'
	| 'component'
	| 'configuration'
	| 'entityNote'
	| 'entityAudit'
	| 'alert'
	| 'statistics'
	| 'snmpPoller'
	| 'billing'
	| 'saasManagement'
	| 'credential';

/** Which picker a path ID gets in the UI. */
export type LocatorKind = 'tenant' | 'device' | 'network' | 'interface' | 'alert' | 'plain';

/** A user-facing operation: one entry per Auvik operation. */
export interface OperationDef {
	operationId: string;
	resource: ResourceKey;
	/** Value of the node's `operation` parameter, unique within the resource, e.g. getMany */
	operation: string;
	/** Option label, e.g. "Get Many" */
	name: string;
	/** n8n action label, sentence case, e.g. "Get many devices" */
	action: string;
	/** Description shown in the editor and given to AI agents */
	description: string;
	/** Locator kind per path parameter that identifies an entity (default: plain) */
	locators?: Record<string, LocatorKind>;
	/** Query parameters promoted out of the Filters collection to their own required field */
	promoted?: string[];
	/** Query parameters hidden from Filters because the node fills them itself */
	hidden?: string[];
	/** Name of the tenants parameter this operation takes, if any ('tenants' list or v2 'tenant') */
	tenants?: 'tenants' | 'tenant';
	/** The only non-idempotent call (alert dismiss) */
	write?: boolean;
	/** Largest page size the server accepts (v1 default 1000, v2 10000) */
	maxPageSize?: number;
}

/** The catalogue entry: contract facts plus the user-facing overlay. */
export interface CatalogueEntry extends OperationDef {
	contract: ContractOperation;
	/** Query parameters that appear in the Filters collection */
	filters: ContractQueryParam[];
	/** Required query parameters that are separate fields (excluding tenants) */
	requiredQuery: ContractQueryParam[];
	/** Whether this operation returns a list (Return All / Limit) */
	list: boolean;
	/** Whether the response supports filter[modifiedAfter] incremental sync */
	incremental: boolean;
}
