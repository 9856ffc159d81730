import type { IDataObject } from 'n8n-workflow';

import { useTestSandbox } from '../harness/sandboxClient';
import { byPath, placeDocuments as place, shareFileAccount } from '../harness/shareFile';
import { shareFileTrigger } from '../harness/shareFileTrigger';
import { until } from '../harness/until';
import { WebhookTriggerHarness } from '../harness/webhookTrigger';
import { sfOk } from '../sandbox/sharefile-api-helpers';

const sandbox = useTestSandbox();
const harnesses: WebhookTriggerHarness[] = [];
afterEach(async () => {
	while (harnesses.length) await harnesses.pop()!.close();
});

type Account = Awaited<ReturnType<typeof shareFileAccount>>;

async function trigger(account: Account, parameters: IDataObject = {}) {
	const harness = await shareFileTrigger(account, { folder: byPath('/top/Inbox'), ...parameters });
	harnesses.push(harness);
	return harness;
}

const flushRetries = async () => await sandbox().control('POST', '/sharefile/webhooks/flush');

/** What ran, in order: each item's file name, event type and whether it was recovered. */
const ran = (harness: WebhookTriggerHarness) =>
	harness.started.flat().map(({ json }) => `${String(json.name)} ${String(json.eventType)}${json.recovered === true ? ' recovered' : ''}`);

/** Runs the started items through the workflow engine, as n8n runs each delivery's execution (execute() notes them). */
async function runExecutions(harness: WebhookTriggerHarness, from = 0) {
	for (const items of harness.started.slice(from)) await harness.runExecution(items, 'webhook');
}

