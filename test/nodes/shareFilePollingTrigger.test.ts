import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { ShareFilePollingTrigger } from '../../nodes/ShareFilePollingTrigger/ShareFilePollingTrigger.node';
import { binaryBytes, useFilesystemBinaryData } from '../harness/binaryStore';
import { PACKAGE } from '../harness/n8n';
import { PolledWorkflow } from '../harness/pollTrigger';
import { useTestSandbox } from '../harness/sandboxClient';
import { byPath, shareFileAccount, SHAREFILE_CREDENTIAL } from '../harness/shareFile';

const sandbox = useTestSandbox();
useFilesystemBinaryData();

type Account = Awaited<ReturnType<typeof shareFileAccount>>;

/** A ShareFile Polling Trigger on the account's /top/Inbox (and below), Start From → Now. */
function polled(account: Account, parameters: IDataObject = {}) {
	return new PolledWorkflow(
		{},
		{ folder: byPath('/top/Inbox'), includeSubfolders: true, events: ['File:Upload', 'File:Update'], startFrom: 'now', ...parameters },
		{
			type: new ShareFilePollingTrigger(),
			typeName: `${PACKAGE}.shareFilePollingTrigger`,
			credentials: { [SHAREFILE_CREDENTIAL]: { id: '1', name: 'ShareFile sandbox' } },
			credentialsHelper: account.helper,
		},
	);
}

async function setUp(parameters: IDataObject = {}) {
	const account = await shareFileAccount(sandbox(), 'polled account');
	const at = (await clock()) - 60_000;
	await place(account, [
		{ op: 'createFolder', path: '/top/Inbox', at },
		{ op: 'createFolder', path: '/top/Inbox/A', at },
		{ op: 'createFolder', path: '/top/Inbox/B', at },
		{ op: 'createFolder', path: '/top/Elsewhere', at },
	]);
	return { account, workflow: polled(account, parameters) };
}

async function place(account: Account, changes: IDataObject[]) {
	const answer = await sandbox().control('POST', `/instances/${account.instance.id}/documents`, { changes });
	if (answer?.message) throw new Error(answer.message);
	return answer.changes as Array<{ id: string; path: string }>;
}

const clock = async () => Date.parse((await sandbox().control('GET', '/clock')).now);
const seen = (items: INodeExecutionData[] | null) => (items ?? []).map((item) => `${String(item.json.eventType)} ${String(item.json.path)}`);
/** The ShareFile API requests since the log was cleared, as `METHOD navigation`. */
async function shareFileCalls() {
	return (await sandbox().requests())
		.filter((entry) => entry.path.startsWith('/sharefile/'))
		.map((entry) => `${entry.method} ${entry.path.replace(/^\/sharefile\/[^/]+\/sf\/v3\//, '')}`);
}

