import { call, createInstance, expectCeError, useSandbox } from './helpers';
import { hub, itemAt, names, placeOk } from './documents-helpers';
import { download, hubAuth } from './hub-files-helpers';

describe('sandbox: documents hub operations (copy, move, delete, links, revisions, paging, search, shares)', () => {
	const sandbox = useSandbox();
	const upload = async (token: string, path: string, content: string) => {
		const answer = await hub(sandbox(), token, 'POST', '/hubs/documents/files', { path, content });
		expect(answer.status).toBe(200);
		return answer.json;
	};
	const text = async (token: string, id: string) => (await download(`${sandbox().baseUrl}/hubs/documents/files/${id}`, hubAuth(token))).bytes.toString();

	test('file copy by id and by path: the source stays, parents are made, an existing destination 409 unless overwrite', async () => {
		const instance = await createInstance(sandbox());
		const source = await upload(instance.token, '/top/a.txt', 'alpha');
		const copied = await hub(sandbox(), instance.token, 'POST', `/hubs/documents/files/${source.id}/copy`, { path: '/top/X/Y/a-copy.txt' });
		expect(copied.status).toBe(200);
		expect(copied.json).toMatchObject({ path: '/top/X/Y/a-copy.txt', size: 5 });
		expect(copied.json.id).not.toBe(source.id);
		expect(await text(instance.token, copied.json.id)).toBe('alpha');
		expect(await text(instance.token, source.id)).toBe('alpha');
		const byPath = await hub(sandbox(), instance.token, 'POST', '/hubs/documents/files/copy?path=/top/a.txt', { path: '/top/b.txt' });
		expect(byPath.json.path).toBe('/top/b.txt');
		expectCeError(await hub(sandbox(), instance.token, 'POST', '/hubs/documents/files/copy?path=/top/a.txt', { path: '/top/b.txt' }), 409, /already exists/);
		await upload(instance.token, '/top/c.txt', 'gamma');
		const overwritten = await hub(sandbox(), instance.token, 'POST', '/hubs/documents/files/copy?path=/top/c.txt&overwrite=true', { path: '/top/b.txt' });
		expect(overwritten.json.id).toBe(byPath.json.id);
		expect(await text(instance.token, byPath.json.id)).toBe('gamma');
		expectCeError(await hub(sandbox(), instance.token, 'POST', '/hubs/documents/files/fi00/copy', { path: '/top/z.txt' }), 404);
		expectCeError(await hub(sandbox(), instance.token, 'POST', `/hubs/documents/files/${source.id}/copy`, {}), 400, /path/);
	});

	test('folder copy copies everything under it with new ids; not into itself; existing 409', async () => {
		const instance = await createInstance(sandbox());
		await upload(instance.token, '/top/S/one.txt', '1');
		await upload(instance.token, '/top/S/sub/two.txt', '22');
		const folder = await hub(sandbox(), instance.token, 'GET', '/hubs/documents/folders/metadata?path=/top/S');
		const copied = await hub(sandbox(), instance.token, 'POST', `/hubs/documents/folders/${folder.json.id}/copy`, { path: '/top/D/S2' });
		expect(copied.status).toBe(200);
		expect(copied.json).toMatchObject({ path: '/top/D/S2', directory: true, size: 3 });
		const two = await itemAt(sandbox(), instance.id, '/top/D/S2/sub/two.txt');
		const original = await itemAt(sandbox(), instance.id, '/top/S/sub/two.txt');
		expect(two?.Id).toBeDefined();
		expect(two?.Id).not.toBe(original?.Id);
		expect(await text(instance.token, two!.Id)).toBe('22');
		expectCeError(await hub(sandbox(), instance.token, 'POST', '/hubs/documents/folders/copy?path=/top/S', { path: '/top/D/S2' }), 409);
		expectCeError(await hub(sandbox(), instance.token, 'POST', '/hubs/documents/folders/copy?path=/top/S', { path: '/top/S/inner' }), 400, /itself/);
		const replaced = await hub(sandbox(), instance.token, 'POST', '/hubs/documents/folders/copy?path=/top/S&overwrite=true', { path: '/top/D/S2' });
		expect(replaced.status).toBe(200);
		expect(names(await (await hub(sandbox(), instance.token, 'GET', '/hubs/documents/folders/contents?path=/top/D/S2')).json.map((d: { raw: unknown }) => d.raw))).toEqual(['one.txt', 'sub']);
	});

	test('PATCH by path moves with implicit parents; a taken destination 409 unless overwrite; tags are kept', async () => {
		const instance = await createInstance(sandbox());
		const a = await upload(instance.token, '/top/a.txt', 'a');
		await upload(instance.token, '/top/b.txt', 'b');
		const moved = await hub(sandbox(), instance.token, 'PATCH', '/hubs/documents/files/metadata?path=/top/a.txt', { path: '/top/New/Deep/a2.txt', tags: ['x', 'y'] });
		expect(moved.json).toMatchObject({ id: a.id, path: '/top/New/Deep/a2.txt', tags: ['x', 'y'] });
		expectCeError(await hub(sandbox(), instance.token, 'PATCH', '/hubs/documents/files/metadata?path=/top/b.txt', { path: '/top/New/Deep/a2.txt' }), 409);
		const over = await hub(sandbox(), instance.token, 'PATCH', '/hubs/documents/files/metadata?path=/top/b.txt&overwrite=true', { path: '/top/New/Deep/a2.txt' });
		expect(over.status).toBe(200);
		expectCeError(await hub(sandbox(), instance.token, 'GET', `/hubs/documents/files/${a.id}/metadata`), 404);
		expect(await text(instance.token, over.json.id)).toBe('b');
		const tagged = await hub(sandbox(), instance.token, 'PATCH', `/hubs/documents/files/${over.json.id}/metadata`, { tags: ['only'] });
		expect(tagged.json.tags).toEqual(['only']);
		const folder = await hub(sandbox(), instance.token, 'PATCH', '/hubs/documents/folders/metadata?path=/top/New', { path: '/top/Other/Place' });
		expect(folder.json.path).toBe('/top/Other/Place');
		expect((await itemAt(sandbox(), instance.id, '/top/Other/Place/Deep/a2.txt'))?.Id).toBe(over.json.id);
	});

	test('deletes by id and by path (files and folders) answer 200 empty; emptyTrash is accepted', async () => {
		const instance = await createInstance(sandbox());
		const a = await upload(instance.token, '/top/F/a.txt', 'a');
		await upload(instance.token, '/top/F/b.txt', 'b');
		await upload(instance.token, '/top/G/c.txt', 'c');
		const byPath = await hub(sandbox(), instance.token, 'DELETE', '/hubs/documents/files?path=/top/F/b.txt&emptyTrash=true');
		expect([byPath.status, byPath.text]).toEqual([200, '']);
		expect((await hub(sandbox(), instance.token, 'DELETE', `/hubs/documents/files/${a.id}?emptyTrash=false`)).status).toBe(200);
		expect((await hub(sandbox(), instance.token, 'DELETE', '/hubs/documents/folders?path=/top/G')).status).toBe(200);
		const f = await hub(sandbox(), instance.token, 'GET', '/hubs/documents/folders/metadata?path=/top/F');
		expect((await hub(sandbox(), instance.token, 'DELETE', `/hubs/documents/folders/${f.json.id}`)).status).toBe(200);
		expect(names(await (await call(sandbox(), 'GET', `/_sandbox/instances/${instance.id}/documents`, { auth: null })).json)).toEqual(['top']);
		expectCeError(await hub(sandbox(), instance.token, 'DELETE', '/hubs/documents/folders?path=/top/G'), 404);
	});

	test('folder create: implicit parents, name must match the path, existing 409', async () => {
		const { token } = await createInstance(sandbox());
		const made = await hub(sandbox(), token, 'POST', '/hubs/documents/folders?path=/top/P/Q', { path: '/top/P/Q', name: 'Q' });
		expect(made.json).toMatchObject({ path: '/top/P/Q', directory: true });
		expectCeError(await hub(sandbox(), token, 'POST', '/hubs/documents/folders', { path: '/top/P/R', name: 'Other' }), 400, /^Folder name provided and folder name in path do not match$/);
		expectCeError(await hub(sandbox(), token, 'POST', '/hubs/documents/folders', { path: '/top/P/Q' }), 409);
	});

	test('links: cloudElementsLink downloads without credentials until it expires; raw=true adds the item', async () => {
		const instance = await createInstance(sandbox(), {}, { 'sharefile.subdomain': 'acme' });
		const file = await upload(instance.token, '/top/l.txt', 'linked');
		const links = await hub(sandbox(), instance.token, 'GET', `/hubs/documents/files/${file.id}/links`);
		expect(links.json).toEqual({
			cloudElementsLink: expect.stringContaining(`${sandbox().baseUrl}/public/links/`),
			providerLink: `https://acme.sf-api.com/sf/v3/Items(${file.id})/Download`,
			providerViewLink: `https://acme.sharefile.com/d/${file.id}`,
			expires: expect.any(String),
		});
		const fetched = await download(links.json.cloudElementsLink);
		expect(fetched.status).toBe(200);
		expect(fetched.bytes.toString()).toBe('linked');
		expect(fetched.headers.get('content-disposition')).toBe('attachment; filename="l.txt"');
		const byPath = await hub(sandbox(), instance.token, 'GET', '/hubs/documents/files/links?path=/top/l.txt&raw=true');
		expect(byPath.json.raw).toMatchObject({ Id: file.id });
		expect((await download(`${links.json.cloudElementsLink}x`)).status).toBe(403);
		await call(sandbox(), 'PUT', '/_sandbox/clock', { body: { offsetMs: 2 * 3600_000 }, auth: null });
		expect((await download(links.json.cloudElementsLink)).status).toBe(403);
	});

	test('revisions: upload, overwrite and update each make one; by id and by path, one by its id', async () => {
		const instance = await createInstance(sandbox());
		const file = await upload(instance.token, '/top/r.txt', 'v1');
		await hub(sandbox(), instance.token, 'POST', '/hubs/documents/files?overwrite=true', { path: '/top/r.txt', content: 'v2!' });
		await hub(sandbox(), instance.token, 'PUT', `/hubs/documents/files/${file.id}`, { content: 'v3!!' });
		const list = await hub(sandbox(), instance.token, 'GET', `/hubs/documents/files/${file.id}/revisions`);
		expect(list.json.map((r: { size: number }) => r.size)).toEqual([4, 3, 2]);
		expect(list.json[0]).toMatchObject({ fileId: file.id, filePath: '/top/r.txt', current: true });
		expect(list.json[2].current).toBe(false);
		// Callers pass a revision's filePath back as ?path= (Cloud Elements' own tests do).
		const byPath = await hub(sandbox(), instance.token, 'GET', `/hubs/documents/files/revisions?path=${encodeURIComponent(list.json[0].filePath)}`);
		expect(byPath.json).toEqual(list.json);
		const one = await hub(sandbox(), instance.token, 'GET', `/hubs/documents/files/${file.id}/revisions/${list.json[1].id}`);
		expect(one.json).toEqual(list.json[1]);
		const onePath = await hub(sandbox(), instance.token, 'GET', `/hubs/documents/files/revisions/${list.json[2].id}?path=/top/r.txt`);
		expect(onePath.json.size).toBe(2);
		expectCeError(await hub(sandbox(), instance.token, 'GET', `/hubs/documents/files/${file.id}/revisions/nope`), 404);
	});

	test('a folder of 1,200 items lists completely through paging (pageSize default 200, nextPage from the header)', async () => {
		const instance = await createInstance(sandbox());
		await placeOk(sandbox(), instance.id, { changes: [{ op: 'createFolder', path: '/top/Many' }, ...Array.from({ length: 1200 }, (_, i) => ({ op: 'upload', path: `/top/Many/f${String(i).padStart(4, '0')}.txt` }))] });
		const seen: string[] = [];
		let query = 'path=/top/Many';
		for (let pages = 0; ; pages++) {
			expect(pages).toBeLessThan(10);
			const answer = await hub(sandbox(), instance.token, 'GET', `/hubs/documents/folders/contents?${query}`);
			seen.push(...answer.json.map((d: { name: string }) => d.name));
			if (answer.json.length < 200) break;
			query = `path=/top/Many&nextPage=${encodeURIComponent(answer.headers.get('elements-next-page-token')!)}`;
		}
		expect(seen).toHaveLength(1200);
		expect(new Set(seen).size).toBe(1200);
		expect(seen[0]).toBe('f0000.txt');
		expect(seen[1199]).toBe('f1199.txt');
	});

	test('search: names only, substring, any case, sub-folders, tags, created window, paged', async () => {
		const instance = await createInstance(sandbox());
		await upload(instance.token, '/top/Example.txt', 'e');
		await upload(instance.token, '/top/deep/er/my-EXAMPLE.md', 'x');
		await upload(instance.token, '/top/other.txt', 'example inside, not in the name');
		await hub(sandbox(), instance.token, 'POST', '/hubs/documents/files?tags[]=red', { path: '/top/deep/red-exam.txt', content: 'r' });
		const found = await hub(sandbox(), instance.token, 'GET', '/hubs/documents/search?text=exam');
		expect(found.json.map((d: { path: string }) => d.path)).toEqual(['/top/Example.txt', '/top/deep/er/my-EXAMPLE.md', '/top/deep/red-exam.txt']);
		const under = await hub(sandbox(), instance.token, 'GET', '/hubs/documents/search?text=exam&path=/top/deep');
		expect(under.json).toHaveLength(2);
		const tagged = await hub(sandbox(), instance.token, 'GET', '/hubs/documents/search?text=exam&tags[]=red');
		expect(tagged.json.map((d: { name: string }) => d.name)).toEqual(['red-exam.txt']);
		const paged = await hub(sandbox(), instance.token, 'GET', '/hubs/documents/search?text=exam&pageSize=2&page=2');
		expect(paged.json).toHaveLength(1);
		const none = await hub(sandbox(), instance.token, 'GET', '/hubs/documents/search?text=exam&startDate=2000-01-01T00:00:00Z&endDate=2000-01-02T00:00:00Z');
		expect(none.json).toEqual([]);
		expectCeError(await hub(sandbox(), instance.token, 'GET', '/hubs/documents/search?startDate=2000-01-01T00:00:00Z'), 400, /together/);
	});

	test('shares: POST /share takes ShareFile\'s share body and answers a Uri that downloads without credentials; GET /share lists them', async () => {
		const instance = await createInstance(sandbox());
		const a = await upload(instance.token, '/top/a.txt', 'shared a');
		const b = await upload(instance.token, '/top/b.txt', 'shared b');
		const today = await call(sandbox(), 'GET', '/_sandbox/clock', { auth: null });
		const inTwoDays = new Date(Date.parse(today.json.now) + 2 * 86_400_000).toISOString().slice(0, 10);
		// The body Cloud Elements' own ShareFile tests send.
		const one = await hub(sandbox(), instance.token, 'POST', '/hubs/documents/share', {
			ShareType: 'Send',
			Title: 'Sample Send Share',
			Items: [{ Id: a.id }],
			ExpirationDate: inTwoDays,
			RequireLogin: false,
			RequireUserInfo: false,
			MaxDownloads: -1,
			UsesStreamIDs: false,
		});
		expect(one.status).toBe(200);
		expect(one.json).toMatchObject({
			Id: expect.stringMatching(/^s[0-9a-f]{32}$/),
			ShareType: 'Send',
			Title: 'Sample Send Share',
			Items: [{ Id: a.id, Name: 'a.txt' }],
			ExpirationDate: `${inTwoDays}T23:59:59.999Z`,
			MaxDownloads: -1,
			TotalDownloads: 0,
		});
		expect((await download(one.json.Uri)).bytes.toString()).toBe('shared a');
		expect((await hub(sandbox(), instance.token, 'GET', `/hubs/documents/share/${one.json.Id}`)).json.TotalDownloads).toBe(1);
		const both = await hub(sandbox(), instance.token, 'POST', '/hubs/documents/share', { ShareType: 'Send', Items: [{ Id: a.id }, { Id: b.id }], MaxDownloads: 1 });
		const listing = await fetch(both.json.Uri);
		const body = (await listing.json()) as { items: Array<{ name: string; downloadUrl: string }> };
		expect(body.items.map((item: { name: string }) => item.name)).toEqual(['a.txt', 'b.txt']);
		expect((await download(body.items[1].downloadUrl)).bytes.toString()).toBe('shared b');
		expect((await download(body.items[0].downloadUrl)).status).toBe(403); // MaxDownloads 1, used up

		const request = await hub(sandbox(), instance.token, 'POST', '/hubs/documents/share', { ShareType: 'Request', Title: 'Send us your invoices', Items: [{ Id: (await hub(sandbox(), instance.token, 'GET', '/hubs/documents/folders/metadata?path=/top')).json.id }] });
		expect(request.json).toMatchObject({ ShareType: 'Request', Title: 'Send us your invoices', Items: [{ 'odata.type': 'ShareFile.Api.Models.Folder' }] });
		expect(await (await fetch(request.json.Uri)).json()).toMatchObject({ shareType: 'Request', folder: { directory: true } });
		expectCeError(await hub(sandbox(), instance.token, 'POST', '/hubs/documents/share', { ShareType: 'Request', Items: [{ Id: a.id }] }), 400, /one folder/);

		const listed = await hub(sandbox(), instance.token, 'GET', '/hubs/documents/share');
		expect(listed.status).toBe(200);
		expect(listed.json.map((share: { Id: string }) => share.Id)).toEqual([one.json.Id, both.json.Id, request.json.Id]);
		const firstPage = await hub(sandbox(), instance.token, 'GET', '/hubs/documents/share?pageSize=2');
		expect(firstPage.json).toHaveLength(2);
		expect(firstPage.headers.get('elements-next-page-token')).toBeTruthy();
		// Another instance's shares are its own.
		const other = await createInstance(sandbox());
		expect((await hub(sandbox(), other.token, 'GET', '/hubs/documents/share')).json).toEqual([]);

		// The plural path was our inference; the element has none.
		expectCeError(await hub(sandbox(), instance.token, 'POST', '/hubs/documents/shares', { ShareType: 'Send', Items: [{ Id: a.id }] }), 404);
		expectCeError(await hub(sandbox(), instance.token, 'GET', '/hubs/documents/shares'), 404);
		expectCeError(await hub(sandbox(), instance.token, 'POST', '/hubs/documents/share', { Items: [{ Id: a.id }] }), 400, /ShareType/);
		expectCeError(await hub(sandbox(), instance.token, 'POST', '/hubs/documents/share', { ShareType: 'Send', Items: [] }), 400, /Items/);
		expectCeError(await hub(sandbox(), instance.token, 'POST', '/hubs/documents/share', { ShareType: 'Send', Items: [{ Id: 'fi00' }] }), 404);
		expectCeError(await hub(sandbox(), instance.token, 'POST', '/hubs/documents/share', { ShareType: 'Send', Items: [{ Id: a.id }], Recipients: [{ User: { Email: 'not mail' } }] }), 400, /Recipients/);
		expectCeError(await hub(sandbox(), instance.token, 'POST', '/hubs/documents/share', { ShareType: 'Send', Items: [{ Id: a.id }], ExpirationDate: '2001-01-01' }), 400, /future/);
		await call(sandbox(), 'PUT', '/_sandbox/clock', { body: { offsetMs: 3 * 86_400_000 }, auth: null });
		expect((await download(one.json.Uri)).status).toBe(403);
		expect((await download(`${sandbox().baseUrl}/public/shares/s0000`)).status).toBe(404);
	});

	test('GET /objects answers the element\'s objects with the instance token, and 401 without one', async () => {
		const instance = await createInstance(sandbox());
		const objects = await hub(sandbox(), instance.token, 'GET', '/objects');
		expect(objects.status).toBe(200);
		expect(objects.json).toEqual(expect.arrayContaining(['files', 'folders']));
		expect((await call(sandbox(), 'GET', '/objects')).status).toBe(401); // platform secrets alone
		expect((await hub(sandbox(), 'not-a-token', 'GET', '/objects')).status).toBe(401);
	});
});
