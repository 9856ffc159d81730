import { startSandbox } from '../../sandbox';
import { ORGANIZATION_SECRET, USER_SECRET, call, createInstance, expectCeError, useSandbox } from './helpers';
import { hub } from './documents-helpers';
import { useReceiver } from './receiver';

const USERNAME = 'sandbox.user@sandbox.cloud-elements.invalid';

describe('sandbox: ping, element metadata, console login', () => {
	const sandbox = useSandbox();
	const receiver = useReceiver();

	test('ping answers Pong with the clock date, endpoint sharefile and valid', async () => {
		const { token } = await createInstance(sandbox());
		await call(sandbox(), 'PUT', '/_sandbox/clock', { body: { now: '2030-01-02T03:04:05Z' }, auth: null });
		const pong = await hub(sandbox(), token, 'GET', '/hubs/documents/ping');
		expect(pong.json.endpoint).toBe('sharefile');
		expect(pong.json.valid).toBe(true);
		expect(Math.abs(Date.parse(pong.json.dateTime) - Date.parse('2030-01-02T03:04:05Z'))).toBeLessThan(5000);
		expectCeError(await call(sandbox(), 'GET', '/hubs/documents/ping'), 401);
	});

	test('element metadata by key and by the sandbox element id are the same object; unknown 404', async () => {
		const byKey = await call(sandbox(), 'GET', '/elements/sharefile/metadata');
		expect(byKey.json).toMatchObject({
			id: 119,
			key: 'sharefile',
			hub: 'documents',
			authenticationTypes: ['oauth2'],
			events: { supported: true, methods: ['polling', 'webhook'] },
		});
		const instance = await createInstance(sandbox());
		const byId = await call(sandbox(), 'GET', `/elements/${(instance.element as { id: number }).id}/metadata`);
		expect(byId.status).toBe(200);
		expect(byId.json).toEqual(byKey.json);
		expectCeError(await call(sandbox(), 'GET', '/elements/450/metadata'), 404, /450/);
		expectCeError(await call(sandbox(), 'GET', '/elements/box/metadata'), 404, /box/);
	});

	test('POST /authentication gives a token that reads the secrets; wrong credentials 401 without echoing them', async () => {
		const login = await call(sandbox(), 'POST', '/authentication', { body: { username: USERNAME, password: 'sandbox-password' }, auth: null });
		expect(login.status).toBe(200);
		expect(typeof login.json.token).toBe('string');
		const secrets = await call(sandbox(), 'GET', '/authentication/secrets', { auth: `Bearer ${login.json.token}` });
		expect(secrets.json).toEqual({ userSecret: USER_SECRET, organizationSecret: ORGANIZATION_SECRET });

		const wrong = await call(sandbox(), 'POST', '/authentication', { body: { username: USERNAME, password: 'guess-123' }, auth: null });
		expectCeError(wrong, 401);
		expect(wrong.text).not.toContain('guess-123');
		expectCeError(await call(sandbox(), 'POST', '/authentication', { body: { username: USERNAME }, auth: null }), 400);
		expectCeError(await call(sandbox(), 'GET', '/authentication/secrets', { auth: 'Bearer nope' }), 401);
		expectCeError(await call(sandbox(), 'GET', '/authentication/secrets', { auth: null }), 401);
		await call(sandbox(), 'POST', '/_sandbox/reset', { auth: null });
		expectCeError(await call(sandbox(), 'GET', '/authentication/secrets', { auth: `Bearer ${login.json.token}` }), 401);
	});

	test('the login account is configurable like the secrets', async () => {
		const other = await startSandbox({ port: 0, username: 'me@example.com', password: 'pw-1', userSecret: 'u-2', organizationSecret: 'o-2' });
		try {
			const login = await call(other, 'POST', '/authentication', { body: { username: 'me@example.com', password: 'pw-1' }, auth: null });
			const secrets = await call(other, 'GET', '/authentication/secrets', { auth: `Bearer ${login.json.token}` });
			expect(secrets.json).toEqual({ userSecret: 'u-2', organizationSecret: 'o-2' });
			expect((await call(other, 'POST', '/authentication', { body: { username: USERNAME, password: 'sandbox-password' }, auth: null })).status).toBe(401);
		} finally {
			await other.close();
		}
	});

	test('a copy is heard by the webhook vendor as one Upload per copied file (folders are silent)', async () => {
		const instance = await createInstance(sandbox(), {}, {
			'event.notification.enabled': true,
			'event.vendor.type': 'webhook',
			'event.notification.callback.url': receiver().url,
		});
		await call(sandbox(), 'POST', `/_sandbox/instances/${instance.id}/documents`, { body: { changes: [{ op: 'createFolder', path: '/top/S' }, { op: 'upload', path: '/top/S/a.txt' }] }, auth: null });
		await receiver().waitFor(1);
		receiver().clear();
		const copied = await hub(sandbox(), instance.token, 'POST', '/hubs/documents/folders/copy?path=/top/S', { path: '/top/T' });
		expect(copied.status).toBe(200);
		const [delivery] = await receiver().waitFor(1);
		expect(delivery.json.message.raw.Event).toMatchObject({ OperationName: 'Upload', ResourceType: 'File' });
		expect(delivery.json.message.events[0].eventType).toBe('CREATED');
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(receiver().received).toHaveLength(1);
	});
});
