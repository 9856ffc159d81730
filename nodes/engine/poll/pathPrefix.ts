/**
 * Whether a ShareFile record lies under a folder path. ShareFile's `Path` is the parent
 * folder, so the item's own path is Path + '/' + Name; both are compared case-insensitively,
 * as ShareFile paths are.
 */
export function isUnderPath(record: unknown, prefix: string): boolean {
	const wanted = prefix.trim().replace(/\/+$/, '').toLowerCase();
	if (!wanted) return true;
	const item = (record ?? {}) as { Path?: unknown; Name?: unknown };
	const parent = typeof item.Path === 'string' ? item.Path.replace(/\/+$/, '') : '';
	const own = `${parent}/${typeof item.Name === 'string' ? item.Name : ''}`.toLowerCase();
	return own === wanted || own.startsWith(`${wanted}/`);
}
