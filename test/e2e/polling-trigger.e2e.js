'use strict';
// ShareFile (Cloud Elements) Polling Trigger in an active workflow: changes placed in the
// sandbox's ShareFile account come out as executions with one item per change, each change once,
// across deactivation, an n8n restart, and n8n's own Poll Times schedule.

const { pollingWorkflow } = require('../../scripts/n8n/lib/workflows');
const { polledExecutions } = require('./lib/polledExecutions');
const { DEFAULT_ORGANIZATION_SECRET, DEFAULT_USER_SECRET } = require('./lib/sandbox');
const { startStack } = require('./lib/stack');
const { sleep, waitFor } = require('./lib/wait');

const TRIGGER = 'ShareFile Polling Trigger';

let stack;
let instance;
let workflowId;
/** Every change the trigger should have reported so far, as "EVENTTYPE Name". */
const expected = [];

beforeAll(async () => {
	stack = await startStack('polling');
	instance = await stack.sandbox.createInstance('e2e polled');
	const workflow = await stack.n8n.api('POST', '/workflows', pollingWorkflow('e2e polling', stack.credential, instance.id));
	workflowId = workflow.id;
});
afterAll(async () => {
	await stack?.close();
});

const label = (item) => `${item.eventType} ${item.raw?.Name}`;
let reported;
let expectReportedOnce;
let pollNow;
beforeAll(() => {
	const polled = polledExecutions(stack, workflowId, TRIGGER, {
		label,
		isPoll: (request) => request.path.startsWith('/hubs/documents/events/poll/'),
	});
	reported = polled.reported;
	expectReportedOnce = async (timeoutMs) => await polled.expectReportedOnce(expected, timeoutMs);
	pollNow = polled.pollNow;
});

const change = async (body) => await stack.sandbox.change(instance.id, body);

describe('the polling trigger in n8n', () => {
	let createdAt;

	it('polls at activation, remembers where it stands, and reports nothing older', async () => {
		await change({ op: 'upload', path: '/top/before-activation.txt', content: 'old', at: (await stack.sandbox.clock()) - 120_000 });
		await stack.sandbox.clearRequests();
		await stack.n8n.activate(workflowId);
		const polls = (await stack.sandbox.requests()).filter((request) => request.path.startsWith('/hubs/documents/events/poll/'));
		expect(polls.length).toBeGreaterThan(0);
		expect(polls.every((request) => request.status === 200 && request.element)).toBe(true);
		const { staticData } = await stack.n8n.api('GET', `/workflows/${workflowId}`);
		const saved = JSON.stringify(staticData);
		expect(saved).toContain(`"instanceId":"${instance.id}"`);
		for (const secret of [instance.token, DEFAULT_USER_SECRET, DEFAULT_ORGANIZATION_SECRET]) expect(saved).not.toContain(secret);
		await sleep(1000);
		expect(await reported()).toEqual([]);
	});

	it('reports created files and folders, one item each, with the sandbox ids', async () => {
		// One request: a scheduled poll cannot fall between the folder and the file in it.
		const { changes } = await change({
			changes: [
				{ op: 'createFolder', path: '/top/Reports' },
				{ op: 'upload', path: '/top/Reports/q1.pdf', content: 'v1' },
				{ op: 'upload', path: '/top/notes.txt', content: 'hello' },
			],
		});
		const [folder, file, notes] = changes;
		createdAt = Date.parse(notes.at);
		expected.push('CREATED Reports', 'CREATED q1.pdf', 'CREATED notes.txt');
		await pollNow();
		const items = await expectReportedOnce();
		const byName = Object.fromEntries(items.map((item) => [item.raw.Name, item]));
		expect(byName['q1.pdf']).toMatchObject({
			eventType: 'CREATED',
			objectType: 'documents',
			objectId: file.id,
			elementKey: 'sharefile',
			hubKey: 'documents',
			instanceId: instance.id,
			instanceName: 'e2e polled',
			source: 'polling',
			raw: { Id: file.id, Name: 'q1.pdf', Path: '/top/Reports', 'odata.type': 'ShareFile.Api.Models.File' },
		});
		expect(byName.Reports).toMatchObject({ objectId: folder.id, raw: { 'odata.type': 'ShareFile.Api.Models.Folder' } });
		expect(byName['notes.txt'].objectId).toBe(notes.id);
		expect(byName['q1.pdf'].eventDate).toBe(new Date(Date.parse(file.at)).toISOString());
	});

	it('reports updates of files and of the folders above them as UPDATED, once', async () => {
		// Past the 10 s Created Check Tolerance, so the edits are not taken for creations.
		await waitFor('the created check tolerance to pass', async () => (await stack.sandbox.clock()) > createdAt + 11_000, { timeoutMs: 20_000 });
		await change({ op: 'update', path: '/top/Reports/q1.pdf', content: 'v2' });
		expected.push('UPDATED q1.pdf', 'UPDATED Reports');
		await pollNow();
		await expectReportedOnce();
		// Polling again with nothing new reports nothing.
		await pollNow();
		await expectReportedOnce();
	});

	it('reports changes made while n8n was down once after a restart, and repeats nothing', async () => {
		await stack.n8n.stop();
		await change({
			changes: [
				{ op: 'upload', path: '/top/Reports/while-down.csv', content: 'a,b' },
				{ op: 'update', path: '/top/notes.txt', content: 'edited while n8n was down' },
			],
		});
		expected.push('CREATED while-down.csv', 'UPDATED notes.txt', 'UPDATED Reports');
		await stack.sandbox.clearRequests();
		await stack.n8n.start();
		await stack.n8n.waitForPublication(workflowId, 'published');
		await expectReportedOnce(45_000);
	});

	it("polls by itself on n8n's Poll Times schedule (every minute)", async () => {
		await change({ op: 'upload', path: '/top/scheduled.txt', content: 'x' });
		expected.push('CREATED scheduled.txt');
		// No reactivation: the next whole minute's scheduled poll must find it.
		await expectReportedOnce(75_000);
		const executions = await stack.n8n.executions(workflowId);
		expect(executions.every((execution) => execution.mode === 'trigger')).toBe(true);
	});
});
