// @ts-check
'use strict';

const { json } = require('./http-io');
const { paginate } = require('./pagination');
const { parseWhere, timeWindow } = require('./ceql');
const hub = require('./document-hub');
const { multipartUpload, jsonUpload } = require('./document-upload');

/**
 * @typedef {import('./platform-routes').PlatformContext} PlatformContext
 * @typedef {import('./platform-routes').PlatformRoute} PlatformRoute
 * @typedef {import('./sharefile-items').RawItem} RawItem
 * @typedef {import('./documents').DocumentAccount} DocumentAccount
 */

/** The poll endpoint serves at most this many items a page, whatever pageSize asks. */
const MAX_POLL_PAGE_SIZE = 500;

/**
 * Items changed in the `where` window, oldest first. The cached order lets a page start with a
 * binary search instead of a scan, so paging through 10,000 items stays cheap.
 * @param {DocumentAccount} account
 * @param {string | null} where
 */
function polledItems(account, where) {
	const ordered = account.byProgenyEditDate();
	if (where === null) return ordered.map((entry) => entry.item);
	const window = timeWindow(parseWhere(where));
	let low = 0;
	let high = ordered.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (ordered[middle].t < window.from) low = middle + 1;
		else high = middle;
	}
	/** @type {RawItem[]} */
	const matching = [];
	for (let i = low; i < ordered.length; i++) if (window.includes(ordered[i].t)) matching.push(ordered[i].item);
	return matching;
}

/**
 * The ShareFile documents hub's files and folders under `/hubs/documents`, each by id and by
 * `?path=` (the Element token is checked by the server before any of these run, and `instance` is
 * the token's instance). Links, shares, search and revisions are in document-share-routes.js and
 * document-search-routes.js.
 * @param {{ documents: ReturnType<typeof import('./documents').createDocuments> }} deps
 * @returns {PlatformRoute[]}
 */
