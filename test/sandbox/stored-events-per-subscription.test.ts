import { call, useDataFileSandboxes, useSandbox } from './helpers';
import { placeOk } from './documents-helpers';
import { eventually, useReceiver } from './receiver';
import { signedWebhookInstance, subscribeOk, subscriptionsOf, topicOf, uploadedIds } from './subscription-helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const KEY = 'instance-key-77aa';
const deliveriesWhere = (where: string) => `/notifications/subscriptions/deliveries?where=${encodeURIComponent(where)}`;

/** One subscription's entry as a stored event lists it. */
const entry = (subscriptionId: number, address: string, status: string) => ({ subscriptionId, address, status });
/** The entry of one subscription in a stored event, or undefined. */
const of = (event: Json, subscriptionId: number) => (event.subscriptions as Json[]).find((candidate) => candidate.subscriptionId === subscriptionId);

/**
 * The stored-event log answers, beside the summary `status`, each subscription's own status of the
 * event (`subscriptions`), so that a subscriber tells the events IT lost from those another
 * subscriber lost.
 */
describe('sandbox: stored events carry each subscription’s status (timeScale 1,000,000)', () => {
	const sandbox = useSandbox({ timeScale: 1_000_000 });
	const callback = useReceiver();
	const added = useReceiver();
	const third = useReceiver();

	const upload = (instanceId: number, name: string) => placeOk(sandbox(), instanceId, { op: 'upload', path: `/top/${name}` });
	const logOf = async (instanceId: number): Promise<Json[]> => (await call(sandbox(), 'GET', `/instances/${instanceId}/events`)).json;
	/** The log oldest first, as [summary, each subscription's entry]. */
	const statuses = async (instanceId: number) => (await logOf(instanceId)).reverse().map((event) => [event.status, event.subscriptions]);
	const ownOf = async (extraIds: number[]) => (await subscriptionsOf(sandbox())).find((s) => !extraIds.includes(s.id)).id as number;

	test('all delivered: each subscription reads NOTIFIED with the address it was delivered to, on every events route', async () => {
		const instance = await signedWebhookInstance(sandbox(), callback().url, KEY);
		const extra = await subscribeOk(sandbox(), added().url, [topicOf(instance.id)]);
		const own = await ownOf([extra.id]);
		await upload(instance.id, 'a.txt');
		await callback().waitFor(1);
		await added().waitFor(1);
		const expected = [entry(own, callback().url, 'NOTIFIED'), entry(extra.id, added().url, 'NOTIFIED')];
		await eventually(async () => ((await logOf(instance.id))[0].status === 'NOTIFIED' ? true : undefined));
		const [event] = await logOf(instance.id);
		expect(event.subscriptions).toEqual(expected);
		expect(Object.keys(event)).toEqual(['id', 'instanceId', 'eventDate', 'status', 'statusBySubscription', 'subscriptions', 'providerData', 'notifiedData']);
		// The same by subscription id alone.
		expect(event.statusBySubscription).toEqual({ [own]: 'NOTIFIED', [extra.id]: 'NOTIFIED' });
		expect((await call(sandbox(), 'GET', `/instances/events/${event.id}`)).json.subscriptions).toEqual(expected);
		const everyInstance = (await call(sandbox(), 'GET', '/instances/events')).json as Json[];
		expect(everyInstance.find((candidate) => candidate.id === event.id).subscriptions).toEqual(expected);
	});

	test('the address leaves out the query (an n8n trigger’s secret and nonce) and masks a password', async () => {
		const instance = await signedWebhookInstance(sandbox(), callback().url, KEY);
		const secretUrl = new URL(added().url);
		secretUrl.username = 'me';
		secretUrl.password = 'p4ss';
		secretUrl.search = '?n8n_sub=very-secret&n8n_key=instance';
		const extra = await subscribeOk(sandbox(), secretUrl.toString(), [topicOf(instance.id)]);
		await upload(instance.id, 'a.txt');
		await added().waitFor(1);
		await eventually(async () => (of((await logOf(instance.id))[0], extra.id)?.status === 'NOTIFIED' ? true : undefined));
		const [event] = await logOf(instance.id);
		expect(of(event, extra.id).address).toBe(`http://me:********@127.0.0.1:${new URL(added().url).port}${new URL(added().url).pathname}`);
		expect(JSON.stringify(event)).not.toContain('very-secret');
		expect(JSON.stringify(event)).not.toContain('p4ss');
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

		const each = (extraStatus: string) => [entry(own, callback().url, 'NOTIFIED'), entry(extra.id, added().url, extraStatus), entry(other.id, third().url, 'NOTIFIED')];
		expect(await statuses(instance.id)).toEqual([
			['FAILED', each('FAILED')],
			['QUEUED', each('QUEUED')],
		]);
		expect((await logOf(instance.id)).reverse().map((event) => event.statusBySubscription)).toEqual([
			{ [own]: 'NOTIFIED', [extra.id]: 'FAILED', [other.id]: 'NOTIFIED' },
			{ [own]: 'NOTIFIED', [extra.id]: 'QUEUED', [other.id]: 'NOTIFIED' },
		]);
		// What each subscriber lost for good, read from the log by its address: the first upload, for one.
		const lostAt = async (address: string) =>
			(await logOf(instance.id)).filter((event) => event.subscriptions.some((one: Json) => one.address === address && one.status === 'FAILED')).length;
		expect([await lostAt(added().url), await lostAt(callback().url), await lostAt(third().url)]).toEqual([1, 0, 0]);

		// Released, the queued one is delivered: NOTIFIED for it too; the one given up on stays FAILED.
		added().answer(200);
		await call(sandbox(), 'PUT', deliveriesWhere(`status='queued' and config.url='${added().url}'`));
		await added().waitFor(11);
		await eventually(async () => ((await logOf(instance.id))[0].status === 'NOTIFIED' ? true : undefined));
		expect(await statuses(instance.id)).toEqual([
			['FAILED', each('FAILED')],
			['NOTIFIED', each('NOTIFIED')],
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
		await eventually(async () => (of((await logOf(instance.id))[0], extra.id)?.status === 'QUEUED' ? true : undefined));
		expect((await call(sandbox(), 'DELETE', `/notifications/subscriptions/${extra.id}`)).status).toBe(200);
		expect(await statuses(instance.id)).toEqual([['NOTIFIED', [entry(own, callback().url, 'NOTIFIED'), entry(extra.id, added().url, 'FAILED')]]]);
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
			['NOTIFIED', [entry(own, callback().url, 'NOTIFIED')]],
			['NOTIFIED', [entry(own, callback().url, 'NOTIFIED'), entry(extra.id, added().url, 'NOTIFIED')]],
		]);
	});

	test('the callback’s subscription moved to another URL: each event names the address its delivery was made for', async () => {
		const instance = await signedWebhookInstance(sandbox(), callback().url, KEY);
		const own = await ownOf([]);
		await upload(instance.id, 'a.txt');
		await callback().waitFor(1);
		await call(sandbox(), 'PATCH', `/instances/${instance.id}`, { body: { configuration: { 'event.notification.callback.url': added().url } } });
		await upload(instance.id, 'b.txt');
		await added().waitFor(1);
		await eventually(async () => ((await logOf(instance.id)).every((event) => event.status === 'NOTIFIED') ? true : undefined));
		expect(await ownOf([])).toBe(own);
		expect(await statuses(instance.id)).toEqual([
			['NOTIFIED', [entry(own, callback().url, 'NOTIFIED')]],
			['NOTIFIED', [entry(own, added().url, 'NOTIFIED')]],
		]);
		// By id alone the two deliveries, to two receivers, read as one subscription's.
		expect((await logOf(instance.id)).map((event) => event.statusBySubscription)).toEqual([{ [own]: 'NOTIFIED' }, { [own]: 'NOTIFIED' }]);
	});

	test('events nobody heard list no subscription; events added through the control have no list', async () => {
		const instance = await signedWebhookInstance(sandbox(), callback().url, KEY);
		const own = await ownOf([]);
		expect((await call(sandbox(), 'DELETE', `/notifications/subscriptions/${own}`)).status).toBe(200);
		await upload(instance.id, 'a.txt');
		const posted = (await call(sandbox(), 'POST', `/_sandbox/instances/${instance.id}/events`, { body: { status: 'NOTIFIED' }, auth: null })).json;
		expect(posted).not.toHaveProperty('subscriptions');
		expect(posted).not.toHaveProperty('statusBySubscription');
		const log = await logOf(instance.id);
		expect(log.map((event) => [event.status, event.subscriptions, event.statusBySubscription])).toEqual([
			['NOTIFIED', undefined, undefined],
			['RECEIVED', [], {}],
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
			return of(log[0], own)?.status === 'NOTIFIED' && of(log[0], extra.id)?.status === 'DISPATCHED' ? log : undefined;
		});
		expect(event.status).toBe('DISPATCHED');
		expect(event.subscriptions).toEqual([entry(own, callback().url, 'NOTIFIED'), entry(extra.id, added().url, 'DISPATCHED')]);
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
		await eventually(async () => (of((await log(first))[0], extra.id)?.status === 'FAILED' ? true : undefined));
		const before = (await log(first))[0].subscriptions;
		await first.close();
		const second = await start({ timeScale: 1_000_000 });
		expect((await log(second))[0].subscriptions).toEqual(before);
		expect(before.map((one: Json) => one.status).sort()).toEqual(['FAILED', 'NOTIFIED']);
		expect((await log(second))[0].statusBySubscription[String(extra.id)]).toBe('FAILED');
	});
});
