import * as net from 'net';
import { POLLER_CONFIGURATION, call, createInstance, useSandbox } from './helpers';
import { placeOk } from './documents-helpers';
import { eventually, useReceiver } from './receiver';
import { deliveriesOf } from './webhook-deliveries';
import { hmac, signedWebhookInstance, subscribeOk, subscriptionsOf, topicOf, uploadedIds } from './subscription-helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const KEY = 'instance-key-5e1f';
const deliveriesWhere = (where: string) => `/notifications/subscriptions/deliveries?where=${encodeURIComponent(where)}`;

describe('sandbox: every subscription of a topic gets its own delivery (timeScale 1,000,000)', () => {
	const sandbox = useSandbox({ timeScale: 1_000_000 });
	const callback = useReceiver();
	const added = useReceiver();

	const upload = (instanceId: number, name: string) => placeOk(sandbox(), instanceId, { op: 'upload', path: `/top/${name}` });
	const storedStatuses = async (id: number) => ((await call(sandbox(), 'GET', `/instances/${id}/events`)).json as Json[]).map((event) => event.status);

	test('the callback and an added subscription each receive every upload once, signed with the instance key', async () => {
		const instance = await signedWebhookInstance(sandbox(), callback().url, KEY);
		const extra = await subscribeOk(sandbox(), added().url, [topicOf(instance.id)]);
		const a = await upload(instance.id, 'a.txt');
		const b = await upload(instance.id, 'b.txt');
		await callback().waitFor(2);
		await added().waitFor(2);
		await new Promise((resolve) => setTimeout(resolve, 50));
		for (const receiver of [callback(), added()]) {
			expect(uploadedIds(receiver.received)).toEqual([a.id, b.id]);
			for (const delivery of receiver.received) {
				expect(delivery.headers['elements-webhook-signature']).toBe(hmac(KEY, delivery.raw));
				expect(delivery.headers['elements-webhook-id']).toBe(delivery.json.id);
				expect(delivery.json.topic).toBe(topicOf(instance.id));
			}
		}
		// One notification, one body: the same bytes and envelope id to both.
		expect(added().received[0].raw.equals(callback().received[0].raw)).toBe(true);

		const list = await deliveriesOf(sandbox(), instance.id);
		expect(list).toHaveLength(4);
		const own = (await subscriptionsOf(sandbox())).find((s) => s.id !== extra.id);
		expect(list.map((d) => [d.subscriptionId, d.config.url, d.status]).sort()).toEqual(
			[
				[own.id, callback().url, 'delivered'],
				[own.id, callback().url, 'delivered'],
				[extra.id, added().url, 'delivered'],
				[extra.id, added().url, 'delivered'],
			].sort(),
		);
		// The stored-event log stays one entry per event, not per subscription.
		expect(await storedStatuses(instance.id)).toEqual(['NOTIFIED', 'NOTIFIED']);
	});

	test('a failing subscription retries, fails and queues while the other keeps delivering', async () => {
		added().answer(503);
		const instance = await signedWebhookInstance(sandbox(), callback().url, KEY);
		const extra = await subscribeOk(sandbox(), added().url, [topicOf(instance.id)]);
		await upload(instance.id, 'a.txt');
		await added().waitFor(10);
		await eventually(async () => (await subscriptionsOf(sandbox())).find((s) => s.id === extra.id && !s.active));
		await upload(instance.id, 'b.txt');
		await callback().waitFor(2);
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(added().received).toHaveLength(10);
		expect(uploadedIds(callback().received)).toHaveLength(2);

		const mine = await deliveriesOf(sandbox(), instance.id);
		expect(mine.filter((d) => d.subscriptionId === extra.id).map((d) => [d.status, d.attempts.length])).toEqual([
			['failed', 10],
			['queued', 0],
		]);
		expect(mine.filter((d) => d.subscriptionId !== extra.id).map((d) => d.status)).toEqual(['delivered', 'delivered']);
		// The callback's subscription was never touched; the stored events say what went wrong where.
		expect((await call(sandbox(), 'GET', `/_sandbox/instances/${instance.id}/notifications`, { auth: null })).json.subscription.active).toBe(true);
		expect(await storedStatuses(instance.id)).toEqual(['QUEUED', 'FAILED']);
	});

	test('a subscription whose receiver never answers holds up no other: the callback hears every upload at once', async () => {
		const sockets: net.Socket[] = [];
		const silent = net.createServer((socket) => sockets.push(socket));
		await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
		try {
			const instance = await signedWebhookInstance(sandbox(), callback().url, KEY);
			await subscribeOk(sandbox(), `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}/hook`, [topicOf(instance.id)]);
			const started = Date.now();
			for (const name of ['a.txt', 'b.txt', 'c.txt']) await upload(instance.id, name);
			await callback().waitFor(3, 2000);
			// The silent one's first attempt waits 10 s for an answer; the callback did not wait for it.
			expect(Date.now() - started).toBeLessThan(2000);
			expect(sockets).toHaveLength(1);
		} finally {
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => silent.close(resolve));
		}
	});

	test('with policy queue, releasing by config.url takes up only that subscription', async () => {
		await call(sandbox(), 'PATCH', '/accounts/settings', { body: { 'notification.webhook.failure.policy': 'queue' } });
		callback().answer(503);
		added().answer(503);
		const instance = await signedWebhookInstance(sandbox(), callback().url, KEY);
		const extra = await subscribeOk(sandbox(), added().url, [topicOf(instance.id)]);
		await upload(instance.id, 'a.txt');
		const queued = deliveriesWhere("channel='webhook' and status='queued'");
		await eventually(async () => ((await call(sandbox(), 'GET', queued)).json.length === 2 ? true : undefined));

		added().answer(200);
		callback().answer(200);
		const released = await call(sandbox(), 'PUT', deliveriesWhere(`status='queued' and config.url='${added().url}'`));
		expect(released.json.map((d: Json) => d.subscriptionId)).toEqual([extra.id]);
		await added().waitFor(2);
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(callback().received).toHaveLength(1);
		const still = (await call(sandbox(), 'GET', queued)).json;
		expect(still.map((d: Json) => d.config.url)).toEqual([callback().url]);
		const states = Object.fromEntries((await subscriptionsOf(sandbox())).map((s) => [s.id === extra.id ? 'added' : 'own', s.active]));
		expect(states).toEqual({ added: true, own: false });

		// subscriptionId in the where picks the other one.
		const byId = await call(sandbox(), 'PUT', deliveriesWhere(`status='queued' and subscriptionId='${still[0].subscriptionId}'`));
		expect(byId.json).toHaveLength(1);
		await callback().waitFor(2);
	});

	test('one subscription with two topics hears two instances', async () => {
		const first = await signedWebhookInstance(sandbox(), callback().url, 'key-one');
		const second = await signedWebhookInstance(sandbox(), callback().url, 'key-two');
		await subscribeOk(sandbox(), added().url, [topicOf(first.id), topicOf(second.id)]);
		const a = await upload(first.id, 'a.txt');
		const b = await upload(second.id, 'b.txt');
		const heard = await added().waitFor(2);
		const byFile = Object.fromEntries(heard.map((delivery) => [delivery.json.message.raw.Event.Resource.Id, delivery]));
		expect(byFile[a.id].json.message.instanceId).toBe(first.id);
		expect(byFile[a.id].headers['elements-webhook-signature']).toBe(hmac('key-one', byFile[a.id].raw));
		expect(byFile[b.id].json.message.instanceId).toBe(second.id);
		expect(byFile[b.id].headers['elements-webhook-signature']).toBe(hmac('key-two', byFile[b.id].raw));
	});

	test('a deleted subscription gets nothing more, and its waiting retries stop', async () => {
		added().answer(503);
		const instance = await signedWebhookInstance(sandbox(), callback().url, KEY);
		const extra = await subscribeOk(sandbox(), added().url, [topicOf(instance.id)]);
		// With policy queue its first failed attempt holds the delivery: it is held when deleted.
		await call(sandbox(), 'PATCH', '/accounts/settings', { body: { 'notification.webhook.failure.policy': 'queue' } });
		await upload(instance.id, 'a.txt');
		await added().waitFor(1);
		await eventually(async () => (await deliveriesOf(sandbox(), instance.id)).some((d) => d.subscriptionId === extra.id && d.status === 'queued'));
		expect((await call(sandbox(), 'DELETE', `/notifications/subscriptions/${extra.id}`)).status).toBe(200);
		added().answer(200);
		await upload(instance.id, 'b.txt');
		await call(sandbox(), 'PUT', deliveriesWhere("status='queued'"));
		await callback().waitFor(2);
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(added().received).toHaveLength(1);
		// Its held delivery went with it: the stored events read as the callback's deliveries alone.
		expect((await deliveriesOf(sandbox(), instance.id)).map((d) => d.subscriptionId)).not.toContain(extra.id);
		expect(await storedStatuses(instance.id)).toEqual(['NOTIFIED', 'NOTIFIED']);
	});

	test('polling instances publish on their topic too', async () => {
		const polled = await createInstance(sandbox(), {}, {
			'event.notification.enabled': true,
			'event.vendor.type': 'polling',
			'event.notification.callback.url': callback().url,
			'event.notification.signature.key': KEY,
			'event.poller.refresh_interval': 60,
			'event.poller.configuration': POLLER_CONFIGURATION,
		});
		await subscribeOk(sandbox(), added().url, [topicOf(polled.id)]);
		await placeOk(sandbox(), polled.id, { op: 'upload', path: '/top/p.txt', at: new Date(Date.now() + 1000).toISOString() });
		const summary = (await call(sandbox(), 'POST', `/_sandbox/instances/${polled.id}/poll`, { auth: null })).json;
		expect(summary.resources[0].deliveries).toHaveLength(2);
		const [heard] = await added().waitFor(1);
		expect(heard.json.message.raw.objectType).toBe('documents');
		expect(heard.headers['elements-webhook-signature']).toBe(hmac(KEY, heard.raw));
		await callback().waitFor(1);
	});
});
