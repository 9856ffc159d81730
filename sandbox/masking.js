// @ts-check
'use strict';

const MASK = '********';

/** Query parameters that carry credentials (the OAuth URL call sends the API secret). */
const SECRET_PARAMETER = /secret|password|token|signature/i;

/** @param {string} name @param {string} value */
const maskedParameter = (name, value) => (SECRET_PARAMETER.test(name) ? MASK : value);

/**
 * A URL as the sandbox may show it: a password in it or a query parameter named like a credential
 * reads `********`. Callback URLs are the user's own and may carry either; the page and the logs
 * show where things went, never how they authenticated.
 * @param {string} text
 */
function maskedUrl(text) {
	let url;
	try {
		url = new URL(text);
	} catch {
		return text;
	}
	const secretNames = [...new Set(url.searchParams.keys())].filter((name) => SECRET_PARAMETER.test(name));
	// Untouched URLs keep their exact text: re-serializing would re-encode the query.
	if (!url.password && secretNames.length === 0) return text;
	if (url.password) url.password = MASK;
	for (const name of secretNames) url.searchParams.set(name, MASK);
	return url.toString();
}

/**
 * Where a URL sends, and nothing that authenticates: without its query and fragment, a password in
 * it masked. What a stored event says each subscription's delivery was made for: a receiver finds
 * its own by its address (an n8n trigger's secret and nonce are in the query).
 * @param {string} text
 */
function addressOf(text) {
	let url;
	try {
		url = new URL(text);
	} catch {
		return '';
	}
	url.search = '';
	url.hash = '';
	if (url.password) url.password = MASK;
	return url.toString();
}

module.exports = { MASK, addressOf, maskedParameter, maskedUrl };
