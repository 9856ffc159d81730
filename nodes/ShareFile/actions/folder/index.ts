import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteFolder from './delete.operation';
import * as get from './get.operation';
import * as listContents from './listContents.operation';

export const operations = { create, delete: deleteFolder, get, listContents };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['folder'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a folder, and any missing folders above it',
				action: 'Create a folder',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a folder and everything in it',
				action: 'Delete a folder',
			},
			{ name: 'Get', value: 'get', description: "Get a folder's name, path and dates", action: 'Get a folder' },
			{
				name: 'List Contents',
				value: 'listContents',
				description: 'List the files and folders in a folder',
				action: 'List folder contents',
			},
		],
		default: 'listContents',
	},
	...create.description,
	...deleteFolder.description,
	...get.description,
	...listContents.description,
];
