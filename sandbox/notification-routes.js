// @ts-check
'use strict';

const { badRequest, notFound } = require('./errors');
const { json } = require('./http-io');
const { paginate } = require('./pagination');

/**
 * @typedef {import('./platform-routes').PlatformRoute} PlatformRoute
 * @typedef {import('./deliveries').Delivery} Delivery
 */

/**
 * Cloud Elements' notifications API (N1, N2), platform auth: subscriptions (create, list, read,
 * delete), notifications (post, list by topic, read, acknowledge) and each notification's
 * deliveries, one per subscription. `/notifications/subscriptions/deliveries` (delivery-routes.js)
 * is not shadowed: the router prefers the pattern with more literal segments.
 * @param {{ subscriptions: ReturnType<typeof import('./subscriptions').createSubscriptions>,
 *   notifications: ReturnType<typeof import('./notifications').createNotifications>,
 *   deliveries: ReturnType<typeof import('./deliveries').createDeliveries> }} deps
 * @returns {PlatformRoute[]}
 */
function notificationRoutes({ subscriptions, notifications, deliveries }) {
	/** @param {unknown[]} items @param {URLSearchParams} query */
	const paged = (items, query) => {
		const { page, headers } = paginate(items, query);
		return json(200, page, headers);
	};

	/** N2's delivery, with its notification and subscription when `hydrate=true`. @param {Delivery} delivery @param {URLSearchParams} query */
	function deliveryView(delivery, query) {
		const view = deliveries.wireView(delivery);
		if (query.get('hydrate') !== 'true') return view;
		const subscription = subscriptions.byId(delivery.subscriptionId);
		return { ...view, notification: notifications.find(String(delivery.notificationId)), subscription: subscription ? subscriptions.view(subscription) : null };
	}

	/** @param {string} idText 404 for an unknown notification, before anything else */
	const deliveriesOf = (idText) => {
		notifications.find(idText);
		return deliveries.ofNotification(Number(idText));
	};

	return [
		{ method: 'POST', pattern: '/notifications/subscriptions', handler: ({ body }) => json(200, subscriptions.view(subscriptions.create(body))) },
		{ method: 'GET', pattern: '/notifications/subscriptions', handler: ({ query }) => paged(subscriptions.list().map(subscriptions.view), query) },
		{ method: 'GET', pattern: '/notifications/subscriptions/:id', handler: ({ params }) => json(200, subscriptions.view(subscriptions.find(params.id))) },
		{
			method: 'DELETE',
			pattern: '/notifications/subscriptions/:id',
			// INFERRED: answers 200 with no body, as an instance delete does.
			handler: ({ params }) => {
				subscriptions.remove(params.id);
				return json(200);
			},
		},

		{ method: 'POST', pattern: '/notifications', handler: ({ body }) => json(200, notifications.post(body)) },
		{
			method: 'GET',
			pattern: '/notifications',
			handler: ({ query }) => {
				const topics = [...query.getAll('topics[]'), ...query.getAll('topics')].filter((topic) => topic !== '');
				if (topics.length === 0) throw badRequest("Name the topics to list: GET /notifications?topics[]=<topic>.");
				return paged(notifications.onTopics(topics), query);
			},
		},
		{ method: 'GET', pattern: '/notifications/:id', handler: ({ params }) => json(200, notifications.find(params.id)) },
		{ method: 'PUT', pattern: '/notifications/:id/acknowledge', handler: ({ params }) => json(200, notifications.acknowledge(params.id)) },

		{
			method: 'GET',
			pattern: '/notifications/:id/subscriptions/deliveries',
			handler: ({ params, query }) => paged(deliveriesOf(params.id).map((delivery) => deliveryView(delivery, query)), query),
		},
		{
			method: 'GET',
			pattern: '/notifications/:id/subscriptions/:subscriptionId/deliveries',
			handler: ({ params, query }) => {
				const delivery = deliveriesOf(params.id).find((candidate) => String(candidate.subscriptionId) === params.subscriptionId);
				if (!delivery) throw notFound(`Notification ${params.id} has no delivery to subscription ${params.subscriptionId}.`);
				return json(200, deliveryView(delivery, query));
			},
		},
	];
}

module.exports = { notificationRoutes };
