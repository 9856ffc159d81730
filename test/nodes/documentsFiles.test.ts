import { binaryBytesSample, documentsInstance, MULTI_SCRIPT_TEXT } from '../harness/documents';
import { runActionNode } from '../harness/n8n';
import { documentsPollTrigger } from '../harness/pollTrigger';
import { ORGANIZATION_SECRET, useTestSandbox, USER_SECRET } from '../harness/sandboxClient';

const sandbox = useTestSandbox();

const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
const byPath = (path: string) => ({ __rl: true, mode: 'path', value: path });

function expectNoSecrets(value: unknown, token: string) {
	const text = JSON.stringify(value);
	for (const secret of [USER_SECRET, ORGANIZATION_SECRET, token]) expect(text).not.toContain(secret);
}

describe('File → Download', () => {
	it('downloads what the polling trigger reported, byte for byte, text and binary', async () => {
		const docs = await documentsInstance(sandbox(), 'downloads');
		const trigger = documentsPollTrigger(sandbox().credentials(), docs.locator);
		expect(await trigger.poll()).toBeNull();
		const clock = Date.parse((await sandbox().control('GET', '/clock')).now);
		const text = Buffer.from(MULTI_SCRIPT_TEXT, 'utf8');
		const bytes = binaryBytesSample();
		await docs.change({
			changes: [
				{ op: 'upload', path: '/top/Reports/grüße 你好.txt', contentBase64: text.toString('base64'), at: clock + 1000 },
				{ op: 'upload', path: '/top/Reports/sample.bin', contentBase64: bytes.toString('base64'), at: clock + 2000 },
			],
		});
		// The folder that received them changed too; only the files' events go on to Download.
		const events = ((await trigger.poll()) ?? []).filter((event) =>
			String((event.json.raw as Record<string, unknown>)['odata.type']).endsWith('.File'),
		);
		expect(events).toHaveLength(2);

		const { items, error } = await runActionNode(
			sandbox().credentials(),
			{
				resource: 'file',
				operation: 'download',
				instance: docs.locator,
				file: { __rl: true, mode: 'id', value: '={{ $json.objectId }}' },
				binaryPropertyName: 'data',
			},
			{ inputItems: events.map((event) => event.json) },
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		const [first, second] = items;
		expect(Buffer.from(first.binary!.data.data, 'base64').equals(text)).toBe(true);
		expect(first.binary!.data.fileName).toBe('grüße 你好.txt');
		expect(first.binary!.data.mimeType).toMatch(/^text\/plain/);
		expect(first.json).toMatchObject({ name: 'grüße 你好.txt', path: '/top/Reports/grüße 你好.txt', size: text.length });
		expect(first.pairedItem).toEqual({ item: 0 });
		expect(Buffer.from(second.binary!.data.data, 'base64').equals(bytes)).toBe(true);
		expect(second.binary!.data.fileName).toBe('sample.bin');
		expect(second.json.size).toBe(bytes.length);
		expect(second.pairedItem).toEqual({ item: 1 });
		expectNoSecrets(items.map((item) => item.json), docs.instance.token);
	});

	it('downloads by path into the named binary field', async () => {
		const docs = await documentsInstance(sandbox());
		await docs.upload('/top/a b/note.txt', Buffer.from('hello'));
		const { items, error } = await runActionNode(sandbox().credentials(), {
			resource: 'file',
			operation: 'download',
			instance: docs.locator,
			file: byPath('/top/a b/note.txt'),
			binaryPropertyName: 'file',
		});
		expect(error).toBeUndefined();
		expect(Buffer.from(items[0].binary!.file.data, 'base64').toString()).toBe('hello');
	});

	it('names a missing file in Cloud Elements words, without secrets, and honours Continue On Fail', async () => {
		const docs = await documentsInstance(sandbox());
		const parameters = { resource: 'file', operation: 'download', instance: docs.locator, file: byPath('/top/nope.txt') };
		const failed = await runActionNode(sandbox().credentials(), parameters);
		expect(failed.error?.httpCode).toBe('404');
		expectNoSecrets([failed.error?.message, failed.error?.description], docs.instance.token);
		const continued = await runActionNode(sandbox().credentials(), parameters, { node: { continueOnFail: true } });
		expect(continued.error).toBeUndefined();
		expect(String(continued.items[0].json.error)).toContain('Cloud Elements');
		expect(continued.items[0].pairedItem).toEqual({ item: 0 });
	});
});

describe('File → Upload', () => {
	it('uploads a binary field byte for byte, to a folder given by path or picked by ID', async () => {
		const docs = await documentsInstance(sandbox());
		const bytes = binaryBytesSample();
		const text = Buffer.from(MULTI_SCRIPT_TEXT, 'utf8');
		await docs.change({ op: 'createFolder', path: '/top/Inbox' });
		const inbox = (await docs.metadataAt('folders', '/top/Inbox')).body;
		const { items, error } = await runActionNode(
			sandbox().credentials(),
			{
				resource: 'file',
				operation: 'upload',
				instance: docs.locator,
				binaryPropertyName: 'data',
				folder: '={{ $json.folder }}',
				fileName: '',
			},
			{
				inputItems: [
					{ folder: byPath('/top/Inbox'), __binary: { data: { base64: bytes.toString('base64'), fileName: 'sample.bin', mimeType: 'application/octet-stream' } } },
					{ folder: byId(inbox.id), __binary: { data: { base64: text.toString('base64'), fileName: 'Привет «q».txt', mimeType: 'text/plain' } } },
				],
			},
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.path)).toEqual(['/top/Inbox/sample.bin', '/top/Inbox/Привет «q».txt']);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect((await docs.bytesAt('/top/Inbox/sample.bin')).equals(bytes)).toBe(true);
		expect((await docs.bytesAt('/top/Inbox/Привет «q».txt')).equals(text)).toBe(true);
	});

	it('refuses to replace a file unless Overwrite is on', async () => {
		const docs = await documentsInstance(sandbox());
		await docs.upload('/top/report.txt', Buffer.from('old'));
		const parameters = {
			resource: 'file',
			operation: 'upload',
			instance: docs.locator,
			binaryPropertyName: 'data',
			folder: byPath('/top'),
			fileName: 'report.txt',
		};
		const inputItems = [{ __binary: { data: { base64: Buffer.from('new').toString('base64'), fileName: 'x.txt' } } }];
		const refused = await runActionNode(sandbox().credentials(), parameters, { inputItems });
		expect(refused.error?.message).toContain('A file already exists at /top/report.txt');
		expect(refused.error?.description).toContain('Turn on Overwrite');
		const replaced = await runActionNode(sandbox().credentials(), { ...parameters, overwrite: true }, { inputItems });
		expect(replaced.error).toBeUndefined();
		expect((await docs.bytesAt('/top/report.txt')).toString()).toBe('new');
	});

	it('names the missing binary field', async () => {
		const docs = await documentsInstance(sandbox());
		const { error } = await runActionNode(sandbox().credentials(), {
			resource: 'file',
			operation: 'upload',
			instance: docs.locator,
			binaryPropertyName: 'attachment',
			folder: byPath('/top'),
		});
		expect(error?.message).toMatch(/attachment/);
	});
});

