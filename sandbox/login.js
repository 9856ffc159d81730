// @ts-check
'use strict';

const crypto = require('node:crypto');
const { badRequest, unauthorized } = require('./errors');
const { sameSecret } = require('./auth');

/** How long a login token opens `GET /authentication/secrets` (INFERRED: no source says). */
const TOKEN_LIFETIME_MS = 60 * 60 * 1000;
const WRONG_LOGIN = 'Invalid username or password.';

/**
 * Cloud Elements' console login, as API clients use it (CODE C5 only): `POST /authentication`
 * `{ username, password }` → a token; `GET /authentication/secrets` with `Authorization: Bearer
 * <token>` → the account's User and Organization secrets. Tokens live in memory until they expire,
 * the sandbox is reset or stops.
 * @param {{ account: { username: string, password: string }, secrets: { userSecret: string, organizationSecret: string },
 *   now: () => number, user: { id: number, emailAddress: string } }} deps
 */
function createLogin({ account, secrets, now, user }) {
	/** @type {Map<string, number>} token → expiry */
	let tokens = new Map();

	/** @param {unknown} body */
	function login(body) {
		const input = /** @type {Record<string, unknown>} */ (body && typeof body === 'object' && !Array.isArray(body) ? body : {});
		if (typeof input.username !== 'string' || typeof input.password !== 'string') throw badRequest("Give 'username' and 'password' as strings.");
		// Both are compared every time, so timing says nothing about which one was wrong.
		const userOk = sameSecret(input.username, account.username);
		const passwordOk = sameSecret(input.password, account.password);
		if (!userOk || !passwordOk) throw unauthorized(WRONG_LOGIN);
		const token = crypto.randomBytes(24).toString('base64url');
		const expiresMs = now() + TOKEN_LIFETIME_MS;
		tokens.set(token, expiresMs);
		return { token, expires: new Date(expiresMs).toISOString(), user: { id: user.id, emailAddress: user.emailAddress, username: account.username } };
	}

	/** @param {string | undefined} header */
	function secretsFor(header) {
		const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(header || '');
		const expiresMs = match ? tokens.get(match[1]) : undefined;
		if (!match || expiresMs === undefined || now() > expiresMs) throw unauthorized("A valid 'Authorization: Bearer <token>' from POST /authentication is required.");
		return { userSecret: secrets.userSecret, organizationSecret: secrets.organizationSecret };
	}

	return {
		login,
		secretsFor,
		clear() {
			tokens = new Map();
		},
	};
}

module.exports = { createLogin };
