// @ts-check
'use strict';

const crypto = require('node:crypto');
const { CeError, notFound } = require('../errors');

/**
 * ShareFile's `WebhookClients(id)` (SHAREFILE_API.md §3.4): the signature keys webhook deliveries
 * are signed with. `id` is the OAuth client_id (INFERRED there). Keys are kept per account and OAuth
 * client (INFERRED: the entity is reached on the account's own host, so an account's keys are its
 * own; a delivery signed for another account does not verify). No key until one is generated, and
 * then deliveries are unsigned (INFERRED there).
 * @typedef {{ instanceId: number, clientId: string, primaryKey: string | null, secondaryKey: string | null }} WebhookClientKeys
 * @typedef {import('./items').ApiContext} ApiContext
 * @typedef {import('./items').ApiRoute} ApiRoute
 */

/** INFERRED key format: 32 random bytes in standard base64 (44 characters); the doc shows none. */
const newKey = () => crypto.randomBytes(32).toString('base64');

/**
 * @param {{ store: import('../store').Store, clients: import('./clients').Clients }} deps
 */
function createWebhookClients({ store, clients }) {
	const all = () => /** @type {WebhookClientKeys[]} */ (store.state.shareFileApi.webhookClients);

	/** The keys of a client on an account, or none yet. @param {number} instanceId @param {string} clientId */
	const keysOf = (instanceId, clientId) => all().find((entry) => entry.instanceId === instanceId && entry.clientId === clientId);

	/**
	 * `WebhookClients(id)` as the caller may see it: only its own client (INFERRED: another app's keys
	 * are not its to read or rotate → 403; an unknown client → 404).
	 * @param {ApiContext} ctx
	 */
	function requireOwnClient(ctx) {
		if (ctx.id === undefined) throw notFound('Name the OAuth client: WebhookClients(<client_id>).');
		if (!clients.find(ctx.id)) throw notFound(`No OAuth client '${ctx.id}'.`);
		if (ctx.id !== ctx.clientId) throw new CeError(403, `This access token was issued to the OAuth client '${ctx.clientId}'; it cannot manage the keys of '${ctx.id}'.`);
		return ctx.id;
	}

	/** @param {ApiContext} ctx @param {string} clientId */
	function view(ctx, clientId) {
		const keys = keysOf(ctx.account.instance.id, clientId);
		return {
			status: 200,
			body: {
				'odata.metadata': `${ctx.apiBase}/$metadata#WebhookClients/ShareFile.Api.Models.WebhookClient@Element`,
				'odata.type': 'ShareFile.Api.Models.WebhookClient',
				OAuthClientId: clientId,
				SignatureKeys: { 'odata.type': 'ShareFile.Api.Models.WebhookSignatureKeys', PrimaryKey: keys?.primaryKey ?? null, SecondaryKey: keys?.secondaryKey ?? null },
				url: `${ctx.apiBase}/WebhookClients(${clientId})`,
			},
		};
	}

	/** @param {'primaryKey' | 'secondaryKey'} which @returns {(ctx: ApiContext) => import('../http-io').Result} */
	const generate = (which) => (ctx) => {
		const clientId = requireOwnClient(ctx);
		let keys = keysOf(ctx.account.instance.id, clientId);
		if (!keys) {
			keys = { instanceId: ctx.account.instance.id, clientId, primaryKey: null, secondaryKey: null };
			all().push(keys);
		}
		keys[which] = newKey();
		store.commit();
		return view(ctx, clientId);
	};

	/** @type {ApiRoute[]} */
	const routes = [
		{ method: 'GET', navigation: '', withId: true, withoutId: false, handler: (ctx) => view(ctx, requireOwnClient(ctx)) },
		{ method: 'POST', navigation: 'primarysignaturekey', withId: true, withoutId: false, handler: generate('primaryKey') },
		{ method: 'POST', navigation: 'secondarysignaturekey', withId: true, withoutId: false, handler: generate('secondaryKey') },
	];

	return { routes, keysOf };
}

/** @typedef {ReturnType<typeof createWebhookClients>} WebhookClients */

module.exports = { createWebhookClients };
