// @ts-check
'use strict';

const { SHAREFILE } = require('./element');
const { isoSeconds } = require('./event-envelope');
const { configurationValue } = require('./configuration');
const { isFolder } = require('./sharefile-items');

/**
 * @typedef {import('./documents').DocumentChange} DocumentChange
 * @typedef {import('./event-envelope').NormalizedEvent} NormalizedEvent
 */

/** Events per webhook delivery (contract section 5). */
const WEBHOOK_BATCH = 20;

/**
 * What ShareFile's webhooks say about a change (INFERRED where marked). ShareFile sends nothing
 * for creating, renaming or moving a folder: only file events, and deletes of either.
 * @param {DocumentChange} change
 * @returns {string | undefined} the OperationName, or undefined when ShareFile would stay silent
 */
function operationName(change) {
	const folder = isFolder(change.item);
	switch (change.operation) {
		case 'Upload':
			return 'Upload';
		case 'Update':
			return 'Update';
		case 'Rename':
			return folder ? undefined : 'Update'; // INFERRED: a renamed file is an Update
		case 'Metadata':
			return folder ? undefined : 'Update'; // INFERRED: a file's tags changed is an Update
		case 'Move':
			return folder ? undefined : 'Move'; // INFERRED: the operation name Move
		case 'Delete':
			return 'Delete';
		case 'Download':
			return 'Download';
		default:
			return undefined; // CreateFolder
	}
}

/** Cloud Elements' event type for a ShareFile operation (INFERRED mapping, contract section 5). */
const EVENT_TYPES = /** @type {Record<string, string>} */ ({ Upload: 'CREATED', Update: 'UPDATED', Delete: 'DELETED', Download: 'RETRIEVED', Move: 'MOVED' });

/**
 * ShareFile's webhook body (SHAREFILE_API.md §3.2) for a change: the same shape whether it goes to
 * Cloud Elements (below) or to a subscriber of ShareFile's own WebhookSubscriptions
 * (sharefile-api/webhooks.js).
 * @param {DocumentChange} change
 * @param {{ webhookSubscriptionId: string, accountId: string, operationName: string }} about
 */
function webhookBody(change, { webhookSubscriptionId, accountId, operationName: name }) {
	return {
		WebhookSubscriptionId: webhookSubscriptionId,
		AccountInfo: {
			AccountId: accountId,
			Subdomain: configurationValue(change.instance.configuration, 'sharefile.subdomain') || 'sandbox',
			AppControlPlane: 'sharefile.com',
			ApiControlPlane: 'sf-api.com',
		},
		Event: {
			Timestamp: change.at,
			OperationName: name,
			ResourceType: isFolder(change.item) ? 'Folder' : 'File',
			Resource: { Id: change.item.Id, Parent: { Id: change.item.Parent ? change.item.Parent.Id : null } },
		},
	};
}

/**
 * ShareFile's webhook body for a change, as it would POST it to Cloud Elements.
 * @param {DocumentChange} change
 * @param {import('./event-engine').NotificationState} state
 */
function providerWebhook(change, state) {
	const name = operationName(change);
	if (!name) return undefined;
	return webhookBody(change, { webhookSubscriptionId: state.webhookSubscriptionId, accountId: state.accountId, operationName: name });
}

/**
 * Cloud Elements' normalization of a provider webhook body: one event per ShareFile `Event` (an
 * object, or, in bodies injected through the sandbox control, an array). INFERRED: objectType
 * `files` or `folders` (the documents hub's resources); no pollDate (nothing was polled).
 * @param {unknown} body
 * @param {number} nowMs the date of an event without a readable Timestamp
 * @returns {NormalizedEvent[]}
 */
function eventsOfWebhook(body, nowMs) {
	const input = /** @type {{ Event?: unknown }} */ (body && typeof body === 'object' ? body : {});
	const list = Array.isArray(input.Event) ? input.Event : input.Event ? [input.Event] : [];
	return list.map((entry) => {
		const event = /** @type {{ Timestamp?: unknown, OperationName?: unknown, ResourceType?: unknown, Resource?: { Id?: unknown } }} */ (entry || {});
		const timestamp = typeof event.Timestamp === 'string' ? Date.parse(event.Timestamp) : NaN;
		return {
			eventType: EVENT_TYPES[String(event.OperationName)] || 'UNKNOWN',
			objectType: event.ResourceType === 'Folder' ? 'folders' : 'files',
			objectId: event.Resource && event.Resource.Id !== undefined && event.Resource.Id !== null ? String(event.Resource.Id) : null,
			elementKey: SHAREFILE.key,
			hubKey: SHAREFILE.hub,
			date: isoSeconds(Number.isNaN(timestamp) ? nowMs : timestamp),
		};
	});
}

module.exports = { providerWebhook, webhookBody, operationName, eventsOfWebhook, WEBHOOK_BATCH, EVENT_TYPES };
