import { createHmac } from 'crypto';
import { spawnSync } from 'child_process';
import { call, createInstance, expectCeError, useSandbox } from './helpers';
import { hub, itemAt, placeOk } from './documents-helpers';
import { eventually, startReceiver, type Receiver } from './receiver';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { signatureHeader } = require('../../sandbox/signature') as { signatureHeader(key: string, body: Buffer | string): string };

const KEY = 'MySecretEventSignatureKey';
const JAVA_DATE_TEXT = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{2} \d{2}:\d{2}:\d{2} UTC \d{4}$/;
const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** An HMAC computed here, independently of the sandbox: over the bytes as received. */
const hmac = (key: string, raw: Buffer) => `sha256=${createHmac('sha256', key).update(raw).digest('base64')}`;

describe('sandbox: the delivery signature', () => {
	test('the contract\'s published vector', () => {
		expect(signatureHeader(KEY, '<INSERT_EVENT_NOTIFICATION_RESPONSE_BODY>')).toBe('sha256=jHdbRx5EZAsOfTwAPJOGkNUzQMVVdu5VJlxcsk+G6jQ=');
	});

	test('agrees with openssl on the vector and on UTF-8 text', () => {
		const openssl = spawnSync('openssl', ['version']);
		if (openssl.status !== 0) return; // no openssl here: the node crypto checks stand
		for (const [key, body] of [[KEY, '<INSERT_EVENT_NOTIFICATION_RESPONSE_BODY>'], ['clé ü', '{"name":"Grüße ☃"}']]) {
			const run = spawnSync('openssl', ['dgst', '-sha256', '-hmac', key, '-binary'], { input: Buffer.from(body, 'utf8') });
			expect(signatureHeader(key, body)).toBe(`sha256=${run.stdout.toString('base64')}`);
		}
	});
});

