import type { IDataObject } from 'n8n-workflow';

import { binaryBytes, useFilesystemBinaryData } from '../harness/binaryStore';
import { MULTI_SCRIPT_TEXT, pngSample } from '../harness/documents';
import { ORGANIZATION_SECRET, useTestSandbox, USER_SECRET, type SandboxClient } from '../harness/sandboxClient';
import { byId, byPath, fromList, placeDocuments as place, shareFileAccount } from '../harness/shareFile';
import { CLIENT_SECRET } from '../sandbox/sharefile-api-helpers';

const sandbox = useTestSandbox();
useFilesystemBinaryData();

/** What the account holds at a path, read through the documents hub (the same store). */
async function bytesAt(client: SandboxClient, instanceToken: string, path: string): Promise<{ status: number; bytes: Buffer }> {
	const response = await fetch(`${client.sandbox.baseUrl}/hubs/documents/files?path=${encodeURIComponent(path)}`, {
		headers: { Authorization: `User ${USER_SECRET}, Organization ${ORGANIZATION_SECRET}, Element ${instanceToken}` },
	});
	return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** Neither the tokens nor the client secret anywhere in what the node gave. */
function expectNoSecrets(value: unknown, tokens: { access_token: string; refresh_token: string }) {
	const text = JSON.stringify(value);
	for (const secret of [tokens.access_token, tokens.refresh_token, CLIENT_SECRET]) expect(text).not.toContain(secret);
}

const fileInput = (bytes: Buffer, fileName: string, mimeType: string, json: IDataObject = {}) => ({
	...json,
	__binary: { data: { base64: bytes.toString('base64'), fileName, mimeType } },
});

describe('ShareFile → File → Upload and Download', () => {
	it('uploads text and a PNG (streamed, Upload2) into a folder made on the way, then downloads both byte for byte', async () => {
		const account = await shareFileAccount(sandbox());
		const text = Buffer.from(MULTI_SCRIPT_TEXT, 'utf8');
		const png = pngSample();
		const uploaded = await account.run(
			{ resource: 'file', operation: 'upload', binaryPropertyName: 'data', folder: byPath('/top/Inbox/2024'), fileName: '' },
			{ inputItems: [fileInput(text, 'grüße 你好.txt', 'text/plain'), fileInput(png, 'scan.png', 'image/png')] },
		);
		expect(uploaded.error).toBeUndefined();
		expect(uploaded.items.map((item) => item.json.path)).toEqual(['/top/Inbox/2024/grüße 你好.txt', '/top/Inbox/2024/scan.png']);
		expect(uploaded.items.map((item) => item.json.size)).toEqual([text.length, png.length]);
		expect(uploaded.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(uploaded.items[1].json).toMatchObject({ directory: false, name: 'scan.png', raw: { 'odata.type': 'ShareFile.Api.Models.File' } });
		expect((await bytesAt(sandbox(), account.instance.token, '/top/Inbox/2024/grüße 你好.txt')).bytes.equals(text)).toBe(true);
		expect((await bytesAt(sandbox(), account.instance.token, '/top/Inbox/2024/scan.png')).bytes.equals(png)).toBe(true);
		// The bytes went to the storage host's ChunkUri, once each, after Upload2.
		const log = await sandbox().requests();
		expect(log.filter((entry) => /\/Upload2$/.test(entry.path))).toHaveLength(2);
		expect(log.filter((entry) => entry.path === '/sharefile-storage/upload.aspx')).toHaveLength(2);

		const downloaded = await account.run(
			{ resource: 'file', operation: 'download', file: '={{ $json.file }}', binaryPropertyName: 'file' },
			{ inputItems: [{ file: fromList(String(uploaded.items[0].json.id)) }, { file: byPath('/top/Inbox/2024/scan.png') }] },
		);
		expect(downloaded.error).toBeUndefined();
		const [first, second] = downloaded.items;
		expect((await binaryBytes(first.binary!.file)).equals(text)).toBe(true);
		expect(first.binary!.file.id).toBeTruthy(); // kept by n8n's binary data service, not in the item
		expect(first.binary!.file.fileName).toBe('grüße 你好.txt');
		expect(first.binary!.file.mimeType).toMatch(/^text\/plain/);
		expect(first.json).toMatchObject({ name: 'grüße 你好.txt', fileName: 'grüße 你好.txt', size: text.length, path: '/top/Inbox/2024/grüße 你好.txt' });
		expect((await binaryBytes(second.binary!.file)).equals(png)).toBe(true);
		expect(second.binary!.file.mimeType).toBe('image/png');
		expect(second.json).toMatchObject({ name: 'scan.png', size: png.length });
		expect(downloaded.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expectNoSecrets([uploaded.items.map((item) => item.json), downloaded.items.map((item) => item.json)], account.tokens);
	});

	it('uploads into a folder picked by ID; a taken name is refused without Overwrite and replaced with it', async () => {
		const account = await shareFileAccount(sandbox());
		const [folder] = await place(sandbox(), account.instance.id, [{ op: 'createFolder', path: '/top/Reports' }]);
		await place(sandbox(), account.instance.id, [{ op: 'upload', path: '/top/Reports/report.txt', content: 'old' }]);
		const parameters = { resource: 'file', operation: 'upload', binaryPropertyName: 'data', folder: byId(folder.id), fileName: 'report.txt' };
		const inputItems = [fileInput(Buffer.from('new'), 'x.txt', 'text/plain')];
		const refused = await account.run(parameters, { inputItems });
		expect(refused.error?.message).toBe('A file already exists at /top/Reports/report.txt');
		expect(refused.error?.description).toContain('Turn on Overwrite');
		expect(refused.error?.description).toContain('ShareFile:');
		expect((await bytesAt(sandbox(), account.instance.token, '/top/Reports/report.txt')).bytes.toString()).toBe('old');
		const replaced = await account.run({ ...parameters, overwrite: true }, { inputItems });
		expect(replaced.error).toBeUndefined();
		expect(replaced.items[0].json).toMatchObject({ path: '/top/Reports/report.txt', size: 3 });
		expect((await bytesAt(sandbox(), account.instance.token, '/top/Reports/report.txt')).bytes.toString()).toBe('new');
	});

	it('names the missing binary field, and a file name with a slash', async () => {
		const account = await shareFileAccount(sandbox());
		const missing = await account.run({ resource: 'file', operation: 'upload', binaryPropertyName: 'attachment', folder: byPath('/top') });
		expect(missing.error?.message).toMatch(/attachment/);
		const slash = await account.run(
			{ resource: 'file', operation: 'upload', binaryPropertyName: 'data', folder: byPath('/top'), fileName: 'a/b.txt' },
			{ inputItems: [fileInput(Buffer.from('x'), 'x.txt', 'text/plain')] },
		);
		expect(slash.error?.message).toBe('File Name "a/b.txt" cannot be used');
	});

	it("fails on a missing file with ShareFile's message, the status and a hint, without secrets; Continue On Fail pairs the error", async () => {
		const account = await shareFileAccount(sandbox());
		const parameters = { resource: 'file', operation: 'download', file: byPath('/top/nope.txt') };
		const failed = await account.run(parameters);
		expect(failed.error?.message).toMatch(/^ShareFile: /);
		expect(failed.error?.httpCode).toBe('404');
		expect(failed.error?.description).toContain('Nothing exists at that ID or path');
		expectNoSecrets([failed.error?.message, failed.error?.description, failed.error?.context], account.tokens);
		const continued = await account.run(parameters, { node: { continueOnFail: true }, inputItems: [{}, {}] });
		expect(continued.error).toBeUndefined();
		expect(continued.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(String(continued.items[0].json.error)).toMatch(/^ShareFile: /);
	});

	it('refuses a folder where a file is wanted, naming the field', async () => {
		const account = await shareFileAccount(sandbox());
		await place(sandbox(), account.instance.id, [{ op: 'createFolder', path: '/top/Reports' }]);
		const { error } = await account.run({ resource: 'file', operation: 'getMetadata', file: byPath('/top/Reports') });
		expect(error?.message).toBe('File /top/Reports is a folder, not a file');
	});
});

describe('ShareFile → File → Copy, Move or Rename, Delete, Get Metadata, Get Share Link', () => {
	async function withFiles() {
		const account = await shareFileAccount(sandbox());
		const [, source, taken] = await place(sandbox(), account.instance.id, [
			{ op: 'createFolder', path: '/top/Archive' },
			{ op: 'upload', path: '/top/report.txt', content: 'report v2' },
			{ op: 'upload', path: '/top/Archive/report.txt', content: 'report v1' },
		]);
		return { account, source, taken };
	}

	it('copies into a folder: a conflict without Overwrite, a replacement with it, a new folder made on the way', async () => {
		const { account, source } = await withFiles();
		const parameters = { resource: 'file', operation: 'copy', file: byId(source.id), destinationFolder: byPath('/top/Archive') };
		const refused = await account.run(parameters);
		expect(refused.error?.message).toBe('A file already exists at /top/Archive/report.txt');
		expect(refused.error?.description).toContain('Turn on Overwrite');
		expect((await bytesAt(sandbox(), account.instance.token, '/top/Archive/report.txt')).bytes.toString()).toBe('report v1');
		const replaced = await account.run({ ...parameters, overwrite: true });
		expect(replaced.error).toBeUndefined();
		expect(replaced.items[0].json.path).toBe('/top/Archive/report.txt');
		expect((await bytesAt(sandbox(), account.instance.token, '/top/Archive/report.txt')).bytes.toString()).toBe('report v2');
		const fresh = await account.run({ ...parameters, destinationFolder: byPath('/top/Copies/2024') });
		expect(fresh.error).toBeUndefined();
		expect(fresh.items[0].json).toMatchObject({ path: '/top/Copies/2024/report.txt', name: 'report.txt' });
		expect(fresh.items[0].json.id).not.toBe(source.id);
		expect((await bytesAt(sandbox(), account.instance.token, '/top/report.txt')).status).toBe(200);
	});

	it('renames, moves into a folder made on the way, and with Overwrite replaces a file at the new path', async () => {
		const { account, source } = await withFiles();
		const renamed = await account.run({ resource: 'file', operation: 'move', file: byId(source.id), newPath: '/top/renamed.txt' });
		expect(renamed.error).toBeUndefined();
		expect(renamed.items[0].json).toMatchObject({ id: source.id, path: '/top/renamed.txt' });
		const moved = await account.run({ resource: 'file', operation: 'move', file: byPath('/top/renamed.txt'), newPath: '/top/New/Deep/final.txt' });
		expect(moved.error).toBeUndefined();
		expect(moved.items[0].json).toMatchObject({ id: source.id, path: '/top/New/Deep/final.txt' });
		const parameters = { resource: 'file', operation: 'move', file: byId(source.id), newPath: '/top/Archive/report.txt' };
		const refused = await account.run(parameters);
		expect(refused.error?.message).toBe('A file already exists at /top/Archive/report.txt');
		const replaced = await account.run({ ...parameters, overwrite: true });
		expect(replaced.error).toBeUndefined();
		expect((await bytesAt(sandbox(), account.instance.token, '/top/Archive/report.txt')).bytes.toString()).toBe('report v2');
		expect((await bytesAt(sandbox(), account.instance.token, '/top/New/Deep/final.txt')).status).toBe(404);
	});

	it('gets metadata by ID and by path, and deletes', async () => {
		const { account, source } = await withFiles();
		const byIdRun = await account.run({ resource: 'file', operation: 'getMetadata', file: byId(source.id) });
		const byPathRun = await account.run({ resource: 'file', operation: 'getMetadata', file: byPath('/top/report.txt') });
		expect(byIdRun.items[0].json).toEqual(byPathRun.items[0].json);
		expect(byIdRun.items[0].json).toMatchObject({ id: source.id, name: 'report.txt', path: '/top/report.txt', directory: false, size: 9 });
		const deleted = await account.run({ resource: 'file', operation: 'delete', file: byPath('/top/report.txt') });
		expect(deleted.items[0].json).toEqual({ path: '/top/report.txt', id: source.id, deleted: true });
		expect((await bytesAt(sandbox(), account.instance.token, '/top/report.txt')).status).toBe(404);
	});

	it('makes a share link that downloads the file', async () => {
		const { account, source } = await withFiles();
		const { items, error } = await account.run({
			resource: 'file',
			operation: 'getShareLink',
			file: byId(source.id),
			shareOptions: { title: 'For review', maxDownloads: 2 },
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ ShareType: 'Send', Title: 'For review', MaxDownloads: 2, Items: [{ Id: source.id }] });
		const link = String(items[0].json.link);
		expect(link).toBe(items[0].json.Uri);
		const response = await fetch(link);
		expect(await response.text()).toBe('report v2');
	});
});
