// @ts-check
'use strict';

const { badRequest } = require('./errors');
const { newGrantCode } = require('./random');

/** @typedef {import('./http-io').Result} Result */

/** Always accepted and never used up, so scripts and demos can create instances without a browser. */
const DEMO_CODE = 'sandbox-demo-code';
const CODE_LIFETIME_MS = 10 * 60 * 1000;
const AUTHORIZE_PATH = '/_sandbox/oauth/authorize';

/**
 * Stands in for ShareFile's OAuth 2.0 authorization server: the page a user approves on, the single-use
 * grant codes it hands out, and their redemption when an instance is created.
 * @param {{ store: import('./store').Store, origin: () => string, now: () => number }} deps
 */
function createOAuth({ store, origin, now }) {
	/**
	 * `GET /elements/sharefile/oauth/url`: the first step of the OAuth dance, pointing at this sandbox.
	 * @param {URLSearchParams} query
	 */
	function oauthUrl(query) {
		for (const name of ['apiKey', 'apiSecret', 'callbackUrl']) {
			if (!query.get(name)) throw badRequest(`The query parameter '${name}' is required.`);
		}
		const url = new URL(AUTHORIZE_PATH, origin());
		url.searchParams.set('response_type', 'code');
		url.searchParams.set('client_id', /** @type {string} */ (query.get('apiKey')));
		url.searchParams.set('redirect_uri', /** @type {string} */ (query.get('callbackUrl')));
		const state = query.get('state');
		if (state !== null) url.searchParams.set('state', state);
		return { oauthUrl: url.toString(), element: 'sharefile' };
	}

	/** @param {URLSearchParams} query @returns {Result} */
	function authorizePage(query) {
		const request = readAuthorizeRequest(query);
		if ('status' in request) return request;
		const approve = `${AUTHORIZE_PATH}/approve?${query.toString()}`;
		const deny = `${AUTHORIZE_PATH}/deny?${query.toString()}`;
		const html = `<!doctype html>
<html><head><meta charset="utf-8"><title>Citrix ShareFile (sandbox) - authorize</title></head>
<body>
<h1>Citrix ShareFile sandbox</h1>
<p>The application <strong>${escapeHtml(request.clientId)}</strong> asks for access to your ShareFile account.</p>
<p>You will be sent back to <code>${escapeHtml(request.redirectUri.toString())}</code>.</p>
<form method="get" action="${AUTHORIZE_PATH}/approve">
${[...query.entries()].map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`).join('\n')}
<button type="submit" id="authorize">Authorize</button>
</form>
<p><a id="authorize-link" href="${escapeHtml(approve)}">Authorize</a> | <a id="deny-link" href="${escapeHtml(deny)}">Deny</a></p>
</body></html>
`;
		return { status: 200, html };
	}

	/**
	 * Approving issues a fresh single-use code and sends the browser back the way ShareFile does,
	 * with its extra `subdomain`/`apicp`/`appcp` parameters that clients must tolerate.
	 * @param {URLSearchParams} query
	 * @returns {Result}
	 */
	function approve(query) {
		const request = readAuthorizeRequest(query);
		if ('status' in request) return request;
		const state = store.state;
		state.grantCodes = state.grantCodes.filter((grant) => Date.parse(grant.expiresAt) > now());
		const code = newGrantCode();
		state.grantCodes.push({
			code,
			clientId: request.clientId,
			redirectUri: request.redirectUri.toString(),
			issuedAt: new Date(now()).toISOString(),
			expiresAt: new Date(now() + CODE_LIFETIME_MS).toISOString(),
		});
		store.commit();
		const target = new URL(request.redirectUri);
		target.searchParams.set('code', code);
		if (request.state !== null) target.searchParams.set('state', request.state);
		target.searchParams.set('subdomain', 'sandbox');
		target.searchParams.set('apicp', 'sharefile.com');
		target.searchParams.set('appcp', 'sharefile.com');
		return { status: 302, headers: { location: target.toString() } };
	}

	/** @param {URLSearchParams} query @returns {Result} */
	function deny(query) {
		const request = readAuthorizeRequest(query);
		if ('status' in request) return request;
		const target = new URL(request.redirectUri);
		target.searchParams.set('error', 'access_denied');
		if (request.state !== null) target.searchParams.set('state', request.state);
		return { status: 302, headers: { location: target.toString() } };
	}

	/**
	 * What Cloud Elements does at instance creation: trade the code for tokens at ShareFile. ShareFile
	 * checks that the code was issued to this client and redirect URI, so a client that used other
	 * values in the OAuth URL than in the instance configuration fails here, as it would for real.
	 * @param {unknown} code
	 * @param {{ clientId: string, redirectUri: string }} client
	 */
	function redeem(code, client) {
		if (typeof code !== 'string' || code === '') {
			throw badRequest("'providerData.code' is required: the authorization grant code from the OAuth redirect.");
		}
		if (code === DEMO_CODE) return;
		const grants = store.state.grantCodes;
		const index = grants.findIndex((grant) => grant.code === code);
		const grant = grants[index];
		if (!grant || Date.parse(grant.expiresAt) <= now()) {
			throw providerRejected('invalid_grant', 'The authorization code is invalid, expired or already used.');
		}
		if (grant.clientId !== client.clientId) {
			throw providerRejected('invalid_grant', 'The authorization code was issued to another client_id.');
		}
		if (!sameUrl(grant.redirectUri, client.redirectUri)) {
			throw providerRejected('invalid_grant', 'redirect_uri does not match the one the code was issued for.');
		}
		grants.splice(index, 1);
	}

	return { oauthUrl, authorizePage, approve, deny, redeem };
}

/**
 * An authorization request's parameters, or the error page a browser is shown instead (a bad
 * redirect URI is never redirected to).
 * @param {URLSearchParams} query
 * @returns {{ clientId: string, redirectUri: URL, state: string | null } | Result}
 */
function readAuthorizeRequest(query) {
	const clientId = query.get('client_id');
	const redirectUri = query.get('redirect_uri');
	if (query.get('response_type') !== 'code') return errorPage("response_type must be 'code'.");
	if (!clientId) return errorPage('client_id is missing.');
	if (!redirectUri) return errorPage('redirect_uri is missing.');
	let parsed;
	try {
		parsed = new URL(redirectUri);
	} catch {
		return errorPage('redirect_uri is not an absolute URL.');
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return errorPage('redirect_uri must be http or https.');
	return { clientId, redirectUri: parsed, state: query.get('state') };
}

/** @param {string} error @param {string} description */
function providerRejected(error, description) {
	return badRequest('Failed to retrieve the OAuth access token from Citrix ShareFile: the provider rejected the authorization grant code.', {
		providerMessage: JSON.stringify({ error, error_description: description }),
	});
}

/** @param {string} a @param {string} b */
function sameUrl(a, b) {
	try {
		return new URL(a).toString() === new URL(b).toString();
	} catch {
		return a === b;
	}
}

/** @param {string} reason @returns {Result} */
function errorPage(reason) {
	return {
		status: 400,
		html: `<!doctype html><html><head><meta charset="utf-8"><title>OAuth error</title></head><body><h1>invalid_request</h1><p>${escapeHtml(reason)}</p></body></html>\n`,
	};
}

/** @param {string} text */
function escapeHtml(text) {
	return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] || c);
}

module.exports = { createOAuth, readAuthorizeRequest, errorPage, escapeHtml, DEMO_CODE, CODE_LIFETIME_MS, AUTHORIZE_PATH };
