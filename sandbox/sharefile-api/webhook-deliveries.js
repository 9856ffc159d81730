// @ts-check
'use strict';

const crypto = require('node:crypto');
const { badRequest } = require('../errors');
const { hmacBase64 } = require('../signature');
const { isLocalUrl } = require('../http-client');
const { maskedUrl } = require('../masking');
const { createRetryTimers } = require('../retry-timers');

/**
 * ShareFile's deliveries of its own webhooks (SHAREFILE_API.md §3.3, §3.4): one POST of the payload
 * per subscription and event, signed with the keys of the OAuth client that made the subscription,
 * retried with exponential back-off on 429, 500-504 and timeouts (and, INFERRED, any answer that
 * never came: refused connection, reset), for up to the event's 7-day TTL; any other answer ends it.
 * Independent of Cloud Elements' deliveries (deliveries.js): other rules, other statuses.
 * @typedef {{ number: number, at: string, url: string, status?: number, answer?: string, error?: string,
 *   durationMs: number, signatures: string[] }} ShareFileAttempt
 *   `signatures`: the headers the attempt carried (`primary`, `secondary`).
 * @typedef {'pending' | 'sending' | 'retrying' | 'delivered' | 'failed' | 'dropped'} ShareFileDeliveryStatus
 * @typedef {'drop' | 'duplicate' | 'delay' | 'wrong-signature' | 'unsigned'} WebhookFaultKind
 * @typedef {{ id: number, kind: WebhookFaultKind, remaining: number, delayMs?: number, subscriptionId?: string }} WebhookFault
 * @typedef {{ id: number, vendor: 'sharefile', subscriptionId: string, instanceId: number, clientId: string, url: string,
 *   event: { ResourceType: string, OperationName: string, ResourceId: string, Timestamp: string },
 *   status: ShareFileDeliveryStatus, reason?: string, createdDate: string, updatedDate: string, eventCount: 1,
 *   attempts: ShareFileAttempt[], retries: number, scheduleMs: number, nextAttemptAt?: string, body?: string,
 *   fault?: WebhookFaultKind, faultDelayMs?: number, duplicateOf?: number }} ShareFileDelivery
 *   `scheduleMs`: how far into the back-off schedule the delivery is (unscaled), against the TTL;
 *   `body`: the exact bytes sent, kept until settled; `fault`: the injected fault it carries.
 */

/** Answers ShareFile retries (CONFIRMED §3.3); a timeout or no answer at all too. */
const RETRIED_STATUSES = new Set([429, 500, 501, 502, 503, 504]);
/** The event's time to live (CONFIRMED: 7 days, "subject to change"). */
const TTL_MS = 7 * 24 * 3600 * 1000;
/**
 * INFERRED back-off (the schedule is UNKNOWN): the x-th retry waits 15 s × 2^(x-1), at most 6 h
 * (15 s, 30 s, 1 min, ... 4 h 16 min, then 6 h), while the schedule stays within the TTL: 37 retries
 * (38 attempts), the last 6 d 20 h 31 min 45 s after the first attempt. Divided by the sandbox's timeScale.
 */
const FIRST_RETRY_MS = 15000;
const MAX_RETRY_MS = 6 * 3600 * 1000;
/** CONFIRMED: a 2xx within 10 seconds; the control may shorten it for tests. */
const DEFAULT_ATTEMPT_TIMEOUT_MS = 10000;
/** INFERRED: at most this many POSTs in flight per subscription (ordering is UNKNOWN; none is kept). */
const IN_FLIGHT_PER_SUBSCRIPTION = 4;
const ANSWER_KEPT = 200;
const KEPT_DELIVERIES = 10000;
const FAULT_KINDS = ['drop', 'duplicate', 'delay', 'wrong-signature', 'unsigned'];
const DEFAULT_FAULT_DELAY_MS = 2000;

/** @param {number} retry 1-based */
const backoffMs = (retry) => Math.min(FIRST_RETRY_MS * 2 ** (retry - 1), MAX_RETRY_MS);

/** The delivery's event as the page's log names it, e.g. "File Upload". @param {ShareFileDelivery} delivery */
const eventsOf = (delivery) => [{ eventType: `${delivery.event.ResourceType} ${delivery.event.OperationName}`, objectId: delivery.event.ResourceId }];

/** The signature headers (CONFIRMED names): one per key the client has. */
const SIGNATURE_HEADERS = /** @type {const} */ ({ primary: 'SF-WEBHOOK-PRIMARY-SIGNATURE', secondary: 'SF-WEBHOOK-SECONDARY-SIGNATURE' });

