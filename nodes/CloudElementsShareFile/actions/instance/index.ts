import type { INodeProperties } from 'n8n-workflow';

import * as checkConnection from './checkConnection.operation';
import * as create from './create.operation';
import * as deleteInstance from './delete.operation';
import * as disable from './disable.operation';
import * as enable from './enable.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getOAuthUrl from './getOAuthUrl.operation';
import * as update from './update.operation';

export const operations = {
	checkConnection,
	create,
	delete: deleteInstance,
	disable,
	enable,
	get,
	getMany,
	getOAuthUrl,
	update,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['instance'] } },
		options: [
			{
				name: 'Check Connection',
				value: 'checkConnection',
				description: 'Check that the ShareFile connection behind an instance works',
				action: 'Check an instance connection',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Connect a ShareFile account as a new element instance',
				action: 'Create an instance',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete an element instance',
				action: 'Delete an instance',
			},
			{
				name: 'Disable',
				value: 'disable',
				description: 'Stop an instance without deleting it',
				action: 'Disable an instance',
			},
			{
				name: 'Enable',
				value: 'enable',
				description: 'Re-enable a disabled instance',
				action: 'Enable an instance',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get an element instance',
				action: 'Get an instance',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List element instances',
				action: 'Get many instances',
			},
			{
				name: 'Get OAuth Authorization URL',
				value: 'getOAuthUrl',
				description: 'Get the ShareFile page where a user authorizes a new instance',
				action: 'Get an authorization link',
			},
			{
				name: 'Update',
				value: 'update',
				description: "Change an instance's name, tags or events",
				action: 'Update an instance',
			},
		],
		default: 'getMany',
	},
	...create.description,
	...get.description,
	...getMany.description,
	...update.description,
	...deleteInstance.description,
	...enable.description,
	...disable.description,
	...getOAuthUrl.description,
	...checkConnection.description,
];
