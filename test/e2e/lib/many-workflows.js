'use strict';
// What the many-workflows proofs read, single process and queue mode alike: which files each
// workflow's executions were started with, the subscriptions on an instance's topic, uploads, and
// the polling trigger's poll at activation.

const { nodeItems, webhookWorkflow } = require('../../../scripts/n8n/lib/workflows');
const { sleep, waitFor } = require('./wait');

const WEBHOOK_TRIGGER = 'ShareFile Trigger';
const POLLING_TRIGGER = 'ShareFile Polling Trigger';
const POLL_PATH = '/hubs/documents/events/poll/';
/** n8n polls every minute at a second of its own choosing: a poll comes within 60 s, and runs. */
const NEXT_POLL_MS = 90_000;

/**
 * The file ids a workflow's executions were started with, oldest execution first; throws (so a
 * waitFor keeps looking, and a last look fails) while any execution has not succeeded.
 * @param {{ executions: (id: string) => Promise<any[]> }} n8n
 */
async function heardBy(n8n, workflowId, trigger = WEBHOOK_TRIGGER) {
	const executions = await n8n.executions(workflowId);
	const unsuccessful = executions.filter((execution) => execution.status !== 'success');
	if (unsuccessful.length > 0) throw new Error(`executions of ${workflowId} not successful: ${JSON.stringify(unsuccessful.map((e) => [e.id, e.status]))}`);
	return executions
		.sort((a, b) => Number(a.id) - Number(b.id))
		.flatMap((execution) => nodeItems(execution, trigger).map((item) => item.objectId));
}

/** The executions of a workflow, oldest first. */
async function executionsOf(n8n, workflowId) {
	return (await n8n.executions(workflowId)).sort((a, b) => Number(a.id) - Number(b.id));
}

/** Every subscription of the account whose topics hold this instance's. */
async function subscriptionsOn(sandbox, instanceId) {
	const topic = `instance-${instanceId}-sharefile-events`;
	return (await sandbox.platform('GET', '/notifications/subscriptions')).body.filter((subscription) => subscription.topics.includes(topic));
}

/** Uploads a file into the instance's /top and answers its id. */
async function uploadTo(sandbox, instanceId, name) {
	return (await sandbox.change(instanceId, { op: 'upload', path: `/top/${name}`, content: name })).id;
}

/** Waits for a poll of ShareFile through the sandbox's poll endpoint, answered 200 (the poll at activation). */
async function waitForPoll(sandbox) {
	await waitFor('a poll of the sandbox', async () => (await sandbox.requests()).some((request) => request.path.startsWith(POLL_PATH) && request.status === 200));
}

/** Waits until every workflow has heard at least `count` files (webhooks within seconds, polling within a minute). */
async function waitForHeard(n8n, workflows, count, { trigger = WEBHOOK_TRIGGER, timeoutMs = 30_000 } = {}) {
	await waitFor(
		`${workflows.length} workflow(s) to hear ${count} file(s)`,
		async () => {
			for (const id of workflows) if ((await heardBy(n8n, id, trigger)).length < count) return false;
			return true;
		},
		{ timeoutMs, intervalMs: 1000 },
	);
}

/**
 * One webhook workflow over every instance tagged `client`: two tagged instances before its
 * activation, a third tagged before a re-activation; one upload in each. `ready(instances)` says
 * when activation has taken those instances in (awaited after each activation). Answers the
 * workflow's id, the items it ran as "instanceId instanceName objectId" (sorted), and those
 * expected (one per upload, sorted).
 */
async function agencyOverTaggedInstances({ n8n, sandbox, credential, name, ready }) {
	const acme = await sandbox.createInstance('Acme', {}, ['client']);
	const globex = await sandbox.createInstance('Globex', {}, ['client']);
	const workflow = webhookWorkflow(name, credential, acme.id, {
		parameters: { registration: 'subscription', instanceSource: 'tag', instanceTag: 'client', options: { recoverMissedEvents: false } },
	});
	const agency = (await n8n.api('POST', '/workflows', workflow)).id;
	await n8n.activate(agency);
	const itemsOf = async () =>
		(await n8n.executions(agency)).flatMap((execution) => nodeItems(execution, WEBHOOK_TRIGGER)).map((item) => `${item.instanceId} ${item.instanceName} ${item.objectId}`);
	const uploadIn = async (one, file) => `${one.id} ${one.name} ${await uploadTo(sandbox, one.id, file)}`;
	await waitFor('both tagged instances taken in', async () => await ready([acme, globex]));
	const expected = [await uploadIn(acme, 'a.pdf'), await uploadIn(globex, 'g.pdf')];
	await waitFor('both instances heard', async () => (await itemsOf()).length >= 2);

	const initech = await sandbox.createInstance('Initech', {}, ['client']);
	await n8n.deactivate(agency);
	await n8n.activate(agency);
	await waitFor('the third tagged instance taken in', async () => await ready([initech]));
	expected.push(await uploadIn(initech, 'i.pdf'));
	await waitFor('the third instance heard', async () => (await itemsOf()).length >= 3);
	await sleep(1500);
	return { agency, items: (await itemsOf()).sort(), expected: expected.sort() };
}

/** Whether every one of these instances has its events on (a subscriber switches them on). */
async function eventsOn(sandbox, instances) {
	for (const one of instances) if ((await sandbox.instance(one.id)).configuration['event.notification.enabled'] !== 'true') return false;
	return true;
}

module.exports = { agencyOverTaggedInstances, eventsOn, NEXT_POLL_MS, POLLING_TRIGGER, WEBHOOK_TRIGGER, executionsOf, heardBy, subscriptionsOn, uploadTo, waitForHeard, waitForPoll };
