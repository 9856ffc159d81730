import { NodeOperationError } from 'n8n-workflow';

import { itemUrl } from '../../engine/shareFile/itemUrl';
import { fileDownloadOf, type FileDownload } from '../../shared/binary/fileDownload';
import { shareFileRequest, storageRequest, type ShareFileContext } from '../transport/request';

/**
 * Opens a file's bytes as a stream straight from the storage host's answer: `GET
 * Items(id)/Download?redirect=false` gives a `DownloadSpecification` whose `DownloadUrl` carries
 * its own authorisation (CONFIRMED), so the token never goes to the storage host. The caller
 * hands the stream to n8n's binary data service, or destroys it unread.
 */
export async function openItemDownload(
	this: ShareFileContext,
	id: string,
	itemIndex?: number,
): Promise<FileDownload> {
	const { body: specification } = await shareFileRequest.call(this, {
		method: 'GET',
		path: itemUrl(id, 'Download'),
		qs: { redirect: false, includeAllVersions: false, includeDeleted: false },
		itemIndex,
	});
	const url = (specification as { DownloadUrl?: unknown }).DownloadUrl;
	if (typeof url !== 'string' || !/^https?:\/\//.test(url)) {
		throw new NodeOperationError(this.getNode(), 'ShareFile gave no download link for this file', { itemIndex });
	}
	const { body, headers } = await storageRequest.call(this, {
		method: 'GET',
		url,
		responseType: 'stream',
		itemIndex,
	});
	return fileDownloadOf(body, headers);
}
