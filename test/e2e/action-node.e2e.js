'use strict';
// ShareFile (Cloud Elements): create → list → update → delete, each its own workflow run with
// `n8n execute --id=... --rawOutput`, the sandbox's state checked directly after every step.

const { actionWorkflow, nodeItems, sandboxCredentialData } = require('../../scripts/n8n/lib/workflows');
const { DEFAULT_ORGANIZATION_SECRET, DEFAULT_USER_SECRET } = require('./lib/sandbox');
const { startStack } = require('./lib/stack');

const POLL_URL = "/hubs/documents/events/poll/documents?where=lastmodifieddate='${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}'";

let stack;
beforeAll(async () => {
	stack = await startStack('action');
});
afterAll(async () => {
	await stack?.close();
});

/** Creates the workflow through the API, runs it with the CLI; { run, items, workflowId }. */
async function runAction(name, parameters, credential = stack.credential) {
	const { n8n } = stack;
	const workflow = await n8n.api('POST', '/workflows', actionWorkflow(name, credential, parameters));
	const run = await n8n.execute(workflow.id);
	const items = run.result ? nodeItems(run.result, 'ShareFile') : [];
	return { run, items, workflowId: workflow.id };
}

function expectClean(run) {
	if (run.code !== 0) throw new Error(`n8n execute exited ${run.code}:\n${run.stdout.slice(-3000)}\n${run.stderr.slice(-2000)}`);
	// Secrets never reach the output.
	for (const secret of [DEFAULT_USER_SECRET, DEFAULT_ORGANIZATION_SECRET, 'sandbox-sharefile-client-secret']) {
		expect(run.stdout).not.toContain(secret);
	}
}

