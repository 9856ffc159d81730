/**
 * Paths in the documents hub: absolute, `/`-separated, no trailing slash (ShareFile's root
 * folder is `/top`). What a user types is made into that form before it goes on the wire.
 */
export function normalizeDocumentPath(text: string): string {
	const segments = text.trim().split('/').filter((segment) => segment !== '');
	return `/${segments.join('/')}`;
}

/** The path of `name` inside `folder`. */
export function joinDocumentPath(folder: string, name: string): string {
	return normalizeDocumentPath(`${folder}/${name}`);
}

/** The last segment: a file's or folder's name. */
export function documentName(path: string): string {
	const normalized = normalizeDocumentPath(path);
	return normalized.slice(normalized.lastIndexOf('/') + 1);
}

/** The folder holding `path` (`/` for a top-level item). */
export function parentDocumentPath(path: string): string {
	const normalized = normalizeDocumentPath(path);
	return normalized.slice(0, normalized.lastIndexOf('/')) || '/';
}

/** Every folder from the top down to `path` itself: `/a/b` → `/a`, `/a/b`. */
export function documentPathChain(path: string): string[] {
	const segments = normalizeDocumentPath(path).split('/').filter(Boolean);
	return segments.map((_segment, index) => `/${segments.slice(0, index + 1).join('/')}`);
}
