// @ts-check
'use strict';

const { badRequest } = require('./errors');
const { json } = require('./http-io');
const { paginate } = require('./pagination');

/**
 * @typedef {import('./platform-routes').PlatformRoute} PlatformRoute
 * @typedef {import('./deliveries').Delivery} Delivery
 * @typedef {import('./subscriptions').Subscription} Subscription
 */

const FIELDS = ['channel', 'status', 'instanceid', 'subscriptionid', 'config.url'];
// A value in single quotes may hold a quote written twice (`''`), as in SQL and CEQL.
const CONDITION = /^\s*([A-Za-z_][\w.]*)\s*=\s*(?:'((?:[^']|'')*)'|"([^"]*)"|(\d+))\s*$/;

/**
 * Reads `channel='webhook' and status='queued' and config.url='https://...'` (equality on channel,
 * status, instanceId, subscriptionId, config.url joined by `and`). `config.url` is the subscription
 * URL a delivery was made for (INFERRED: compared exactly, query included), so a trigger can take
 * back only its own; `subscriptionId` (the sandbox's) picks one subscription's.
 * @param {string | null} where
 * @returns {{ delivery: (delivery: Delivery) => boolean, names: (subscription: Subscription) => boolean }}
 *   `names`: whether the where picks out this subscription itself: by id, by its current URL, or
 *   (an instance's own subscription) by the instance's id
 */
function deliveryFilter(where) {
	if (where === null || where.trim() === '') return { delivery: () => true, names: () => false };
	/** @type {Array<[string, string]>} */
	const wanted = splitConditions(where).map((part) => {
		const match = CONDITION.exec(part);
		if (!match) throw badRequest(`Cannot read '${part.trim()}' in where: expected field = 'value' joined by 'and'.`);
		const field = match[1].toLowerCase();
		if (!FIELDS.includes(field)) throw badRequest(`Unsupported field '${match[1]}' in where; use channel, status, instanceId, subscriptionId or config.url.`);
		return [field, match[2] !== undefined ? match[2].replace(/''/g, "'") : (match[3] ?? match[4])];
	});
	/** @param {Delivery} delivery @param {string} field @param {string} value */
	const holds = (delivery, field, value) => {
		if (field === 'channel') return delivery.channel === value;
		if (field === 'status') return delivery.status === value.toLowerCase();
		if (field === 'config.url') return delivery.config?.url === value;
		if (field === 'subscriptionid') return String(delivery.subscriptionId) === value;
		return String(delivery.instanceId) === value;
	};
	/** @param {Subscription} subscription @param {string} field @param {string} value */
	const identifies = (subscription, field, value) => {
		if (field === 'config.url') return subscription.config.url === value;
		if (field === 'subscriptionid') return String(subscription.id) === value;
		return subscription.instanceId !== undefined && String(subscription.instanceId) === value;
	};
	const identifying = wanted.filter(([field]) => field === 'instanceid' || field === 'subscriptionid' || field === 'config.url');
	return {
		delivery: (delivery) => wanted.every(([field, value]) => holds(delivery, field, value)),
		names: (subscription) => identifying.length > 0 && identifying.every(([field, value]) => identifies(subscription, field, value)),
	};
}

/** Splits on ` and ` outside quotes: a URL in quotes may contain the word. @param {string} where */
function splitConditions(where) {
	/** @type {string[]} */
	const parts = [];
	let start = 0;
	let quote = '';
	for (let i = 0; i < where.length; i++) {
		const c = where[i];
		if (quote) {
			if (c === quote) quote = '';
		} else if (c === "'" || c === '"') {
			quote = c;
		} else if (/\s/.test(c) && /^\s+and\s+/i.test(where.slice(i))) {
			parts.push(where.slice(start, i));
			const gap = /** @type {RegExpExecArray} */ (/^\s+and\s+/i.exec(where.slice(i)))[0];
			i += gap.length - 1;
			start = i + 1;
		}
	}
	parts.push(where.slice(start));
	return parts;
}

/**
 * Cloud Elements' held deliveries (contract section 5): after a subscription is deactivated its
 * deliveries queue; `GET` lists them and `PUT` releases them. Platform auth, across all
 * subscriptions. INFERRED: the answers' shapes (the delivery views below; PUT answers the released ones).
 * @param {{ deliveries: ReturnType<typeof import('./deliveries').createDeliveries> }} deps
 * @returns {PlatformRoute[]}
 */
function deliveryRoutes({ deliveries }) {
	/** @param {(delivery: Delivery) => boolean} matches */
	const matching = (matches) => deliveries.all().filter(matches);

	return [
		{
			method: 'GET',
			pattern: '/notifications/subscriptions/deliveries',
			handler: ({ query }) => {
				const { page, headers } = paginate(matching(deliveryFilter(query.get('where')).delivery).map(deliveries.view), query);
				return json(200, page, headers);
			},
		},
		{
			method: 'PUT',
			pattern: '/notifications/subscriptions/deliveries',
			handler: ({ query }) => {
				const where = query.get('where') || '';
				if (!/status\s*=\s*['"]queued['"]/i.test(where)) throw badRequest("Only queued deliveries can be released: use where=channel='webhook' and status='queued'.");
				const filter = deliveryFilter(where);
				const released = deliveries.release(filter.delivery, filter.names);
				return json(200, released.map(deliveries.view));
			},
		},
	];
}

module.exports = { deliveryRoutes, deliveryFilter };
