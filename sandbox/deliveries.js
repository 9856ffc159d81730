// @ts-check
'use strict';

const { configurationValue } = require('./configuration');
const { wireStatus, eventStatus } = require('./delivery-status');
const { signatureHeader } = require('./signature');
const { isLocalUrl } = require('./http-client');
const { addressOf, maskedUrl } = require('./masking');
const { createRetryTimers } = require('./retry-timers');

/**
 * @typedef {import('./store').InstanceRecord} InstanceRecord
 * @typedef {import('./subscriptions').Subscription} Subscription
 * @typedef {import('./event-envelope').NormalizedEvent} NormalizedEvent
 * @typedef {{ number: number, at: string, url: string, status?: number, answer?: string, error?: string, durationMs: number }} Attempt
 *   `answer` is the start of what the callback answered, to tell apart answers with the same status.
 * @typedef {'pending' | 'sending' | 'retrying' | 'delivered' | 'failed' | 'queued'} DeliveryStatus
 * @typedef {{ id: number, notificationId: number, subscriptionId: number, instanceId: number | null, channel: 'webhook',
 *   vendor: string, storedEventId?: number, envelopeId: string, eventId: string | null, status: DeliveryStatus,
 *   createdDate: string, updatedDate: string, eventCount: number, attempts: Attempt[], round: number,
 *   nextAttemptAt?: string, body?: string, config?: { url: string } }} Delivery
 *   One notification to one subscription (N2). An instance event's delivery lives in its instance's
 *   `deliveries` and names its stored event (`storedEventId`, the notification id too); a posted
 *   notification's lives in the state's `deliveries` with `instanceId` null and `vendor` `notification`.
 *   `round` counts the attempts since the delivery was created or last released from the queue;
 *   `body` (the exact bytes sent, signed) is kept until the delivery is settled; `config.url` is the
 *   subscription's URL when it was made (INFERRED: what `where=config.url='...'` matches; deliveries
 *   kept from before it existed have none and match no URL).
 */

/** Retries after the first attempt; the x-th waits 4^x seconds (4 s, 16 s, ... 262144 s: about 73 h in all). */
const MAX_RETRIES = 9;
/** How long a callback may take to answer before the attempt counts as failed. */
const ATTEMPT_TIMEOUT_MS = 10000;
/** How much of each answer an attempt keeps. */
const ANSWER_KEPT = 200;
/** Per instance (and for posted notifications), the oldest settled deliveries are forgotten beyond this many. */
const KEPT_PER_LIST = 10000;

const UNSETTLED = new Set(['pending', 'sending', 'retrying']);

/** @param {number} retry 1-based @param {number} timeScale */
const retryDelayMs = (retry, timeScale) => (4 ** retry * 1000) / timeScale;

/** INFERRED: `event.notification.callback.headers` holds a JSON object of extra headers. @param {string | undefined} text */
function extraHeaders(text) {
	if (!text) return {};
	try {
		const parsed = JSON.parse(text);
		if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
		return Object.fromEntries(Object.entries(parsed).filter(([, value]) => typeof value === 'string'));
	} catch {
		return {};
	}
}


/**
 * Deliveries of notifications to webhook subscriptions, as contract section 5 describes them: POST
 * of the JSON envelope, signed with the instance's key when it is an instance's event; any non-2xx
 * answer or network error fails an attempt, and it is retried up to 9 times, the x-th after 4^x
 * seconds (divided by `timeScale`). After the last failure the subscription is deactivated and its
 * deliveries queue until released. Each subscription has its own queue (N2: every subscription gets
 * its own delivery, status, retries and queue): one delivery at a time per subscription, in the
 * order they were made, so one failing subscription never holds up another.
 * `onChange` hears of every change of a delivery's status or attempts (the sandbox page's log), and
 * of the events a delivery carries when it is made.
 * With the account's failure policy `queue` (account-settings.js) a failed attempt is not retried:
 * the delivery and everything after it for that subscription queue at once.
 * @param {{ store: import('./store').Store, now: () => number, timeScale: number,
 *   failurePolicy?: () => 'retry' | 'queue',
 *   client: ReturnType<typeof import('./http-client').createHttpClient>,
 *   storedEvents: ReturnType<typeof import('./events').createStoredEvents>,
 *   subscriptions: ReturnType<typeof import('./subscriptions').createSubscriptions>,
 *   onChange?: (instance: InstanceRecord | null, delivery: Delivery, events?: NormalizedEvent[]) => void }} deps
 */
