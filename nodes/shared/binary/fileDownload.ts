import type { ByteStream } from '../http/byteStream';

/** A file's bytes as they arrive, with what the answer's headers said of them. */
export interface FileDownload {
	stream: ByteStream;
	contentType?: string;
	contentLength?: number;
	contentDisposition?: string;
}
