'use strict';
// ShareFile (Cloud Elements) Trigger in an active workflow: activation points the instance's
// callback at n8n's production webhook URL, signed deliveries start executions (one item per
// event), unsigned and tampered ones start none, and deactivation puts the callback back.

const fs = require('node:fs');
const path = require('node:path');

const { nodeItems, webhookWorkflow } = require('../../scripts/n8n/lib/workflows');
const { keyForCallback, sign } = require('./lib/deliveries');
const { startStack } = require('./lib/stack');
const { sleep, waitFor } = require('./lib/wait');

const TRIGGER = 'ShareFile Trigger';
// The sandbox's own event engine (a hub change becomes a signed delivery), when it has one.
const SANDBOX_DELIVERS = fs.existsSync(path.join(__dirname, '..', '..', 'sandbox', 'event-engine.js'));
const PREVIOUS_CALLBACK = 'http://127.0.0.1:9/previous-hook';

let stack;
let instance;
let workflowId;
let callbackUrl;
let signatureKey;

beforeAll(async () => {
	stack = await startStack('webhook');
	// The instance already had an events registration: deactivation must put it back.
	instance = await stack.sandbox.createInstance('e2e webhooks', {
		'event.notification.enabled': true,
		'event.vendor.type': 'webhook',
		'event.notification.callback.url': PREVIOUS_CALLBACK,
	});
	const workflow = await stack.n8n.api('POST', '/workflows', webhookWorkflow('e2e webhook', stack.credential, instance.id));
	workflowId = workflow.id;
});
afterAll(async () => {
	await stack?.close();
});

let envelopeCount = 0;
/** A Cloud Elements delivery of ShareFile webhook events (contract section 5). */
function envelope(events) {
	envelopeCount += 1;
	const id = String(1_500_000 + envelopeCount);
	const body = {
		severity: 'medium',
		createdDate: new Date().toUTCString().replace('GMT', 'UTC'),
		topic: `instance-${instance.id}-sharefile-events`,
		action: 'create',
		id,
		user: 'notifications@cloud-elements.com',
		message: {
			elementKey: 'sharefile',
			accountId: 874,
			companyId: 291,
			userId: 2749,
			eventId: `e2e-event-${id}`,
			instanceId: instance.id,
			instance_id: instance.id,
			instanceName: instance.name,
			instanceTags: [],
			raw: {
				WebhookSubscriptionId: 'ws-e2e',
				AccountInfo: { AccountId: 'acct-e2e', Subdomain: 'acme' },
				Event: { Timestamp: new Date().toISOString(), OperationName: 'Upload', ResourceType: 'File', Resource: { Id: events[0].objectId, Parent: { Id: 'fo-parent' } } },
			},
			events: events.map((event) => ({ elementKey: 'sharefile', hubKey: 'documents', objectType: 'File', date: new Date().toISOString(), ...event })),
		},
	};
	return { id, body: JSON.stringify(body) };
}

async function deliver(body, headers = {}, url = callbackUrl) {
	const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
	return { status: response.status, text: await response.text() };
}

async function executions() {
	return await stack.n8n.executions(workflowId);
}

async function waitForExecutions(count) {
	await waitFor(`${count} execution(s)`, async () => (await executions()).length >= count, { timeoutMs: 20_000 });
	await sleep(1000);
	const all = await executions();
	expect(all.map((execution) => `${execution.id} ${execution.status}`)).toEqual(all.map((execution) => `${execution.id} success`));
	expect(all.length).toBe(count);
	return all;
}

