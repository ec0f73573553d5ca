/**
 * One item shape for an Auvik alert, whether it came from polling the alert history or from
 * Auvik's webhook, so alert-to-ticket workflows work with either trigger. `dedupKey` is the
 * triggering alert's ID for both the trigger and its clearing, so one ticket can be opened and
 * closed by the same key.
 */
import type { IDataObject } from 'n8n-workflow';

export const SEVERITY_NUMBER: Record<string, number> = { emergency: 1, critical: 2, warning: 3, info: 4 };
const SEVERITY_NAME: Record<number, string> = { 1: 'emergency', 2: 'critical', 3: 'warning', 4: 'info' };

export interface AlertItem extends IDataObject {
	dedupKey: string;
	event: 'triggered' | 'cleared';
	alertId: string;
	relatedAlertId: string | null;
	status: string;
	severity: string;
	severityNumber: number | null;
	name: string | null;
	description: string | null;
	entityType: string | null;
	entityId: string | null;
	entityName: string | null;
	tenantId: string | null;
	tenantDomainPrefix: string | null;
	tenantName: string | null;
	detectedOn: string | null;
	dashboardUrl: string | null;
	dismissed: boolean | null;
	dispatched: boolean | null;
	externalTicket: IDataObject[] | null;
	source: 'poll' | 'webhook';
}

/** Webhook IDs may carry base64 padding that API IDs do not. */
export function normaliseId(id: unknown): string {
	return String(id ?? '').trim().replace(/=+$/, '');
}

function str(value: unknown): string | null {
	return value === undefined || value === null || value === '' ? null : String(value);
}

function rel(resource: IDataObject, name: string): IDataObject | undefined {
	return ((resource.relationships as IDataObject | undefined)?.[name] as IDataObject | undefined)?.data as IDataObject | undefined;
}

/** Alert-history resource (JSON:API) -> AlertItem. */
export function alertFromApi(resource: IDataObject): AlertItem {
	const a = (resource.attributes ?? {}) as IDataObject;
	const entity = rel(resource, 'entity');
	const tenant = rel(resource, 'tenant');
	const related = rel(resource, 'relatedAlert');
	const status = String(a.status ?? 'created');
	const cleared = status === 'resolved';
	const alertId = normaliseId(resource.id);
	const relatedAlertId = related?.id ? normaliseId(related.id) : null;
	const severity = String(a.severity ?? 'unknown').toLowerCase();
	const entityAttributes = (entity?.attributes ?? {}) as IDataObject;
	return {
		dedupKey: cleared && relatedAlertId ? relatedAlertId : alertId,
		event: cleared ? 'cleared' : 'triggered',
		alertId,
		relatedAlertId,
		status,
		severity,
		severityNumber: SEVERITY_NUMBER[severity] ?? null,
		name: str(a.name),
		description: str(a.description),
		entityType: str(entity?.type),
		entityId: entity?.id ? normaliseId(entity.id) : null,
		entityName: str(entity?.name ?? entity?.entityName ?? entityAttributes.name ?? entityAttributes.deviceName),
		tenantId: str(tenant?.id),
		tenantDomainPrefix: str((tenant?.attributes as IDataObject | undefined)?.domainPrefix),
		tenantName: null,
		detectedOn: str(a.detectedOn),
		dashboardUrl: str((resource.links as IDataObject | undefined)?.dashboard),
		dismissed: typeof a.dismissed === 'boolean' ? a.dismissed : null,
		dispatched: typeof a.dispatched === 'boolean' ? a.dispatched : null,
		externalTicket: Array.isArray(a.externalTicket) ? (a.externalTicket as IDataObject[]) : null,
		source: 'poll',
	};
}

/** Checks an Auvik webhook body; returns what is wrong, or undefined when it is usable. */
export function webhookProblem(body: unknown): string | undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return 'the body is not a JSON object';
	const b = body as IDataObject;
	if (!b.alertId) return 'alertId is missing';
	const status = b.alertStatus ?? b.alertStatusString;
	if (status === undefined || status === null || status === '') return 'alertStatus is missing';
	if (!['0', '1', 'triggered', 'cleared'].includes(String(status).toLowerCase())) return `alertStatus "${String(status)}" is neither 0 (Triggered) nor 1 (Cleared)`;
	if (b.date !== undefined && b.date !== null && b.date !== '' && Number.isNaN(Date.parse(String(b.date)))) return `date "${String(b.date)}" is not a date`;
	return undefined;
}

/** Auvik webhook body -> AlertItem (call webhookProblem first). */
export function alertFromWebhook(body: IDataObject): AlertItem {
	const statusText = String(body.alertStatus ?? body.alertStatusString).toLowerCase();
	const cleared = statusText === '1' || statusText === 'cleared';
	const alertId = normaliseId(body.alertId);
	const correlationId = body.correlationId ? normaliseId(body.correlationId) : null;
	const severityNumber = Number(body.alertSeverity);
	const severity =
		SEVERITY_NAME[severityNumber] ?? (body.alertSeverityString ? String(body.alertSeverityString).toLowerCase() : 'unknown');
	return {
		dedupKey: cleared && correlationId ? correlationId : alertId,
		event: cleared ? 'cleared' : 'triggered',
		alertId,
		relatedAlertId: cleared ? correlationId : null,
		status: cleared ? 'resolved' : 'created',
		severity,
		severityNumber: SEVERITY_NUMBER[severity] ?? null,
		name: str(body.alertName),
		description: str(body.alertDescription),
		entityType: str(body.entityType),
		entityId: body.entityId ? normaliseId(body.entityId) : null,
		entityName: str(body.entityName),
		tenantId: body.companyId ? normaliseId(body.companyId) : null,
		tenantDomainPrefix: null,
		tenantName: str(body.companyName),
		detectedOn: body.date ? new Date(String(body.date)).toISOString() : null,
		dashboardUrl: str(body.link),
		dismissed: null,
		dispatched: null,
		externalTicket: null,
		source: 'webhook',
	};
}
