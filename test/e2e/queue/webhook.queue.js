'use strict';
// The webhook example (examples/sharefile-webhook-trigger.json: ShareFile Trigger → Skip Replayed
// Events → Describe Change) in queue mode: main registers the webhook processor's URL, signed
// sandbox deliveries arrive at the processor and run on workers; a delivery sent to two
// processors gives one set of items downstream; 500 deliveries survive a killed webhook
// processor (0 lost, 0 duplicated) and a killed worker (every delivery ran or is listed).
// The sandbox runs 25 times faster (timeScale): Cloud Elements' 4^x-second retries take 4^x/25 s.

const fs = require('node:fs');

const { exampleWorkflow, nodeItems } = require('../../../scripts/n8n/lib/workflows');
const { deliverTo, signedDelivery } = require('../lib/deliveries');
const { startQueueStack } = require('./lib/queue-stack');
const { sleep, waitFor } = require('../lib/wait');

const PREVIOUS_CALLBACK = 'http://127.0.0.1:9/previous-hook';
const TRIGGER = 'ShareFile Trigger';
const DOWNSTREAM = 'Describe Change';
const BURST = 500;

let world;
let instance;
let workflowId;
let callbackUrl;

beforeAll(async () => {
	world = await startQueueStack('webhook', { sandbox: { timeScale: 25 } });
	process.stderr.write(`queue e2e (webhook): ready after ${JSON.stringify(world.startTimes)} ms\n`);
	instance = await world.sandbox.createInstance('queue webhooks', {
		'event.notification.enabled': true,
		'event.vendor.type': 'webhook',
		'event.notification.callback.url': PREVIOUS_CALLBACK,
	});
	const example = exampleWorkflow('sharefile-webhook-trigger.json', world.credential, instance.id);
	workflowId = (await world.n8n.api('POST', '/workflows', example)).id;
});
afterAll(async () => {
	await world?.close();
});

/** Every execution with the trigger's items (read from the queued start data when it never ran). */
async function executions() {
	return (await world.n8n.executions(workflowId)).map((execution) => {
		const ran = nodeItems(execution, TRIGGER);
		const queued = execution.data?.executionData?.nodeExecutionStack?.[0]?.data?.main?.[0]?.map((item) => item.json) ?? [];
		return { id: execution.id, status: execution.status, events: ran.length > 0 ? ran : queued, downstream: nodeItems(execution, DOWNSTREAM) };
	});
}

const workerLogs = () => world.stack.workers.map((worker) => fs.readFileSync(worker.logFile, 'utf8')).join('\n');

/** objectId → how many times it came out of the trigger / downstream, over all executions. */
function tally(all) {
	const count = (pick) => {
		const map = new Map();
		for (const execution of all) for (const item of pick(execution)) map.set(item.objectId, (map.get(item.objectId) || 0) + 1);
		return map;
	};
	return { events: count((e) => e.events), downstream: count((e) => e.downstream) };
}

async function deliveries() {
	return await world.sandbox.control('GET', `/instances/${instance.id}/deliveries`);
}

/** Places `count` uploads in one request: the sandbox delivers each as its own signed delivery. */
async function burst(label, count) {
	// A new folder is no webhook event (ShareFile sends none): only the uploads are delivered.
	const { changes } = await world.sandbox.change(instance.id, {
		changes: [
			{ op: 'createFolder', path: `/top/${label}` },
			...Array.from({ length: count }, (_, index) => ({ op: 'upload', path: `/top/${label}/f-${index}.txt`, content: String(index) })),
		],
	});
	return changes.slice(1).map((change) => change.id);
}

async function waitForDelivered(ids, timeoutMs) {
	return await waitFor(
		`${ids.length} deliveries settled`,
		async () => {
			const all = await deliveries();
			const settled = all.filter((delivery) => delivery.status === 'delivered' || delivery.status === 'failed');
			return settled.length >= all.length && all.length > 0 && all;
		},
		{ timeoutMs, intervalMs: 1000 },
	);
}

async function waitForQuietExecutions(timeoutMs) {
	// Settled when no execution is new or running and the count has not moved for 3 s.
	let previous = -1;
	return await waitFor(
		'the executions to settle',
		async () => {
			const all = await executions();
			const busy = all.some((execution) => ['new', 'running', 'waiting'].includes(execution.status));
			const steady = all.length === previous;
			previous = all.length;
			return !busy && steady && all;
		},
		{ timeoutMs, intervalMs: 3000 },
	);
}

