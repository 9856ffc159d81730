'use strict';
// Many workflows on one ShareFile instance in a real n8n: each ShareFile Trigger in the default
// mode (Receive Events Through → Own Subscription) subscribes to the instance's events, so every
// upload runs every active workflow once; deactivating one leaves the others hearing every change.
// A polling workflow on the same instance (n8n polls through Cloud Elements itself, on its
// every-minute schedule) reports each of those uploads once too, beside the webhook ones.

const { nodeItems, pollingWorkflow, webhookWorkflow } = require('../../scripts/n8n/lib/workflows');
const { NEXT_POLL_MS, POLLING_TRIGGER, agencyOverTaggedInstances, eventsOn, heardBy: heardIn, subscriptionsOn, uploadTo, waitForHeard, waitForPoll } = require('./lib/many-workflows');
const { startStack } = require('./lib/stack');
const { sleep, waitFor } = require('./lib/wait');

let stack;
let instance;
const workflows = [];
let polling;

beforeAll(async () => {
	stack = await startStack('subscriptions');
	instance = await stack.sandbox.createInstance('e2e many workflows');
	for (const name of ['invoices', 'contracts', 'archive']) {
		const workflow = webhookWorkflow(`e2e ${name}`, stack.credential, instance.id, {
			parameters: { registration: 'subscription', options: { recoverMissedEvents: false } },
		});
		workflows.push((await stack.n8n.api('POST', '/workflows', workflow)).id);
	}
	polling = (await stack.n8n.api('POST', '/workflows', pollingWorkflow('e2e polled beside them', stack.credential, instance.id))).id;
});
afterAll(async () => {
	await stack?.close();
});

/** The file ids each workflow's executions were started with, in order (every execution succeeded). */
const heardBy = async (workflowId) => await heardIn(stack.n8n, workflowId);
/** The file ids the polling workflow reported, each item once per change (several may share a poll). */
const polledIds = async () => await heardIn(stack.n8n, polling, POLLING_TRIGGER);
const subscriptions = async () => await subscriptionsOn(stack.sandbox, instance.id);
const upload = async (name) => await uploadTo(stack.sandbox, instance.id, name);

describe('many workflows on one instance', () => {
	let uploaded;

	it('three active webhook workflows and one polling workflow: each upload runs each webhook workflow once and is polled once', async () => {
		// The polling workflow first: its poll at activation notes where ShareFile stands (Start From → Now).
		await stack.sandbox.clearRequests();
		await stack.n8n.activate(polling);
		await waitForPoll(stack.sandbox);
		for (const id of workflows) await stack.n8n.activate(id);
		// Polling subscribes to nothing: the three are the webhook workflows'.
		await waitFor('three subscriptions', async () => (await subscriptions()).length === 3, { timeoutMs: 30_000 });
		uploaded = [await upload('invoice-1.pdf'), await upload('contract-1.pdf')];
		await waitForHeard(stack.n8n, workflows, 2);
		await waitForHeard(stack.n8n, [polling], 2, { trigger: POLLING_TRIGGER, timeoutMs: NEXT_POLL_MS });
		await sleep(1500);
		for (const id of workflows) expect(await heardBy(id)).toEqual(uploaded);
		expect([...(await polledIds())].sort()).toEqual([...uploaded].sort());
		const items = (await stack.n8n.executions(polling)).flatMap((execution) => nodeItems(execution, POLLING_TRIGGER));
		expect(items.map((item) => [item.eventType, item.source, item.instanceId])).toEqual(uploaded.map(() => ['CREATED', 'polling', instance.id]));
	});

	it('deactivating one removes only its subscription; the others, polling too, hear every later change, once', async () => {
		const [gone, ...staying] = workflows;
		const before = await subscriptions();
		await stack.n8n.deactivate(gone);
		await waitFor('two subscriptions', async () => (await subscriptions()).length === 2, { timeoutMs: 30_000 });
		const later = await upload('invoice-2.pdf');
		await waitForHeard(stack.n8n, staying, 3);
		await waitForHeard(stack.n8n, [polling], 3, { trigger: POLLING_TRIGGER, timeoutMs: NEXT_POLL_MS });
		await sleep(1500);
		for (const id of staying) expect((await heardBy(id)).slice(-1)).toEqual([later]);
		for (const id of staying) expect(await heardBy(id)).toHaveLength(3);
		expect(await heardBy(gone)).toHaveLength(2);
		expect([...(await polledIds())].sort()).toEqual([...uploaded, later].sort());
		// The one that went had switched the instance's events on with its URL as the callback:
		// the callback went to one of the others, in place of that one's own subscription.
		const after = await subscriptions();
		expect(after.every((subscription) => before.some((earlier) => earlier.id === subscription.id))).toBe(true);
	});

	it('one workflow over every instance with a tag runs each instance’s changes once, each item naming its instance; a third instance tagged later joins at the next activation', async () => {
		// Their events were off: the workflow switches them on, its URL their callback.
		const { items, expected } = await agencyOverTaggedInstances({
			n8n: stack.n8n,
			sandbox: stack.sandbox,
			credential: stack.credential,
			name: 'e2e agency',
			ready: async (instances) => await eventsOn(stack.sandbox, instances),
		});
		expect(items).toEqual(expected);
	});
});
