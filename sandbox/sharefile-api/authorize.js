// @ts-check
'use strict';

const crypto = require('node:crypto');
const { readAuthorizeRequest, errorPage, escapeHtml } = require('../oauth');

/**
 * @typedef {import('../http-io').Result} Result
 * @typedef {{ subdomain: string, path: string }} Host the ShareFile host a request was sent to
 *   (`/sharefile/<host>/...`), and the sandbox path standing for `https://<host>`
 */

/** What ShareFile adds to the redirect besides code and state (CONFIRMED §1.1, S15's example). */
const CONTROL_PLANES = Object.freeze({ apicp: 'sharefile.com', appcp: 'sharefile.com' });
/** Choosing this on the consent page makes a fresh account (see accounts.js). */
const NEW_ACCOUNT = 'new';

/**
 * The optional `h` check value: HMAC-SHA256 keyed with the client secret over the redirect's path
 * and query without `h`, base64 (CONFIRMED §1.1; the exact text hashed, `path?query` with the query
 * as sent, is INFERRED). URLSearchParams percent-encodes it, as the docs ask.
 * @param {URL} target @param {string} clientSecret
 */
function signRedirect(target, clientSecret) {
	const h = crypto.createHmac('sha256', clientSecret).update(`${target.pathname}${target.search}`, 'utf8').digest('base64');
	target.searchParams.set('h', h);
}

/**
 * ShareFile's authorization page and its answer: `GET <host>/oauth/authorize?response_type=code&
 * client_id&redirect_uri&state` shows who asks, a choice of sandbox account, **Consent** and
 * **Deny**; the form posts back to the same URL.
 * @param {{ clients: import('./clients').Clients, grants: import('./grants').Grants, accounts: import('./accounts').Accounts }} deps
 */
function createAuthorization({ clients, grants, accounts }) {
	/**
	 * The request, or the error page for one that must not be redirected (RFC 6749 §4.1.2.1: an
	 * unknown client or a redirect URI it did not register stays on ShareFile's page).
	 * @param {URLSearchParams} query
	 */
	function read(query) {
		const request = readAuthorizeRequest(query);
		if ('status' in request) return request;
		const client = clients.find(request.clientId);
		if (!client) return errorPage(`No ShareFile API client has the id '${request.clientId}'.`);
		if (client.redirectUri !== undefined && client.redirectUri !== request.redirectUri.toString()) {
			return errorPage('redirect_uri is not the one registered for this client.');
		}
		return { ...request, client };
	}

	/** The account preselected: one with the host's subdomain, else the first, else a new one. @param {Host} host */
	function preselected(host) {
		const all = accounts.list();
		const sameSubdomain = all.find((account) => account.subdomain === host.subdomain);
		return String((sameSubdomain || all[0])?.instanceId ?? NEW_ACCOUNT);
	}

	/** The subdomain a new account gets: the host's, unless it is ShareFile's shared `secure` host. @param {Host} host */
	const newSubdomain = (host) => (host.subdomain === 'secure' ? 'sandbox' : host.subdomain);

	/** @param {Host} host @param {URLSearchParams} query @returns {Result} */
	function page(host, query) {
		const request = read(query);
		if ('status' in request) return request;
		const selected = preselected(host);
		const options = [
			...accounts.list().map((account) => ({ value: String(account.instanceId), label: `${account.subdomain} (instance ${account.instanceId}, ${account.name})` })),
			{ value: NEW_ACCOUNT, label: `A new sandbox account, subdomain ${newSubdomain(host)}` },
		];
		const hidden = [...query.entries()].map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`).join('\n');
		const html = `<!doctype html>
<html><head><meta charset="utf-8"><title>ShareFile (sandbox) - allow access</title></head>
<body>
<h1>ShareFile sandbox</h1>
<p>The application <strong>${escapeHtml(request.clientId)}</strong> asks for access to your ShareFile files and folders.</p>
<p>You will be sent back to <code>${escapeHtml(request.redirectUri.toString())}</code>.</p>
<form method="post" action="${escapeHtml(`${host.path}/oauth/authorize`)}" id="consent-form">
${hidden}
<label for="account">Sandbox ShareFile account</label>
<select name="account" id="account">
${options.map((option) => `<option value="${escapeHtml(option.value)}"${option.value === selected ? ' selected' : ''}>${escapeHtml(option.label)}</option>`).join('\n')}
</select>
<button type="submit" name="decision" value="consent" id="consent">Consent</button>
<button type="submit" name="decision" value="deny" id="deny">Deny</button>
</form>
</body></html>
`;
		return { status: 200, html };
	}

	/**
	 * The form's answer: Consent issues a single-use code for the chosen account and redirects with
	 * ShareFile's extra parameters; Deny redirects with `error=access_denied`.
	 * @param {Host} host @param {URLSearchParams} form
	 * @returns {Result}
	 */
	function decide(host, form) {
		const request = read(form);
		if ('status' in request) return request;
		const target = new URL(request.redirectUri);
		if (form.get('decision') !== 'consent') {
			target.searchParams.set('error', 'access_denied');
			if (request.state !== null) target.searchParams.set('state', request.state);
			return { status: 302, headers: { location: target.toString() } };
		}
		const instanceId = chosenAccount(host, form.get('account') ?? preselected(host), request);
		if (typeof instanceId !== 'number') return instanceId;
		const instance = /** @type {import('../store').InstanceRecord} */ (accounts.find(instanceId));
		const code = grants.issueCode({ clientId: request.clientId, redirectUri: request.redirectUri.toString(), instanceId });
		target.searchParams.set('code', code);
		if (request.state !== null) target.searchParams.set('state', request.state);
		target.searchParams.set('subdomain', accounts.subdomainOf(instance));
		target.searchParams.set('apicp', CONTROL_PLANES.apicp);
		target.searchParams.set('appcp', CONTROL_PLANES.appcp);
		signRedirect(target, request.client.clientSecret);
		return { status: 302, headers: { location: target.toString() } };
	}

	/**
	 * @param {Host} host @param {string} choice
	 * @param {{ client: import('./clients').OAuthClient, redirectUri: URL }} request
	 * @returns {number | Result}
	 */
	function chosenAccount(host, choice, request) {
		if (choice === NEW_ACCOUNT) return accounts.create({ subdomain: newSubdomain(host), client: request.client, redirectUri: request.redirectUri.toString() }).id;
		const instanceId = Number(choice);
		return /^\d+$/.test(choice) && accounts.find(instanceId) ? instanceId : errorPage(`There is no sandbox ShareFile account '${choice}'.`);
	}

	return { page, decide };
}

module.exports = { createAuthorization, signRedirect, CONTROL_PLANES };
