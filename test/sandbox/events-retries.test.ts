import * as net from 'net';
import { call, createInstance, expectCeError, useSandbox } from './helpers';
import { placeOk } from './documents-helpers';
import { eventually, useReceiver } from './receiver';
import { deliveriesOf as deliveriesOfInstance, deliveryThatRanOutOfRetries, webhookInstance } from './webhook-deliveries';

const QUEUED = `/notifications/subscriptions/deliveries?where=${encodeURIComponent("channel='webhook' and status='queued'")}`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe('sandbox: delivery retries (timeScale 1000: 4 s is 4 ms)', () => {
	const sandbox = useSandbox({ timeScale: 1000 });
	const receiver = useReceiver();

	test('each attempt keeps the first 200 characters of what the callback answered, and nothing for an empty answer', async () => {
		const answers = ['x'.repeat(300), '', '{"received":1}'];
		receiver().answer((count) => (count <= 2 ? 503 : 200), (count) => answers[count - 1]);
		const instance = await webhookInstance(sandbox(), receiver().url);
		await placeOk(sandbox(), instance.id, { op: 'upload', path: '/top/answered.txt' });
		const [delivery] = await eventually(async () => {
			const list = await deliveriesOfInstance(sandbox(), instance.id);
			return list[0]?.status === 'delivered' ? list : undefined;
		});
		expect(delivery.attempts.map((attempt: Json) => [attempt.status, attempt.answer])).toEqual([
			[503, 'x'.repeat(200)],
			[503, undefined],
			[200, '{"received":1}'],
		]);
	});

	test('a failing callback is retried after 4^x seconds (scaled) with the same bytes until it answers 2xx', async () => {
		receiver().answer((count) => (count <= 3 ? 500 : 204));
		const instance = await createInstance(sandbox(), {}, {
			'event.notification.enabled': true,
			'event.vendor.type': 'webhook',
			'event.notification.callback.url': receiver().url,
			'event.notification.signature.key': 'k',
		});
		await placeOk(sandbox(), instance.id, { op: 'upload', path: '/top/a.txt' });
		const attempts = await receiver().waitFor(4);
		const gaps = attempts.slice(1).map((attempt, i) => attempt.at - attempts[i].at);
		// 4 ms, 16 ms, 64 ms (timer jitter aside), and nowhere near the next step.
		expect(gaps[0]).toBeGreaterThanOrEqual(3);
		expect(gaps[1]).toBeGreaterThanOrEqual(15);
		expect(gaps[2]).toBeGreaterThanOrEqual(63);
		expect(gaps[2]).toBeLessThan(250);
		expect(new Set(attempts.map((attempt) => attempt.raw.toString('base64'))).size).toBe(1);
		expect(new Set(attempts.map((attempt) => attempt.headers['elements-webhook-signature'])).size).toBe(1);
		expect(new Set(attempts.map((attempt) => attempt.headers['elements-webhook-id'])).size).toBe(1);

		const [delivery] = await eventually(async () => {
			const list = (await call(sandbox(), 'GET', `/_sandbox/instances/${instance.id}/deliveries`, { auth: null })).json;
			return list[0]?.status === 'delivered' ? list : undefined;
		});
		expect(delivery.attempts.map((attempt: Json) => attempt.status)).toEqual([500, 500, 500, 204]);
		expect(delivery.attempts.map((attempt: Json) => attempt.number)).toEqual([1, 2, 3, 4]);
		expect((await call(sandbox(), 'GET', `/instances/${instance.id}/events`)).json[0].status).toBe('NOTIFIED');
	});
});

