// @ts-check
'use strict';

const { configurationValue } = require('./configuration');
const { envelope } = require('./event-envelope');
const { signatureHeader } = require('./signature');
const { isLocalUrl } = require('./http-client');
const { maskedUrl } = require('./masking');
const { newEventId } = require('./random');

/**
 * @typedef {import('./store').InstanceRecord} InstanceRecord
 * @typedef {import('./event-envelope').NormalizedEvent} NormalizedEvent
 * @typedef {{ number: number, at: string, url: string, status?: number, answer?: string, error?: string, durationMs: number }} Attempt
 *   `answer` is the start of what the callback answered, to tell apart answers with the same status.
 * @typedef {'pending' | 'sending' | 'retrying' | 'delivered' | 'failed' | 'queued'} DeliveryStatus
 * @typedef {{ id: number, instanceId: number, channel: 'webhook', vendor: string, storedEventId: number,
 *   envelopeId: string, eventId: string, status: DeliveryStatus, createdDate: string, eventCount: number,
 *   attempts: Attempt[], round: number, nextAttemptAt?: string, body?: string, config?: { url: string } }} Delivery
 *   `round` counts the attempts since the delivery was created or last released from the queue;
 *   `body` (the exact bytes sent, signed) is kept until the delivery is settled; `config.url` is the
 *   callback URL when it was made (INFERRED: what `where=config.url='...'` matches; deliveries kept
 *   from before it existed have none and match no URL).
 */

/** Retries after the first attempt; the x-th waits 4^x seconds (4 s, 16 s, ... 262144 s: about 73 h in all). */
const MAX_RETRIES = 9;
/** How long a callback may take to answer before the attempt counts as failed. */
const ATTEMPT_TIMEOUT_MS = 10000;
/** How much of each answer an attempt keeps. */
const ANSWER_KEPT = 200;
/** Per instance, the oldest settled deliveries are forgotten beyond this many. */
const KEPT_PER_INSTANCE = 10000;

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
 * Deliveries to an instance's callback URL, as contract section 5 describes them: POST of the JSON
 * envelope, signed when the instance has a signature key; any non-2xx answer or network error fails
 * an attempt, and it is retried up to 9 times, the x-th after 4^x seconds (divided by `timeScale`).
 * After the last failure the instance's subscription is deactivated and deliveries queue until
 * released. One delivery is sent at a time per instance, in the order they were made.
 * `onChange` hears of every change of a delivery's status or attempts (the sandbox page's log), and
 * of the events a delivery carries when it is made.
 * With the account's failure policy `queue` (account-settings.js) a failed attempt is not retried:
 * the delivery and everything after it queue at once.
 * @param {{ store: import('./store').Store, now: () => number, timeScale: number,
 *   failurePolicy?: () => 'retry' | 'queue',
 *   client: ReturnType<typeof import('./http-client').createHttpClient>,
 *   storedEvents: ReturnType<typeof import('./events').createStoredEvents>,
 *   onChange?: (instance: InstanceRecord, delivery: Delivery, events?: NormalizedEvent[]) => void }} deps
 */
