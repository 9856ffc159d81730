import type { IDataObject } from 'n8n-workflow';

import { shareBody, type ShareRequest } from '../../engine/documents/shareBody';
import { shareFileRequest, type ShareFileContext } from '../transport/request';

/** `POST Shares` with ShareFile's share model: a share whose `Uri` is the link to hand out. */
export async function createShare(
	this: ShareFileContext,
	request: ShareRequest,
	itemIndex?: number,
): Promise<IDataObject> {
	const { body } = await shareFileRequest.call(this, {
		method: 'POST',
		path: '/Shares',
		body: shareBody(request) as IDataObject,
		itemIndex,
	});
	return body as IDataObject;
}
