import * as fs from 'fs';
import * as path from 'path';
import { call, createInstance, expectCeError, useDataFileSandboxes, useSandbox } from './helpers';
import { ISO_MS, allItems, hub, itemAt, names, place, placeOk, poll } from './documents-helpers';

describe('sandbox: the settable clock', () => {
	const sandbox = useSandbox();

	test('reads the wall clock with offset 0 until set', async () => {
		const answer = await call(sandbox(), 'GET', '/_sandbox/clock', { auth: null });
		expect(answer.json.offsetMs).toBe(0);
		expect(Math.abs(Date.parse(answer.json.now) - Date.now())).toBeLessThan(1000);
	});

	test('an offset moves every date the sandbox writes; now sets the offset from an instant; reset clears it', async () => {
		const ahead = await call(sandbox(), 'PUT', '/_sandbox/clock', { body: { offsetMs: 5 * 60_000 }, auth: null });
		expect(ahead.status).toBe(200);
		expect(ahead.json.offsetMs).toBe(300_000);
		const instance = await createInstance(sandbox());
		expect(Date.parse(instance.createdDate) - Date.now()).toBeGreaterThan(299_000);
		const upload = await hub(sandbox(), instance.token, 'POST', '/hubs/documents/files', { path: '/top/a.txt' });
		expect(upload.json.raw.CreationDate).toMatch(ISO_MS);
		expect(Date.parse(upload.json.raw.CreationDate) - Date.now()).toBeGreaterThan(299_000);
		const stored = await call(sandbox(), 'POST', `/_sandbox/instances/${instance.id}/events`, { body: {}, auth: null });
		expect(Date.parse(stored.json.eventDate) - Date.now()).toBeGreaterThan(299_000);

		// Every answer's Date header reads the sandbox clock, as a skewed server's would.
		const skewedDate = Date.parse((await call(sandbox(), 'GET', '/instances')).headers.get('date')!);
		expect(skewedDate - Date.now()).toBeGreaterThan(298_000);

		const behind = await call(sandbox(), 'PUT', '/_sandbox/clock', { body: { offsetMs: -5 * 60_000 }, auth: null });
		const hubDate = Date.parse((await hub(sandbox(), instance.token, 'GET', '/hubs/documents/ping')).headers.get('date')!);
		expect(hubDate - Date.now()).toBeLessThan(-298_000);
		expect(Date.parse(behind.json.now) - Date.now()).toBeLessThan(-299_000);
		const placed = await placeOk(sandbox(), instance.id, { op: 'upload', path: '/top/b.txt' });
		expect(Date.parse(placed.at) - Date.now()).toBeLessThan(-299_000);

		const fixed = await call(sandbox(), 'PUT', '/_sandbox/clock', { body: { now: '2030-01-01T00:00:00.000Z' }, auth: null });
		expect(Math.abs(Date.parse(fixed.json.now) - Date.parse('2030-01-01T00:00:00.000Z'))).toBeLessThan(1000);
		expect(Math.abs(fixed.json.offsetMs - (Date.parse('2030-01-01T00:00:00.000Z') - Date.now()))).toBeLessThan(1000);

		await call(sandbox(), 'POST', '/_sandbox/reset', { auth: null });
		expect((await call(sandbox(), 'GET', '/_sandbox/clock', { auth: null })).json.offsetMs).toBe(0);
	});

	test('bad clock settings answer 400', async () => {
		expectCeError(await call(sandbox(), 'PUT', '/_sandbox/clock', { body: {}, auth: null }), 400, /offsetMs/);
		expectCeError(await call(sandbox(), 'PUT', '/_sandbox/clock', { body: { offsetMs: 1.5 }, auth: null }), 400, /offsetMs/);
		expectCeError(await call(sandbox(), 'PUT', '/_sandbox/clock', { body: { now: 'tomorrow' }, auth: null }), 400, /now/);
		expectCeError(await call(sandbox(), 'PUT', '/_sandbox/clock', { body: { now: '2030-01-01T00:00:00Z', offsetMs: 1 }, auth: null }), 400, /not both/);
	});
});

