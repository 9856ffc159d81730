import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';

import type { IDataObject } from 'n8n-workflow';

import { derivedSignatureKey } from '../../nodes/engine/webhook/callbackRegistration';
import { ORGANIZATION_SECRET, useTestSandbox, USER_SECRET } from '../harness/sandboxClient';
import { until } from '../harness/until';
import { WebhookTriggerHarness } from '../harness/webhookTrigger';

/**
 * n8n misses deliveries (down: the callback answers errors, or not listening) while ShareFile
 * changes; the sandbox's time-scaled retries run out (1 + 9 attempts in about 0.35 s at timeScale
 * 1,000,000). Then the trigger is activated again as n8n 2.41 does on activation (`activate`) or
 * when it starts with the workflow active (`init`: `trigger()` and the webhook's `checkExists`,
 * whose registration stands), and every missed event must run exactly once, marked
 * `recovered: true`, through the webhook: `trigger()` emits nothing.
 */
const sandbox = useTestSandbox({ timeScale: 1_000_000 });
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
	while (cleanups.length) await cleanups.pop()!();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const POLICY = 'notification.webhook.failure.policy';
/** Activated: the registration was written (create), and trigger() emitted nothing. */
const REGISTERED = { existed: false, emitted: [] };
/** The registration stood (n8n started again, or a deactivation kept it), and trigger() emitted nothing. */
const STOOD = { existed: true, emitted: [] };

function triggerFor(instanceId: number, parameters: IDataObject = {}) {
	const harness = new WebhookTriggerHarness(sandbox().credentials(), {
		instance: { __rl: true, mode: 'id', value: String(instanceId) },
		detection: 'webhook',
		eventTypes: ['CREATED', 'UPDATED', 'DELETED', 'MOVED'],
		signatureKeySource: 'generate',
		registration: 'callback',
		...parameters,
	});
	cleanups.push(async () => await harness.close());
	return harness;
}

async function activatedTrigger(parameters: IDataObject = {}) {
	const instance = await sandbox().createInstance('recovering');
	const harness = await triggerFor(instance.id, parameters).start();
	expect(await harness.activate()).toMatchObject(REGISTERED);
	return { instance, harness };
}

const upload = async (instanceId: number, name: string) =>
	(await sandbox().control('POST', `/instances/${instanceId}/documents`, { op: 'upload', path: `/top/${name}` })) as { id: string };
const configurationOf = async (instanceId: number) =>
	(await sandbox().platform('GET', `/instances/${instanceId}`)).body.configuration as Record<string, string>;
const callbackOf = async (instanceId: number) => (await configurationOf(instanceId))['event.notification.callback.url'];
const deliveriesOf = async (instanceId: number) => (await sandbox().control('GET', `/instances/${instanceId}/deliveries`)) as Json[];
const statuses = async (instanceId: number) => (await deliveriesOf(instanceId)).map((delivery) => delivery.status);

/** Every item the workflow started with: [objectId, recovered]. */
const ran = (harness: WebhookTriggerHarness) =>
	harness.started.flat().map((item) => [item.json.objectId, item.json.recovered === true] as [string, boolean]);

/**
 * Answers to copies the replay memory caught. Recovery is meant to send nothing twice (that memory
 * lives in this process only, and a restarted n8n has lost it), so there must be none.
 */
const caughtCopies = (harness: WebhookTriggerHarness) => harness.answers.filter((answer) => answer.body.includes('"duplicate":true'));

/** Lets stray deliveries arrive (a second copy would show up within this). */
const settle = async () => {
	await sandbox().control('POST', '/deliveries/flush');
	await new Promise((resolve) => setTimeout(resolve, 150));
};

