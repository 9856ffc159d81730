import type { INodeProperties } from 'n8n-workflow';

import * as search from './search.operation';

export const operations = { search };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['search'] } },
		options: [
			{
				name: 'Search',
				value: 'search',
				description: 'Find files and folders whose name contains a text',
				action: 'Search files and folders',
			},
		],
		default: 'search',
	},
	...search.description,
];
