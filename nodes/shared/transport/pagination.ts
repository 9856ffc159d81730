import type { IDataObject } from 'n8n-workflow';

import { cloudElementsRequest, type CloudElementsContext, type CloudElementsRequest } from './request';

/** Cloud Elements' largest page for platform listings. */
const MAX_PAGE_SIZE = 200;

/**
 * Reads a listing page by page, following `elements-next-page-token`, until it is exhausted or
 * `limit` records are in hand. Cloud Elements sends a token even when the next page is empty,
 * so a short page ends the walk without one more request.
 */
export async function cloudElementsRequestAll<T = IDataObject>(
	this: CloudElementsContext,
	request: CloudElementsRequest,
	limit?: number,
): Promise<T[]> {
	const records: T[] = [];
	let nextPage: string | undefined;
	for (;;) {
		const wanted = limit === undefined ? MAX_PAGE_SIZE : Math.min(MAX_PAGE_SIZE, limit - records.length);
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
