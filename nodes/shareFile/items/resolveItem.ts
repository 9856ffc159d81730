import type { IDataObject } from 'n8n-workflow';

import type { DocumentAddress } from '../../engine/documents/hubAddress';
import { itemUrl } from '../../engine/shareFile/itemUrl';
import { shareFileRequest, type ShareFileContext } from '../transport/request';

export type ShareFileItem = IDataObject & { Id: string };

/** `GET Items(id)`: one item. */
export async function getItem(this: ShareFileContext, id: string, itemIndex?: number): Promise<ShareFileItem> {
	const { body } = await shareFileRequest.call(this, { method: 'GET', path: itemUrl(id), itemIndex });
	return body as ShareFileItem;
}

/** `GET Items/ByPath?path=`: the item at a path from the account's root. */
export async function getItemByPath(this: ShareFileContext, path: string, itemIndex?: number): Promise<ShareFileItem> {
	const { body } = await shareFileRequest.call(this, {
		method: 'GET',
		path: '/Items/ByPath',
		qs: { path },
		itemIndex,
	});
	return body as ShareFileItem;
}

/** The item an address names: read by ID, or looked up by path. */
export async function resolveItem(
	this: ShareFileContext,
	address: DocumentAddress,
	itemIndex?: number,
): Promise<ShareFileItem> {
	if ('id' in address) return await getItem.call(this, address.id, itemIndex);
	return await getItemByPath.call(this, address.path, itemIndex);
}
