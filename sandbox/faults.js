// @ts-check
'use strict';

const { badRequest, CeError } = require('./errors');

/**
 * @typedef {'429' | '500' | '502' | '503' | '504' | 'slow' | 'broken' | 'hang'} FaultKind
 * @typedef {{ id: number, kind: FaultKind, remaining: number, retryAfter?: number, delayMs?: number,
 *   pathPrefix?: string, method?: string }} Fault
 */

const KINDS = ['429', '500', '502', '503', '504', 'slow', 'broken', 'hang'];
const DEFAULT_SLOW_MS = 2000;
/** A hung request is let go after this long if its client never gives up (so the server can close). */
const DEFAULT_HANG_MS = 10 * 60_000;

/** Messages in the tone of Cloud Elements' own gateway errors. */
const MESSAGES = /** @type {Record<string, string>} */ ({
	429: 'Rate limit exceeded for this organization. Try again later.',
	500: 'An unexpected error occurred while processing the request.',
	502: 'Bad Gateway: the upstream service returned an invalid response.',
	503: 'The service is temporarily unavailable. Try again later.',
	504: 'Gateway Timeout: the upstream service did not answer in time.',
});

/** @param {unknown} value @param {string} name */
function optionalNonNegative(value, name) {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw badRequest(`'${name}' must be a number >= 0.`);
	return value;
}

/**
 * Faults armed through `/_sandbox/faults`: each answers the next N matching platform requests its way,
 * so clients' retry and timeout handling can be tested against a server that misbehaves on cue.
 */
function createFaults() {
	/** @type {Fault[]} */
	let armed = [];
	let nextId = 1;

	/** @param {unknown} body @returns {Fault} */
	function arm(body) {
		const input = /** @type {Record<string, unknown>} */ (body && typeof body === 'object' && !Array.isArray(body) ? body : {});
		const kind = String(input.kind ?? '');
		if (!KINDS.includes(kind)) throw badRequest(`'kind' must be one of ${KINDS.join(', ')}.`);
		const count = input.count === undefined ? 1 : input.count;
		if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) throw badRequest("'count' must be a whole number >= 1.");
		if (input.pathPrefix !== undefined && typeof input.pathPrefix !== 'string') throw badRequest("'pathPrefix' must be a string.");
		if (input.method !== undefined && typeof input.method !== 'string') throw badRequest("'method' must be a string.");
		/** @type {Fault} */
		const fault = { id: nextId++, kind: /** @type {FaultKind} */ (kind), remaining: count };
		const retryAfter = optionalNonNegative(input.retryAfter, 'retryAfter');
		if (retryAfter !== undefined) fault.retryAfter = retryAfter;
		if (kind === 'slow') fault.delayMs = optionalNonNegative(input.delayMs, 'delayMs') ?? DEFAULT_SLOW_MS;
		if (kind === 'hang') fault.delayMs = optionalNonNegative(input.delayMs, 'delayMs') ?? DEFAULT_HANG_MS;
		if (input.pathPrefix) fault.pathPrefix = input.pathPrefix;
		if (input.method) fault.method = input.method.toUpperCase();
		armed.push(fault);
		return { ...fault };
	}

	/**
	 * Uses up one shot of the first armed fault that matches, in the order they were armed.
	 * @param {string} method
	 * @param {string} apiPath the path after `/elements/api-v2`, or for ShareFile's own API its whole path
	 * @param {{ prefixedOnly?: boolean }} [options] `prefixedOnly`: only faults armed with a `pathPrefix`
	 *   (ShareFile's API takes only faults aimed at it, e.g. `/sharefile/`, so the Cloud Elements tests'
	 *   unaimed faults stay theirs)
	 * @returns {Fault | undefined}
	 */
	function take(method, apiPath, options = {}) {
		const fault = armed.find(
			(candidate) =>
				(candidate.pathPrefix ? apiPath.startsWith(candidate.pathPrefix) : !options.prefixedOnly) && (!candidate.method || candidate.method === method),
		);
		if (!fault) return undefined;
		fault.remaining -= 1;
		if (fault.remaining === 0) armed = armed.filter((candidate) => candidate !== fault);
		return { ...fault };
	}

	function list() {
		return armed.map((fault) => ({ ...fault }));
	}

	function clear() {
		armed = [];
	}

	return { arm, take, list, clear };
}

/** The error an HTTP-status fault answers with. @param {Fault} fault */
function faultError(fault) {
	/** @type {Record<string, string>} */
	const headers = {};
	if (fault.retryAfter !== undefined && (fault.kind === '429' || fault.kind === '503')) headers['retry-after'] = String(Math.ceil(fault.retryAfter));
	return new CeError(Number(fault.kind), MESSAGES[fault.kind], { headers });
}

module.exports = { createFaults, faultError, FAULT_KINDS: KINDS };
