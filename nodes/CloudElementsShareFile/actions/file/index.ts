import type { INodeProperties } from 'n8n-workflow';

import * as copy from './copy.operation';
import * as deleteFile from './delete.operation';
import * as download from './download.operation';
import * as getLink from './getLink.operation';
import * as getMetadata from './getMetadata.operation';
import * as listRevisions from './listRevisions.operation';
import * as move from './move.operation';
import * as upload from './upload.operation';

export const operations = {
	copy,
	delete: deleteFile,
	download,
	getLink,
	getMetadata,
	listRevisions,
	move,
	upload,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['file'] } },
		options: [
			{ name: 'Copy', value: 'copy', description: 'Copy a file to another path', action: 'Copy a file' },
			{ name: 'Delete', value: 'delete', description: 'Delete a file', action: 'Delete a file' },
			{
				name: 'Download',
				value: 'download',
				description: 'Download a file into a binary field',
				action: 'Download a file',
			},
			{
				name: 'Get Link',
				value: 'getLink',
				description: 'Get a link that downloads the file without credentials',
				action: 'Get a file link',
			},
			{
				name: 'Get Metadata',
				value: 'getMetadata',
				description: "Get a file's name, path, size and dates",
				action: 'Get file metadata',
			},
			{
				name: 'List Revisions',
				value: 'listRevisions',
				description: "List a file's earlier versions",
				action: 'List file revisions',
			},
			{
				name: 'Move or Rename',
				value: 'move',
				description: 'Give a file a new path: another folder, another name, or both',
				action: 'Move or rename a file',
			},
			{
				name: 'Upload',
				value: 'upload',
				description: 'Upload a binary field as a file',
				action: 'Upload a file',
			},
		],
		default: 'download',
	},
	...copy.description,
	...deleteFile.description,
	...download.description,
	...getLink.description,
	...getMetadata.description,
	...listRevisions.description,
	...move.description,
	...upload.description,
];
