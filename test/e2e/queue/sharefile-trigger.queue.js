'use strict';
// The ShareFile Trigger (ShareFile's own signed webhooks) in queue mode: main activates (each
// workflow's WebhookSubscription made at WEBHOOK_URL, the gateway in front of the webhook
// processor, never main's own address); ShareFile's deliveries pass the gateway to the processor,
// which checks their signatures and queues them; workers run the executions. An upload runs the
// workflow once; two workflows on one folder each run every upload once; deactivation on main
// deletes the subscriptions. And main and the webhook processor restarted after 1,000 uploads that
// ran on two workers at once: how many the reconcile runs again is measured (each worker joins
// only its own notes into what it saves; see docs/triggers.md, Reconcile Missed Changes).

const { SHAREFILE_TRIGGER, connectShareFileCredential, heardFiles, median, shareFileDeliveries, shareFileSubscriptions, shareFileTriggerWorkflow, triggerItems, uploadFile, waitForFiles } = require('../lib/shareFileWebhooks');
const { nodeItems } = require('../../../scripts/n8n/lib/workflows');
const { sleep, waitFor } = require('../lib/wait');
const { startQueueStack } = require('./lib/queue-stack');
const { expectRanOnWorkers: ranOnWorkers } = require('./lib/ran-on-workers');

let world;
let instance;
let credential;
let first;
let second;

beforeAll(async () => {
	world = await startQueueStack('sharefile_trigger');
	process.stderr.write(`queue e2e (sharefile-trigger): ready after ${JSON.stringify(world.startTimes)} ms\n`);
	instance = await world.sandbox.createInstance('ShareFile acme');
	await world.sandbox.change(instance.id, { op: 'createFolder', path: '/top/In' });
	credential = await connectShareFileCredential(world.n8n, world.sandbox, { subdomain: 'acme' });
	first = (await world.n8n.api('POST', '/workflows', shareFileTriggerWorkflow('queue ShareFile Trigger', credential))).id;
	second = (await world.n8n.api('POST', '/workflows', shareFileTriggerWorkflow('queue ShareFile Trigger, second', credential))).id;
});
afterAll(async () => {
	await world?.close();
});

const subscriptions = async () => await shareFileSubscriptions(world.sandbox, instance.id);
const upload = async (name) => await uploadFile(world.sandbox, instance.id, `/top/In/${name}`);

/** Every execution of these workflows ran on a worker, none on main. */
const expectRanOnWorkers = async (workflowIds) => await ranOnWorkers(world, workflowIds);

/** Every delivery went to the gateway (WEBHOOK_URL) and was answered 200 there, by the processor. */
async function expectDeliveredThroughGateway(count) {
	const delivered = await shareFileDeliveries(world.sandbox);
	expect(delivered).toHaveLength(count);
	expect(delivered.map((delivery) => [delivery.status, ...delivery.attempts.map((attempt) => [new URL(attempt.url).port, attempt.status])])).toEqual(
		delivered.map(() => ['delivered', [String(world.stack.gateway.port), 200]]),
	);
	expect(world.stack.gateway.counts.forwarded).toBeGreaterThanOrEqual(count);
	return delivered;
}

describe('ShareFile Trigger in queue mode', () => {
	const uploaded = [];

	it('activation on main subscribes at the webhook processors\' address; an upload runs the workflow once, on a worker', async () => {
		await world.n8n.activate(first);
		const [subscription] = await waitFor('the subscription', async () => {
			const on = await subscriptions();
			return on.length === 1 && on;
		});
		expect(subscription.WebhookUrl.startsWith(`${world.stack.webhookUrl}webhook/`)).toBe(true);
		expect(subscription.WebhookUrl.startsWith(world.n8n.url)).toBe(false);
		const latencies = [];
		for (let index = 1; index <= 5; index++) {
			const uploadedAt = Date.now();
			uploaded.push(await upload(`queue-${index}.txt`));
			await waitForFiles(world.n8n, [first], index);
			latencies.push(Date.parse((await triggerItems(world.n8n, first)).at(-1).startedAt) - uploadedAt);
		}
		await sleep(1500);
		expect(await heardFiles(world.n8n, first)).toEqual(uploaded);
		expect((await triggerItems(world.n8n, first))[0]).toMatchObject({ source: 'sharefile', eventType: 'CREATED', name: 'queue-1.txt', path: '/top/In/queue-1.txt' });
		await expectDeliveredThroughGateway(5);
		await expectRanOnWorkers([first]);
		process.stderr.write(`queue e2e (sharefile-trigger): upload → execution started ${latencies.map((ms) => `${ms} ms`).join(', ')} (median ${median(latencies)} ms)\n`);
	});

	it('two workflows on one folder: each upload runs each once, on workers', async () => {
		await world.n8n.activate(second);
		await waitFor('two subscriptions', async () => (await subscriptions()).length === 2);
		for (const subscription of await subscriptions()) expect(subscription.WebhookUrl.startsWith(`${world.stack.webhookUrl}webhook/`)).toBe(true);
		const both = [await upload('both-1.txt'), await upload('both-2.txt')];
		await waitForFiles(world.n8n, [first], uploaded.length + 2);
		await waitForFiles(world.n8n, [second], 2);
		await sleep(1500);
		// Each once, in whichever order the workers took them.
		expect((await heardFiles(world.n8n, first)).sort()).toEqual([...uploaded, ...both].sort());
		expect((await heardFiles(world.n8n, second)).sort()).toEqual([...both].sort());
		await expectDeliveredThroughGateway(5 + 4);
		await expectRanOnWorkers([first, second]);
	});

	it('deactivation on main deletes both subscriptions', async () => {
		await world.n8n.deactivate(first);
		await world.n8n.deactivate(second);
		await waitFor('no subscription left', async () => (await subscriptions()).length === 0);
	});
});