describe('File → Copy, Move, Delete, Get Metadata, Get Link, List Revisions', () => {
	it('copies, and explains a taken destination with the fix', async () => {
		const docs = await documentsInstance(sandbox());
		const source = await docs.upload('/top/a.txt', Buffer.from('A'));
		await docs.upload('/top/Archive/a.txt', Buffer.from('old'));
		const parameters = { resource: 'file', operation: 'copy', instance: docs.locator, file: byId(source.id), destinationPath: '/top/Archive/a.txt' };
		const conflict = await runActionNode(sandbox().credentials(), parameters);
		expect(conflict.error?.message).toBe('A file already exists at /top/Archive/a.txt');
		expect(conflict.error?.description).toContain('Turn on Overwrite');
		expectNoSecrets([conflict.error?.message, conflict.error?.description], docs.instance.token);

		const copied = await runActionNode(sandbox().credentials(), { ...parameters, destinationPath: '/top/New/b.txt' });
		expect(copied.error).toBeUndefined();
		expect(copied.items[0].json).toMatchObject({ path: '/top/New/b.txt', name: 'b.txt' });
		expect((await docs.bytesAt('/top/New/b.txt')).toString()).toBe('A');
		expect((await docs.bytesAt('/top/a.txt')).toString()).toBe('A');
	});

	it('moves and renames by path; deletes by ID', async () => {
		const docs = await documentsInstance(sandbox());
		const file = await docs.upload('/top/draft.txt', Buffer.from('D'));
		const moved = await runActionNode(sandbox().credentials(), {
			resource: 'file',
			operation: 'move',
			instance: docs.locator,
			file: byPath('/top/draft.txt'),
			newPath: '/top/Final/final.txt',
		});
		expect(moved.error).toBeUndefined();
		expect(moved.items[0].json).toMatchObject({ id: file.id, path: '/top/Final/final.txt' });
		expect((await docs.metadataAt('files', '/top/draft.txt')).status).toBe(404);

		const deleted = await runActionNode(sandbox().credentials(), {
			resource: 'file',
			operation: 'delete',
			instance: docs.locator,
			file: byId(file.id),
		});
		expect(deleted.error).toBeUndefined();
		expect(deleted.items[0].json).toEqual({ id: file.id, deleted: true });
		expect((await docs.metadataAt('files', '/top/Final/final.txt')).status).toBe(404);
	});

	it('moves a file given by ID into folders that do not exist yet, making them', async () => {
		const docs = await documentsInstance(sandbox());
		const file = await docs.upload('/top/Inbox/scan.pdf', Buffer.from('S'));
		const moved = await runActionNode(sandbox().credentials(), {
			resource: 'file',
			operation: 'move',
			instance: docs.locator,
			file: byId(file.id),
			newPath: '/top/Processed/2026/scan.pdf',
		});
		expect(moved.error).toBeUndefined();
		expect(moved.items[0].json).toMatchObject({ id: file.id, path: '/top/Processed/2026/scan.pdf' });
		expect((await docs.metadataAt('folders', '/top/Processed/2026')).status).toBe(200);

		const missing = await runActionNode(sandbox().credentials(), {
			resource: 'file',
			operation: 'move',
			instance: docs.locator,
			file: byId('fi0000000000000000000000000000dead'),
			newPath: '/top/Elsewhere/x.pdf',
		});
		expect(missing.error?.message).toMatch(/No file/i);
		expect((await docs.metadataAt('folders', '/top/Elsewhere')).status).toBe(404);
	});

	it('reads metadata, a link and the revisions', async () => {
		const docs = await documentsInstance(sandbox());
		const file = await docs.upload('/top/r.txt', Buffer.from('one'));
		await docs.change({ op: 'update', path: '/top/r.txt', content: 'two' });
		const run = async (operation: string) =>
			await runActionNode(sandbox().credentials(), { resource: 'file', operation, instance: docs.locator, file: byId(file.id) });

		const metadata = await run('getMetadata');
		expect(metadata.error).toBeUndefined();
		expect(metadata.items[0].json).toMatchObject({ id: file.id, name: 'r.txt', path: '/top/r.txt', directory: false });

		const link = await run('getLink');
		expect(link.error).toBeUndefined();
		expect(typeof link.items[0].json.cloudElementsLink).toBe('string');
		expectNoSecrets(link.items, docs.instance.token);

		const revisions = await run('listRevisions');
		expect(revisions.error).toBeUndefined();
		expect(revisions.items.length).toBeGreaterThanOrEqual(1);
		expect(revisions.items.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});
});
