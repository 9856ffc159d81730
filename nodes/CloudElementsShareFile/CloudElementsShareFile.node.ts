import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { cloudElementsApiTest } from '../cloudElements/methods/credentialTest';
import { searchFiles, searchFolders } from '../cloudElements/methods/searchDocuments';
import { searchInstances } from '../cloudElements/methods/searchInstances';
import * as event from './actions/event';
import * as file from './actions/file';
import * as folder from './actions/folder';
import * as instance from './actions/instance';
import * as search from './actions/search';
import * as share from './actions/share';
import { router } from '../shared/router';

const execute = router({
	instance: instance.operations,
	event: event.operations,
	file: file.operations,
	folder: folder.operations,
	search: search.operations,
	share: share.operations,
});

export class CloudElementsShareFile implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ShareFile (Cloud Elements)',
		name: 'cloudElementsShareFile',
		icon: { light: 'file:sharefile.svg', dark: 'file:sharefile.dark.svg' },
		group: ['transform'],
		// 1.1: Share → Create and Get Many replace Send (kept for nodes saved at 1).
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage Citrix ShareFile files and folders, element instances and their events through Cloud Elements',
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
					{ name: 'File', value: 'file' },
					{ name: 'Folder', value: 'folder' },
					{ name: 'Instance', value: 'instance' },
					{ name: 'Search', value: 'search' },
					{ name: 'Share', value: 'share' },
				],
				default: 'instance',
			},
			...instance.description,
			...event.description,
			...file.description,
			...folder.description,
			...search.description,
			...share.description,
		],
	};

	methods = {
		listSearch: { searchFiles, searchFolders, searchInstances },
		credentialTest: { cloudElementsApiTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await execute.call(this);
	}
}
