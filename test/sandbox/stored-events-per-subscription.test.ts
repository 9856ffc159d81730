import { call, useDataFileSandboxes, useSandbox } from './helpers';
import { placeOk } from './documents-helpers';
import { eventually, useReceiver } from './receiver';
import { signedWebhookInstance, subscribeOk, subscriptionsOf, topicOf, uploadedIds } from './subscription-helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const KEY = 'instance-key-77aa';
const deliveriesWhere = (where: string) => `/notifications/subscriptions/deliveries?where=${encodeURIComponent(where)}`;

/**
 * The stored-event log answers, beside the summary `status`, each subscription's own status of the
 * event (`statusBySubscription`), so that a subscriber tells the events IT lost from those another
 * subscriber lost.
 */
describe('sandbox: stored events carry each subscription’s status (timeScale 1,000,000)', () => {
	const sandbox = useSandbox({ timeScale: 1_000_000 });
	const callback = useReceiver();
	const added = useReceiver();
	const third = useReceiver();

	const upload = (instanceId: number, name: string) => placeOk(sandbox(), instanceId, { op: 'upload', path: `/top/${name}` });
	const logOf = async (instanceId: number): Promise<Json[]> => (await call(sandbox(), 'GET', `/instances/${instanceId}/events`)).json;
	/** The log oldest first, as [summary, { subscriptionId: status }]. */
	const statuses = async (instanceId: number) => (await logOf(instanceId)).reverse().map((event) => [event.status, event.statusBySubscription]);
	const ownOf = async (extraIds: number[]) => (await subscriptionsOf(sandbox())).find((s) => !extraIds.includes(s.id)).id as number;

	test('all delivered: each subscription reads NOTIFIED, keyed by its id, on every events route', async () => {
		const instance = await signedWebhookInstance(sandbox(), callback().url, KEY);
		const extra = await subscribeOk(sandbox(), added().url, [topicOf(instance.id)]);
		const own = await ownOf([extra.id]);
		await upload(instance.id, 'a.txt');
		await callback().waitFor(1);
		await added().waitFor(1);
		const expected = { [own]: 'NOTIFIED', [extra.id]: 'NOTIFIED' };
		await eventually(async () => ((await logOf(instance.id))[0].status === 'NOTIFIED' ? true : undefined));
		const [event] = await logOf(instance.id);
		expect(event.statusBySubscription).toEqual(expected);
		expect(Object.keys(event)).toEqual(['id', 'instanceId', 'eventDate', 'status', 'statusBySubscription', 'providerData', 'notifiedData']);
		expect((await call(sandbox(), 'GET', `/instances/events/${event.id}`)).json.statusBySubscription).toEqual(expected);
		const everyInstance = (await call(sandbox(), 'GET', '/instances/events')).json as Json[];
		expect(everyInstance.find((entry) => entry.id === event.id).statusBySubscription).toEqual(expected);
	});

	test('one subscriber gives up: FAILED then QUEUED for it alone, NOTIFIED for the others; the summary still says the worst', async () => {
		added().answer(503);
		const instance = await signedWebhookInstance(sandbox(), callback().url, KEY);
		const extra = await subscribeOk(sandbox(), added().url, [topicOf(instance.id)]);
		const other = await subscribeOk(sandbox(), third().url, [topicOf(instance.id)]);
		const own = await ownOf([extra.id, other.id]);
		await upload(instance.id, 'a.txt');
		await added().waitFor(10);
		await eventually(async () => (await subscriptionsOf(sandbox())).find((s) => s.id === extra.id && !s.active));
		await upload(instance.id, 'b.txt');
		await callback().waitFor(2);
		await third().waitFor(2);
		await eventually(async () => ((await logOf(instance.id)).every((event) => event.status !== 'DISPATCHED' && event.status !== 'RECEIVED') ? true : undefined));

		expect(await statuses(instance.id)).toEqual([
			['FAILED', { [own]: 'NOTIFIED', [extra.id]: 'FAILED', [other.id]: 'NOTIFIED' }],
			['QUEUED', { [own]: 'NOTIFIED', [extra.id]: 'QUEUED', [other.id]: 'NOTIFIED' }],
		]);
		// What the failing subscriber lost for good, read from the log: the first upload alone.
		const lostBy = async (id: number) => (await logOf(instance.id)).filter((event) => event.statusBySubscription[String(id)] === 'FAILED').map((event) => event.id);
		expect(await lostBy(extra.id)).toHaveLength(1);
		expect(await lostBy(own)).toEqual([]);
		expect(await lostBy(other.id)).toEqual([]);

		// Released, the queued one is delivered: NOTIFIED for it too; the one given up on stays FAILED.
		added().answer(200);
		await call(sandbox(), 'PUT', deliveriesWhere(`status='queued' and config.url='${added().url}'`));
		await added().waitFor(11);
		await eventually(async () => ((await logOf(instance.id))[0].status === 'NOTIFIED' ? true : undefined));
		expect(await statuses(instance.id)).toEqual([
			['FAILED', { [own]: 'NOTIFIED', [extra.id]: 'FAILED', [other.id]: 'NOTIFIED' }],
			['NOTIFIED', { [own]: 'NOTIFIED', [extra.id]: 'NOTIFIED', [other.id]: 'NOTIFIED' }],
		]);
	});

	test('a subscription deleted with a delivery held reads FAILED for that event: it will never get it; the summary forgets it', async () => {
		await call(sandbox(), 'PATCH', '/accounts/settings', { body: { 'notification.webhook.failure.policy': 'queue' } });
		added().answer(503);
		const instance = await signedWebhookInstance(sandbox(), callback().url, KEY);
		const extra = await subscribeOk(sandbox(), added().url, [topicOf(instance.id)]);
		const own = await ownOf([extra.id]);
		await upload(instance.id, 'a.txt');
		await callback().waitFor(1);
		await eventually(async () => ((await logOf(instance.id))[0].statusBySubscription[String(extra.id)] === 'QUEUED' ? true : undefined));
		expect((await call(sandbox(), 'DELETE', `/notifications/subscriptions/${extra.id}`)).status).toBe(200);
		expect(await statuses(instance.id)).toEqual([['NOTIFIED', { [own]: 'NOTIFIED', [extra.id]: 'FAILED' }]]);
	});

	test('an event names only the subscriptions that heard it: one made later is absent from older events', async () => {
		const instance = await signedWebhookInstance(sandbox(), callback().url, KEY);
		const own = await ownOf([]);
		const a = await upload(instance.id, 'a.txt');
		await callback().waitFor(1);
		const extra = await subscribeOk(sandbox(), added().url, [topicOf(instance.id)]);
		const b = await upload(instance.id, 'b.txt');
		await added().waitFor(1);
		await callback().waitFor(2);
		expect(uploadedIds(added().received)).toEqual([b.id]);
		expect(uploadedIds(callback().received)).toEqual([a.id, b.id]);
		await eventually(async () => ((await logOf(instance.id)).every((event) => event.status === 'NOTIFIED') ? true : undefined));
		expect(await statuses(instance.id)).toEqual([
			['NOTIFIED', { [own]: 'NOTIFIED' }],
			['NOTIFIED', { [own]: 'NOTIFIED', [extra.id]: 'NOTIFIED' }],
		]);
	});

	test('events nobody heard have an empty map; events added through the control have none', async () => {
		const instance = await signedWebhookInstance(sandbox(), callback().url, KEY);
		const own = await ownOf([]);
		expect((await call(sandbox(), 'DELETE', `/notifications/subscriptions/${own}`)).status).toBe(200);
		await upload(instance.id, 'a.txt');
		const added = (await call(sandbox(), 'POST', `/_sandbox/instances/${instance.id}/events`, { body: { status: 'NOTIFIED' }, auth: null })).json;
		expect(added).not.toHaveProperty('statusBySubscription');
		const log = await logOf(instance.id);
		expect(log.map((event) => [event.status, event.statusBySubscription])).toEqual([
			['NOTIFIED', undefined],
			['RECEIVED', {}],
		]);
	});
});

