import { randomBytes } from 'crypto';
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import { multipartChunks, multipartFileEnvelope, type MultipartEnvelope } from '../../engine/documents/multipart';
import type { ByteStream, RawRequestBody } from '../http/byteStream';

/**
 * An upload body made of an input item's binary, either as it is (`raw`) or wrapped in a
 * `multipart/form-data` envelope with one file part.
 *
 * A binary kept by n8n's binary data service (filesystem, database, S3: it has an `id`) is
 * streamed from that store and never held whole in memory. Community nodes may not import
 * `stream`, so the multipart envelope is wrapped around the stored bytes with the stream's
 * own `compose` (Node >= 18.13), which takes an async generator. A binary held in the item
 * itself (n8n's default memory mode) is already in memory and is sent as one buffer.
 *
 * `open` is called per attempt, so a retried upload reads the binary again from the start.
 */
async function binaryBody(
	this: IExecuteFunctions,
	itemIndex: number,
	binaryPropertyName: string,
	binaryData: IBinaryData,
	envelope: MultipartEnvelope | undefined,
	contentType: string,
): Promise<RawRequestBody> {
	const envelopeLength = envelope ? envelope.head.length + envelope.tail.length : 0;
	const storedId = binaryData.id;
	if (storedId) {
		const { fileSize } = await this.helpers.getBinaryMetadata(storedId);
		return {
			contentType,
			contentLength: Number.isFinite(fileSize) ? envelopeLength + fileSize : undefined,
			open: async () => {
				const source = await this.helpers.getBinaryStream(storedId);
				if (!envelope) return source;
				return source.compose(
					(chunks: AsyncIterable<Uint8Array | string>) => multipartChunks(envelope, chunks),
				) as ByteStream;
			},
		};
	}
	const bytes = await this.helpers.getBinaryDataBuffer(itemIndex, binaryPropertyName);
	const whole = envelope ? Buffer.concat([envelope.head, bytes, envelope.tail]) : bytes;
	return { contentType, contentLength: whole.length, open: async () => whole };
}

/** `multipart/form-data` with one file part named `fieldName` (the documents hub's `file`). */
export async function binaryUploadBody(
	this: IExecuteFunctions,
	itemIndex: number,
	binaryPropertyName: string,
	binaryData: IBinaryData,
	fileName: string,
	fieldName = 'file',
): Promise<RawRequestBody> {
	const envelope = multipartFileEnvelope({
		boundary: `----n8nCloudElements${randomBytes(16).toString('hex')}`,
		fieldName,
		fileName,
		contentType: binaryData.mimeType || 'application/octet-stream',
	});
	return await binaryBody.call(this, itemIndex, binaryPropertyName, binaryData, envelope, envelope.contentType);
}

/** The binary's bytes as they are, typed with the binary's MIME type (a raw upload). */
export async function binaryRawBody(
	this: IExecuteFunctions,
	itemIndex: number,
	binaryPropertyName: string,
	binaryData: IBinaryData,
): Promise<RawRequestBody> {
	const contentType = binaryData.mimeType || 'application/octet-stream';
	return await binaryBody.call(this, itemIndex, binaryPropertyName, binaryData, undefined, contentType);
}
