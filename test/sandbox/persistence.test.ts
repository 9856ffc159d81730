import * as fs from 'fs';
import * as path from 'path';
import { startSandbox } from '../../sandbox';
import { POLLER_CONFIGURATION, authorizeThroughPage, call, createInstance, expectCeError, instanceBody, useDataFileSandboxes } from './helpers';

describe('sandbox: persistence in a data file', () => {
	const { start, dataFile } = useDataFileSandboxes('nested/state.json');

	test('instances, tokens, configuration ids, stored events and id counters survive a restart', async () => {
		const first = await start();
		const created = await createInstance(first, { name: 'kept', tags: ['t'] }, {
			'event.notification.enabled': true,
			'event.vendor.type': 'polling',
			'event.notification.callback.url': 'https://h.example/x',
			'event.poller.configuration': POLLER_CONFIGURATION,
		});
		await call(first, 'DELETE', `/instances/${created.id}/enabled`);
		const event = (await call(first, 'POST', `/_sandbox/instances/${created.id}/events`, { body: { status: 'NOTIFIED' } })).json;
		const records = (await call(first, 'GET', `/instances/${created.id}/configuration`)).json;
		await first.close();

		const second = await start();
		const reloaded = await call(second, 'GET', `/instances/${created.id}`);
		expect(reloaded.status).toBe(200);
		expect(reloaded.json).toMatchObject({ id: created.id, token: created.token, name: 'kept', tags: ['t'], disabled: true });
		expect(reloaded.json.configuration).toEqual(created.configuration);
		expect((await call(second, 'GET', `/instances/${created.id}/configuration`)).json).toEqual(records);
		expect((await call(second, 'GET', `/instances/${created.id}/events`)).json).toEqual([event]);

		expectCeError(await call(second, 'GET', '/hubs/documents/ping', { element: created.token }), 403);
		await call(second, 'PUT', `/instances/${created.id}/enabled`);
		expect((await call(second, 'GET', '/hubs/documents/ping', { element: created.token })).status).toBe(200);

		const next = await createInstance(second);
		expect(next.id).toBeGreaterThan(created.id);
		const nextEvent = (await call(second, 'POST', `/_sandbox/instances/${next.id}/events`, { body: {} })).json;
		expect(nextEvent.id).toBeGreaterThan(event.id);
	});

	test('the file is complete JSON after each change, written without leftovers, and keeps raw secrets for the sandbox', async () => {
		const sandbox = await start();
		const created = await createInstance(sandbox, {}, { 'event.notification.signature.key': 'sig-raw' });
		const state = JSON.parse(fs.readFileSync(dataFile(), 'utf8'));
		expect(state.schema).toBe(1);
		expect(state.instances).toHaveLength(1);
		expect(state.instances[0]).toMatchObject({ id: created.id, token: created.token, events: [], deliveries: [], sharefile: { items: {} } });
		const stored = Object.fromEntries(state.instances[0].configuration.map((r: { key: string; propertyValue: string }) => [r.key, r.propertyValue]));
		expect(stored['event.notification.signature.key']).toBe('sig-raw');
		expect(stored['oauth.api.secret']).toBe('client-secret-456');
		expect(fs.readdirSync(path.dirname(dataFile()))).toEqual(['state.json']);
	});

	test('sending a masked secret back keeps the stored secret; a new value replaces it', async () => {
		const sandbox = await start();
		const created = await createInstance(sandbox);
		const storedSecret = () => {
			const state = JSON.parse(fs.readFileSync(dataFile(), 'utf8'));
			return state.instances[0].configuration.find((r: { key: string }) => r.key === 'oauth.api.secret').propertyValue;
		};
		const shown = (await call(sandbox, 'GET', `/instances/${created.id}`)).json;
		await call(sandbox, 'PUT', `/instances/${created.id}`, { body: { name: shown.name, configuration: shown.configuration } });
		expect(storedSecret()).toBe('client-secret-456');
		await call(sandbox, 'PATCH', `/instances/${created.id}`, { body: { configuration: { 'oauth.api.secret': 'rotated' } } });
		expect(storedSecret()).toBe('rotated');
	});

	test('a code issued before a restart redeems after it, once', async () => {
		const first = await start();
		const { code } = await authorizeThroughPage(first);
		await first.close();
		const second = await start();
		expect((await call(second, 'POST', '/instances', { body: instanceBody({ providerData: { code } }) })).status).toBe(200);
		await second.close();
		const third = await start();
		expectCeError(await call(third, 'POST', '/instances', { body: instanceBody({ providerData: { code } }) }), 400);
	});

	test('a code older than 10 minutes is refused', async () => {
		const first = await start();
		const { code } = await authorizeThroughPage(first);
		await first.close();
		const state = JSON.parse(fs.readFileSync(dataFile(), 'utf8'));
		expect(Date.parse(state.grantCodes[0].expiresAt) - Date.parse(state.grantCodes[0].issuedAt)).toBe(10 * 60 * 1000);
		state.grantCodes[0].expiresAt = new Date(Date.now() - 1000).toISOString();
		fs.writeFileSync(dataFile(), JSON.stringify(state));
		const second = await start();
		const answer = await call(second, 'POST', '/instances', { body: instanceBody({ providerData: { code } }) });
		expectCeError(answer, 400);
		expect(answer.json.providerMessage).toContain('invalid_grant');
	});

	test('reset empties the file too', async () => {
		const first = await start();
		await createInstance(first);
		await call(first, 'POST', '/_sandbox/reset');
		await first.close();
		const second = await start();
		expect((await call(second, 'GET', '/instances')).json).toEqual([]);
		expect(JSON.parse(fs.readFileSync(dataFile(), 'utf8')).instances).toEqual([]);
	});

	test('a corrupt data file stops the start instead of being overwritten', async () => {
		fs.mkdirSync(path.dirname(dataFile()), { recursive: true });
		fs.writeFileSync(dataFile(), '{"schema": 1, "instances": [');
		await expect(startSandbox({ port: 0, dataFile: dataFile() })).rejects.toThrow(/not valid JSON/);
		expect(fs.readFileSync(dataFile(), 'utf8')).toBe('{"schema": 1, "instances": [');
	});

	test('without a data file nothing survives a restart', async () => {
		const first = await start({ dataFile: undefined });
		await createInstance(first);
		await first.close();
		const second = await start({ dataFile: undefined });
		expect((await call(second, 'GET', '/instances')).json).toEqual([]);
		expect(fs.existsSync(dataFile())).toBe(false);
	});
});

