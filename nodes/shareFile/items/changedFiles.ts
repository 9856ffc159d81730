import { NodeOperationError } from 'n8n-workflow';

import { parseIsoInstant } from '../../engine/isoDate';
import { PollCycle, PollRecordError } from '../../engine/poll/pollCycle';
import type { PollState } from '../../engine/poll/pollState';
import { DEFAULT_MAX_REMEMBERED, DEFAULT_OVERLAP_MS, ISO_8601, type PollSettings } from '../../engine/poll/pollSettings';
import { SHAREFILE_DOCUMENTS_RESOURCE } from '../../engine/pollResource';
import { isFolderItem } from '../../engine/shareFile/itemOutput';
import { settle } from '../../shared/settle';
import type { ShareFileContext } from '../transport/request';
import { CHILDREN_PAGE_SIZE, childrenPages } from './children';
import type { ShareFileItem } from './resolveItem';

/**
 * How a listed file is read as a change: its id at its `ProgenyEditDate` (its last change; its
 * `CreationDate` where a connector sets none), CREATED when that is within Cloud Elements'
 * tolerance for ShareFile documents (10 s) of its `CreationDate`, UPDATED otherwise. The polling
 * trigger polls with it and the webhook trigger reconciles with it.
 */
export const FILE_CHANGES: PollSettings = {
	objectType: 'file',
	idField: 'Id',
	updated: { field: 'ProgenyEditDate', format: ISO_8601, timeZone: 'GMT' },
	created: { field: 'CreationDate', format: ISO_8601, timeZone: 'GMT' },
	createdCheckToleranceMs: (SHAREFILE_DOCUMENTS_RESOURCE.configuration.createdCheckTolerance ?? 0) * 1000,
	filterByUpdatedDate: true,
	filterByCurrentDate: false,
	pollDelayMs: 0,
	overlapMs: DEFAULT_OVERLAP_MS,
	maxRemembered: DEFAULT_MAX_REMEMBERED,
	pageSize: CHILDREN_PAGE_SIZE,
};

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
	this: ShareFileContext,
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

/**
 * Every file that changed in the tree since the state's floor, through the poll engine: nothing
 * counts until the cycle's `finish`, so a listing that fails part-way moves nothing.
 */
export async function changedFilesSince(this: ShareFileContext, folder: ShareFileItem, recursive: boolean, state: PollState): Promise<PollCycle> {
	const cycle = new PollCycle(FILE_CHANGES, state);
	const read = await settle(async () => await readChangedFiles.call(this, folder, cycle.since.getTime(), recursive, (files) => cycle.acceptPage(files)));
	if (read.ok) return cycle;
	// A record the engine cannot read is the trigger's own error; ShareFile's errors are NodeApiErrors already.
	if (read.error instanceof PollRecordError) throw new NodeOperationError(this.getNode(), read.error.message);
	throw read.error;
}
