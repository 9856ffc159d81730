// @ts-check
'use strict';

const { envelope, notificationEnvelope, instanceTopic } = require('./event-envelope');
const { newEventId } = require('./random');

/**
 * @typedef {import('./store').InstanceRecord} InstanceRecord
 * @typedef {import('./event-envelope').NormalizedEvent} NormalizedEvent
 * @typedef {import('./deliveries').Delivery} Delivery
 */

/**
 * Publishes notifications on topics (N1, N2): each is one body, delivered to every webhook
 * subscription of its topic, each its own delivery (deliveries.js).
 * @param {{ store: import('./store').Store, now: () => number,
 *   storedEvents: ReturnType<typeof import('./events').createStoredEvents>,
 *   subscriptions: ReturnType<typeof import('./subscriptions').createSubscriptions>,
 *   deliveries: ReturnType<typeof import('./deliveries').createDeliveries> }} deps
 */
function createPublisher({ store, now, storedEvents, subscriptions, deliveries }) {
	/**
	 * A batch of an instance's events is one notification on the instance's topic: a stored event
	 * (providerData = raw, notifiedData = the message; its id is the notification's and the
	 * envelope's), signed once per delivery with the instance's key. INFERRED: published while the
	 * instance has events on, whether or not it has a callback URL (its own subscription).
	 * @param {InstanceRecord} instance
	 * @param {{ vendor: string, raw: unknown, events: NormalizedEvent[] }} content
	 * @returns {Delivery[]} one per subscription of the topic (none when nobody listens)
	 */
	function dispatch(instance, { vendor, raw, events }) {
		const topic = instanceTopic(instance);
		const stored = storedEvents.record(instance, { status: 'NEW', providerData: raw, notifiedData: null });
		stored.topic = topic;
		const body = envelope({ instance, envelopeId: String(stored.id), eventId: newEventId(), createdMs: now(), raw, events });
		stored.notifiedData = body.message;
		stored.status = 'RECEIVED';
		// Each subscription's delivery adds its status here (deliveries.js); nobody listening: empty.
		stored.subscriptions = [];
		const text = JSON.stringify(body);
		const made = subscriptions.listening(topic).map((subscription) =>
			deliveries.deliver(
				subscription,
				{ notificationId: stored.id, instanceId: instance.id, vendor, storedEventId: stored.id, envelopeId: body.id, eventId: body.message.eventId, eventCount: events.length, body: text },
				events,
			),
		);
		store.commitSoon();
		return made;
	}

	/**
	 * `POST /notifications`: the posted notification goes to every webhook subscription of its
	 * topic, unsigned (no instance, no key).
	 * @param {import('./notifications').PostedNotification} notification
	 */
	function publish(notification) {
		const text = JSON.stringify(notificationEnvelope(notification));
		return subscriptions.listening(notification.topic).map((subscription) =>
			deliveries.deliver(
				subscription,
				{ notificationId: notification.id, instanceId: null, vendor: 'notification', envelopeId: String(notification.id), eventId: null, eventCount: 0, body: text },
				[],
			),
		);
	}

	return { dispatch, publish };
}

module.exports = { createPublisher };
