import type { ByteStream } from '../http/byteStream';

/** A file's bytes as they arrive, with what the answer's headers said of them. */
export interface FileDownload {
	stream: ByteStream;
	contentType?: string;
	contentLength?: number;
	contentDisposition?: string;
}

/** A streamed answer as a download: its body and what its headers say (lower-case names). */
export function fileDownloadOf(body: unknown, headers: Record<string, string | undefined>): FileDownload {
	const length = Number(headers['content-length']);
	return {
		stream: body as ByteStream,
		contentType: headers['content-type'],
		contentLength: Number.isFinite(length) && headers['content-length'] !== undefined ? length : undefined,
		contentDisposition: headers['content-disposition'],
	};
}
