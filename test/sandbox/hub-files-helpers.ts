import { createHash } from 'crypto';
import * as http from 'http';

import type { Sandbox } from '../../sandbox';
import { AUTH, answerOf, type Answer } from './helpers';

/** The Authorization header of a hub call. */
export const hubAuth = (token: string) => `${AUTH}, Element ${token}`;

/** A multipart upload the way clients send it: one part named `file` (FormData, as C2 does). */
export async function multipartUpload(
	sandbox: Sandbox,
	token: string,
	query: string,
	bytes: Buffer | string,
	options: { filename?: string; type?: string; partName?: string; extra?: Record<string, string> } = {},
): Promise<Answer> {
	const form = new FormData();
	for (const [name, value] of Object.entries(options.extra || {})) form.append(name, value);
	const blob = new Blob([typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes], options.type ? { type: options.type } : {});
	form.append(options.partName || 'file', blob, options.filename || 'upload.bin');
	const response = await fetch(`${sandbox.baseUrl}/hubs/documents/files?${query}`, { method: 'POST', headers: { authorization: hubAuth(token) }, body: form });
	return answerOf(response);
}

/** A download: the bytes exactly, and the headers. */
export async function download(url: string, authorization?: string) {
	const response = await fetch(url, { headers: authorization ? { authorization } : {} });
	return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

/**
 * `total` bytes of two alternating random 1 MB blocks: different bytes everywhere, but only 2 MB
 * ever in memory. Returns the chunks' MD5 as they go out.
 */
function* bigContent(total: number) {
	const blocks = [Buffer.alloc(1 << 20, 0), Buffer.alloc(1 << 20, 0)].map((block) => {
		for (let i = 0; i < block.length; i += 4) block.writeUInt32LE((Math.random() * 2 ** 32) >>> 0, i);
		return block;
	});
	for (let sent = 0, i = 0; sent < total; i++) {
		const block = blocks[i % 2];
		const chunk = total - sent >= block.length ? block : block.subarray(0, total - sent);
		sent += chunk.length;
		yield chunk;
	}
}

/** A multipart upload of `total` bytes streamed from memory-light chunks over node:http (chunked). */
export function streamedUpload(sandbox: Sandbox, token: string, path: string, total: number): Promise<{ status: number; body: string; md5: string }> {
	const boundary = `----sandbox${Date.now()}`;
	const md5 = createHash('md5');
	return new Promise((resolve, reject) => {
		const request = http.request(
			`${sandbox.baseUrl}/hubs/documents/files?path=${encodeURIComponent(path)}`,
			{ method: 'POST', headers: { authorization: hubAuth(token), 'content-type': `multipart/form-data; boundary=${boundary}` } },
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () => resolve({ status: response.statusCode || 0, body: Buffer.concat(chunks).toString('utf8'), md5: md5.digest('hex') }));
			},
		);
		request.on('error', reject);
		const parts = (function* () {
			yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`);
			for (const chunk of bigContent(total)) {
				md5.update(chunk);
				yield chunk;
			}
			yield Buffer.from(`\r\n--${boundary}--\r\n`);
		})();
		const pump = () => {
			for (let next = parts.next(); !next.done; next = parts.next()) {
				if (!request.write(next.value)) {
					request.once('drain', pump);
					return;
				}
			}
			request.end();
		};
		pump();
	});
}

/** A streamed download: size and MD5 counted on the way, nothing kept. */
export function streamedDownload(url: string, authorization: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; size: number; md5: string }> {
	return new Promise((resolve, reject) => {
		http
			.get(url, { headers: { authorization } }, (response) => {
				const md5 = createHash('md5');
				let size = 0;
				response.on('data', (chunk: Buffer) => {
					size += chunk.length;
					md5.update(chunk);
				});
				response.on('end', () => resolve({ status: response.statusCode || 0, headers: response.headers, size, md5: md5.digest('hex') }));
				response.on('error', reject);
			})
			.on('error', reject);
	});
}
