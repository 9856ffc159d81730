import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

/** One backend's folder listing for a picker: files or sub-folders, filtered, a page at a time. */
type FolderItemsSearch = (
	this: ILoadOptionsFunctions,
	wanted: 'files' | 'folders',
	filter: string | undefined,
	paginationToken: string | undefined,
) => Promise<INodeListSearchResult>;

/** The file picker's and the folder pickers' searches (From List) over a backend's folder listing. */
export function pickerSearches(search: FolderItemsSearch) {
	return {
		async searchFiles(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
			return await search.call(this, 'files', filter, paginationToken);
		},
		async searchFolders(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
			return await search.call(this, 'folders', filter, paginationToken);
		},
	};
}
