import { NodeOperationError } from 'n8n-workflow';
import type { IPollFunctions } from 'n8n-workflow';

import { cloudElementsRequest } from '../cloudElements/transport';
import { pollRequestTimeoutMs } from './requestTimeout';

export interface PollPage {
	records: unknown[];
	/** The server's clock when it answered (its `Date` header), in epoch ms. */
	serverDateMs?: number;
}

/**
 * Walks one poll URL page by page, one request per page, handing each page over as it comes
 * (memory holds one page). Cloud Elements sends a next-page token even when the next page is
 * empty, so a short page ends the walk.
 */
export async function readPollPages(
	this: IPollFunctions,
	path: string,
	pageSize: number,
	instanceToken: string,
	onPage: (page: PollPage) => void,
	maxPages = Number.POSITIVE_INFINITY,
): Promise<number> {
	const timeoutMs = pollRequestTimeoutMs.call(this);
	let nextPage: string | undefined;
	let pages = 0;
	while (pages < maxPages) {
		const { body, headers } = await cloudElementsRequest.call(this, {
			method: 'GET',
			path,
			qs: nextPage ? { pageSize, nextPage } : { pageSize },
			instanceToken,
			timeoutMs,
		});
		pages++;
		if (!Array.isArray(body)) {
			throw new NodeOperationError(this.getNode(), `The poll URL ${path} did not answer with a list of records`, {
				description: 'Check the resource URL: it must be a hub poll endpoint such as /hubs/documents/events/poll/documents?where=...',
			});
		}
		const records: unknown[] = body;
		const date = headers.date ? Date.parse(headers.date) : Number.NaN;
		onPage({ records, serverDateMs: Number.isNaN(date) ? undefined : date });
		nextPage = headers['elements-next-page-token'];
		if (!nextPage || records.length < pageSize) break;
	}
	return pages;
}
