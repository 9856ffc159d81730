import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { browseRequest } from '../../engine/documents/browseRequest';
import { isFolderItem, itemOutput } from '../../engine/shareFile/itemOutput';
import { ROOT_FOLDER_ID } from '../../engine/shareFile/itemUrl';
import { childrenPage } from '../items/children';
import { getItemByPath, type ShareFileItem } from '../items/resolveItem';
import { pickerSearches } from '../../shared/methods/pickerSearches';

/** Enough for a screen of the list; more comes with the next page token when the user scrolls. */
const WANTED_RESULTS = 50;
/** Children read per page, and pages per call at most, so a narrow filter on a huge folder still answers quickly. */
const PAGE_SIZE = 200;
const MAX_PAGES_PER_CALL = 10;

/**
 * The items of a folder for a picker. The search box takes what the Cloud Elements node's does:
 * `/Reports/` lists that folder, `/Reports/q` its items whose name contains `q`, anything else
 * filters the account's top folder by name. The page token is how many children were read.
 */
async function searchFolderItems(
	this: ILoadOptionsFunctions,
	wanted: 'files' | 'folders',
	filter: string | undefined,
	paginationToken: string | undefined,
): Promise<INodeListSearchResult> {
	const { folder, nameFilter } = browseRequest(filter, '/');
	const folderId = folder === '/' ? ROOT_FOLDER_ID : (await getItemByPath.call(this, folder)).Id;
	const results: INodeListSearchItems[] = [];
	let skip: number | undefined = Number(paginationToken) || 0;
	for (let pages = 0; pages < MAX_PAGES_PER_CALL && skip !== undefined; pages++) {
		const page: { items: ShareFileItem[] } = await childrenPage.call(this, folderId, skip, PAGE_SIZE);
		for (const item of page.items) {
			if (isFolderItem(item) !== (wanted === 'folders')) continue;
			const output = itemOutput(item);
			if (nameFilter && !output.name.toLowerCase().includes(nameFilter)) continue;
			results.push({ name: output.path ?? output.name, value: output.id });
		}
		skip = page.items.length < PAGE_SIZE ? undefined : skip + page.items.length;
		if (results.length >= WANTED_RESULTS) break;
	}
	return { results, paginationToken: skip === undefined ? undefined : String(skip) };
}

/** The file and folder pickers (see searchFolderItems for what the search box takes). */
export const { searchFiles, searchFolders } = pickerSearches(searchFolderItems);
