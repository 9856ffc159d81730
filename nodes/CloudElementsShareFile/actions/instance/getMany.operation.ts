import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit, returnAllOrLimitFields } from '../../../shared/descriptions/returnAllOrLimit';
import { maskInstance } from '../../../engine/instanceOutput';
import { cloudElementsRequestAll } from '../../../cloudElements/transport';
import { tagsFromText } from './shared';

const properties: INodeProperties[] = [
	...returnAllOrLimitFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string',
				default: '',
				placeholder: 'e.g. prod, finance',
				description: 'Comma-separated; only instances with every one of these tags',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['instance'], operation: ['getMany'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const tags = tagsFromText(filters.tags);
	const instances = await cloudElementsRequestAll.call(
		this,
		{ method: 'GET', path: '/instances', qs: tags.length ? { 'tags[]': tags } : {}, itemIndex },
		returnAllOrLimit.call(this, itemIndex),
	);
	return instances.map((instance) => ({
		json: maskInstance(instance as IDataObject),
		pairedItem: { item: itemIndex },
	}));
}
