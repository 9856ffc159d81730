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

/** Waits until `count` more whole minutes have begun, plus a few seconds for their polls. */
async function waitMinutes(count) {
	const now = Date.now();
	const until = (Math.floor(now / 60_000) + count) * 60_000 + 5_000;
	await sleep(until - now);
	return until;
}

const minuteOf = (ms) => Math.floor(ms / 60_000);

/** Polls per whole minute strictly between `from` and `to` (each must be exactly one). */
function pollsPerMinute(times, from, to) {
	const counts = {};
	for (let minute = minuteOf(from) + 1; minute <= minuteOf(to); minute++) counts[new Date(minute * 60_000).toISOString()] = 0;
	for (const time of times) {
		const key = new Date(minuteOf(time) * 60_000).toISOString();
		if (key in counts) counts[key] += 1;
	}
	return counts;
}

describe('the polling trigger in queue mode', () => {
	it('polls on main only: one poll at activation, then exactly one a minute while workers and a webhook processor run', async () => {
		await world.sandbox.clearRequests();
		const activatedAt = Date.now();
		await world.n8n.activate(workflowId);
		await change({ op: 'upload', path: '/top/first.txt', content: 'one' });
		expected.push('CREATED first.txt');
		const until = await waitMinutes(2);
		const times = await pollTimes();
		const counts = pollsPerMinute(times, activatedAt, until);
		process.stderr.write(`queue e2e (polling): poll requests per minute after activation ${JSON.stringify(counts)}\n`);
		expect(Object.values(counts)).toEqual([1, 1]);
		expect(times.filter((time) => minuteOf(time) === minuteOf(activatedAt)).length).toBeGreaterThanOrEqual(1);
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
		await expectReportedOnce(75_000);
		// From here on (the poll at start-up behind): the next whole minute has one poll.
		const from = Date.now();
		const until = await waitMinutes(1);
		const counts = pollsPerMinute(await pollTimes(), from, until);
		process.stderr.write(`queue e2e (polling): poll requests per minute after main's restart ${JSON.stringify(counts)}\n`);
		expect(Object.values(counts).every((count) => count === 1)).toBe(true);
		await expectReportedOnce(5_000);
	});
});
