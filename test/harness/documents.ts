import type { IDataObject } from 'n8n-workflow';

import { ORGANIZATION_SECRET, USER_SECRET, type SandboxClient } from './sandboxClient';

/** Text in several scripts (and an emoji outside the BMP), to prove bytes pass untouched. */
export const MULTI_SCRIPT_TEXT = 'Grüße · Привет · 你好 · مرحبا · שלום · नमस्ते · ΚΑΛΗΜΕΡΑ · 🙂\r\nline 2\n';

/** Every byte value, then a run that looks like a multipart boundary, then more bytes. */
export function binaryBytesSample(): Buffer {
	const all = Buffer.from(Array.from({ length: 256 }, (_, index) => index));
	return Buffer.concat([all, Buffer.from('\r\n------n8nCloudElements\r\n--\r\n'), all.reverse(), Buffer.alloc(70_000, 0xa5)]);
}

/** An instance with its ShareFile account, and direct ways to put and read files in it. */
export async function documentsInstance(sandbox: SandboxClient, name = 'files') {
	const instance = await sandbox.createInstance(name);
	const folders = new Set(['/top']);
	/** The sandbox's own change control; folders that uploads need are made first. */
	const change = async (body: IDataObject) => {
		const changes = (body.changes ?? [body]) as IDataObject[];
		const needed: IDataObject[] = [];
		for (const { op, path } of changes) {
			const segments = String(path).split('/').filter(Boolean);
			const parents = op === 'createFolder' ? segments.length : segments.length - 1;
			for (let depth = 1; depth <= parents; depth++) {
				const folder = `/${segments.slice(0, depth).join('/')}`;
				if (folders.has(folder)) continue;
				folders.add(folder);
				if (op !== 'createFolder' || depth < parents) needed.push({ op: 'createFolder', path: folder });
			}
		}
		const answer = await sandbox.control('POST', `/instances/${instance.id}/documents`, {
			changes: [...needed, ...changes],
		});
		if (answer?.message) throw new Error(`sandbox change failed: ${answer.message}`);
		const results = answer.changes as IDataObject[];
		return body.changes ? answer : results[results.length - 1];
	};
	const hub = async (method: string, path: string) => {
		const response = await fetch(`${sandbox.sandbox.baseUrl}/hubs/documents${path}`, {
			method,
			headers: {
				Authorization: `User ${USER_SECRET}, Organization ${ORGANIZATION_SECRET}, Element ${instance.token}`,
			},
		});
		return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
	};
	const upload = async (path: string, bytes: Buffer) =>
		(await change({ op: 'upload', path, contentBase64: bytes.toString('base64') })) as { id: string; path: string };
	const metadataAt = async (kind: 'files' | 'folders', path: string) => {
		const answer = await hub('GET', `/${kind}/metadata?path=${encodeURIComponent(path)}`);
		return { status: answer.status, body: answer.status === 200 ? JSON.parse(answer.bytes.toString('utf8')) : undefined };
	};
	return {
		instance,
		change,
		hub,
		upload,
		metadataAt,
		locator: { __rl: true, mode: 'id', value: String(instance.id) },
		/** The bytes stored at a path, read straight from the hub. */
		bytesAt: async (path: string) => (await hub('GET', `/files?path=${encodeURIComponent(path)}`)).bytes,
	};
}

/** A real PNG (64×64, RGB noise, so it does not compress away), built with zlib. */
export function pngSample(): Buffer {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const zlib = require('zlib') as typeof import('zlib');
	const chunk = (type: string, data: Buffer) => {
		const length = Buffer.alloc(4);
		length.writeUInt32BE(data.length);
		const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
		const crc = Buffer.alloc(4);
		crc.writeUInt32BE(zlib.crc32(body) >>> 0);
		return Buffer.concat([length, body, crc]);
	};
	const size = 64;
	const header = Buffer.alloc(13);
	header.writeUInt32BE(size, 0);
	header.writeUInt32BE(size, 4);
	header.set([8, 2, 0, 0, 0], 8);
	const rows: Buffer[] = [];
	let seed = 7;
	for (let y = 0; y < size; y++) {
		const row = Buffer.alloc(1 + size * 3);
		for (let x = 1; x < row.length; x++) row[x] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
		rows.push(row);
	}
	return Buffer.concat([
		Buffer.from('89504e470d0a1a0a', 'hex'),
		chunk('IHDR', header),
		chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
		chunk('IEND', Buffer.alloc(0)),
	]);
}
