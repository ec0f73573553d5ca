/**
 * Auvik Webhook Trigger inside n8n-core's real WebhookContext (fake express request, recorded
 * response): shared secret, malformed bodies, triggered/cleared keys, ID padding, events filter,
 * and the promise that webhook and polling items for the same alert have the same shape.
 */
import type { IDataObject, INodeParameters, IWebhookResponseData } from 'n8n-workflow';

import { AuvikApi } from '../../credentials/AuvikApi.credentials';
import { SEVERITY_NUMBER } from '../../nodes/Auvik/helpers/alerts';
import { resetBudgets } from '../../nodes/Auvik/transport/rateBudget';
import { AuvikTrigger } from '../../nodes/AuvikTrigger/AuvikTrigger.node';
import { AuvikWebhookTrigger } from '../../nodes/AuvikWebhookTrigger/AuvikWebhookTrigger.node';
import type { FakeWebhookRequest, RecordedResponse } from '../harness';
import { makeHookContext, makePollContext, makeWebhookContext } from '../harness';
import { credentialsFor } from '../helpers/auvik';
import type { AlertRecord, Simulator } from '../simulator';
import { startSimulator } from '../simulator';

const WEBHOOK_TYPE = 'n8n-nodes-auvik.auvikWebhookTrigger';
const SECRET = 's3cret-Token';

interface HookResult {
	out: IWebhookResponseData;
	response: RecordedResponse;
	items: IDataObject[];
}

/** Notifications over the whole file: each accepted one must start exactly one item. */
const tally = { notifications: 0, delivered: 0, duplicated: 0, missed: 0, rejected401: 0, rejected400: 0, ignored: 0 };

async function hook(parameters: INodeParameters, request: FakeWebhookRequest): Promise<HookResult> {
	const { context, response } = makeWebhookContext({ nodeType: new AuvikWebhookTrigger(), nodeTypeName: WEBHOOK_TYPE, parameters, request });
	const out = await new AuvikWebhookTrigger().webhook.call(context);
	const items = (out.workflowData?.[0] ?? []).map((i) => i.json);
	tally.notifications++;
	if (response.statusCode === 401) tally.rejected401++;
	else if (response.statusCode === 400) tally.rejected400++;
	else if ((response.body as IDataObject | undefined)?.ignored) tally.ignored++;
	else if (items.length === 0) tally.missed++;
	else {
		tally.delivered++;
		tally.duplicated += items.length - 1;
	}
	if (response.ended) expect(items).toEqual([]);
	return { out, response, items };
}

/** What Auvik posts (docs §6.3), with base64 padding on the IDs like Auvik's sample. */
function body(overrides: IDataObject = {}): IDataObject {
	return {
		alertId: 'MTI3Mzg5NTU0NjE0NjkxODM2OjEyMw==',
		alertName: 'Device Offline',
		alertDescription: 'Device Offline on core-sw-01',
		alertSeverity: 2,
		alertSeverityString: 'Critical',
		alertStatus: 0,
		alertStatusString: 'Triggered',
		companyId: '548704221938262834',
		companyName: 'Client 1',
		correlationId: 'MTI3Mzg5NTU0NjE0NjkxODM2OjEyMw==',
		date: '2026-01-31T10:15:30.123+00:00',
		entityId: 'ZGV2aWNlLDE=',
		entityName: 'core-sw-01',
		entityType: 'device',
		link: 'https://client1.us1.my.auvik.com/#alert/MTI3Mzg5NTU0NjE0NjkxODM2OjEyMw',
		subject: 'You have a new alert!',
		...overrides,
	};
}

