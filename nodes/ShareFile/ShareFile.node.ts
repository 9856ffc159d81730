import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { searchFiles, searchFolders } from '../shareFile/methods/searchItems';
import { router } from '../shared/router';
import * as file from './actions/file';
import * as folder from './actions/folder';
import * as search from './actions/search';

const run = router({ file: file.operations, folder: folder.operations, search: search.operations });

export class ShareFile implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ShareFile',
		name: 'shareFile',
		icon: { light: 'file:sharefile.svg', dark: 'file:sharefile.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: "Work with files and folders in Citrix ShareFile through ShareFile's own API",
		defaults: { name: 'ShareFile' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'shareFileOAuth2Api', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'File', value: 'file' },
					{ name: 'Folder', value: 'folder' },
					{ name: 'Search', value: 'search' },
				],
				default: 'file',
			},
			...file.description,
			...folder.description,
			...search.description,
		],
	};

	methods = {
		listSearch: { searchFiles, searchFolders },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await run.call(this);
	}
}
