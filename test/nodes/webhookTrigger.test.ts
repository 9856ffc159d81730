import { createHmac } from 'crypto';

import { derivedSignatureKey, nonceOf } from '../../nodes/engine/webhook/callbackRegistration';
import { DOCUMENTS_FORM_ROW } from '../harness/formRows';
import { ORGANIZATION_SECRET, useTestSandbox, USER_SECRET } from '../harness/sandboxClient';
import { WebhookTriggerHarness } from '../harness/webhookTrigger';

const sandbox = useTestSandbox();
const harnesses: WebhookTriggerHarness[] = [];
afterEach(async () => {
	while (harnesses.length) await harnesses.pop()!.close();
});

async function triggerFor(instanceId: number, parameters: Record<string, unknown> = {}, credentials = {}) {
	const harness = new WebhookTriggerHarness(sandbox().credentials(credentials), {
		instance: { __rl: true, mode: 'id', value: String(instanceId) },
		detection: 'webhook',
		eventTypes: ['CREATED', 'UPDATED', 'DELETED', 'MOVED'],
		signatureKeySource: 'generate',
		registration: 'callback',
		...parameters,
	});
	harnesses.push(harness);
	return await harness.start();
}

async function configurationOf(instanceId: number) {
	return (await sandbox().platform('GET', `/instances/${instanceId}`)).body.configuration as Record<string, string>;
}

/** Signs as Cloud Elements does, with node's HMAC directly rather than the node's engine. */
function sign(body: string, key: string) {
	return `sha256=${createHmac('sha256', key).update(body).digest('base64')}`;
}

function delivery(events: Array<Record<string, unknown>>, id = `${Math.random()}`) {
	return JSON.stringify({
		severity: 'medium',
		createdDate: 'Tue Mar 05 14:02:11 UTC 2024',
		topic: 'instance-1-sharefile-events',
		action: 'create',
		id,
		user: 'notifications@cloud-elements.com',
		message: {
			elementKey: 'sharefile',
			eventId: `ev-${id}`,
			instanceId: 1,
			instanceName: 'prod',
			instanceTags: ['prod'],
			raw: { WebhookSubscriptionId: 'sub', Event: { OperationName: 'Upload', ResourceType: 'File', Resource: { Id: 'fi1' } } },
			events,
		},
	});
}

async function post(url: string, body: string | Buffer, headers: Record<string, string> = {}) {
	const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
	return { status: response.status, body: await response.text() };
}

/** The key of the registration now on the instance, computed from its nonce and the secrets. */
async function registeredKey(instanceId: number) {
	const nonce = nonceOf((await configurationOf(instanceId))['event.notification.callback.url']);
	return derivedSignatureKey([USER_SECRET, ORGANIZATION_SECRET], nonce!);
}

const created = { eventType: 'CREATED', objectType: 'File', objectId: 'fi1', elementKey: 'sharefile', hubKey: 'documents', date: '2024-03-05T14:00:58Z' };

