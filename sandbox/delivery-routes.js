// @ts-check
'use strict';

const { badRequest } = require('./errors');
const { json } = require('./http-io');
const { paginate } = require('./pagination');

/**
 * @typedef {import('./platform-routes').PlatformRoute} PlatformRoute
 * @typedef {import('./deliveries').Delivery} Delivery
 */

const FIELDS = ['channel', 'status', 'instanceid'];
const CONDITION = /^\s*([A-Za-z_]\w*)\s*=\s*(?:'([^']*)'|"([^"]*)"|(\d+))\s*$/;

/**
 * Reads `channel='webhook' and status='queued'` (equality on channel, status, instanceId).
 * @param {string | null} where
 * @returns {(delivery: Delivery) => boolean}
 */
function deliveryFilter(where) {
	if (where === null || where.trim() === '') return () => true;
	/** @type {Array<[string, string]>} */
	const wanted = where.split(/\s+and\s+/i).map((part) => {
		const match = CONDITION.exec(part);
		if (!match) throw badRequest(`Cannot read '${part.trim()}' in where: expected field = 'value' joined by 'and'.`);
		const field = match[1].toLowerCase();
		if (!FIELDS.includes(field)) throw badRequest(`Unsupported field '${match[1]}' in where; use channel, status or instanceId.`);
		return [field, match[2] ?? match[3] ?? match[4]];
	});
	return (delivery) =>
		wanted.every(([field, value]) =>
			field === 'channel' ? delivery.channel === value : field === 'status' ? delivery.status === value.toLowerCase() : String(delivery.instanceId) === value,
		);
}

/**
 * Cloud Elements' held deliveries (contract section 5): after a subscription is deactivated its
 * events queue; `GET` lists them and `PUT` releases them. Platform auth, across all instances.
 * INFERRED: the answers' shapes (the delivery views below; PUT answers the released ones).
 * @param {{ store: import('./store').Store, deliveries: ReturnType<typeof import('./deliveries').createDeliveries> }} deps
 * @returns {PlatformRoute[]}
 */
function deliveryRoutes({ store, deliveries }) {
	/** @param {(delivery: Delivery) => boolean} matches */
	const matching = (matches) =>
		store.state.instances.flatMap((instance) => /** @type {Delivery[]} */ (instance.deliveries)).filter(matches);

	return [
		{
			method: 'GET',
			pattern: '/notifications/subscriptions/deliveries',
			handler: ({ query }) => {
				const { page, headers } = paginate(matching(deliveryFilter(query.get('where'))).map(deliveries.view), query);
				return json(200, page, headers);
			},
		},
		{
			method: 'PUT',
			pattern: '/notifications/subscriptions/deliveries',
			handler: ({ query }) => {
				const where = query.get('where') || '';
				if (!/status\s*=\s*['"]queued['"]/i.test(where)) throw badRequest("Only queued deliveries can be released: use where=channel='webhook' and status='queued'.");
				const released = deliveries.release(deliveryFilter(where));
				return json(200, released.map(deliveries.view));
			},
		},
	];
}

module.exports = { deliveryRoutes, deliveryFilter };
