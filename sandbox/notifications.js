// @ts-check
'use strict';

const { badRequest, notFound } = require('./errors');
const { NOTIFICATIONS_USER } = require('./event-envelope');
const { SANDBOX_USER } = require('./instances');

/**
 * @typedef {'low' | 'medium' | 'high'} Severity
 * @typedef {{ id: number, from: string, topic: string, severity: Severity, message: unknown,
 *   createdDate: string, active: boolean, acknowledged: boolean }} PostedNotification
 * @typedef {import('./store').StoredEvent} StoredEvent
 */

const SEVERITIES = ['low', 'medium', 'high'];

/** @param {unknown} body */
function readNotification(body) {
	if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('The notification must be a JSON object: { severity, topic, message, from }.');
	const input = /** @type {Record<string, unknown>} */ (body);
	if (typeof input.topic !== 'string' || input.topic.trim() === '') throw badRequest("'topic' is required: the topic the notification is published on.");
	const severity = input.severity ?? 'medium';
	if (typeof severity !== 'string' || !SEVERITIES.includes(severity)) throw badRequest(`'severity' must be one of ${SEVERITIES.join(', ')}.`);
	if (input.from !== undefined && typeof input.from !== 'string') throw badRequest("'from' must be a string.");
	return {
		topic: input.topic,
		severity: /** @type {Severity} */ (severity),
		message: input.message ?? null,
		// INFERRED defaults: medium severity, from the account's user.
		from: typeof input.from === 'string' ? input.from : SANDBOX_USER.emailAddress,
	};
}

/**
 * Notifications (N2): those posted with `POST /notifications`, and an instance's events, each batch
 * of which the engine publishes as a notification on the instance's topic (its stored event, same
 * id). INFERRED: ids come from the stored events' range, so one id never names two notifications;
 * an instance's notifications follow its stored events (7 days, gone with the instance), from
 * `notifications@cloud-elements.com` (the envelope's `user`) with severity `medium`.
 * @param {{ store: import('./store').Store, now: () => number,
 *   storedEvents: ReturnType<typeof import('./events').createStoredEvents>,
 *   publish: (notification: PostedNotification) => unknown }} deps
 */
function createNotifications({ store, now, storedEvents, publish }) {
	/** @param {StoredEvent} event */
	const ofEvent = (event) => ({
		id: event.id,
		from: NOTIFICATIONS_USER,
		topic: /** @type {string} */ (event.topic),
		severity: 'medium',
		message: event.notifiedData,
		createdDate: event.eventDate,
		active: true,
		acknowledged: event.acknowledged === true,
	});

	/** An instance's published events (not those stored through the control). */
	const published = () => storedEvents.all().filter((event) => event.topic !== undefined);

	/** `POST /notifications`. @param {unknown} body */
	function post(body) {
		/** @type {PostedNotification} */
		const notification = { id: store.nextId('event'), ...readNotification(body), createdDate: new Date(now()).toISOString(), active: true, acknowledged: false };
		store.state.notifications.push(notification);
		store.commit();
		publish(notification);
		return { ...notification };
	}

	/**
	 * `GET /notifications?topics[]=...`: every notification on those topics, newest first (INFERRED
	 * order, as stored events).
	 * @param {string[]} topics
	 */
	function onTopics(topics) {
		const wanted = new Set(topics);
		const posted = store.state.notifications.filter((notification) => wanted.has(notification.topic)).map((notification) => ({ ...notification }));
		const events = published().filter((event) => wanted.has(/** @type {string} */ (event.topic))).map(ofEvent);
		return [...posted, ...events].sort((a, b) => Date.parse(b.createdDate) - Date.parse(a.createdDate) || b.id - a.id);
	}

	/** @param {string} idText @returns {{ posted: PostedNotification } | { event: StoredEvent }} */
	function locate(idText) {
		const id = /^\d+$/.test(idText) ? Number(idText) : NaN;
		const posted = store.state.notifications.find((notification) => notification.id === id);
		if (posted) return { posted };
		const event = published().find((candidate) => candidate.id === id);
		if (event) return { event };
		throw notFound(`No notification found with id ${idText}.`);
	}

	/** @param {string} idText */
	function find(idText) {
		const found = locate(idText);
		return 'posted' in found ? { ...found.posted } : ofEvent(found.event);
	}

	/** `PUT /notifications/{id}/acknowledge`. INFERRED: answers the notification. @param {string} idText */
	function acknowledge(idText) {
		const found = locate(idText);
		if ('posted' in found) found.posted.acknowledged = true;
		else found.event.acknowledged = true;
		store.commit();
		return find(idText);
	}

	return { post, onTopics, find, acknowledge };
}

module.exports = { createNotifications, SEVERITIES };
