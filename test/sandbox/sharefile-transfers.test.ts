import * as crypto from 'crypto';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';

import { createInstance, useSandbox } from './helpers';
import { placeOk } from './documents-helpers';
import { download, expectShareFileError, hostBase, login, md5, sf, sfOk, upload } from './sharefile-api-helpers';

describe('sandbox: ShareFile API v3 uploads and downloads', () => {
	const sandbox = useSandbox();

	async function account() {
		const instance = await createInstance(sandbox());
		const token = (await login(sandbox())).access_token;
		const root = await sfOk(sandbox(), token, 'GET', 'Items(top)');
		return { instance, token, rootId: root.Id as string };
	}

	test('Upload2 answers an UploadSpecification; the raw POST to ChunkUri (no token) makes the file; Download gives it back byte for byte', async () => {
		const { token, rootId } = await account();
		const bytes = Buffer.from('hello, ShareFile\n');
		const { spec, answer } = await upload(sandbox(), token, rootId, 'hello.txt', bytes);
		expect(spec).toMatchObject({
			'odata.type': 'ShareFile.Api.Models.UploadSpecification',
			Method: 'Standard',
			ChunkUri: expect.stringContaining(`${sandbox().origin}/sharefile-storage/upload.aspx?uploadid=`),
			FinishUri: null,
			IsResume: false,
			IsDuplicateFileName: false,
		});
		expect(answer.status).toBe(200);
		expect(answer.json).toMatchObject({ error: false, errorCode: '0' });
		const [uploaded] = answer.json.value;
		expect(uploaded).toMatchObject({ filename: 'hello.txt', displayname: 'hello.txt', size: String(bytes.length), md5: md5(bytes), parentid: rootId });

		const item = await sfOk(sandbox(), token, 'GET', `Items(${uploaded.id})`);
		expect(item).toMatchObject({ Name: 'hello.txt', FileSizeBytes: bytes.length, Hash: md5(bytes) });
		const got = await download(sandbox(), token, uploaded.id);
		expect(got.bytes.equals(bytes)).toBe(true);
		expect(got.headers.get('content-disposition')).toContain('hello.txt');
		expect(got.link.startsWith(`${sandbox().origin}/sharefile-storage/download.aspx?`)).toBe(true);
	});

	test('a binary file as multipart Filedata, and a 3 MB raw file, come back exactly', async () => {
		const { token, rootId } = await account();
		const binary = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));
		const first = await upload(sandbox(), token, rootId, 'all-bytes.bin', binary, { raw: false });
		expect(first.answer.status).toBe(200);
		expect((await download(sandbox(), token, first.answer.json.value[0].id)).bytes.equals(binary)).toBe(true);

		const big = crypto.randomBytes(3 * 1024 * 1024 + 17);
		const second = await upload(sandbox(), token, rootId, 'big.bin', big);
		const id = second.answer.json.value[0].id;
		expect((await sfOk(sandbox(), token, 'GET', `Items(${id})`)).Hash).toBe(md5(big));
		const got = await download(sandbox(), token, id);
		expect(got.bytes.length).toBe(big.length);
		expect(got.bytes.equals(big)).toBe(true);
	});

	test('a taken name: Upload2 is 409 Conflict without Overwrite; with it the upload is a new version', async () => {
		const { token, rootId } = await account();
		const first = await upload(sandbox(), token, rootId, 'a.txt', Buffer.from('one'));
		expectShareFileError(await sf(sandbox(), token, 'POST', `Items(${rootId})/Upload2`, { FileName: 'a.txt', Raw: true }), 409, 'Conflict');
		const second = await upload(sandbox(), token, rootId, 'a.txt', Buffer.from('two!'), { overwrite: true });
		expect(second.spec.IsDuplicateFileName).toBe(true);
		const item = await sfOk(sandbox(), token, 'GET', `Items(${second.answer.json.value[0].id})`);
		expect(item).toMatchObject({ Name: 'a.txt', FileSizeBytes: 4 });
		expect(item.Id).toBe(first.answer.json.value[0].id);
		expect((await download(sandbox(), token, item.Id)).bytes.toString()).toBe('two!');
	});

	test('without fmt=json the storage host answers OK, and ERROR:<message> with 200 when the ChunkUri is spent', async () => {
		const { token, rootId } = await account();
		const { spec, answer } = await upload(sandbox(), token, rootId, 'plain.txt', Buffer.from('x'), { json: false });
		expect(answer.status).toBe(200);
		expect(answer.text).toBe('OK');
		const again = await fetch(spec.ChunkUri, { method: 'POST', body: Buffer.from('y') });
		expect(again.status).toBe(200);
		expect(await again.text()).toMatch(/^ERROR:/);
		const json = await fetch(`${spec.ChunkUri}&fmt=json`, { method: 'POST', body: Buffer.from('y') });
		expect(json.status).toBe(404);
		expect(await json.json()).toMatchObject({ error: true, errorCode: '404' });
	});

	test('a streamed upload appends chunks in order, checks their hashes, and finishes with the file hash', async () => {
		const { token, rootId } = await account();
		const bytes = crypto.randomBytes(300_000);
		const spec = await sfOk(sandbox(), token, 'POST', `Items(${rootId})/Upload2`, { method: 'streamed', raw: true, fileName: 'streamed.bin' });
		expect(spec.Method).toBe('Streamed');
		const chunks = [bytes.subarray(0, 100_000), bytes.subarray(100_000, 250_000), bytes.subarray(250_000)];
		let offset = 0;
		let last: Response | undefined;
		for (const [index, chunk] of chunks.entries()) {
			const finish = index === chunks.length - 1 ? `&finish=true&filehash=${md5(bytes)}` : '';
			last = await fetch(`${spec.ChunkUri}&fmt=json&index=${index}&byteOffset=${offset}&hash=${md5(chunk)}${finish}`, { method: 'POST', body: chunk });
			expect(last.status).toBe(200);
			offset += chunk.length;
		}
		const answer = (await last!.json()) as { value: Array<Record<string, string>> };
		expect(answer.value[0]).toMatchObject({ filename: 'streamed.bin', size: String(bytes.length), md5: md5(bytes) });
		expect((await download(sandbox(), token, answer.value[0].id)).bytes.equals(bytes)).toBe(true);

		const bad = await sfOk(sandbox(), token, 'POST', `Items(${rootId})/Upload2`, { Method: 'Streamed', Raw: true, FileName: 'bad.bin' });
		const wrong = await fetch(`${bad.ChunkUri}&fmt=json&index=0&byteOffset=0&hash=${md5(Buffer.from('other'))}`, { method: 'POST', body: Buffer.from('data') });
		expect(wrong.status).toBe(400);
		expectShareFileError(await sf(sandbox(), token, 'GET', 'Items/ByPath?path=/bad.bin'), 404, 'NotFound');
	});

	test('Download with redirect=false answers a DownloadSpecification; a folder is not downloadable; a tampered link is 403', async () => {
		const { instance, token } = await account();
		await placeOk(sandbox(), instance.id, { changes: [{ op: 'createFolder', path: '/top/d' }, { op: 'upload', path: '/top/d/spec.txt', content: 'spec' }] });
		const file = await sfOk(sandbox(), token, 'GET', 'Items/ByPath?path=/d/spec.txt');
		const spec = await sfOk(sandbox(), token, 'GET', `Items(${file.Id})/Download?redirect=false`);
		expect(spec).toMatchObject({ 'odata.type': 'ShareFile.Api.Models.DownloadSpecification', DownloadToken: expect.any(String) });
		expect(await (await fetch(spec.DownloadUrl)).text()).toBe('spec');
		expect((await fetch(`${spec.DownloadUrl}x`)).status).toBe(403);
		expectShareFileError(await sf(sandbox(), token, 'GET', `Items(${file.Parent.Id})/Download`), 501, 'NotImplemented');
		expectShareFileError(await sf(sandbox(), null, 'GET', `Items(${file.Id})/Download`), 401, 'Unauthorized');
	});

	test('a 100 MB file downloads as a stream: its MD5 is the item Hash and the process never grows by the file', async () => {
		const { instance, token } = await account();
		const size = 100 * 1024 * 1024;
		await placeOk(sandbox(), instance.id, { op: 'upload', path: '/top/huge.bin', size });
		const file = await sfOk(sandbox(), token, 'GET', 'Items/ByPath?path=/huge.bin');
		const first = await fetch(`${hostBase(sandbox())}/sf/v3/Items(${file.Id})/Download`, { headers: { authorization: `Bearer ${token}` }, redirect: 'manual' });
		const response = await fetch(first.headers.get('location')!);
		expect(response.headers.get('content-length')).toBe(String(size));
		const hash = crypto.createHash('md5');
		let received = 0;
		const before = process.memoryUsage().rss;
		let peak = before;
		// A collection every 8 MB received: chunks already hashed cannot pile up (on a busy machine
		// they once did, past the bound), while a file held whole in memory would stay.
		const collect = collector();
		let collectedAt = 0;
		for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
			hash.update(chunk);
			received += chunk.length;
			if (received - collectedAt >= 8 * 1024 * 1024) {
				collect();
				collectedAt = received;
			}
			peak = Math.max(peak, process.memoryUsage().rss);
		}
		expect(received).toBe(size);
		expect(hash.digest('hex')).toBe(file.Hash);
		// Client and sandbox share this process: a sandbox that read the file whole would add 100 MB at
		// once; streamed, the growth stays below it.
		expect(peak - before).toBeLessThan(size);
	}, 60_000);
});

/** V8's garbage collector, called at will: exposed at run time, as jest runs without --expose-gc. */
function collector(): () => void {
	setFlagsFromString('--expose-gc');
	return runInNewContext('gc') as () => void;
}
