// @ts-check
'use strict';

const { badRequest } = require('./errors');
const { CONFIGURATION_KEYS } = require('./element');
const { MASK } = require('./masking');

/** @typedef {import('./store').ConfigurationRecord} ConfigurationRecord */

/** Values that leave the sandbox only as `********`; the raw value stays inside for later features. */
const SECRET_KEYS = new Set(['oauth.api.secret', 'event.notification.signature.key', 'event.notification.basic.password']);

const REQUIRED_KEYS = CONFIGURATION_KEYS.filter((entry) => entry.required).map((entry) => entry.key);
// These two always show in an instance's configuration. The poller's interval default (15) is not
// filled in: the poller applies it, and only polling instances have one.
const FILLED_DEFAULTS = CONFIGURATION_KEYS.filter(
	(entry) => entry.key === 'document.root.folder.name' || entry.key === 'event.notification.enabled',
);

const VENDOR_TYPES = ['polling', 'webhook', 'webhooks'];

/**
 * Cloud Elements keeps every configuration value as a string; booleans and numbers are accepted and
 * turned into their text, objects (the poller configuration) into JSON text. null means "remove the key".
 * @param {unknown} value
 * @returns {string | null}
 */
function toWireValue(value) {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
	return JSON.stringify(value);
}

/**
 * @param {unknown} input the `configuration` member of a request body
 * @returns {Array<[string, string | null]>}
 */
function readConfigurationInput(input) {
	if (input === undefined) return [];
	if (input === null || typeof input !== 'object' || Array.isArray(input)) {
		throw badRequest("'configuration' must be a JSON object of configuration keys to values.");
	}
	return Object.entries(input).map(([key, value]) => [key, toWireValue(value)]);
}

/**
 * Applies changes to an instance's configuration records. Record ids stay with their key, so a client
 * holding a configuration id can still use it after a PUT or PATCH.
 * @param {ConfigurationRecord[]} current
 * @param {Array<[string, string | null]>} changes
 * @param {{ replace: boolean, nextId: () => number }} how replace: keys absent from `changes` are dropped
 * @returns {ConfigurationRecord[]}
 */
function changeConfiguration(current, changes, how) {
	const byKey = new Map(current.map((record) => [record.key, record]));
	/** @type {Map<string, ConfigurationRecord>} */
	const next = how.replace ? new Map() : new Map(byKey);
	for (const [key, value] of changes) {
		const previous = byKey.get(key);
		// A client that read a masked secret and sends it back means "keep it", not "set it to ********".
		if (value === MASK && SECRET_KEYS.has(key) && previous) {
			next.set(key, { ...previous });
			continue;
		}
		if (value === null) {
			next.delete(key);
			continue;
		}
		next.set(key, { id: previous ? previous.id : how.nextId(), key, propertyValue: value });
	}
	for (const entry of FILLED_DEFAULTS) {
		const chosen = next.get(entry.key);
		if (!chosen || chosen.propertyValue === null || chosen.propertyValue.trim() === '') {
			const previous = chosen || byKey.get(entry.key);
			next.set(entry.key, { id: previous ? previous.id : how.nextId(), key: entry.key, propertyValue: entry.defaultValue ?? null });
		}
	}
	return [...next.values()];
}

/** @param {ConfigurationRecord[]} records */
function valuesOf(records) {
	/** @type {Map<string, string>} */
	const values = new Map();
	for (const record of records) if (record.propertyValue !== null) values.set(record.key, record.propertyValue);
	return values;
}

/** @param {Map<string, string>} values @param {string} key */
function present(values, key) {
	const value = values.get(key);
	return value !== undefined && value.trim() !== '';
}

/** @param {ConfigurationRecord[]} records */
function eventsEnabled(records) {
	return (valuesOf(records).get('event.notification.enabled') || '').trim().toLowerCase() === 'true';
}

/**
 * Everything Cloud Elements would refuse at instance creation, named by key so a client can point
 * the user at the field.
 * @param {ConfigurationRecord[]} records
 */
