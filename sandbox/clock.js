// @ts-check
'use strict';

const { badRequest } = require('./errors');

/** The range JavaScript dates and ISO text share without sign or six-digit years. */
const LATEST_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * Reads an instant given as ISO text or epoch milliseconds (number or digits).
 * @param {unknown} value
 * @param {string} name how the error names the value
 * @returns {number} epoch ms
 */
function readInstant(value, name) {
	let ms = NaN;
	if (typeof value === 'number') ms = value;
	else if (typeof value === 'string' && /^\d+$/.test(value.trim())) ms = Number(value.trim());
	else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value.trim())) ms = Date.parse(value.trim());
	if (!Number.isInteger(ms) || ms < 0 || ms > LATEST_MS) {
		throw badRequest(`'${name}' must be an ISO date-time (e.g. 2024-03-05T14:00:58.123Z) or epoch milliseconds between 1970 and 9999.`);
	}
	return ms;
}

/**
 * The sandbox's clock: the wall clock plus an offset tests can set, so the sandbox can run minutes
 * ahead of or behind its clients. Every date the sandbox writes comes from `now()`. Timers (poll
 * intervals, retry delays) still run on real time, scaled by `timeScale`: the offset moves dates,
 * not the pace.
 */
function createClock() {
	let offsetMs = 0;

	const now = () => Date.now() + offsetMs;

	function view() {
		return { now: new Date(now()).toISOString(), offsetMs };
	}

	/** `PUT /_sandbox/clock` with `{ offsetMs }` or `{ now }`. @param {unknown} body */
	function set(body) {
		const input = /** @type {Record<string, unknown>} */ (body && typeof body === 'object' && !Array.isArray(body) ? body : {});
		if (input.offsetMs !== undefined && input.now !== undefined) throw badRequest("Give either 'offsetMs' or 'now', not both.");
		if (input.offsetMs !== undefined) {
			if (typeof input.offsetMs !== 'number' || !Number.isInteger(input.offsetMs)) throw badRequest("'offsetMs' must be a whole number of milliseconds.");
			offsetMs = input.offsetMs;
		} else if (input.now !== undefined) {
			offsetMs = readInstant(input.now, 'now') - Date.now();
		} else {
			throw badRequest("Give 'offsetMs' (milliseconds added to the wall clock) or 'now' (the instant the clock should read).");
		}
		return view();
	}

	function reset() {
		offsetMs = 0;
	}

	return { now, view, set, reset };
}

/** @typedef {ReturnType<typeof createClock>} Clock */

module.exports = { createClock, readInstant, LATEST_MS };
