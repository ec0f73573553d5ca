import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { route } from './actions/router';
import { buildProperties } from './description';
import { listSearch, loadOptions } from './methods';

export class Auvik implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Auvik',
		name: 'auvik',
		icon: { light: 'file:auvik.svg', dark: 'file:auvik.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Read Auvik network inventory, alerts, statistics, billing and SaaS data, and dismiss alerts',
		defaults: { name: 'Auvik' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'auvikApi', required: true }],
		properties: buildProperties(),
	};

	methods = { loadOptions, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this);
	}
}
