import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { browseRequest } from '../../engine/documents/browseRequest';
import { documentName } from '../../engine/documents/documentPath';
import { documentUrl } from '../../engine/documents/hubAddress';
import { documentsRequest, documentsRoot } from '../documents/documentsRequest';
import { instanceIdFrom } from '../instances/instanceToken';
import { DOCUMENTS_PAGE_SIZE } from '../transport';
import { pickerSearches } from '../../shared/methods/pickerSearches';

/** Enough for a screen of the list; more comes with the next page token when the user scrolls. */
const WANTED_RESULTS = 50;
/** Pages read per call at most, so a narrow name filter on a huge folder still answers quickly. */
const MAX_PAGES_PER_CALL = 10;

async function searchFolderItems(
	this: ILoadOptionsFunctions,
	wanted: 'files' | 'folders',
	filter: string | undefined,
	paginationToken: string | undefined,
): Promise<INodeListSearchResult> {
	const instanceId = instanceIdFrom.call(
		this,
		this.getCurrentNodeParameter('instance', { extractValue: true }),
	);
	const { folder, nameFilter } = browseRequest(filter, await documentsRoot.call(this, instanceId));
	const results: INodeListSearchItems[] = [];
	let nextPage = paginationToken;
	for (let pages = 0; pages < MAX_PAGES_PER_CALL; pages++) {
		const url = documentUrl('folders', { path: folder }, '/contents');
		const { body, headers } = await documentsRequest.call(this, instanceId, {
			method: 'GET',
			path: url.path,
			qs: { ...url.qs, pageSize: DOCUMENTS_PAGE_SIZE, ...(nextPage ? { nextPage } : {}) },
		});
		const page = Array.isArray(body) ? (body as IDataObject[]) : [];
		for (const item of page) {
			if (Boolean(item.directory) !== (wanted === 'folders')) continue;
			const name = String(item.name ?? documentName(String(item.path ?? '')));
			if (nameFilter && !name.toLowerCase().includes(nameFilter)) continue;
			results.push({ name: String(item.path ?? name), value: String(item.id) });
		}
		nextPage = page.length < DOCUMENTS_PAGE_SIZE ? undefined : headers['elements-next-page-token'];
		if (!nextPage || results.length >= WANTED_RESULTS) break;
	}
	return { results, paginationToken: nextPage };
}

/** The file and folder pickers (see searchFolderItems for what the search box takes). */
export const { searchFiles, searchFolders } = pickerSearches(searchFolderItems);
