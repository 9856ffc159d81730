'use strict';
// Many workflows on one instance, and one workflow on many, in queue mode: main activates (each
// ShareFile Trigger subscribes at WEBHOOK_URL, the gateway in front of the webhook processor; the
// polling trigger polls from main), and every execution runs on a worker. Three webhook workflows
// and a polling workflow on one instance: each upload runs each webhook workflow once and is
// polled once; deactivating one leaves the others hearing every change. A workflow over every
// instance with a tag runs each instance's changes once, a third instance joining by tag at the
// next activation.

const { exampleWorkflow, nodeItems, pollingWorkflow, webhookWorkflow } = require('../../../scripts/n8n/lib/workflows');
const { NEXT_POLL_MS, POLLING_TRIGGER, WEBHOOK_TRIGGER, agencyOverTaggedInstances, eventsOn, heardBy, subscriptionsOn, uploadTo, waitForHeard, waitForPoll } = require('../lib/many-workflows');
const { startQueueStack } = require('./lib/queue-stack');
const { expectRanOnWorkers: ranOnWorkers } = require('./lib/ran-on-workers');
const { sleep, waitFor } = require('../lib/wait');

let world;
let instance;
/** The three webhook workflows: the webhook example (with its replay check downstream) and two plain ones. */
const webhooks = [];
let polling;

beforeAll(async () => {
	world = await startQueueStack('subscriptions');
	process.stderr.write(`queue e2e (subscriptions): ready after ${JSON.stringify(world.startTimes)} ms\n`);
	instance = await world.sandbox.createInstance('queue many workflows');
	const example = exampleWorkflow('sharefile-webhook-trigger.json', world.credential, instance.id);
	for (const node of example.nodes) if (node.name === WEBHOOK_TRIGGER) node.parameters.registration = 'subscription';
	webhooks.push((await world.n8n.api('POST', '/workflows', { ...example, name: 'queue invoices' })).id);
	for (const name of ['contracts', 'archive']) {
		const workflow = webhookWorkflow(`queue ${name}`, world.credential, instance.id, {
			parameters: { registration: 'subscription', options: { recoverMissedEvents: false } },
		});
		webhooks.push((await world.n8n.api('POST', '/workflows', workflow)).id);
	}
	polling = (await world.n8n.api('POST', '/workflows', pollingWorkflow('queue polled beside them', world.credential, instance.id))).id;
});
afterAll(async () => {
	await world?.close();
});

const heard = async (workflowId) => await heardBy(world.n8n, workflowId);
const polled = async () => [...(await heardBy(world.n8n, polling, POLLING_TRIGGER))].sort();
const upload = async (name) => await uploadTo(world.sandbox, instance.id, name);

/** Every execution of these workflows ran on a worker, none on main. */
const expectRanOnWorkers = async (workflowIds) => await ranOnWorkers(world, workflowIds);

describe('many workflows on one instance in queue mode', () => {
	let uploaded;

	it('three webhook workflows and one polling workflow: each upload runs each webhook workflow once and is polled once, all on workers', async () => {
		await world.sandbox.clearRequests();
		await world.n8n.activate(polling);
		await waitForPoll(world.sandbox);
		for (const id of webhooks) await world.n8n.activate(id);
		const subscribed = await waitFor('three subscriptions', async () => {
			const on = await subscriptionsOn(world.sandbox, instance.id);
			return on.length === 3 && on;
		});
		// Registered by main at the webhook processors' public address, never main's own.
		for (const subscription of subscribed) expect(subscription.config.url.startsWith(`${world.stack.webhookUrl}webhook/`)).toBe(true);
		// One at first: n8n's Remove Duplicates (in the example) inserts its first record without
		// handling a concurrent insert, so the first two executions at one moment fail one of them
		// (QueryFailedError, seen in CI). Once the record exists, executions at one moment run.
		uploaded = [await upload('invoice-1.pdf')];
		await waitForHeard(world.n8n, webhooks, 1);
		uploaded.push(await upload('contract-1.pdf'));
		await waitForHeard(world.n8n, webhooks, 2);
		await waitForHeard(world.n8n, [polling], 2, { trigger: POLLING_TRIGGER, timeoutMs: NEXT_POLL_MS });
		await sleep(1500);
		for (const id of webhooks) expect(await heard(id)).toEqual(uploaded);
		expect(await polled()).toEqual([...uploaded].sort());
		// The example's replay check passes each on: one item downstream per upload.
		const downstream = (await world.n8n.executions(webhooks[0])).flatMap((execution) => nodeItems(execution, 'Describe Change'));
		expect(downstream).toHaveLength(2);
		await expectRanOnWorkers([...webhooks, polling]);
	});

	it('deactivating one leaves the other webhook workflows and the polling one hearing every later change, once, on workers', async () => {
		// A plain one (Recover Missed Events off): its deactivation deletes its subscription.
		const [example, gone, archive] = webhooks;
		const staying = [example, archive];
		await world.n8n.deactivate(gone);
		await waitFor('two subscriptions', async () => (await subscriptionsOn(world.sandbox, instance.id)).length === 2);
		const later = [await upload('invoice-2.pdf'), await upload('contract-2.pdf')];
		await waitForHeard(world.n8n, staying, 4);
		await waitForHeard(world.n8n, [polling], 4, { trigger: POLLING_TRIGGER, timeoutMs: NEXT_POLL_MS });
		await sleep(1500);
		for (const id of staying) expect(await heard(id)).toEqual([...uploaded, ...later]);
		expect(await heard(gone)).toEqual(uploaded);
		expect(await polled()).toEqual([...uploaded, ...later].sort());
		expect((await world.n8n.executions(example)).flatMap((execution) => nodeItems(execution, 'Describe Change'))).toHaveLength(4);
		await expectRanOnWorkers([...staying, polling]);
	});
});

describe('one workflow over every instance with a tag in queue mode', () => {
	it('runs each instance’s changes once on workers, each item naming its instance; a third instance tagged later joins at the next activation', async () => {
		// Their events were off: main switched them on, registering the webhook processors' address
		// (the workflow's URL their callback).
		const atGateway = async (instances) => {
			if (!(await eventsOn(world.sandbox, instances))) return false;
			for (const one of instances) {
				const on = await subscriptionsOn(world.sandbox, one.id);
				if (on.length === 0 || !on.every((subscription) => subscription.config.url.startsWith(`${world.stack.webhookUrl}webhook/`))) return false;
			}
			return true;
		};
		const { agency, items, expected } = await agencyOverTaggedInstances({ n8n: world.n8n, sandbox: world.sandbox, credential: world.credential, name: 'queue agency', ready: atGateway });
		expect(items).toEqual(expected);
		expect((await world.n8n.executions(agency)).map((execution) => execution.status)).toEqual(['success', 'success', 'success']);
		await expectRanOnWorkers([agency]);
	});
});
