// @ts-check
'use strict';

const crypto = require('node:crypto');
const { badRequest, CeError } = require('../errors');

/**
 * @typedef {{ clientId: string, clientSecret: string, redirectUri?: string }} OAuthClient
 *   `redirectUri`, when registered, must be matched exactly by the authorize request (ShareFile's
 *   rule for its API keys, CONFIRMED §1.1); without one any http(s) redirect is accepted.
 */

/**
 * The client every sandbox knows without registering anything, documented in the README. It accepts
 * any redirect URI, so n8n's callback works wherever n8n runs.
 */
const DEFAULT_CLIENT = Object.freeze({ clientId: 'sandbox-sharefile-client', clientSecret: 'sandbox-sharefile-secret' });

/** @param {string} a @param {string} b */
function sameSecret(a, b) {
	const left = crypto.createHash('sha256').update(a).digest();
	const right = crypto.createHash('sha256').update(b).digest();
	return crypto.timingSafeEqual(left, right);
}

/**
 * The OAuth clients ("API keys" in ShareFile's words) the sandbox's ShareFile knows: the default one
 * and those added through `POST /_sandbox/sharefile/clients`, kept in the state file.
 * @param {{ store: import('../store').Store }} deps
 */
function createClients({ store }) {
	const registered = () => /** @type {OAuthClient[]} */ (store.state.shareFileApi.clients);

	/** @param {string} clientId @returns {OAuthClient | undefined} */
	function find(clientId) {
		if (clientId === DEFAULT_CLIENT.clientId) return DEFAULT_CLIENT;
		return registered().find((client) => client.clientId === clientId);
	}

	/**
	 * `{ clientId?, clientSecret?, redirectUri? }`: what is not given is made up.
	 * @param {unknown} body
	 */
	function add(body) {
		const input = /** @type {Record<string, unknown>} */ (body && typeof body === 'object' && !Array.isArray(body) ? body : {});
		for (const key of ['clientId', 'clientSecret', 'redirectUri']) {
			if (input[key] !== undefined && (typeof input[key] !== 'string' || input[key] === '')) throw badRequest(`'${key}' must be a non-empty string.`);
		}
		if (input.redirectUri !== undefined && !/^https?:\/\//i.test(/** @type {string} */ (input.redirectUri))) throw badRequest("'redirectUri' must be an http(s) URL.");
		const clientId = /** @type {string | undefined} */ (input.clientId) ?? `sf-client-${crypto.randomBytes(8).toString('hex')}`;
		if (find(clientId)) throw new CeError(409, `An OAuth client '${clientId}' already exists.`);
		/** @type {OAuthClient} */
		const client = { clientId, clientSecret: /** @type {string | undefined} */ (input.clientSecret) ?? crypto.randomBytes(24).toString('base64url') };
		if (input.redirectUri !== undefined) client.redirectUri = /** @type {string} */ (input.redirectUri);
		registered().push(client);
		store.commit();
		return { ...client };
	}

	/**
	 * The client whose id and secret these are, or undefined (the token endpoint says invalid_client).
	 * @param {string | undefined} clientId @param {string | undefined} clientSecret
	 */
	function authenticate(clientId, clientSecret) {
		const client = clientId ? find(clientId) : undefined;
		return client && clientSecret !== undefined && sameSecret(client.clientSecret, clientSecret) ? client : undefined;
	}

	return { find, add, authenticate, list: () => [DEFAULT_CLIENT, ...registered()].map((client) => ({ ...client })) };
}

/** @typedef {ReturnType<typeof createClients>} Clients */

module.exports = { createClients, DEFAULT_CLIENT };