function createDeliveries({ store, now, timeScale, client, storedEvents, failurePolicy = () => 'retry', onChange = () => {} }) {
	/** Delivery id → its retry timer. @type {Map<number, NodeJS.Timeout>} */
	const timers = new Map();
	/** Instance id → deliveries waiting to be sent, and the loop sending them. @type {Map<number, { waiting: Array<{ instance: InstanceRecord, delivery: Delivery }>, running: Promise<void> | null }>} */
	const queues = new Map();
	// Bumped by reset/close: an attempt that was in flight then must not touch the new state.
	let generation = 0;

	const iso = (/** @type {number} */ ms) => new Date(ms).toISOString();
	/** @param {InstanceRecord} instance */
	const alive = (instance) => store.state.instances.includes(instance);
	/** @param {InstanceRecord} instance */
	const subscription = (instance) => /** @type {{ subscription?: { active: boolean, deactivatedAt: string | null } } | null} */ (instance.notifications)?.subscription;

	/** @param {InstanceRecord} instance @param {Delivery} delivery @param {string} status */
	function setEventStatus(instance, delivery, status) {
		storedEvents.setStatus(instance, delivery.storedEventId, status);
	}

	/**
	 * Turns events into one delivery: a stored event (providerData = raw, notifiedData = the message),
	 * the signed-once body, and a place in the instance's queue (or in the held queue while the
	 * subscription is deactivated).
	 * @param {InstanceRecord} instance
	 * @param {{ vendor: string, raw: unknown, events: NormalizedEvent[] }} content
	 */
	function dispatch(instance, { vendor, raw, events }) {
		const createdMs = now();
		const stored = storedEvents.record(instance, { status: 'NEW', providerData: raw, notifiedData: null });
		const body = envelope({ instance, envelopeId: String(stored.id), eventId: newEventId(), createdMs, raw, events });
		stored.notifiedData = body.message;
		stored.status = 'RECEIVED';
		/** @type {Delivery} */
		const delivery = {
			id: store.nextId('delivery'),
			instanceId: instance.id,
			channel: 'webhook',
			vendor,
			storedEventId: stored.id,
			envelopeId: body.id,
			eventId: body.message.eventId,
			status: 'pending',
			createdDate: iso(createdMs),
			eventCount: events.length,
			attempts: [],
			round: 0,
			body: JSON.stringify(body),
			config: { url: configurationValue(instance.configuration, 'event.notification.callback.url') || '' },
		};
		instance.deliveries.push(delivery);
		forgetOldest(instance);
		if (subscription(instance)?.active === false) hold(instance, delivery, events);
		else enqueue(instance, delivery, events);
		store.commitSoon();
		return delivery;
	}

	/** @param {InstanceRecord} instance */
	function forgetOldest(instance) {
		const list = /** @type {Delivery[]} */ (instance.deliveries);
		if (list.length <= KEPT_PER_INSTANCE) return;
		const settledIndex = list.findIndex((delivery) => !UNSETTLED.has(delivery.status) && delivery.status !== 'queued');
		if (settledIndex >= 0) list.splice(settledIndex, 1);
	}

	/** @param {InstanceRecord} instance @param {Delivery} delivery @param {NormalizedEvent[]} [events] given when it is made */
	function hold(instance, delivery, events) {
		cancelTimer(delivery);
		delivery.status = 'queued';
		delete delivery.nextAttemptAt;
		setEventStatus(instance, delivery, 'QUEUED');
		onChange(instance, delivery, events);
	}

	/** @param {Delivery} delivery */
	function cancelTimer(delivery) {
		const timer = timers.get(delivery.id);
		if (timer) clearTimeout(timer);
		timers.delete(delivery.id);
	}

	/** @param {InstanceRecord} instance @param {Delivery} delivery @param {NormalizedEvent[]} [events] given when it is made */
	function enqueue(instance, delivery, events) {
		delivery.status = 'pending';
		onChange(instance, delivery, events);
		let queue = queues.get(instance.id);
		if (!queue) {
			queue = { waiting: [], running: null };
			queues.set(instance.id, queue);
		}
		queue.waiting.push({ instance, delivery });
		if (!queue.running) queue.running = drain(/** @type {NonNullable<typeof queue>} */ (queue));
	}

	/** @param {{ waiting: Array<{ instance: InstanceRecord, delivery: Delivery }>, running: Promise<void> | null }} queue */
	async function drain(queue) {
		const mine = generation;
		while (queue.waiting.length > 0 && mine === generation) {
			const { instance, delivery } = /** @type {{ instance: InstanceRecord, delivery: Delivery }} */ (queue.waiting.shift());
			if (delivery.status === 'pending') await attempt(instance, delivery);
		}
		queue.running = null;
	}

	/** @param {InstanceRecord} instance @param {Delivery} delivery */
	function headersFor(instance, delivery) {
		/** @type {Record<string, string>} */
		const headers = {
			...extraHeaders(configurationValue(instance.configuration, 'event.notification.callback.headers')),
			'Content-Type': 'application/json',
			'Elements-Webhook-Id': delivery.envelopeId,
		};
		const key = configurationValue(instance.configuration, 'event.notification.signature.key');
		if (key) headers['Elements-Webhook-Signature'] = signatureHeader(key, Buffer.from(/** @type {string} */ (delivery.body), 'utf8'));
		const user = configurationValue(instance.configuration, 'event.notification.basic.username');
		if (user) {
			const password = configurationValue(instance.configuration, 'event.notification.basic.password') || '';
			headers.Authorization = `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
		}
		return headers;
	}

	/** @param {InstanceRecord} instance @param {Delivery} delivery */
	async function attempt(instance, delivery) {
		if (!alive(instance) || delivery.body === undefined) return;
		const mine = generation;
		// The URL at the time of the attempt: a PATCHed callback URL takes effect for retries too.
		const url = configurationValue(instance.configuration, 'event.notification.callback.url') || '';
		const started = Date.now();
		/** @type {Attempt} */
		const record = { number: delivery.attempts.length + 1, at: iso(now()), url, durationMs: 0 };
		delivery.status = 'sending';
		delete delivery.nextAttemptAt;
		setEventStatus(instance, delivery, 'DISPATCHED');
		onChange(instance, delivery);
		let refused = false;
		if (!isLocalUrl(url)) {
			refused = true;
			record.error = `refused: the sandbox delivers only to http://127.0.0.1, localhost or [::1], not ${maskedUrl(url)}`;
		} else {
			try {
				const answer = await client.send({ method: 'POST', url, headers: headersFor(instance, delivery), body: Buffer.from(delivery.body, 'utf8'), timeoutMs: ATTEMPT_TIMEOUT_MS });
				record.status = answer.status;
				if (answer.text) record.answer = answer.text.slice(0, ANSWER_KEPT);
			} catch (error) {
				record.error = error instanceof Error ? error.message : String(error);
			}
		}
		record.durationMs = Date.now() - started;
		if (mine !== generation || !alive(instance)) return;
		delivery.attempts.push(record);
		delivery.round += 1;
		settle(instance, delivery, record, refused);
		onChange(instance, delivery);
		store.commitSoon();
	}

	/** @param {InstanceRecord} instance @param {Delivery} delivery @param {Attempt} record @param {boolean} refused */
	function settle(instance, delivery, record, refused) {
		if (record.status !== undefined && record.status >= 200 && record.status < 300) {
			delivery.status = 'delivered';
			delete delivery.body;
			setEventStatus(instance, delivery, 'NOTIFIED');
			return;
		}
		if (refused) {
			// A callback the sandbox may not call can never succeed: failed at once, no retries.
			delivery.status = 'failed';
			delete delivery.body;
			setEventStatus(instance, delivery, 'FAILED');
			return;
		}
		if (failurePolicy() === 'queue') {
			// INFERRED: "queues at once" holds this delivery (not failed: it can be released) and,
			// as after exhausted retries, deactivates the subscription so later events queue behind it.
			deactivate(instance);
			hold(instance, delivery);
			return;
		}
		const retry = delivery.round; // the retry that comes next: 1 after the first attempt
		if (retry <= MAX_RETRIES) {
			scheduleRetry(instance, delivery, retryDelayMs(retry, timeScale));
			return;
		}
		delivery.status = 'failed';
		delete delivery.body;
		setEventStatus(instance, delivery, 'FAILED');
		deactivate(instance);
	}

	/** @param {InstanceRecord} instance @param {Delivery} delivery @param {number} delayMs */
	function scheduleRetry(instance, delivery, delayMs) {
		delivery.status = 'retrying';
		delivery.nextAttemptAt = iso(now() + delayMs);
		cancelTimer(delivery);
		const timer = setTimeout(() => {
			timers.delete(delivery.id);
			if (delivery.status === 'retrying') enqueue(instance, delivery);
		}, delayMs);
		timer.unref();
		timers.set(delivery.id, timer);
	}

	/**
	 * The last retry failed: the subscription is deactivated and what is still waiting to be sent is
	 * held in the queue (status `queued`) with everything that comes later, until released.
	 * @param {InstanceRecord} instance
	 */
	function deactivate(instance) {
		const state = subscription(instance);
		if (state) {
			state.active = false;
			state.deactivatedAt = iso(now());
		}
		for (const delivery of /** @type {Delivery[]} */ (instance.deliveries)) {
			if (delivery.status === 'pending' || delivery.status === 'retrying') hold(instance, delivery);
		}
	}

	/**
	 * `PUT /notifications/subscriptions/deliveries?where=...status='queued'`: sends the held deliveries
	 * again (a fresh round of retries) and reactivates their instances' subscriptions. `names` says
	 * whether the where names an instance itself (its id, or its callback URL as `config.url`):
	 * INFERRED, such an instance's subscription is reactivated even when nothing of it was held, so
	 * a subscription deactivated by a delivery that failed for good can be taken up again.
	 * @param {(delivery: Delivery) => boolean} matches
	 * @param {(instance: InstanceRecord) => boolean} [names]
	 */
	function release(matches, names = () => false) {
		/** @type {Delivery[]} */
		const released = [];
		for (const instance of store.state.instances) {
			const held = /** @type {Delivery[]} */ (instance.deliveries).filter((delivery) => delivery.status === 'queued' && matches(delivery));
			if (held.length === 0) {
				const state = subscription(instance);
				if (state && !state.active && names(instance)) {
					state.active = true;
					state.deactivatedAt = null;
				}
				continue;
			}
			const state = subscription(instance);
			if (state) {
				state.active = true;
				state.deactivatedAt = null;
			}
			for (const delivery of held) {
				delivery.round = 0;
				setEventStatus(instance, delivery, 'RECEIVED');
				enqueue(instance, delivery);
				released.push(delivery);
			}
		}
		store.commitSoon();
		return released;
	}

	/** Every delivery waiting for a retry is sent now; resolves when the queues are idle again. */
	async function flush() {
		let started = 0;
		for (const instance of store.state.instances) {
			for (const delivery of /** @type {Delivery[]} */ (instance.deliveries)) {
				if (delivery.status !== 'retrying') continue;
				cancelTimer(delivery);
				enqueue(instance, delivery);
				started++;
			}
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

	/** After a restart: unsettled deliveries from the data file are sent again, retries keep their time. */
	function resume() {
		for (const instance of store.state.instances) {
			for (const delivery of /** @type {Delivery[]} */ (instance.deliveries)) {
				if (delivery.status === 'pending' || delivery.status === 'sending') enqueue(instance, delivery);
				else if (delivery.status === 'retrying') scheduleRetry(instance, delivery, Math.max(0, Date.parse(delivery.nextAttemptAt || '') - now() || 0));
			}
		}
	}

	/** Stops every timer and forgets the queues (reset, close). In-flight attempts finish unrecorded. */
	function stop() {
		generation += 1;
		for (const timer of timers.values()) clearTimeout(timer);
		timers.clear();
		queues.clear();
	}

	/** @param {Delivery} delivery */
	function view(delivery) {
		const { body, round, ...shown } = delivery;
		return { ...shown, attempts: delivery.attempts.map((entry) => ({ ...entry })) };
	}

	return { dispatch, release, flush, idle, resume, stop, view };
}

module.exports = { createDeliveries, MAX_RETRIES, retryDelayMs, ATTEMPT_TIMEOUT_MS };
