import type { IDataObject } from 'n8n-workflow';

import { itemUrl } from '../../engine/shareFile/itemUrl';
import type { RawRequestBody } from '../../shared/http/byteStream';
import { shareFileApiError } from '../transport/errors';
import { shareFileRequest, storageRequest, type ShareFileContext } from '../transport/request';
import { getItem, type ShareFileItem } from './resolveItem';

interface UploadSpecification {
	ChunkUri?: unknown;
	IsDuplicateFileName?: unknown;
}

interface UploadAnswer {
	error?: unknown;
	errorMessage?: unknown;
	errorCode?: unknown;
	value?: Array<{ id?: unknown }> | null;
}

/** The storage host's verdict: `{ error, errorMessage, value: [{ id }] }`, or the SDK's 200 `ERROR:…` text. */
function uploadedId(this: ShareFileContext, body: unknown, itemIndex: number): string {
	const fail = (message: string, code?: unknown) =>
		shareFileApiError(
			this.getNode(),
			{ statusCode: Number(code) >= 400 ? Number(code) : 502, body: { message: { value: message } } },
			[],
			itemIndex,
		);
	if (typeof body === 'string') {
		if (body.startsWith('ERROR:')) throw fail(body.slice('ERROR:'.length).trim() || 'The upload failed');
		try {
			body = JSON.parse(body) as unknown;
		} catch {
			throw fail('The storage host answered the upload with something other than JSON');
		}
	}
	const answer = (body ?? {}) as UploadAnswer;
	if (answer.error === true) throw fail(String(answer.errorMessage ?? 'The upload failed'), answer.errorCode);
	const id = answer.value?.[0]?.id;
	if (typeof id !== 'string' || !id) throw fail('The storage host did not say which file the upload made');
	return id;
}

/**
 * ShareFile's two-step upload (SHAREFILE_API.md §2.1): `POST Items(folder)/Upload2` asks for an
 * `UploadSpecification` (standard method, raw bytes), then the bytes go to its `ChunkUri` on the
 * storage host, streamed, with `fmt=json` for an answer naming the new file. Without Overwrite a
 * taken name stops the upload before a byte is sent (ShareFile's 409, or the specification's
 * `IsDuplicateFileName`). Answers the new file's item.
 */
export async function uploadFile(
	this: ShareFileContext,
	folderId: string,
	fileName: string,
	body: RawRequestBody,
	overwrite: boolean,
	itemIndex: number,
): Promise<ShareFileItem> {
	const params: IDataObject = { Method: 'Standard', Raw: true, FileName: fileName, Overwrite: overwrite };
	if (body.contentLength !== undefined) params.FileSize = body.contentLength;
	const { body: specification } = await shareFileRequest.call(this, {
		method: 'POST',
		path: itemUrl(folderId, 'Upload2'),
		body: params,
		itemIndex,
	});
	const spec = (specification ?? {}) as UploadSpecification;
	if (!overwrite && spec.IsDuplicateFileName === true) {
		throw shareFileApiError(
			this.getNode(),
			{ statusCode: 409, body: { code: 'Conflict', message: { value: `A file named '${fileName}' already exists in that folder.` } } },
			[],
			itemIndex,
		);
	}
	if (typeof spec.ChunkUri !== 'string' || !/^https?:\/\//.test(spec.ChunkUri)) {
		throw shareFileApiError(
			this.getNode(),
			{ statusCode: 502, body: { message: { value: 'ShareFile gave no upload address (ChunkUri)' } } },
			[],
			itemIndex,
		);
	}
	const chunkUri = `${spec.ChunkUri}${spec.ChunkUri.includes('?') ? '&' : '?'}fmt=json`;
	const answer = await storageRequest.call(this, {
		method: 'POST',
		url: chunkUri,
		rawBody: body,
		responseType: 'text',
		itemIndex,
	});
	return await getItem.call(this, uploadedId.call(this, answer.body, itemIndex), itemIndex);
}