function documentRoutes({ documents }) {
	/** @param {PlatformContext} ctx */
	const accountOf = (ctx) => hub.accountOf(documents, ctx);
	/** @param {PlatformContext} ctx @param {RawItem} item */
	const view = (ctx, item) => hub.view(accountOf(ctx), item);
	/** @param {PlatformContext} ctx @param {'file' | 'folder'} kind */
	const atPath = (ctx, kind) => accountOf(ctx).requireItem(kind, accountOf(ctx).requireAtPath(hub.pathQuery(ctx)).Id).Id;
	/** @param {PlatformContext} ctx */
	const updateFile = (ctx) => view(ctx, accountOf(ctx).updateFile(ctx.params.id, hub.bodyObject(ctx.body)));
	/** @param {PlatformContext} ctx @param {string} folderId */
	const contents = (ctx, folderId) => {
		const account = accountOf(ctx);
		const { page, headers } = paginate(account.contentsOf(folderId).map((item) => hub.documentView(account, item)), ctx.query);
		return json(200, page, headers);
	};
	/** @param {PlatformContext} ctx @param {string} fileId */
	const download = (ctx, fileId) => hub.downloadResult(accountOf(ctx), hub.requireDownloadable(accountOf(ctx), accountOf(ctx).requireItem('any', fileId)).Id);
	/** A hub delete answers 200 with no body; `emptyTrash` is accepted and means nothing here (no trash). @param {PlatformContext} ctx @param {'file' | 'folder'} kind @param {string} id */
	const remove = (ctx, kind, id) => {
		accountOf(ctx).remove(kind, id);
		return json(200);
	};
	/**
	 * The path forms make missing folders (DOC D4 names them for ShareFile); the id forms keep the
	 * strict rule: a missing destination folder is a 404.
	 * @param {PlatformContext} ctx @param {'file' | 'folder'} kind @param {string} id @param {boolean} implicitParents
	 */
	const patch = (ctx, kind, id, implicitParents) =>
		view(ctx, accountOf(ctx).relocate(kind, id, hub.bodyObject(ctx.body), undefined, { implicitParents, overwrite: hub.overwriteQuery(ctx) }));
	/** @param {PlatformContext} ctx @param {'file' | 'folder'} kind @param {string} id */
	const copy = (ctx, kind, id) => view(ctx, accountOf(ctx).copy(kind, id, hub.bodyObject(ctx.body), undefined, { overwrite: hub.overwriteQuery(ctx) }));

	return [
		{
			method: 'POST',
			pattern: '/hubs/documents/files',
			handler: async (ctx) => view(ctx, ctx.request ? await multipartUpload(accountOf(ctx), ctx, documents.blobs) : jsonUpload(accountOf(ctx), ctx)),
		},
		{ method: 'GET', pattern: '/hubs/documents/files', handler: (ctx) => download(ctx, accountOf(ctx).requireAtPath(hub.pathQuery(ctx)).Id) },
		{ method: 'DELETE', pattern: '/hubs/documents/files', handler: (ctx) => remove(ctx, 'file', atPath(ctx, 'file')) },
		{ method: 'GET', pattern: '/hubs/documents/files/metadata', handler: (ctx) => view(ctx, accountOf(ctx).requireItem('file', atPath(ctx, 'file'))) },
		{ method: 'PATCH', pattern: '/hubs/documents/files/metadata', handler: (ctx) => patch(ctx, 'file', atPath(ctx, 'file'), true) },
		{ method: 'POST', pattern: '/hubs/documents/files/copy', handler: (ctx) => copy(ctx, 'file', atPath(ctx, 'file')) },
		{ method: 'GET', pattern: '/hubs/documents/files/:id', handler: (ctx) => download(ctx, ctx.params.id) },
		{ method: 'PUT', pattern: '/hubs/documents/files/:id', handler: updateFile },
		{ method: 'PATCH', pattern: '/hubs/documents/files/:id', handler: updateFile },
		{ method: 'DELETE', pattern: '/hubs/documents/files/:id', handler: (ctx) => remove(ctx, 'file', ctx.params.id) },
		{ method: 'GET', pattern: '/hubs/documents/files/:id/metadata', handler: (ctx) => view(ctx, accountOf(ctx).requireItem('file', ctx.params.id)) },
		{ method: 'PATCH', pattern: '/hubs/documents/files/:id/metadata', handler: (ctx) => patch(ctx, 'file', ctx.params.id, false) },
		{ method: 'POST', pattern: '/hubs/documents/files/:id/copy', handler: (ctx) => copy(ctx, 'file', ctx.params.id) },

		{
			method: 'POST',
			pattern: '/hubs/documents/folders',
			handler: (ctx) => {
				const body = hub.bodyObject(ctx.body);
				const input = { path: body.path ?? ctx.query.get('path') ?? undefined, name: body.name };
				return view(ctx, accountOf(ctx).createFolder(input, undefined, { implicitParents: true }));
			},
		},
		{ method: 'DELETE', pattern: '/hubs/documents/folders', handler: (ctx) => remove(ctx, 'folder', atPath(ctx, 'folder')) },
		{ method: 'GET', pattern: '/hubs/documents/folders/metadata', handler: (ctx) => view(ctx, accountOf(ctx).requireItem('folder', atPath(ctx, 'folder'))) },
		{ method: 'PATCH', pattern: '/hubs/documents/folders/metadata', handler: (ctx) => patch(ctx, 'folder', atPath(ctx, 'folder'), true) },
		{ method: 'POST', pattern: '/hubs/documents/folders/copy', handler: (ctx) => copy(ctx, 'folder', atPath(ctx, 'folder')) },
		{ method: 'GET', pattern: '/hubs/documents/folders/contents', handler: (ctx) => contents(ctx, atPath(ctx, 'folder')) },
		{ method: 'DELETE', pattern: '/hubs/documents/folders/:id', handler: (ctx) => remove(ctx, 'folder', ctx.params.id) },
		{ method: 'GET', pattern: '/hubs/documents/folders/:id/metadata', handler: (ctx) => view(ctx, accountOf(ctx).requireItem('folder', ctx.params.id)) },
		{ method: 'PATCH', pattern: '/hubs/documents/folders/:id/metadata', handler: (ctx) => patch(ctx, 'folder', ctx.params.id, false) },
		{ method: 'POST', pattern: '/hubs/documents/folders/:id/copy', handler: (ctx) => copy(ctx, 'folder', ctx.params.id) },
		{ method: 'GET', pattern: '/hubs/documents/folders/:id/contents', handler: (ctx) => contents(ctx, ctx.params.id) },

		{
			method: 'GET',
			pattern: '/hubs/documents/events/poll/documents',
			handler: (ctx) => {
				const { page, headers } = paginate(polledItems(accountOf(ctx), ctx.query.get('where')), ctx.query, { maxPageSize: MAX_POLL_PAGE_SIZE });
				return json(200, page, headers);
			},
		},
	];
}

module.exports = { documentRoutes, MAX_POLL_PAGE_SIZE };
