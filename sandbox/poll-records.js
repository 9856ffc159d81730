// @ts-check
'use strict';

const { parseJavaDate } = require('./java-date');
const { SHAREFILE } = require('./element');
const { isoSeconds } = require('./event-envelope');

/**
 * @typedef {import('./poller-configuration').PollResource} PollResource
 * @typedef {import('./poller-configuration').DateSpec} DateSpec
 * @typedef {import('./event-envelope').NormalizedEvent} NormalizedEvent
 */

/**
 * A dot path into a record (`Id`, `Parent.Id`); numeric segments index arrays.
 * @param {unknown} value @param {string} path
 */
function atPath(value, path) {
	let current = value;
	for (const segment of path.split('.')) {
		if (current === null || current === undefined || typeof current !== 'object') return undefined;
		current = /** @type {Record<string, unknown>} */ (current)[segment];
	}
	return current;
}

/**
 * A record's date by its spec: text through the Java pattern in its zone (no pattern: ISO text),
 * numbers as epoch ms. Undefined when absent or unreadable.
 * @param {unknown} record @param {DateSpec | undefined} spec @param {number} nowMs
 */
function dateOf(record, spec, nowMs) {
	if (!spec) return undefined;
	const value = atPath(record, spec.field);
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value !== 'string' || value === '') return undefined;
	try {
		if (spec.format) return parseJavaDate(value, spec.format, spec.zone, nowMs);
		const parsed = Date.parse(value);
		return Number.isNaN(parsed) ? undefined : parsed;
	} catch {
		return undefined;
	}
}

/**
 * What Cloud Elements' poller makes of one polled record (contract section 4): dropped when its
 * updated time is not after the last poll (`filterByUpdatedDate`, default on) or after this poll's
 * start (`filterByCurrentDate`); otherwise CREATED when updated is within `createdCheckTolerance`
 * seconds of created (or earlier), else UPDATED. Without an updated field the created date plays
 * both roles. There is no per-record memory: the time window is all there is.
 * INFERRED: a record whose updated date cannot be read (absent, or not in the configured pattern)
 * is not filtered and is reported as UPDATED (polling yields only CREATED and UPDATED); the poll
 * summary warns about it.
 * @param {unknown} record
 * @param {PollResource} resource
 * @param {{ lastPollMs: number, pollMs: number }} window
 * @returns {{ event: NormalizedEvent, warning?: string } | { dropped: string }}
 */
function classify(record, resource, window) {
	const created = dateOf(record, resource.created, window.pollMs);
	const updated = resource.updated ? dateOf(record, resource.updated, window.pollMs) : created;
	if (updated !== undefined) {
		if (resource.filterByUpdatedDate && updated <= window.lastPollMs) return { dropped: 'not updated after the last poll' };
		if (resource.filterByCurrentDate && updated > window.pollMs) return { dropped: 'updated after this poll started' };
	}
	// Without a created date nothing proves a record new: UPDATED.
	const eventType =
		updated !== undefined && created !== undefined && updated - created <= resource.createdCheckToleranceSeconds * 1000 ? 'CREATED' : 'UPDATED';
	const id = atPath(record, resource.idField);
	const spec = resource.updated ?? resource.created;
	return {
		...(updated === undefined ? { warning: `a record's ${spec ? `'${spec.field}' did not read as ${spec.format ? `'${spec.format}'` : 'an ISO date'}` : 'dates are not configured'}` } : {}),
		event: {
			eventType,
			objectType: resource.name,
			objectId: id === undefined || id === null ? null : String(id),
			elementKey: SHAREFILE.key,
			hubKey: SHAREFILE.hub,
			date: isoSeconds(updated ?? created ?? window.pollMs),
			pollDate: isoSeconds(window.pollMs),
		},
	};
}

/**
 * The records of a poll answer: the array itself, or the array at `recordsPath`, or the one array
 * an object answer holds.
 * @param {unknown} body @param {string | undefined} recordsPath
 * @returns {unknown[]}
 */
function recordsOf(body, recordsPath) {
	const value = recordsPath ? atPath(body, recordsPath) : body;
	if (Array.isArray(value)) return value;
	if (value && typeof value === 'object') {
		const arrays = Object.values(value).filter(Array.isArray);
		if (arrays.length === 1) return arrays[0];
	}
	return [];
}

module.exports = { classify, recordsOf, atPath };
