// @ts-check
'use strict';

const { maskedParameter } = require('./masking');

/**
 * @typedef {{ seq: number, time: string, method: string, path: string,
 *   query: Record<string, string | string[]>, status: number, element: boolean, fault?: string, durationMs: number }} LoggedRequest
 */

const MAX_ENTRIES = 10000;

/** @param {URLSearchParams} params */
function queryObject(params) {
	/** @type {Record<string, string | string[]>} */
	const query = {};
	for (const name of new Set(params.keys())) {
		// The log is for counting and inspecting requests, never for reading secrets back.
		const values = params.getAll(name).map((value) => maskedParameter(name, value));
		query[name] = values.length === 1 ? values[0] : values;
	}
	return query;
}

/** The platform and hub requests the sandbox received, for tests to count retries and pages. */
function createRequestLog() {
	/** @type {LoggedRequest[]} */
	let entries = [];
	let seq = 0;

	/** @param {Omit<LoggedRequest, 'seq' | 'query'> & { query: URLSearchParams }} entry */
	function record(entry) {
		seq += 1;
		entries.push({ seq, ...entry, query: queryObject(entry.query) });
		if (entries.length > MAX_ENTRIES) entries = entries.slice(-MAX_ENTRIES);
	}

	return {
		record,
		list: () => entries.map((entry) => ({ ...entry })),
		clear: () => {
			entries = [];
		},
	};
}

module.exports = { createRequestLog };
