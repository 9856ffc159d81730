import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { cloudElementsApiTest } from '../shared/methods/credentialTest';
import { searchInstances } from '../shared/methods/searchInstances';
import * as event from './actions/event';
import * as instance from './actions/instance';
import { router } from './actions/router';

export class CloudElementsShareFile implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ShareFile (Cloud Elements)',
		name: 'cloudElementsShareFile',
		icon: { light: 'file:sharefile.svg', dark: 'file:sharefile.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage Citrix ShareFile element instances and their events in Cloud Elements',
		defaults: { name: 'ShareFile (Cloud Elements)' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cloudElementsApi', required: true, testedBy: 'cloudElementsApiTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Event', value: 'event' },
					{ name: 'Instance', value: 'instance' },
				],
				default: 'instance',
			},
			...instance.description,
			...event.description,
		],
	};

	methods = {
		listSearch: { searchInstances },
		credentialTest: { cloudElementsApiTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
