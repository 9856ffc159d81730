'use strict';
// Many workflows on one ShareFile instance in a real n8n: each ShareFile Trigger in the default
// mode (Receive Events Through → Own Subscription) subscribes to the instance's events, so every
// upload runs every active workflow once; deactivating one leaves the others hearing every change.

const { nodeItems, webhookWorkflow } = require('../../scripts/n8n/lib/workflows');
const { startStack } = require('./lib/stack');
const { sleep, waitFor } = require('./lib/wait');

const TRIGGER = 'ShareFile Trigger';

let stack;
let instance;
const workflows = [];

beforeAll(async () => {
	stack = await startStack('subscriptions');
	instance = await stack.sandbox.createInstance('e2e many workflows');
	for (const name of ['invoices', 'contracts', 'archive']) {
		const workflow = webhookWorkflow(`e2e ${name}`, stack.credential, instance.id, {
			parameters: { registration: 'subscription', options: { recoverMissedEvents: false } },
		});
		workflows.push((await stack.n8n.api('POST', '/workflows', workflow)).id);
	}
});
afterAll(async () => {
	await stack?.close();
});

/** The file ids each workflow's executions were started with, in order. */
async function heardBy(workflowId) {
	const executions = await stack.n8n.executions(workflowId);
	expect(executions.map((execution) => execution.status).filter((status) => status !== 'success')).toEqual([]);
	return executions
		.sort((a, b) => Number(a.id) - Number(b.id))
		.flatMap((execution) => nodeItems(execution, TRIGGER).map((item) => item.objectId));
}

async function subscriptions() {
	return await stack.sandbox.platform('GET', '/notifications/subscriptions');
}

async function upload(name) {
	return (await stack.sandbox.change(instance.id, { op: 'upload', path: `/top/${name}`, content: name })).id;
}

describe('many workflows on one instance', () => {
	it('three active workflows each run every upload once', async () => {
		for (const id of workflows) await stack.n8n.activate(id);
		await waitFor('three subscriptions', async () => (await subscriptions()).length === 3, { timeoutMs: 30_000 });
		const uploaded = [await upload('invoice-1.pdf'), await upload('contract-1.pdf')];
		await waitFor('every workflow ran both uploads', async () => {
			for (const id of workflows) if ((await heardBy(id)).length < 2) return false;
			return true;
		}, { timeoutMs: 30_000 });
		await sleep(1500);
		for (const id of workflows) expect(await heardBy(id)).toEqual(uploaded);
	});

	it('deactivating one removes only its subscription; the others hear every later change, once', async () => {
		const [gone, ...staying] = workflows;
		const before = await subscriptions();
		await stack.n8n.deactivate(gone);
		await waitFor('two subscriptions', async () => (await subscriptions()).length === 2, { timeoutMs: 30_000 });
		const later = await upload('invoice-2.pdf');
		await waitFor('both remaining workflows ran it', async () => {
			for (const id of staying) if ((await heardBy(id)).length < 3) return false;
			return true;
		}, { timeoutMs: 30_000 });
		await sleep(1500);
		for (const id of staying) expect((await heardBy(id)).slice(-1)).toEqual([later]);
		for (const id of staying) expect(await heardBy(id)).toHaveLength(3);
		expect(await heardBy(gone)).toHaveLength(2);
		// The one that went had switched the instance's events on with its URL as the callback:
		// the callback went to one of the others, in place of that one's own subscription.
		const after = await subscriptions();
		expect(after.every((subscription) => before.some((earlier) => earlier.id === subscription.id))).toBe(true);
	});
});
