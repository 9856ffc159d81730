import type { BinaryHelperFunctions, IBinaryData } from 'n8n-workflow';

import { fileNameFromContentDisposition } from '../../engine/documents/contentDisposition';
import { documentUrl, type DocumentAddress } from '../../engine/documents/hubAddress';
import type { ByteStream, CloudElementsContext } from '../transport';
import type { FileDownload } from '../../shared/binary/fileDownload';
import { documentsRequest } from './documentsRequest';

export type { FileDownload };

/**
 * Opens a file's bytes (`GET /files/{id}` or `/files?path=`) as a stream straight from the
 * HTTP answer; the caller hands it to n8n's binary data service, which reads it once, or
 * destroys it unread. The action node and both triggers download through here.
 */
export async function openFileDownload(
	this: CloudElementsContext,
	instanceId: string,
	address: DocumentAddress,
	itemIndex?: number,
): Promise<FileDownload> {
	const url = documentUrl('files', address);
	const { body, headers } = await documentsRequest.call(this, instanceId, {
		method: 'GET',
		...url,
		responseType: 'stream',
		itemIndex,
	});
	const length = Number(headers['content-length']);
	return {
		stream: body as ByteStream,
		contentType: headers['content-type'],
		contentLength: Number.isFinite(length) && headers['content-length'] !== undefined ? length : undefined,
		contentDisposition: headers['content-disposition'],
	};
}

/** A download answer that says nothing about the type; n8n then guesses from the file name. */
const UNTYPED = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

/**
 * An opened download as n8n binary data, streamed into n8n's binary data service (with
 * filesystem or database binary mode, never whole in memory). The name is the answer's
 * Content-Disposition, else `fallbackName` (what the caller knows from metadata).
 */
export async function downloadedBinary(
	this: { helpers: Pick<BinaryHelperFunctions, 'prepareBinaryData'> },
	download: FileDownload,
	fallbackName: string,
): Promise<{ binary: IBinaryData; fileName: string }> {
	const fileName = fileNameFromContentDisposition(download.contentDisposition) ?? fallbackName;
	const contentType = (download.contentType ?? '').split(';')[0].trim().toLowerCase();
	const binary = await this.helpers.prepareBinaryData(
		download.stream,
		fileName,
		UNTYPED.has(contentType) ? undefined : (download.contentType as string),
	);
	return { binary, fileName };
}
