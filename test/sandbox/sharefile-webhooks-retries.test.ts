import * as http from 'http';
import type { AddressInfo } from 'net';

import type { Sandbox } from '../../sandbox';
import { call, createInstance, useDataFileSandboxes, useSandbox } from './helpers';
import { placeOk } from './documents-helpers';
import { eventually, startReceiver, useReceiver } from './receiver';
import { login, sf } from './sharefile-api-helpers';
import { armWebhookFault, generateKey, primaryOf, secondaryOf, signatureMatches, subscribe, webhookAccount, webhookDeliveries, webhookSettings } from './sharefile-webhooks-helpers';

/** The delivery of the only subscription, once it has settled (not pending, sending or retrying). */
async function settledDelivery(sandbox: Sandbox, timeoutMs = 5000) {
	return eventually(async () => {
		const [delivery] = await webhookDeliveries(sandbox);
		return delivery && !['pending', 'sending', 'retrying'].includes(delivery.status) ? delivery : undefined;
	}, timeoutMs);
}

/** The INFERRED back-off (sandbox/README.md): the x-th retry 15 s × 2^(x-1), at most 6 h, within 7 days. */
function schedule() {
	const delays: number[] = [];
	let total = 0;
	for (let retry = 1; ; retry++) {
		const delay = Math.min(15000 * 2 ** (retry - 1), 6 * 3600 * 1000);
		if (total + delay > 7 * 24 * 3600 * 1000) return { delays, total };
		delays.push(delay);
		total += delay;
	}
}

