import { createHash } from 'crypto';
import * as fs from 'fs';
import type { Sandbox } from '../../sandbox';
import { AUTH, createInstance, expectCeError, useDataFileSandboxes, useSandbox } from './helpers';
import { hub, itemAt, place, placeOk } from './documents-helpers';

/** Every byte value, then sequences that are not UTF-8 (a lone continuation byte, a cut-off lead byte, 0xFF). */
const BINARY = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.from([0x80, 0xc3, 0x28, 0xff, 0xfe, 0xe2, 0x82])]);
const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex');

async function download(sandbox: Sandbox, token: string, id: string): Promise<Buffer> {
	const response = await fetch(`${sandbox.baseUrl}/hubs/documents/files/${id}`, { headers: { authorization: `${AUTH}, Element ${token}` } });
	expect(response.status).toBe(200);
	return Buffer.from(await response.arrayBuffer());
}

describe('sandbox: content as base64 bytes (contentBase64)', () => {
	const sandbox = useSandbox();

	test('an upload stores the exact bytes, not valid UTF-8 included: download, size and Hash agree', async () => {
		expect(() => new TextDecoder('utf-8', { fatal: true }).decode(BINARY)).toThrow();
		const instance = await createInstance(sandbox());
		const placed = await placeOk(sandbox(), instance.id, { op: 'upload', path: '/top/blob.bin', contentBase64: BINARY.toString('base64') });
		expect(placed.item).toMatchObject({ FileSizeBytes: BINARY.length, Hash: md5(BINARY) });
		expect((await download(sandbox(), instance.token, placed.id)).equals(BINARY)).toBe(true);
		// Folder sizes count the bytes, not the length of their base64 text.
		expect((await itemAt(sandbox(), instance.id, '/top'))!.FileSizeBytes).toBe(BINARY.length);
	});

	test('an update with contentBase64 replaces the bytes; text content and base64 of UTF-8 text read back the same', async () => {
		const instance = await createInstance(sandbox());
		const text = 'Grüße ☃\n';
		const first = await placeOk(sandbox(), instance.id, { op: 'upload', path: '/top/a.txt', contentBase64: Buffer.from(text).toString('base64') });
		expect((await download(sandbox(), instance.token, first.id)).toString('utf8')).toBe(text);
		const updated = await placeOk(sandbox(), instance.id, { op: 'update', path: '/top/a.txt', contentBase64: BINARY.toString('base64') });
		expect(updated.item).toMatchObject({ Id: first.id, FileSizeBytes: BINARY.length, Hash: md5(BINARY) });
		expect((await download(sandbox(), instance.token, first.id)).equals(BINARY)).toBe(true);
		const back = await placeOk(sandbox(), instance.id, { op: 'update', path: '/top/a.txt', content: text });
		expect(back.item).toMatchObject({ FileSizeBytes: Buffer.byteLength(text), Hash: md5(Buffer.from(text)) });
		expect((await download(sandbox(), instance.token, first.id)).toString('utf8')).toBe(text);
	});

	test('line breaks in the base64 are ignored; an empty file is an empty string', async () => {
		const instance = await createInstance(sandbox());
		const wrapped = BINARY.toString('base64').replace(/.{76}/g, '$&\n');
		const placed = await placeOk(sandbox(), instance.id, { op: 'upload', path: '/top/wrapped.bin', contentBase64: wrapped });
		expect((await download(sandbox(), instance.token, placed.id)).equals(BINARY)).toBe(true);
		const empty = await placeOk(sandbox(), instance.id, { op: 'upload', path: '/top/empty.bin', contentBase64: '' });
		expect(empty.item).toMatchObject({ FileSizeBytes: 0, Hash: md5(Buffer.alloc(0)) });
	});

	test('the hub\'s upload takes contentBase64 too', async () => {
		const instance = await createInstance(sandbox());
		const uploaded = await hub(sandbox(), instance.token, 'POST', '/hubs/documents/files', { path: '/top/hub.bin', contentBase64: BINARY.toString('base64') });
		expect(uploaded.status).toBe(200);
		expect((await download(sandbox(), instance.token, uploaded.json.id)).equals(BINARY)).toBe(true);
	});

	test('bad base64, both kinds of content, a disagreeing size: 400 naming the problem, nothing stored', async () => {
		const instance = await createInstance(sandbox());
		expectCeError(await place(sandbox(), instance.id, { op: 'upload', path: '/top/a', contentBase64: 'not base64!' }), 400, /contentBase64.*not valid base64/);
		expectCeError(await place(sandbox(), instance.id, { op: 'upload', path: '/top/a', contentBase64: 'QUJD' + 'x' }), 400, /not valid base64/);
		expectCeError(await place(sandbox(), instance.id, { op: 'upload', path: '/top/a', contentBase64: 42 }), 400, /contentBase64/);
		expectCeError(await place(sandbox(), instance.id, { op: 'upload', path: '/top/a', content: 'x', contentBase64: 'eA==' }), 400, /not both/);
		expectCeError(await place(sandbox(), instance.id, { op: 'upload', path: '/top/a', contentBase64: 'QUJD', size: 4 }), 400, /'size' is 4 but 'contentBase64' has 3 bytes/);
		expect(await itemAt(sandbox(), instance.id, '/top/a')).toBeUndefined();
	});
});

describe('sandbox: base64 content in the data file', () => {
	const { start, dataFile } = useDataFileSandboxes();

	test('bytes that are not UTF-8 survive a restart exactly; UTF-8 content stays readable text in the file', async () => {
		const first = await start();
		const instance = await createInstance(first);
		const blob = await placeOk(first, instance.id, { op: 'upload', path: '/top/blob.bin', contentBase64: BINARY.toString('base64') });
		const text = await placeOk(first, instance.id, { op: 'upload', path: '/top/note.txt', contentBase64: Buffer.from('plain note').toString('base64') });
		await first.close();

		const saved = JSON.parse(fs.readFileSync(dataFile(), 'utf8')).instances[0].sharefile.contents;
		expect(saved[text.id]).toBe('plain note');
		expect(saved[blob.id]).toEqual({ base64: BINARY.toString('base64') });

		const second = await start();
		expect((await download(second, instance.token, blob.id)).equals(BINARY)).toBe(true);
		expect((await download(second, instance.token, text.id)).toString('utf8')).toBe('plain note');
	});
});