describe('the action node in n8n', () => {
	let instanceId;

	it('Instance → Create with polling events creates the instance in the sandbox', async () => {
		const { run, items } = await runAction('e2e create', {
			resource: 'instance',
			operation: 'create',
			name: 'e2e ShareFile',
			authorizationCode: 'sandbox-demo-code',
			subdomain: 'acme',
			tags: 'e2e, n8n',
			events: 'polling',
			callbackUrl: 'http://127.0.0.1:9/cloud-elements-events',
			refreshInterval: 1,
		});
		expectClean(run);
		expect(items).toHaveLength(1);
		const created = items[0];
		expect(created).toMatchObject({ name: 'e2e ShareFile', tags: ['e2e', 'n8n'] });
		expect(created.token).toBe('********');
		instanceId = created.id;

		const stored = await stack.sandbox.instance(instanceId);
		expect(stored).toMatchObject({ id: instanceId, name: 'e2e ShareFile', tags: ['e2e', 'n8n'], eventsEnabled: true, disabled: false });
		expect(stored.token).not.toBe('********');
		expect(run.stdout).not.toContain(stored.token);
		expect(stored.configuration).toMatchObject({
			'event.notification.enabled': 'true',
			'event.vendor.type': 'polling',
			'event.notification.callback.url': 'http://127.0.0.1:9/cloud-elements-events',
			'event.poller.refresh_interval': '1',
			'sharefile.subdomain': 'acme',
			'oauth.api.key': 'sandbox-sharefile-client',
			'oauth.callback.url': 'http://127.0.0.1/oauth/callback',
			'oauth.api.secret': '********',
		});
		const poller = JSON.parse(stored.configuration['event.poller.configuration']);
		expect(poller.documents).toMatchObject({
			url: POLL_URL,
			idField: 'Id',
			datesConfiguration: { updatedDateField: 'ProgenyEditDate', createdDateField: 'CreationDate' },
		});
	});

	it('Instance → Get Many lists what the sandbox has', async () => {
		const { run, items } = await runAction('e2e list', {
			resource: 'instance',
			operation: 'getMany',
			returnAll: true,
			filters: { tags: 'e2e' },
		});
		expectClean(run);
		const { body: listed } = await stack.sandbox.platform('GET', '/instances?tags[]=e2e');
		expect(items.map((item) => item.id)).toEqual(listed.map((instance) => instance.id));
		expect(items.map((item) => item.id)).toContain(instanceId);
		expect(items.every((item) => item.token === '********')).toBe(true);
	});

	it('Instance → Update renames, retags and changes the refresh interval, keeping the rest', async () => {
		const { run, items } = await runAction('e2e update', {
			resource: 'instance',
			operation: 'update',
			instance: { __rl: true, mode: 'id', value: String(instanceId) },
			updateFields: { name: 'e2e ShareFile renamed', tags: 'renamed' },
			events: 'polling',
			refreshInterval: 5,
			signatureKeyMode: 'keep',
		});
		expectClean(run);
		expect(items[0]).toMatchObject({ id: instanceId, name: 'e2e ShareFile renamed', tags: ['renamed'] });

		const stored = await stack.sandbox.instance(instanceId);
		expect(stored).toMatchObject({ name: 'e2e ShareFile renamed', tags: ['renamed'] });
		expect(stored.configuration).toMatchObject({
			'event.poller.refresh_interval': '5',
			'event.vendor.type': 'polling',
			'event.notification.callback.url': 'http://127.0.0.1:9/cloud-elements-events',
			'sharefile.subdomain': 'acme',
		});
	});

	it('Instance → Delete removes it from the sandbox', async () => {
		const { run, items } = await runAction('e2e delete', {
			resource: 'instance',
			operation: 'delete',
			instance: { __rl: true, mode: 'id', value: String(instanceId) },
		});
		expectClean(run);
		expect(items).toEqual([{ id: instanceId, deleted: true }]);
		const { status } = await stack.sandbox.platform('GET', `/instances/${instanceId}`);
		expect(status).toBe(404);
	});

	it('a wrong secret fails the run with the credential error, read back through the API', async () => {
		const { n8n, sandbox } = stack;
		const wrong = await n8n.api('POST', '/credentials', {
			name: 'Cloud Elements sandbox (wrong secret)',
			type: 'cloudElementsApi',
			data: sandboxCredentialData(sandbox.baseUrl, { userSecret: 'not-the-user-secret' }),
		});
		const { run, workflowId } = await runAction('e2e wrong secret', { resource: 'instance', operation: 'getMany', returnAll: true }, wrong);
		expect(run.code).not.toBe(0);
		expect(run.stdout + run.stderr).toMatch(/^.*Cloud Elements: .*$/m);
		expect(run.stdout + run.stderr).not.toContain('not-the-user-secret');

		const [execution] = await n8n.executions(workflowId);
		expect(execution).toMatchObject({ status: 'error', mode: 'cli' });
		const error = execution.data.resultData.error;
		expect(error.message).toMatch(/^Cloud Elements: /);
		expect(error.httpCode).toBe('401');
		expect(JSON.stringify(execution)).not.toContain('not-the-user-secret');
	});

	it("the credential's Test (as the editor calls it) says OK, and names the Cloud Elements error for a wrong secret", async () => {
		const { n8n, sandbox } = stack;
		const test = async (credential, data) =>
			(await n8n.rest('POST', '/credentials/test', { credentials: { id: credential.id, name: credential.name, type: 'cloudElementsApi', data } })).data;
		expect(await test(stack.credential, sandboxCredentialData(sandbox.baseUrl))).toMatchObject({ status: 'OK' });
		const wrongData = sandboxCredentialData(sandbox.baseUrl, { organizationSecret: 'not-the-organization-secret' });
		const wrong = await n8n.api('POST', '/credentials', { name: 'wrong organization secret', type: 'cloudElementsApi', data: wrongData });
		const result = await test(wrong, wrongData);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Cloud Elements: /);
		expect(result.message).not.toContain('not-the-organization-secret');
		// The public API's credential test says the same.
		expect(await n8n.api('POST', `/credentials/${stack.credential.id}/test`)).toMatchObject({ status: 'OK' });
		const viaApi = await n8n.api('POST', `/credentials/${wrong.id}/test`);
		expect(viaApi.status).toBe('Error');
		expect(viaApi.message).toMatch(/^Cloud Elements: /);
	});
});
