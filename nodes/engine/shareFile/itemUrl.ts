/**
 * ShareFile's Items entity addresses (SHAREFILE_API.md §2): `Items(<id>)` and its navigations.
 * Ids are opaque (`fi…`, `fo…`, or the special `top`, `home`), so they are percent-encoded.
 */
export const ROOT_FOLDER_ID = 'top';

export function itemUrl(id: string, navigation = ''): string {
	return `/Items(${encodeURIComponent(id)})${navigation ? `/${navigation}` : ''}`;
}