describe('sandbox: placing document changes', () => {
	const sandbox = useSandbox();

	test('each op applies at the given instant (ISO or epoch ms) and answers the raw item', async () => {
		const instance = await createInstance(sandbox());
		const folder = await placeOk(sandbox(), instance.id, { op: 'createFolder', path: '/top/R', at: '2024-03-05T14:00:00Z' });
		expect(folder).toMatchObject({ op: 'createFolder', path: '/top/R', at: '2024-03-05T14:00:00.000Z' });
		expect(folder.item).toMatchObject({ Id: folder.id, 'odata.type': 'ShareFile.Api.Models.Folder', CreationDate: '2024-03-05T14:00:00.000Z' });
		const upload = await placeOk(sandbox(), instance.id, { op: 'upload', path: '/top/R/a.txt', content: 'abc', at: Date.parse('2024-03-05T14:00:01.250Z') });
		expect(upload.item).toMatchObject({ CreationDate: '2024-03-05T14:00:01.250Z', ProgenyEditDate: '2024-03-05T14:00:01.250Z', FileSizeBytes: 3 });
		const update = await placeOk(sandbox(), instance.id, { op: 'update', path: '/top/R/a.txt', content: 'abcd', at: '2024-03-05T14:00:02Z' });
		expect(update.item).toMatchObject({ CreationDate: '2024-03-05T14:00:01.250Z', ProgenyEditDate: '2024-03-05T14:00:02.000Z', FileSizeBytes: 4 });
		const renamed = await placeOk(sandbox(), instance.id, { op: 'rename', path: '/top/R/a.txt', newName: 'b.txt', at: '2024-03-05T14:00:03Z' });
		expect(renamed).toMatchObject({ path: '/top/R/b.txt', id: upload.id });
		await placeOk(sandbox(), instance.id, { op: 'createFolder', path: '/top/S', at: '2024-03-05T14:00:03Z' });
		const moved = await placeOk(sandbox(), instance.id, { op: 'move', path: '/top/R/b.txt', newPath: '/top/S', at: '2024-03-05T14:00:04Z' });
		expect(moved).toMatchObject({ path: '/top/S/b.txt', id: upload.id });
		expect(moved.item.Parent.Id).not.toBe(folder.id);
		const renamedFolder = await placeOk(sandbox(), instance.id, { op: 'rename', path: '/top/S', newName: 'T', at: '2024-03-05T14:00:05Z' });
		expect(renamedFolder.path).toBe('/top/T');
		expect((await itemAt(sandbox(), instance.id, '/top/T/b.txt'))!.Path).toBe('/top/T');
		const removed = await placeOk(sandbox(), instance.id, { op: 'delete', path: '/top/T/b.txt', at: '2024-03-05T14:00:06Z' });
		expect(removed).toMatchObject({ op: 'delete', id: upload.id, path: '/top/T/b.txt', at: '2024-03-05T14:00:06.000Z' });
		expect((await itemAt(sandbox(), instance.id, '/top/T'))!.ProgenyEditDate).toBe('2024-03-05T14:00:06.000Z');
		expect(names(await allItems(sandbox(), instance.id))).toEqual(['top', 'R', 'T']);
	});

	test('changes placed at the same at share the timestamp exactly; the poll orders the tie by Id', async () => {
		const instance = await createInstance(sandbox());
		const same = '2024-03-05T14:00:00.000Z';
		const placed = await placeOk(sandbox(), instance.id, { changes: Array.from({ length: 20 }, (_, i) => ({ op: 'upload', path: `/top/t${i}.txt`, at: same })) });
		expect(placed.changes.map((change: { at: string }) => change.at)).toEqual(Array(20).fill(same));
		const polled = (await poll(sandbox(), instance.token, `lastmodifieddate='${same}'`)).json;
		expect(polled.map((item: { ProgenyEditDate: string }) => item.ProgenyEditDate)).toEqual(Array(20).fill(same));
		const ids = polled.map((item: { Id: string }) => item.Id);
		expect(ids).toEqual([...ids].sort());
	});

	test('a batch answers compact results; a failing change stops it, names its index, and keeps the ones before', async () => {
		const instance = await createInstance(sandbox());
		const ok = await placeOk(sandbox(), instance.id, { changes: [{ op: 'upload', path: '/top/a.txt' }, { op: 'download', path: '/top/a.txt' }] });
		expect(ok.applied).toBe(2);
		expect(ok.changes[0]).toEqual({ op: 'upload', id: expect.stringMatching(/^fi/), path: '/top/a.txt', at: expect.stringMatching(ISO_MS) });
		const failed = await place(sandbox(), instance.id, { changes: [{ op: 'upload', path: '/top/b.txt' }, { op: 'upload', path: '/top/b.txt' }] });
		expectCeError(failed, 409, /^changes\[1\]: .*1 change\(s\) before it were applied/);
		expect((await itemAt(sandbox(), instance.id, '/top/b.txt'))).toBeDefined();
	});

	test('bad changes answer 400 or 404; an unknown instance 404; a disabled instance still changes (it is ShareFile)', async () => {
		const instance = await createInstance(sandbox());
		expectCeError(await place(sandbox(), instance.id, { op: 'explode', path: '/top/a' }), 400, /op/);
		expectCeError(await place(sandbox(), instance.id, { op: 'upload', path: '/top/a', at: 'noon' }), 400, /at/);
		expectCeError(await place(sandbox(), instance.id, { op: 'rename', path: '/top' }), 400, /newName/);
		expectCeError(await place(sandbox(), instance.id, { op: 'move', path: '/top/x' }), 400, /newPath/);
		expectCeError(await place(sandbox(), instance.id, { op: 'update', path: '/top/none.txt', content: 'x' }), 404, /none\.txt/);
		expectCeError(await place(sandbox(), instance.id, { op: 'delete', path: '/top' }), 400, /root/);
		expectCeError(await place(sandbox(), instance.id, [1, 2]), 400);
		expectCeError(await place(sandbox(), 999999, { op: 'upload', path: '/top/a' }), 404);
		await call(sandbox(), 'DELETE', `/instances/${instance.id}/enabled`);
		expect((await place(sandbox(), instance.id, { op: 'upload', path: '/top/a.txt' })).status).toBe(200);
	});
});

