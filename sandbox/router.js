// @ts-check
'use strict';

/**
 * @template Ctx
 * @typedef {{ method: string, pattern: string, handler: (ctx: Ctx) => unknown, public?: boolean }} Route
 *   `public`: answered without the platform's credentials (signed links, the login, its Bearer call).
 */

/**
 * @template Ctx
 * @typedef {{ kind: 'found', handler: (ctx: Ctx) => unknown, params: Record<string, string>, public: boolean }
 *   | { kind: 'wrong-method', allowed: string[] }
 *   | { kind: 'none' }} Match
 */

/** @param {string} path */
function segmentsOf(path) {
	return path.split('/').filter((segment) => segment !== '');
}

/**
 * A route table that tells "no such path" (404) from "path exists, not with this method" (405).
 * When several patterns fit a path, the one with more literal segments wins, so `/instances/events`
 * is never read as the instance with id `events`.
 * @template Ctx
 * @param {Array<Route<Ctx>>} routes
 */
function createRouter(routes) {
	/** @type {Map<string, { segments: string[], literals: number, methods: Map<string, Route<Ctx>> }>} */
	const patterns = new Map();
	for (const route of routes) {
		let entry = patterns.get(route.pattern);
		if (!entry) {
			const segments = segmentsOf(route.pattern);
			entry = { segments, literals: segments.filter((s) => !s.startsWith(':')).length, methods: new Map() };
			patterns.set(route.pattern, entry);
		}
		entry.methods.set(route.method, route);
	}

	/**
	 * @param {string} method
	 * @param {string} path
	 * @returns {Match<Ctx>}
	 */
	function match(method, path) {
		const parts = segmentsOf(path);
		let best = null;
		/** @type {Record<string, string>} */
		let bestParams = {};
		for (const entry of patterns.values()) {
			if (entry.segments.length !== parts.length) continue;
			/** @type {Record<string, string> | null} */
			let params = {};
			for (let i = 0; i < parts.length && params; i++) {
				const expected = entry.segments[i];
				if (expected.startsWith(':')) params[expected.slice(1)] = safeDecode(parts[i]);
				else if (expected !== parts[i]) params = null;
			}
			if (params && (!best || entry.literals > best.literals)) {
				best = entry;
				bestParams = params;
			}
		}
		if (!best) return { kind: 'none' };
		const route = best.methods.get(method);
		if (!route) return { kind: 'wrong-method', allowed: [...best.methods.keys()] };
		return { kind: 'found', handler: route.handler, params: bestParams, public: route.public === true };
	}

	return { match };
}

/** @param {string} segment */
function safeDecode(segment) {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

module.exports = { createRouter };
