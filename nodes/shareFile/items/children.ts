import type { IDataObject } from 'n8n-workflow';

import { itemUrl } from '../../engine/shareFile/itemUrl';
import { nextSkip, pageTop } from '../../engine/shareFile/odataPaging';
import { shareFileRequest, type ShareFileContext } from '../transport/request';
import type { ShareFileItem } from './resolveItem';

/** Items asked for per page of a folder's children. */
export const CHILDREN_PAGE_SIZE = 500;

interface Feed {
	value?: unknown;
	'odata.count'?: unknown;
	'odata.nextLink'?: unknown;
}

/** One page of `GET Items(id)/Children` with `$top`/`$skip`, and where the walk goes next. */
export async function childrenPage(
	this: ShareFileContext,
	folderId: string,
	skip: number,
	top: number,
	itemIndex?: number,
): Promise<{ items: ShareFileItem[]; count?: number; nextLink?: string }> {
	const { body } = await shareFileRequest.call(this, {
		method: 'GET',
		path: itemUrl(folderId, 'Children'),
		qs: { $top: top, $skip: skip, includeDeleted: false },
		itemIndex,
	});
	const feed = (body ?? {}) as Feed;
	const count = Number(feed['odata.count']);
	return {
		items: Array.isArray(feed.value) ? (feed.value as ShareFileItem[]) : [],
		count: feed['odata.count'] !== undefined && Number.isFinite(count) ? count : undefined,
		nextLink: typeof feed['odata.nextLink'] === 'string' ? feed['odata.nextLink'] : undefined,
	};
}

/**
 * A folder's children page by page, one request per page, until the feed says it is read (see
 * nextSkip) or `limit` items came. The next page is asked for by `$skip` on the API root n8n
 * signs for, never by following a `nextLink` to wherever it points.
 */
export async function* childrenPages(
	this: ShareFileContext,
	folderId: string,
	limit?: number,
	itemIndex?: number,
): AsyncGenerator<ShareFileItem[]> {
	let read = 0;
	let skip: number | undefined = 0;
	while (skip !== undefined) {
		const walk = { pageSize: CHILDREN_PAGE_SIZE, read, limit };
		const page = await childrenPage.call(this, folderId, skip, pageTop(walk), itemIndex);
		read += page.items.length;
		yield page.items;
		skip = nextSkip({ received: page.items.length, count: page.count, nextLink: page.nextLink }, { ...walk, read });
	}
}

/** Every child of a folder (or the first `limit`). */
export async function listChildren(
	this: ShareFileContext,
	folderId: string,
	limit: number | undefined,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const items: IDataObject[] = [];
	for await (const page of childrenPages.call(this, folderId, limit, itemIndex)) items.push(...page);
	return limit === undefined ? items : items.slice(0, limit);
}
