/**
 * ShareFile's own records (an `Item`, a `SearchResult`) as the action nodes' output: the same
 * fields the Cloud Elements documents hub gives (`id`, `name`, `path`, `directory`, `size`,
 * `createdDate`, `modifiedDate`, `parentFolderId`), so a workflow reads either node's items the
 * same way, with ShareFile's record under `raw`.
 */
export interface DocumentOutput {
	id: string;
	name: string;
	path?: string;
	directory: boolean;
	size?: number;
	createdDate?: string;
	modifiedDate?: string;
	parentFolderId?: string | null;
	raw: Record<string, unknown>;
	[key: string]: unknown;
}

type ShareFileRecord = Record<string, unknown>;

const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

function size(value: unknown): number | undefined {
	const number = Number(value);
	return value !== undefined && value !== null && value !== '' && Number.isFinite(number) ? number : undefined;
}

/** A folder by its `odata.type` (`ShareFile.Api.Models.Folder`, CONFIRMED). */
export function isFolderItem(item: ShareFileRecord): boolean {
	return String(item['odata.type'] ?? '').endsWith('.Folder');
}

/**
 * An item's full path: its `Path` (the parent folder's path, as the sandbox gives it, INFERRED
 * for ShareFile) joined with its name; undefined when the item carries no usable path.
 */
export function shareFileItemPath(item: ShareFileRecord): string | undefined {
	const parent = text(item.Path);
	const name = text(item.Name) ?? text(item.FileName);
	if (!parent || !parent.startsWith('/') || !name) return undefined;
	return `${parent.replace(/\/+$/, '')}/${name}`;
}

export function itemOutput(item: ShareFileRecord): DocumentOutput {
	const parent = item.Parent as ShareFileRecord | null | undefined;
	return {
		id: String(item.Id ?? ''),
		name: text(item.Name) ?? text(item.FileName) ?? '',
		path: shareFileItemPath(item),
		directory: isFolderItem(item),
		size: size(item.FileSizeBytes),
		createdDate: text(item.CreationDate),
		modifiedDate: text(item.ProgenyEditDate) ?? text(item.ClientModifiedDate) ?? text(item.CreationDate),
		parentFolderId: parent && typeof parent === 'object' ? (text(parent.Id) ?? null) : null,
		raw: item,
	};
}

/** A `SearchResult` (CONFIRMED field names: ItemID, ParentID, ItemType, FileName, DisplayName, Size, Path…). */
export function searchResultOutput(result: ShareFileRecord): DocumentOutput {
	const name = text(result.FileName) ?? text(result.DisplayName) ?? '';
	const folderPath = text(result.Path);
	return {
		id: String(result.ItemID ?? ''),
		name,
		path: folderPath && folderPath.startsWith('/') ? `${folderPath.replace(/\/+$/, '')}/${name}` : undefined,
		directory: String(result.ItemType ?? '').toLowerCase() === 'folder',
		size: size(result.Size),
		createdDate: text(result.CreationDate),
		parentFolderId: text(result.ParentID) ?? null,
		raw: result,
	};
}
