import type { IDataObject } from 'n8n-workflow';

import { itemUrl } from '../../engine/shareFile/itemUrl';
import { shareFileRequest, type ShareFileContext } from '../transport/request';

/** ShareFile's own default page (`maxResults=50`, CONFIRMED). */
export const SEARCH_PAGE_SIZE = 50;

interface SearchResults {
	Results?: unknown;
	PartialResults?: unknown;
}

/**
 * `GET Items/Search?query=` (or `Items(folder)/Search` under one folder): the SearchResult records
 * whose name matches, page after page (`maxResults`, `skip`) until a short page, or `limit`.
 */
export async function searchItems(
	this: ShareFileContext,
	query: string,
	folderId: string | undefined,
	limit: number | undefined,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const results: IDataObject[] = [];
	for (;;) {
		const maxResults = limit === undefined ? SEARCH_PAGE_SIZE : Math.min(SEARCH_PAGE_SIZE, limit - results.length);
		const { body } = await shareFileRequest.call(this, {
			method: 'GET',
			path: folderId ? itemUrl(folderId, 'Search') : '/Items/Search',
			qs: { query, maxResults, skip: results.length },
			itemIndex,
		});
		const page = Array.isArray((body as SearchResults)?.Results) ? ((body as SearchResults).Results as IDataObject[]) : [];
		results.push(...page);
		if (page.length < maxResults) break;
		if (limit !== undefined && results.length >= limit) break;
	}
	return limit === undefined ? results : results.slice(0, limit);
}
