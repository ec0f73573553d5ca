/**
 * Auvik Webhook Trigger: receives Auvik's webhook notifications (Auvik > Integrations > Webhook)
 * and emits the same item shape as the polling Auvik Trigger. Auvik has no API to register a
 * webhook, so the node shows the URL to paste. An optional shared secret (query `token` or header
 * `x-auvik-token`) keeps strangers out: without it the request gets 401 and nothing runs.
 */
import { timingSafeEqual } from 'crypto';
import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { alertFromWebhook, webhookProblem } from '../Auvik/helpers/alerts';

function sameSecret(given: string, expected: string): boolean {
	const a = Buffer.from(given, 'utf8');
	const b = Buffer.from(expected, 'utf8');
	return a.length === b.length && timingSafeEqual(a, b);
}

export class AuvikWebhookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Auvik Webhook Trigger',
		name: 'auvikWebhookTrigger',
		icon: { light: 'file:auvik.svg', dark: 'file:auvik.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"alerts via webhook"}}',
		description: 'Starts the workflow when Auvik sends an alert notification to its webhook integration',
		defaults: { name: 'Auvik Webhook Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: 'noData', path: 'auvik' }],
		properties: [
			{
				displayName:
					'In Auvik: Integrations > Webhook > add a webhook, paste this node\'s Production URL (add ?token=YOUR_SECRET if you set a secret below), choose the alerts to send, and save. Activate this workflow first.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Shared Secret',
				name: 'secret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: 'If set, requests must carry it as the query parameter "token" or the header "x-auvik-token"; others get 401 and start nothing',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: [
					{ name: 'Alert Cleared', value: 'cleared' },
					{ name: 'Alert Triggered', value: 'triggered' },
				],
				default: ['triggered', 'cleared'],
				description: 'Which notifications start the workflow; others are acknowledged and ignored',
			},
		],
	};

	/**
	 * Auvik has no API for webhook subscriptions: the user pastes the URL in Auvik. These hooks
	 * only record which URL n8n serves, so activation and deactivation are explicit in the log.
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node');
				return state.webhookUrl === this.getNodeWebhookUrl('default');
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const url = this.getNodeWebhookUrl('default');
				this.getWorkflowStaticData('node').webhookUrl = url;
				this.logger.info(`Auvik Webhook Trigger listening; paste ${String(url)} into Auvik > Integrations > Webhook`);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				delete this.getWorkflowStaticData('node').webhookUrl;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const res = this.getResponseObject();
		const secret = String(this.getNodeParameter('secret', '') ?? '');
		if (secret) {
			const query = this.getQueryData() as IDataObject;
			const headers = this.getHeaderData() as IDataObject;
			// Either place may carry it; an empty or wrong value in one does not hide the other.
			const given = [query.token, headers['x-auvik-token']].filter((v): v is string => typeof v === 'string' && v !== '');
			if (!given.some((g) => sameSecret(g, secret))) {
				res.status(401).json({ error: 'Missing or wrong token: add ?token=<shared secret> to the webhook URL in Auvik' });
				return { noWebhookResponse: true };
			}
		}
		const body = this.getBodyData() as unknown;
		const problem = webhookProblem(body);
		if (problem) {
			res.status(400).json({ error: `Not an Auvik alert notification: ${problem}` });
			return { noWebhookResponse: true };
		}
		const item = alertFromWebhook(body as IDataObject);
		const events = this.getNodeParameter('events', ['triggered', 'cleared']) as string[];
		if (!events.includes(item.event)) {
			res.status(200).json({ ignored: true, event: item.event });
			return { noWebhookResponse: true };
		}
		return { workflowData: [this.helpers.returnJsonArray([item])] };
	}
}
