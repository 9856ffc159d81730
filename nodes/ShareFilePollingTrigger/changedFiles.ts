import type { IPollFunctions } from 'n8n-workflow';

import { parseIsoInstant } from '../engine/isoDate';
import { isFolderItem } from '../engine/shareFile/itemOutput';
import { childrenPages } from '../shareFile/items/children';
import type { ShareFileItem } from '../shareFile/items/resolveItem';

/**
 * Whether anything in or below a folder may have changed since `sinceMs`. A folder's
 * `ProgenyEditDate` is "the last modified date of this item and all of its children, recursively"
 * (SHAREFILE_API.md §2.2), so one dated earlier has nothing newer below it. Without a usable date
 * (some StorageZone connectors set none) the folder is looked into.
 */
export function mayHaveChangedSince(folder: ShareFileItem, sinceMs: number): boolean {
	const text = folder.ProgenyEditDate;
	if (typeof text !== 'string') return true;
	return !(parseIsoInstant(text) < sinceMs);
}

/**
 * Hands over, page by page, the files of a folder (and, with `recursive`, of every folder below
 * it) that may have changed since `sinceMs`: a folder whose date says nothing below it changed is
 * not listed at all, so a poll of an unchanged tree costs the one request that read its folder.
 * Folders themselves are walked, not handed over.
 */
export async function readChangedFiles(
	this: IPollFunctions,
	folder: ShareFileItem,
	sinceMs: number,
	recursive: boolean,
	onFiles: (files: ShareFileItem[]) => void,
): Promise<void> {
	if (!mayHaveChangedSince(folder, sinceMs)) return;
	const pending = [folder.Id];
	while (pending.length > 0) {
		const folderId = pending.pop() as string;
		for await (const page of childrenPages.call(this, folderId)) {
			const files: ShareFileItem[] = [];
			for (const item of page) {
				if (!isFolderItem(item)) files.push(item);
				else if (recursive && mayHaveChangedSince(item, sinceMs)) pending.push(item.Id);
			}
			if (files.length > 0) onFiles(files);
		}
	}
}
