import { call, createInstance, useSandbox } from './helpers';
import { placeOk } from './documents-helpers';
import { expectShareFileError, login, sf, sfOk } from './sharefile-api-helpers';

describe('sandbox: ShareFile API v3 Items', () => {
	const sandbox = useSandbox();

	/** An instance with a few files, and a token for its account. */
	async function account() {
		const instance = await createInstance(sandbox());
		await placeOk(sandbox(), instance.id, {
			changes: [
				{ op: 'createFolder', path: '/top/Reports' },
				{ op: 'upload', path: '/top/Reports/q1.txt', content: 'first quarter' },
				{ op: 'upload', path: '/top/Reports/Q2 summary.txt', content: 'second' },
				{ op: 'createFolder', path: '/top/Archive' },
			],
		});
		const tokens = await login(sandbox());
		const token = tokens.access_token;
		const byPath = (path: string) => sfOk(sandbox(), token, 'GET', `Items/ByPath?path=${encodeURIComponent(path)}`);
		return { instance, token, byPath };
	}

	test('Items(top), Items(id), Items/ByPath and Items(id)/ByPath answer ShareFile items', async () => {
		const { token, byPath } = await account();
		const root = await sfOk(sandbox(), token, 'GET', 'Items(top)');
		expect(root['odata.type']).toBe('ShareFile.Api.Models.Folder');
		expect(root.Name).toBe('top');
		expect(await sfOk(sandbox(), token, 'GET', 'Items(home)')).toEqual(root);
		expect(await sfOk(sandbox(), token, 'GET', 'Items')).toEqual(root);

		const file = await byPath('/Reports/q1.txt');
		expect(file).toMatchObject({
			'odata.type': 'ShareFile.Api.Models.File',
			Name: 'q1.txt',
			FileName: 'q1.txt',
			FileSizeBytes: 13,
			Path: '/top/Reports',
			Hash: expect.stringMatching(/^[0-9a-f]{32}$/),
			CreationDate: expect.any(String),
			ProgenyEditDate: expect.any(String),
		});
		expect(file.Id).toMatch(/^fi[0-9a-f]{32}$/);
		expect(file.url).toBe(`${sandbox().origin}/sharefile/acme/sf/v3/Items(${file.Id})`);
		expect(await sfOk(sandbox(), token, 'GET', `Items(${file.Id})`)).toEqual(file);
		expect(await sfOk(sandbox(), token, 'GET', `Items('${file.Id}')`)).toEqual(file);
		expect(await byPath('/top/Reports/q1.txt')).toEqual(file);

		const reports = await byPath('/Reports');
		expect(file.Parent.Id).toBe(reports.Id);
		expect(await sfOk(sandbox(), token, 'GET', `Items(${reports.Id})/ByPath?path=q1.txt`)).toEqual(file);
		expect((await sfOk(sandbox(), token, 'GET', `Items(${file.Id})/Parent`)).Id).toBe(reports.Id);

		const selected = await sfOk(sandbox(), token, 'GET', `Items(${file.Id})?$select=Id,Name`);
		expect(Object.keys(selected).sort()).toEqual(['Id', 'Name', 'odata.metadata', 'odata.type']);
	});

	test('unknown items and paths are 404 NotFound; an unknown navigation 404, a wrong method 405', async () => {
		const { token } = await account();
		expectShareFileError(await sf(sandbox(), token, 'GET', 'Items(fi0000)'), 404, 'NotFound', /fi0000/);
		expectShareFileError(await sf(sandbox(), token, 'GET', 'Items/ByPath?path=/nope.txt'), 404, 'NotFound');
		expectShareFileError(await sf(sandbox(), token, 'GET', 'Items(top)/Nonsense'), 404, 'NotFound');
		expectShareFileError(await sf(sandbox(), token, 'GET', 'Items(favorites)'), 404, 'NotFound');
		const wrong = await sf(sandbox(), token, 'PUT', 'Items(top)', {});
		expectShareFileError(wrong, 405, 'MethodNotAllowed');
		expect(wrong.headers.get('allow')).toContain('PATCH');
	});

	test('Children of 250 items pages with $top/$skip, odata.count and odata.nextLink; without $top the whole folder', async () => {
		const { instance, token, byPath } = await account();
		const names = Array.from({ length: 250 }, (_, i) => `f${String(i).padStart(3, '0')}.txt`);
		await placeOk(sandbox(), instance.id, {
			changes: [{ op: 'createFolder', path: '/top/Many' }, ...names.map((name) => ({ op: 'upload', path: `/top/Many/${name}`, content: name }))],
		});
		const many = await byPath('/Many');

		const whole = await sfOk(sandbox(), token, 'GET', `Items(${many.Id})/Children`);
		expect(whole['odata.count']).toBe(250);
		expect(whole.value).toHaveLength(250);
		expect(whole['odata.nextLink']).toBeUndefined();

		const seen: string[] = [];
		let next: string | undefined = `${sandbox().origin}/sharefile/acme/sf/v3/Items(${many.Id})/Children?$top=100`;
		let pages = 0;
		while (next) {
			const page = await sfOk(sandbox(), token, 'GET', next);
			expect(page['odata.count']).toBe(250);
			seen.push(...page.value.map((item: { Name: string }) => item.Name));
			next = page['odata.nextLink'];
			pages += 1;
		}
		expect(pages).toBe(3);
		expect(seen).toEqual(names);

		const skipped = await sfOk(sandbox(), token, 'GET', `Items(${many.Id})/Children?$skip=245`);
		expect(skipped.value.map((item: { Name: string }) => item.Name)).toEqual(names.slice(245));
		expectShareFileError(await sf(sandbox(), token, 'GET', `Items(${many.Id})/Children?$top=-1`), 400, 'BadRequest');
	});

	test('Folder creates a folder; a taken name is 409 Conflict, with overwrite=true the existing folder', async () => {
		const { token, byPath } = await account();
		const reports = await byPath('/Reports');
		const made = await sfOk(sandbox(), token, 'POST', `Items(${reports.Id})/Folder`, { Name: '2024', Description: 'this year' });
		expect(made).toMatchObject({ 'odata.type': 'ShareFile.Api.Models.Folder', Name: '2024', Path: '/top/Reports', Description: 'this year' });
		expect(made.Id).toMatch(/^fo[0-9a-f]{32}$/);
		expect((await byPath('/Reports/2024')).Id).toBe(made.Id);
		expectShareFileError(await sf(sandbox(), token, 'POST', `Items(${reports.Id})/Folder`, { Name: '2024' }), 409, 'Conflict');
		expect((await sfOk(sandbox(), token, 'POST', `Items(${reports.Id})/Folder?overwrite=true`, { Name: '2024' })).Id).toBe(made.Id);
		expectShareFileError(await sf(sandbox(), token, 'POST', `Items(${reports.Id})/Folder`, { Name: 'a/b' }), 400, 'BadRequest');
		// Items/Folder: a top-level folder; lower-case keys work too.
		expect((await sfOk(sandbox(), token, 'POST', 'Items/Folder', { name: 'Top level' })).Path).toBe('/top');
	});

	test('Copy into another folder; the same name there is 409 without overwrite, replaced with it', async () => {
		const { token, byPath } = await account();
		const q1 = await byPath('/Reports/q1.txt');
		const archive = await byPath('/Archive');
		const copied = await sfOk(sandbox(), token, 'POST', `Items(${q1.Id})/Copy?targetid=${archive.Id}`);
		expect(copied).toMatchObject({ Name: 'q1.txt', Path: '/top/Archive', Hash: q1.Hash });
		expect(copied.Id).not.toBe(q1.Id);
		expect((await byPath('/Reports/q1.txt')).Id).toBe(q1.Id);

		expectShareFileError(await sf(sandbox(), token, 'POST', `Items(${q1.Id})/Copy?targetid=${archive.Id}`), 409, 'Conflict');
		expectShareFileError(await sf(sandbox(), token, 'POST', `Items(${q1.Id})/Copy?targetid=${archive.Id}&overwrite=false`), 409, 'Conflict');
		const q2 = await byPath('/Reports/Q2 summary.txt');
		// overwrite=true: the copy replaces the file of that name.
		const other = await sfOk(sandbox(), token, 'POST', `Items(${archive.Id})/Folder`, { Name: 'inner' });
		await sfOk(sandbox(), token, 'POST', `Items(${q2.Id})/Copy?targetid=${other.Id}`);
		const renamed = await sfOk(sandbox(), token, 'PATCH', `Items(${(await byPath('/Archive/inner/Q2 summary.txt')).Id})`, { Name: 'q1.txt' });
		const replaced = await sfOk(sandbox(), token, 'POST', `Items(${renamed.Id})/Copy?targetid=${archive.Id}&overwrite=true`);
		expect(replaced.Hash).toBe(q2.Hash);
		expect((await byPath('/Archive/q1.txt')).Hash).toBe(q2.Hash);

		const folderCopy = await sfOk(sandbox(), token, 'POST', `Items(${(await byPath('/Reports')).Id})/Copy?targetid=${archive.Id}`);
		expect(folderCopy.FileCount).toBe(2);
		expectShareFileError(await sf(sandbox(), token, 'POST', `Items(${q1.Id})/Copy`), 400, 'BadRequest', /targetid/);
	});

	test('PATCH moves with Parent, renames with Name or FileName, and answers 409 for a taken name', async () => {
		const { token, byPath } = await account();
		const q1 = await byPath('/Reports/q1.txt');
		const archive = await byPath('/Archive');
		const moved = await sfOk(sandbox(), token, 'PATCH', `Items(${q1.Id})`, { Parent: { Id: archive.Id } });
		expect(moved).toMatchObject({ Id: q1.Id, Path: '/top/Archive', Parent: { Id: archive.Id } });
		const renamed = await sfOk(sandbox(), token, 'PATCH', `Items(${q1.Id})`, { FileName: 'renamed.txt' });
		expect(renamed).toMatchObject({ Id: q1.Id, Name: 'renamed.txt', FileName: 'renamed.txt' });
		expect(Date.parse(renamed.ProgenyEditDate)).toBeGreaterThanOrEqual(Date.parse(q1.ProgenyEditDate));

		const both = await sfOk(sandbox(), token, 'PATCH', `Items(${q1.Id})`, { Name: 'back.txt', Parent: { Id: 'top' }, Description: 'described' });
		expect(both).toMatchObject({ Name: 'back.txt', Path: '/top', Description: 'described' });

		const q2 = await byPath('/Reports/Q2 summary.txt');
		expectShareFileError(await sf(sandbox(), token, 'PATCH', `Items(${q2.Id})`, { Parent: { Id: 'top' }, Name: 'back.txt' }), 409, 'Conflict');
		const reports = await byPath('/Reports');
		expectShareFileError(await sf(sandbox(), token, 'PATCH', `Items(${reports.Id})`, { Parent: { Id: reports.Id } }), 400, 'BadRequest');
		expectShareFileError(await sf(sandbox(), token, 'PATCH', `Items(${reports.Id})`, { Parent: { Id: q2.Id } }), 400, 'BadRequest');
	});

	test('DELETE answers 204; the item and what was under it are gone', async () => {
		const { token, byPath } = await account();
		const reports = await byPath('/Reports');
		const q1 = await byPath('/Reports/q1.txt');
		const answer = await sf(sandbox(), token, 'DELETE', `Items(${reports.Id})`);
		expect(answer.status).toBe(204);
		expect(answer.text).toBe('');
		expectShareFileError(await sf(sandbox(), token, 'GET', `Items(${reports.Id})`), 404, 'NotFound');
		expectShareFileError(await sf(sandbox(), token, 'GET', `Items(${q1.Id})`), 404, 'NotFound');
		expectShareFileError(await sf(sandbox(), token, 'DELETE', 'Items(top)'), 400, 'BadRequest');
	});

	test('Search finds names case-insensitively, under a folder, with maxResults and skip', async () => {
		const { token, byPath } = await account();
		const all = await sfOk(sandbox(), token, 'GET', 'Items/Search?query=Q');
		expect(all['odata.type']).toBe('ShareFile.Api.Models.SearchResults');
		expect(all.PartialResults).toBe(false);
		expect(all.TimedOut).toBe(false);
		expect(all.Results.map((result: { FileName: string }) => result.FileName)).toEqual(['Q2 summary.txt', 'q1.txt']);
		const reports = await byPath('/Reports');
		expect(all.Results[1]).toMatchObject({ ItemType: 'File', ParentID: reports.Id, ParentName: 'Reports', Size: 13, DisplayName: 'q1.txt', CanDownload: true });
		const page = await sfOk(sandbox(), token, 'GET', 'Items/Search?query=q&maxResults=1&skip=1');
		expect(page.Results.map((result: { FileName: string }) => result.FileName)).toEqual(['q1.txt']);
		const archive = await byPath('/Archive');
		expect((await sfOk(sandbox(), token, 'GET', `Items(${archive.Id})/Search?query=q`)).Results).toEqual([]);
		expect((await sfOk(sandbox(), token, 'GET', 'Items/Search?query=archive')).Results[0].ItemType).toBe('Folder');
		expectShareFileError(await sf(sandbox(), token, 'GET', 'Items/Search'), 400, 'BadRequest');
	});

	test('faults aimed at /sharefile/ answer in ShareFile\'s shape; faults without a prefix stay Cloud Elements\'', async () => {
		const { token } = await account();
		await call(sandbox(), 'POST', '/_sandbox/faults', { auth: null, body: { kind: '429', pathPrefix: '/sharefile/', retryAfter: 3 } });
		const limited = await sf(sandbox(), token, 'GET', 'Items(top)');
		expectShareFileError(limited, 429, 'TooManyRequests');
		expect(limited.headers.get('retry-after')).toBe('3');
		expect((await sf(sandbox(), token, 'GET', 'Items(top)')).status).toBe(200);

		await call(sandbox(), 'POST', '/_sandbox/faults', { auth: null, body: { kind: '503' } });
		expect((await sf(sandbox(), token, 'GET', 'Items(top)')).status).toBe(200);
		expect((await call(sandbox(), 'GET', '/instances')).status).toBe(503);

		const log = await call(sandbox(), 'GET', '/_sandbox/requests', { auth: null });
		const shareFileEntries = log.json.filter((entry: { path: string }) => entry.path.startsWith('/sharefile/acme/sf/v3/'));
		expect(shareFileEntries.map((entry: { status: number }) => entry.status)).toEqual([429, 200, 200]);
	});
});
