// @ts-check
'use strict';

const crypto = require('node:crypto');
const { CeError } = require('./errors');
const { configurationValue, eventsEnabled } = require('./configuration');
const { createDeliveries } = require('./deliveries');
const { createPublisher } = require('./publisher');
const { createSubscriptions } = require('./subscriptions');
const { createPoller } = require('./poller');
const { pollerSettings } = require('./poller-configuration');
const { providerWebhook, eventsOfWebhook, WEBHOOK_BATCH } = require('./webhook-vendor');

/**
 * @typedef {import('./store').InstanceRecord} InstanceRecord
 * @typedef {{ vendor: 'polling' | 'webhook', enabledAt: string, lastPolled: Record<string, string>,
 *   webhookSubscriptionId: string, accountId: string, subscriptionId?: number }} NotificationState
 *   Kept in `instance.notifications` (and the data file) while events are on. `subscriptionId`: the
 *   instance's own notification subscription (its callback URL's), whose `active` flag is the one
 *   failed deliveries clear; `webhookSubscriptionId` is ShareFile's, a different thing.
 */

/** Polls kept per instance for `/_sandbox/instances/{id}/notifications`. */
const KEPT_POLLS = 20;
/** However small timeScale makes a minute, polls of one instance are at least this far apart. */
const MIN_POLL_GAP_MS = 10;

/** `webhook` and `webhooks` are the same vendor. @param {string | undefined} text */
function vendorOf(text) {
	const value = (text || '').trim();
	if (value === 'polling') return 'polling';
	if (value === 'webhook' || value === 'webhooks') return 'webhook';
	return undefined;
}

/**
 * Cloud Elements' event engine for the sandbox's instances: whether an instance has events on, its
 * poller's schedule, its webhook vendor, the notification subscriptions, and the deliveries of what
 * both vendors publish on the instance's topic.
 * @param {{ store: import('./store').Store, now: () => number, timeScale: number,
 *   storedEvents: ReturnType<typeof import('./events').createStoredEvents>,
 *   client: ReturnType<typeof import('./http-client').createHttpClient>,
 *   apiBase: () => string, secrets: { userSecret: string, organizationSecret: string },
 *   activity: ReturnType<typeof import('./activity').createActivity>,
 *   failurePolicy?: () => 'retry' | 'queue' }} deps
 */
