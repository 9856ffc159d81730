'use strict';
// The webhook example (examples/sharefile-webhook-trigger.json: ShareFile Trigger → Skip Replayed
// Events → Describe Change) in queue mode: main registers WEBHOOK_URL, the gateway in front of the
// webhook processor (scripts/n8n/lib/webhook-gateway.js); signed sandbox deliveries arrive at the
// processor and run on workers; a delivery sent to two processors gives one set of items
// downstream; a starting processor's 200s never reach the sender; 500 deliveries survive a killed
// webhook processor (0 lost, 0 duplicated) and a killed worker (every delivery ran or is listed).
// The sandbox runs 25 times faster (timeScale): Cloud Elements' 4^x-second retries take 4^x/25 s.

const fs = require('node:fs');

const { exampleWorkflow, nodeItems } = require('../../../scripts/n8n/lib/workflows');
const { deliverTo, signedDelivery } = require('../lib/deliveries');
const { holdMigrationLock } = require('./lib/migration-lock');
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
	// This suite proves the Instance Callback mode in queue mode; subscriptions.queue.js the subscriptions.
	const example = withRegistration(exampleWorkflow('sharefile-webhook-trigger.json', world.credential, instance.id), 'callback');
	workflowId = (await world.n8n.api('POST', '/workflows', example)).id;
});
afterAll(async () => {
	await world?.close();
});

/** The example with its trigger's Receive Events Through set. */
function withRegistration(workflow, registration) {
	for (const node of workflow.nodes) if (node.name === TRIGGER) node.parameters.registration = registration;
	return workflow;
}

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

/**
 * Settled when no execution has come or changed status for two looks 3 s apart and none is
 * running. `untilNoneNewAfter`: nor new among those not in this set of ids, for a worker's death:
 * n8n fails the jobs the dead worker held once Bull finds them stalled (about 30 s). Not
 * otherwise: a webhook processor killed between storing an execution and queueing its job leaves
 * it new for good (its delivery, never answered, is sent again and runs as another).
 */
async function waitForQuietExecutions(timeoutMs, { untilNoneNewAfter } = {}) {
	let previous;
	let unchanged = 0;
	return await waitFor(
		'the executions to settle',
		async () => {
			const all = await executions();
			const now = all.map((execution) => `${execution.id}:${execution.status}`).join(',');
			unchanged = now === previous ? unchanged + 1 : 0;
			previous = now;
			const busy = all.some((execution) => execution.status === 'running' || (untilNoneNewAfter && execution.status === 'new' && !untilNoneNewAfter.has(execution.id)));
			return unchanged >= 2 && !busy && all;
		},
		{ timeoutMs, intervalMs: 3000 },
	);
}

