'use strict';
// The polling trigger in queue mode: main polls (webhook processors and workers never do), so
// with two workers and a webhook processor running the sandbox sees exactly one poll a minute;
// the executions run on workers; the trigger's state survives a restart of main; every change is
// reported exactly once.

const fs = require('node:fs');

const { nodeItems, pollingWorkflow } = require('../../../scripts/n8n/lib/workflows');
const { startQueueStack } = require('./lib/queue-stack');
const { sleep, waitFor } = require('../lib/wait');

const TRIGGER = 'ShareFile Polling Trigger';
const POLL_PATH = '/hubs/documents/events/poll/';

let world;
let instance;
let workflowId;
/** Every change the trigger should have reported so far, as "EVENTTYPE Name". */
const expected = [];

beforeAll(async () => {
	world = await startQueueStack('polling');
	process.stderr.write(`queue e2e (polling): ready after ${JSON.stringify(world.startTimes)} ms\n`);
	instance = await world.sandbox.createInstance('queue polled');
	workflowId = (await world.n8n.api('POST', '/workflows', pollingWorkflow('queue polling', world.credential, instance.id))).id;
});
afterAll(async () => {
	await world?.close();
});

const label = (item) => `${item.eventType} ${item.raw?.Name}`;
const change = async (body) => await world.sandbox.change(instance.id, body);

async function reported() {
	const executions = await world.n8n.executions(workflowId);
	const failed = executions.filter((execution) => execution.status !== 'success');
	if (failed.length > 0) throw new Error(`executions failed: ${JSON.stringify(failed.map((e) => e.status))}`);
	return { executions, items: executions.flatMap((execution) => nodeItems(execution, TRIGGER)) };
}

async function expectReportedOnce(timeoutMs) {
	await waitFor(`reports of ${JSON.stringify(expected)}`, async () => (await reported()).items.length >= expected.length, { timeoutMs });
	await sleep(1500);
	const { executions, items } = await reported();
	expect(items.map(label).sort()).toEqual([...expected].sort());
	return executions;
}

/** Poll requests the sandbox logged, as epoch ms. */
async function pollTimes() {
	return (await world.sandbox.requests()).filter((request) => request.path.startsWith(POLL_PATH)).map((request) => Date.parse(request.time));
}

/**
 * Waits until the sandbox has logged `count` poll requests after `since` (and a few seconds more,
 * for any extra one); their times. n8n 2.41 polls "every minute" at a second of its own choosing
 * (seeded from the workflow and node ids), not at :00, so cadence is judged by the gaps.
 */
async function pollsAfter(since, count, timeoutMs) {
	await waitFor(`${count} polls`, async () => (await pollTimes()).filter((time) => time > since).length >= count, { timeoutMs, intervalMs: 1000 });
	await sleep(5_000);
	return (await pollTimes()).filter((time) => time > since);
}

const gapsInSeconds = (times) => times.slice(1).map((time, index) => Math.round((time - times[index]) / 1000));

describe('the polling trigger in queue mode', () => {
	it('polls on main only: one poll at activation, then exactly one a minute while workers and a webhook processor run', async () => {
		await world.sandbox.clearRequests();
		const activatedAt = Date.now();
		await world.n8n.activate(workflowId);
		await change({ op: 'upload', path: '/top/first.txt', content: 'one' });
		expected.push('CREATED first.txt');
		// The poll at activation, then two on n8n's schedule, each a minute after the last.
		const times = await pollsAfter(activatedAt, 3, 200_000);
		const gaps = gapsInSeconds(times);
		process.stderr.write(`queue e2e (polling): seconds between polls after activation ${JSON.stringify(gaps)}\n`);
		expect(times).toHaveLength(3);
		expect(gaps[0]).toBeLessThanOrEqual(63);
		expect(Math.abs(gaps[1] - 60)).toBeLessThanOrEqual(3);
		const executions = await expectReportedOnce(10_000);
		const logs = world.stack.workers.map((worker) => fs.readFileSync(worker.logFile, 'utf8')).join('\n');
		for (const execution of executions) expect(logs).toContain(`Worker started execution ${execution.id} `);
	});

	it("keeps its state across a restart of main: changes made while it was down come once, nothing repeats, still one poll a minute", async () => {
		await world.n8n.stop();
		await change({
			changes: [
				{ op: 'upload', path: '/top/while-down.csv', content: 'a,b' },
				{ op: 'update', path: '/top/first.txt', content: 'edited while main was down' },
			],
		});
		expected.push('CREATED while-down.csv', 'UPDATED first.txt');
		await world.sandbox.clearRequests();
		await world.n8n.start({ timeoutMs: 180_000 });
		await world.n8n.waitForPublication(workflowId, 'published');
		// The poll at start-up, or on a starved machine the one a minute after it (seen once in CI
		// with another n8n running beside it): each change once either way.
		await expectReportedOnce(135_000);
		// From here on (the poll at start-up behind): polls a minute apart, none in between.
		const times = await pollsAfter(Date.now(), 2, 150_000);
		const gaps = gapsInSeconds(times);
		process.stderr.write(`queue e2e (polling): seconds between polls after main's restart ${JSON.stringify(gaps)}\n`);
		expect(times).toHaveLength(2);
		expect(Math.abs(gaps[0] - 60)).toBeLessThanOrEqual(3);
		await expectReportedOnce(5_000);
	});
});
