import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * A Node readable byte stream, named through n8n's own helper types: community nodes may not
 * import `stream`, so the type is taken from what `getBinaryStream` hands out.
 */
export type ByteStream = Awaited<ReturnType<IExecuteFunctions['helpers']['getBinaryStream']>>;

/** A body sent as it is (an upload): opened afresh for each attempt, never re-sent once read. */
export interface RawRequestBody {
	contentType: string;
	/** Sent as Content-Length when known; otherwise the body goes out chunked. */
	contentLength?: number;
	open: () => Promise<Buffer | ByteStream>;
}

export function isByteStream(value: unknown): value is ByteStream {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as { pipe?: unknown }).pipe === 'function'
	);
}

/** Releases a stream nobody will read (an answer to retry, a body the server did not take). */
export function discardStream(value: unknown): void {
	if (isByteStream(value) && !value.destroyed) value.destroy();
}

/**
 * The start of a failed answer's body, as text, for the error message: at most `maxBytes`
 * are read, then the stream is let go, so a huge error page costs nothing.
 */
export async function readStreamText(value: unknown, maxBytes = 64 * 1024): Promise<string> {
	if (!isByteStream(value)) return typeof value === 'string' ? value : '';
	const chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const chunk of value) {
			const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
			chunks.push(bytes);
			size += bytes.length;
			if (size >= maxBytes) break;
		}
	} catch {
		// A cut-off error body still yields what arrived; the status alone is reported otherwise.
	} finally {
		discardStream(value);
	}
	return Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8');
}
