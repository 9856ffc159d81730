// @ts-check
'use strict';

const { badRequest, notFound } = require('./errors');
const { SHAREFILE, elementSummary } = require('./element');
const { newInstanceToken } = require('./random');
const { completeInstance } = require('./store');
const configuration = require('./configuration');

/** @typedef {import('./store').InstanceRecord} InstanceRecord */

/** The account every sandbox instance belongs to: one user, one organization, like the secrets. */
const SANDBOX_USER = Object.freeze({ id: 2749, emailAddress: 'sandbox.user@sandbox.cloud-elements.invalid' });

/** @param {unknown} body @returns {Record<string, unknown>} */
function requireObject(body) {
	if (body === undefined) throw badRequest('The request body is missing: a JSON object is expected.');
	if (body === null || typeof body !== 'object' || Array.isArray(body)) throw badRequest('The request body must be a JSON object.');
	return /** @type {Record<string, unknown>} */ (body);
}

/** @param {unknown} element @param {boolean} required */
function checkElement(element, required) {
	if (element === undefined && !required) return;
	const key = element && typeof element === 'object' ? /** @type {{ key?: unknown }} */ (element).key : undefined;
	if (typeof key !== 'string' || key === '') throw badRequest("'element.key' is required, e.g. { \"element\": { \"key\": \"sharefile\" } }.");
	if (key !== SHAREFILE.key) throw notFound(`No element found with key '${key}'.`);
}

/** @param {unknown} name */
function readName(name) {
	if (typeof name !== 'string' || name.trim() === '') throw badRequest("'name' is required: every instance needs a name.");
	return name;
}

/** @param {unknown} tags @returns {string[]} */
function readTags(tags) {
	if (tags === undefined || tags === null) return [];
	if (!Array.isArray(tags) || tags.some((tag) => typeof tag !== 'string')) throw badRequest("'tags' must be an array of strings.");
	return [...new Set(/** @type {string[]} */ (tags))];
}

/**
 * Element instances: the authenticated connections to a ShareFile account, with their configuration,
 * token, tags and enabled flag.
 * `onChange` hears of every change after it is saved (the event engine follows events on and off).
 * @param {{ store: import('./store').Store, oauth: ReturnType<typeof import('./oauth').createOAuth>, now: () => number,
 *   onChange?: (instance: InstanceRecord, kind: 'created' | 'changed' | 'deleted') => void }} deps
 */
