import type { INodeProperties } from 'n8n-workflow';

import * as copy from './copy.operation';
import * as create from './create.operation';
import * as deleteFolder from './delete.operation';
import * as getMetadata from './getMetadata.operation';
import * as listContents from './listContents.operation';
import * as move from './move.operation';

export const operations = {
	copy,
	create,
	delete: deleteFolder,
	getMetadata,
	listContents,
	move,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['folder'] } },
		options: [
			{
				name: 'Copy',
				value: 'copy',
				description: 'Copy a folder and everything in it to another path',
				action: 'Copy a folder',
			},
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
			{
				name: 'Get Metadata',
				value: 'getMetadata',
				description: "Get a folder's name, path and dates",
				action: 'Get folder metadata',
			},
			{
				name: 'List Contents',
				value: 'listContents',
				description: 'List the files and folders in a folder',
				action: 'List folder contents',
			},
			{
				name: 'Move or Rename',
				value: 'move',
				description: 'Give a folder a new path: another parent, another name, or both',
				action: 'Move or rename a folder',
			},
		],
		default: 'listContents',
	},
	...copy.description,
	...create.description,
	...deleteFolder.description,
	...getMetadata.description,
	...listContents.description,
	...move.description,
];