describe('sandbox: retries run out, the subscription is deactivated, later events queue (timeScale 1,000,000)', () => {
	const sandbox = useSandbox({ timeScale: 1_000_000 });
	const receiver = useReceiver();

	const hookInstance = (url: string) => webhookInstance(sandbox(), url);
	const deliveriesOf = (id: number) => deliveriesOfInstance(sandbox(), id);

	test('10 attempts (1 + 9 retries), then failed, deactivated; later events are queued until a PUT releases them', async () => {
		const { instance, failed } = await deliveryThatRanOutOfRetries(sandbox(), receiver());
		expect(failed.attempts).toHaveLength(10);
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(receiver().received).toHaveLength(10);
		const state = (await call(sandbox(), 'GET', `/_sandbox/instances/${instance.id}/notifications`, { auth: null })).json;
		expect(state.subscription).toEqual({ active: false, deactivatedAt: expect.any(String) });
		expect((await call(sandbox(), 'GET', `/instances/${instance.id}/events`)).json[0].status).toBe('FAILED');

		await placeOk(sandbox(), instance.id, { changes: [{ op: 'upload', path: '/top/b.txt' }, { op: 'upload', path: '/top/c.txt' }] });
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(receiver().received).toHaveLength(10);
		const queued = await call(sandbox(), 'GET', QUEUED);
		expect(queued.status).toBe(200);
		expect(queued.json.map((d: Json) => [d.instanceId, d.status, d.channel, d.attempts.length])).toEqual([
			[instance.id, 'queued', 'webhook', 0],
			[instance.id, 'queued', 'webhook', 0],
		]);
		const stored = (await call(sandbox(), 'GET', `/instances/${instance.id}/events`)).json;
		expect(stored.map((event: Json) => event.status)).toEqual(['QUEUED', 'QUEUED', 'FAILED']);

		receiver().answer(200);
		const released = await call(sandbox(), 'PUT', QUEUED);
		expect(released.status).toBe(200);
		expect(released.json).toHaveLength(2);
		const arrived = await receiver().waitFor(12);
		expect(arrived.slice(10).map((d) => d.json.message.raw.Event.Resource.Id)).toEqual(queued.json.map(() => expect.any(String)));
		expect(arrived.slice(10).map((d) => d.json.id)).toEqual(queued.json.map((d: Json) => d.envelopeId));
		expect((await call(sandbox(), 'GET', QUEUED)).json).toEqual([]);
		expect((await call(sandbox(), 'GET', `/_sandbox/instances/${instance.id}/notifications`, { auth: null })).json.subscription.active).toBe(true);
		const after = await eventually(async () => {
			const list = (await call(sandbox(), 'GET', `/instances/${instance.id}/events`)).json;
			return list[0].status === 'NOTIFIED' && list[1].status === 'NOTIFIED' ? list : undefined;
		});
		expect(after[2].status).toBe('FAILED');
		// The failed one stays failed: releasing is for what was queued.
		expect((await deliveriesOf(instance.id)).map((d) => d.status)).toEqual(['failed', 'delivered', 'delivered']);
	});

	test('a connection error fails an attempt like a non-2xx answer', async () => {
		const closed = await new Promise<number>((resolve) => {
			const server = net.createServer();
			server.listen(0, '127.0.0.1', () => {
				const { port } = server.address() as net.AddressInfo;
				server.close(() => resolve(port));
			});
		});
		const instance = await hookInstance(`http://127.0.0.1:${closed}/hook`);
		await placeOk(sandbox(), instance.id, { op: 'upload', path: '/top/a.txt' });
		const failed = await eventually(async () => {
			const list = await deliveriesOf(instance.id);
			return list[0]?.status === 'failed' ? list[0] : undefined;
		});
		expect(failed.attempts).toHaveLength(10);
		expect(failed.attempts.every((attempt: Json) => attempt.status === undefined && /ECONNREFUSED/.test(attempt.error))).toBe(true);
	});

	test('the queue endpoints need platform auth and a readable where; PUT releases only queued deliveries', async () => {
		expectCeError(await call(sandbox(), 'GET', QUEUED, { auth: null }), 401);
		expectCeError(await call(sandbox(), 'PUT', '/notifications/subscriptions/deliveries?where=' + encodeURIComponent("channel='webhook'")), 400, /queued/);
		expectCeError(await call(sandbox(), 'GET', '/notifications/subscriptions/deliveries?where=' + encodeURIComponent("color='red'")), 400, /color/);
		expectCeError(await call(sandbox(), 'GET', '/notifications/subscriptions/deliveries?where=' + encodeURIComponent('status is queued')), 400);
		expect((await call(sandbox(), 'PUT', QUEUED)).json).toEqual([]);
	});
});

describe('sandbox: retries in real time, and flushing them (timeScale 1)', () => {
	const sandbox = useSandbox();
	const receiver = useReceiver();

	test('a failed first attempt waits 4 s for its retry; /_sandbox/deliveries/flush sends it now', async () => {
		receiver().answer((count) => (count === 1 ? 500 : 200));
		const instance = await createInstance(sandbox(), {}, {
			'event.notification.enabled': true,
			'event.vendor.type': 'webhook',
			'event.notification.callback.url': receiver().url,
		});
		await placeOk(sandbox(), instance.id, { op: 'upload', path: '/top/a.txt' });
		const waiting = await eventually(async () => {
			const list = (await call(sandbox(), 'GET', `/_sandbox/instances/${instance.id}/deliveries`, { auth: null })).json;
			return list[0]?.status === 'retrying' ? list[0] : undefined;
		});
		const wait = Date.parse(waiting.nextAttemptAt) - Date.parse(waiting.attempts[0].at);
		expect(wait).toBeGreaterThanOrEqual(3990);
		expect(wait).toBeLessThan(4500);
		expect((await call(sandbox(), 'GET', `/instances/${instance.id}/events`)).json[0].status).toBe('DISPATCHED');

		const flushed = await call(sandbox(), 'POST', '/_sandbox/deliveries/flush', { auth: null });
		expect(flushed.json).toEqual({ retried: 1 });
		expect(receiver().received).toHaveLength(2);
		const list = (await call(sandbox(), 'GET', `/_sandbox/instances/${instance.id}/deliveries`, { auth: null })).json;
		expect(list[0]).toMatchObject({ status: 'delivered' });
		expect(list[0].nextAttemptAt).toBeUndefined();
	});
});
