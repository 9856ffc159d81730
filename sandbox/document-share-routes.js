// @ts-check
'use strict';

const { CeError } = require('./errors');
const { json } = require('./http-io');
const { isFolder } = require('./sharefile-items');
const { configurationValue } = require('./configuration');
const { createShare, findShare } = require('./document-shares');
const hub = require('./document-hub');

/**
 * @typedef {import('./platform-routes').PlatformContext} PlatformContext
 * @typedef {import('./platform-routes').PlatformRoute} PlatformRoute
 * @typedef {import('./documents').DocumentAccount} DocumentAccount
 */

/** How long a `cloudElementsLink` works (INFERRED: the hub gives an `expires` but no source says how far). */
const LINK_LIFETIME_MS = 60 * 60 * 1000;
const PUBLIC = '/public';

/**
 * Links (`/files/{id}/links`, `/files/links?path=`) and ShareFile "Send" shares, and the public URLs
 * they hand out: those download without credentials (the signature or the unguessable share id is
 * the proof), and each download is a Download change like the hub's.
 * @param {{ documents: ReturnType<typeof import('./documents').createDocuments>, store: import('./store').Store,
 *   now: () => number, apiBase: () => string, signer: ReturnType<typeof import('./signed-links').createLinkSigner> }} deps
 * @returns {PlatformRoute[]}
 */
function documentShareRoutes({ documents, store, now, apiBase, signer }) {
	/** @param {PlatformContext} ctx */
	const accountOf = (ctx) => hub.accountOf(documents, ctx);
	/** @param {DocumentAccount} account */
	const subdomainOf = (account) => configurationValue(account.instance.configuration, 'sharefile.subdomain') || 'sandbox';

	/** CloudLink (SWG): `raw=true` adds ShareFile's item (INFERRED). @param {PlatformContext} ctx @param {string} fileId */
	function links(ctx, fileId) {
		const account = accountOf(ctx);
		const file = account.requireItem('file', fileId);
		const expiresMs = now() + LINK_LIFETIME_MS;
		const token = signer.sign({ instanceId: account.instance.id, fileId: file.Id, expiresMs });
		const subdomain = subdomainOf(account);
		return json(200, {
			cloudElementsLink: `${apiBase()}${PUBLIC}/links/${token}`,
			providerLink: `https://${subdomain}.sf-api.com/sf/v3/Items(${file.Id})/Download`,
			providerViewLink: `https://${subdomain}.sharefile.com/d/${file.Id}`,
			expires: new Date(expiresMs).toISOString(),
			...(ctx.query.get('raw') === 'true' ? { raw: file } : {}),
		});
	}

	/** @param {DocumentAccount} account @param {import('./document-shares').Share} share */
	function shareView(account, share) {
		// Items deleted since the share was made drop out of it.
		const listed = share.items.filter((id) => itemOrUndefined(account, id));
		return {
			id: share.id,
			uri: `${apiBase()}${PUBLIC}/shares/${share.id}`,
			shareType: 'Send',
			items: listed.map((id) => {
				const item = account.requireItem('any', id);
				return { id, name: item.Name, path: account.fullPath(item), directory: isFolder(item), size: item.FileSizeBytes };
			}),
			recipients: [...share.recipients],
			createdDate: share.createdDate,
			expirationDate: share.expirationDate,
			downloads: share.downloads,
			...(share.subject !== undefined ? { subject: share.subject } : {}),
			...(share.message !== undefined ? { message: share.message } : {}),
		};
	}

	/** @param {PlatformContext} ctx */
	function publicShare(ctx) {
		const { instance, share } = findShare(store.state.instances, ctx.params.shareId, now());
		const account = documents.account(instance);
		return { account, share, view: shareView(account, share) };
	}

	/** @param {DocumentAccount} account @param {import('./document-shares').Share} share @param {string} fileId */
	function shareDownload(account, share, fileId) {
		const result = hub.downloadResult(account, hub.requireDownloadable(account, account.requireItem('any', fileId)).Id);
		share.downloads += 1;
		store.commitSoon();
		return result;
	}

	return [
		{ method: 'GET', pattern: '/hubs/documents/files/links', handler: (ctx) => links(ctx, accountOf(ctx).requireAtPath(hub.pathQuery(ctx)).Id) },
		{ method: 'GET', pattern: '/hubs/documents/files/:id/links', handler: (ctx) => links(ctx, ctx.params.id) },
		{
			method: 'POST',
			pattern: '/hubs/documents/shares',
			handler: (ctx) => {
				const account = accountOf(ctx);
				const share = createShare(account, hub.bodyObject(ctx.body), now());
				account.instance.sharefile.shares[share.id] = share;
				store.commitSoon();
				return json(200, shareView(account, share));
			},
		},
		{
			method: 'GET',
			pattern: '/hubs/documents/shares/:shareId',
			handler: (ctx) => {
				const account = accountOf(ctx);
				const share = account.instance.sharefile.shares[ctx.params.shareId];
				if (!share) throw new CeError(404, `No share found with id '${ctx.params.shareId}'.`);
				return json(200, shareView(account, share));
			},
		},

		{
			method: 'GET',
			pattern: `${PUBLIC}/links/:token`,
			public: true,
			handler: (ctx) => {
				const link = signer.verify(ctx.params.token);
				const instance = store.state.instances.find((candidate) => candidate.id === link.instanceId);
				if (!instance) throw new CeError(404, 'The file of this link no longer exists.');
				return hub.downloadResult(documents.account(instance), documents.account(instance).requireItem('file', link.fileId).Id);
			},
		},
		{
			method: 'GET',
			pattern: `${PUBLIC}/shares/:shareId`,
			public: true,
			// One file: its bytes. Several items: what is in the share, each file with its own URL.
			handler: (ctx) => {
				const { account, share, view } = publicShare(ctx);
				if (view.items.length === 1 && !view.items[0].directory) return shareDownload(account, share, view.items[0].id);
				return json(200, {
					id: view.id,
					expirationDate: view.expirationDate,
					items: view.items.map((item) => ({ ...item, ...(item.directory ? {} : { downloadUrl: `${view.uri}/items/${item.id}` }) })),
				});
			},
		},
		{
			method: 'GET',
			pattern: `${PUBLIC}/shares/:shareId/items/:itemId`,
			public: true,
			handler: (ctx) => {
				const { account, share, view } = publicShare(ctx);
				if (!view.items.some((item) => item.id === ctx.params.itemId)) throw new CeError(404, 'No such item in this share.');
				return shareDownload(account, share, ctx.params.itemId);
			},
		},
	];
}

/** @param {DocumentAccount} account @param {string} id */
function itemOrUndefined(account, id) {
	try {
		return account.requireItem('any', id);
	} catch {
		return undefined;
	}
}

module.exports = { documentShareRoutes, LINK_LIFETIME_MS };
