/** Files and folders are separate collections in the documents hub. */
export type DocumentKind = 'files' | 'folders';

/** How an item is named on the wire: by its opaque hub id, or by its full path. */
export type DocumentAddress = { id: string } | { path: string };

export const DOCUMENTS_HUB = '/hubs/documents';

/**
 * The URL of an item, or of one of its sub-resources (`/metadata`, `/copy`, `/links`, …).
 * Every hub operation comes in two forms: `/files/{id}/metadata`, or the bare collection with
 * `?path=`: `/files/metadata?path=/top/a.txt`. Ids are opaque and may themselves hold encoded
 * characters (some vendors' ids are encoded paths), so they are encoded once more.
 */
export function documentUrl(
	kind: DocumentKind,
	address: DocumentAddress,
	subResource = '',
): { path: string; qs: Record<string, string> } {
	if ('id' in address) {
		return { path: `${DOCUMENTS_HUB}/${kind}/${encodeURIComponent(address.id)}${subResource}`, qs: {} };
	}
	return { path: `${DOCUMENTS_HUB}/${kind}${subResource}`, qs: { path: address.path } };
}

/** How an address reads in a message: `ID fi123` or `/top/a.txt`. */
export function describeAddress(address: DocumentAddress): string {
	return 'id' in address ? `ID ${address.id}` : address.path;
}
