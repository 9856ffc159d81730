// @ts-check
'use strict';

/**
 * Reads the sandbox's ShareFile consent page (authorize.js writes it) as a browser would: the
 * form's action, its hidden fields and the account choices. For clients that press Consent without
 * a browser: the sandbox's tests and `npm start`'s connection of a ShareFile credential.
 * @typedef {{ action: string, fields: URLSearchParams, accounts: Array<{ value: string, selected: boolean, label: string }>, html: string }} ConsentForm
 */

/** @param {string} text */
const unescape = (text) =>
	text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** @param {string} html @returns {ConsentForm} */
function readConsentForm(html) {
	const form = /<form method="post" action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/.exec(html);
	if (!form) throw new Error(`no consent form on the page: ${html.slice(0, 500)}`);
	const fields = new URLSearchParams();
	for (const input of form[2].matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) fields.append(unescape(input[1]), unescape(input[2]));
	const accounts = [...form[2].matchAll(/<option value="([^"]*)"( selected)?>([^<]*)<\/option>/g)].map((option) => ({
		value: unescape(option[1]),
		selected: option[2] !== undefined,
		label: unescape(option[3]),
	}));
	return { action: unescape(form[1]), fields, accounts, html };
}

module.exports = { readConsentForm };
