// @ts-check
// Who hears the chosen instance: every notification subscription on its topic (its own callback
// URL's, and any added with POST /notifications/subscriptions), with how its deliveries stand.
// Each subscription has its own deliveries, retries and queue, so each is shown on its own.

import { h } from './dom.js';

/** @param {Record<string, number>} counts */
function countsText(counts) {
	const parts = ['delivered', 'pending', 'sending', 'retrying', 'queued', 'failed'].filter((status) => counts[status] > 0).map((status) => `${counts[status]} ${status}`);
	return parts.length > 0 ? parts.join(', ') : 'no deliveries yet';
}

/** @param {Record<string, any>} subscription @param {number} instanceId */
function itemOf(subscription, instanceId) {
	const whose = subscription.ownedBy === instanceId ? 'callback URL' : subscription.ownedBy === null ? 'added' : `instance ${subscription.ownedBy}'s callback`;
	return h(
		'li',
		{ class: `subscription${subscription.active ? '' : ' inactive'}`, 'data-test': 'subscription', 'data-subscription-id': subscription.id, 'data-active': String(subscription.active) },
		h('span', { class: 'subscription-id' }, `#${subscription.id} · ${whose} · `),
		h('code', { 'data-test': 'subscription-url' }, subscription.url || subscription.channel),
		subscription.active ? '' : h('span', { class: 'warning' }, ' · deactivated: its deliveries are held'),
		h('span', { 'data-test': 'subscription-deliveries' }, ` · ${countsText(subscription.deliveries)}`),
	);
}

/**
 * @param {HTMLElement} list the <ul>
 * @param {Array<Record<string, any>>} subscriptions every subscription (GET /_sandbox/subscriptions)
 * @param {number | null} instanceId
 */
export function renderSubscriptions(list, subscriptions, instanceId) {
	const hearing = instanceId === null ? [] : subscriptions.filter((subscription) => subscription.instanceIds.includes(instanceId));
	list.replaceChildren(...hearing.map((subscription) => itemOf(subscription, /** @type {number} */ (instanceId))));
	list.hidden = hearing.length === 0;
}