describe('sandbox: ShareFile webhook retries (timeScale 1000)', () => {
	const sandbox = useSandbox({ timeScale: 1000 });
	const receiver = useReceiver();

	async function subscribed() {
		const account = await webhookAccount(sandbox());
		const key = await generateKey(sandbox(), account.token, 'Primary');
		const subscription = await subscribe(sandbox(), account.token, { context: 'Folder', resourceId: 'top', url: receiver().url });
		const change = (name = 'a.txt') => placeOk(sandbox(), account.instance.id, { op: 'upload', path: `/top/${name}`, content: name });
		return { ...account, key, subscription, change };
	}

	test('429, 500 and 503 are retried with exponential back-off, the same signed bytes each time, until a 2xx', async () => {
		const { key, change } = await subscribed();
		const answers = [429, 500, 503, 502, 204];
		receiver().answer((count) => answers[count - 1] ?? 200);
		await change();
		const received = await receiver().waitFor(5);
		const delivery = await settledDelivery(sandbox());
		expect(delivery.status).toBe('delivered');
		expect(delivery.attempts.map((attempt: { status: number }) => attempt.status)).toEqual(answers);
		expect(delivery.retries).toBe(4);
		for (const entry of received) {
			expect(entry.raw.equals(received[0].raw)).toBe(true);
			expect(signatureMatches(key, entry.raw, primaryOf(entry))).toBe(true);
		}
		// 15 s, 30 s, 60 s, 120 s divided by 1000: each gap at least its share, and doubling.
		const gaps = received.slice(1).map((entry, index) => entry.at - received[index].at);
		[15, 30, 60, 120].forEach((least, index) => expect(gaps[index]).toBeGreaterThanOrEqual(least - 2));
		await call(sandbox(), 'POST', '/_sandbox/sharefile/webhooks/flush', { auth: null });
		expect(receiver().received).toHaveLength(5);
	});

	test.each([404, 400, 401, 403, 410, 302])('%s is not retried: one attempt, failed', async (status) => {
		const { change } = await subscribed();
		receiver().answer(status);
		await change();
		const delivery = await settledDelivery(sandbox());
		expect(delivery).toMatchObject({ status: 'failed', reason: `HTTP ${status}: not retried`, attempts: [{ number: 1, status }] });
		const flushed = await call(sandbox(), 'POST', '/_sandbox/sharefile/webhooks/flush', { auth: null });
		expect(flushed.json).toEqual({ retried: 0 });
		expect(receiver().received).toHaveLength(1);
	});

	test('no answer within the attempt timeout is retried (the 10 s are shortened by the control)', async () => {
		let calls = 0;
		const hanging = http.createServer((req, res) => {
			calls += 1;
			req.resume();
			// The first POST never gets an answer; the second does.
			if (calls > 1) res.end('ok');
		});
		await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
		try {
			expect(await webhookSettings(sandbox(), { attemptTimeoutMs: 100 })).toEqual({ administrator: true, attemptTimeoutMs: 100 });
			const { token, instance } = await webhookAccount(sandbox());
			await subscribe(sandbox(), token, { context: 'Folder', resourceId: 'top', url: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/slow` });
			await placeOk(sandbox(), instance.id, { op: 'upload', path: '/top/t.txt', content: 't' });
			const delivery = await settledDelivery(sandbox());
			expect(delivery.status).toBe('delivered');
			expect(delivery.attempts[0]).toMatchObject({ number: 1, error: expect.stringMatching(/no answer within 100 ms/) });
			expect(delivery.attempts[0].status).toBeUndefined();
			expect(delivery.attempts[1]).toMatchObject({ number: 2, status: 200 });
		} finally {
			hanging.closeAllConnections();
			await new Promise((resolve) => hanging.close(resolve));
		}
	});

	test('a receiver that is down (connection refused) is retried until it is back: delivered once', async () => {
		const { token, instance } = await webhookAccount(sandbox());
		const later = await startReceiver();
		const port = later.port;
		await later.close();
		await subscribe(sandbox(), token, { context: 'Folder', resourceId: 'top', url: `http://127.0.0.1:${port}/hook` });
		await placeOk(sandbox(), instance.id, { op: 'upload', path: '/top/down.txt', content: 'd' });
		await eventually(async () => (await webhookDeliveries(sandbox()))[0]?.attempts.length >= 2);
		// Back on the same port.
		const back = http.createServer((req, res) => {
			req.resume();
			res.end();
		});
		let got = 0;
		back.on('request', () => (got += 1));
		await new Promise<void>((resolve) => back.listen(port, '127.0.0.1', resolve));
		try {
			const delivery = await settledDelivery(sandbox(), 10000);
			expect(delivery.status).toBe('delivered');
			expect(delivery.attempts.at(-1).status).toBe(200);
			expect(delivery.attempts.slice(0, -1).every((attempt: { error?: string }) => typeof attempt.error === 'string')).toBe(true);
			expect(got).toBe(1);
		} finally {
			back.closeAllConnections();
			await new Promise((resolve) => back.close(resolve));
		}
	});

	test('deleting the subscription stops its retries; later changes are not delivered', async () => {
		const { token, subscription, change } = await subscribed();
		receiver().answer(503);
		await change('one.txt');
		await receiver().waitFor(2);
		expect((await sf(sandbox(), token, 'DELETE', `WebhookSubscriptions(${subscription.Id})`)).status).toBe(204);
		const [delivery] = await webhookDeliveries(sandbox());
		expect(delivery).toMatchObject({ status: 'failed', reason: 'the subscription was deleted' });
		const count = receiver().received.length;
		await change('two.txt');
		await call(sandbox(), 'POST', '/_sandbox/sharefile/webhooks/flush', { auth: null });
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(receiver().received).toHaveLength(count);
		expect(await webhookDeliveries(sandbox())).toHaveLength(1);
	});

	test('flush sends every waiting retry now; the deliveries list filters by subscription and status', async () => {
		const { subscription, change } = await subscribed();
		receiver().answer((count) => (count <= 1 ? 503 : 200));
		await change();
		await receiver().waitFor(1);
		await call(sandbox(), 'POST', '/_sandbox/sharefile/webhooks/flush', { auth: null });
		await receiver().waitFor(2);
		expect(await webhookDeliveries(sandbox(), `subscriptionId=${subscription.Id}&status=delivered`)).toHaveLength(1);
		expect(await webhookDeliveries(sandbox(), 'status=failed')).toHaveLength(0);
		expect(await webhookDeliveries(sandbox(), 'subscriptionId=nope')).toHaveLength(0);
	});

	test('faults: drop, duplicate, delay, wrong-signature, unsigned; aimed at one subscription; listed and cleared', async () => {
		const { token, key, change } = await subscribed();
		const aimed = await subscribe(sandbox(), token, { context: 'Folder', resourceId: 'top', url: `${receiver().url}/aimed` });

		await armWebhookFault(sandbox(), { kind: 'drop', subscriptionId: aimed.Id });
		await change('dropped.txt');
		await receiver().waitFor(1);
		await call(sandbox(), 'POST', '/_sandbox/sharefile/webhooks/flush', { auth: null });
		expect(receiver().received.map((entry) => entry.path)).toEqual(['/hook']);
		expect(await webhookDeliveries(sandbox(), `subscriptionId=${aimed.Id}`)).toEqual([expect.objectContaining({ status: 'dropped', fault: 'drop', attempts: [] })]);
		expect((await sf(sandbox(), token, 'DELETE', `WebhookSubscriptions(${aimed.Id})`)).status).toBe(204);
		receiver().clear();

		await armWebhookFault(sandbox(), { kind: 'duplicate' });
		await change('twice.txt');
		const twice = await receiver().waitFor(2);
		expect(twice[0].raw.equals(twice[1].raw)).toBe(true);
		const deliveries = await webhookDeliveries(sandbox(), 'status=delivered');
		expect(deliveries.filter((delivery) => delivery.duplicateOf !== undefined)).toHaveLength(1);
		receiver().clear();

		await armWebhookFault(sandbox(), { kind: 'delay', delayMs: 200 });
		const before = Date.now();
		await change('late.txt');
		const [late] = await receiver().waitFor(1);
		expect(late.at - before).toBeGreaterThanOrEqual(190);
		receiver().clear();

		await generateKey(sandbox(), token, 'Secondary');
		await armWebhookFault(sandbox(), { kind: 'wrong-signature' });
		await change('forged.txt');
		const [forged] = await receiver().waitFor(1);
		expect(typeof primaryOf(forged)).toBe('string');
		expect(typeof secondaryOf(forged)).toBe('string');
		expect(signatureMatches(key, forged.raw, primaryOf(forged))).toBe(false);
		receiver().clear();

		await armWebhookFault(sandbox(), { kind: 'unsigned', count: 2 });
		expect((await call(sandbox(), 'GET', '/_sandbox/sharefile/webhooks/faults', { auth: null })).json).toEqual([expect.objectContaining({ kind: 'unsigned', remaining: 2 })]);
		await change('bare.txt');
		const [bare] = await receiver().waitFor(1);
		expect(primaryOf(bare)).toBeUndefined();
		expect(secondaryOf(bare)).toBeUndefined();
		expect((await call(sandbox(), 'DELETE', '/_sandbox/sharefile/webhooks/faults', { auth: null })).status).toBe(200);
		expect((await call(sandbox(), 'GET', '/_sandbox/sharefile/webhooks/faults', { auth: null })).json).toEqual([]);

		const refused = await call(sandbox(), 'POST', '/_sandbox/sharefile/webhooks/faults', { body: { kind: 'explode' }, auth: null });
		expect(refused.status).toBe(400);
	});

	test("a Cloud Elements webhook instance still gets its own events beside ShareFile's subscriptions; the page's log shows both", async () => {
		const ce = await createInstance(sandbox(), {}, {
			'sharefile.subdomain': 'acme',
			'event.notification.enabled': true,
			'event.vendor.type': 'webhook',
			'event.notification.callback.url': `${receiver().url}/ce`,
		});
		// ShareFile's own subscription on the Cloud Elements instance's account (subdomain acme).
		const tokens = await login(sandbox(), { host: 'acme' });
		const subscription = await subscribe(sandbox(), tokens.access_token, { context: 'Folder', resourceId: 'top', url: `${receiver().url}/sf` });

		await placeOk(sandbox(), ce.id, { op: 'upload', path: '/top/both.txt', content: 'both' });
		const received = await receiver().waitFor(2);
		expect(received.map((entry) => entry.path).sort()).toEqual(['/hook/ce', '/hook/sf']);
		expect(received.find((entry) => entry.path === '/hook/ce')!.json.message.events[0]).toMatchObject({ eventType: 'CREATED' });

		const activity = await call(sandbox(), 'GET', '/_sandbox/activity', { auth: null });
		const rows = activity.json.entries.filter((entry: { kind: string }) => entry.kind === 'delivery');
		expect(rows).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ vendor: 'webhook', instanceId: ce.id, status: 'delivered' }),
				expect.objectContaining({
					key: expect.stringMatching(/^sharefile-delivery-\d+$/),
					vendor: 'sharefile',
					instanceId: ce.id,
					subscriptionId: subscription.Id,
					status: 'delivered',
					events: [expect.objectContaining({ eventType: 'File Upload', path: '/top/both.txt' })],
					attempts: 1,
					lastAttempt: expect.objectContaining({ status: 200 }),
				}),
			]),
		);
	});
});

