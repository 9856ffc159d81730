import { call, expectCeError, useSandbox } from './helpers';
import { placeOk } from './documents-helpers';
import { eventually, useReceiver } from './receiver';
import { deliveriesOf as deliveriesOfInstance, deliveryThatRanOutOfRetries, webhookInstance } from './webhook-deliveries';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const deliveriesWhere = (where: string) => `/notifications/subscriptions/deliveries?where=${encodeURIComponent(where)}`;
const QUEUED = deliveriesWhere("channel='webhook' and status='queued'");
const POLICY = 'notification.webhook.failure.policy';

describe('sandbox: the account failure policy, config.url, and what is left to recover (timeScale 1,000,000)', () => {
	const sandbox = useSandbox({ timeScale: 1_000_000 });
	const receiver = useReceiver();

	const hookInstance = (url: string) => webhookInstance(sandbox(), url);
	const deliveriesOf = (id: number) => deliveriesOfInstance(sandbox(), id);
	const storedOf = async (id: number) => (await call(sandbox(), 'GET', `/instances/${id}/events`)).json as Json[];

	test('the policy is an account setting: retry by default, PATCHed and read back on both paths, validated', async () => {
		expect((await call(sandbox(), 'GET', '/accounts/settings')).json).toMatchObject({ [POLICY]: 'retry' });
		const patched = await call(sandbox(), 'PATCH', '/accounts/settings', { body: { [POLICY]: 'queue' } });
		expect(patched.status).toBe(200);
		expect(patched.json[POLICY]).toBe('queue');
		expect((await call(sandbox(), 'GET', '/accounts/874/settings')).json[POLICY]).toBe('queue');
		expect((await call(sandbox(), 'PATCH', '/accounts/874/settings', { body: { [POLICY]: 'retry' } })).json[POLICY]).toBe('retry');
		expectCeError(await call(sandbox(), 'PATCH', '/accounts/settings', { body: { [POLICY]: 'drop' } }), 400, /retry, queue/);
		expectCeError(await call(sandbox(), 'GET', '/accounts/1/settings'), 404);
		expectCeError(await call(sandbox(), 'GET', '/accounts/settings', { auth: null }), 401);
		expect((await call(sandbox(), 'GET', '/accounts/settings')).json[POLICY]).toBe('retry');
	});

	test('policy queue: the first failed attempt queues the delivery at once (no retries), and later events behind it', async () => {
		await call(sandbox(), 'PATCH', '/accounts/settings', { body: { [POLICY]: 'queue' } });
		receiver().answer(503);
		const instance = await hookInstance(receiver().url);
		await placeOk(sandbox(), instance.id, { op: 'upload', path: '/top/a.txt' });
		const [held] = await eventually(async () => {
			const list = await deliveriesOf(instance.id);
			return list[0]?.status === 'queued' ? list : undefined;
		});
		expect(held.attempts).toHaveLength(1);
		await placeOk(sandbox(), instance.id, { op: 'upload', path: '/top/b.txt' });
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(receiver().received).toHaveLength(1);
		expect((await deliveriesOf(instance.id)).map((d) => d.status)).toEqual(['queued', 'queued']);
		expect((await storedOf(instance.id)).map((event) => event.status)).toEqual(['QUEUED', 'QUEUED']);

		receiver().answer(200);
		const released = await call(sandbox(), 'PUT', QUEUED);
		expect(released.json).toHaveLength(2);
		await receiver().waitFor(3);
		// The first delivery again, with the same bytes, then the second.
		expect(receiver().received[1].raw.equals(receiver().received[0].raw)).toBe(true);
		await eventually(async () => ((await storedOf(instance.id)).every((event) => event.status === 'NOTIFIED') ? true : undefined));
	});

	test("config.url: each delivery names the callback URL it was made for; a where with it lists and releases only that URL's", async () => {
		await call(sandbox(), 'PATCH', '/accounts/settings', { body: { [POLICY]: 'queue' } });
		receiver().answer(503);
		const mine = `${receiver().url}?n8n_sig=abc&and=x`;
		const theirs = `${receiver().url}/other`;
		const first = await hookInstance(mine);
		const second = await hookInstance(theirs);
		await placeOk(sandbox(), first.id, { op: 'upload', path: '/top/a.txt' });
		await placeOk(sandbox(), second.id, { op: 'upload', path: '/top/b.txt' });
		await eventually(async () => ((await call(sandbox(), 'GET', QUEUED)).json.length === 2 ? true : undefined));

		const listed = await call(sandbox(), 'GET', deliveriesWhere(`channel='webhook' and status='queued' and config.url='${mine}'`));
		expect(listed.json.map((d: Json) => [d.instanceId, d.config])).toEqual([[first.id, { url: mine }]]);
		receiver().answer(200);
		const released = await call(sandbox(), 'PUT', deliveriesWhere(`channel='webhook' and status='queued' and config.url='${mine}'`));
		expect(released.json.map((d: Json) => d.instanceId)).toEqual([first.id]);
		await receiver().waitFor(3);
		expect((await call(sandbox(), 'GET', QUEUED)).json.map((d: Json) => d.config.url)).toEqual([theirs]);
		expectCeError(await call(sandbox(), 'GET', deliveriesWhere("config.colour='x'")), 400, /config\.url/);
	});

	test('policy retry: the delivery that ran out of retries stays findable in the stored-event log, FAILED, with its message', async () => {
		const { instance, failed } = await deliveryThatRanOutOfRetries(sandbox(), receiver());
		const [stored] = await storedOf(instance.id);
		expect(stored).toMatchObject({ id: failed.storedEventId, status: 'FAILED' });
		// Everything needed to deliver it again: the message, its eventId, the envelope id.
		expect(stored.notifiedData.eventId).toBe(failed.eventId);
		expect(String(stored.id)).toBe(failed.envelopeId);
		expect(stored.notifiedData.events).toHaveLength(1);
		expect((await call(sandbox(), 'GET', '/instances/events')).json.map((event: Json) => event.id)).toContain(stored.id);
		expect((await call(sandbox(), 'GET', `/instances/events/${stored.id}`)).json.status).toBe('FAILED');
		expect((await call(sandbox(), 'GET', deliveriesWhere(`status='failed' and config.url='${receiver().url}'`))).json.map((d: Json) => d.id)).toEqual([failed.id]);

		// The subscription is deactivated and nothing is held: a release naming the instance's
		// callback URL takes it up again, so the next event is delivered.
		const state = async () => (await call(sandbox(), 'GET', `/_sandbox/instances/${instance.id}/notifications`, { auth: null })).json.subscription.active;
		expect(await state()).toBe(false);
		receiver().answer(200);
		expect((await call(sandbox(), 'PUT', deliveriesWhere(`status='queued' and config.url='${receiver().url}/nope'`))).json).toEqual([]);
		expect(await state()).toBe(false);
		expect((await call(sandbox(), 'PUT', deliveriesWhere(`status='queued' and config.url='${receiver().url}'`))).json).toEqual([]);
		expect(await state()).toBe(true);
		await placeOk(sandbox(), instance.id, { op: 'upload', path: '/top/b.txt' });
		await receiver().waitFor(11);
	});
});
