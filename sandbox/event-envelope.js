// @ts-check
'use strict';

const { formatJavaDate } = require('./java-date');
const { SHAREFILE } = require('./element');
const { SANDBOX_USER } = require('./instances');

/**
 * @typedef {{ eventType: string, objectType: string, objectId: string | null, elementKey: string, hubKey: string,
 *   date: string, pollDate?: string }} NormalizedEvent
 */

/** The sandbox's account, in the numbers a real delivery carries (INFERRED values; the fields are confirmed). */
const ACCOUNT = Object.freeze({ accountId: 874, companyId: 291 });
const NOTIFICATIONS_USER = 'notifications@cloud-elements.com';

/** `events[].date` and `pollDate`: ISO in UTC without milliseconds, e.g. `2024-03-05T14:00:58Z`. @param {number} ms */
const isoSeconds = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Java's `Date.toString()` on a server running in UTC: `Tue Mar 05 14:02:11 UTC 2024`. @param {number} ms */
const javaDateText = (ms) => formatJavaDate(ms, 'EEE MMM dd HH:mm:ss zzz yyyy', 'UTC');

/** INFERRED: the envelope's `action` follows its first event (the sample shows CREATED → create). */
const ACTIONS = /** @type {Record<string, string>} */ ({
	CREATED: 'create',
	UPDATED: 'update',
	DELETED: 'delete',
	MOVED: 'move',
	RETRIEVED: 'retrieve',
});

/**
 * The topic an instance's events are published on (N1): `instance-<id>-<elementKey>-events`.
 * @param {{ id: number }} instance
 */
const instanceTopic = (instance) => `instance-${instance.id}-${SHAREFILE.key}-events`;

/**
 * The body Cloud Elements POSTs to the callback URL (contract section 5).
 * @param {{ instance: import('./store').InstanceRecord, envelopeId: string, eventId: string, createdMs: number,
 *   raw: unknown, events: NormalizedEvent[] }} parts
 */
function envelope({ instance, envelopeId, eventId, createdMs, raw, events }) {
	return {
		severity: 'medium',
		createdDate: javaDateText(createdMs),
		topic: instanceTopic(instance),
		action: ACTIONS[events[0]?.eventType] || 'unknown',
		id: envelopeId,
		user: NOTIFICATIONS_USER,
		message: {
			elementKey: SHAREFILE.key,
			accountId: ACCOUNT.accountId,
			companyId: ACCOUNT.companyId,
			userId: SANDBOX_USER.id,
			eventId,
			instanceId: instance.id,
			instance_id: instance.id,
			instanceName: instance.name,
			instanceTags: [...instance.tags],
			raw,
			events,
		},
	};
}

/**
 * INFERRED: a notification posted with `POST /notifications` goes out in the envelope an instance's
 * events use (that envelope is a notification: severity, topic, id, message), its `from` as `user`.
 * No source shows an ad-hoc notification's webhook body.
 * @param {import('./notifications').PostedNotification} notification
 */
function notificationEnvelope(notification) {
	return {
		severity: notification.severity,
		createdDate: javaDateText(Date.parse(notification.createdDate)),
		topic: notification.topic,
		id: String(notification.id),
		user: notification.from,
		message: notification.message,
	};
}

module.exports = { envelope, notificationEnvelope, instanceTopic, isoSeconds, javaDateText, ACCOUNT, NOTIFICATIONS_USER };
