// @ts-check
'use strict';

const { badRequest, notFound } = require('../errors');
const { createShare } = require('../document-shares');
const { shareViewOf } = require('../document-share-routes');

/**
 * ShareFile's Shares entity (`POST Shares`, `GET Shares(id)`), on the account's share store the
 * documents hub's `/hubs/documents/share` uses too: the same body (ShareFile's share model, keys
 * as ShareFile's own clients send them), the same `Share` answer, and the same public `Uri` that
 * downloads without credentials. INFERRED: the v3 route names (ShareFile's Shares entity; not in
 * SHAREFILE_API.md), and that the answer equals what Cloud Elements passes through.
 * @param {{ store: import('../store').Store, now: () => number, platformBase: () => string }} deps
 */
function createShares({ store, now, platformBase }) {
	/**
	 * `POST Shares` and `GET Shares(id)` (the routes in index.js; addresses as odata.js reads them).
	 * @param {{ method: string, id: string | undefined, body: unknown, account: import('../documents').DocumentAccount }} ctx
	 * @returns {import('../http-io').Result}
	 */
	function handle(ctx) {
		const shares = ctx.account.instance.sharefile.shares;
		if (ctx.method === 'POST' && ctx.id === undefined) {
			if (!ctx.body || typeof ctx.body !== 'object' || Array.isArray(ctx.body)) throw badRequest('The request body must be a JSON object.');
			const share = createShare(ctx.account, /** @type {Record<string, unknown>} */ (ctx.body), now());
			shares[share.id] = share;
			store.commitSoon();
			return { status: 200, body: shareViewOf(platformBase(), ctx.account, share) };
		}
		if (ctx.method === 'GET' && ctx.id !== undefined) {
			const share = shares[ctx.id];
			if (!share) throw notFound(`No share found with id '${ctx.id}'.`);
			return { status: 200, body: shareViewOf(platformBase(), ctx.account, share) };
		}
		throw notFound('The sandbox emulates POST Shares and GET Shares(id).');
	}
	return { handle };
}

module.exports = { createShares };