describe('webhook trigger: registration', () => {
	it('registers n8n as the callback on activation and restores the previous one on deactivation', async () => {
		const instance = await sandbox().createInstance('prod', [], {
			'event.notification.enabled': true,
			'event.vendor.type': 'polling',
			'event.notification.callback.url': 'https://hooks.example.com/mine',
			'event.poller.refresh_interval': 15,
			'event.poller.configuration': { documents: { url: '/hubs/documents/events/poll/documents', idField: 'Id', datesConfiguration: {} } },
		});
		const harness = await triggerFor(instance.id);
		expect(await harness.hook('checkExists')).toBe(false);
		expect(await harness.hook('create')).toBe(true);
		const active = await configurationOf(instance.id);
		expect(active['event.notification.enabled']).toBe('true');
		expect(active['event.vendor.type']).toBe('webhook');
		expect(active['event.notification.callback.url'].startsWith(`${harness.url()}?`)).toBe(true);
		expect(active['event.notification.signature.key']).toBe('********');
		expect(await harness.hook('checkExists')).toBe(true);
		expect(JSON.stringify(harness.staticData())).not.toContain(await registeredKey(instance.id));

		expect(await harness.hook('delete')).toBe(true);
		const restored = await configurationOf(instance.id);
		expect(restored['event.notification.callback.url']).toBe('https://hooks.example.com/mine');
		expect(restored['event.notification.enabled']).toBe('true');
		expect(restored['event.vendor.type']).toBe('polling');
		expect(await harness.hook('checkExists')).toBe(false);
	});

	it('never takes over a callback another workflow holds: the second activation fails naming it and the way out', async () => {
		const instance = await sandbox().createInstance('shared');
		const first = await triggerFor(instance.id);
		const second = await triggerFor(instance.id);
		await first.hook('create');
		const before = await configurationOf(instance.id);
		await expect(second.hook('create')).rejects.toMatchObject({
			message: `Instance ${instance.id}'s events already go to another n8n workflow`,
			description: expect.stringContaining(`The workflow at ${first.url()} holds the instance's one callback. Set Receive Events Through → Own Subscription`),
		});
		expect(await configurationOf(instance.id)).toEqual(before);
		// The first workflow's deliveries still verify.
		const body = delivery([created]);
		expect((await post(before['event.notification.callback.url'], body, { 'elements-webhook-signature': sign(body, await registeredKey(instance.id)) })).status).toBe(200);
		expect(first.started).toHaveLength(1);
	});

	it('an editor test session leaves the production registration as it found it', async () => {
		const instance = await sandbox().createInstance('tested');
		const harness = await triggerFor(instance.id);
		await harness.hook('create');
		const production = await configurationOf(instance.id);
		const productionKey = await registeredKey(instance.id);

		await harness.hook('create', true);
		const testing = await configurationOf(instance.id);
		expect(testing['event.notification.callback.url'].startsWith(`${harness.url(true)}?`)).toBe(true);
		const testBody = delivery([created]);
		const testAnswer = await post(testing['event.notification.callback.url'], testBody, {
			'elements-webhook-signature': sign(testBody, await registeredKey(instance.id)),
		});
		expect(testAnswer.status).toBe(200);

		await harness.hook('delete', true);
		const after = await configurationOf(instance.id);
		expect(after['event.notification.callback.url']).toBe(production['event.notification.callback.url']);
		expect(await registeredKey(instance.id)).toBe(productionKey);
		const body = delivery([created]);
		const answer = await post(after['event.notification.callback.url'], body, { 'elements-webhook-signature': sign(body, productionKey) });
		expect(answer.status).toBe(200);
		expect(await harness.hook('checkExists')).toBe(true);
	});

	it('sets up Cloud Elements polling with the poll configuration, and refuses a bad one naming the field', async () => {
		const instance = await sandbox().createInstance('polled');
		const resource = DOCUMENTS_FORM_ROW;
		const harness = await triggerFor(instance.id, { detection: 'polling', refreshInterval: 2, pollResources: { resource: [resource] } });
		await harness.hook('create');
		const configuration = await configurationOf(instance.id);
		expect(configuration['event.vendor.type']).toBe('polling');
		expect(configuration['event.poller.refresh_interval']).toBe('2');
		expect(JSON.parse(configuration['event.poller.configuration']).documents.datesConfiguration.updatedDateField).toBe('ProgenyEditDate');

		const bad = await triggerFor(instance.id, { detection: 'polling', refreshInterval: 2, pollResources: { resource: [{ ...resource, idField: '' }] } });
		await expect(bad.hook('create')).rejects.toThrow('ID Field');
	});

	it("uses the credential's signature key when asked, and says so when it has none", async () => {
		const instance = await sandbox().createInstance('credential key');
		const without = await triggerFor(instance.id, { signatureKeySource: 'credential' });
		await expect(without.hook('create')).rejects.toThrow('Event Signature Key');

		const harness = await triggerFor(instance.id, { signatureKeySource: 'credential' }, { eventSignatureSecret: 'credential-key-0123456789' });
		await harness.hook('create');
		const url = (await configurationOf(instance.id))['event.notification.callback.url'];
		const body = delivery([created]);
		expect((await post(url, body, { 'elements-webhook-signature': sign(body, 'credential-key-0123456789') })).status).toBe(200);
		expect((await post(url, body, { 'elements-webhook-signature': sign(body, 'another-key') })).status).toBe(401);
	});
});

