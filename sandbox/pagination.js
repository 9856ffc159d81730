// @ts-check
'use strict';

const { badRequest } = require('./errors');

const DEFAULT_PAGE_SIZE = 200;

/** @param {{ pageSize: number, page: number }} position */
function encodePageToken(position) {
	return Buffer.from(JSON.stringify(position), 'utf8').toString('base64');
}

/** @param {string} token */
function decodePageToken(token) {
	try {
		// A client that forgets to URL-encode the token turns its '+' into a space: read it back.
		const position = JSON.parse(Buffer.from(token.replace(/ /g, '+'), 'base64').toString('utf8'));
		if (Number.isInteger(position.page) && position.page >= 1 && Number.isInteger(position.pageSize) && position.pageSize >= 1) {
			return /** @type {{ pageSize: number, page: number }} */ ({ pageSize: position.pageSize, page: position.page });
		}
	} catch {
		// fall through to the 400 below
	}
	throw badRequest(`Invalid nextPage token '${token}'.`);
}

/** @param {string | null} text @param {string} name */
function positiveInteger(text, name) {
	if (text === null || text === '') return undefined;
	if (!/^\d+$/.test(text) || Number(text) < 1) throw badRequest(`'${name}' must be a positive whole number; got '${text}'.`);
	return Number(text);
}

/**
 * Cloud Elements' paging: `pageSize`, then either `page` or the opaque `nextPage` token from the
 * previous answer. The `elements-next-page-token` header is sent after every non-empty page, also the
 * last one, so clients must stop on a short or empty page rather than on a missing header.
 * @template T
 * @param {T[]} items everything that matches, in answer order
 * @param {URLSearchParams} query
 * @param {{ maxPageSize?: number }} [limits] a larger pageSize is served as the maximum
 * @returns {{ page: T[], headers: Record<string, string> }}
 */
function paginate(items, query, limits = {}) {
	const token = query.get('nextPage');
	const fromToken = token ? decodePageToken(token) : undefined;
	const asked = positiveInteger(query.get('pageSize'), 'pageSize') ?? fromToken?.pageSize ?? DEFAULT_PAGE_SIZE;
	const pageSize = Math.min(asked, limits.maxPageSize ?? Infinity);
	const page = fromToken?.page ?? positiveInteger(query.get('page'), 'page') ?? 1;

	const start = (page - 1) * pageSize;
	const slice = items.slice(start, start + pageSize);
	/** @type {Record<string, string>} */
	const headers = { 'elements-returned-count': String(slice.length) };
	if (slice.length > 0) headers['elements-next-page-token'] = encodePageToken({ pageSize, page: page + 1 });
	return { page: slice, headers };
}

module.exports = { paginate, encodePageToken, decodePageToken, DEFAULT_PAGE_SIZE };
