import { documentName, normalizeDocumentPath, parentDocumentPath } from '../../engine/documents/documentPath';
import type { DocumentAddress } from '../../engine/documents/hubAddress';
import { itemUrl, ROOT_FOLDER_ID } from '../../engine/shareFile/itemUrl';
import { hasStatus } from '../../shared/documents/conflict';
import { settle } from '../../shared/settle';
import { shareFileRequest, type ShareFileContext } from '../transport/request';
import { getItemByPath, resolveItem, type ShareFileItem } from './resolveItem';

/** `POST Items(parent)/Folder` with `{ Name }`: a taken name is ShareFile's 409. */
export async function postFolder(
	this: ShareFileContext,
	parentId: string,
	name: string,
	itemIndex?: number,
): Promise<ShareFileItem> {
	const { body } = await shareFileRequest.call(this, {
		method: 'POST',
		path: itemUrl(parentId, 'Folder'),
		qs: { overwrite: false },
		body: { Name: name },
		itemIndex,
	});
	return body as ShareFileItem;
}

/**
 * The folder at `path`, made with every missing folder above it: the nearest existing ancestor
 * is found by path (walking up), then the rest is created top down. A root (`/`) is ShareFile's
 * `top`. A file in the way is an error that names it.
 */
export async function ensureFolderPath(
	this: ShareFileContext,
	path: string,
	itemIndex?: number,
): Promise<ShareFileItem> {
	const normalized = normalizeDocumentPath(path);
	if (normalized === '/') return await resolveItem.call(this, { id: ROOT_FOLDER_ID }, itemIndex);
	const found = await settle(async () => await getItemByPath.call(this, normalized, itemIndex));
	if (found.ok) return found.value;
	if (!hasStatus(found.error, '404')) throw found.error;
	const parent = await ensureFolderPath.call(this, parentDocumentPath(normalized), itemIndex);
	const made = await settle(
		async () => await postFolder.call(this, parent.Id, documentName(normalized), itemIndex),
	);
	if (made.ok) return made.value;
	// Made meanwhile by someone else: take it.
	if (hasStatus(made.error, '409')) return await getItemByPath.call(this, normalized, itemIndex);
	throw made.error;
}

/** A folder picked by ID (read as it is) or by path (made, with its parents, when missing). */
export async function folderFor(
	this: ShareFileContext,
	address: DocumentAddress,
	createMissing: boolean,
	itemIndex?: number,
): Promise<ShareFileItem> {
	const folder =
		'path' in address && createMissing
			? await ensureFolderPath.call(this, address.path, itemIndex)
			: await resolveItem.call(this, address, itemIndex);
	return folder;
}
