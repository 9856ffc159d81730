import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { instanceLocator } from '../../../cloudElements/descriptions/instanceLocator';
import { returnAllOrLimit, returnAllOrLimitFields } from '../../../shared/descriptions/returnAllOrLimit';
import { cloudElementsRequestAll } from '../../../cloudElements/transport';
import { instanceIdParameter } from '../instance/shared';

export const description = updateDisplayOptions(
	{ show: { resource: ['event'], operation: ['getMany'] } },
	[instanceLocator, ...returnAllOrLimitFields],
);

/** The events Cloud Elements stored for an instance (it keeps them seven days). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const id = instanceIdParameter.call(this, itemIndex);
	const events = await cloudElementsRequestAll.call(
		this,
		{ method: 'GET', path: `/instances/${id}/events`, itemIndex },
		returnAllOrLimit.call(this, itemIndex),
	);
	return events.map((event) => ({ json: event as IDataObject, pairedItem: { item: itemIndex } }));
}
