import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { instanceLocator } from '../../../cloudElements/descriptions/instanceLocator';
import { maskInstance } from '../../../engine/instanceOutput';
import { cloudElementsRequest } from '../../../cloudElements/transport';
import { instanceIdParameter } from './shared';

export const description = updateDisplayOptions(
	{ show: { resource: ['instance'], operation: ['get'] } },
	[instanceLocator],
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const id = instanceIdParameter.call(this, itemIndex);
	const { body } = await cloudElementsRequest.call(this, {
		method: 'GET',
		path: `/instances/${id}`,
		itemIndex,
	});
	return [{ json: maskInstance(body as IDataObject), pairedItem: { item: itemIndex } }];
}