describe('ShareFile Trigger in queue mode, restarted after a busy spell', () => {
	const BUSY = 1000;

	it(`${BUSY} uploads run on two workers at once, then main and the webhook processor restarted: each ran once before; what the reconcile runs again (counted) runs once more at most, marked recovered`, async () => {
		await world.sandbox.change(instance.id, { op: 'createFolder', path: '/top/Busy' });
		const busy = (await world.n8n.api('POST', '/workflows', shareFileTriggerWorkflow('queue ShareFile Trigger, busy', credential, { folder: '/top/Busy' }))).id;
		await world.n8n.activate(busy);
		await waitFor('the subscription', async () => (await subscriptions()).some((one) => one.folderPath === '/top/Busy'));
		const changes = Array.from({ length: BUSY }, (_, index) => ({ op: 'upload', path: `/top/Busy/f-${index}.txt`, content: `${index}` }));
		const ids = (await world.sandbox.change(instance.id, { changes })).changes.map((change) => change.id);
		/** Per file, how often it ran and whether a run was recovered; executions still running are left for later, failed ones counted. */
		const counts = async () => {
			const ran = new Map();
			const recovered = new Set();
			let failed = 0;
			for (const execution of await world.n8n.executions(busy)) {
				if (execution.status === 'running' || execution.status === 'new') continue;
				if (execution.status !== 'success') failed += 1;
				for (const item of nodeItems(execution, SHAREFILE_TRIGGER)) {
					ran.set(item.objectId, (ran.get(item.objectId) ?? 0) + 1);
					if (item.recovered === true) recovered.add(item.objectId);
				}
			}
			return { ran, recovered, failed };
		};
		await waitFor(
			`the ${BUSY} uploads to run`,
			async () => {
				const { ran } = await counts();
				return ids.every((id) => ran.has(id));
			},
			{ timeoutMs: 180_000, intervalMs: 1000 },
		);
		await sleep(2000);
		const before = await counts();
		expect(ids.filter((id) => before.ran.get(id) !== 1)).toEqual([]);
		expect(before.failed).toBe(0);

		// The webhook processor first, so that the reconcile's deliveries find it when main activates.
		const [processor] = world.stack.webhooks;
		await processor.stop();
		await world.n8n.stop();
		await processor.start({ timeoutMs: 180_000 });
		await world.n8n.start({ timeoutMs: 180_000 });
		const marker = await uploadFile(world.sandbox, instance.id, '/top/Busy/after-restart.txt');
		await waitFor('the upload after the restart', async () => (await counts()).ran.has(marker), { timeoutMs: 120_000 });
		await sleep(5000);
		const after = await counts();
		const again = ids.filter((id) => after.recovered.has(id));
		const twice = ids.filter((id) => after.ran.get(id) === 2);
		process.stderr.write(`queue e2e (sharefile-trigger): restart after ${BUSY} uploads run on 2 workers (n8n's default concurrency): ${again.length} run again by the reconcile, marked recovered; executions not successful: ${after.failed}\n`);
		expect(after.failed).toBe(0);
		expect(ids.filter((id) => !after.ran.has(id))).toEqual([]);
		// What runs again runs once more at most, and says so.
		expect(ids.filter((id) => after.ran.get(id) > 2)).toEqual([]);
		expect(twice.sort()).toEqual([...again].sort());
		await world.n8n.deactivate(busy);
	});
});
