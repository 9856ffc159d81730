// @ts-check
'use strict';

const { badRequest } = require('../errors');

/**
 * The OData v3 "JSON Light" pieces of ShareFile's API (SHAREFILE_API.md §2): entity addresses like
 * `Items(fi123)/Children`, `$select`, `$top`/`$skip` feeds with `odata.count` and `odata.nextLink`.
 * @typedef {import('../sharefile-items').RawItem} RawItem
 */

/** The entity sets the sandbox emulates, as ShareFile spells them. */
const ENTITY_SETS = ['Items', 'Accounts', 'Shares', 'WebhookSubscriptions', 'WebhookClients'];

/**
 * `Items`, `Items(id)`, `Items('id')` (or another entity set of ENTITY_SETS), each optionally
 * followed by `/<Navigation>`. Entity and navigation names are matched in any case (INFERRED:
 * ShareFile runs on IIS, whose routes are case-insensitive).
 * @param {string} address the decoded path after `/sf/v3/`
 * @returns {{ entity: string, id: string | undefined, navigation: string } | undefined}
 */
function parseAddress(address) {
	const match = /^([A-Za-z]+)(?:\((?:'([^']*)'|([^)']*))\))?(?:\/([A-Za-z0-9]+))?\/?$/.exec(address);
	const entity = match && ENTITY_SETS.find((name) => name.toLowerCase() === match[1].toLowerCase());
	if (!match || !entity) return undefined;
	const id = match[2] ?? match[3];
	return { entity, id: id === '' ? undefined : id, navigation: (match[4] || '').toLowerCase() };
}

/**
 * `$select=Id,Name,Parent/Id`: only the named top-level fields (a `/` path keeps its first step),
 * plus the OData annotations, which ShareFile always sends. Honoured loosely, as §7 asks.
 * @param {Record<string, unknown>} entity @param {string | null} select
 */
function selectFields(entity, select) {
	if (!select) return entity;
	const wanted = new Set(select.split(',').map((field) => field.trim().split('/')[0].toLowerCase()));
	return Object.fromEntries(Object.entries(entity).filter(([key]) => key.startsWith('odata.') || wanted.has(key.toLowerCase())));
}

/** @param {string | null} text @param {string} name */
function count(text, name) {
	if (text === null || text === '') return undefined;
	if (!/^\d+$/.test(text)) throw badRequest(`${name} must be a whole number >= 0; got '${text}'.`);
	return Number(text);
}

/**
 * A feed page: `$skip` first, then `$top` (absent: everything left; ShareFile's own default page
 * size is UNKNOWN and its clients read one answer, so INFERRED: the whole folder). `odata.count` is
 * the total; `odata.nextLink`, the same URL with `$skip` moved on, comes while items remain.
 * @param {unknown[]} all @param {URL} requestUrl the URL as the client can call it again
 * @param {string} metadata
 */
function feed(all, requestUrl, metadata) {
	const skip = count(requestUrl.searchParams.get('$skip'), '$skip') ?? 0;
	const top = count(requestUrl.searchParams.get('$top'), '$top');
	const end = top === undefined ? all.length : Math.min(all.length, skip + top);
	/** @type {Record<string, unknown>} */
	const body = { 'odata.metadata': metadata, 'odata.count': all.length, value: all.slice(skip, end) };
	if (end < all.length) {
		const next = new URL(requestUrl);
		next.searchParams.set('$skip', String(end));
		body['odata.nextLink'] = next.toString();
	}
	return body;
}

module.exports = { parseAddress, selectFields, feed };
