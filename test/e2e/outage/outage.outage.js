'use strict';
// n8n really stopped while ShareFile changes happen: Cloud Elements' retries (4^x seconds, sped
// up by the sandbox's time scale) run out and later deliveries queue, or, with the account's
// `queue` failure policy, everything queues at once. Started again, the webhook trigger recovers:
// every change runs exactly once — also in each of two workflows subscribed to one instance. Also:
// the workflow deactivated for a while (with the instance's callback, or as one of two subscribers),
// and a live upload during recovery.

const { webhookWorkflow } = require('../../../scripts/n8n/lib/workflows');
const { startStack } = require('../lib/stack');
const { waitFor } = require('../lib/wait');

const CHANGES = 1000;
// 4 s + 16 s + ... + 4^9 s ≈ 97 hours of retries pass in about 3.5 s.
const TIME_SCALE = 100_000;

let stack;

beforeAll(async () => {
	stack = await startStack('outage', { sandbox: { timeScale: TIME_SCALE } });
});
afterAll(async () => {
	await stack?.close();
});

/** Places `count` uploads under a fresh folder; their ids. */
async function uploads(instanceId, folder, count) {
	const changes = [{ op: 'createFolder', path: `/top/${folder}` }];
	for (let index = 0; index < count; index++) changes.push({ op: 'upload', path: `/top/${folder}/f-${index}.txt`, content: `${index}` });
	const applied = await stack.sandbox.change(instanceId, { changes });
	return applied.changes.filter((change) => change.op === 'upload').map((change) => change.id);
}

/** Every event the workflow ran: objectId → how often, and how many were marked recovered. */
async function ran(workflowId) {
	const counts = new Map();
	let recovered = 0;
	for (const execution of await stack.n8n.executions(workflowId)) {
		for (const item of execution.data?.resultData?.runData?.['ShareFile Trigger']?.[0]?.data?.main?.[0] ?? []) {
			counts.set(item.json.objectId, (counts.get(item.json.objectId) ?? 0) + 1);
			if (item.json.recovered === true) recovered += 1;
		}
	}
	return { counts, recovered };
}

/** Lost and duplicated among `expected` ids, once every one has run (or the wait gives up). */
async function account(workflowId, expected, what) {
	const started = Date.now();
	let last;
	await waitFor(
		what,
		async () => {
			last = await ran(workflowId);
			return expected.every((id) => last.counts.has(id));
		},
		{ timeoutMs: 240_000, intervalMs: 1000 },
	).catch(() => undefined);
	const lost = expected.filter((id) => !last.counts.has(id)).length;
	const duplicated = [...last.counts.values()].reduce((sum, count) => sum + Math.max(0, count - 1), 0);
	return { lost, duplicated, recovered: last.recovered, seconds: (Date.now() - started) / 1000 };
}

async function activeWorkflow(name, { instance, registration = 'callback' } = {}) {
	const on = instance ?? (await stack.sandbox.createInstance(name));
	const workflow = await stack.n8n.api('POST', '/workflows', webhookWorkflow(name, stack.credential, on.id, { parameters: { eventTypes: ['CREATED'], registration } }));
	await stack.n8n.activate(workflow.id);
	return { instance: on, workflowId: workflow.id };
}

/**
 * Waits until Cloud Elements holds the instance's deliveries (retries ran out, or the `queue`
 * policy), for each of its `subscribers` subscriptions.
 */
async function held(instanceId, subscribers = 1) {
	const where = `channel='webhook' and status='queued' and instanceId='${instanceId}'`;
	await waitFor('the deliveries to be held', async () => {
		const queued = await stack.sandbox.platform('GET', `/notifications/subscriptions/deliveries?where=${encodeURIComponent(where)}&pageSize=500`);
		return queued.status === 200 && new Set(queued.body.map((delivery) => delivery.subscriptionId)).size >= subscribers;
	});
}

function report(what, outcome, seconds) {
	process.stderr.write(`outage (${what}): lost ${outcome.lost}, duplicated ${outcome.duplicated}, recovered ${outcome.recovered}, last ran ${seconds.toFixed(1)} s after ${what.startsWith('deactivated') ? 'activation' : 'n8n started'}\n`);
}

async function setPolicy(policy) {
	const answer = await stack.sandbox.platform('PATCH', '/accounts/settings', { 'notification.webhook.failure.policy': policy });
	expect(answer.status).toBe(200);
}

