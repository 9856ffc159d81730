'use strict';
// ShareFile Polling Trigger (ShareFile's own API) in an active workflow in a real n8n 2.41.1: files
// uploaded and updated in a folder of the sandbox's ShareFile account come out as executions, one
// item per change and each change once, across deactivation, an n8n restart and n8n's own
// every-minute schedule.

const { shareFilePollingWorkflow } = require('../../scripts/n8n/lib/workflows');
const { polledExecutions } = require('./lib/polledExecutions');
const {
	connectShareFile,
	createShareFileCredential,
	sandboxShareFileCredentialData,
	SHAREFILE_CREDENTIAL_TYPE,
} = require('../../scripts/n8n/lib/sharefile-connect');
const { startStack } = require('./lib/stack');
const { sleep, waitFor } = require('./lib/wait');

const TRIGGER = 'ShareFile Polling Trigger';

let stack;
let instance;
let workflowId;
let polled;
/** Every change the trigger should have reported so far, as "EVENTTYPE path". */
const expected = [];

beforeAll(async () => {
	stack = await startStack('sharefile-polling');
	instance = await stack.sandbox.createInstance('ShareFile polled');
	const credential = await createShareFileCredential(stack.n8n, {
		name: 'ShareFile sandbox',
		data: sandboxShareFileCredentialData(stack.sandbox.origin, { subdomain: 'acme' }),
	});
	await connectShareFile(stack.n8n, credential.id, { accountSubdomain: 'acme' });
	const long = (await stack.sandbox.clock()) - 120_000;
	await change({ changes: [
		{ op: 'createFolder', path: '/top/Inbox', at: long },
		{ op: 'createFolder', path: '/top/Inbox/Sub', at: long },
		{ op: 'createFolder', path: '/top/Elsewhere', at: long },
		{ op: 'upload', path: '/top/Inbox/before-activation.txt', content: 'old', at: long + 1 },
	] });
	const folder = { __rl: true, mode: 'path', value: '/top/Inbox' };
	const workflow = await stack.n8n.api('POST', '/workflows', shareFilePollingWorkflow('e2e ShareFile polling', { [SHAREFILE_CREDENTIAL_TYPE]: { id: String(credential.id), name: credential.name } }, { folder }));
	workflowId = workflow.id;
	polled = polledExecutions(stack, workflowId, TRIGGER, {
		label: (item) => `${item.eventType} ${item.path}`,
		isPoll: (request) => request.path.includes('/sf/v3/Items'),
	});
});
afterAll(async () => {
	await stack?.close();
});

async function change(body) {
	return await stack.sandbox.change(instance.id, body);
}

describe('the ShareFile Polling Trigger in n8n', () => {
	let createdAt;

	it('polls at activation, keeps where it stands in static data (no token), and reports nothing older', async () => {
		await stack.sandbox.clearRequests();
		await stack.n8n.activate(workflowId);
		const calls = (await stack.sandbox.requests()).filter((request) => request.path.includes('/sf/v3/'));
		expect(calls.length).toBeGreaterThan(0);
		expect(calls.every((request) => request.status === 200)).toBe(true);
		const { staticData } = await stack.n8n.api('GET', `/workflows/${workflowId}`);
		const saved = JSON.stringify(staticData);
		expect(saved).toContain(`"accountId":"a${instance.id}"`);
		expect(saved).not.toMatch(/token|secret/i);
		await sleep(1000);
		expect(await polled.reported()).toEqual([]);
	});

	it('reports files uploaded in the folder and below, one item each, in the ShareFile Trigger’s shape', async () => {
		const { changes } = await change({ changes: [
			{ op: 'upload', path: '/top/Inbox/invoice.pdf', content: 'v1' },
			{ op: 'upload', path: '/top/Inbox/Sub/deep.txt', content: 'deep' },
			{ op: 'upload', path: '/top/Elsewhere/not-here.txt', content: 'no' },
		] });
		createdAt = Date.parse(changes[1].at);
		expected.push('CREATED /top/Inbox/invoice.pdf', 'CREATED /top/Inbox/Sub/deep.txt');
		await polled.pollNow();
		const items = await polled.expectReportedOnce(expected);
		const invoice = items.find((item) => item.name === 'invoice.pdf');
		expect(invoice).toMatchObject({
			source: 'sharefile',
			eventType: 'CREATED',
			objectType: 'file',
			objectId: changes[0].id,
			instanceId: `a${instance.id}`,
			path: '/top/Inbox/invoice.pdf',
			eventDate: new Date(Date.parse(changes[0].at)).toISOString(),
			raw: { Id: changes[0].id, Name: 'invoice.pdf' },
		});
	});

	it('reports an update as UPDATED, once; polling again with nothing new reports nothing', async () => {
		await waitFor('the 10 s created check to pass', async () => (await stack.sandbox.clock()) > createdAt + 11_000, { timeoutMs: 20_000 });
		await change({ op: 'update', path: '/top/Inbox/invoice.pdf', content: 'v2' });
		expected.push('UPDATED /top/Inbox/invoice.pdf');
		await polled.pollNow();
		await polled.expectReportedOnce(expected);
		await polled.pollNow();
		await polled.expectReportedOnce(expected);
	});

	it('reports changes made while n8n was down once after a restart, and repeats nothing', async () => {
		await stack.n8n.stop();
		await change({ changes: [
			{ op: 'upload', path: '/top/Inbox/Sub/while-down.csv', content: 'a,b' },
			{ op: 'update', path: '/top/Inbox/Sub/deep.txt', content: 'edited while n8n was down' },
		] });
		expected.push('CREATED /top/Inbox/Sub/while-down.csv', 'UPDATED /top/Inbox/Sub/deep.txt');
		await stack.n8n.start();
		await stack.n8n.waitForPublication(workflowId, 'published');
		await polled.expectReportedOnce(expected, 45_000);
	});

	it("polls by itself on n8n's Poll Times schedule (every minute)", async () => {
		await change({ op: 'upload', path: '/top/Inbox/scheduled.txt', content: 'x' });
		expected.push('CREATED /top/Inbox/scheduled.txt');
		await polled.expectReportedOnce(expected, 75_000);
		const executions = await stack.n8n.executions(workflowId);
		expect(executions.every((execution) => execution.mode === 'trigger')).toBe(true);
	});
});
