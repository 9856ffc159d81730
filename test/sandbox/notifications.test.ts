import { call, expectCeError, useDataFileSandboxes, useSandbox } from './helpers';
import { placeOk } from './documents-helpers';
import { eventually, useReceiver } from './receiver';
import { signedWebhookInstance, subscribeOk, subscriptionsOf, topicOf } from './subscription-helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const TOPIC = 'sandbox-test-topic';
const post = (sandbox: Parameters<typeof call>[0], body: unknown) => call(sandbox, 'POST', '/notifications', { body });
const byTopic = (topic: string, extra = '') => `/notifications?topics[]=${encodeURIComponent(topic)}${extra}`;

describe('sandbox: /notifications (timeScale 1,000,000)', () => {
	const sandbox = useSandbox({ timeScale: 1_000_000 });
	const first = useReceiver();
	const second = useReceiver();

	test('POST answers the notification (N2 shape); {} or a null topic 400; a bad severity 400', async () => {
		const made = await post(sandbox(), { severity: 'high', topic: TOPIC, message: { hello: 'world' }, from: 'tests' });
		expect(made.status).toBe(200);
		expect(made.json).toEqual({ id: expect.any(Number), from: 'tests', topic: TOPIC, severity: 'high', message: { hello: 'world' }, createdDate: expect.any(String), active: true, acknowledged: false });
		expectCeError(await post(sandbox(), {}), 400, /topic/);
		expectCeError(await post(sandbox(), { severity: 'low', topic: null, message: 'x' }), 400, /topic/);
		expectCeError(await post(sandbox(), { severity: 'urgent', topic: TOPIC }), 400, /severity/);
		expectCeError(await call(sandbox(), 'POST', '/notifications', { body: { topic: TOPIC }, auth: null }), 401);
	});

	test('listed by topic, newest first, paged with the next-page token; no query 400; get by id; acknowledge', async () => {
		const ids: number[] = [];
		for (const severity of ['low', 'medium', 'high']) ids.push((await post(sandbox(), { severity, topic: TOPIC, message: severity, from: 't' })).json.id);
		await post(sandbox(), { severity: 'low', topic: 'elsewhere', message: 'x', from: 't' });

		const page = await call(sandbox(), 'GET', byTopic(TOPIC, '&pageSize=2'));
		expect(page.status).toBe(200);
		expect(page.json.map((n: Json) => n.id)).toEqual([ids[2], ids[1]]);
		const token = page.headers.get('elements-next-page-token')!;
		expect(token).toBeTruthy();
		const rest = await call(sandbox(), 'GET', `${byTopic(TOPIC)}&nextPage=${encodeURIComponent(token)}`);
		expect(rest.json.map((n: Json) => n.id)).toEqual([ids[0]]);
		expectCeError(await call(sandbox(), 'GET', '/notifications'), 400, /topics/);

		expect((await call(sandbox(), 'GET', `/notifications/${ids[1]}`)).json).toMatchObject({ id: ids[1], severity: 'medium', acknowledged: false });
		const acknowledged = await call(sandbox(), 'PUT', `/notifications/${ids[1]}/acknowledge`);
		expect(acknowledged.status).toBe(200);
		expect(acknowledged.json).toMatchObject({ id: ids[1], acknowledged: true });
		expect((await call(sandbox(), 'GET', `/notifications/${ids[1]}`)).json.acknowledged).toBe(true);
		expectCeError(await call(sandbox(), 'GET', '/notifications/-1'), 404);
		expectCeError(await call(sandbox(), 'PUT', '/notifications/999999/acknowledge'), 404);
	});

	test('a posted notification goes to each subscription of its topic; its deliveries list by notification, hydrated on request', async () => {
		const one = await subscribeOk(sandbox(), first().url, [TOPIC]);
		const two = await subscribeOk(sandbox(), second().url, [TOPIC, 'other']);
		await subscribeOk(sandbox(), second().url, ['unrelated']);
		const notification = (await post(sandbox(), { severity: 'medium', topic: TOPIC, message: { n: 1 }, from: 'tests' })).json;
		const [heard] = await first().waitFor(1);
		await second().waitFor(1);
		// INFERRED body: the envelope of an instance's events, `from` as `user`; unsigned.
		expect(heard.json).toEqual({ severity: 'medium', createdDate: expect.any(String), topic: TOPIC, id: String(notification.id), user: 'tests', message: { n: 1 } });
		expect(heard.headers['elements-webhook-id']).toBe(String(notification.id));
		expect(heard.headers['elements-webhook-signature']).toBeUndefined();

		const all = await eventually(async () => {
			const answer = (await call(sandbox(), 'GET', `/notifications/${notification.id}/subscriptions/deliveries`)).json as Json[];
			return answer.length === 2 && answer.every((d) => d.status === 'delivered') ? answer : undefined;
		});
		expect(all.map((d) => d.subscriptionId).sort()).toEqual([one.id, two.id].sort());
		expect(all[0]).toEqual({ id: expect.any(Number), notificationId: notification.id, subscriptionId: expect.any(Number), status: 'delivered', createdDate: expect.any(String), updatedDate: expect.any(String) });

		const plain = await call(sandbox(), 'GET', `/notifications/${notification.id}/subscriptions/${two.id}/deliveries`);
		expect(plain.json).toMatchObject({ notificationId: notification.id, subscriptionId: two.id, status: 'delivered' });
		expect(plain.json.notification).toBeUndefined();
		expect(plain.json.subscription).toBeUndefined();
		const hydrated = await call(sandbox(), 'GET', `/notifications/${notification.id}/subscriptions/${two.id}/deliveries?hydrate=true`);
		expect(hydrated.json).toMatchObject({ notificationId: notification.id, subscriptionId: two.id, status: 'delivered', notification: { id: notification.id, topic: TOPIC }, subscription: { id: two.id, topics: [TOPIC, 'other'] } });
		expectCeError(await call(sandbox(), 'GET', `/notifications/${notification.id}/subscriptions/-1/deliveries`), 404);
		expectCeError(await call(sandbox(), 'GET', '/notifications/999999/subscriptions/deliveries'), 404);
	});

	test("an instance's events are notifications on its topic, with N2 statuses per subscription (queued, delivered)", async () => {
		await call(sandbox(), 'PATCH', '/accounts/settings', { body: { 'notification.webhook.failure.policy': 'queue' } });
		second().answer(503);
		const instance = await signedWebhookInstance(sandbox(), first().url, 'k');
		const added = await subscribeOk(sandbox(), second().url, [topicOf(instance.id)]);
		await placeOk(sandbox(), instance.id, { op: 'upload', path: '/top/a.txt' });
		const [heard] = await first().waitFor(1);

		const listed = (await call(sandbox(), 'GET', byTopic(topicOf(instance.id)))).json;
		expect(listed).toEqual([
			{ id: Number(heard.json.id), from: 'notifications@cloud-elements.com', topic: topicOf(instance.id), severity: 'medium', message: heard.json.message, createdDate: expect.any(String), active: true, acknowledged: false },
		]);
		const statuses = await eventually(async () => {
			const answer = (await call(sandbox(), 'GET', `/notifications/${heard.json.id}/subscriptions/deliveries`)).json as Json[];
			const byOwner = Object.fromEntries(answer.map((d) => [d.subscriptionId === added.id ? 'added' : 'own', d.status]));
			return byOwner.added === 'queued' && byOwner.own === 'delivered' ? byOwner : undefined;
		});
		expect(statuses).toEqual({ added: 'queued', own: 'delivered' });
		expect((await call(sandbox(), 'GET', `/instances/${instance.id}/events`)).json[0].status).toBe('QUEUED');
		await call(sandbox(), 'PUT', `/notifications/${heard.json.id}/acknowledge`);
		expect((await call(sandbox(), 'GET', `/notifications/${heard.json.id}`)).json.acknowledged).toBe(true);
		// The stored-event view is unchanged by it.
		expect(Object.keys((await call(sandbox(), 'GET', `/instances/events/${heard.json.id}`)).json).sort()).toEqual(['eventDate', 'id', 'instanceId', 'notifiedData', 'providerData', 'status', 'statusBySubscription', 'subscriptions']);
	});
});

