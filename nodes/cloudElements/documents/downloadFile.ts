import { documentUrl, type DocumentAddress } from '../../engine/documents/hubAddress';
import type { CloudElementsContext } from '../transport';
import { fileDownloadOf, type FileDownload } from '../../shared/binary/fileDownload';
import type { FileSource } from '../../shared/binary/eventDownloads';
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
	return fileDownloadOf(body, headers);
}

/** The instance's files, for a trigger's Options → Download File. */
export function instanceFiles(context: CloudElementsContext, instanceId: string): FileSource {
	return { provider: 'Cloud Elements', open: async (fileId) => await openFileDownload.call(context, instanceId, { id: fileId }) };
}
