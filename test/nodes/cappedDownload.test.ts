import { Readable } from 'stream';

import { cappedDownload } from '../../nodes/shared/binary/cappedDownload';
import type { ByteStream } from '../../nodes/cloudElements/transport';

/** A download answer sent chunked (no Content-Length), as some gateways do. */
const chunked = (...chunks: string[]) => ({ stream: Readable.from(chunks.map((chunk) => Buffer.from(chunk))) as ByteStream });

async function read(stream: ByteStream): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString();
}

describe('Max File Size for a download of unknown length', () => {
	it('passes a download within the limit through unchanged', async () => {
		const capped = cappedDownload(chunked('hello ', 'world'), 11);
		expect(await read(capped.download.stream)).toBe('hello world');
		expect(capped.exceeded()).toBe(false);
	});

	it('cuts a download off once it passes the limit, and says so', async () => {
		const capped = cappedDownload(chunked('hello ', 'world', '!'), 8);
		await expect(read(capped.download.stream)).rejects.toThrow('passed 8 bytes');
		expect(capped.exceeded()).toBe(true);
		expect(capped.bytesRead()).toBe(11);
	});

	it('leaves a download of known length alone (its length was already checked)', () => {
		const download = { ...chunked('x'), contentLength: 1 };
		expect(cappedDownload(download, 0).download).toBe(download);
	});
});
