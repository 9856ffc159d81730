import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';

import { downloadableFile, type DownloadableFile } from '../../engine/documents/downloadableFile';
import type { NormalizedEvent } from '../../engine/normalizedEvent';
import { discardStream } from '../http/byteStream';
import { settle } from '../settle';
import { cappedDownload } from './cappedDownload';
import { downloadedBinary } from './downloadedBinary';
import { BYTES_PER_MB, type DownloadSettings } from './downloadSettings';
import type { FileDownload } from './fileDownload';

type TriggerContext = IPollFunctions | IWebhookFunctions;

/** Where a trigger's files come from: who serves them (for messages) and how one is opened. */
export interface FileSource {
	provider: string;
	open: (fileId: string) => Promise<FileDownload>;
}

/** What an item carries under `download` when its file was not attached. */
export interface DownloadNote extends IDataObject {
	skipped: true;
	reason: string;
	size?: number;
	status?: number;
}

function megabytes(bytes: number): string {
	const mb = bytes / BYTES_PER_MB;
	return `${mb >= 100 ? Math.round(mb) : Number(mb.toPrecision(3))} MB`;
}

function tooLarge(size: number, settings: DownloadSettings): DownloadNote {
	return {
		skipped: true,
		reason: `File is ${megabytes(size)}, over the Max File Size of ${settings.maxMb} MB`,
		size,
	};
}

/**
 * A refusal that will not change if asked again: the file is gone (404, 410) or the hub
 * refuses it for good (another 4xx). Such a file gets a note, so one file cannot hold up every
 * later event. A refused token (401, 403: the instance was disabled or deleted), a timeout,
 * a rate limit, a 5xx or a dropped connection is an error instead: the poll or delivery fails
 * and is tried again, with nothing lost.
 */
function refusalNote(error: unknown, provider: string): DownloadNote | undefined {
	if (!(error instanceof NodeApiError) || !error.httpCode) return undefined;
	const status = Number(error.httpCode);
	if (status === 404 || status === 410) {
		return {
			skipped: true,
			reason: `File not found (HTTP ${status}): it was deleted or moved before it could be downloaded`,
			status,
		};
	}
	if (status >= 400 && status < 500 && ![401, 403, 408, 429].includes(status)) {
		return { skipped: true, reason: `${provider} refused the download (HTTP ${status}): ${error.message}`, status };
	}
	return undefined;
}

/** Names the file an error was about, for whoever reads the failed poll or delivery. */
function aboutFile(error: unknown, file: DownloadableFile): unknown {
	if (error instanceof NodeApiError) {
		const what = `While downloading ${file.name ? `"${file.name}" (${file.id})` : `file ${file.id}`}.`;
		error.description = error.description ? `${what} ${error.description}` : what;
	}
	return error;
}

/** One file into the item: its binary, or a note saying why not. */
async function downloadInto(
	this: TriggerContext,
	source: FileSource,
	file: DownloadableFile,
	item: INodeExecutionData,
	settings: DownloadSettings,
): Promise<void> {
	// Known too large from the event's record: not even asked for.
	if (file.size !== undefined && file.size > settings.maxBytes) {
		item.json.download = tooLarge(file.size, settings);
		return;
	}
	const opened = await settle(async () => await source.open(file.id));
	if (!opened.ok) {
		const note = refusalNote(opened.error, source.provider);
		if (!note) throw aboutFile(opened.error, file);
		item.json.download = note;
		return;
	}
	const download = opened.value;
	// Known too large from the answer's Content-Length: let go before a byte of the body is read.
	if (download.contentLength !== undefined && download.contentLength > settings.maxBytes) {
		discardStream(download.stream);
		item.json.download = tooLarge(download.contentLength, settings);
		return;
	}
	const capped = cappedDownload(download, settings.maxBytes);
	const stored = await settle(async () => await downloadedBinary.call(this, capped.download, file.name ?? file.id));
	if (!stored.ok) {
		discardStream(download.stream);
		if (capped.exceeded()) {
			item.json.download = {
				skipped: true,
				reason: `File is over the Max File Size of ${settings.maxMb} MB (its size was not given; reading stopped at ${megabytes(capped.bytesRead())})`,
			};
			return;
		}
		throw aboutFile(stored.error, file);
	}
	item.binary = { data: stored.value.binary };
}

/**
 * Options → Download File: each item whose event created or updated a file gets the file as
 * binary field `data` (or a note under `download`), one file at a time, so a poll or delivery
 * with many files holds one download open at once. Throws when a download fails in a way
 * worth trying again; the caller then fails the poll or delivery as a whole.
 */
export async function attachEventDownloads(
	this: TriggerContext,
	source: FileSource,
	items: INodeExecutionData[],
	settings: DownloadSettings,
): Promise<void> {
	for (const item of items) {
		const file = downloadableFile(item.json as unknown as NormalizedEvent);
		if (file) await downloadInto.call(this, source, file, item, settings);
	}
}
