// @ts-check
'use strict';

const { maskedUrl } = require('./masking');
const { instanceTopic } = require('./event-envelope');

const STATUSES = /** @type {const} */ (['pending', 'sending', 'retrying', 'delivered', 'failed', 'queued']);

/**
 * A subscription as the sandbox page shows it (`GET /_sandbox/subscriptions`): where it sends, whose
 * events it hears, and how its deliveries stand. Like the instance summary it needs no auth, so its
 * URL is masked as everywhere the sandbox shows one.
 * @param {import('./subscriptions').Subscription} subscription
 * @param {import('./deliveries').Delivery[]} deliveries its deliveries
 * @param {import('./store').InstanceRecord[]} instances every instance, to name those it hears
 */
function subscriptionSummary(subscription, deliveries, instances) {
	/** @type {Record<string, number>} */
	const counts = Object.fromEntries(STATUSES.map((status) => [status, 0]));
	for (const delivery of deliveries) counts[delivery.status] += 1;
	return {
		id: subscription.id,
		channel: subscription.channel,
		topics: [...subscription.topics],
		url: typeof subscription.config.url === 'string' ? maskedUrl(subscription.config.url) : null,
		active: subscription.active,
		deactivatedAt: subscription.deactivatedAt,
		createdDate: subscription.createdDate,
		// The instance whose callback URL it is, or null for one made with POST.
		ownedBy: subscription.instanceId ?? null,
		instanceIds: instances.filter((instance) => subscription.topics.includes(instanceTopic(instance))).map((instance) => instance.id),
		deliveries: { total: deliveries.length, ...counts },
	};
}

module.exports = { subscriptionSummary };
