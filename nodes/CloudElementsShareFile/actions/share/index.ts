import type { INodeProperties } from 'n8n-workflow';

import * as send from './send.operation';

export const operations = { send };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['share'] } },
		options: [
			{
				name: 'Send',
				value: 'send',
				description: 'Email a link to files or folders',
				action: 'Send a share',
			},
		],
		default: 'send',
	},
	...send.description,
];