describe('sandbox: ShareFile webhook retries end at the 7-day TTL (timeScale 1,000,000)', () => {
	const sandbox = useSandbox({ timeScale: 1_000_000 });
	const receiver = useReceiver();

	test('a receiver that always answers 503 gets the whole schedule, then the delivery expires', async () => {
		const { delays, total } = schedule();
		expect(delays.slice(0, 4)).toEqual([15000, 30000, 60000, 120000]);
		expect(delays).toHaveLength(37);
		expect(total).toBe(592305000);
		expect(total).toBeLessThanOrEqual(7 * 24 * 3600 * 1000);
		const { token, instance } = await webhookAccount(sandbox());
		await subscribe(sandbox(), token, { context: 'Folder', resourceId: 'top', url: receiver().url });
		receiver().answer(503);
		await placeOk(sandbox(), instance.id, { op: 'upload', path: '/top/never.txt', content: 'n' });
		const delivery = await settledDelivery(sandbox(), 15000);
		expect(delivery).toMatchObject({ status: 'failed', reason: 'expired: retries ran out at the 7-day TTL', retries: delays.length });
		expect(delivery.attempts).toHaveLength(delays.length + 1);
		expect(receiver().received).toHaveLength(delays.length + 1);
	});
});

describe('sandbox: ShareFile webhook deliveries in the state file', () => {
	const sandboxes = useDataFileSandboxes();
	const receiver = useReceiver();

	test('a delivery waiting for a retry is sent after a restart', async () => {
		const first = await sandboxes.start({ timeScale: 1 });
		const { token, instance } = await webhookAccount(first);
		await subscribe(first, token, { context: 'Folder', resourceId: 'top', url: receiver().url });
		receiver().answer((count) => (count === 1 ? 500 : 200));
		await placeOk(first, instance.id, { op: 'upload', path: '/top/kept.txt', content: 'k' });
		await receiver().waitFor(1);
		await eventually(async () => (await webhookDeliveries(first))[0]?.status === 'retrying');
		await first.close();

		const second = await sandboxes.start({ timeScale: 1 });
		expect((await webhookDeliveries(second))[0]).toMatchObject({ status: 'retrying', retries: 1 });
		await call(second, 'POST', '/_sandbox/sharefile/webhooks/flush', { auth: null });
		const [delivery] = await webhookDeliveries(second);
		expect(delivery.status).toBe('delivered');
		expect(receiver().received).toHaveLength(2);
		expect(receiver().received[1].raw.equals(receiver().received[0].raw)).toBe(true);
		const activity = await call(second, 'GET', '/_sandbox/activity', { auth: null });
		expect(activity.json.entries.some((entry: { key: string }) => entry.key === `sharefile-delivery-${delivery.id}`)).toBe(true);
	});
});