describe('ShareFile Trigger: reconcile on activation', () => {
	it('changes made while the workflow was inactive run once each on the next activation, oldest first, recovered; the one after runs none of them again', async () => {
		const account = await shareFileAccount(sandbox(), 'reconcile inactive');
		await place(sandbox(), account.instance.id, [{ op: 'createFolder', path: '/top/Inbox' }, { op: 'createFolder', path: '/top/Inbox/sub' }, { op: 'createFolder', path: '/top/Elsewhere' }]);
		const harness = await trigger(account);
		expect((await harness.activate()).existed).toBe(false);
		const at = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
		// Uploaded a minute ago (ShareFile's clock), so that its later edit counts as an update.
		await place(sandbox(), account.instance.id, [{ op: 'upload', path: '/top/Inbox/live.pdf', content: 'live', at: at(-60) }]);
		await until(() => harness.started.length === 1, 'the live upload');
		await runExecutions(harness);

		expect(await harness.hook('delete')).toBe(true);
		await place(sandbox(), account.instance.id, [
			{ op: 'upload', path: '/top/Inbox/first.pdf', content: '1', at: at(1) },
			{ op: 'upload', path: '/top/Inbox/sub/second.pdf', content: '2', at: at(2) },
			{ op: 'update', path: '/top/Inbox/live.pdf', content: 'live, edited', at: at(3) },
			{ op: 'upload', path: '/top/Elsewhere/not-watched.pdf', content: 'x', at: at(4) },
		]);
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(harness.started).toHaveLength(1);

		expect(await harness.hook('checkExists')).toBe(false);
		expect(await harness.hook('create')).toBe(true);
		expect(ran(harness)).toEqual(['live.pdf CREATED', 'first.pdf CREATED recovered', 'second.pdf CREATED recovered', 'live.pdf UPDATED recovered']);
		await runExecutions(harness, 1);
		expect(harness.started.flat()[3].json).toMatchObject({ source: 'sharefile', objectType: 'file', path: '/top/Inbox/live.pdf' });

		// n8n starting again: the subscription stands, nothing is missing.
		expect(await harness.hook('checkExists', false, 'init')).toBe(true);
		expect(harness.started).toHaveLength(4);
	});

	it('a delivery n8n answered 404 while starting runs at start-up, recovered; one that ShareFile also retries runs once; one that ran live is not sent again', async () => {
		const account = await shareFileAccount(sandbox(), 'reconcile restart');
		await place(sandbox(), account.instance.id, [{ op: 'createFolder', path: '/top/Inbox' }]);
		const harness = await trigger(account);
		await harness.activate();
		await place(sandbox(), account.instance.id, [{ op: 'upload', path: '/top/Inbox/ran-live.pdf', content: 'a' }]);
		await until(() => harness.started.length === 1, 'the live upload');
		// Its execution's static data is not saved (n8n stopped first): only the webhook's memory knows it ran.

		harness.down = 404;
		await place(sandbox(), account.instance.id, [{ op: 'upload', path: '/top/Inbox/answered-404.pdf', content: 'b' }]);
		await until(() => harness.answers.some((answer) => answer.status === 404), 'the 404');
		harness.down = 503;
		await place(sandbox(), account.instance.id, [{ op: 'upload', path: '/top/Inbox/retried.pdf', content: 'c' }]);
		await until(() => harness.answers.filter((answer) => answer.status === 503).length >= 1, 'the 503');
		harness.down = undefined;

		expect(await harness.hook('checkExists', false, 'init')).toBe(true);
		expect(ran(harness)).toEqual(['ran-live.pdf CREATED', 'answered-404.pdf CREATED recovered', 'retried.pdf CREATED recovered']);
		await flushRetries();
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(harness.answers.at(-1)?.body).toMatch(/duplicate/);
		expect(harness.started).toHaveLength(3);
	});

	it("a production run notes the change it ran in static data (n8n saves an execution's), so a reconcile after n8n restarts starts after it; a test run notes nothing", async () => {
		const account = await shareFileAccount(sandbox(), 'reconcile notes');
		await place(sandbox(), account.instance.id, [{ op: 'createFolder', path: '/top/Inbox' }]);
		const harness = await trigger(account);
		await harness.activate();
		const reconcileSlot = () => (harness.staticData()['node:ShareFile Trigger'] as IDataObject | undefined)?.reconcile as { state: { watermark: number; edge: string[] } } | undefined;
		const before = JSON.stringify(reconcileSlot());
		expect(before).toBeDefined();
		await place(sandbox(), account.instance.id, [{ op: 'upload', path: '/top/Inbox/noted.pdf', content: 'n', at: new Date(Date.now() + 5000).toISOString() }]);
		await until(() => harness.started.length === 1, 'the live upload');
		await harness.runExecution(harness.started[0], 'manual');
		expect(JSON.stringify(reconcileSlot())).toBe(before);
		await harness.runExecution(harness.started[0], 'webhook');
		const noted = reconcileSlot()!;
		expect(noted.state.watermark).toBe(Date.parse(String(harness.started[0][0].json.modifiedDate)));
		expect(noted.state.edge).toHaveLength(1);
	});

	it('Reconcile Missed Changes off: an activation runs nothing it missed', async () => {
		const account = await shareFileAccount(sandbox(), 'reconcile off');
		await place(sandbox(), account.instance.id, [{ op: 'createFolder', path: '/top/Inbox' }]);
		const harness = await trigger(account, { options: { reconcileMissedChanges: false } });
		await harness.activate();
		await harness.hook('delete');
		await place(sandbox(), account.instance.id, [{ op: 'upload', path: '/top/Inbox/missed.pdf', content: 'm' }]);
		await harness.activate();
		expect(harness.started).toHaveLength(0);
	});

	it('a recovered delivery with a signature that is not the client key runs nothing', async () => {
		const account = await shareFileAccount(sandbox(), 'reconcile forged');
		await place(sandbox(), account.instance.id, [{ op: 'createFolder', path: '/top/Inbox' }]);
		const harness = await trigger(account);
		await harness.activate();
		const [file] = await place(sandbox(), account.instance.id, [{ op: 'upload', path: '/top/Inbox/real.pdf', content: 'r' }]);
		await until(() => harness.started.length === 1, 'the live upload');
		const body = JSON.stringify({
			WebhookSubscriptionId: 'x',
			AccountInfo: { AccountId: 'a' },
			Event: { Timestamp: new Date().toISOString(), OperationName: 'Upload', ResourceType: 'File', Resource: { Id: file.id } },
			recovered: true,
		});
		const [subscription] = (await sfOk(sandbox().sandbox, account.tokens.access_token, 'GET', 'WebhookSubscriptions')).value as Array<{ WebhookUrl: string }>;
		const url = subscription.WebhookUrl;
		const status = (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'SF-WEBHOOK-PRIMARY-SIGNATURE': 'AAAA' }, body })).status;
		expect(status).toBe(401);
		expect(harness.started).toHaveLength(1);
	});
});
