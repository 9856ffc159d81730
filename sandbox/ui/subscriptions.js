// @ts-check
// Who hears the chosen instance: every notification subscription on its topic (its own callback
// URL's, and any added with POST /notifications/subscriptions), and every ShareFile webhook
// subscription on its account (made through ShareFile's API v3), with how its deliveries stand.
// Each subscription has its own deliveries and retries, so each is shown on its own.

import { h } from './dom.js';

/** @param {Record<string, number>} counts */
function countsText(counts) {
	const parts = ['delivered', 'pending', 'sending', 'retrying', 'queued', 'failed', 'dropped'].filter((status) => counts[status] > 0).map((status) => `${counts[status]} ${status}`);
	return parts.length > 0 ? parts.join(', ') : 'no deliveries yet';
}

/** @param {Record<string, any>} subscription @param {number} instanceId */
function itemOf(subscription, instanceId) {
	const whose = subscription.ownedBy === instanceId ? 'callback URL' : subscription.ownedBy === null ? 'added' : `instance ${subscription.ownedBy}'s callback`;
	return h(
		'li',
		{ class: `subscription${subscription.active ? '' : ' inactive'}`, 'data-test': 'subscription', 'data-subscription-id': subscription.id, 'data-active': String(subscription.active), 'data-vendor': 'cloud-elements' },
		h('span', { class: 'subscription-id' }, `#${subscription.id} · ${whose} · `),
		h('code', { 'data-test': 'subscription-url' }, subscription.url || subscription.channel),
		subscription.active ? '' : h('span', { class: 'warning' }, ' · deactivated: its deliveries are held'),
		h('span', { 'data-test': 'subscription-deliveries' }, ` · ${countsText(subscription.deliveries)}`),
	);
}

/** A ShareFile WebhookSubscription: its context, events and URL. @param {Record<string, any>} subscription */
function shareFileItemOf(subscription) {
	const context = subscription.SubscriptionContext.ResourceType === 'Account' ? 'whole account' : subscription.folderPath || 'a deleted folder';
	const events = subscription.Events.map((/** @type {Record<string, string>} */ event) => `${event.ResourceType} ${event.OperationName}`).join(', ');
	return h(
		'li',
		{ class: 'subscription', 'data-test': 'subscription', 'data-subscription-id': subscription.Id, 'data-active': 'true', 'data-vendor': 'sharefile' },
		h('span', { class: 'subscription-id' }, `ShareFile webhook · ${context} · ${events} · `),
		h('code', { 'data-test': 'subscription-url' }, subscription.WebhookUrl),
		h('span', { 'data-test': 'subscription-deliveries' }, ` · ${countsText(subscription.deliveries)}`),
	);
}

/**
 * @param {HTMLElement} list the <ul>
 * @param {Array<Record<string, any>>} subscriptions every subscription (GET /_sandbox/subscriptions)
 * @param {Array<Record<string, any>>} shareFileSubscriptions every ShareFile one (GET /_sandbox/sharefile/webhooks/subscriptions)
 * @param {number | null} instanceId
 */
export function renderSubscriptions(list, subscriptions, shareFileSubscriptions, instanceId) {
	const hearing = instanceId === null ? [] : subscriptions.filter((subscription) => subscription.instanceIds.includes(instanceId));
	const native = instanceId === null ? [] : shareFileSubscriptions.filter((subscription) => subscription.instanceId === instanceId);
	list.replaceChildren(...hearing.map((subscription) => itemOf(subscription, /** @type {number} */ (instanceId))), ...native.map(shareFileItemOf));
	list.hidden = hearing.length + native.length === 0;
}
