import type { IDataObject } from 'n8n-workflow';

import { cloudElementsRequest, type CloudElementsContext, type CloudElementsRequest } from './request';

/** Cloud Elements' largest page for platform listings. */
const MAX_PAGE_SIZE = 200;

/**
 * ShareFile's own page cap behind the documents hub (`pagination.max` 100 on its instances):
 * asking for more would make every full page look short and end the walk too early.
 */
export const DOCUMENTS_PAGE_SIZE = 100;

/**
 * Reads a listing page by page, following `elements-next-page-token`, until it is exhausted or
 * `limit` records are in hand. Cloud Elements sends a token even when the next page is empty,
 * so a short page ends the walk without one more request.
 */
export async function cloudElementsRequestAll<T = IDataObject>(
	this: CloudElementsContext,
	request: CloudElementsRequest,
	limit?: number,
	maxPageSize = MAX_PAGE_SIZE,
): Promise<T[]> {
	const records: T[] = [];
	let nextPage: string | undefined;
	// One page size for the whole walk: a next-page token may stand for an offset counted in
	// pages of the size it was issued with.
	const wanted = limit === undefined ? maxPageSize : Math.min(maxPageSize, limit);
	for (;;) {
		const qs: IDataObject = { ...(request.qs ?? {}), pageSize: wanted };
		if (nextPage) qs.nextPage = nextPage;
		const response = await cloudElementsRequest.call(this, { ...request, qs });
		const page = Array.isArray(response.body) ? (response.body as T[]) : [];
		records.push(...page);
		nextPage = response.headers['elements-next-page-token'];
		if (!nextPage || page.length < wanted) break;
		if (limit !== undefined && records.length >= limit) break;
	}
	return limit === undefined ? records : records.slice(0, limit);
}
