// @ts-check
'use strict';

const crypto = require('node:crypto');
const { badRequest } = require('../errors');
const { newGrantCode } = require('../random');
const { OAuthError } = require('./errors');

/**
 * @typedef {{ code: string, clientId: string, redirectUri: string, instanceId: number, expiresAt: string }} ShareFileCode
 * @typedef {{ token: string, expiresAt: string }} AccessToken
 * @typedef {{ id: string, clientId: string, instanceId: number, createdAt: string, refreshToken: string,
 *   accessTokens: AccessToken[], revoked: boolean }} Grant
 *   One user's consent to one client for one account; every token traces back to one, and revoking
 *   it ends them all.
 * @typedef {{ clients: import('./clients').OAuthClient[], codes: ShareFileCode[], grants: Grant[],
 *   webhookSubscriptions: import('./webhook-subscriptions').WebhookSubscription[],
 *   webhookClients: import('./webhook-clients').WebhookClientKeys[],
 *   webhookDeliveries: import('./webhook-deliveries').ShareFileDelivery[] }} ShareFileApiState
 */

const CODE_LIFETIME_MS = 10 * 60 * 1000;
/** ShareFile documents `expires_in` but not its value (UNKNOWN, §1.1); an hour is the sandbox's default. */
const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;

const newToken = () => crypto.randomBytes(30).toString('base64url');

/** @param {unknown} value */
function readLifetime(value) {
	if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw badRequest("'accessTokenLifetimeSeconds' must be a number of seconds > 0.");
	return value;
}

/**
 * ShareFile's grant codes, access tokens and refresh tokens, on the sandbox clock: moving the clock
 * (`PUT /_sandbox/clock`) ages them as it ages everything else.
 * @param {{ store: import('../store').Store, now: () => number, tokenLifetimeSeconds?: number }} deps
 */
