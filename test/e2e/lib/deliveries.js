'use strict';
// Signed Cloud Elements deliveries made by the test itself, for sending one delivery to a chosen
// webhook processor (the sandbox always sends to the registered callback).

const crypto = require('node:crypto');

const { DEFAULT_ORGANIZATION_SECRET, DEFAULT_USER_SECRET } = require('./sandbox');

/**
 * The key deliveries to one registration are signed with (the trigger's "Generate One"):
 * HMAC-SHA256 of "cloud-elements-sharefile-trigger:<nonce>" keyed with "<user secret>\n<organization
 * secret>", base64, the nonce being the n8n_sig parameter of the registered callback URL.
 */
function keyForCallback(url) {
	const nonce = new URL(url).searchParams.get('n8n_sig');
	return crypto
		.createHmac('sha256', Buffer.from(`${DEFAULT_USER_SECRET}\n${DEFAULT_ORGANIZATION_SECRET}`, 'utf8'))
		.update(`cloud-elements-sharefile-trigger:${nonce}`)
		.digest('base64');
}

const sign = (key, body) => `sha256=${crypto.createHmac('sha256', Buffer.from(key, 'utf8')).update(body).digest('base64')}`;

/** One delivery of `events` for an instance: { id, body (text), headers (signed) }. */
function signedDelivery(instance, callbackUrl, id, events) {
	const body = JSON.stringify({
		severity: 'medium',
		createdDate: new Date().toUTCString().replace('GMT', 'UTC'),
		topic: `instance-${instance.id}-sharefile-events`,
		action: 'create',
		id,
		user: 'notifications@cloud-elements.com',
		message: {
			elementKey: 'sharefile',
			eventId: `queue-event-${id}`,
			instanceId: instance.id,
			instance_id: instance.id,
			instanceName: instance.name,
			instanceTags: [],
			raw: {},
			events: events.map((event) => ({ elementKey: 'sharefile', hubKey: 'documents', objectType: 'files', date: new Date().toISOString(), ...event })),
		},
	});
	const headers = { 'Content-Type': 'application/json', 'Elements-Webhook-Id': id, 'Elements-Webhook-Signature': sign(keyForCallback(callbackUrl), body) };
	return { id, body, headers };
}

/** POSTs a delivery to the callback's path and query on another origin (another processor). */
async function deliverTo(origin, callbackUrl, delivery) {
	const url = new URL(callbackUrl);
	const response = await fetch(`${origin}${url.pathname}${url.search}`, { method: 'POST', headers: delivery.headers, body: delivery.body });
	return { status: response.status, text: await response.text() };
}

module.exports = { deliverTo, keyForCallback, sign, signedDelivery };
