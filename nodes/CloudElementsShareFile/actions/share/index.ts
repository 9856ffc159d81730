import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as getMany from './getMany.operation';
import * as send from './send.operation';

export const operations = { create, getMany, send };


/**
 * Version 1 nodes were saved with Send as the default (n8n leaves defaults out of the saved
 * workflow), so their operation list keeps it, and its default, for as long as they exist. The
 * lists are written out twice because n8n's lint rules read them as literals.
 */
export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['share'], '@version': [1] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Share files and folders, or ask for uploads into a folder',
				action: 'Create a share',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the shares of the account',
				action: 'Get many shares',
			},
			{
				name: 'Send (Version 1)',
				value: 'send',
				description: 'Email a link to files or folders; use Create in new workflows',
				action: 'Send a share',
			},
		],
		default: 'send',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['share'], '@version': [{ _cnd: { gte: 1.1 } }] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Share files and folders, or ask for uploads into a folder',
				action: 'Create a share',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the shares of the account',
				action: 'Get many shares',
			},
		],
		default: 'create',
	},
	...create.description,
	...getMany.description,
	...send.description,
];