function createInstances({ store, oauth, now, onChange = () => {} }) {
	const nextConfigurationId = () => store.nextId('configuration');
	const timestamp = () => new Date(now()).toISOString();

	/** @param {string} idText */
	function find(idText) {
		const instance = /^\d+$/.test(idText) ? store.state.instances.find((candidate) => candidate.id === Number(idText)) : undefined;
		if (!instance) throw notFound(`No element instance found with id ${idText}.`);
		return instance;
	}

	/** @param {string} token */
	function byToken(token) {
		return store.state.instances.find((instance) => instance.token === token);
	}

	/** @param {string[]} tags an instance must carry all of them */
	function list(tags) {
		return store.state.instances.filter((instance) => tags.every((tag) => instance.tags.includes(tag)));
	}

	/**
	 * Redeems the grant code against the configuration it arrived with, as Cloud Elements does.
	 * @param {unknown} providerData
	 * @param {import('./store').ConfigurationRecord[]} records
	 */
	function redeemCode(providerData, records) {
		const code = providerData && typeof providerData === 'object' ? /** @type {{ code?: unknown }} */ (providerData).code : undefined;
		oauth.redeem(code, {
			clientId: configuration.configurationValue(records, 'oauth.api.key') || '',
			redirectUri: configuration.configurationValue(records, 'oauth.callback.url') || '',
		});
	}

	/** @param {unknown} body */
	function create(body) {
		const input = requireObject(body);
		checkElement(input.element, true);
		const name = readName(input.name);
		const tags = readTags(input.tags);
		const records = configuration.changeConfiguration([], configuration.readConfigurationInput(input.configuration), {
			replace: true,
			nextId: nextConfigurationId,
		});
		configuration.validateConfiguration(records);
		redeemCode(input.providerData, records);
		const created = timestamp();
		const instance = completeInstance({
			id: store.nextId('instance'),
			name,
			token: newInstanceToken(),
			tags,
			disabled: false,
			createdDate: created,
			updatedDate: created,
			configuration: records,
		});
		store.state.instances.push(instance);
		store.commit();
		onChange(instance, 'created');
		return instance;
	}

	/** `PUT`: name, tags and configuration are replaced whole; id and token stay. @param {string} idText @param {unknown} body */
	function replace(idText, body) {
		const instance = find(idText);
		const input = requireObject(body);
		checkElement(input.element, false);
		const name = readName(input.name);
		const tags = readTags(input.tags);
		const records = configuration.changeConfiguration(instance.configuration, configuration.readConfigurationInput(input.configuration), {
			replace: true,
			nextId: nextConfigurationId,
		});
		configuration.validateConfiguration(records);
		// A PUT may re-authenticate; without a new code the existing grant stays.
		if (input.providerData !== undefined) redeemCode(input.providerData, records);
		Object.assign(instance, { name, tags, configuration: records, updatedDate: timestamp() });
		store.commit();
		onChange(instance, 'changed');
		return instance;
	}

	/** `PATCH`: only what the body names changes; configuration keys merge one by one. @param {string} idText @param {unknown} body */
	function patch(idText, body) {
		const instance = find(idText);
		const input = requireObject(body);
		checkElement(input.element, false);
		const name = input.name === undefined ? instance.name : readName(input.name);
		const tags = input.tags === undefined ? instance.tags : readTags(input.tags);
		const records = configuration.changeConfiguration(instance.configuration, configuration.readConfigurationInput(input.configuration), {
			replace: false,
			nextId: nextConfigurationId,
		});
		configuration.validateConfiguration(records);
		Object.assign(instance, { name, tags, configuration: records, updatedDate: timestamp() });
		store.commit();
		onChange(instance, 'changed');
		return instance;
	}

	/** Removing the record is what makes its token answer 401 from now on. @param {string} idText */
	function remove(idText) {
		const instance = find(idText);
		store.state.instances = store.state.instances.filter((candidate) => candidate !== instance);
		store.commit();
		onChange(instance, 'deleted');
	}

	/** @param {string} idText @param {boolean} disabled */
	function setDisabled(idText, disabled) {
		const instance = find(idText);
		instance.disabled = disabled;
		instance.updatedDate = timestamp();
		store.commit();
		onChange(instance, 'changed');
		return instance;
	}

	/** @param {string} idText */
	function configurationList(idText) {
		return find(idText).configuration.map(configuration.maskedRecord);
	}

	/** `PATCH /instances/{id}/configuration/{configId}` `{ propertyValue }`. @param {string} idText @param {string} configIdText @param {unknown} body */
	function patchConfigurationRecord(idText, configIdText, body) {
		const instance = find(idText);
		const record = instance.configuration.find((candidate) => String(candidate.id) === configIdText);
		if (!record) throw notFound(`No configuration found with id ${configIdText} for element instance ${instance.id}.`);
		const input = requireObject(body);
		if (!('propertyValue' in input)) throw badRequest("'propertyValue' is required.");
		if (input.key !== undefined && input.key !== record.key) {
			throw badRequest(`Configuration ${record.id} is '${record.key}'; it cannot be renamed to '${String(input.key)}'.`);
		}
		const records = configuration.changeConfiguration(instance.configuration, [[record.key, configuration.toWireValue(input.propertyValue)]], {
			replace: false,
			nextId: nextConfigurationId,
		});
		configuration.validateConfiguration(records);
		instance.configuration = records;
		instance.updatedDate = timestamp();
		store.commit();
		onChange(instance, 'changed');
		const changed = records.find((candidate) => candidate.key === record.key);
		return configuration.maskedRecord(changed || { ...record, propertyValue: null });
	}

	return { find, byToken, list, create, replace, patch, remove, setDisabled, configurationList, patchConfigurationRecord };
}

/**
 * An instance as the API shows it. The token is included on every read: Cloud Elements does so, and
 * clients that lost the creation response fetch it this way.
 * @param {InstanceRecord} instance
 */
function instanceView(instance) {
	return {
		id: instance.id,
		name: instance.name,
		token: instance.token,
		element: elementSummary(),
		configuration: configuration.maskedConfiguration(instance.configuration),
		eventsEnabled: configuration.eventsEnabled(instance.configuration),
		valid: true,
		disabled: instance.disabled,
		tags: [...instance.tags],
		user: { ...SANDBOX_USER },
		createdDate: instance.createdDate,
		updatedDate: instance.updatedDate,
	};
}

module.exports = { createInstances, instanceView, SANDBOX_USER };
