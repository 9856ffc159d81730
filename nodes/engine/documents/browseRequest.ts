import { documentName, normalizeDocumentPath, parentDocumentPath } from './documentPath';

export interface BrowseRequest {
	folder: string;
	nameFilter: string;
}

/**
 * What the search box asks for. A path browses that folder: `/top/Reports/` lists its items,
 * `/top/Reports/q` its items whose name contains `q`. Anything else filters the root folder's
 * items by name.
 */
export function browseRequest(filter: string | undefined, root: string): BrowseRequest {
	const text = (filter ?? '').trim();
	if (!text.startsWith('/')) return { folder: root, nameFilter: text.toLowerCase() };
	if (text.endsWith('/')) return { folder: normalizeDocumentPath(text), nameFilter: '' };
	return { folder: parentDocumentPath(text), nameFilter: documentName(text).toLowerCase() };
}
