// @ts-check
'use strict';

/**
 * How a delivery's status reads outside the delivery engine. The engine keeps its own statuses
 * (`pending`, `sending`, `retrying`, `delivered`, `failed`, `queued`: what `/_sandbox` and the
 * `where` of `/notifications/subscriptions/deliveries` show); Cloud Elements' delivery API names
 * `created`, `delivered`, `notified`, `retry` and `queued` (N2). A stored event has one `status`
 * however many subscriptions its notification went to (the summary below), and beside it each
 * subscription's own (`subscriptions`: `eventStatus` of that one delivery).
 * @typedef {import('./deliveries').Delivery} Delivery
 */

/**
 * N2's status of one delivery. INFERRED mapping: not yet tried → `created`; tried and not yet
 * through (waiting for a retry, or sent again after one) → `retry`; and a delivery that ran out of
 * retries (or was refused) also reads `retry`: N2 names no status for giving up, and `retry` is
 * the one it gives a failed delivery. `notified` is never used.
 * @param {Delivery} delivery
 */
function wireStatus(delivery) {
	switch (delivery.status) {
		case 'delivered':
			return 'delivered';
		case 'queued':
			return 'queued';
		case 'pending':
		case 'sending':
			return delivery.attempts.length === 0 ? 'created' : 'retry';
		default:
			return 'retry';
	}
}

/**
 * INFERRED: the stored event of an instance event summarizes the deliveries of its notification,
 * the worst first: FAILED if any ran out of retries (or was refused), else QUEUED if any is held,
 * else DISPATCHED if any is being sent or waits for a retry, else RECEIVED if any waits to be sent
 * (or no subscription heard it), else NOTIFIED (all delivered). With one subscription this is the
 * status of its one delivery, as before subscriptions; given one delivery, it is that delivery's
 * subscription's status of the event. The summary cannot tell one subscriber what it lost: an event
 * one subscription gave up on reads FAILED for all; `subscriptions` can.
 * @param {Delivery[]} deliveries
 * @returns {import('./store').EventStatus}
 */
function eventStatus(deliveries) {
	/** @param {string[]} statuses */
	const any = (...statuses) => deliveries.some((delivery) => statuses.includes(delivery.status));
	if (any('failed')) return 'FAILED';
	if (any('queued')) return 'QUEUED';
	if (any('sending', 'retrying')) return 'DISPATCHED';
	if (any('pending') || deliveries.length === 0) return 'RECEIVED';
	return 'NOTIFIED';
}

module.exports = { wireStatus, eventStatus };