describe('ShareFile Polling Trigger', () => {
	it('reports nothing older than activation, then each uploaded or updated file in the folder and below once, in the ShareFile Trigger’s shape', async () => {
		const { account, workflow } = await setUp();
		await place(account, [{ op: 'upload', path: '/top/Inbox/old.txt', content: 'old', at: (await clock()) - 60_000 }]);
		expect(await workflow.poll()).toBeNull();
		expect(await workflow.poll()).toBeNull();

		const at = (await clock()) + 2000;
		const [invoice] = await place(account, [
			{ op: 'upload', path: '/top/Inbox/invoice.pdf', content: 'invoice', at },
			{ op: 'upload', path: '/top/Inbox/A/deep.txt', content: 'deep', at: at + 1 },
			{ op: 'upload', path: '/top/Elsewhere/other.txt', content: 'other', at: at + 2 },
			{ op: 'createFolder', path: '/top/Inbox/C', at: at + 3 },
		]);
		const items = await workflow.poll();
		expect(seen(items)).toEqual(['CREATED /top/Inbox/invoice.pdf', 'CREATED /top/Inbox/A/deep.txt']);
		const inbox = (await sandbox().control('GET', `/instances/${account.instance.id}/documents`)) as Array<{ Id: string; path?: string }>;
		expect(items![0].json).toEqual({
			eventType: 'CREATED',
			objectType: 'file',
			objectId: invoice.id,
			parentId: expect.stringMatching(/^fo/),
			elementKey: 'sharefile',
			hubKey: 'documents',
			eventDate: new Date(at).toISOString(),
			pollDate: expect.any(String),
			instanceId: `a${account.instance.id}`,
			source: 'sharefile',
			raw: expect.objectContaining({ Id: invoice.id, Name: 'invoice.pdf', Path: '/top/Inbox', CreationDate: new Date(at).toISOString() }),
			name: 'invoice.pdf',
			path: '/top/Inbox/invoice.pdf',
			size: 7,
		});
		expect(inbox.length).toBeGreaterThan(0);
		expect(await workflow.poll()).toBeNull();

		await place(account, [{ op: 'update', path: '/top/Inbox/invoice.pdf', content: 'invoice v2', at: at + 60_000 }]);
		expect(seen(await workflow.poll())).toEqual(['UPDATED /top/Inbox/invoice.pdf']);
		expect(await workflow.poll()).toBeNull();
	});

	it('without Include Subfolders sees the folder’s own files only; Events picks uploads or updates', async () => {
		const { account, workflow } = await setUp({ includeSubfolders: false, events: ['File:Update'] });
		await workflow.poll();
		const at = (await clock()) + 2000;
		await place(account, [
			{ op: 'upload', path: '/top/Inbox/a.txt', content: 'a', at },
			{ op: 'upload', path: '/top/Inbox/A/b.txt', content: 'b', at },
		]);
		expect(await workflow.poll()).toBeNull();
		await place(account, [
			{ op: 'update', path: '/top/Inbox/a.txt', content: 'a2', at: at + 30_000 },
			{ op: 'update', path: '/top/Inbox/A/b.txt', content: 'b2', at: at + 30_000 },
		]);
		expect(seen(await workflow.poll())).toEqual(['UPDATED /top/Inbox/a.txt']);
		expect(await workflow.poll()).toBeNull();
	});

	it('reports files sharing one instant once each, also those that surface after a poll saw the others', async () => {
		const { account, workflow } = await setUp();
		await workflow.poll();
		const at = (await clock()) + 2000;
		await place(account, Array.from({ length: 3 }, (_, i) => ({ op: 'upload', path: `/top/Inbox/A/t${i}.txt`, at })));
		expect(seen(await workflow.poll()).sort()).toEqual(['CREATED /top/Inbox/A/t0.txt', 'CREATED /top/Inbox/A/t1.txt', 'CREATED /top/Inbox/A/t2.txt']);
		await place(account, Array.from({ length: 4 }, (_, i) => ({ op: 'upload', path: `/top/Inbox/B/late${i}.txt`, at })));
		expect(seen(await workflow.poll()).sort()).toEqual([
			'CREATED /top/Inbox/B/late0.txt',
			'CREATED /top/Inbox/B/late1.txt',
			'CREATED /top/Inbox/B/late2.txt',
			'CREATED /top/Inbox/B/late3.txt',
		]);
		expect(await workflow.poll()).toBeNull();
	});

	it('reads every page of a large folder, and lists only the folders whose date says something changed below them', async () => {
		const { account, workflow } = await setUp();
		await workflow.poll();
		const at = (await clock()) + 2000;
		await place(account, [{ op: 'upload', path: '/top/Inbox/B/b.txt', at: at - 120_000 }]);
		await place(account, Array.from({ length: 1201 }, (_, i) => ({ op: 'upload', path: `/top/Inbox/A/f${i}.txt`, at: at + i })));
		await sandbox().control('DELETE', '/requests');
		const items = await workflow.poll();
		expect(items).toHaveLength(1201);
		expect(new Set(items!.map((item) => item.json.objectId)).size).toBe(1201);
		expect(items![1200].json.path).toBe('/top/Inbox/A/f1200.txt');
		const calls = await shareFileCalls();
		// The folder, its children, then A's three pages; B has not changed since the last poll.
		expect(calls.filter((call) => call.endsWith('/Children'))).toHaveLength(4);
		const log = (await sandbox().requests()).filter((entry) => entry.path.endsWith('/Children'));
		expect(log.map((entry) => entry.query?.$skip)).toEqual(['0', '0', '500', '1000']);
		expect(await workflow.poll()).toBeNull();

		// Nothing new: the folders changed within the minute before the newest change are listed
		// again (for changes that surface late), B still not.
		await sandbox().control('DELETE', '/requests');
		expect(await workflow.poll()).toBeNull();
		expect((await shareFileCalls()).map((call) => call.replace(/\(fo\w+\)/, '(…)'))).toEqual([
			'GET Items/ByPath',
			'GET Items(…)/Children',
			'GET Items(…)/Children',
			'GET Items(…)/Children',
			'GET Items(…)/Children',
		]);
	});

	it('a tree with no change since the watermark costs one request per poll (its folder), however large', async () => {
		const quiet = await shareFileAccount(sandbox(), 'quiet account');
		const long = (await clock()) - 3_600_000;
		await place(quiet, [
			{ op: 'createFolder', path: '/top/Inbox', at: long },
			{ op: 'createFolder', path: '/top/Inbox/A', at: long },
			{ op: 'upload', path: '/top/Inbox/A/a.txt', at: long + 1 },
		]);
		const quietWorkflow = polled(quiet);
		await quietWorkflow.poll();
		await sandbox().control('DELETE', '/requests');
		expect(await quietWorkflow.poll()).toBeNull();
		expect(await shareFileCalls()).toEqual(['GET Items/ByPath']);
	});

	it('survives restarts: state saved as JSON, small, each change once', async () => {
		const { account, workflow } = await setUp();
		await workflow.poll();
		const at = (await clock()) + 2000;
		await place(account, [{ op: 'upload', path: '/top/Inbox/a.txt', at }]);
		expect(seen(await workflow.poll())).toEqual(['CREATED /top/Inbox/a.txt']);
		let restarted = workflow.restart();
		expect(await restarted.poll()).toBeNull();
		await place(account, [
			{ op: 'upload', path: '/top/Inbox/b.txt', at: at + 5 },
			{ op: 'upload', path: '/top/Inbox/A/c.txt', at },
		]);
		restarted = restarted.restart();
		expect(seen(await restarted.poll()).sort()).toEqual(['CREATED /top/Inbox/A/c.txt', 'CREATED /top/Inbox/b.txt']);
		restarted = restarted.restart();
		expect(await restarted.poll()).toBeNull();
		expect(restarted.staticDataJson.length).toBeLessThan(1000);
		expect(restarted.staticDataJson).not.toMatch(/token|secret/i);
	});

	it('a poll that fails part-way reports nothing and moves nothing; the next one reports everything once', async () => {
		const { account, workflow } = await setUp();
		await workflow.poll();
		const at = (await clock()) + 2000;
		const placed = await place(account, [
			{ op: 'upload', path: '/top/Inbox/A/a.txt', at },
			{ op: 'upload', path: '/top/Inbox/B/b.txt', at: at + 1 },
		]);
		const listing = (await sandbox().control('GET', `/instances/${account.instance.id}/documents`)) as Array<{ Id: string; Name: string }>;
		const folderB = listing.find((item) => item.Name === 'B')!;
		expect(placed).toHaveLength(2);
		const before = workflow.staticDataJson;
		// B's listing fails for good (every attempt answers 500), after A's was read.
		const apiRoot = (await sandbox().requests()).find((entry) => entry.path.includes('/sf/v3/'))!.path.split('/sf/v3/')[0];
		await sandbox().control('POST', '/faults', { kind: '500', count: 5, pathPrefix: `${apiRoot}/sf/v3/Items(${folderB.Id})/Children` });
		await expect(workflow.poll()).rejects.toThrow();
		expect(workflow.staticDataJson).toBe(before);
		expect(seen(await workflow.poll())).toEqual(['CREATED /top/Inbox/A/a.txt', 'CREATED /top/Inbox/B/b.txt']);
		const calls = await shareFileCalls();
		expect(calls.filter((call) => call === `GET Items(${folderB.Id})/Children`).length).toBeGreaterThanOrEqual(6);
		expect(await workflow.poll()).toBeNull();
	}, 60_000);

	it('Fetch Test Event returns the newest change without moving the state; the poll still reports it', async () => {
		const { account, workflow } = await setUp();
		await expect(workflow.poll('manual')).rejects.toThrow('No file changed in the last 365 days in Inbox');
		await workflow.poll();
		const before = workflow.staticDataJson;
		const at = (await clock()) + 2000;
		await place(account, [
			{ op: 'upload', path: '/top/Inbox/first.txt', at },
			{ op: 'upload', path: '/top/Inbox/B/newest.txt', content: 'new', at: at + 10 },
			{ op: 'upload', path: '/top/Elsewhere/not-here.txt', at: at + 20 },
		]);
		const test = await workflow.poll('manual');
		expect(seen(test)).toEqual(['CREATED /top/Inbox/B/newest.txt']);
		expect(test![0].json).toMatchObject({ source: 'sharefile', instanceId: `a${account.instance.id}` });
		expect(workflow.staticDataJson).toBe(before);
		expect(seen(await workflow.poll())).toEqual(['CREATED /top/Inbox/first.txt', 'CREATED /top/Inbox/B/newest.txt']);
	});

	it('Start From → A Date reports, once, what changed since that date', async () => {
		const account = await shareFileAccount(sandbox(), 'backfill');
		const now = await clock();
		await place(account, [
			{ op: 'createFolder', path: '/top/Inbox', at: now - 4 * 86_400_000 },
			{ op: 'createFolder', path: '/top/Inbox/Sub', at: now - 4 * 86_400_000 },
			{ op: 'upload', path: '/top/Inbox/too-old.txt', at: now - 3 * 86_400_000 },
			{ op: 'upload', path: '/top/Inbox/recent.txt', at: now - 86_400_000 },
			{ op: 'upload', path: '/top/Inbox/Sub/recent-below.txt', at: now - 3_600_000 },
		]);
		const workflow = polled(account, { startFrom: 'date', startDate: new Date(now - 2 * 86_400_000).toISOString() });
		expect(seen(await workflow.poll())).toEqual(['CREATED /top/Inbox/recent.txt', 'CREATED /top/Inbox/Sub/recent-below.txt']);
		expect(await workflow.poll()).toBeNull();
		expect(await workflow.restart().poll()).toBeNull();
	});

	it('Options → Download File attaches each file before the state moves', async () => {
		const { account, workflow } = await setUp({ options: { downloadFile: true } });
		await workflow.poll();
		await place(account, [{ op: 'upload', path: '/top/Inbox/scan.txt', content: 'scanned page', at: (await clock()) + 2000 }]);
		const [item] = (await workflow.poll())!;
		expect(item.json.path).toBe('/top/Inbox/scan.txt');
		expect((await binaryBytes(item.binary!.data)).toString()).toBe('scanned page');
	});
});
