// @ts-check
'use strict';

const { configurationValue } = require('./configuration');
const { maskedUrl } = require('./masking');

/**
 * An instance as the sandbox page shows it: what a user needs to pick one and see where its events
 * go. Deliberately no token, no configuration records and no secret of any kind: the page and its
 * controls need no authentication, so nothing they show may be usable to authenticate.
 * @param {import('./store').InstanceRecord} instance
 * @param {import('./subscriptions').Subscription | undefined} own the instance's own subscription (its callback URL's)
 */
function instanceSummary(instance, own) {
	const callbackUrl = configurationValue(instance.configuration, 'event.notification.callback.url');
	const notifications = instance.notifications;
	return {
		id: instance.id,
		name: instance.name,
		tags: [...instance.tags],
		disabled: instance.disabled,
		// Events are on exactly when the engine keeps a state for them; its vendor is the mode.
		eventMode: notifications ? notifications.vendor : 'off',
		callbackUrl: callbackUrl ? maskedUrl(callbackUrl) : null,
		subscriptionActive: notifications && own ? own.active : null,
		createdDate: instance.createdDate,
	};
}

module.exports = { instanceSummary };
