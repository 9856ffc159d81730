import type { NormalizedEvent } from '../normalizedEvent';

/** A file an event says was created or updated: its hub id, and what its record tells. */
export interface DownloadableFile {
	id: string;
	/** Bytes, when the record says (ShareFile's `FileSizeBytes`, the hub's `size`). */
	size?: number;
	/** The file's name, when the record says: the download's fallback name. */
	name?: string;
}

type FileRecord = Record<string, unknown>;

/**
 * File or folder, from what the event carries. Webhook events name the collection in
 * `objectType` (`files`, `folders`); polled records are ShareFile items (`odata.type`
 * `ShareFile.Api.Models.File`) or hub records (`directory`). Anything else (links, notes, a
 * resource of another shape) is not known to be a file, and is left alone.
 */
function kindOf(objectType: string, record: FileRecord | undefined): 'file' | 'folder' | undefined {
	const type = objectType.toLowerCase();
	if (type === 'files' || type === 'file') return 'file';
	if (type === 'folders' || type === 'folder') return 'folder';
	if (!record) return undefined;
	const odataType = record['odata.type'];
	if (typeof odataType === 'string') {
		if (odataType.endsWith('.File')) return 'file';
		return odataType.endsWith('.Folder') ? 'folder' : undefined;
	}
	if (typeof record.directory === 'boolean') return record.directory ? 'folder' : 'file';
	return undefined;
}

function sizeOf(record: FileRecord): number | undefined {
	const size = Number(record.FileSizeBytes ?? record.size);
	return (record.FileSizeBytes ?? record.size) !== undefined && Number.isFinite(size) && size >= 0 ? size : undefined;
}

function nameOf(record: FileRecord): string | undefined {
	const name = record.Name ?? record.FileName ?? record.name;
	return typeof name === 'string' && name ? name : undefined;
}

/**
 * The file to download for an event, or undefined: only creations and updates of files
 * (a deletion has nothing left to read, a folder has no bytes, a move or download changed
 * no content).
 */
export function downloadableFile(event: NormalizedEvent): DownloadableFile | undefined {
	if (event.eventType !== 'CREATED' && event.eventType !== 'UPDATED') return undefined;
	if (!event.objectId) return undefined;
	const raw = event.raw;
	const record = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as FileRecord) : undefined;
	if (kindOf(event.objectType, record) !== 'file') return undefined;
	// A webhook event's `raw` is the provider's whole body, not the file's record.
	const fileRecord = record && (record.Id === event.objectId || record.id === event.objectId) ? record : undefined;
	return {
		id: event.objectId,
		size: fileRecord ? sizeOf(fileRecord) : undefined,
		name: fileRecord ? nameOf(fileRecord) : undefined,
	};
}