describe('ShareFile changes while n8n is down', () => {
	it.each(['retry', 'queue'])('failure policy %s: n8n stopped during 1,000 uploads, started again → each runs once', async (policy) => {
		await setPolicy(policy);
		const { instance, workflowId } = await activeWorkflow(`outage ${policy}`);
		await stack.n8n.stop();
		const ids = await uploads(instance.id, `Outage-${policy}`, CHANGES);
		// Cloud Elements gives up on the first delivery and holds the rest (retry), or holds at once.
		await held(instance.id);
		const restarted = Date.now();
		await stack.n8n.start();
		const outcome = await account(workflowId, ids, `${CHANGES} recovered uploads`);
		report(policy, outcome, (Date.now() - restarted) / 1000);
		expect(outcome).toMatchObject({ lost: 0, duplicated: 0, recovered: CHANGES });
	});

	it('two workflows on one instance, each with its own subscription: n8n stopped during 1,000 uploads, started again → each runs each change once', async () => {
		await setPolicy('retry');
		const first = await activeWorkflow('outage, first subscriber', { registration: 'subscription' });
		const second = await activeWorkflow('outage, second subscriber', { instance: first.instance, registration: 'subscription' });
		await waitFor('two subscriptions on the instance', async () => {
			const { body } = await stack.sandbox.platform('GET', '/notifications/subscriptions');
			return body.filter((subscription) => subscription.topics.includes(`instance-${first.instance.id}-sharefile-events`)).length === 2;
		});
		await stack.n8n.stop();
		const ids = await uploads(first.instance.id, 'Outage-subscribers', CHANGES);
		await held(first.instance.id, 2);
		const restarted = Date.now();
		await stack.n8n.start();
		for (const [name, { workflowId }] of [['first', first], ['second', second]]) {
			const outcome = await account(workflowId, ids, `${CHANGES} recovered uploads in the ${name} workflow`);
			report(`two subscribers, ${name}`, outcome, (Date.now() - restarted) / 1000);
			expect(outcome).toMatchObject({ lost: 0, duplicated: 0, recovered: CHANGES });
		}
	});

	it('the workflow deactivated for a while, then activated: what happened meanwhile runs once', async () => {
		await setPolicy('retry');
		const { instance, workflowId } = await activeWorkflow('deactivated');
		await stack.n8n.deactivate(workflowId);
		const ids = await uploads(instance.id, 'Meanwhile', 50);
		// Long enough for Cloud Elements to give up on n8n's 404s and hold the rest.
		await held(instance.id);
		const activated = Date.now();
		await stack.n8n.activate(workflowId);
		const outcome = await account(workflowId, ids, '50 uploads made while inactive');
		report('deactivated, retry', outcome, (Date.now() - activated) / 1000);
		expect(outcome).toMatchObject({ lost: 0, duplicated: 0, recovered: 50 });
	});

	it('one of two subscribed workflows deactivated during 50 uploads (its subscription deleted: nothing calls it), then activated → the gap runs once from the stored-event log', async () => {
		await setPolicy('retry');
		const staying = await activeWorkflow('subscribed, staying', { registration: 'subscription' });
		const leaving = await activeWorkflow('subscribed, leaving', { instance: staying.instance, registration: 'subscription' });
		const topic = `instance-${staying.instance.id}-sharefile-events`;
		const subscribers = async () => (await stack.sandbox.platform('GET', '/notifications/subscriptions')).body.filter((subscription) => subscription.topics.includes(topic)).length;
		await waitFor('two subscriptions on the instance', async () => (await subscribers()) === 2);
		await stack.n8n.deactivate(leaving.workflowId);
		await waitFor('the deactivated workflow’s subscription to go', async () => (await subscribers()) === 1);
		const ids = await uploads(staying.instance.id, 'Meanwhile-subscribed', 50);
		const stayed = await account(staying.workflowId, ids, '50 uploads in the workflow that stayed');
		expect(stayed).toMatchObject({ lost: 0, duplicated: 0, recovered: 0 });
		expect((await ran(leaving.workflowId)).counts.size).toBe(0);
		const activated = Date.now();
		await stack.n8n.activate(leaving.workflowId);
		const outcome = await account(leaving.workflowId, ids, '50 uploads made while it was inactive');
		report('deactivated subscriber', outcome, (Date.now() - activated) / 1000);
		expect(outcome).toMatchObject({ lost: 0, duplicated: 0, recovered: 50 });
	});

	it('a live upload during recovery runs once', async () => {
		await setPolicy('queue');
		const { instance, workflowId } = await activeWorkflow('live during recovery');
		await stack.n8n.stop();
		const missed = await uploads(instance.id, 'Missed', 300);
		const restarted = Date.now();
		await stack.n8n.start();
		const [live] = await uploads(instance.id, 'Live', 1);
		const outcome = await account(workflowId, [...missed, live], 'the missed uploads and the live one');
		report('live during recovery, queue', outcome, (Date.now() - restarted) / 1000);
		expect(outcome).toMatchObject({ lost: 0, duplicated: 0 });
		const { counts } = await ran(workflowId);
		expect(counts.get(live)).toBe(1);
	});
});