describe('sandbox: subscriptions, notifications and deliveries in the data file', () => {
	const { start } = useDataFileSandboxes();
	const receiver = useReceiver();

	test('they survive a restart; a held delivery is released afterwards; reset clears them', async () => {
		const first = await start({ timeScale: 1_000_000 });
		await call(first, 'PATCH', '/accounts/settings', { body: { 'notification.webhook.failure.policy': 'queue' } });
		receiver().answer(503);
		const subscription = await subscribeOk(first, receiver().url, [TOPIC]);
		const notification = (await post(first, { severity: 'low', topic: TOPIC, message: 'kept', from: 't' })).json;
		await receiver().waitFor(1);
		await eventually(async () => ((await call(first, 'GET', `/notifications/${notification.id}/subscriptions/deliveries`)).json[0]?.status === 'queued' ? true : undefined));
		const before = await subscriptionsOf(first);
		await first.close();

		const second = await start({ timeScale: 1_000_000 });
		expect(await subscriptionsOf(second)).toEqual(before);
		expect(before[0]).toMatchObject({ id: subscription.id, active: false });
		expect((await call(second, 'GET', byTopic(TOPIC))).json).toEqual([notification]);
		receiver().answer(200);
		const released = await call(second, 'PUT', `/notifications/subscriptions/deliveries?where=${encodeURIComponent(`status='queued' and subscriptionId='${subscription.id}'`)}`);
		expect(released.json).toHaveLength(1);
		const [, again] = await receiver().waitFor(2);
		expect(again.raw.equals(receiver().received[0].raw)).toBe(true);
		await eventually(async () => ((await call(second, 'GET', `/notifications/${notification.id}/subscriptions/${subscription.id}/deliveries`)).json.status === 'delivered' ? true : undefined));

		await call(second, 'POST', '/_sandbox/reset');
		expect(await subscriptionsOf(second)).toEqual([]);
		expectCeError(await call(second, 'GET', `/notifications/${notification.id}`), 404);
		await second.close();
		const third = await start();
		expect(await subscriptionsOf(third)).toEqual([]);
	});
});