describe('webhook trigger: deliveries', () => {
	let harness: WebhookTriggerHarness;
	let url: string;
	let key: string;

	beforeEach(async () => {
		const instance = await sandbox().createInstance('deliveries');
		harness = await triggerFor(instance.id);
		await harness.hook('create');
		url = (await configurationOf(instance.id))['event.notification.callback.url'];
		key = await registeredKey(instance.id);
	});

	it('starts one workflow with one item per event, in the normalized shape', async () => {
		const body = delivery([created, { ...created, eventType: 'UPDATED', objectId: 'fi2' }], 'd-1');
		const answer = await post(url, body, { 'elements-webhook-signature': sign(body, key), 'elements-webhook-id': 'd-1' });
		expect(answer.status).toBe(200);
		expect(harness.started).toHaveLength(1);
		const items = harness.started[0].map((item) => item.json);
		expect(items.map((item) => [item.eventType, item.objectId])).toEqual([
			['CREATED', 'fi1'],
			['UPDATED', 'fi2'],
		]);
		expect(items[0]).toMatchObject({ source: 'webhook', instanceId: 1, instanceName: 'prod', webhookId: 'd-1', eventId: 'ev-d-1', eventDate: '2024-03-05T14:00:58.000Z' });
	});

	it('refuses unsigned, tampered, wrongly keyed and hex-signed deliveries with 401, starting nothing', async () => {
		const body = delivery([created]);
		const tampered = body.replace('fi1', 'fi7');
		const hex = `sha256=${createHmac('sha256', key).update(body).digest('hex')}`;
		const answers = [
			await post(url, body),
			await post(url, tampered, { 'elements-webhook-signature': sign(body, key) }),
			await post(url, body, { 'elements-webhook-signature': sign(body, 'not-the-key') }),
			await post(url, body, { 'elements-webhook-signature': hex }),
			await post(url.replace(/n8n_sig=[^&]+/, 'n8n_sig=forged'), body, { 'elements-webhook-signature': sign(body, key) }),
		];
		expect(answers.map((answer) => answer.status)).toEqual([401, 401, 401, 401, 401]);
		expect(harness.started).toHaveLength(0);
	});

	it('refuses signed bodies that are not JSON or not an event envelope with 400', async () => {
		for (const body of ['not json', '{"severity":"medium"}', '{"message":{"events":"x"}}']) {
			const answer = await post(url, body, { 'elements-webhook-signature': sign(body, key) });
			expect(answer.status).toBe(400);
		}
		expect(harness.started).toHaveLength(0);
	});

	it('acknowledges a redelivered id without running it twice', async () => {
		const body = delivery([created], 'same');
		const headers = { 'elements-webhook-signature': sign(body, key), 'elements-webhook-id': 'same' };
		expect((await post(url, body, headers)).status).toBe(200);
		expect((await post(url, body, headers)).status).toBe(200);
		expect(harness.started).toHaveLength(1);
	});

	it('answers 200 and starts nothing when no event is of a wanted type', async () => {
		const body = delivery([{ ...created, eventType: 'RETRIEVED' }]);
		const answer = await post(url, body, { 'elements-webhook-signature': sign(body, key) });
		expect(answer.status).toBe(200);
		expect(harness.started).toHaveLength(0);
	});
});