function createDeliveries({ store, now, timeScale, client, storedEvents, subscriptions, failurePolicy = () => 'retry', onChange = () => {} }) {
	const timers = createRetryTimers({ now });
	/** Subscription id → deliveries waiting to be sent, and the loop sending them. @type {Map<number, { waiting: Delivery[], running: Promise<void> | null }>} */
	const queues = new Map();
	/** Notification id → its deliveries, one per subscription (rebuilt at start). @type {Map<number, Delivery[]>} */
	let byNotification = new Map();
	// Bumped by reset/close: an attempt that was in flight then must not touch the new state.
	let generation = 0;

	const iso = (/** @type {number} */ ms) => new Date(ms).toISOString();

	/** @param {Delivery} delivery @returns {InstanceRecord | undefined} */
	const instanceOf = (delivery) => (delivery.instanceId === null ? undefined : store.state.instances.find((instance) => instance.id === delivery.instanceId));

	/** The list a delivery is kept in. @param {Delivery} delivery @returns {Delivery[] | undefined} */
	function homeOf(delivery) {
		if (delivery.instanceId === null) return store.state.deliveries;
		return /** @type {Delivery[] | undefined} */ (instanceOf(delivery)?.deliveries);
	}

	/** Every delivery: the instances' (in instance order), then those of posted notifications. */
	function all() {
		return [...store.state.instances.flatMap((instance) => /** @type {Delivery[]} */ (instance.deliveries)), ...store.state.deliveries];
	}

	/** Its instance (when it has one) and its subscription are still there. @param {Delivery} delivery */
	const alive = (delivery) => subscriptions.byId(delivery.subscriptionId) !== undefined && (delivery.instanceId === null || instanceOf(delivery) !== undefined);

	/** @param {Delivery} delivery */
	function index(delivery) {
		const list = byNotification.get(delivery.notificationId);
		if (list) list.push(delivery);
		else byNotification.set(delivery.notificationId, [delivery]);
	}

	/** @param {Delivery} delivery */
	function unindex(delivery) {
		const list = byNotification.get(delivery.notificationId);
		if (!list) return;
		const rest = list.filter((candidate) => candidate !== delivery);
		if (rest.length > 0) byNotification.set(delivery.notificationId, rest);
		else byNotification.delete(delivery.notificationId);
	}

	/** @param {number} notificationId */
	const ofNotification = (notificationId) => byNotification.get(notificationId) || [];

	/**
	 * A delivery changed: its date, the page's log, and its stored event's status: the summary of
	 * every subscription's delivery of that event, and this subscription's own.
	 * @param {Delivery} delivery @param {NormalizedEvent[]} [events] given when it is made
	 */
	function changed(delivery, events) {
		delivery.updatedDate = iso(now());
		const instance = instanceOf(delivery);
		if (instance && delivery.storedEventId !== undefined) {
			storedEvents.setStatus(instance, delivery.storedEventId, eventStatus(ofNotification(delivery.notificationId)), {
				subscriptionId: delivery.subscriptionId,
				address: addressOf(delivery.config?.url || ''),
				status: eventStatus([delivery]),
			});
		}
		onChange(instance || null, delivery, events);
	}

	/**
	 * One notification's delivery to one subscription, queued behind the subscription's earlier ones
	 * (or held while the subscription is deactivated).
	 * @param {Subscription} subscription
	 * @param {Omit<Delivery, 'id' | 'subscriptionId' | 'channel' | 'status' | 'createdDate' | 'updatedDate' | 'attempts' | 'round' | 'config'>} content
	 * @param {NormalizedEvent[]} events
	 */
	function deliver(subscription, content, events) {
		const createdDate = iso(now());
		/** @type {Delivery} */
		const delivery = {
			id: store.nextId('delivery'),
			...content,
			subscriptionId: subscription.id,
			channel: 'webhook',
			status: 'pending',
			createdDate,
			updatedDate: createdDate,
			attempts: [],
			round: 0,
			config: { url: subscription.config.url || '' },
		};
		const home = /** @type {Delivery[]} */ (homeOf(delivery));
		home.push(delivery);
		index(delivery);
		forgetOldest(home);
		if (subscription.active) enqueue(delivery, events);
		else hold(delivery, events);
		store.commitSoon();
		return delivery;
	}

	/** @param {Delivery[]} list */
	function forgetOldest(list) {
		if (list.length <= KEPT_PER_LIST) return;
		const settledIndex = list.findIndex((delivery) => !UNSETTLED.has(delivery.status) && delivery.status !== 'queued');
		if (settledIndex >= 0) unindex(list.splice(settledIndex, 1)[0]);
	}

	/** @param {Delivery} delivery @param {NormalizedEvent[]} [events] given when it is made */
	function hold(delivery, events) {
		cancelTimer(delivery);
		delivery.status = 'queued';
		delete delivery.nextAttemptAt;
		changed(delivery, events);
	}

	/** @param {Delivery} delivery */
	const cancelTimer = (delivery) => timers.cancel(delivery);

	/** @param {Delivery} delivery @param {NormalizedEvent[]} [events] given when it is made */
	function enqueue(delivery, events) {
		delivery.status = 'pending';
		changed(delivery, events);
		let queue = queues.get(delivery.subscriptionId);
		if (!queue) {
			queue = { waiting: [], running: null };
			queues.set(delivery.subscriptionId, queue);
		}
		queue.waiting.push(delivery);
		if (!queue.running) queue.running = drain(queue);
	}

	/** @param {{ waiting: Delivery[], running: Promise<void> | null }} queue */
	async function drain(queue) {
		const mine = generation;
		while (queue.waiting.length > 0 && mine === generation) {
			const delivery = /** @type {Delivery} */ (queue.waiting.shift());
			if (delivery.status === 'pending') await attempt(delivery);
		}
		queue.running = null;
	}

	/**
	 * Signed with the instance's key whichever subscription carries an instance's event (INFERRED:
	 * the key belongs to the instance). Basic auth and extra headers belong to the callback URL, so
	 * only the instance's own subscription sends them (INFERRED).
	 * @param {InstanceRecord | undefined} instance @param {Subscription} subscription @param {Delivery} delivery
	 */
	function headersFor(instance, subscription, delivery) {
		const own = instance !== undefined && subscription.instanceId === instance.id;
		const setting = (/** @type {string} */ key) => (instance ? configurationValue(instance.configuration, key) : undefined);
		/** @type {Record<string, string>} */
		const headers = {
			...(own ? extraHeaders(setting('event.notification.callback.headers')) : {}),
			'Content-Type': 'application/json',
			'Elements-Webhook-Id': delivery.envelopeId,
		};
		const key = setting('event.notification.signature.key');
		if (key) headers['Elements-Webhook-Signature'] = signatureHeader(key, Buffer.from(/** @type {string} */ (delivery.body), 'utf8'));
		const user = own ? setting('event.notification.basic.username') : undefined;
		if (user) {
			const password = setting('event.notification.basic.password') || '';
			headers.Authorization = `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
		}
		return headers;
	}

	/** @param {Delivery} delivery */
	async function attempt(delivery) {
		const subscription = subscriptions.byId(delivery.subscriptionId);
		if (!subscription || !alive(delivery) || delivery.body === undefined) return;
		const instance = instanceOf(delivery);
		const mine = generation;
		// The URL at the time of the attempt: the instance's own subscription follows its callback
		// URL, so a PATCHed callback takes effect for retries too.
		const url = subscription.config.url || '';
		const started = Date.now();
		/** @type {Attempt} */
		const record = { number: delivery.attempts.length + 1, at: iso(now()), url, durationMs: 0 };
		delivery.status = 'sending';
		delete delivery.nextAttemptAt;
		changed(delivery);
		let refused = false;
		if (!isLocalUrl(url)) {
			refused = true;
			record.error = `refused: the sandbox delivers only to http://127.0.0.1, localhost or [::1], not ${maskedUrl(url)}`;
		} else {
			try {
				const answer = await client.send({ method: 'POST', url, headers: headersFor(instance, subscription, delivery), body: Buffer.from(delivery.body, 'utf8'), timeoutMs: ATTEMPT_TIMEOUT_MS });
				record.status = answer.status;
				if (answer.text) record.answer = answer.text.slice(0, ANSWER_KEPT);
			} catch (error) {
				record.error = error instanceof Error ? error.message : String(error);
			}
		}
		record.durationMs = Date.now() - started;
		if (mine !== generation || !alive(delivery)) return;
		delivery.attempts.push(record);
		delivery.round += 1;
		settle(subscription, delivery, record, refused);
		changed(delivery);
		store.commitSoon();
	}

	/** @param {Subscription} subscription @param {Delivery} delivery @param {Attempt} record @param {boolean} refused */
	function settle(subscription, delivery, record, refused) {
		if (record.status !== undefined && record.status >= 200 && record.status < 300) {
			delivery.status = 'delivered';
			delete delivery.body;
			return;
		}
		if (refused) {
			// A URL the sandbox may not call can never succeed: failed at once, no retries.
			delivery.status = 'failed';
			delete delivery.body;
			return;
		}
		if (failurePolicy() === 'queue') {
			// INFERRED: "queues at once" holds this delivery (not failed: it can be released) and,
			// as after exhausted retries, deactivates the subscription so later ones queue behind it.
			deactivate(subscription);
			hold(delivery);
			return;
		}
		const retry = delivery.round; // the retry that comes next: 1 after the first attempt
		if (retry <= MAX_RETRIES) {
			scheduleRetry(delivery, retryDelayMs(retry, timeScale));
			return;
		}
		delivery.status = 'failed';
		delete delivery.body;
		deactivate(subscription);
	}

	/** @param {Delivery} delivery @param {number} delayMs */
	const scheduleRetry = (delivery, delayMs) => timers.schedule(delivery, delayMs, (due) => enqueue(due));

	/** @param {number} subscriptionId */
	const deliveriesOf = (subscriptionId) => all().filter((delivery) => delivery.subscriptionId === subscriptionId);

	/**
	 * The last retry failed: the subscription is deactivated and what it still has waiting to be
	 * sent is held in the queue (status `queued`) with everything that comes later, until released.
	 * Other subscriptions of the same topics go on.
	 * @param {Subscription} subscription
	 */
	function deactivate(subscription) {
		subscriptions.setActive(subscription, false);
		for (const delivery of deliveriesOf(subscription.id)) {
			if (delivery.status === 'pending' || delivery.status === 'retrying') hold(delivery);
		}
	}

	/**
	 * `PUT /notifications/subscriptions/deliveries?where=...status='queued'`: sends the held deliveries
	 * again (a fresh round of retries) and reactivates their subscriptions. `names` says whether the
	 * where names a subscription itself (its id, its URL as `config.url`, or for an instance's own
	 * subscription the instance's id): INFERRED, such a subscription is reactivated even when nothing
	 * of it was held, so one deactivated by a delivery that failed for good can be taken up again.
	 * @param {(delivery: Delivery) => boolean} matches
	 * @param {(subscription: Subscription) => boolean} [names]
	 */
	function release(matches, names = () => false) {
		const held = all().filter((delivery) => delivery.status === 'queued' && matches(delivery) && alive(delivery));
		held.sort((a, b) => a.id - b.id);
		const owners = new Set(held.map((delivery) => delivery.subscriptionId));
		for (const subscription of subscriptions.list()) {
			if (owners.has(subscription.id) || names(subscription)) subscriptions.setActive(subscription, true);
		}
		for (const delivery of held) {
			delivery.round = 0;
			enqueue(delivery);
		}
		store.commitSoon();
		return held;
	}

	/** A subscription was deleted: what it had not settled is dropped, its finished deliveries stay. @param {Subscription} subscription */
	function forgetSubscription(subscription) {
		for (const delivery of deliveriesOf(subscription.id)) {
			if (!UNSETTLED.has(delivery.status) && delivery.status !== 'queued') continue;
			cancelTimer(delivery);
			const home = homeOf(delivery);
			if (home) home.splice(home.indexOf(delivery), 1);
			unindex(delivery);
			const instance = instanceOf(delivery);
			// INFERRED: the summary forgets it; for the deleted subscription the event is lost for
			// good (nothing more will be sent to it), so its own status reads FAILED.
			if (instance && delivery.storedEventId !== undefined) {
				storedEvents.setStatus(instance, delivery.storedEventId, eventStatus(ofNotification(delivery.notificationId)), {
					subscriptionId: subscription.id,
					address: addressOf(delivery.config?.url || ''),
					status: 'FAILED',
				});
			}
		}
		queues.delete(subscription.id);
		store.commitSoon();
	}

	/** An instance was deleted: its deliveries went with it. @param {InstanceRecord} instance */
	function forgetInstance(instance) {
		for (const delivery of /** @type {Delivery[]} */ (instance.deliveries)) {
			cancelTimer(delivery);
			unindex(delivery);
		}
	}

	/** Every delivery waiting for a retry is sent now; resolves when the queues are idle again. */
	async function flush() {
		let started = 0;
		for (const delivery of all()) {
			if (delivery.status !== 'retrying') continue;
			cancelTimer(delivery);
			enqueue(delivery);
			started++;
		}
		await idle();
		return { retried: started };
	}

	/** Resolves when no delivery is waiting to be sent (retries on timers do not count). */
	async function idle() {
		for (;;) {
			const running = [...queues.values()].map((queue) => queue.running).filter(Boolean);
			if (running.length === 0) return;
			await Promise.all(running);
		}
	}

	/**
	 * After a restart: unsettled deliveries from the data file are sent again, retries keep their
	 * time. Deliveries kept from before subscriptions belong to their instance's own subscription.
	 */
	function resume() {
		byNotification = new Map();
		for (const instance of store.state.instances) {
			const own = subscriptions.configuredOf(instance);
			for (const delivery of /** @type {Delivery[]} */ (instance.deliveries)) {
				if (delivery.subscriptionId === undefined && own) delivery.subscriptionId = own.id;
				delivery.notificationId ??= /** @type {number} */ (delivery.storedEventId);
				delivery.updatedDate ??= delivery.createdDate;
			}
		}
		for (const delivery of all()) {
			index(delivery);
			if (delivery.status === 'pending' || delivery.status === 'sending') enqueue(delivery);
			else if (delivery.status === 'retrying') scheduleRetry(delivery, Math.max(0, Date.parse(delivery.nextAttemptAt || '') - now() || 0));
		}
	}

	/** Stops every timer and forgets the queues (reset, close). In-flight attempts finish unrecorded. */
	function stop() {
		generation += 1;
		timers.clear();
		queues.clear();
	}

	/** The sandbox's own view (`/_sandbox`, `where` lists): everything but the body. @param {Delivery} delivery */
	function view(delivery) {
		const { body, round, ...shown } = delivery;
		return { ...shown, attempts: delivery.attempts.map((entry) => ({ ...entry })) };
	}

	/** N2's view: `{ notificationId, subscriptionId, status, createdDate, updatedDate }` (and the id). @param {Delivery} delivery */
	function wireView(delivery) {
		const { id, notificationId, subscriptionId, createdDate, updatedDate } = delivery;
		return { id, notificationId, subscriptionId, status: wireStatus(delivery), createdDate, updatedDate };
	}

	return { deliver, release, flush, idle, resume, stop, view, wireView, all, ofNotification, deliveriesOf, forgetSubscription, forgetInstance };
}

module.exports = { createDeliveries, MAX_RETRIES, retryDelayMs, ATTEMPT_TIMEOUT_MS };
