import { randomBytes } from 'crypto';
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import { multipartChunks, multipartFileEnvelope } from '../../engine/documents/multipart';
import type { ByteStream, RawRequestBody } from '../transport';

/**
 * The upload body for an input item's binary: `multipart/form-data` with one part named `file`.
 *
 * A binary kept by n8n's binary data service (filesystem, database, S3: it has an `id`) is
 * streamed from that store and never held whole in memory. Community nodes may not import
 * `stream`, so the multipart envelope is wrapped around the stored bytes with the stream's
 * own `compose` (Node >= 18.13), which takes an async generator. A binary held in the item
 * itself (n8n's default memory mode) is already in memory and is sent as one buffer.
 *
 * `open` is called per attempt, so a retried upload reads the binary again from the start.
 */
export async function binaryUploadBody(
	this: IExecuteFunctions,
	itemIndex: number,
	binaryPropertyName: string,
	binaryData: IBinaryData,
	fileName: string,
): Promise<RawRequestBody> {
	const envelope = multipartFileEnvelope({
		boundary: `----n8nCloudElements${randomBytes(16).toString('hex')}`,
		fieldName: 'file',
		fileName,
		contentType: binaryData.mimeType || 'application/octet-stream',
	});
	const envelopeLength = envelope.head.length + envelope.tail.length;
	const storedId = binaryData.id;
	if (storedId) {
		const { fileSize } = await this.helpers.getBinaryMetadata(storedId);
		return {
			contentType: envelope.contentType,
			contentLength: Number.isFinite(fileSize) ? envelopeLength + fileSize : undefined,
			open: async () => {
				const source = await this.helpers.getBinaryStream(storedId);
				return source.compose(
					(chunks: AsyncIterable<Uint8Array | string>) => multipartChunks(envelope, chunks),
				) as ByteStream;
			},
		};
	}
	const bytes = await this.helpers.getBinaryDataBuffer(itemIndex, binaryPropertyName);
	const whole = Buffer.concat([envelope.head, bytes, envelope.tail]);
	return { contentType: envelope.contentType, contentLength: whole.length, open: async () => whole };
}
