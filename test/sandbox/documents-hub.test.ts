import { createHash } from 'crypto';
import { call, createInstance, expectCeError, useSandbox } from './helpers';
import { ISO_MS, allItems, hub, itemAt, names, placeOk } from './documents-helpers';

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');
const later = (a: string, b: string) => Date.parse(a) > Date.parse(b);

describe('sandbox: documents hub', () => {
	const sandbox = useSandbox();

	test('the root folder /top exists and answers by path; its Id is a fo... folder id', async () => {
		const { token } = await createInstance(sandbox());
		const root = await hub(sandbox(), token, 'GET', '/hubs/documents/folders/metadata?path=/top');
		expect(root.status).toBe(200);
		expect(root.json).toMatchObject({ name: 'top', path: '/top', directory: true, parentFolderId: null });
		expect(root.json.id).toMatch(/^fo[0-9a-f]{32}$/);
		expect(root.json.raw).toMatchObject({ Id: root.json.id, 'odata.type': 'ShareFile.Api.Models.Folder', Parent: null });
		const byId = await hub(sandbox(), token, 'GET', `/hubs/documents/folders/${root.json.id}/metadata`);
		expect(byId.json.raw).toEqual(root.json.raw);
	});

	test('an upload stores a ShareFile-shaped raw item and answers it with the normalized fields', async () => {
		const { token } = await createInstance(sandbox(), {}, { 'sharefile.subdomain': 'acme' });
		const folder = await hub(sandbox(), token, 'POST', '/hubs/documents/folders', { path: '/top/Reports' });
		expect(folder.status).toBe(200);
		const upload = await hub(sandbox(), token, 'POST', '/hubs/documents/files', { path: '/top/Reports/a.txt', content: 'hello, world' });
		expect(upload.status).toBe(200);
		const raw = upload.json.raw;
		expect(upload.json).toMatchObject({
			id: raw.Id,
			name: 'a.txt',
			path: '/top/Reports/a.txt',
			directory: false,
			size: 12,
			parentFolderId: folder.json.id,
			createdDate: raw.CreationDate,
			modifiedDate: raw.ProgenyEditDate,
		});
		expect(raw).toEqual({
			'odata.metadata': 'https://acme.sf-api.com/sf/v3/$metadata#Items/ShareFile.Api.Models.File@Element',
			'odata.type': 'ShareFile.Api.Models.File',
			Id: expect.stringMatching(/^fi[0-9a-f]{32}$/),
			Name: 'a.txt',
			FileName: 'a.txt',
			Path: '/top/Reports',
			Parent: { Id: folder.json.id },
			CreationDate: expect.stringMatching(ISO_MS),
			ProgenyEditDate: raw.CreationDate,
			FileSizeBytes: 12,
			CreatorNameShort: 'Sandbox U.',
			CreatorFirstName: 'Sandbox',
			CreatorLastName: 'User',
			StreamID: expect.stringMatching(/^st[0-9a-f]{32}$/),
			Hash: md5('hello, world'),
			Description: '',
			ExpirationDate: '9999-12-31T23:59:59.9999999Z',
			IsHidden: false,
		});
		expect(JSON.stringify(raw).length).toBeLessThan(1000);

		const metadata = await hub(sandbox(), token, 'GET', `/hubs/documents/files/${raw.Id}/metadata`);
		expect(metadata.json.raw).toEqual(raw);
		const byPath = await hub(sandbox(), token, 'GET', '/hubs/documents/files/metadata?path=/top/Reports/a.txt');
		expect(byPath.json.id).toBe(raw.Id);
		const download = await fetch(`${sandbox().baseUrl}/hubs/documents/files/${raw.Id}`, {
			headers: { authorization: `User sandbox-user-secret, Organization sandbox-organization-secret, Element ${token}` },
		});
		// No type was given with the JSON upload: the name decides.
		expect(download.headers.get('content-type')).toBe('text/plain');
		expect(download.headers.get('content-disposition')).toBe('attachment; filename="a.txt"');
		expect(await download.text()).toBe('hello, world');

		const reports = await hub(sandbox(), token, 'GET', `/hubs/documents/folders/${folder.json.id}/metadata`);
		expect(reports.json.raw).toMatchObject({ FileCount: 1, FileSizeBytes: 12, ProgenyEditDate: raw.CreationDate, Path: '/top' });
	});

	test('a size without content uploads that many zero bytes; paths without /top are under /top', async () => {
		const { token } = await createInstance(sandbox());
		const upload = await hub(sandbox(), token, 'POST', '/hubs/documents/files', { path: '/big.bin', size: 1000 });
		expect(upload.json).toMatchObject({ path: '/top/big.bin', size: 1000 });
		expect(upload.json.raw.Hash).toBe(createHash('md5').update(Buffer.alloc(1000)).digest('hex'));
		const empty = await hub(sandbox(), token, 'POST', '/hubs/documents/files', { path: 'top/empty.txt' });
		expect(empty.json.raw).toMatchObject({ FileSizeBytes: 0, Hash: md5(''), Path: '/top' });
	});

	test('upload errors: a file in the way of a parent 409, an existing path 409, a bad body 400', async () => {
		const { token } = await createInstance(sandbox());
		await hub(sandbox(), token, 'POST', '/hubs/documents/files', { path: '/top/a.txt', content: 'x' });
		expectCeError(await hub(sandbox(), token, 'POST', '/hubs/documents/files', { path: '/top/a.txt/b.txt' }), 409, /a\.txt.*is a file/);
		expectCeError(await hub(sandbox(), token, 'POST', '/hubs/documents/files', { path: '/top/a.txt' }), 409, /a\.txt/);
		expectCeError(await hub(sandbox(), token, 'POST', '/hubs/documents/folders', { path: '/top/a.txt' }), 409);
		expectCeError(await hub(sandbox(), token, 'POST', '/hubs/documents/files', {}), 400, /path/);
		expectCeError(await hub(sandbox(), token, 'POST', '/hubs/documents/files', { path: '/top/x.txt', content: 5 }), 400, /content/);
		expectCeError(await hub(sandbox(), token, 'POST', '/hubs/documents/files', { path: '/top/x.txt', content: 'ab', size: 3 }), 400, /size/);
		expectCeError(await hub(sandbox(), token, 'POST', '/hubs/documents/files', { path: '/top/x?.txt' }), 400, /invalid name/);
		expectCeError(await hub(sandbox(), token, 'POST', '/hubs/documents/files', { path: '/top' }), 400, /root/);
		expectCeError(await hub(sandbox(), token, 'GET', '/hubs/documents/files/fi0000/metadata'), 404, /fi0000/);
		expectCeError(await hub(sandbox(), token, 'GET', '/hubs/documents/files/metadata'), 400, /path/);
	});

	test('an update changes Hash, size and ProgenyEditDate (of the file and its ancestors), never CreationDate', async () => {
		const instance = await createInstance(sandbox());
		await placeOk(sandbox(), instance.id, { changes: [
			{ op: 'createFolder', path: '/top/A', at: '2024-03-05T14:00:00.000Z' },
			{ op: 'createFolder', path: '/top/A/B', at: '2024-03-05T14:00:01.000Z' },
			{ op: 'upload', path: '/top/A/B/f.txt', content: 'one', at: '2024-03-05T14:00:02.000Z' },
		] });
		const file = (await itemAt(sandbox(), instance.id, '/top/A/B/f.txt'))!;
		for (const method of ['PUT', 'PATCH']) {
			const before = (await hub(sandbox(), instance.token, 'GET', `/hubs/documents/files/${file.Id}/metadata`)).json.raw;
			await new Promise((resolve) => setTimeout(resolve, 5));
			const answer = await hub(sandbox(), instance.token, method, `/hubs/documents/files/${file.Id}`, { content: `${method} content` });
			expect(answer.status).toBe(200);
			const raw = answer.json.raw;
			expect(raw).toMatchObject({ Id: file.Id, CreationDate: '2024-03-05T14:00:02.000Z', Hash: md5(`${method} content`), FileSizeBytes: method.length + 8 });
			expect(later(raw.ProgenyEditDate, before.ProgenyEditDate)).toBe(true);
			for (const path of ['/top/A/B', '/top/A', '/top']) {
				const folder = (await itemAt(sandbox(), instance.id, path))!;
				expect(folder.ProgenyEditDate).toBe(raw.ProgenyEditDate);
			}
		}
		expect((await itemAt(sandbox(), instance.id, '/top/A'))!).toMatchObject({ CreationDate: '2024-03-05T14:00:00.000Z', FileSizeBytes: 13 });
		expectCeError(await hub(sandbox(), instance.token, 'PUT', `/hubs/documents/files/${file.Id}`, {}), 400, /content/);
		const folder = (await itemAt(sandbox(), instance.id, '/top/A'))!;
		expectCeError(await hub(sandbox(), instance.token, 'PUT', `/hubs/documents/files/${folder.Id}`, { content: 'x' }), 404);
	});

	test('a rename keeps the parent; a move changes Path and Parent and bumps the old and the new parents', async () => {
		const instance = await createInstance(sandbox());
		await placeOk(sandbox(), instance.id, { changes: [
			{ op: 'createFolder', path: '/top/Old', at: '2024-01-01T00:00:00.000Z' },
			{ op: 'createFolder', path: '/top/New', at: '2024-01-01T00:00:00.000Z' },
			{ op: 'upload', path: '/top/Old/f.txt', content: 'x', at: '2024-01-01T00:00:01.000Z' },
			{ op: 'upload', path: '/top/New/taken.txt', content: 'y', at: '2024-01-01T00:00:01.000Z' },
		] });
		const file = (await itemAt(sandbox(), instance.id, '/top/Old/f.txt'))!;
		const renamed = await hub(sandbox(), instance.token, 'PATCH', `/hubs/documents/files/${file.Id}/metadata`, { name: 'g.txt' });
		expect(renamed.json).toMatchObject({ id: file.Id, path: '/top/Old/g.txt' });
		expect(renamed.json.raw).toMatchObject({ Name: 'g.txt', FileName: 'g.txt', Path: '/top/Old', CreationDate: '2024-01-01T00:00:01.000Z' });
		const newFolderBefore = (await itemAt(sandbox(), instance.id, '/top/New'))!;
		expect(newFolderBefore.ProgenyEditDate).toBe('2024-01-01T00:00:01.000Z');

		const moved = await hub(sandbox(), instance.token, 'PATCH', `/hubs/documents/files/${file.Id}/metadata`, { path: '/top/New/h.txt' });
		expect(moved.status).toBe(200);
		expect(moved.json.raw).toMatchObject({ Name: 'h.txt', Path: '/top/New', Parent: { Id: newFolderBefore.Id } });
		const oldFolder = (await itemAt(sandbox(), instance.id, '/top/Old'))!;
		const newFolder = (await itemAt(sandbox(), instance.id, '/top/New'))!;
		expect(oldFolder).toMatchObject({ FileCount: 0, FileSizeBytes: 0, ProgenyEditDate: moved.json.raw.ProgenyEditDate });
		expect(newFolder).toMatchObject({ FileCount: 2, FileSizeBytes: 2, ProgenyEditDate: moved.json.raw.ProgenyEditDate });

		// Like mv: a folder as the target path receives the item under its own name.
		const intoFolder = await hub(sandbox(), instance.token, 'PATCH', `/hubs/documents/files/${file.Id}/metadata`, { path: '/top/Old' });
		expect(intoFolder.json.path).toBe('/top/Old/h.txt');

		expectCeError(await hub(sandbox(), instance.token, 'PATCH', `/hubs/documents/files/${file.Id}/metadata`, { path: '/top/New/taken.txt' }), 409);
		expectCeError(await hub(sandbox(), instance.token, 'PATCH', `/hubs/documents/files/${file.Id}/metadata`, { path: '/top/Nope/x.txt' }), 404);
		expectCeError(await hub(sandbox(), instance.token, 'PATCH', `/hubs/documents/files/${file.Id}/metadata`, {}), 400);
		expectCeError(await hub(sandbox(), instance.token, 'PATCH', `/hubs/documents/files/${file.Id}/metadata`, { name: 'a/b' }), 400);
	});

	test('a folder move rewrites the Paths under it, keeps their dates, and cannot go into itself', async () => {
		const instance = await createInstance(sandbox());
		await placeOk(sandbox(), instance.id, { changes: [
			{ op: 'createFolder', path: '/top/A', at: '2024-01-01T00:00:00.000Z' },
			{ op: 'createFolder', path: '/top/A/B', at: '2024-01-01T00:00:00.000Z' },
			{ op: 'upload', path: '/top/A/B/deep.txt', at: '2024-01-01T00:00:00.000Z' },
			{ op: 'createFolder', path: '/top/Z', at: '2024-01-01T00:00:00.000Z' },
		] });
		const a = (await itemAt(sandbox(), instance.id, '/top/A'))!;
		const b = (await itemAt(sandbox(), instance.id, '/top/A/B'))!;
		const moved = await hub(sandbox(), instance.token, 'PATCH', `/hubs/documents/folders/${a.Id}/metadata`, { path: '/top/Z/A2' });
		expect(moved.json).toMatchObject({ path: '/top/Z/A2', directory: true });
		const deep = (await itemAt(sandbox(), instance.id, '/top/Z/A2/B/deep.txt'))!;
		expect(deep).toMatchObject({ Path: '/top/Z/A2/B', ProgenyEditDate: '2024-01-01T00:00:00.000Z' });
		expect((await itemAt(sandbox(), instance.id, '/top/Z/A2/B'))!).toMatchObject({ Path: '/top/Z/A2', ProgenyEditDate: '2024-01-01T00:00:00.000Z' });
		expectCeError(await hub(sandbox(), instance.token, 'PATCH', `/hubs/documents/folders/${a.Id}/metadata`, { path: '/top/Z/A2/B/C' }), 400, /itself/);
		expectCeError(await hub(sandbox(), instance.token, 'PATCH', `/hubs/documents/folders/${a.Id}/metadata`, { path: `/top/Z/A2/B` }), 400, /itself/);
		expectCeError(await hub(sandbox(), instance.token, 'PATCH', `/hubs/documents/files/${b.Id}/metadata`, { name: 'x' }), 404);
		const root = (await itemAt(sandbox(), instance.id, '/top'))!;
		expectCeError(await hub(sandbox(), instance.token, 'PATCH', `/hubs/documents/folders/${root.Id}/metadata`, { name: 'x' }), 400, /root/);
	});

	test('deletes: a file goes, a folder goes with everything under it, and the parent is bumped', async () => {
		const instance = await createInstance(sandbox());
		await placeOk(sandbox(), instance.id, { changes: [
			{ op: 'createFolder', path: '/top/A', at: '2024-01-01T00:00:00.000Z' },
			{ op: 'createFolder', path: '/top/A/B', at: '2024-01-01T00:00:00.000Z' },
			{ op: 'upload', path: '/top/A/B/one.txt', content: '1', at: '2024-01-01T00:00:00.000Z' },
			{ op: 'upload', path: '/top/A/two.txt', content: '22', at: '2024-01-01T00:00:00.000Z' },
		] });
		const two = (await itemAt(sandbox(), instance.id, '/top/A/two.txt'))!;
		const removed = await hub(sandbox(), instance.token, 'DELETE', `/hubs/documents/files/${two.Id}`);
		expect(removed.status).toBe(200);
		expectCeError(await hub(sandbox(), instance.token, 'GET', `/hubs/documents/files/${two.Id}/metadata`), 404);
		const a = (await itemAt(sandbox(), instance.id, '/top/A'))!;
		expect(a).toMatchObject({ FileCount: 1, FileSizeBytes: 1 });
		expect(later(a.ProgenyEditDate, '2024-01-01T00:00:00.000Z')).toBe(true);

		const b = (await itemAt(sandbox(), instance.id, '/top/A/B'))!;
		expectCeError(await hub(sandbox(), instance.token, 'DELETE', `/hubs/documents/files/${b.Id}`), 404);
		expect((await hub(sandbox(), instance.token, 'DELETE', `/hubs/documents/folders/${a.Id}`)).status).toBe(200);
		expect(names(await allItems(sandbox(), instance.id))).toEqual(['top']);
		expect((await itemAt(sandbox(), instance.id, '/top'))!).toMatchObject({ FileCount: 0, FileSizeBytes: 0 });
		// The path is free again.
		expect((await hub(sandbox(), instance.token, 'POST', '/hubs/documents/folders', { path: '/top/A' })).status).toBe(200);
	});

	test('folder contents list the children by name, normalized, paged like other listings', async () => {
		const instance = await createInstance(sandbox());
		await placeOk(sandbox(), instance.id, { changes: [
			{ op: 'createFolder', path: '/top/F' },
			{ op: 'upload', path: '/top/F/c.txt' },
			{ op: 'upload', path: '/top/F/a.txt' },
			{ op: 'createFolder', path: '/top/F/b' },
			{ op: 'upload', path: '/top/F/b/not-a-child.txt' },
		] });
		const folder = (await itemAt(sandbox(), instance.id, '/top/F'))!;
		const all = await hub(sandbox(), instance.token, 'GET', `/hubs/documents/folders/${folder.Id}/contents`);
		expect(all.json.map((entry: { name: string; directory: boolean }) => [entry.name, entry.directory])).toEqual([
			['a.txt', false],
			['b', true],
			['c.txt', false],
		]);
		const firstPage = await hub(sandbox(), instance.token, 'GET', `/hubs/documents/folders/${folder.Id}/contents?pageSize=2`);
		expect(firstPage.json).toHaveLength(2);
		const token = firstPage.headers.get('elements-next-page-token')!;
		const secondPage = await hub(sandbox(), instance.token, 'GET', `/hubs/documents/folders/${folder.Id}/contents?nextPage=${encodeURIComponent(token)}`);
		expect(secondPage.json.map((entry: { name: string }) => entry.name)).toEqual(['c.txt']);
		const byPath = await hub(sandbox(), instance.token, 'GET', '/hubs/documents/folders/contents?path=/top/F/b');
		expect(byPath.json.map((entry: { path: string }) => entry.path)).toEqual(['/top/F/b/not-a-child.txt']);
		const file = (await itemAt(sandbox(), instance.id, '/top/F/a.txt'))!;
		expectCeError(await hub(sandbox(), instance.token, 'GET', `/hubs/documents/folders/${file.Id}/contents`), 404);
	});

	test('hub calls need the Element token: none or unknown 401, a deleted instance 401, a disabled one 403', async () => {
		const instance = await createInstance(sandbox());
		const other = await createInstance(sandbox());
		const uploaded = (await hub(sandbox(), instance.token, 'POST', '/hubs/documents/files', { path: '/top/a.txt' })).json;
		expectCeError(await call(sandbox(), 'POST', '/hubs/documents/files', { body: { path: '/top/b.txt' } }), 401);
		expectCeError(await hub(sandbox(), 'not-a-token', 'GET', `/hubs/documents/files/${uploaded.id}/metadata`), 401);
		// Each instance has its own ShareFile account.
		expectCeError(await hub(sandbox(), other.token, 'GET', `/hubs/documents/files/${uploaded.id}/metadata`), 404);
		expect((await hub(sandbox(), other.token, 'POST', '/hubs/documents/files', { path: '/top/a.txt' })).status).toBe(200);

		await call(sandbox(), 'DELETE', `/instances/${instance.id}/enabled`);
		expectCeError(await hub(sandbox(), instance.token, 'GET', `/hubs/documents/files/${uploaded.id}/metadata`), 403);
		expectCeError(await hub(sandbox(), instance.token, 'POST', '/hubs/documents/files', { path: '/top/c.txt' }), 403);
		await call(sandbox(), 'PUT', `/instances/${instance.id}/enabled`);
		expect((await hub(sandbox(), instance.token, 'GET', `/hubs/documents/files/${uploaded.id}/metadata`)).status).toBe(200);

		await call(sandbox(), 'DELETE', `/instances/${instance.id}`);
		expectCeError(await hub(sandbox(), instance.token, 'GET', `/hubs/documents/files/${uploaded.id}/metadata`), 401);
	});

	test('unknown hub paths answer 404 and wrong methods 405, in the CE error shape', async () => {
		const { token } = await createInstance(sandbox());
		expectCeError(await hub(sandbox(), token, 'GET', '/hubs/documents/nothing'), 404);
		const wrong = await hub(sandbox(), token, 'POST', '/hubs/documents/files/fi1/metadata', {});
		expectCeError(wrong, 405);
		expect(wrong.headers.get('allow')).toBe('GET, PATCH');
	});
});