describe('the webhook trigger in n8n', () => {
	it("activation registers n8n's production webhook URL as the instance's callback", async () => {
		await stack.n8n.activate(workflowId);
		const stored = await waitFor('the callback registration', async () => {
			const current = await stack.sandbox.instance(instance.id);
			return current.configuration['event.notification.callback.url'] !== PREVIOUS_CALLBACK && current;
		});
		callbackUrl = stored.configuration['event.notification.callback.url'];
		expect(callbackUrl.startsWith(`http://127.0.0.1:${stack.n8n.port}/webhook/`)).toBe(true);
		expect(new URL(callbackUrl).searchParams.get('n8n_sig')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
		expect(stored.configuration).toMatchObject({
			'event.notification.enabled': 'true',
			'event.vendor.type': 'webhook',
			'event.notification.signature.key': '********',
		});
		signatureKey = keyForCallback(callbackUrl);
		// The URL answers once n8n has registered it (a few hundred ms after activation).
		await waitFor('the production webhook to answer', async () => (await deliver('{}')).status !== 404);
	});

	it('a signed delivery starts one execution with one item per event', async () => {
		const { id, body } = envelope([
			{ eventType: 'CREATED', objectId: 'fi-e2e-report', objectType: 'File' },
			{ eventType: 'DELETED', objectId: 'fi-e2e-old', objectType: 'File' },
		]);
		const answer = await deliver(body, { 'Elements-Webhook-Id': id, 'Elements-Webhook-Signature': sign(signatureKey, body) });
		expect(answer.status).toBe(200);
		const [execution] = await waitForExecutions(1);
		expect(execution.mode).toBe('webhook');
		const items = nodeItems(execution, TRIGGER);
		expect(items).toHaveLength(2);
		expect(items[0]).toMatchObject({
			eventType: 'CREATED',
			objectId: 'fi-e2e-report',
			instanceId: instance.id,
			instanceName: 'e2e webhooks',
			elementKey: 'sharefile',
			hubKey: 'documents',
			source: 'webhook',
			webhookId: id,
			eventId: `e2e-event-${id}`,
		});
		expect(items[1]).toMatchObject({ eventType: 'DELETED', objectId: 'fi-e2e-old' });
		expect(nodeItems(execution, 'Delivered Event')).toHaveLength(2);
	});

	it('unsigned, tampered and wrongly keyed deliveries are refused with 401 and start nothing', async () => {
		const { id, body } = envelope([{ eventType: 'UPDATED', objectId: 'fi-e2e-x' }]);
		const signature = sign(signatureKey, body);
		expect((await deliver(body, { 'Elements-Webhook-Id': id })).status).toBe(401);
		const tampered = body.replace('fi-e2e-x', 'fi-e2e-y');
		expect((await deliver(tampered, { 'Elements-Webhook-Id': id, 'Elements-Webhook-Signature': signature })).status).toBe(401);
		expect((await deliver(body, { 'Elements-Webhook-Id': id, 'Elements-Webhook-Signature': sign('some-other-key', body) })).status).toBe(401);
		// Signed with the right key but posted without the registration's n8n_sig: no key, refused.
		const bare = callbackUrl.split('?')[0];
		expect((await deliver(body, { 'Elements-Webhook-Id': id, 'Elements-Webhook-Signature': signature }, bare)).status).toBe(401);
		await sleep(1000);
		expect((await executions()).length).toBe(1);
	});

	it('a delivery Cloud Elements repeats (same Elements-Webhook-Id) runs the workflow once', async () => {
		const before = (await executions()).length;
		const { id, body } = envelope([{ eventType: 'UPDATED', objectId: 'fi-e2e-repeated' }]);
		const headers = { 'Elements-Webhook-Id': id, 'Elements-Webhook-Signature': sign(signatureKey, body) };
		expect((await deliver(body, headers)).status).toBe(200);
		await waitForExecutions(before + 1);
		expect((await deliver(body, headers)).status).toBe(200);
		await sleep(1500);
		// Known failure on n8n 2.41.1 (see the report): the trigger remembers accepted delivery ids
		// in static data written by webhook(); n8n saves that only while the workflow had no static
		// data yet, because starting the run re-wraps the same object and clears its changed flag.
		// So only the first delivery after activation is ever remembered.
		expect((await executions()).length).toBe(before + 1);
	});

	(SANDBOX_DELIVERS ? it : it.skip)('a change in the sandbox becomes a signed delivery that starts an execution (sandbox event engine)', async () => {
		const before = (await executions()).length;
		const { id: fileId } = await stack.sandbox.change(instance.id, { op: 'upload', path: '/top/from-sandbox.txt', content: 'hello' });
		const all = await waitFor('the sandbox delivery to run the workflow', async () => {
			const current = await executions();
			return current.length > before && current;
		});
		const items = all.slice(before).flatMap((execution) => nodeItems(execution, TRIGGER));
		expect(items).toEqual([
			expect.objectContaining({ eventType: 'CREATED', objectId: fileId, instanceId: instance.id, source: 'webhook' }),
		]);
		const deliveries = await stack.sandbox.control('GET', `/instances/${instance.id}/deliveries`);
		const last = deliveries[deliveries.length - 1];
		expect(last.status).toBe('delivered');
	});

	it('deactivation puts the previous callback back and the webhook URL goes away', async () => {
		await stack.n8n.deactivate(workflowId);
		const restored = await waitFor('the previous registration to come back', async () => {
			const current = await stack.sandbox.instance(instance.id);
			return current.configuration['event.notification.callback.url'] === PREVIOUS_CALLBACK && current;
		});
		expect(restored.configuration).toMatchObject({
			'event.notification.enabled': 'true',
			'event.vendor.type': 'webhook',
			'event.notification.callback.url': PREVIOUS_CALLBACK,
		});
		expect(restored.configuration['event.notification.signature.key'] ?? '').toBe('');
		const { id, body } = envelope([{ eventType: 'CREATED', objectId: 'fi-after' }]);
		expect((await deliver(body, { 'Elements-Webhook-Id': id, 'Elements-Webhook-Signature': sign(signatureKey, body) })).status).toBe(404);
	});

	it('a version 1 node (workflows saved before 1.1) registers and starts executions the same way', async () => {
		const v1 = await stack.n8n.api('POST', '/workflows', webhookWorkflow('e2e webhook v1', stack.credential, instance.id, { typeVersion: 1 }));
		await stack.n8n.activate(v1.id);
		const stored = await waitFor('the v1 callback registration', async () => {
			const current = await stack.sandbox.instance(instance.id);
			return current.configuration['event.notification.callback.url'] !== PREVIOUS_CALLBACK && current;
		});
		const url = stored.configuration['event.notification.callback.url'];
		const key = keyForCallback(url);
		await waitFor('the v1 webhook to answer', async () => (await deliver('{}', {}, url)).status !== 404);
		const { id, body } = envelope([{ eventType: 'UPDATED', objectId: 'fi-e2e-v1' }]);
		expect((await deliver(body, { 'Elements-Webhook-Id': id, 'Elements-Webhook-Signature': sign(key, body) }, url)).status).toBe(200);
		const [execution] = await waitFor('the v1 execution', async () => {
			const all = await stack.n8n.executions(v1.id);
			return all.length > 0 && all[0].status === 'success' && all;
		});
		expect(nodeItems(execution, TRIGGER)).toEqual([expect.objectContaining({ eventType: 'UPDATED', objectId: 'fi-e2e-v1', source: 'webhook' })]);
		await stack.n8n.deactivate(v1.id);
	});
});
