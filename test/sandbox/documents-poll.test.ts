import { call, createInstance, expectCeError, useSandbox } from './helpers';
import { POLL_PATH, type RawItem, hub, names, placeOk, poll, pollAllPages } from './documents-helpers';

const T0 = Date.parse('2024-03-05T14:00:00.000Z');
const at = (offsetMs: number) => new Date(T0 + offsetMs).toISOString();

describe('sandbox: the ShareFile poll endpoint', () => {
	const sandbox = useSandbox();

	/** Folder F at T0, then files at T0+1s, +2.5s, +4s, and a file in F at +6s (bumping F). */
	async function fixture() {
		const instance = await createInstance(sandbox());
		await placeOk(sandbox(), instance.id, {
			changes: [
				{ op: 'createFolder', path: '/top/F', at: at(0) },
				{ op: 'upload', path: '/top/one.txt', at: at(1000) },
				{ op: 'upload', path: '/top/two.txt', at: at(2500) },
				{ op: 'upload', path: '/top/three.txt', at: at(4000) },
				{ op: 'upload', path: '/top/F/four.txt', at: at(6000) },
			],
		});
		return instance;
	}

	test('returns raw files and folders changed at or after the = date, by ProgenyEditDate, never the root', async () => {
		const { token } = await fixture();
		const answer = await poll(sandbox(), token, "lastmodifieddate='2024-03-05T14:00:02Z'");
		expect(answer.status).toBe(200);
		expect(names(answer.json.slice(0, 2))).toEqual(['two.txt', 'three.txt']);
		expect(answer.headers.get('elements-returned-count')).toBe('4');
		// F and four.txt share +6s (F was bumped by four.txt): ties go by Id.
		const tie = answer.json.slice(2) as RawItem[];
		expect(names(tie).sort()).toEqual(['F', 'four.txt']);
		expect(tie.map((item) => item.ProgenyEditDate)).toEqual([at(6000), at(6000)]);
		expect(tie[0].Id < tie[1].Id).toBe(true);
		expect(answer.json.every((item: RawItem) => typeof item['odata.type'] === 'string' && item.Parent)).toBe(true);
	});

	test.each([
		["lastmodifieddate='2024-03-05T14:00:02.500Z'", ['two.txt', 'three.txt', 'F/four']],
		["lastmodifieddate>='2024-03-05T14:00:02.500Z'", ['two.txt', 'three.txt', 'F/four']],
		["lastmodifieddate>'2024-03-05T14:00:02.500Z'", ['three.txt', 'F/four']],
		["lastmodifieddate<'2024-03-05T14:00:02.500Z'", ['F?', 'one.txt']],
		["lastmodifieddate<='2024-03-05T14:00:02.500Z'", ['F?', 'one.txt', 'two.txt']],
		["lastmodifieddate>'2024-03-05T14:00:00.500Z' and lastmodifieddate<'2024-03-05T14:00:04Z'", ['one.txt', 'two.txt']],
		["lastmodifieddate >= '2024-03-05T14:00:01Z' AND lastmodifieddate <= '2024-03-05T14:00:04Z'", ['one.txt', 'two.txt', 'three.txt']],
		[`lastmodifieddate='${T0 + 2500}'`, ['two.txt', 'three.txt', 'F/four']],
		["lastmodifieddate='2024-03-05T15:00:02.500+01:00'", ['two.txt', 'three.txt', 'F/four']],
		["lastmodifieddate='2024-03-05T09:00:02.5-05:00'", ['two.txt', 'three.txt', 'F/four']],
		['LastModifiedDate="2024-03-05T14:00:04Z"', ['three.txt', 'F/four']],
	])('%s', async (where, expected) => {
		const { token } = await fixture();
		const answer = await poll(sandbox(), token, where);
		expect(answer.status).toBe(200);
		// F's own date is +6s (bumped by four.txt), so it never appears before +6s.
		const shown = names(answer.json).filter((name) => name !== 'F' && name !== 'four.txt');
		const wanted = expected.filter((name) => !name.startsWith('F'));
		expect(shown).toEqual(wanted);
		expect(names(answer.json).includes('four.txt')).toBe(expected.includes('F/four'));
		expect(names(answer.json).includes('F')).toBe(expected.includes('F/four'));
	});

	test('without where every item but the root is returned; deleted items are gone', async () => {
		const instance = await fixture();
		expect(names((await poll(sandbox(), instance.token)).json).sort()).toEqual(['F', 'four.txt', 'one.txt', 'three.txt', 'two.txt']);
		await placeOk(sandbox(), instance.id, { op: 'delete', path: '/top/two.txt', at: at(7000) });
		await placeOk(sandbox(), instance.id, { op: 'delete', path: '/top/F', at: at(7000) });
		const after = await poll(sandbox(), instance.token, `lastmodifieddate='${at(0)}'`);
		expect(names(after.json)).toEqual(['one.txt', 'three.txt']);
	});

	test('an update moves a file to the end, and its ancestors with it', async () => {
		const instance = await fixture();
		await placeOk(sandbox(), instance.id, { op: 'update', path: '/top/one.txt', content: 'new', at: at(8000) });
		const answer = await poll(sandbox(), instance.token, `lastmodifieddate='${at(7000)}'`);
		expect(names(answer.json)).toEqual(['one.txt']);
		expect(answer.json[0]).toMatchObject({ CreationDate: at(1000), ProgenyEditDate: at(8000) });
	});

	test('pages: pageSize, page=N, nextPage tokens as base64 JSON, the count header, and a token after the last full page', async () => {
		const instance = await createInstance(sandbox());
		await placeOk(sandbox(), instance.id, { changes: Array.from({ length: 5 }, (_, i) => ({ op: 'upload', path: `/top/f${i}.txt`, at: at(i * 1000) })) });
		const first = await poll(sandbox(), instance.token, `lastmodifieddate='${at(0)}'`, 'pageSize=2');
		expect(names(first.json)).toEqual(['f0.txt', 'f1.txt']);
		expect(first.headers.get('elements-returned-count')).toBe('2');
		const token = first.headers.get('elements-next-page-token')!;
		expect(JSON.parse(Buffer.from(token, 'base64').toString('utf8'))).toEqual({ pageSize: 2, page: 2 });
		const second = await poll(sandbox(), instance.token, `lastmodifieddate='${at(0)}'`, `nextPage=${encodeURIComponent(token)}`);
		expect(names(second.json)).toEqual(['f2.txt', 'f3.txt']);
		const third = await poll(sandbox(), instance.token, `lastmodifieddate='${at(0)}'`, 'pageSize=2&page=3');
		expect(names(third.json)).toEqual(['f4.txt']);
		expect(third.headers.get('elements-returned-count')).toBe('1');
		const beyond = await poll(sandbox(), instance.token, `lastmodifieddate='${at(0)}'`, 'pageSize=2&page=4');
		expect(beyond.json).toEqual([]);
		expect(beyond.headers.get('elements-returned-count')).toBe('0');
		expect(beyond.headers.get('elements-next-page-token')).toBeNull();
		const exact = await poll(sandbox(), instance.token, `lastmodifieddate='${at(0)}'`, 'pageSize=5');
		expect(exact.headers.get('elements-next-page-token')).not.toBeNull();
		expectCeError(await poll(sandbox(), instance.token, `lastmodifieddate='${at(0)}'`, 'nextPage=garbage'), 400, /nextPage/);
		expectCeError(await poll(sandbox(), instance.token, `lastmodifieddate='${at(0)}'`, 'pageSize=0'), 400, /pageSize/);
	});

	test('pageSize defaults to 200 and is capped at 500', async () => {
		const instance = await createInstance(sandbox());
		await placeOk(sandbox(), instance.id, { changes: Array.from({ length: 600 }, (_, i) => ({ op: 'upload', path: `/top/f${i}.txt`, at: at(i) })) });
		const byDefault = await poll(sandbox(), instance.token, `lastmodifieddate='${at(0)}'`);
		expect(byDefault.json).toHaveLength(200);
		expect(JSON.parse(Buffer.from(byDefault.headers.get('elements-next-page-token')!, 'base64').toString())).toEqual({ pageSize: 200, page: 2 });
		const capped = await poll(sandbox(), instance.token, `lastmodifieddate='${at(0)}'`, 'pageSize=1000');
		expect(capped.json).toHaveLength(500);
		expect(JSON.parse(Buffer.from(capped.headers.get('elements-next-page-token')!, 'base64').toString())).toEqual({ pageSize: 500, page: 2 });
	});

	test.each([
		["name='a.txt'", /Unsupported field 'name'/],
		["lastmodifieddate='yesterday'", /Invalid date 'yesterday'/],
		["lastmodifieddate='2024-02-30T00:00:00Z'", /no such calendar date/],
		["lastmodifieddate='2024-03-05T14:00:00.123456Z'", /at most 3 fraction digits/],
		["lastmodifieddate='2024-03-05T14:00:00+25:00'", /offset/],
		["lastmodifieddate ~ '2024-03-05T14:00:00Z'", /Cannot read the where clause/],
		["lastmodifieddate='2024-03-05T14:00:00Z' or lastmodifieddate='2024-03-05T14:00:00Z'", /joined with 'and'/],
		["lastmodifieddate='2024-03-05T14:00:00Z' and", /Cannot read the where clause/],
		['lastmodifieddate=2024-03-05', /Cannot read the where clause|Invalid date/],
		['   ', /empty/],
	])('a malformed where %s answers 400 naming the problem', async (where, message) => {
		const { token } = await createInstance(sandbox());
		expectCeError(await poll(sandbox(), token, where), 400, message);
	});

	test('faults with a pathPrefix hit the poll endpoint; every page is in the request log', async () => {
		const instance = await createInstance(sandbox());
		await placeOk(sandbox(), instance.id, { changes: Array.from({ length: 5 }, (_, i) => ({ op: 'upload', path: `/top/f${i}.txt`, at: at(i) })) });
		await call(sandbox(), 'POST', '/_sandbox/faults', { body: { kind: '503', pathPrefix: '/hubs/documents/events/poll', retryAfter: 3 }, auth: null });
		expect((await hub(sandbox(), instance.token, 'GET', '/hubs/documents/ping')).status).toBe(200);
		const faulted = await poll(sandbox(), instance.token, `lastmodifieddate='${at(0)}'`);
		expectCeError(faulted, 503);
		expect(faulted.headers.get('retry-after')).toBe('3');
		await call(sandbox(), 'DELETE', '/_sandbox/requests', { auth: null });
		const pages = await pollAllPages(sandbox(), instance.token, `lastmodifieddate='${at(0)}'`, 2);
		expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
		const log = (await call(sandbox(), 'GET', '/_sandbox/requests', { auth: null })).json;
		expect(log.map((entry: { path: string; status: number; element: boolean }) => [entry.path, entry.status, entry.element])).toEqual([
			[POLL_PATH, 200, true],
			[POLL_PATH, 200, true],
			[POLL_PATH, 200, true],
		]);
		expect(log[0].query).toEqual({ where: `lastmodifieddate='${at(0)}'`, pageSize: '2' });
	});

	test('10,000 changes in one batch are placed quickly and page out in order, 500 at a time', async () => {
		const instance = await createInstance(sandbox());
		const folders = Array.from({ length: 10 }, (_, i) => ({ op: 'createFolder', path: `/top/d${i}`, at: at(0) }));
		const files = Array.from({ length: 10000 }, (_, i) => ({ op: 'upload', path: `/top/d${i % 10}/f${i}.txt`, content: `c${i}`, at: at(1000 + Math.floor(i / 4)) }));
		const started = Date.now();
		const placed = await placeOk(sandbox(), instance.id, { changes: [...folders, ...files] });
		expect(placed.applied).toBe(10010);
		const pages = await pollAllPages(sandbox(), instance.token, `lastmodifieddate='${at(1000)}'`, 500);
		const elapsed = Date.now() - started;
		const all = pages.flat();
		expect(pages).toHaveLength(21);
		expect(all).toHaveLength(10010);
		for (let i = 1; i < all.length; i++) {
			const order = Date.parse(all[i - 1].ProgenyEditDate) - Date.parse(all[i].ProgenyEditDate) || (all[i - 1].Id < all[i].Id ? -1 : 1);
			expect(order).toBeLessThan(0);
		}
		expect(new Set(all.map((item) => item.Id)).size).toBe(10010);
		expect(elapsed).toBeLessThan(10000);

		// A second batch on top of 10,000 items stays fast: no per-change scan of the store.
		const more = Array.from({ length: 2000 }, (_, i) => ({ op: 'update', path: `/top/d${i % 10}/f${i}.txt`, content: 'v2', at: at(5000) }));
		const again = Date.now();
		await placeOk(sandbox(), instance.id, { changes: more });
		expect(Date.now() - again).toBeLessThan(3000);
		const updated = await poll(sandbox(), instance.token, `lastmodifieddate='${at(5000)}'`, 'pageSize=500');
		expect(updated.headers.get('elements-returned-count')).toBe('500');
	});
});