/**
 * @param {{ store: import('../store').Store, now: () => number, timeScale: number,
 *   client: ReturnType<typeof import('../http-client').createHttpClient>,
 *   keysOf: (instanceId: number, clientId: string) => { primaryKey: string | null, secondaryKey: string | null } | undefined,
 *   subscriptionExists: (id: string) => boolean, attemptTimeoutMs: () => number,
 *   onChange: (delivery: ShareFileDelivery, events?: Array<{ eventType: string, objectId: string }>) => void }} deps
 */
function createWebhookDeliveries({ store, now, timeScale, client, keysOf, subscriptionExists, attemptTimeoutMs, onChange }) {
	const timers = createRetryTimers({ now });
	/** Subscription id → deliveries waiting for a free slot, and how many are in flight. @type {Map<string, { waiting: ShareFileDelivery[], running: number }>} */
	const queues = new Map();
	/** @type {Set<Promise<void>>} */
	const inFlight = new Set();
	/** @type {WebhookFault[]} */
	let faults = [];
	let nextFaultId = 1;
	let generation = 0;

	const iso = (/** @type {number} */ ms) => new Date(ms).toISOString();
	const all = () => /** @type {ShareFileDelivery[]} */ (store.state.shareFileApi.webhookDeliveries);
	const unsettled = (/** @type {ShareFileDelivery} */ delivery) => ['pending', 'sending', 'retrying'].includes(delivery.status);

	/** @param {ShareFileDelivery} delivery @param {Array<{ eventType: string, objectId: string }>} [events] */
	function changed(delivery, events) {
		delivery.updatedDate = iso(now());
		onChange(delivery, events);
		store.commitSoon();
	}

	/** @param {ShareFileDelivery} delivery @param {ShareFileDeliveryStatus} status @param {string} [reason] */
	function settle(delivery, status, reason) {
		timers.cancel(delivery);
		delivery.status = status;
		if (reason) delivery.reason = reason;
		delete delivery.body;
		delete delivery.nextAttemptAt;
	}


	/** The first armed fault for this subscription, one shot used. @param {string} subscriptionId */
	function takeFault(subscriptionId) {
		const fault = faults.find((candidate) => !candidate.subscriptionId || candidate.subscriptionId === subscriptionId);
		if (!fault) return undefined;
		fault.remaining -= 1;
		if (fault.remaining === 0) faults = faults.filter((candidate) => candidate !== fault);
		return fault;
	}

	/**
	 * One event to one subscription: made now, sent as soon as the subscription has a free slot.
	 * @param {{ Id: string, instanceId: number, clientId: string, WebhookUrl: string }} subscription
	 * @param {Record<string, any>} body the payload (§3.2)
	 */
	function deliver(subscription, body) {
		const fault = takeFault(subscription.Id);
		const made = make(subscription, body, fault);
		onChange(made, eventsOf(made));
		if (fault?.kind === 'duplicate') {
			// ShareFile sending the same event twice (its payload has no event id to tell them apart).
			const twin = make(subscription, body, undefined);
			twin.duplicateOf = made.id;
			onChange(twin, eventsOf(twin));
			start(twin);
		}
		if (fault?.kind === 'drop') {
			settle(made, 'dropped', 'fault: dropped, never sent');
			changed(made);
		} else start(made);
		return made;
	}

	/**
	 * @param {{ Id: string, instanceId: number, clientId: string, WebhookUrl: string }} subscription
	 * @param {Record<string, any>} body @param {WebhookFault | undefined} fault
	 */
	function make(subscription, body, fault) {
		const createdDate = iso(now());
		/** @type {ShareFileDelivery} */
		const delivery = {
			id: store.nextId('webhookDelivery'),
			vendor: 'sharefile',
			subscriptionId: subscription.Id,
			instanceId: subscription.instanceId,
			clientId: subscription.clientId,
			url: subscription.WebhookUrl,
			event: { ResourceType: body.Event.ResourceType, OperationName: body.Event.OperationName, ResourceId: body.Event.Resource.Id, Timestamp: body.Event.Timestamp },
			status: 'pending',
			createdDate,
			updatedDate: createdDate,
			eventCount: 1,
			attempts: [],
			retries: 0,
			scheduleMs: 0,
			body: JSON.stringify(body),
		};
		if (fault && fault.kind !== 'duplicate') delivery.fault = fault.kind;
		if (fault?.kind === 'delay') delivery.faultDelayMs = fault.delayMs;
		all().push(delivery);
		forgetOldest();
		return delivery;
	}

	function forgetOldest() {
		if (all().length <= KEPT_DELIVERIES) return;
		const index = all().findIndex((delivery) => !unsettled(delivery));
		if (index >= 0) all().splice(index, 1);
	}

	/** @param {ShareFileDelivery} delivery */
	function start(delivery) {
		delivery.status = 'pending';
		let queue = queues.get(delivery.subscriptionId);
		if (!queue) {
			queue = { waiting: [], running: 0 };
			queues.set(delivery.subscriptionId, queue);
		}
		queue.waiting.push(delivery);
		pump(queue);
	}

	/** @param {{ waiting: ShareFileDelivery[], running: number }} queue */
	function pump(queue) {
		while (queue.running < IN_FLIGHT_PER_SUBSCRIPTION && queue.waiting.length > 0) {
			const delivery = /** @type {ShareFileDelivery} */ (queue.waiting.shift());
			if (delivery.status !== 'pending') continue;
			queue.running += 1;
			const mine = generation;
			const run = attempt(delivery).finally(() => {
				inFlight.delete(run);
				if (mine !== generation) return;
				queue.running -= 1;
				pump(queue);
			});
			inFlight.add(run);
		}
	}

	/**
	 * The signature headers as the client's keys stand at this attempt (a rotated key signs the
	 * retries). INFERRED recipe: HMAC-SHA256, the key's UTF-8 bytes, over the raw body, base64.
	 * @param {ShareFileDelivery} delivery @param {Buffer} bytes
	 */
	function signatureHeaders(delivery, bytes) {
		/** @type {Record<string, string>} */
		const headers = {};
		if (delivery.fault === 'unsigned') return headers;
		const keys = keysOf(delivery.instanceId, delivery.clientId);
		for (const [which, key] of /** @type {const} */ ([['primary', keys?.primaryKey], ['secondary', keys?.secondaryKey]])) {
			if (!key) continue;
			// The wrong-signature fault signs with a key nobody has.
			const signingKey = delivery.fault === 'wrong-signature' ? crypto.randomBytes(32).toString('base64') : key;
			headers[SIGNATURE_HEADERS[which]] = hmacBase64(signingKey, bytes);
		}
		return headers;
	}

	/** @param {ShareFileDelivery} delivery */
	async function attempt(delivery) {
		const mine = generation;
		if (!subscriptionExists(delivery.subscriptionId)) {
			// Deleted meanwhile (its unsettled deliveries are settled then; this is the one in a queue).
			settle(delivery, 'failed', 'the subscription was deleted');
			changed(delivery);
			return;
		}
		if (delivery.fault === 'delay' && delivery.attempts.length === 0) {
			await new Promise((resolve) => setTimeout(resolve, delivery.faultDelayMs ?? DEFAULT_FAULT_DELAY_MS).unref());
			if (mine !== generation || delivery.status !== 'pending') return;
		}
		const bytes = Buffer.from(/** @type {string} */ (delivery.body), 'utf8');
		const headers = { 'Content-Type': 'application/json', ...signatureHeaders(delivery, bytes) };
		/** @type {ShareFileAttempt} */
		const record = { number: delivery.attempts.length + 1, at: iso(now()), url: delivery.url, durationMs: 0, signatures: Object.keys(headers).filter((name) => name.startsWith('SF-')).map((name) => (name === SIGNATURE_HEADERS.primary ? 'primary' : 'secondary')) };
		delivery.status = 'sending';
		delete delivery.nextAttemptAt;
		changed(delivery);
		const started = Date.now();
		let refused = false;
		if (!isLocalUrl(delivery.url)) {
			refused = true;
			record.error = `refused: the sandbox delivers only to http://127.0.0.1, localhost or [::1], not ${maskedUrl(delivery.url)}`;
		} else {
			try {
				const answer = await client.send({ method: 'POST', url: delivery.url, headers, body: bytes, timeoutMs: attemptTimeoutMs() });
				record.status = answer.status;
				if (answer.text) record.answer = answer.text.slice(0, ANSWER_KEPT);
			} catch (error) {
				record.error = error instanceof Error ? error.message : String(error);
			}
		}
		record.durationMs = Date.now() - started;
		if (mine !== generation || delivery.status !== 'sending') return;
		delivery.attempts.push(record);
		afterAttempt(delivery, record, refused);
		changed(delivery);
	}

	/** @param {ShareFileDelivery} delivery @param {ShareFileAttempt} record @param {boolean} refused */
	function afterAttempt(delivery, record, refused) {
		if (record.status !== undefined && record.status >= 200 && record.status < 300) return settle(delivery, 'delivered');
		if (refused) return settle(delivery, 'failed', 'refused: not a local URL');
		if (record.status !== undefined && !RETRIED_STATUSES.has(record.status)) return settle(delivery, 'failed', `HTTP ${record.status}: not retried`);
		const delay = backoffMs(delivery.retries + 1);
		if (delivery.scheduleMs + delay > TTL_MS) return settle(delivery, 'failed', 'expired: retries ran out at the 7-day TTL');
		delivery.retries += 1;
		delivery.scheduleMs += delay;
		scheduleRetry(delivery, delay / timeScale);
	}

	/** @param {ShareFileDelivery} delivery @param {number} delayMs real milliseconds */
	const scheduleRetry = (delivery, delayMs) => timers.schedule(delivery, delayMs, start);

	/** A deleted subscription: nothing more is sent for it (INFERRED). @param {string} subscriptionId */
	function forgetSubscription(subscriptionId) {
		for (const delivery of all()) {
			if (delivery.subscriptionId !== subscriptionId || !unsettled(delivery)) continue;
			settle(delivery, 'failed', 'the subscription was deleted');
			changed(delivery);
		}
		queues.delete(subscriptionId);
	}

	/** Resolves when nothing is being sent or waits for a slot (retries on timers do not count). */
	async function idle() {
		while (inFlight.size > 0) await Promise.all([...inFlight]);
	}

	/** Every delivery waiting for a retry is sent now; resolves when they are through. */
	async function flush() {
		let retried = 0;
		for (const delivery of all()) {
			if (delivery.status !== 'retrying') continue;
			timers.cancel(delivery);
			start(delivery);
			retried++;
		}
		await idle();
		return { retried };
	}

	/** At start: unsettled deliveries of the data file go on; a waiting retry keeps its time. */
	function resume() {
		for (const delivery of all()) {
			if (delivery.status === 'pending' || delivery.status === 'sending') start(delivery);
			else if (delivery.status === 'retrying') scheduleRetry(delivery, Math.max(0, Date.parse(delivery.nextAttemptAt || '') - now() || 0));
		}
	}

	function stop() {
		generation += 1;
		timers.clear();
		queues.clear();
		inFlight.clear();
	}

	/** @param {ShareFileDelivery} delivery */
	function view(delivery) {
		const { body, scheduleMs, ...shown } = delivery;
		return { ...shown, url: maskedUrl(delivery.url), attempts: delivery.attempts.map((entry) => ({ ...entry, url: maskedUrl(entry.url), signatures: [...entry.signatures] })) };
	}

	/**
	 * `GET /_sandbox/sharefile/webhooks/deliveries?subscriptionId=&status=&instanceId=`: oldest first.
	 * @param {URLSearchParams} query
	 */
	function list(query) {
		const subscriptionId = query.get('subscriptionId');
		const status = query.get('status');
		const instanceId = query.get('instanceId');
		return all()
			.filter((delivery) => (!subscriptionId || delivery.subscriptionId === subscriptionId) && (!status || delivery.status === status) && (!instanceId || String(delivery.instanceId) === instanceId))
			.map(view);
	}

	/**
	 * `POST /_sandbox/sharefile/webhooks/faults` `{ kind, count?, delayMs?, subscriptionId? }`: the
	 * next `count` deliveries made (of that subscription, or any) carry the fault.
	 * @param {unknown} body
	 */
	function armFault(body) {
		const input = /** @type {Record<string, unknown>} */ (body && typeof body === 'object' && !Array.isArray(body) ? body : {});
		if (typeof input.kind !== 'string' || !FAULT_KINDS.includes(input.kind)) throw badRequest(`'kind' must be one of ${FAULT_KINDS.join(', ')}.`);
		const count = input.count ?? 1;
		if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) throw badRequest("'count' must be a whole number >= 1.");
		if (input.subscriptionId !== undefined && typeof input.subscriptionId !== 'string') throw badRequest("'subscriptionId' must be a string.");
		if (input.delayMs !== undefined && (typeof input.delayMs !== 'number' || !(input.delayMs >= 0))) throw badRequest("'delayMs' must be a number >= 0.");
		/** @type {WebhookFault} */
		const fault = { id: nextFaultId++, kind: /** @type {WebhookFaultKind} */ (input.kind), remaining: count };
		if (fault.kind === 'delay') fault.delayMs = /** @type {number | undefined} */ (input.delayMs) ?? DEFAULT_FAULT_DELAY_MS;
		if (input.subscriptionId) fault.subscriptionId = input.subscriptionId;
		faults.push(fault);
		return { ...fault };
	}

	return {
		deliver,
		forgetSubscription,
		flush,
		idle,
		resume,
		stop,
		list,
		view,
		all,
		armFault,
		faults: () => faults.map((fault) => ({ ...fault })),
		clearFaults() {
			faults = [];
		},
	};
}

/** @typedef {ReturnType<typeof createWebhookDeliveries>} WebhookDeliveries */

module.exports = { createWebhookDeliveries, eventsOf, backoffMs, TTL_MS, RETRIED_STATUSES, SIGNATURE_HEADERS, DEFAULT_ATTEMPT_TIMEOUT_MS };
