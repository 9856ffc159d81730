import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { documentsRequest } from '../../../cloudElements/documents/documentsRequest';
import { DOCUMENTS_HUB } from '../../../engine/documents/hubAddress';
import { shareBody, type ShareRequest } from '../../../engine/documents/shareBody';

/** `POST /hubs/documents/share` (singular, as the ShareFile element has it): ShareFile's share back. */
export async function postShare(
	this: IExecuteFunctions,
	instanceId: string,
	request: ShareRequest,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const { body: share } = await documentsRequest.call(this, instanceId, {
		method: 'POST',
		path: `${DOCUMENTS_HUB}/share`,
		body: shareBody(request) as IDataObject,
		itemIndex,
	});
	return [{ json: share as IDataObject, pairedItem: { item: itemIndex } }];
}
