import type { INodeProperties } from 'n8n-workflow';

import * as copy from './copy.operation';
import * as deleteFile from './delete.operation';
import * as download from './download.operation';
import * as getMetadata from './getMetadata.operation';
import * as getShareLink from './getShareLink.operation';
import * as move from './move.operation';
import * as upload from './upload.operation';

export const operations = { copy, delete: deleteFile, download, getMetadata, getShareLink, move, upload };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['file'] } },
		options: [
			{ name: 'Copy', value: 'copy', description: 'Copy a file into another folder', action: 'Copy a file' },
			{ name: 'Delete', value: 'delete', description: 'Delete a file', action: 'Delete a file' },
			{ name: 'Download', value: 'download', description: 'Download a file into a binary field', action: 'Download a file' },
			{
				name: 'Get Metadata',
				value: 'getMetadata',
				description: "Get a file's name, path, size and dates",
				action: 'Get file metadata',
			},
			{
				name: 'Get Share Link',
				value: 'getShareLink',
				description: 'Create a ShareFile share of the file and get its link',
				action: 'Get a share link for a file',
			},
			{
				name: 'Move or Rename',
				value: 'move',
				description: 'Give a file a new path: another folder, another name, or both',
				action: 'Move or rename a file',
			},
			{ name: 'Upload', value: 'upload', description: 'Upload a binary field as a file', action: 'Upload a file' },
		],
		default: 'download',
	},
	...copy.description,
	...deleteFile.description,
	...download.description,
	...getMetadata.description,
	...getShareLink.description,
	...move.description,
	...upload.description,
];
