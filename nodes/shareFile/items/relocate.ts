import type { IDataObject } from 'n8n-workflow';

import { itemUrl } from '../../engine/shareFile/itemUrl';
import { shareFileRequest, type ShareFileContext } from '../transport/request';
import type { ShareFileItem } from './resolveItem';

/** `POST Items(id)/Copy?targetid=&overwrite=`: the copy, under the same name, in the target folder. */
export async function copyItem(
	this: ShareFileContext,
	id: string,
	targetFolderId: string,
	overwrite: boolean,
	itemIndex?: number,
): Promise<ShareFileItem> {
	const { body } = await shareFileRequest.call(this, {
		method: 'POST',
		path: itemUrl(id, 'Copy'),
		qs: { targetid: targetFolderId, overwrite },
		itemIndex,
	});
	return body as ShareFileItem;
}

/** `PATCH Items(id)` with a new `Name` and/or `Parent` (a rename, a move, or both at once). */
export async function patchItem(
	this: ShareFileContext,
	id: string,
	changes: { name?: string; parentId?: string },
	itemIndex?: number,
): Promise<ShareFileItem> {
	const body: IDataObject = {};
	if (changes.name !== undefined) body.Name = changes.name;
	if (changes.parentId !== undefined) body.Parent = { Id: changes.parentId };
	const { body: item } = await shareFileRequest.call(this, {
		method: 'PATCH',
		path: itemUrl(id),
		body,
		itemIndex,
	});
	return item as ShareFileItem;
}

/** `DELETE Items(id)`: ShareFile answers 204; a folder goes with everything in it. */
export async function deleteItem(this: ShareFileContext, id: string, itemIndex?: number): Promise<void> {
	await shareFileRequest.call(this, { method: 'DELETE', path: itemUrl(id), itemIndex });
}
