// @ts-check
'use strict';

const { CeError } = require('./errors');
const { json } = require('./http-io');
const { configurationValue } = require('./configuration');
const { createShare, findShare, downloadsUsedUp } = require('./document-shares');
const { paginate } = require('./pagination');
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
 * ShareFile's share object, as the element passes it through (INFERRED beyond the fields T1
 * sends). Items deleted since the share was made drop out of it.
 * `base` is the Cloud Elements API root the share's public `Uri` hangs off.
 * @param {string} base @param {DocumentAccount} account @param {import('./document-shares').Share} share
 */
function shareViewOf(base, account, share) {
	const listed = share.items.map((id) => itemOrUndefined(account, id)).filter((item) => item !== undefined);
	return {
		'odata.type': 'ShareFile.Api.Models.Share',
		Id: share.id,
		Uri: `${base}${PUBLIC}/shares/${share.id}`,
		ShareType: share.shareType ?? 'Send',
		Title: share.title ?? share.subject ?? '',
		Items: listed.map((item) => ({
			'odata.type': item['odata.type'],
			Id: item.Id,
			Name: item.Name,
			Path: account.fullPath(item),
			FileSizeBytes: item.FileSizeBytes,
		})),
		Recipients: share.recipients.map((email) => ({ User: { Email: email } })),
		CreationDate: share.createdDate,
		ExpirationDate: share.expirationDate,
		RequireLogin: share.requireLogin ?? false,
		RequireUserInfo: share.requireUserInfo ?? false,
		MaxDownloads: share.maxDownloads ?? -1,
		TotalDownloads: share.downloads,
		UsesStreamIDs: false,
	};
}

/**
 * Links (`/files/{id}/links`, `/files/links?path=`) and ShareFile shares (`/share`), and the public URLs
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
	const shareView = (account, share) => shareViewOf(apiBase(), account, share);

	/** @param {PlatformContext} ctx */
	function publicShare(ctx) {
		const { instance, share } = findShare(store.state.instances, ctx.params.shareId, now());
		const account = documents.account(instance);
		if (share.requireLogin) throw new CeError(401, 'This share requires signing in to ShareFile, which the sandbox does not emulate.');
		return { account, share, view: shareView(account, share) };
	}

	/** @param {DocumentAccount} account @param {import('./document-shares').Share} share @param {string} fileId */
	function shareDownload(account, share, fileId) {
		if (downloadsUsedUp(share)) throw new CeError(403, `This share allowed ${share.maxDownloads} downloads; they are used up.`);
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
			pattern: '/hubs/documents/share',
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
			pattern: '/hubs/documents/share',
			handler: (ctx) => {
				const account = accountOf(ctx);
				const shares = Object.values(account.instance.sharefile.shares).sort((a, b) => a.createdDate.localeCompare(b.createdDate) || a.id.localeCompare(b.id));
				const { page, headers } = paginate(shares.map((share) => shareView(account, share)), ctx.query);
				return json(200, page, headers);
			},
		},
		{
			method: 'GET',
			pattern: '/hubs/documents/share/:shareId',
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
				if (view.ShareType === 'Request') {
					return json(200, { id: view.Id, shareType: view.ShareType, title: view.Title, expirationDate: view.ExpirationDate, folder: publicItem(view.Items[0]) });
				}
				if (view.Items.length === 1 && !isFolderView(view.Items[0])) return shareDownload(account, share, view.Items[0].Id);
				return json(200, {
					id: view.Id,
					title: view.Title,
					expirationDate: view.ExpirationDate,
					items: view.Items.map((item) => ({ ...publicItem(item), ...(isFolderView(item) ? {} : { downloadUrl: `${view.Uri}/items/${item.Id}` }) })),
				});
			},
		},
		{
			method: 'GET',
			pattern: `${PUBLIC}/shares/:shareId/items/:itemId`,
			public: true,
			handler: (ctx) => {
				const { account, share, view } = publicShare(ctx);
				if (view.ShareType !== 'Send' || !view.Items.some((item) => item.Id === ctx.params.itemId)) throw new CeError(404, 'No such item in this share.');
				return shareDownload(account, share, ctx.params.itemId);
			},
		},
	];
}

/** @param {{ 'odata.type': string }} item */
const isFolderView = (item) => item['odata.type'] === 'ShareFile.Api.Models.Folder';

/** What the public page of a share shows of an item. @param {{ 'odata.type': string, Id: string, Name: string, FileSizeBytes: number }} item */
const publicItem = (item) => ({ id: item.Id, name: item.Name, directory: isFolderView(item), size: item.FileSizeBytes });

/** @param {DocumentAccount} account @param {string} id */
function itemOrUndefined(account, id) {
	try {
		return account.requireItem('any', id);
	} catch {
		return undefined;
	}
}

module.exports = { documentShareRoutes, shareViewOf, LINK_LIFETIME_MS };