describe('sandbox: documents in the data file', () => {
	const { start, dataFile } = useDataFileSandboxes();

	test('items and contents survive a restart with the same Ids, and paths resolve again', async () => {
		const first = await start();
		const instance = await createInstance(first);
		await placeOk(first, instance.id, { changes: [
			{ op: 'createFolder', path: '/top/R', at: '2024-03-05T14:00:00Z' },
			{ op: 'upload', path: '/top/R/a.txt', content: 'kept', at: '2024-03-05T14:00:01Z' },
		] });
		const before = await allItems(first, instance.id);
		await first.close();

		const second = await start();
		expect(await allItems(second, instance.id)).toEqual(before);
		expectCeError(await hub(second, instance.token, 'POST', '/hubs/documents/files', { path: '/top/R/a.txt' }), 409);
		const file = before.find((item) => item.Name === 'a.txt')!;
		const download = await fetch(`${second.baseUrl}/hubs/documents/files/${file.Id}`, {
			headers: { authorization: `User sandbox-user-secret, Organization sandbox-organization-secret, Element ${instance.token}` },
		});
		expect(await download.text()).toBe('kept');
		expect((await poll(second, instance.token, "lastmodifieddate='2024-03-05T14:00:00Z'")).json.map((item: { Name: string }) => item.Name)).toEqual(['R', 'a.txt'].sort((a, b) => {
			const ids = Object.fromEntries(before.map((item) => [item.Name, item.Id]));
			return ids[a] < ids[b] ? -1 : 1;
		}));
	});

	test('thousands of changes are written in a batch soon after, not once per change', async () => {
		const sandbox = await start();
		const instance = await createInstance(sandbox);
		const writes: string[] = [];
		const watcher = fs.watch(path.dirname(dataFile()), (_event, name) => {
			if (name) writes.push(name);
		});
		const started = Date.now();
		for (let round = 0; round < 5; round++) {
			await placeOk(sandbox, instance.id, { changes: Array.from({ length: 400 }, (_, i) => ({ op: 'upload', path: `/top/r${round}-${i}.txt` })) });
		}
		expect(Date.now() - started).toBeLessThan(5000);
		await new Promise((resolve) => setTimeout(resolve, 600));
		watcher.close();
		const state = JSON.parse(fs.readFileSync(dataFile(), 'utf8'));
		expect(Object.keys(state.instances[0].sharefile.items)).toHaveLength(2001);
		// Each save is a temp file renamed over state.json; 5 rounds in well under a second are a few saves at most.
		const saves = writes.filter((name) => name.endsWith('.tmp')).length;
		expect(saves).toBeGreaterThan(0);
		expect(saves).toBeLessThanOrEqual(8);
	});

	test('close() writes pending changes', async () => {
		const sandbox = await start();
		const instance = await createInstance(sandbox);
		await placeOk(sandbox, instance.id, { op: 'upload', path: '/top/last.txt' });
		await sandbox.close();
		const state = JSON.parse(fs.readFileSync(dataFile(), 'utf8'));
		expect(Object.values(state.instances[0].sharefile.items).map((item) => (item as { Name: string }).Name).sort()).toEqual(['last.txt', 'top']);
	});
});
