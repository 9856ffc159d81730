// @ts-check
'use strict';

const { badRequest, notFound } = require('./errors');

/** @typedef {import('./store').StoredEvent} StoredEvent */
/** @typedef {import('./store').InstanceRecord} InstanceRecord */

const STATUSES = ['NEW', 'RECEIVED', 'DISPATCHED', 'CONSUMED', 'NOTIFIED'];

/** Cloud Elements keeps stored events for 7 days; older ones no longer list. */
const RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The events Cloud Elements stores per instance (`GET /instances/{id}/events` and friends).
 * @param {{ store: import('./store').Store, now: () => number }} deps
 */
function createStoredEvents({ store, now }) {
	/** @param {StoredEvent} event */
	const retained = (event) => Date.parse(event.eventDate) > now() - RETENTION_MS;

	/** @param {StoredEvent[]} events newest first; ties (same millisecond) by id, later first */
	const newestFirst = (events) =>
		events.filter(retained).sort((a, b) => Date.parse(b.eventDate) - Date.parse(a.eventDate) || b.id - a.id);

	/**
	 * @param {InstanceRecord} instance
	 * @param {unknown} body `{ status?, providerData?, notifiedData?, eventDate? }`
	 */
	function add(instance, body) {
		const input = /** @type {Record<string, unknown>} */ (body && typeof body === 'object' ? body : {});
		const status = input.status === undefined ? 'NEW' : input.status;
		if (typeof status !== 'string' || !STATUSES.includes(status)) {
			throw badRequest(`'status' must be one of ${STATUSES.join(', ')}.`);
		}
		let eventDate = new Date(now()).toISOString();
		if (input.eventDate !== undefined) {
			const parsed = typeof input.eventDate === 'string' ? Date.parse(input.eventDate) : NaN;
			if (Number.isNaN(parsed)) throw badRequest("'eventDate' must be an ISO date-time.");
			eventDate = new Date(parsed).toISOString();
		}
		/** @type {StoredEvent} */
		const event = {
			id: store.nextId('event'),
			instanceId: instance.id,
			eventDate,
			status: /** @type {StoredEvent['status']} */ (status),
			providerData: input.providerData ?? null,
			notifiedData: input.notifiedData ?? null,
		};
		instance.events.push(event);
		store.commit();
		return event;
	}

	/**
	 * The event engine's own record of an event it handles; its status then follows the delivery.
	 * Written soon rather than at once: the engine makes them thousands at a time.
	 * @param {InstanceRecord} instance
	 * @param {{ status: StoredEvent['status'], providerData: unknown, notifiedData: unknown }} content
	 */
	function record(instance, content) {
		/** @type {StoredEvent} */
		const event = { id: store.nextId('event'), instanceId: instance.id, eventDate: new Date(now()).toISOString(), ...content };
		instance.events.push(event);
		store.commitSoon();
		return event;
	}

	/**
	 * A delivery of the event changed: its summary `status`, and (when given) the status of the one
	 * subscription the delivery went to (one delivery per subscription of a notification).
	 * @param {InstanceRecord} instance @param {number} eventId @param {string} status
	 * @param {import('./store').SubscriptionStatus} [ofSubscription]
	 */
	function setStatus(instance, eventId, status, ofSubscription) {
		// Newest last: the event a delivery updates is almost always near the end.
		for (let i = instance.events.length - 1; i >= 0; i--) {
			const event = instance.events[i];
			if (event.id !== eventId) continue;
			event.status = /** @type {StoredEvent['status']} */ (status);
			if (ofSubscription) {
				const list = (event.subscriptions ??= []);
				const known = list.find((entry) => entry.subscriptionId === ofSubscription.subscriptionId);
				if (known) known.status = ofSubscription.status;
				else list.push({ ...ofSubscription });
			}
			store.commitSoon();
			return;
		}
	}

	/** @param {InstanceRecord} instance */
	function ofInstance(instance) {
		return newestFirst(instance.events);
	}

	function all() {
		return newestFirst(store.state.instances.flatMap((instance) => instance.events));
	}

	/** @param {string} eventId */
	function find(eventId) {
		const event = /^\d+$/.test(eventId) ? all().find((candidate) => candidate.id === Number(eventId)) : undefined;
		if (!event) throw notFound(`No event found with id ${eventId}.`);
		return event;
	}

	return { add, record, setStatus, ofInstance, all, find };
}

module.exports = { createStoredEvents, STATUSES, RETENTION_MS };