describe('the webhook trigger in queue mode', () => {
	it("activation on main registers the webhook processor's URL (WEBHOOK_URL) on the instance", async () => {
		await world.n8n.activate(workflowId);
		const stored = await waitFor('the callback registration', async () => {
			const current = await world.sandbox.instance(instance.id);
			return current.configuration['event.notification.callback.url'] !== PREVIOUS_CALLBACK && current;
		});
		callbackUrl = stored.configuration['event.notification.callback.url'];
		expect(callbackUrl.startsWith(`${world.stack.webhookUrl}webhook/`)).toBe(true);
		expect(callbackUrl.startsWith(world.n8n.url)).toBe(false);
		// Main serves no production webhooks (N8N_DISABLE_PRODUCTION_MAIN_PROCESS).
		const path = new URL(callbackUrl);
		expect((await fetch(`${world.n8n.url}${path.pathname}${path.search}`, { method: 'POST', body: '{}' })).status).toBe(404);
	});

	it('a sandbox change arrives at the webhook processor as a signed delivery and runs on a worker', async () => {
		const { id: fileId } = await world.sandbox.change(instance.id, { op: 'upload', path: '/top/first.txt', content: 'hello' });
		const [execution] = await waitFor('the execution', async () => {
			const all = await executions();
			return all.length > 0 && all[0].status === 'success' && all;
		});
		expect(execution.events).toEqual([expect.objectContaining({ eventType: 'CREATED', objectId: fileId, source: 'webhook' })]);
		expect(execution.downstream).toHaveLength(1);
		const [delivery] = await deliveries();
		expect(delivery.attempts.map((attempt) => [new URL(attempt.url).port, attempt.status])).toEqual([[String(world.stack.webhooks[0].port), 200]]);
		// n8n records no worker on the execution; each worker logs the executions it runs.
		expect(workerLogs()).toContain(`Worker started execution ${execution.id} `);
		expect(fs.readFileSync(world.n8n.logFile, 'utf8')).not.toContain(`started execution ${execution.id} `);
	});

	it('the same delivery sent to two webhook processors gives one set of items downstream', async () => {
		const second = await world.addWebhookProcessor();
		const before = (await executions()).length;
		const origins = [world.stack.webhooks[0].url, second.url];
		// As Cloud Elements does after a failure: the copy comes later, here to the other processor.
		const sequential = signedDelivery(instance, callbackUrl, '2900001', [
			{ eventType: 'UPDATED', objectId: 'fi-replayed-a' },
			{ eventType: 'UPDATED', objectId: 'fi-replayed-b' },
		]);
		expect((await deliverTo(origins[0], callbackUrl, sequential)).status).toBe(200);
		await waitFor('the first copy to run', async () => (await executions()).filter((e) => e.status === 'success').length > before);
		expect((await deliverTo(origins[1], callbackUrl, sequential)).status).toBe(200);
		// Both at the same moment: measured, reported, not asserted (n8n's deduplication reads
		// and then writes its record, without a lock: see the README's queue-mode section).
		const together = signedDelivery(instance, callbackUrl, '2900002', [{ eventType: 'UPDATED', objectId: 'fi-together' }]);
		const answers = await Promise.all(origins.map((origin) => deliverTo(origin, callbackUrl, together)));
		expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
		const all = (await waitForQuietExecutions(60_000)).slice(before);
		const { events, downstream } = tally(all);
		process.stderr.write(
			`queue e2e (replay): sequential copy: ${events.get('fi-replayed-a')} runs of the trigger, ${downstream.get('fi-replayed-a') ?? 0} item(s) downstream; ` +
				`simultaneous copies: ${events.get('fi-together')} runs, ${downstream.get('fi-together') ?? 0} item(s) downstream\n`,
		);
		expect(events.get('fi-replayed-a')).toBe(2);
		expect(downstream.get('fi-replayed-a')).toBe(1);
		expect(downstream.get('fi-replayed-b')).toBe(1);
		expect(downstream.get('fi-together')).toBeGreaterThanOrEqual(1);
		await second.stop();
		world.stack.webhooks.pop();
	});

	it(`${BURST} deliveries while the webhook processor is killed and restarted: 0 lost, 0 duplicated`, async () => {
		const before = new Set((await executions()).map((e) => e.id));
		const earlier = (await deliveries()).length;
		const started = Date.now();
		const files = await burst('burst-webhook', BURST);
		const processor = world.stack.webhooks[0];
		await waitFor('100 deliveries', async () => (await deliveries()).filter((d) => d.status === 'delivered').length > earlier + 100, { timeoutMs: 60_000, intervalMs: 200 });
		await processor.kill('SIGKILL');
		const killedAt = Date.now();
		await processor.start({ timeoutMs: 180_000 });
		const restartMs = Date.now() - killedAt;
		await waitForDelivered(files, 240_000);
		const all = (await waitForQuietExecutions(240_000)).filter((e) => !before.has(e.id));
		const settled = (await deliveries()).slice(earlier);
		const { events, downstream } = tally(all);
		const lost = files.filter((id) => !downstream.get(id));
		const duplicated = files.filter((id) => downstream.get(id) > 1);
		const replayedRuns = files.filter((id) => events.get(id) > 1).length;
		const retried = settled.filter((d) => d.attempts.length > 1).length;
		// How every attempt was answered (a status, or the sandbox's error cut to its kind).
		const answers = {};
		for (const attempt of settled.flatMap((d) => d.attempts)) {
			const kind = attempt.status ?? String(attempt.error).replace(/[\d:.]+/g, '#').slice(0, 40);
			answers[kind] = (answers[kind] || 0) + 1;
		}
		// The burst's deliveries are made in the order of its uploads.
		const attemptsOfLost = lost.map((id) => ({ id, attempts: settled[files.indexOf(id)]?.attempts.map((a) => `${a.status ?? a.error} ${a.durationMs} ms at ${a.at}${a.answer ? ` ${a.answer}` : ''}`) }));
		process.stderr.write(
			`queue e2e (webhook processor killed): ${BURST} deliveries, ${retried} retried by the sandbox, processor back in ${restartMs} ms; ` +
				`executions ${all.length} (${all.filter((e) => e.status !== 'success').length} not successful), events run twice ${replayedRuns}; ` +
				`downstream: lost ${lost.length}, duplicated ${duplicated.length}; ${((Date.now() - started) / 1000).toFixed(0)} s; ` +
				`attempts answered ${JSON.stringify(answers)}${lost.length ? `; lost: ${JSON.stringify(attemptsOfLost)}` : ''}\n`,
		);
		expect(settled.filter((d) => d.status !== 'delivered')).toEqual([]);
		expect(lost).toEqual([]);
		expect(duplicated).toEqual([]);
	});

	it(`${BURST} deliveries while a worker is killed: every delivery ran or is listed as crashed or failed`, async () => {
		const before = new Set((await executions()).map((e) => e.id));
		const earlier = (await deliveries()).length;
		const started = Date.now();
		const files = await burst('burst-worker', BURST);
		await waitFor('150 deliveries', async () => (await deliveries()).filter((d) => d.status === 'delivered').length > earlier + 150, { timeoutMs: 60_000, intervalMs: 200 });
		const [victim] = world.stack.workers;
		await victim.kill('SIGKILL');
		await waitForDelivered(files, 240_000);
		const all = (await waitForQuietExecutions(300_000)).filter((e) => !before.has(e.id));
		const byFile = new Map();
		for (const execution of all) for (const item of execution.events) byFile.set(item.objectId, [...(byFile.get(item.objectId) || []), execution]);
		const ran = files.filter((id) => (byFile.get(id) || []).some((e) => e.status === 'success'));
		const listed = files.filter((id) => !ran.includes(id) && (byFile.get(id) || []).length > 0);
		const missing = files.filter((id) => !byFile.has(id));
		// n8n 2.41 never reruns a job whose worker died (Bull's maxStalledCount is fixed at 0): it
		// marks the execution failed ("failed to be processed too many times") and empties its
		// data, so which delivery it held cannot be read back; each one still stands in the list.
		const erased = all.filter((e) => e.status !== 'success' && e.events.length === 0);
		const statuses = {};
		for (const execution of all) statuses[execution.status] = (statuses[execution.status] || 0) + 1;
		const twice = files.filter((id) => (byFile.get(id) || []).filter((e) => e.status === 'success').length > 1).length;
		process.stderr.write(
			`queue e2e (worker killed): ${BURST} deliveries; executions ${JSON.stringify(statuses)}; ran ${ran.length} (twice ${twice}), ` +
				`listed as not run with their events ${listed.length}, listed as failed with their data erased by n8n ${erased.length}, ` +
				`not accounted for ${missing.length - erased.length}; ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
		);
		expect(all).toHaveLength(BURST);
		expect(erased.every((e) => e.status === 'error' || e.status === 'crashed')).toBe(true);
		expect(missing.length).toBe(erased.length);
		expect(ran.length + listed.length + erased.length).toBe(BURST);
		await victim.start({ timeoutMs: 180_000 });
	});

	it('deactivation puts the previous callback back', async () => {
		await world.n8n.deactivate(workflowId);
		const restored = await waitFor('the previous registration to come back', async () => {
			const current = await world.sandbox.instance(instance.id);
			return current.configuration['event.notification.callback.url'] === PREVIOUS_CALLBACK && current;
		});
		expect(restored.configuration['event.notification.enabled']).toBe('true');
		await sleep(500);
	});
});
