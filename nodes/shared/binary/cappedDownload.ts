import type { ByteStream } from '../http/byteStream';
import type { FileDownload } from './fileDownload';

/**
 * A download whose size the answer does not give (no Content-Length: sent chunked), cut off
 * once more than `maxBytes` have arrived, so Max File Size holds for it too: reading then fails,
 * and `exceeded()` says why. A download of known size is passed on untouched (the caller has
 * already compared it with the limit). Community nodes may not import `stream`: the counting
 * step is the stream's own `compose` with an async generator, as the upload body does.
 */
export function cappedDownload(
	download: FileDownload,
	maxBytes: number,
): { download: FileDownload; exceeded: () => boolean; bytesRead: () => number } {
	let read = 0;
	let exceeded = false;
	if (download.contentLength !== undefined) {
		return { download, exceeded: () => false, bytesRead: () => download.contentLength ?? 0 };
	}
	const counted = download.stream.compose(async function* (chunks: AsyncIterable<Uint8Array | string>) {
		for await (const chunk of chunks) {
			read += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
			if (read > maxBytes) {
				exceeded = true;
				throw new Error(`The download passed ${maxBytes} bytes`);
			}
			yield chunk;
		}
	}) as ByteStream;
	return { download: { ...download, stream: counted }, exceeded: () => exceeded, bytesRead: () => read };
}
