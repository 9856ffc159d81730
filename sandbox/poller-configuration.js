// @ts-check
'use strict';

const { configurationValue } = require('./configuration');

/**
 * @typedef {{ field: string, format?: string, zone: string }} DateSpec
 * @typedef {{ name: string, url: string, idField: string, recordsPath?: string, pageSize?: number,
 *   pollDelaySeconds: number, filterByUpdatedDate: boolean, filterByCurrentDate: boolean,
 *   createdCheckToleranceSeconds: number, updated?: DateSpec, created?: DateSpec }} PollResource
 */

const DEFAULT_INTERVAL_MINUTES = 15;

/** Configuration values arrive as JSON values or as their text ("true", "15"). @param {unknown} value @param {boolean} fallback */
function flag(value, fallback) {
	if (value === undefined || value === null || value === '') return fallback;
	if (typeof value === 'boolean') return value;
	return String(value).trim().toLowerCase() === 'true';
}

/** @param {unknown} value @param {number} fallback */
function number(value, fallback) {
	if (value === undefined || value === null || value === '') return fallback;
	const parsed = Number(value);
	return Number.isFinite(parsed) ? parsed : fallback;
}

/** @param {unknown} value */
const text = (value) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/**
 * @param {string} name
 * @param {Record<string, any>} settings one resource of `event.poller.configuration`
 * @returns {PollResource}
 */
function resourceOf(name, settings) {
	const dates = settings.datesConfiguration && typeof settings.datesConfiguration === 'object' ? settings.datesConfiguration : {};
	/** @param {string} prefix @returns {DateSpec | undefined} */
	const spec = (prefix) => {
		const field = text(dates[`${prefix}DateField`]);
		return field ? { field, format: text(dates[`${prefix}DateFormat`]), zone: text(dates[`${prefix}DateTimezone`]) || 'GMT' } : undefined;
	};
	const pageSize = number(settings.pageSize, NaN);
	return {
		name,
		url: String(settings.url),
		idField: text(settings.idField) || 'id',
		recordsPath: text(settings.recordsPath),
		pageSize: Number.isInteger(pageSize) && pageSize > 0 ? pageSize : undefined,
		pollDelaySeconds: number(settings.pollDelay, 0),
		filterByUpdatedDate: flag(settings.filterByUpdatedDate, true),
		filterByCurrentDate: flag(settings.filterByCurrentDate, false),
		createdCheckToleranceSeconds: number(settings.createdCheckTolerance, 0),
		updated: spec('updated'),
		created: spec('created'),
	};
}

/**
 * The legacy one-line-per-resource form:
 * `resource|url|xpath|updatedField|updatedFormat|updatedZone|createdField|createdFormat|createdZone`.
 * `xpath` is read as the dot path to the records in the answer (empty or `$`: the answer itself).
 * @param {string} lines
 * @returns {PollResource[]}
 */
function legacyResources(lines) {
	return lines
		.split(/\r?\n|\\n/)
		.map((line) => line.trim())
		.filter((line) => line !== '')
		.map((line) => {
			const [name, url, xpath, updatedField, updatedFormat, updatedZone, createdField, createdFormat, createdZone] = line.split('|');
			const resource = resourceOf(name, {
				url: url || '',
				datesConfiguration: {
					updatedDateField: updatedField,
					updatedDateFormat: updatedFormat,
					updatedDateTimezone: updatedZone,
					createdDateField: createdField,
					createdDateFormat: createdFormat,
					createdDateTimezone: createdZone,
				},
			});
			const path = text(xpath);
			if (path && path !== '$' && path !== '*') resource.recordsPath = path.replace(/^\$\.?/, '');
			return resource;
		});
}

/**
 * What the poller does for an instance: its resources and interval, read from the configuration
 * records (the poller configuration is kept as JSON text; validation already checked its shape).
 * @param {import('./store').ConfigurationRecord[]} records
 */
function pollerSettings(records) {
	/** @type {string[]} */
	const warnings = [];
	/** @type {PollResource[]} */
	let resources = [];
	const json = configurationValue(records, 'event.poller.configuration');
	if (json && json.trim() !== '') {
		const parsed = JSON.parse(json);
		resources = Object.entries(parsed).map(([name, settings]) => resourceOf(name, /** @type {Record<string, any>} */ (settings)));
	} else {
		resources = legacyResources(configurationValue(records, 'event.poller.urls') || '');
	}
	for (const resource of resources) {
		if (resource.updated?.field === 'CreationDate' && resource.created?.field === 'ProgenyEditDate') {
			warnings.push(
				`'${resource.name}' maps updatedDateField to CreationDate and createdDateField to ProgenyEditDate (the seed page's swapped example): taken literally, as Cloud Elements does, edits of old files are never reported.`,
			);
		}
	}
	const interval = Number((configurationValue(records, 'event.poller.refresh_interval') || '').trim());
	return { resources, intervalMinutes: Number.isInteger(interval) && interval >= 1 ? interval : DEFAULT_INTERVAL_MINUTES, warnings };
}

module.exports = { pollerSettings, DEFAULT_INTERVAL_MINUTES };
