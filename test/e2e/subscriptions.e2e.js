'use strict';
// Many workflows on one ShareFile instance in a real n8n: each ShareFile Trigger in the default
// mode (Receive Events Through → Own Subscription) subscribes to the instance's events, so every
// upload runs every active workflow once; deactivating one leaves the others hearing every change.
// A polling workflow on the same instance (n8n polls through Cloud Elements itself, on its
// every-minute schedule) reports each of those uploads once too, beside the webhook ones.

const { nodeItems, pollingWorkflow, webhookWorkflow } = require('../../scripts/n8n/lib/workflows');
const { startStack } = require('./lib/stack');
const { sleep, waitFor } = require('./lib/wait');

const TRIGGER = 'ShareFile Trigger';
const POLLING_TRIGGER = 'ShareFile Polling Trigger';
/** n8n polls every minute at a second of its own choosing: a poll comes within 60 s, and runs. */
const NEXT_POLL_MS = 90_000;

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
async function heardBy(workflowId, trigger = TRIGGER) {
	const executions = await stack.n8n.executions(workflowId);
	expect(executions.map((execution) => execution.status).filter((status) => status !== 'success')).toEqual([]);
	return executions
		.sort((a, b) => Number(a.id) - Number(b.id))
		.flatMap((execution) => nodeItems(execution, trigger).map((item) => item.objectId));
}

/** The file ids the polling workflow reported, each item once per change (several may share a poll). */
const polledIds = async () => await heardBy(polling, POLLING_TRIGGER);

async function subscriptions() {
	return (await stack.sandbox.platform('GET', '/notifications/subscriptions')).body;
}

async function upload(name) {
	return (await stack.sandbox.change(instance.id, { op: 'upload', path: `/top/${name}`, content: name })).id;
}

describe('many workflows on one instance', () => {
	let uploaded;

	it('three active webhook workflows and one polling workflow: each upload runs each webhook workflow once and is polled once', async () => {
		// The polling workflow first: its poll at activation notes where ShareFile stands (Start From → Now).
		await stack.sandbox.clearRequests();
		await stack.n8n.activate(polling);
		await waitFor('the poll at activation', async () =>
			(await stack.sandbox.requests()).some((request) => request.path.startsWith('/hubs/documents/events/poll/') && request.status === 200),
		);
		for (const id of workflows) await stack.n8n.activate(id);
		await waitFor('three subscriptions', async () => (await subscriptions()).length === 3, { timeoutMs: 30_000 });
		// Polling subscribes to nothing: the three are the webhook workflows'.
		uploaded = [await upload('invoice-1.pdf'), await upload('contract-1.pdf')];
		await waitFor('every webhook workflow ran both uploads', async () => {
			for (const id of workflows) if ((await heardBy(id)).length < 2) return false;
			return true;
		}, { timeoutMs: 30_000 });
		await waitFor('the polling workflow reported both uploads', async () => (await polledIds()).length >= 2, { timeoutMs: NEXT_POLL_MS, intervalMs: 1000 });
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
		await waitFor('both remaining webhook workflows ran it', async () => {
			for (const id of staying) if ((await heardBy(id)).length < 3) return false;
			return true;
		}, { timeoutMs: 30_000 });
		await waitFor('the polling workflow reported it', async () => (await polledIds()).length >= 3, { timeoutMs: NEXT_POLL_MS, intervalMs: 1000 });
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
		const acme = await stack.sandbox.createInstance('Acme', {}, ['client']);
		const globex = await stack.sandbox.createInstance('Globex', {}, ['client']);
		const workflow = webhookWorkflow('e2e agency', stack.credential, acme.id, {
			parameters: { registration: 'subscription', instanceSource: 'tag', instanceTag: 'client', options: { recoverMissedEvents: false } },
		});
		const agency = (await stack.n8n.api('POST', '/workflows', workflow)).id;
		await stack.n8n.activate(agency);
		const itemsOf = async () =>
			(await stack.n8n.executions(agency)).flatMap((execution) => nodeItems(execution, TRIGGER)).map((item) => `${item.instanceId} ${item.instanceName} ${item.objectId}`);
		const uploadIn = async (instance, name) => (await stack.sandbox.change(instance.id, { op: 'upload', path: `/top/${name}`, content: name })).id;
		// Their events were off: the workflow switched them on, its URL their callback.
		const eventsOn = async (...instances) => {
			for (const one of instances) if ((await stack.sandbox.instance(one.id)).configuration['event.notification.enabled'] !== 'true') return false;
			return true;
		};
		await waitFor('events on for both', async () => await eventsOn(acme, globex), { timeoutMs: 30_000 });
		const expected = [`${acme.id} Acme ${await uploadIn(acme, 'a.pdf')}`, `${globex.id} Globex ${await uploadIn(globex, 'g.pdf')}`];
		await waitFor('both instances heard', async () => (await itemsOf()).length >= 2, { timeoutMs: 30_000 });

		const initech = await stack.sandbox.createInstance('Initech', {}, ['client']);
		await stack.n8n.deactivate(agency);
		await stack.n8n.activate(agency);
		await waitFor('events on for the third', async () => await eventsOn(initech), { timeoutMs: 30_000 });
		expected.push(`${initech.id} Initech ${await uploadIn(initech, 'i.pdf')}`);
		await waitFor('the third instance heard', async () => (await itemsOf()).length >= 3, { timeoutMs: 30_000 });
		await sleep(1500);
		expect((await itemsOf()).sort()).toEqual(expected.sort());
	});
});