describe('Auvik Webhook Trigger', () => {
	afterAll(() => {
		console.log(
			`Auvik Webhook Trigger: ${tally.notifications} notifications; delivered ${tally.delivered}, duplicated ${tally.duplicated}, missed ${tally.missed}; rejected 401 ${tally.rejected401}, 400 ${tally.rejected400}; ignored by the events filter ${tally.ignored}`,
		);
		expect({ duplicated: tally.duplicated, missed: tally.missed }).toEqual({ duplicated: 0, missed: 0 });
	});

	describe('shared secret', () => {
		const params = { secret: SECRET };

		it.each([
			['missing', {}],
			['wrong in the query', { query: { token: 'nope' } }],
			['wrong with the same length', { query: { token: 's3cret-TokeN' } }],
			['wrong in the header', { headers: { 'x-auvik-token': 'nope' } }],
			['empty', { query: { token: '' }, headers: { 'x-auvik-token': '' } }],
		] as Array<[string, FakeWebhookRequest]>)('%s token: 401 and nothing emitted', async (_label, request) => {
			const { out, response, items } = await hook(params, { ...request, body: body() });
			expect(response.statusCode).toBe(401);
			expect(response.ended).toBe(true);
			expect(JSON.stringify(response.body)).toMatch(/token/);
			expect(JSON.stringify(response.body)).not.toContain(SECRET);
			expect(out.workflowData).toBeUndefined();
			expect(out.noWebhookResponse).toBe(true);
			expect(items).toEqual([]);
		});

		it('a 401 is given before the body is looked at (a malformed body without the token is still 401)', async () => {
			const { response, out } = await hook(params, { body: 'not json' });
			expect(response.statusCode).toBe(401);
			expect(out.workflowData).toBeUndefined();
		});

		it.each([
			['query ?token=', { query: { token: SECRET } }],
			['header x-auvik-token', { headers: { 'x-auvik-token': SECRET } }],
			['header, with an empty query token', { query: { token: '' }, headers: { 'x-auvik-token': SECRET } }],
		] as Array<[string, FakeWebhookRequest]>)('the right token in the %s emits the item', async (_label, request) => {
			const { out, response, items } = await hook(params, { ...request, body: body() });
			expect(response.ended).toBe(false);
			expect(out.workflowData).toHaveLength(1);
			expect(items).toHaveLength(1);
			expect(items[0]).toMatchObject({ event: 'triggered', alertId: 'MTI3Mzg5NTU0NjE0NjkxODM2OjEyMw' });
		});

		it('without a secret configured, any request with a valid body is accepted', async () => {
			const { items } = await hook({}, { body: body() });
			expect(items).toHaveLength(1);
		});
	});

	describe('malformed bodies', () => {
		it.each([
			['a string', 'alertId=1&alertStatus=0'],
			['an array', [body()]],
			['an object without alertId', body({ alertId: undefined })],
			['an object without alertStatus', body({ alertStatus: undefined, alertStatusString: undefined })],
			['an unknown alertStatus', body({ alertStatus: 7, alertStatusString: 'Exploded' })],
			['an unparseable date', body({ date: 'yesterday-ish' })],
			['an empty object', {}],
		] as Array<[string, unknown]>)('%s: 400 and nothing emitted', async (_label, payload) => {
			const { out, response, items } = await hook({ secret: SECRET }, { query: { token: SECRET }, body: payload });
			expect(response.statusCode).toBe(400);
			expect(response.ended).toBe(true);
			expect(String((response.body as IDataObject).error)).toMatch(/^Not an Auvik alert notification: /);
			expect(out.workflowData).toBeUndefined();
			expect(items).toEqual([]);
		});
	});

	describe('items', () => {
		it('triggered: keyed by the alert ID; cleared: keyed by correlationId (the alert it clears), trailing = stripped', async () => {
			const triggered = (await hook({}, { body: body() })).items[0];
			expect(triggered).toEqual({
				dedupKey: 'MTI3Mzg5NTU0NjE0NjkxODM2OjEyMw',
				event: 'triggered',
				alertId: 'MTI3Mzg5NTU0NjE0NjkxODM2OjEyMw',
				relatedAlertId: null,
				status: 'created',
				severity: 'critical',
				severityNumber: 2,
				name: 'Device Offline',
				description: 'Device Offline on core-sw-01',
				entityType: 'device',
				entityId: 'ZGV2aWNlLDE',
				entityName: 'core-sw-01',
				tenantId: '548704221938262834',
				tenantDomainPrefix: null,
				tenantName: 'Client 1',
				detectedOn: '2026-01-31T10:15:30.123Z',
				dashboardUrl: 'https://client1.us1.my.auvik.com/#alert/MTI3Mzg5NTU0NjE0NjkxODM2OjEyMw',
				dismissed: null,
				dispatched: null,
				externalTicket: null,
				source: 'webhook',
			});
			const cleared = (
				await hook({}, { body: body({ alertId: 'Q0xFQVJJTkcxMjM=', alertStatus: 1, alertStatusString: 'Cleared', subject: 'An alert has been cleared' }) })
			).items[0];
			expect(cleared).toMatchObject({
				dedupKey: triggered.dedupKey,
				event: 'cleared',
				alertId: 'Q0xFQVJJTkcxMjM',
				relatedAlertId: 'MTI3Mzg5NTU0NjE0NjkxODM2OjEyMw',
				status: 'resolved',
			});
		});

		it('a cleared notification without correlationId falls back to its own alert ID', async () => {
			const { items } = await hook({}, { body: body({ alertStatus: 1, correlationId: undefined }) });
			expect(items[0]).toMatchObject({ event: 'cleared', dedupKey: 'MTI3Mzg5NTU0NjE0NjkxODM2OjEyMw', relatedAlertId: null });
		});

		it('reads the status and severity from their text fields when the numbers are missing', async () => {
			const { items } = await hook({}, { body: body({ alertStatus: undefined, alertStatusString: 'Cleared', alertSeverity: undefined, alertSeverityString: 'Info' }) });
			expect(items[0]).toMatchObject({ event: 'cleared', severity: 'info', severityNumber: 4 });
			for (const [name, n] of Object.entries(SEVERITY_NUMBER)) {
				const { items: byNumber } = await hook({}, { body: body({ alertSeverity: n, alertSeverityString: undefined }) });
				expect(byNumber[0]).toMatchObject({ severity: name, severityNumber: n });
			}
		});

		it('the events filter acknowledges other notifications with 200 and emits nothing', async () => {
			const onlyTriggered = { events: ['triggered'] };
			const ignored = await hook(onlyTriggered, { body: body({ alertStatus: 1 }) });
			expect(ignored.response.statusCode).toBe(200);
			expect(ignored.response.body).toEqual({ ignored: true, event: 'cleared' });
			expect(ignored.out.workflowData).toBeUndefined();
			expect((await hook(onlyTriggered, { body: body() })).items).toHaveLength(1);
			const onlyCleared = { events: ['cleared'] };
			expect((await hook(onlyCleared, { body: body() })).out.workflowData).toBeUndefined();
			expect((await hook(onlyCleared, { body: body({ alertStatus: 1 }) })).items).toHaveLength(1);
		});

		it('activation records the URL to paste into Auvik; deactivation forgets it', async () => {
			const staticData: IDataObject = {};
			const options = { nodeType: new AuvikWebhookTrigger(), nodeTypeName: WEBHOOK_TYPE, staticData };
			const node = new AuvikWebhookTrigger();
			expect(await node.webhookMethods.default.checkExists.call(makeHookContext(options))).toBe(false);
			expect(await node.webhookMethods.default.create.call(makeHookContext(options))).toBe(true);
			expect(String(staticData.webhookUrl)).toMatch(/\/webhook\/test-webhook-id\/auvik$/);
			expect(await node.webhookMethods.default.checkExists.call(makeHookContext(options))).toBe(true);
			expect(await node.webhookMethods.default.delete.call(makeHookContext(options))).toBe(true);
			expect(staticData.webhookUrl).toBeUndefined();
		});
	});

	describe('same item as the polling trigger', () => {
		let sim: Simulator;
		beforeAll(async () => (sim = await startSimulator({ tenants: 2, devicesPerTenant: 5, alertsPerTenant: 0 })));
		afterAll(async () => await sim.close());

		async function pollItems(staticData: IDataObject): Promise<IDataObject[]> {
			resetBudgets();
			const ctx = makePollContext({
				nodeType: new AuvikTrigger(),
				nodeTypeName: 'n8n-nodes-auvik.auvikTrigger',
				parameters: { event: 'alertAny' },
				credentials: { auvikApi: credentialsFor(sim) },
				credentialTypes: [new AuvikApi()],
				staticData,
			});
			const out = await new AuvikTrigger().poll.call(ctx);
			return (out?.[0] ?? []).map((i) => i.json);
		}

		/** The webhook Auvik would send for a simulator alert (IDs padded like Auvik's sample). */
		function webhookFor(alert: AlertRecord, trigger?: AlertRecord): IDataObject {
			const tenant = sim.index.tenants.get(alert.tenantId)!;
			const pad = (id: string) => `${id}=`;
			return {
				alertId: pad(alert.id),
				alertName: alert.name,
				alertDescription: alert.description,
				alertSeverity: SEVERITY_NUMBER[alert.severity],
				alertSeverityString: alert.severity[0].toUpperCase() + alert.severity.slice(1),
				alertStatus: alert.status === 'resolved' ? 1 : 0,
				alertStatusString: alert.status === 'resolved' ? 'Cleared' : 'Triggered',
				companyId: tenant.id,
				companyName: tenant.displayName,
				correlationId: pad((trigger ?? alert).id),
				date: alert.detectedOn.replace('Z', '+00:00'),
				entityId: pad(alert.entity.id),
				entityName: alert.entity.name,
				entityType: alert.entity.type,
				link: `https://${tenant.domainPrefix}.us1.my.auvik.com/#alert/${alert.id}`,
				subject: 'You have a new alert!',
			};
		}

		it('has identical keys and the same values for what both sources know, for triggered and cleared', async () => {
			const state: IDataObject = {};
			expect(await pollItems(state)).toEqual([]);
			const trigger = sim.addAlert({ detectedOn: Date.now() - 1000, severity: 'emergency', name: 'Interface Down', entityId: sim.data.interfaces[0].id });
			const polledTrigger = await pollItems(state);
			const clearing = sim.addAlert({ detectedOn: Date.now(), status: 'resolved', relatedAlertId: trigger.id });
			const polledClearing = await pollItems(state);
			const polled = [...polledTrigger, ...polledClearing];
			expect(polled.map((i) => i.event)).toEqual(['triggered', 'cleared']);
			const hooked = [
				(await hook({}, { body: webhookFor(trigger) })).items[0],
				(await hook({}, { body: webhookFor(clearing, trigger) })).items[0],
			];
			const shared = ['dedupKey', 'event', 'alertId', 'relatedAlertId', 'status', 'severity', 'severityNumber', 'name', 'description', 'entityType', 'entityId', 'entityName', 'tenantId', 'detectedOn', 'dashboardUrl'];
			const pick = (o: IDataObject) => Object.fromEntries(shared.map((k) => [k, o[k]]));
			for (let i = 0; i < 2; i++) {
				expect(Object.keys(hooked[i]).sort()).toEqual(Object.keys(polled[i]).sort());
				expect(pick(hooked[i])).toEqual(pick(polled[i]));
				expect(hooked[i].source).toBe('webhook');
				expect(polled[i].source).toBe('poll');
			}
			// one ticket key for the trigger and its clearing, from either source
			expect(new Set([...polled, ...hooked].map((i) => i.dedupKey))).toEqual(new Set([trigger.id]));
		});
	});
});
