import { call, createInstance, expectCeError, useSandbox } from './helpers';
import { useReceiver } from './receiver';
import { signedWebhookInstance, subscribe, subscribeOk, subscriptionsOf, topicOf } from './subscription-helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe('sandbox: /notifications/subscriptions', () => {
	const sandbox = useSandbox();
	const receiver = useReceiver();

	test('create, list, get and delete a subscription (N1, N2 shapes)', async () => {
		const made = await subscribe(sandbox(), receiver().url, ['instance-9-sharefile-events', 'other-topic']);
		expect(made.status).toBe(200);
		expect(made.json).toEqual({
			id: expect.any(Number),
			channel: 'webhook',
			topics: ['instance-9-sharefile-events', 'other-topic'],
			config: { url: receiver().url },
			active: true,
			createdDate: expect.any(String),
		});
		const email = await call(sandbox(), 'POST', '/notifications/subscriptions', { body: { channel: 'email', topics: ['t'], config: { address: 'a@b.invalid' } } });
		expect(email.json).toMatchObject({ channel: 'email', topics: ['t'], config: { address: 'a@b.invalid' }, active: true });

		expect((await subscriptionsOf(sandbox())).map((s) => s.id)).toEqual([made.json.id, email.json.id]);
		expect((await call(sandbox(), 'GET', `/notifications/subscriptions/${made.json.id}`)).json).toEqual(made.json);

		const removed = await call(sandbox(), 'DELETE', `/notifications/subscriptions/${made.json.id}`);
		expect(removed.status).toBe(200);
		expectCeError(await call(sandbox(), 'GET', `/notifications/subscriptions/${made.json.id}`), 404);
		expectCeError(await call(sandbox(), 'DELETE', `/notifications/subscriptions/${made.json.id}`), 404);
		expect((await subscriptionsOf(sandbox())).map((s) => s.id)).toEqual([email.json.id]);
	});

	test('400 names the missing field; 404 for an unknown id (-1 too); 401 without platform auth', async () => {
		const post = (body: unknown) => call(sandbox(), 'POST', '/notifications/subscriptions', { body });
		expectCeError(await post({}), 400, /channel/);
		expectCeError(await post({ channel: 'pigeon', topics: ['t'], config: { url: receiver().url } }), 400, /channel/);
		expectCeError(await post({ channel: 'webhook', config: { url: receiver().url } }), 400, /topics/);
		expectCeError(await post({ channel: 'webhook', topics: [], config: { url: receiver().url } }), 400, /topics/);
		expectCeError(await post({ channel: 'webhook', topics: ['t'], config: { url: null } }), 400, /config\.url/);
		expectCeError(await post({ channel: 'webhook', topics: ['t'] }), 400, /config\.url/);
		expectCeError(await post({ channel: 'webhook', topics: ['t'], config: { url: 'not a url' } }), 400, /config\.url/);
		expectCeError(await call(sandbox(), 'GET', '/notifications/subscriptions/-1'), 404);
		expectCeError(await call(sandbox(), 'GET', '/notifications/subscriptions/999999'), 404);
		expectCeError(await call(sandbox(), 'DELETE', '/notifications/subscriptions/-1'), 404);
		expectCeError(await call(sandbox(), 'GET', '/notifications/subscriptions', { auth: null }), 401);
		expectCeError(await call(sandbox(), 'POST', '/notifications/subscriptions', { auth: null, body: { channel: 'webhook', topics: ['t'], config: { url: receiver().url } } }), 401);
		expect(await subscriptionsOf(sandbox())).toEqual([]);
	});

	test('the held-deliveries routes are not shadowed by /{id}', async () => {
		const listed = await call(sandbox(), 'GET', `/notifications/subscriptions/deliveries?where=${encodeURIComponent("status='queued'")}`);
		expect(listed.status).toBe(200);
		expect(listed.json).toEqual([]);
		const released = await call(sandbox(), 'PUT', `/notifications/subscriptions/deliveries?where=${encodeURIComponent("status='queued'")}`);
		expect(released.json).toEqual([]);
		expectCeError(await call(sandbox(), 'PUT', '/notifications/subscriptions/5'), 405);
	});

	test('the list is paged like the other lists', async () => {
		const ids: number[] = [];
		for (let i = 0; i < 3; i++) ids.push((await subscribeOk(sandbox(), receiver().url, [`t${i}`])).id);
		const first = await call(sandbox(), 'GET', '/notifications/subscriptions?pageSize=2');
		expect(first.json.map((s: Json) => s.id)).toEqual(ids.slice(0, 2));
		expect(first.headers.get('elements-returned-count')).toBe('2');
		const token = first.headers.get('elements-next-page-token')!;
		const second = await call(sandbox(), 'GET', `/notifications/subscriptions?nextPage=${encodeURIComponent(token)}`);
		expect(second.json.map((s: Json) => s.id)).toEqual(ids.slice(2));
	});

	test("the instance's callback URL is a subscription on its topic (N1), listed, following the URL, gone with events, URL or instance", async () => {
		const instance = await signedWebhookInstance(sandbox(), receiver().url, 'k');
		const own = async () => (await subscriptionsOf(sandbox())).find((s) => s.topics.includes(topicOf(instance.id)));
		const first = await own();
		expect(first).toEqual({ id: expect.any(Number), channel: 'webhook', topics: [topicOf(instance.id)], config: { url: receiver().url }, active: true, createdDate: expect.any(String) });

		// The callback changes: the same subscription now names the new URL (INFERRED: updated, not replaced).
		await call(sandbox(), 'PATCH', `/instances/${instance.id}`, { body: { configuration: { 'event.notification.callback.url': `${receiver().url}/v2` } } });
		expect(await own()).toMatchObject({ id: first.id, config: { url: `${receiver().url}/v2` } });
		const shown = (await call(sandbox(), 'GET', `/instances/${instance.id}`)).json;
		await call(sandbox(), 'PUT', `/instances/${instance.id}`, { body: { name: shown.name, configuration: { ...shown.configuration, 'event.notification.callback.url': `${receiver().url}/v3` } } });
		expect(await own()).toMatchObject({ id: first.id, config: { url: `${receiver().url}/v3` } });

		// Events off: gone; on again: a new one.
		await call(sandbox(), 'PATCH', `/instances/${instance.id}`, { body: { configuration: { 'event.notification.enabled': false } } });
		expect(await own()).toBeUndefined();
		await call(sandbox(), 'PATCH', `/instances/${instance.id}`, { body: { configuration: { 'event.notification.enabled': true } } });
		const again = await own();
		expect(again).toMatchObject({ config: { url: `${receiver().url}/v3` }, active: true });
		expect(again.id).not.toBe(first.id);

		// The callback cleared (events off with it, as validation wants), and the instance deleted.
		await call(sandbox(), 'PATCH', `/instances/${instance.id}`, { body: { configuration: { 'event.notification.enabled': false, 'event.notification.callback.url': null } } });
		expect(await own()).toBeUndefined();
		const other = await signedWebhookInstance(sandbox(), receiver().url, 'k');
		expect(await subscriptionsOf(sandbox())).toHaveLength(1);
		await call(sandbox(), 'DELETE', `/instances/${other.id}`);
		expect(await subscriptionsOf(sandbox())).toEqual([]);
	});

	test('an instance without events has no subscription; a hand-made one on its topic outlives the instance', async () => {
		const quiet = await createInstance(sandbox());
		expect(await subscriptionsOf(sandbox())).toEqual([]);
		const mine = await subscribeOk(sandbox(), receiver().url, [topicOf(quiet.id)]);
		await call(sandbox(), 'DELETE', `/instances/${quiet.id}`);
		expect((await subscriptionsOf(sandbox())).map((s) => s.id)).toEqual([mine.id]);
	});
});