describe('sandbox: a subscription’s status follows its delivery (timeScale 1)', () => {
	const sandbox = useSandbox({ timeScale: 1 });
	const callback = useReceiver();
	const added = useReceiver();

	test('DISPATCHED while its delivery waits for a retry, NOTIFIED for the one that got it', async () => {
		added().answer(503);
		const instance = await signedWebhookInstance(sandbox(), callback().url, KEY);
		const extra = await subscribeOk(sandbox(), added().url, [topicOf(instance.id)]);
		const own = (await subscriptionsOf(sandbox())).find((s) => s.id !== extra.id).id as number;
		await placeOk(sandbox(), instance.id, { op: 'upload', path: '/top/a.txt' });
		await added().waitFor(1);
		await callback().waitFor(1);
		// The first retry comes 4 s later: until then the event is on its way for that subscriber.
		const [event] = await eventually(async () => {
			const log = (await call(sandbox(), 'GET', `/instances/${instance.id}/events`)).json as Json[];
			return log[0].statusBySubscription[String(own)] === 'NOTIFIED' && log[0].statusBySubscription[String(extra.id)] === 'DISPATCHED' ? log : undefined;
		});
		expect(event.status).toBe('DISPATCHED');
		expect(event.statusBySubscription).toEqual({ [own]: 'NOTIFIED', [extra.id]: 'DISPATCHED' });
	});
});

describe('sandbox: each subscription’s status of a stored event survives a restart', () => {
	const { start } = useDataFileSandboxes();
	const callback = useReceiver();
	const added = useReceiver();

	test('kept in the data file with the event', async () => {
		const first = await start({ timeScale: 1_000_000 });
		added().answer(503);
		const instance = await signedWebhookInstance(first, callback().url, KEY);
		const extra = await subscribeOk(first, added().url, [topicOf(instance.id)]);
		await placeOk(first, instance.id, { op: 'upload', path: '/top/a.txt' });
		await added().waitFor(10);
		const log = async (sandbox: typeof first) => (await call(sandbox, 'GET', `/instances/${instance.id}/events`)).json as Json[];
		await eventually(async () => ((await log(first))[0].statusBySubscription[String(extra.id)] === 'FAILED' ? true : undefined));
		const before = (await log(first))[0].statusBySubscription;
		await first.close();
		const second = await start({ timeScale: 1_000_000 });
		expect((await log(second))[0].statusBySubscription).toEqual(before);
		expect(Object.values(before).sort()).toEqual(['FAILED', 'NOTIFIED']);
	});
});
