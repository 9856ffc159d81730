// @ts-check
'use strict';

const { OAuthError } = require('./errors');
const { CONTROL_PLANES } = require('./authorize');

/**
 * `POST <host>/oauth/token`, form-encoded (CONFIRMED §1.1), on any host: ShareFile's SDK uses
 * `{subdomain}.{appcp}`, rclone `{subdomain}.{apicp}`, old samples `secure.sharefile.com`, and the
 * emulator accepts them all (§7). The client authenticates with `client_id` and `client_secret` in
 * the body (CONFIRMED) or HTTP Basic (RFC 6749 §2.3.1; INFERRED accepted).
 * @param {{ clients: import('./clients').Clients, grants: import('./grants').Grants, accounts: import('./accounts').Accounts }} deps
 */
function createTokenEndpoint({ clients, grants, accounts }) {
	/** @param {string | undefined} header */
	function basicCredentials(header) {
		const match = /^Basic\s+(\S+)$/i.exec(header || '');
		if (!match) return undefined;
		const text = Buffer.from(match[1], 'base64').toString('utf8');
		const colon = text.indexOf(':');
		if (colon < 0) return undefined;
		const decode = (/** @type {string} */ part) => decodeURIComponent(part.replace(/\+/g, ' '));
		try {
			return { clientId: decode(text.slice(0, colon)), clientSecret: decode(text.slice(colon + 1)) };
		} catch {
			return undefined;
		}
	}

	/** @param {URLSearchParams} form @param {string | undefined} authorization */
	function client(form, authorization) {
		const basic = basicCredentials(authorization);
		const clientId = basic?.clientId ?? form.get('client_id') ?? undefined;
		const clientSecret = basic?.clientSecret ?? form.get('client_secret') ?? undefined;
		const found = clients.authenticate(clientId, clientSecret);
		// RFC 6749 §5.2: 401 for a client that failed to authenticate (INFERRED for ShareFile).
		if (!found) throw new OAuthError(401, 'invalid_client', 'The client id or secret is wrong.');
		return found;
	}

	/**
	 * @param {{ contentType: string | undefined, authorization: string | undefined, body: Buffer }} request
	 * @returns {import('../http-io').Result}
	 */
	function token(request) {
		if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(request.contentType || '')) {
			throw new OAuthError(400, 'invalid_request', 'The token request must be application/x-www-form-urlencoded.');
		}
		const form = new URLSearchParams(request.body.toString('utf8'));
		const grantType = form.get('grant_type');
		if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
			throw new OAuthError(400, 'unsupported_grant_type', "grant_type must be 'authorization_code' or 'refresh_token'.");
		}
		const caller = client(form, request.authorization);
		const issued =
			grantType === 'authorization_code'
				? grants.redeemCode(caller, form.get('code') ?? undefined, form.get('redirect_uri') ?? undefined)
				: grants.refresh(caller, form.get('refresh_token') ?? undefined);
		const instance = accounts.find(issued.grant.instanceId);
		if (!instance) throw new OAuthError(400, 'invalid_grant', 'The ShareFile account of this grant no longer exists.');
		return {
			status: 200,
			headers: { 'cache-control': 'no-store', pragma: 'no-cache' },
			body: {
				access_token: issued.accessToken,
				refresh_token: issued.refreshToken,
				token_type: 'bearer',
				expires_in: issued.expiresIn,
				subdomain: accounts.subdomainOf(instance),
				apicp: CONTROL_PLANES.apicp,
				appcp: CONTROL_PLANES.appcp,
			},
		};
	}

	return { token };
}

module.exports = { createTokenEndpoint };