describe('the webhook trigger in queue mode', () => {
	it("activation on main registers the webhook processors' public URL (WEBHOOK_URL, the gateway) on the instance", async () => {
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
		// Sent to the gateway, which passed it on to the processor.
		expect(delivery.attempts.map((attempt) => [new URL(attempt.url).port, attempt.status])).toEqual([[String(world.stack.gateway.port), 200]]);
		expect(world.stack.gateway.counts.forwarded).toBeGreaterThan(0);
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
		// and then writes its record, without a lock: see docs/deployment.md, The replay guard).
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
		world.stack.removeWebhookProcessor(second);
	});

	it('a webhook processor answers 200 to every call while it waits to start (n8n 2.41), running nothing; through the gateway the sender gets 503 until it is ready', async () => {
		const processor = world.stack.webhooks[0];
		const gateway = world.stack.gateway.url.replace(/\/$/, '');
		const { pathname, search } = new URL(callbackUrl);
		// Unsigned: once the trigger can answer, it refuses with 401 and nothing runs.
		const call = async (origin) => {
			try {
				const answer = await fetch(`${origin}${pathname}${search}`, { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' }, signal: AbortSignal.timeout(5000) });
				return `${answer.status} ${(await answer.text()).slice(0, 40)}`;
			} catch (error) {
				return `refused ${error.cause?.code ?? error.name}`;
			}
		};
		const direct = {};
		const throughGateway = {};
		const count = (into, answer) => (into[answer] = (into[answer] || 0) + 1);
		const delivery = signedDelivery(instance, callbackUrl, '2900003', [{ eventType: 'CREATED', objectId: 'fi-while-starting' }]);
		let whileStarting;
		// As while another n8n process migrates: the restarted processor listens and waits.
		let release = await holdMigrationLock(world.services.postgres, world.database);
		try {
			await processor.kill('SIGKILL');
			let started = false;
			const starting = processor.start({ timeoutMs: 180_000 }).finally(() => (started = true));
			let listening = 0;
			while (!started) {
				const [straight, gated] = await Promise.all([call(processor.url), call(gateway)]);
				count(direct, straight);
				count(throughGateway, gated);
				if (!straight.startsWith('refused') && ++listening === 20 && release) {
					whileStarting = await Promise.all([deliverTo(processor.url, callbackUrl, delivery), deliverTo(gateway, callbackUrl, delivery)]);
					await release();
					release = undefined;
				}
				await sleep(20);
			}
			await starting;
		} finally {
			await release?.();
		}
		process.stderr.write(`queue e2e (processor starting): answers straight from it ${JSON.stringify(direct)}; through the gateway ${JSON.stringify(throughGateway)}\n`);
		expect(direct['200 n8n is starting up. Please wait']).toBeGreaterThan(0);
		expect(Object.keys(throughGateway).filter((answer) => !answer.startsWith('503 '))).toEqual([]);
		// A signed delivery sent straight then got that 200; through the gateway, a 503 to retry on.
		const [straight, gated] = whileStarting;
		expect([straight.status, straight.text]).toEqual([200, 'n8n is starting up. Please wait']);
		expect([gated.status, JSON.parse(gated.text).message]).toEqual([503, expect.stringContaining('No webhook processor is ready')]);
		await waitFor('the gateway to take the processor back', async () => (await call(gateway)).startsWith('401 '), { intervalMs: 100 });
		const runsOfIt = (all) => all.filter((execution) => execution.events.some((event) => event.objectId === 'fi-while-starting')).length;
		// The 200 ran nothing: sent straight, the event would be lost.
		expect(runsOfIt(await waitForQuietExecutions(60_000))).toBe(0);
		// Cloud Elements' retry through the gateway runs it.
		expect((await deliverTo(gateway, callbackUrl, delivery)).status).toBe(200);
		expect(runsOfIt(await waitForQuietExecutions(60_000))).toBe(1);
	});

	it(`${BURST} deliveries while the webhook processor is killed and restarted: 0 lost, 0 duplicated`, async () => {
		const before = new Set((await executions()).map((e) => e.id));
		const earlier = (await deliveries()).length;
		const gatewayBefore = { ...world.stack.gateway.counts };
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
		const statuses = {};
		for (const execution of all) statuses[execution.status] = (statuses[execution.status] || 0) + 1;
		const gateway = Object.fromEntries(Object.entries(world.stack.gateway.counts).map(([name, value]) => [name, value - gatewayBefore[name]]));
		const attemptsOfLost = lost.map((id) => ({ id, attempts: settled[files.indexOf(id)]?.attempts.map((a) => `${a.status ?? a.error} ${a.durationMs} ms at ${a.at}${a.answer ? ` ${a.answer}` : ''}`) }));
		process.stderr.write(
			`queue e2e (webhook processor killed): ${BURST} deliveries, ${retried} retried by the sandbox, processor back in ${restartMs} ms; ` +
				`executions ${all.length} ${JSON.stringify(statuses)}, events run twice ${replayedRuns}; gateway ${JSON.stringify(gateway)}; ` +
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
		const all = (await waitForQuietExecutions(300_000, { untilNoneNewAfter: before })).filter((e) => !before.has(e.id));
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
