import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { instanceLocator } from '../../../cloudElements/descriptions/instanceLocator';
import { documentsRequest } from '../../../cloudElements/documents/documentsRequest';
import { instanceIdParameter } from './shared';

export const description = updateDisplayOptions(
	{ show: { resource: ['instance'], operation: ['checkConnection'] } },
	[instanceLocator],
);

/**
 * Calls the element itself with the instance's token (`GET /objects`, the call Cloud Elements'
 * own tests start every element with): it answers only while the ShareFile connection behind the
 * instance works, so a refused token or a disabled instance fails here with Cloud Elements' word.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const instanceId = instanceIdParameter.call(this, itemIndex);
	const { body } = await documentsRequest.call(this, instanceId, { method: 'GET', path: '/objects', itemIndex });
	return [
		{
			json: { instanceId: Number(instanceId), working: true, objects: Array.isArray(body) ? body : [] },
			pairedItem: { item: itemIndex },
		},
	];
}