describe('sandbox: a data file from before notification subscriptions', () => {
	const { start, dataFile } = useDataFileSandboxes('old/state.json');

	test('loads: each instance with events and a callback gets its own subscription (active as its old flag said) and its deliveries', async () => {
		const first = await start();
		const callback = 'https://receiver.example/events';
		const created = await createInstance(first, {}, {
			'event.notification.enabled': true,
			'event.vendor.type': 'webhook',
			'event.notification.callback.url': callback,
		});
		// A change makes a delivery; the callback is not local, so it fails at once and is kept.
		await call(first, 'POST', `/_sandbox/instances/${created.id}/documents`, { body: { op: 'upload', path: '/top/a.txt', content: 'a' }, auth: null });
		await first.close();

		// Written as a sandbox without subscriptions wrote it.
		const state = JSON.parse(fs.readFileSync(dataFile(), 'utf8'));
		expect(state.instances[0].deliveries.length).toBeGreaterThan(0);
		delete state.subscriptions;
		delete state.notifications;
		delete state.deliveries;
		delete state.nextIds.subscription;
		const events = state.instances[0].notifications;
		delete events.subscriptionId;
		events.subscription = { active: false, deactivatedAt: '2026-01-02T03:04:05.000Z' };
		for (const delivery of state.instances[0].deliveries) {
			delete delivery.subscriptionId;
			delete delivery.notificationId;
		}
		fs.writeFileSync(dataFile(), JSON.stringify(state));

		const second = await start();
		const subscriptions = (await call(second, 'GET', '/notifications/subscriptions')).json;
		expect(subscriptions).toEqual([
			expect.objectContaining({ channel: 'webhook', topics: [`instance-${created.id}-sharefile-events`], config: { url: callback }, active: false }),
		]);
		const deliveries = (await call(second, 'GET', `/_sandbox/instances/${created.id}/deliveries`, { auth: null })).json;
		expect(deliveries.length).toBe(state.instances[0].deliveries.length);
		expect(deliveries.every((delivery: { subscriptionId: number }) => delivery.subscriptionId === subscriptions[0].id)).toBe(true);
		// A new subscription gets a fresh id, not the callback's.
		const added = await call(second, 'POST', '/notifications/subscriptions', { body: { channel: 'webhook', topics: ['t'], config: { url: 'http://127.0.0.1:9/x' } } });
		expect(added.json.id).not.toBe(subscriptions[0].id);
	});
});
