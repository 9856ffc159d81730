// @ts-check
'use strict';

const { badRequest, notFound } = require('./errors');
const { configurationValue, isHttpUrl } = require('./configuration');
const { instanceTopic } = require('./event-envelope');

/**
 * @typedef {import('./store').InstanceRecord} InstanceRecord
 * @typedef {'webhook' | 'email' | 'sms' | 'push'} Channel
 * @typedef {{ id: number, channel: Channel, topics: string[], config: { url?: string, [key: string]: unknown },
 *   active: boolean, deactivatedAt: string | null, createdDate: string, instanceId?: number }} Subscription
 *   `instanceId`: the instance whose configuration made it (its callback URL, N1); absent for one
 *   made with `POST /notifications/subscriptions`. `active` false: deliveries are held (queued).
 */

/** N2: the channels a subscription may name. INFERRED: only webhook is ever sent; the others are kept. */
const CHANNELS = ['webhook', 'email', 'sms', 'push'];

/** @param {unknown} body */
function readSubscription(body) {
	if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('The subscription must be a JSON object: { channel, topics, config: { url } }.');
	const input = /** @type {Record<string, unknown>} */ (body);
	if (typeof input.channel !== 'string' || !CHANNELS.includes(input.channel)) {
		throw badRequest(`'channel' is required: one of ${CHANNELS.join(', ')}.`);
	}
	const topics = input.topics;
	if (!Array.isArray(topics) || topics.length === 0 || topics.some((topic) => typeof topic !== 'string' || topic.trim() === '')) {
		throw badRequest("'topics' is required: a non-empty array of topic names, e.g. [\"instance-4201-sharefile-events\"].");
	}
	const config = input.config ?? {};
	if (typeof config !== 'object' || Array.isArray(config) || config === null) throw badRequest("'config' must be a JSON object.");
	const url = /** @type {Record<string, unknown>} */ (config).url;
	if (input.channel === 'webhook' && (typeof url !== 'string' || !isHttpUrl(url))) {
		throw badRequest("'config.url' is required for a webhook subscription: an absolute http or https URL.");
	}
	return { channel: /** @type {Channel} */ (input.channel), topics: [...new Set(/** @type {string[]} */ (topics))], config: { .../** @type {object} */ (config) } };
}

/**
 * The account's notification subscriptions (N1, N2): who hears which topics. One of them may be an
 * instance's own: while the instance has events on and a callback URL, it holds a webhook
 * subscription on its topic with `config.url` = that URL, which follows the URL when it changes
 * (INFERRED: the same subscription, updated, where N1 says the configuration "makes a new one": its
 * held deliveries and state stay with it) and goes away with the events, the URL or the instance.
 * `onRemoved` hears of every removal (its deliveries stop); `onChange` of every change (the page).
 * @param {{ store: import('./store').Store, now: () => number,
 *   onRemoved: (subscription: Subscription) => void, onChange?: () => void }} deps
 */
function createSubscriptions({ store, now, onRemoved, onChange = () => {} }) {
	const iso = () => new Date(now()).toISOString();
	const list = () => store.state.subscriptions;

	/** @param {number} id */
	const byId = (id) => list().find((subscription) => subscription.id === id);

	/** @param {string} idText */
	function find(idText) {
		const subscription = /^\d+$/.test(idText) ? byId(Number(idText)) : undefined;
		if (!subscription) throw notFound(`No notification subscription found with id ${idText}.`);
		return subscription;
	}

	/** @param {Omit<Subscription, 'id' | 'createdDate'>} fields */
	function add(fields) {
		/** @type {Subscription} */
		const subscription = { id: store.nextId('subscription'), ...fields, createdDate: iso() };
		list().push(subscription);
		store.commit();
		onChange();
		return subscription;
	}

	/** `POST /notifications/subscriptions`. @param {unknown} body */
	function create(body) {
		return add({ ...readSubscription(body), active: true, deactivatedAt: null });
	}

	/** @param {Subscription} subscription */
	function drop(subscription) {
		store.state.subscriptions = list().filter((candidate) => candidate !== subscription);
		store.commit();
		onRemoved(subscription);
		onChange();
	}

	/** `DELETE /notifications/subscriptions/{id}`. @param {string} idText */
	function remove(idText) {
		const subscription = find(idText);
		drop(subscription);
		return subscription;
	}

	/** The webhook subscriptions a notification on `topic` is delivered to, active or holding. @param {string} topic */
	function listening(topic) {
		return list().filter((subscription) => subscription.channel === 'webhook' && subscription.topics.includes(topic));
	}

	/** @param {InstanceRecord} instance */
	const configuredOf = (instance) => list().find((subscription) => subscription.instanceId === instance.id);

	/** @param {Subscription} subscription @param {boolean} active */
	function setActive(subscription, active) {
		if (subscription.active === active) return;
		subscription.active = active;
		subscription.deactivatedAt = active ? null : iso();
		store.commitSoon();
		onChange();
	}

	/**
	 * Keeps the instance's own subscription in step with its configuration. `fresh`: events were
	 * just turned on or changed vendor, which starts with an active subscription. At start
	 * (`loaded`) a subscription deleted by hand stays deleted; any later save of the instance makes
	 * it again (N1: the configuration makes the subscription).
	 * @param {InstanceRecord} instance
	 * @param {{ deleted?: boolean, loaded?: boolean, fresh?: boolean }} how
	 */
	function follow(instance, { deleted = false, loaded = false, fresh = false } = {}) {
		const state = instance.notifications;
		const url = state && !deleted ? configurationValue(instance.configuration, 'event.notification.callback.url') : undefined;
		const own = configuredOf(instance);
		if (!state || !url) {
			if (own) drop(own);
			return;
		}
		// Data files from before subscriptions kept the active flag in the instance's event state.
		const legacy = /** @type {{ subscription?: { active: boolean, deactivatedAt: string | null } }} */ (state);
		const before = legacy.subscription;
		delete legacy.subscription;
		if (own) {
			if (own.config.url !== url) {
				own.config = { url };
				store.commitSoon();
				onChange();
			}
			if (fresh) setActive(own, true);
			state.subscriptionId = own.id;
			return;
		}
		if (loaded && state.subscriptionId !== undefined) return;
		const made = add({ channel: 'webhook', topics: [instanceTopic(instance)], config: { url }, active: before?.active ?? true, deactivatedAt: before?.deactivatedAt ?? null, instanceId: instance.id });
		state.subscriptionId = made.id;
	}

	/** The platform's view: `{ id, channel, topics, config, active, createdDate }` (N1, N2). @param {Subscription} subscription */
	function view(subscription) {
		const { id, channel, topics, config, active, createdDate } = subscription;
		return { id, channel, topics: [...topics], config: { ...config }, active, createdDate };
	}

	return { list, byId, find, create, remove, listening, configuredOf, setActive, follow, view };
}

module.exports = { createSubscriptions, CHANNELS };