function createGrants({ store, now, tokenLifetimeSeconds }) {
	const defaultLifetime = readLifetime(tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS);
	let lifetimeSeconds = defaultLifetime;
	const state = () => /** @type {ShareFileApiState} */ (store.state.shareFileApi);
	const iso = (/** @type {number} */ ms) => new Date(ms).toISOString();
	const live = (/** @type {{ expiresAt: string }} */ entry) => Date.parse(entry.expiresAt) > now();

	/** @param {{ clientId: string, redirectUri: string, instanceId: number }} request */
	function issueCode(request) {
		const code = newGrantCode();
		state().codes = state().codes.filter(live);
		state().codes.push({ code, ...request, expiresAt: iso(now() + CODE_LIFETIME_MS) });
		store.commit();
		return code;
	}

	/** A fresh access token on a grant; expired ones are forgotten on the way. @param {Grant} grant */
	function tokensOf(grant) {
		const token = { token: newToken(), expiresAt: iso(now() + lifetimeSeconds * 1000) };
		grant.accessTokens = grant.accessTokens.filter(live);
		grant.accessTokens.push(token);
		store.commit();
		return { grant, accessToken: token.token, refreshToken: grant.refreshToken, expiresIn: Math.round(lifetimeSeconds) };
	}

	/**
	 * `grant_type=authorization_code`: single use, bound to the client it was issued to. The SDK
	 * sends no redirect_uri here (§1.1), so it is checked only when given (INFERRED).
	 * @param {import('./clients').OAuthClient} client @param {string | undefined} code @param {string | undefined} redirectUri
	 */
	function redeemCode(client, code, redirectUri) {
		if (!code) throw new OAuthError(400, 'invalid_request', "'code' is required for grant_type=authorization_code.");
		const codes = state().codes;
		const index = codes.findIndex((candidate) => candidate.code === code);
		const issued = codes[index];
		if (!issued || !live(issued)) throw new OAuthError(400, 'invalid_grant', 'The authorization code is invalid, expired or already used.');
		if (issued.clientId !== client.clientId) throw new OAuthError(400, 'invalid_grant', 'The authorization code was issued to another client.');
		if (redirectUri !== undefined && redirectUri !== issued.redirectUri) throw new OAuthError(400, 'invalid_grant', 'redirect_uri does not match the one the code was issued for.');
		codes.splice(index, 1);
		/** @type {Grant} */
		const grant = { id: crypto.randomUUID(), clientId: client.clientId, instanceId: issued.instanceId, createdAt: iso(now()), refreshToken: newToken(), accessTokens: [], revoked: false };
		state().grants.push(grant);
		return tokensOf(grant);
	}

	/**
	 * `grant_type=refresh_token`. Whether ShareFile rotates the refresh token is UNKNOWN; the sandbox
	 * does, and the old one stops working (INFERRED: the stricter choice, a client that keeps the
	 * refresh token it is given works either way).
	 * @param {import('./clients').OAuthClient} client @param {string | undefined} refreshToken
	 */
	function refresh(client, refreshToken) {
		if (!refreshToken) throw new OAuthError(400, 'invalid_request', "'refresh_token' is required for grant_type=refresh_token.");
		const grant = state().grants.find((candidate) => candidate.refreshToken === refreshToken);
		if (!grant || grant.revoked) throw new OAuthError(400, 'invalid_grant', 'The refresh token is invalid, expired or revoked.');
		if (grant.clientId !== client.clientId) throw new OAuthError(400, 'invalid_grant', 'The refresh token was issued to another client.');
		grant.refreshToken = newToken();
		return tokensOf(grant);
	}

	/**
	 * The grant behind a Bearer token, or why there is none.
	 * @param {string} token
	 * @returns {{ grant: Grant } | { problem: string }}
	 */
	function grantOfAccessToken(token) {
		for (const grant of state().grants) {
			const match = grant.accessTokens.find((candidate) => candidate.token === token);
			if (!match) continue;
			if (grant.revoked) return { problem: 'The access token was revoked.' };
			if (!live(match)) return { problem: 'The access token expired; refresh it.' };
			return { grant };
		}
		return { problem: 'The access token is not valid.' };
	}

	/**
	 * `POST /_sandbox/sharefile/revoke` `{ refreshToken? | accessToken? | clientId? | all? }`: the
	 * grants named lose every token, as when a user revokes an app's access in ShareFile.
	 * @param {unknown} body
	 */
	function revoke(body) {
		const input = /** @type {Record<string, unknown>} */ (body && typeof body === 'object' && !Array.isArray(body) ? body : {});
		/** @type {(grant: Grant) => boolean} */
		let named;
		if (typeof input.refreshToken === 'string') named = (grant) => grant.refreshToken === input.refreshToken;
		else if (typeof input.accessToken === 'string') named = (grant) => grant.accessTokens.some((token) => token.token === input.accessToken);
		else if (typeof input.clientId === 'string') named = (grant) => grant.clientId === input.clientId;
		else if (input.all === true) named = () => true;
		else throw badRequest("Name what to revoke: 'refreshToken', 'accessToken', 'clientId' (strings) or 'all': true.");
		const grants = state().grants.filter((grant) => !grant.revoked && named(grant));
		for (const grant of grants) grant.revoked = true;
		store.commit();
		return { revoked: grants.length };
	}

	return {
		issueCode,
		redeemCode,
		refresh,
		grantOfAccessToken,
		revoke,
		settings: () => ({ accessTokenLifetimeSeconds: lifetimeSeconds }),
		/** @param {unknown} body */
		setSettings(body) {
			const input = /** @type {Record<string, unknown>} */ (body && typeof body === 'object' ? body : {});
			lifetimeSeconds = readLifetime(input.accessTokenLifetimeSeconds);
			return { accessTokenLifetimeSeconds: lifetimeSeconds };
		},
		/** A reset brings back the lifetime the sandbox was started with (the tokens go with the state). */
		reset() {
			lifetimeSeconds = defaultLifetime;
		},
	};
}

/** @typedef {ReturnType<typeof createGrants>} Grants */

module.exports = { createGrants, DEFAULT_TOKEN_LIFETIME_SECONDS, CODE_LIFETIME_MS };
