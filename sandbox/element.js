// @ts-check
'use strict';

/**
 * The one element this sandbox knows: Citrix ShareFile. The numeric id is the sandbox's own; real
 * accounts have a different one, and clients should key on `key`, not `id`.
 */
const SHAREFILE = Object.freeze({
	id: 119,
	key: 'sharefile',
	name: 'Citrix ShareFile',
	hub: 'documents',
});

/**
 * The element's configuration keys as the metadata lists them. `required` is what instance creation
 * enforces; the event keys are only required when events are on (see configuration.js).
 * @type {ReadonlyArray<{ key: string, name: string, type: string, required: boolean, hidden: boolean, defaultValue?: string }>}
 */
const CONFIGURATION_KEYS = Object.freeze([
	{ key: 'oauth.api.key', name: 'API Key', type: 'TEXTFIELD_32', required: true, hidden: false },
	{ key: 'oauth.api.secret', name: 'API Secret', type: 'PASSWORD', required: true, hidden: false },
	{ key: 'oauth.callback.url', name: 'Callback URL', type: 'TEXTFIELD_1000', required: true, hidden: false },
	{ key: 'sharefile.subdomain', name: 'Subdomain', type: 'TEXTFIELD_128', required: true, hidden: false },
	{ key: 'document.root.folder.name', name: 'Sharefile Root Folder', type: 'TEXTFIELD_128', required: false, hidden: false, defaultValue: '/top' },
	{ key: 'event.notification.enabled', name: 'Events Enabled', type: 'BOOLEAN', required: false, hidden: false, defaultValue: 'false' },
	{ key: 'event.vendor.type', name: 'Event Type', type: 'PICKLIST', required: false, hidden: false },
	{ key: 'event.notification.callback.url', name: 'Event Notification Callback URL', type: 'TEXTFIELD_1000', required: false, hidden: false },
	{ key: 'event.notification.signature.key', name: 'Callback Notification Signature Key', type: 'PASSWORD', required: false, hidden: false },
	{ key: 'event.poller.refresh_interval', name: 'Event poller refresh interval (mins)', type: 'TEXTFIELD_32', required: false, hidden: false, defaultValue: '15' },
	{ key: 'event.poller.configuration', name: 'Configure Polling', type: 'TEXTAREA', required: false, hidden: true },
	{ key: 'event.poller.urls', name: 'Event poller URLs', type: 'TEXTAREA', required: false, hidden: true },
	{ key: 'event.notification.basic.username', name: 'Event Notification Basic Auth Username', type: 'TEXTFIELD_128', required: false, hidden: true },
	{ key: 'event.notification.basic.password', name: 'Event Notification Basic Auth Password', type: 'PASSWORD', required: false, hidden: true },
	{ key: 'event.notification.callback.headers', name: 'Event Notification Callback Headers', type: 'TEXTAREA', required: false, hidden: true },
]);

/** The summary every instance carries under `element`. */
function elementSummary() {
	return { ...SHAREFILE, active: true, authentication: { type: 'oauth2' } };
}

/**
 * `GET /elements/{key or id}/metadata`: the per-element fields Cloud Elements' own metadata table
 * reads (CODE C5: id, hub, name, key, authenticationTypes, api.type, beta, displayOrder, events,
 * bulk, notes). `events` is confirmed by the contract; the rest of the shape is INFERRED.
 */
function elementMetadata() {
	return {
		...SHAREFILE,
		description: 'Add a Citrix ShareFile instance to connect your ShareFile account to the Documents Hub.',
		active: true,
		beta: false,
		displayOrder: 1,
		authentication: { type: 'oauth2' },
		authenticationTypes: ['oauth2'],
		api: { type: 'REST', contentType: 'application/json' },
		bulk: { upload: false, download: false },
		notes: 'Sandbox element: an emulated ShareFile account per instance.',
		events: { supported: true, methods: ['polling', 'webhook'] },
		configuration: CONFIGURATION_KEYS.map((entry) => ({ ...entry })),
	};
}

/** The element's key, or its numeric id as text: Cloud Elements takes either in `/elements/{keyOrId}`. @param {string} keyOrId */
const isShareFile = (keyOrId) => keyOrId === SHAREFILE.key || keyOrId === String(SHAREFILE.id);

module.exports = { SHAREFILE, CONFIGURATION_KEYS, elementSummary, elementMetadata, isShareFile };