function createEventEngine({ store, now, timeScale, storedEvents, client, apiBase, secrets, activity, failurePolicy }) {
	// `deliveries` is read only when a subscription is removed, by then it exists.
	const subscriptions = createSubscriptions({ store, now, onRemoved: (removed) => deliveries.forgetSubscription(removed), onChange: activity.subscriptionsChanged });
	const deliveries = createDeliveries({ store, now, timeScale, client, storedEvents, subscriptions, failurePolicy, onChange: activity.delivery });
	const publisher = createPublisher({ store, now, storedEvents, subscriptions, deliveries });
	const poller = createPoller({ now, apiBase, secrets, client, publisher });
	/** Instance id → its poll schedule and history (in memory). @type {Map<number, { timer?: NodeJS.Timeout, intervalMs: number, nextPollAt?: string, chain: Promise<unknown>, polls: import('./poller').PollSummary[] }>} */
	const polling = new Map();
	let stopped = false;

	const iso = (/** @type {number} */ ms) => new Date(ms).toISOString();

	/** @param {'polling' | 'webhook'} vendor @returns {NotificationState} */
	function freshState(vendor) {
		return {
			vendor,
			// INFERRED: the first poll looks back to the moment events were enabled, no further.
			enabledAt: iso(now()),
			lastPolled: {},
			webhookSubscriptionId: crypto.randomUUID(),
			accountId: `a${crypto.randomBytes(16).toString('hex')}`,
		};
	}

	/** @param {InstanceRecord} instance */
	function pollingOf(instance) {
		let entry = polling.get(instance.id);
		if (!entry) {
			entry = { intervalMs: 0, chain: Promise.resolve(), polls: [] };
			polling.set(instance.id, entry);
		}
		return entry;
	}

	/** @param {number} instanceId */
	function stopPolling(instanceId) {
		const entry = polling.get(instanceId);
		if (entry?.timer) clearTimeout(entry.timer);
		polling.delete(instanceId);
	}

	/** A "minute" of the poller is 60000 / timeScale ms. @param {InstanceRecord} instance */
	function intervalOf(instance) {
		return Math.max(MIN_POLL_GAP_MS, (pollerSettings(instance.configuration).intervalMinutes * 60000) / timeScale);
	}

	/** @param {InstanceRecord} instance */
	function schedule(instance) {
		const entry = pollingOf(instance);
		if (entry.timer) clearTimeout(entry.timer);
		entry.intervalMs = intervalOf(instance);
		entry.nextPollAt = iso(now() + entry.intervalMs);
		entry.timer = setTimeout(() => {
			entry.timer = undefined;
			void runPoll(instance).finally(() => {
				if (!stopped && polling.get(instance.id) === entry && instance.notifications?.vendor === 'polling') schedule(instance);
			});
		}, entry.intervalMs);
		// Unref'd: a poller never keeps the process alive; close() clears it anyway.
		entry.timer.unref();
	}

	/** Polls of one instance run one after another, scheduled or asked for. @param {InstanceRecord} instance */
	function runPoll(instance) {
		const entry = pollingOf(instance);
		const run = entry.chain.then(async () => {
			const state = instance.notifications;
			if (stopped || !state || state.vendor !== 'polling' || !store.state.instances.includes(instance)) return undefined;
			const summary = await poller.poll(instance, state);
			entry.polls.push(summary);
			activity.poll(instance, summary);
			if (entry.polls.length > KEPT_POLLS) entry.polls.shift();
			store.commitSoon();
			return summary;
		});
		entry.chain = run.catch(() => undefined);
		return run;
	}

	/**
	 * Follows an instance's configuration: events turned on start a fresh state (and the poller, and
	 * an active subscription for the callback URL), off drops them; a changed interval reschedules;
	 * a changed callback URL moves the instance's subscription; a changed key just applies to the
	 * next attempt.
	 * @param {InstanceRecord} instance
	 * @param {'created' | 'changed' | 'deleted' | 'loaded'} kind
	 */
	function instanceChanged(instance, kind) {
		if (kind === 'deleted') {
			stopPolling(instance.id);
			deliveries.forgetInstance(instance);
			subscriptions.follow(instance, { deleted: true });
			return;
		}
		const vendor = eventsEnabled(instance.configuration) ? vendorOf(configurationValue(instance.configuration, 'event.vendor.type')) : undefined;
		if (!vendor) {
			if (instance.notifications) {
				instance.notifications = null;
				store.commitSoon();
			}
			subscriptions.follow(instance);
			stopPolling(instance.id);
			return;
		}
		const fresh = !instance.notifications || instance.notifications.vendor !== vendor;
		if (fresh) {
			instance.notifications = freshState(vendor);
			store.commitSoon();
		}
		subscriptions.follow(instance, { loaded: kind === 'loaded', fresh });
		if (vendor === 'webhook') stopPolling(instance.id);
		else if (!polling.get(instance.id)?.timer || polling.get(instance.id)?.intervalMs !== intervalOf(instance)) schedule(instance);
	}

	/**
	 * A change in an instance's ShareFile account: a webhook instance hears of it the way ShareFile
	 * would tell Cloud Elements (polling instances find it at their next poll).
	 * @param {import('./documents').DocumentChange} change
	 */
	function documentChanged(change) {
		const state = change.instance.notifications;
		if (stopped || !state || state.vendor !== 'webhook' || change.instance.disabled) return;
		const body = providerWebhook(change, state);
		if (body) receiveWebhook(change.instance, body);
	}

	/** @param {InstanceRecord} instance @param {unknown} body a provider webhook body */
	function receiveWebhook(instance, body) {
		const events = eventsOfWebhook(body, now());
		/** @type {number[]} */
		const made = [];
		for (let i = 0; i < events.length; i += WEBHOOK_BATCH) {
			for (const delivery of publisher.dispatch(instance, { vendor: 'webhook', raw: body, events: events.slice(i, i + WEBHOOK_BATCH) })) made.push(delivery.id);
		}
		return { events: events.length, deliveries: made };
	}

	/** `POST /_sandbox/instances/{id}/webhooks`: a provider webhook body, as if ShareFile had sent it. @param {InstanceRecord} instance @param {unknown} body */
	function injectWebhook(instance, body) {
		if (instance.notifications?.vendor !== 'webhook') throw new CeError(409, `Element instance ${instance.id} has no webhook events: set event.notification.enabled and event.vendor.type webhook.`);
		if (!body || typeof body !== 'object' || Array.isArray(body)) throw new CeError(400, 'The webhook body must be a JSON object (ShareFile sends { WebhookSubscriptionId, AccountInfo, Event }).');
		return receiveWebhook(instance, body);
	}

	/** `POST /_sandbox/instances/{id}/poll`: runs the poller now and answers what it did. @param {InstanceRecord} instance */
	async function pollNow(instance) {
		if (instance.notifications?.vendor !== 'polling') throw new CeError(409, `Element instance ${instance.id} has no polling events: set event.notification.enabled and event.vendor.type polling.`);
		return runPoll(instance);
	}

	/** @param {InstanceRecord} instance */
	function view(instance) {
		const entry = polling.get(instance.id);
		const own = subscriptions.configuredOf(instance);
		return {
			eventsEnabled: eventsEnabled(instance.configuration),
			...(instance.notifications
				? { ...instance.notifications, subscription: own ? { active: own.active, deactivatedAt: own.deactivatedAt } : null }
				: { vendor: null }),
			...(instance.notifications?.vendor === 'polling' ? { intervalMs: entry?.intervalMs, nextPollAt: entry?.timer ? entry.nextPollAt : null, polls: entry ? [...entry.polls] : [] } : {}),
		};
	}

	/** At start (and after reset): take up every instance's events as the state says. */
	function start() {
		stopped = false;
		for (const instance of store.state.instances) instanceChanged(instance, 'loaded');
		deliveries.resume();
	}

	/** Stops every timer and in-flight call; nothing keeps the process alive afterwards. */
	function stop() {
		stopped = true;
		for (const id of [...polling.keys()]) stopPolling(id);
		deliveries.stop();
		client.abortAll();
	}

	return {
		instanceChanged,
		documentChanged,
		injectWebhook,
		pollNow,
		view,
		start,
		stop,
		reset() {
			stop();
			start();
		},
		deliveries,
		subscriptions,
		publisher,
	};
}

module.exports = { createEventEngine, vendorOf };