describe('sandbox: webhook events', () => {
	const sandbox = useSandbox({ timeScale: 1000 });
	let receiver: Receiver;
	beforeAll(async () => {
		receiver = await startReceiver();
	});
	afterAll(() => receiver.close());
	beforeEach(() => receiver.clear());

	const webhookInstance = (configuration: Record<string, unknown> = {}, overrides: Record<string, unknown> = {}) =>
		createInstance(sandbox(), { name: 'ShareFile hooks', tags: ['prod'], ...overrides }, {
			'event.notification.enabled': true,
			'event.vendor.type': 'webhook',
			'event.notification.callback.url': receiver.url,
			'event.notification.signature.key': KEY,
			...configuration,
		});

	test('an upload through the hub is delivered: envelope, headers, ShareFile raw body, CREATED event, valid signature', async () => {
		const instance = await webhookInstance();
		const upload = await hub(sandbox(), instance.token, 'POST', '/hubs/documents/files', { path: '/top/report.pdf', content: 'pdf' });
		const [delivery] = await receiver.waitFor(1);
		expect(delivery.path).toBe('/hook');
		expect(delivery.headers['content-type']).toBe('application/json');
		expect(delivery.headers['elements-webhook-signature']).toBe(hmac(KEY, delivery.raw));
		// Re-serialized JSON is not what was signed unless it is byte-identical; the sandbox signs the exact bytes.
		expect(delivery.headers['elements-webhook-id']).toBe(delivery.json.id);
		expect(delivery.json.id).toMatch(/^\d+$/);
		expect(delivery.json).toEqual({
			severity: 'medium',
			createdDate: expect.stringMatching(JAVA_DATE_TEXT),
			topic: `instance-${instance.id}-sharefile-events`,
			action: 'create',
			id: expect.any(String),
			user: 'notifications@cloud-elements.com',
			message: {
				elementKey: 'sharefile',
				accountId: expect.any(Number),
				companyId: expect.any(Number),
				userId: expect.any(Number),
				eventId: expect.stringMatching(/^[A-Za-z0-9_-]{20}$/),
				instanceId: instance.id,
				instance_id: instance.id,
				instanceName: 'ShareFile hooks',
				instanceTags: ['prod'],
				raw: {
					WebhookSubscriptionId: expect.any(String),
					AccountInfo: { AccountId: expect.any(String), Subdomain: 'acme', AppControlPlane: 'sharefile.com', ApiControlPlane: 'sf-api.com' },
					Event: {
						Timestamp: upload.json.raw.CreationDate,
						OperationName: 'Upload',
						ResourceType: 'File',
						Resource: { Id: upload.json.id, Parent: { Id: upload.json.parentFolderId } },
					},
				},
				events: [
					{
						eventType: 'CREATED',
						objectType: 'files',
						objectId: upload.json.id,
						elementKey: 'sharefile',
						hubKey: 'documents',
						date: upload.json.raw.CreationDate.replace(/\.\d{3}Z$/, 'Z'),
					},
				],
			},
		});
		expect(delivery.json.message.events[0].date).toMatch(ISO_SECONDS);
	});

	test('each ShareFile operation maps to its event type; folder creates, renames and moves send nothing', async () => {
		const instance = await webhookInstance();
		await placeOk(sandbox(), instance.id, { changes: [
			{ op: 'createFolder', path: '/top/A' },
			{ op: 'createFolder', path: '/top/B' },
			{ op: 'upload', path: '/top/A/f.txt', content: '1' },
			{ op: 'update', path: '/top/A/f.txt', content: '2' },
			{ op: 'rename', path: '/top/A/f.txt', newName: 'g.txt' },
			{ op: 'move', path: '/top/A/g.txt', newPath: '/top/B' },
			{ op: 'download', path: '/top/B/g.txt' },
			{ op: 'rename', path: '/top/A', newName: 'A2' },
			{ op: 'move', path: '/top/A2', newPath: '/top/B' },
			{ op: 'delete', path: '/top/B/g.txt' },
			{ op: 'delete', path: '/top/B' },
		] });
		const deliveries = await receiver.waitFor(7);
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(receiver.received).toHaveLength(7);
		expect(deliveries.map((d) => [d.json.message.raw.Event.OperationName, d.json.message.raw.Event.ResourceType, d.json.message.events[0].eventType, d.json.message.events[0].objectType, d.json.action])).toEqual([
			['Upload', 'File', 'CREATED', 'files', 'create'],
			['Update', 'File', 'UPDATED', 'files', 'update'],
			['Update', 'File', 'UPDATED', 'files', 'update'],
			['Move', 'File', 'MOVED', 'files', 'move'],
			['Download', 'File', 'RETRIEVED', 'files', 'retrieve'],
			['Delete', 'File', 'DELETED', 'files', 'delete'],
			['Delete', 'Folder', 'DELETED', 'folders', 'delete'],
		]);
		// One event per delivery; every delivery has its own eventId and envelope id.
		expect(deliveries.every((d) => d.json.message.events.length === 1)).toBe(true);
		expect(new Set(deliveries.map((d) => d.json.message.eventId)).size).toBe(7);
		expect(new Set(deliveries.map((d) => d.headers['elements-webhook-id'])).size).toBe(7);
	});

	test('a hub download is a Download (RETRIEVED); without a signature key there is no signature header', async () => {
		const instance = await webhookInstance({ 'event.notification.signature.key': null });
		const upload = await hub(sandbox(), instance.token, 'POST', '/hubs/documents/files', { path: '/top/a.txt', content: 'x' });
		await fetch(`${sandbox().baseUrl}/hubs/documents/files/${upload.json.id}`, {
			headers: { authorization: `User sandbox-user-secret, Organization sandbox-organization-secret, Element ${instance.token}` },
		});
		const deliveries = await receiver.waitFor(2);
		expect(deliveries[1].json.message.events[0]).toMatchObject({ eventType: 'RETRIEVED', objectId: upload.json.id });
		expect(deliveries.every((d) => d.headers['elements-webhook-signature'] === undefined)).toBe(true);
		expect(deliveries.every((d) => typeof d.headers['elements-webhook-id'] === 'string' && d.headers['elements-webhook-id'] !== '')).toBe(true);
	});

	test('a provider body with 45 events is split into deliveries of 20, 20 and 5, each repeating the whole raw', async () => {
		const instance = await webhookInstance();
		const body = {
			WebhookSubscriptionId: 'sub-1',
			AccountInfo: { AccountId: 'acc', Subdomain: 'acme' },
			Event: Array.from({ length: 45 }, (_, i) => ({
				Timestamp: `2024-03-05T14:00:${String(i % 60).padStart(2, '0')}.500Z`,
				OperationName: 'Upload',
				ResourceType: 'File',
				Resource: { Id: `fi${i}`, Parent: { Id: 'fo1' } },
			})),
		};
		const injected = await call(sandbox(), 'POST', `/_sandbox/instances/${instance.id}/webhooks`, { body, auth: null });
		expect(injected.json).toMatchObject({ events: 45, deliveries: [expect.any(Number), expect.any(Number), expect.any(Number)] });
		const deliveries = await receiver.waitFor(3);
		expect(deliveries.map((d) => d.json.message.events.length)).toEqual([20, 20, 5]);
		expect(deliveries.map((d) => d.json.message.events[0].objectId)).toEqual(['fi0', 'fi20', 'fi40']);
		for (const delivery of deliveries) {
			expect(delivery.json.message.raw).toEqual(body);
			expect(delivery.headers['elements-webhook-signature']).toBe(hmac(KEY, delivery.raw));
		}
		expect(deliveries[0].json.message.events[0].date).toBe('2024-03-05T14:00:00Z');
		expect(new Set(deliveries.map((d) => d.json.message.eventId)).size).toBe(3);
		expectCeError(await call(sandbox(), 'POST', `/_sandbox/instances/${instance.id}/webhooks`, { body: [1], auth: null }), 400);
	});

	test('stored events follow the deliveries: NOTIFIED, providerData = raw, notifiedData = the delivered message', async () => {
		const instance = await webhookInstance();
		await hub(sandbox(), instance.token, 'POST', '/hubs/documents/files', { path: '/top/a.txt' });
		const [delivery] = await receiver.waitFor(1);
		const events = await eventually(async () => {
			const list = (await call(sandbox(), 'GET', `/instances/${instance.id}/events`)).json;
			return list.length === 1 && list[0].status === 'NOTIFIED' ? list : undefined;
		});
		expect(events[0]).toMatchObject({ id: Number(delivery.json.id), instanceId: instance.id, providerData: delivery.json.message.raw, notifiedData: delivery.json.message });
		const attempts = (await call(sandbox(), 'GET', `/_sandbox/instances/${instance.id}/deliveries`, { auth: null })).json;
		expect(attempts).toEqual([
			expect.objectContaining({
				status: 'delivered',
				envelopeId: delivery.json.id,
				eventId: delivery.json.message.eventId,
				eventCount: 1,
				attempts: [expect.objectContaining({ number: 1, status: 200, url: receiver.url, at: expect.any(String) })],
			}),
		]);
	});

	test('Basic auth and extra headers from the configuration go with each delivery (INFERRED keys)', async () => {
		const instance = await webhookInstance({
			'event.notification.basic.username': 'hook-user',
			'event.notification.basic.password': 'hook-pass',
			'event.notification.callback.headers': { 'X-Tenant': 'acme' },
		});
		await hub(sandbox(), instance.token, 'POST', '/hubs/documents/files', { path: '/top/a.txt' });
		const [delivery] = await receiver.waitFor(1);
		expect(delivery.headers.authorization).toBe(`Basic ${Buffer.from('hook-user:hook-pass').toString('base64')}`);
		expect(delivery.headers['x-tenant']).toBe('acme');
	});

	test('a PATCHed callback URL takes effect for the next delivery', async () => {
		const other = await startReceiver();
		try {
			const instance = await webhookInstance();
			await hub(sandbox(), instance.token, 'POST', '/hubs/documents/files', { path: '/top/a.txt' });
			await receiver.waitFor(1);
			await call(sandbox(), 'PATCH', `/instances/${instance.id}`, { body: { configuration: { 'event.notification.callback.url': other.url } } });
			await hub(sandbox(), instance.token, 'POST', '/hubs/documents/files', { path: '/top/b.txt' });
			const [moved] = await other.waitFor(1);
			expect(moved.json.message.raw.Event.OperationName).toBe('Upload');
			expect(receiver.received).toHaveLength(1);
		} finally {
			await other.close();
		}
	});

	test('no events without event.notification.enabled, for a disabled instance, or once events are turned off', async () => {
		const quiet = await createInstance(sandbox(), {}, { 'event.notification.callback.url': receiver.url, 'event.vendor.type': 'webhook' });
		await placeOk(sandbox(), quiet.id, { op: 'upload', path: '/top/a.txt' });
		const instance = await webhookInstance();
		await call(sandbox(), 'DELETE', `/instances/${instance.id}/enabled`);
		await placeOk(sandbox(), instance.id, { op: 'upload', path: '/top/b.txt' });
		await call(sandbox(), 'PUT', `/instances/${instance.id}/enabled`);
		await call(sandbox(), 'PATCH', `/instances/${instance.id}`, { body: { configuration: { 'event.notification.enabled': false } } });
		await placeOk(sandbox(), instance.id, { op: 'upload', path: '/top/c.txt' });
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(receiver.received).toHaveLength(0);
		expect((await call(sandbox(), 'GET', `/_sandbox/instances/${instance.id}/notifications`, { auth: null })).json).toEqual({ eventsEnabled: false, vendor: null });
		expectCeError(await call(sandbox(), 'POST', `/_sandbox/instances/${instance.id}/webhooks`, { body: {}, auth: null }), 409);
	});

	test('a callback URL off this machine is refused: the delivery fails at once, without retries', async () => {
		const instance = await webhookInstance({ 'event.notification.callback.url': 'https://app.example.com/hook' });
		await placeOk(sandbox(), instance.id, { op: 'upload', path: '/top/a.txt' });
		const [delivery] = await eventually(async () => {
			const list = (await call(sandbox(), 'GET', `/_sandbox/instances/${instance.id}/deliveries`, { auth: null })).json;
			return list.length === 1 && list[0].status === 'failed' ? list : undefined;
		});
		expect(delivery.attempts).toEqual([expect.objectContaining({ number: 1, url: 'https://app.example.com/hook', error: expect.stringMatching(/^refused/) })]);
		expect((await call(sandbox(), 'GET', `/instances/${instance.id}/events`)).json[0].status).toBe('FAILED');
		// Not a retry failure: the subscription stays active.
		expect((await call(sandbox(), 'GET', `/_sandbox/instances/${instance.id}/notifications`, { auth: null })).json.subscription.active).toBe(true);
		expect((await itemAt(sandbox(), instance.id, '/top/a.txt'))).toBeDefined();
	});
});