/** A plain callback that takes everything: deliveries made before the trigger owned the instance. */
async function otherCallback(): Promise<string> {
	const server: Server = createServer((request, response) => {
		request.resume();
		request.on('end', () => response.writeHead(200).end());
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	cleanups.push(async () => await new Promise<void>((resolve) => server.close(() => resolve())));
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}/other`;
}

describe('webhook trigger: recovering what n8n missed', () => {
	it('n8n down until retries ran out: on restart the failed delivery and the queued ones run once each, recovered', async () => {
		const { instance, harness } = await activatedTrigger();
		const a = await upload(instance.id, 'a.txt');
		await until(() => harness.started.length === 1, 'the live delivery');

		harness.down = 503;
		const b = await upload(instance.id, 'b.txt');
		const c = await upload(instance.id, 'c.txt');
		const d = await upload(instance.id, 'd.txt');
		await until(async () => (await statuses(instance.id)).join() === 'delivered,failed,queued,queued', 'retries to run out');
		expect(harness.started).toHaveLength(1);

		// n8n starts again with the workflow active: the registration stands (same URL).
		harness.down = undefined;
		expect(await harness.activate('init')).toMatchObject(STOOD);
		await until(() => harness.started.length === 4, 'the missed events');
		await settle();
		expect(ran(harness)).toEqual([
			[a.id, false],
			[b.id, true],
			[c.id, true],
			[d.id, true],
		]);
		// Nothing left queued; the subscription is taken up again: a new change is live.
		expect((await sandbox().platform('GET', `/notifications/subscriptions/deliveries?where=${encodeURIComponent("status='queued'")}`)).body).toEqual([]);
		const e = await upload(instance.id, 'e.txt');
		await until(() => harness.started.length === 5, 'a live delivery after recovery');
		expect(ran(harness)[4]).toEqual([e.id, false]);

		// Another restart: nothing runs twice, nor is even sent twice.
		expect(await harness.activate('init')).toMatchObject(STOOD);
		await settle();
		expect(harness.started).toHaveLength(5);
		expect(caughtCopies(harness)).toEqual([]);
	});

	it('two subscribed workflows, one down until retries ran out: after a restart each runs each change once, and what one lost is not sent again to the other', async () => {
		const instance = await sandbox().createInstance('two subscribers');
		const subscribed = { registration: 'subscription', signatureKeySource: 'generate' };
		const lost = await triggerFor(instance.id, subscribed).start();
		const kept = await triggerFor(instance.id, subscribed).start();
		expect(await lost.activate()).toMatchObject(REGISTERED);
		expect(await kept.activate()).toMatchObject(REGISTERED);
		lost.down = 503;
		const a = await upload(instance.id, 'a.txt');
		await until(async () => (await statuses(instance.id)).sort().join() === 'delivered,failed', 'the one subscriber’s retries to run out');
		expect(ran(kept)).toEqual([[a.id, false]]);

		// n8n starts again with both workflows active; both subscriptions stand.
		lost.down = undefined;
		expect(await lost.activate('init')).toMatchObject(STOOD);
		expect(await kept.activate('init')).toMatchObject(STOOD);
		await until(() => lost.started.length === 1, 'the lost event');
		await settle();
		expect(ran(lost)).toEqual([[a.id, true]]);
		expect(ran(kept)).toEqual([[a.id, false]]);
		expect(caughtCopies(kept)).toEqual([]);
	});

	it('the callback handed over: an event one subscriber lost for good while another held the callback is still the first one’s to recover', async () => {
		const instance = await sandbox().createInstance('hand-over');
		const holder = await triggerFor(instance.id, { registration: 'subscription', options: { recoverMissedEvents: false } }).start();
		const other = await triggerFor(instance.id, { registration: 'subscription' }).start();
		await holder.activate();
		await other.activate();
		const first = await upload(instance.id, 'first.txt');
		await until(() => holder.started.length === 1 && other.started.length === 1, 'both hear the first');
		other.down = 503;
		const lost = await upload(instance.id, 'lost.txt');
		await until(async () => ((await sandbox().platform('GET', `/instances/${instance.id}/events`)).body as Json[]).some((event) => event.status === 'FAILED'), 'one gives up');
		await until(() => holder.started.length === 2, 'the holder hears it');
		other.down = undefined;
		// The holder leaves: the callback subscription it set (its id kept) now calls the other.
		expect(await holder.hook('delete')).toBe(true);
		await other.activate('init');
		await until(() => other.started.length === 2, 'the lost event');
		await settle();
		expect(ran(other)).toEqual([
			[first.id, false],
			[lost.id, true],
		]);
	});

	it('policy queue: deliveries queue at the first failure and are released on restart, once each', async () => {
		await sandbox().platform('PATCH', '/accounts/settings', { [POLICY]: 'queue' });
		const { instance, harness } = await activatedTrigger();
		harness.down = 500;
		const b = await upload(instance.id, 'b.txt');
		const c = await upload(instance.id, 'c.txt');
		await until(async () => (await statuses(instance.id)).join() === 'queued,queued', 'deliveries to queue');
		expect(harness.answers).toHaveLength(1);

		harness.down = undefined;
		expect(await harness.activate('init')).toMatchObject(STOOD);
		await until(() => harness.started.length === 2, 'the released deliveries');
		await settle();
		expect(ran(harness)).toEqual([
			[b.id, true],
			[c.id, true],
		]);
		// The released ones arrived from Cloud Elements (its signature, its envelope ids).
		expect((await deliveriesOf(instance.id)).map((delivery) => delivery.status)).toEqual(['delivered', 'delivered']);
	});

	it('workflow deactivated with nothing to put back: the registration stays, and what happened meanwhile runs once on activation', async () => {
		const { instance, harness } = await activatedTrigger();
		const registered = await callbackOf(instance.id);
		expect(await harness.hook('delete')).toBe(true);
		expect(await callbackOf(instance.id)).toBe(registered);
		// n8n answers 404 for the webhook of an inactive workflow.
		harness.down = 404;
		const b = await upload(instance.id, 'b.txt');
		const c = await upload(instance.id, 'c.txt');
		await until(async () => (await statuses(instance.id)).join() === 'failed,queued', 'retries to run out');
		harness.down = undefined;

		expect(await harness.activate()).toMatchObject(STOOD);
		await until(() => harness.started.length === 2, 'the missed events');
		await settle();
		expect(ran(harness)).toEqual([
			[b.id, true],
			[c.id, true],
		]);
		expect(caughtCopies(harness)).toEqual([]);
	});

	it('deactivation switches events off as before when Recover Missed Events is off, and after an editor test session', async () => {
		const { instance, harness } = await activatedTrigger({ options: { recoverMissedEvents: false } });
		await harness.hook('delete');
		expect((await configurationOf(instance.id))['event.notification.enabled']).toBe('false');

		const tested = await triggerFor(instance.id).start();
		expect(await tested.hook('checkExists', true)).toBe(false);
		await tested.hook('create', true);
		await tested.hook('delete', true);
		expect(await configurationOf(instance.id)).toMatchObject({ 'event.notification.enabled': 'false', 'event.notification.callback.url': '' });
	});

	it('deactivated while another callback was there before: that one is put back; queued deliveries follow the trigger to its new key, once', async () => {
		const elsewhere = await otherCallback();
		const instance = await sandbox().createInstance('handed back', [], {
			'event.notification.enabled': true,
			'event.vendor.type': 'webhook',
			'event.notification.callback.url': elsewhere,
		});
		const harness = await triggerFor(instance.id).start();
		expect(await harness.activate()).toMatchObject(REGISTERED);
		const first = await callbackOf(instance.id);
		harness.down = 404;
		const b = await upload(instance.id, 'b.txt');
		const c = await upload(instance.id, 'c.txt');
		await until(async () => (await statuses(instance.id)).join() === 'failed,queued', 'retries to run out');
		expect(await harness.hook('delete')).toBe(true);
		expect(await callbackOf(instance.id)).toBe(elsewhere);
		harness.down = undefined;

		expect(await harness.activate()).toMatchObject(REGISTERED);
		expect(await callbackOf(instance.id)).not.toBe(first);
		await until(() => harness.started.length === 2, 'the missed events');
		await settle();
		expect(ran(harness)).toEqual([
			[b.id, true],
			[c.id, true],
		]);
		expect(harness.answers.filter((answer) => answer.status === 401)).toEqual([]);
	});

	it('a live change during recovery runs once, unmarked; the missed ones once, marked', async () => {
		const { instance, harness } = await activatedTrigger();
		harness.down = 503;
		const b = await upload(instance.id, 'b.txt');
		const c = await upload(instance.id, 'c.txt');
		await until(async () => (await statuses(instance.id)).join() === 'failed,queued', 'retries to run out');
		harness.down = undefined;
		let live: { id: string } | undefined;
		harness.beforeHandle = async (body) => {
			if (live || !(body as Json)?.recovered) return;
			// While the trigger is delivering the failed event to itself, ShareFile changes again.
			live = await upload(instance.id, 'live.txt');
		};
		expect(await harness.activate('init')).toMatchObject(STOOD);
		await until(() => harness.started.length === 3, 'missed and live events');
		await settle();
		const runs = ran(harness);
		expect(runs).toHaveLength(3);
		expect(runs).toEqual(expect.arrayContaining([[b.id, true], [c.id, true], [live!.id, false]]));
		expect(caughtCopies(harness)).toEqual([]);
	});

	it('Options → Recover Missed Events off: nothing is recovered, the queue is left alone', async () => {
		const { instance, harness } = await activatedTrigger({ options: { recoverMissedEvents: false } });
		harness.down = 503;
		await upload(instance.id, 'b.txt');
		await upload(instance.id, 'c.txt');
		await until(async () => (await statuses(instance.id)).join() === 'failed,queued', 'retries to run out');
		harness.down = undefined;
		expect(await harness.activate('init')).toMatchObject(STOOD);
		await settle();
		expect(harness.started).toHaveLength(0);
		expect(await statuses(instance.id)).toEqual(['failed', 'queued']);
	});

	it('Start From → A Date: the first activation runs what happened since the date once, before live ones; never again', async () => {
		const elsewhere = await otherCallback();
		const instance = await sandbox().createInstance('backfill', [], {
			'event.notification.enabled': true,
			'event.vendor.type': 'webhook',
			'event.notification.callback.url': elsewhere,
		});
		await upload(instance.id, 'old.txt');
		await until(async () => (await statuses(instance.id)).join() === 'delivered', 'the old delivery');
		await new Promise((resolve) => setTimeout(resolve, 20));
		const startDate = (await sandbox().control('GET', '/clock')).now as string;
		await new Promise((resolve) => setTimeout(resolve, 20));
		const b = await upload(instance.id, 'b.txt');
		const c = await upload(instance.id, 'c.txt');
		await until(async () => (await statuses(instance.id)).join() === 'delivered,delivered,delivered', 'deliveries elsewhere');

		const harness = await triggerFor(instance.id, { startFrom: 'date', startDate }).start();
		expect(await harness.activate()).toMatchObject(REGISTERED);
		// Delivered before create returned: ahead of anything live.
		expect(ran(harness)).toEqual([
			[b.id, true],
			[c.id, true],
		]);
		const d = await upload(instance.id, 'd.txt');
		await until(() => harness.started.length === 3, 'a live delivery');

		await harness.hook('delete');
		expect(await harness.activate()).toMatchObject(REGISTERED);
		expect(await harness.activate('init')).toMatchObject(STOOD);
		await settle();
		expect(ran(harness)).toEqual([
			[b.id, true],
			[c.id, true],
			[d.id, false],
		]);
	});

	it('queued deliveries that are also in the log since the start date run once (released, not taken from the log too)', async () => {
		await sandbox().platform('PATCH', '/accounts/settings', { [POLICY]: 'queue' });
		const instance = await sandbox().createInstance('overlap');
		const startDate = (await sandbox().control('GET', '/clock')).now as string;
		await new Promise((resolve) => setTimeout(resolve, 20));
		const harness = await triggerFor(instance.id, { startFrom: 'date', startDate }).start();
		// An earlier registration of this same webhook (another key) whose deliveries queued.
		harness.down = 503;
		await sandbox().platform('PATCH', `/instances/${instance.id}`, {
			configuration: {
				'event.notification.enabled': true,
				'event.vendor.type': 'webhook',
				'event.notification.callback.url': `${harness.url()}?n8n_sig=earlier`,
				'event.notification.signature.key': derivedSignatureKey([USER_SECRET, ORGANIZATION_SECRET], 'earlier'),
			},
		});
		const b = await upload(instance.id, 'b.txt');
		const c = await upload(instance.id, 'c.txt');
		await until(async () => (await statuses(instance.id)).join() === 'queued,queued', 'deliveries to queue');
		harness.down = undefined;

		// Its registration stands (n8n starts with the workflow active, static data empty).
		expect(await harness.activate('init')).toMatchObject(STOOD);
		await until(() => harness.started.length === 2, 'the queued deliveries');
		await settle();
		expect(ran(harness)).toEqual([
			[b.id, true],
			[c.id, true],
		]);
		expect(caughtCopies(harness)).toEqual([]);
	});
});