function validateConfiguration(records) {
	const values = valuesOf(records);
	for (const key of REQUIRED_KEYS) {
		if (!present(values, key)) throw badRequest(`Missing required configuration value for '${key}'.`);
	}

	const enabledText = (values.get('event.notification.enabled') || 'false').trim().toLowerCase();
	if (enabledText !== 'true' && enabledText !== 'false') {
		throw badRequest(`'event.notification.enabled' must be true or false, not '${values.get('event.notification.enabled')}'.`);
	}

	if (present(values, 'event.poller.refresh_interval')) {
		const text = /** @type {string} */ (values.get('event.poller.refresh_interval')).trim();
		if (!/^-?\d+$/.test(text) || Number(text) < 1) {
			throw badRequest(`'event.poller.refresh_interval' must be a whole number of minutes, at least 1; got '${text}'.`);
		}
	}

	if (present(values, 'event.poller.configuration')) {
		validatePollerConfiguration(/** @type {string} */ (values.get('event.poller.configuration')));
	}

	if (enabledText !== 'true') return;

	if (!present(values, 'event.notification.callback.url')) {
		throw badRequest("Events are enabled but 'event.notification.callback.url' is missing.");
	}
	const callbackUrl = /** @type {string} */ (values.get('event.notification.callback.url')).trim();
	if (!isHttpUrl(callbackUrl)) {
		throw badRequest(`'event.notification.callback.url' must be an absolute http or https URL; got '${callbackUrl}'.`);
	}

	const vendorType = (values.get('event.vendor.type') || '').trim();
	if (!VENDOR_TYPES.includes(vendorType)) {
		throw badRequest(
			`Events are enabled but 'event.vendor.type' is ${vendorType ? `'${vendorType}'` : 'missing'}; use 'polling' or 'webhook'.`,
		);
	}
	if (vendorType === 'polling' && !present(values, 'event.poller.configuration') && !present(values, 'event.poller.urls')) {
		throw badRequest("Polling events need 'event.poller.configuration' (or the legacy 'event.poller.urls').");
	}
}

/** @param {string} text */
function validatePollerConfiguration(text) {
	/** @type {unknown} */
	let parsed;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw badRequest("'event.poller.configuration' must be a JSON object (or its JSON text).");
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw badRequest("'event.poller.configuration' must be a JSON object keyed by resource name.");
	}
	const resources = Object.entries(parsed);
	if (resources.length === 0) throw badRequest("'event.poller.configuration' names no resource to poll.");
	for (const [resource, settings] of resources) {
		if (!settings || typeof settings !== 'object' || typeof /** @type {{ url?: unknown }} */ (settings).url !== 'string') {
			throw badRequest(`'event.poller.configuration' resource '${resource}' needs a 'url' string.`);
		}
	}
}

/** @param {string} text */
function isHttpUrl(text) {
	try {
		const url = new URL(text);
		return url.protocol === 'http:' || url.protocol === 'https:';
	} catch {
		return false;
	}
}

/** @param {ConfigurationRecord} record */
function maskedRecord(record) {
	const hide = SECRET_KEYS.has(record.key) && record.propertyValue !== null && record.propertyValue !== '';
	return { id: record.id, key: record.key, propertyValue: hide ? MASK : record.propertyValue };
}

/** The `configuration` object of an instance as the API shows it. @param {ConfigurationRecord[]} records */
function maskedConfiguration(records) {
	/** @type {Record<string, string | null>} */
	const shown = {};
	for (const record of records) shown[record.key] = maskedRecord(record).propertyValue;
	return shown;
}

/** @param {ConfigurationRecord[]} records @param {string} key */
function configurationValue(records, key) {
	return valuesOf(records).get(key);
}

module.exports = {
	MASK,
	SECRET_KEYS,
	toWireValue,
	readConfigurationInput,
	changeConfiguration,
	validateConfiguration,
	eventsEnabled,
	maskedRecord,
	maskedConfiguration,
	configurationValue,
	isHttpUrl,
};
