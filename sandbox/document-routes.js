// @ts-check
'use strict';

const { badRequest } = require('./errors');
const { json } = require('./http-io');
const { paginate } = require('./pagination');
const { parseWhere, timeWindow } = require('./ceql');
const { isFolder } = require('./sharefile-items');

/**
 * @typedef {import('./platform-routes').PlatformContext} PlatformContext
 * @typedef {import('./platform-routes').PlatformRoute} PlatformRoute
 * @typedef {import('./sharefile-items').RawItem} RawItem
 * @typedef {import('./documents').DocumentAccount} DocumentAccount
 */

/** The poll endpoint serves at most this many items a page, whatever pageSize asks. */
const MAX_POLL_PAGE_SIZE = 500;

/**
 * A document as the documents hub answers it: Cloud Elements' normalized fields, with ShareFile's
 * own item under `raw` (the shape the poll endpoint returns). INFERRED: the exact normalized field set.
 * @param {DocumentAccount} account
 * @param {RawItem} item
 */
function documentView(account, item) {
	return {
		id: item.Id,
		name: item.Name,
		path: account.fullPath(item),
		directory: isFolder(item),
		size: item.FileSizeBytes,
		createdDate: item.CreationDate,
		modifiedDate: item.ProgenyEditDate,
		parentFolderId: item.Parent ? item.Parent.Id : null,
		raw: item,
	};
}

/** @param {unknown} body */
function bodyObject(body) {
	if (body === undefined) return {};
	if (body === null || typeof body !== 'object' || Array.isArray(body)) throw badRequest('The request body must be a JSON object.');
	return /** @type {Record<string, unknown>} */ (body);
}

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
 * The ShareFile documents hub under `/hubs/documents` (the Element token is checked by the server
 * before any of these run, and `instance` is the token's instance).
 * @param {{ documents: ReturnType<typeof import('./documents').createDocuments> }} deps
 * @returns {PlatformRoute[]}
 */
function documentRoutes({ documents }) {
	/** @param {PlatformContext} ctx */
	const accountOf = (ctx) => documents.account(/** @type {import('./store').InstanceRecord} */ (ctx.instance));
	/** @param {PlatformContext} ctx @param {RawItem} item */
	const view = (ctx, item) => json(200, documentView(accountOf(ctx), item));
	/** @param {PlatformContext} ctx */
	const pathQuery = (ctx) => {
		const path = ctx.query.get('path');
		if (!path) throw badRequest("The query parameter 'path' is required, e.g. ?path=/top/Reports.");
		return path;
	};
	/** @param {PlatformContext} ctx */
	const updateFile = (ctx) => view(ctx, accountOf(ctx).updateFile(ctx.params.id, bodyObject(ctx.body)));
	/** @param {PlatformContext} ctx @param {RawItem} folder */
	const contents = (ctx, folder) => {
		const account = accountOf(ctx);
		const { page, headers } = paginate(account.contentsOf(folder.Id).map((item) => documentView(account, item)), ctx.query);
		return json(200, page, headers);
	};

	return [
		{
			method: 'POST',
			pattern: '/hubs/documents/files',
			handler: (ctx) => {
				const body = bodyObject(ctx.body);
				return view(ctx, accountOf(ctx).upload({ ...body, path: body.path ?? ctx.query.get('path') ?? undefined }));
			},
		},
		{
			method: 'GET',
			pattern: '/hubs/documents/files/metadata',
			handler: (ctx) => view(ctx, accountOf(ctx).requireItem('file', accountOf(ctx).requireAtPath(pathQuery(ctx)).Id)),
		},
		{
			method: 'GET',
			pattern: '/hubs/documents/files/:id',
			handler: (ctx) => ({ status: 200, bytes: accountOf(ctx).download(ctx.params.id) }),
		},
		{ method: 'PUT', pattern: '/hubs/documents/files/:id', handler: updateFile },
		{ method: 'PATCH', pattern: '/hubs/documents/files/:id', handler: updateFile },
		{
			method: 'DELETE',
			pattern: '/hubs/documents/files/:id',
			handler: (ctx) => {
				accountOf(ctx).remove('file', ctx.params.id);
				return json(200);
			},
		},
		{ method: 'GET', pattern: '/hubs/documents/files/:id/metadata', handler: (ctx) => view(ctx, accountOf(ctx).requireItem('file', ctx.params.id)) },
		{
			method: 'PATCH',
			pattern: '/hubs/documents/files/:id/metadata',
			handler: (ctx) => view(ctx, accountOf(ctx).relocate('file', ctx.params.id, bodyObject(ctx.body))),
		},

		{
			method: 'POST',
			pattern: '/hubs/documents/folders',
			handler: (ctx) => {
				const body = bodyObject(ctx.body);
				return view(ctx, accountOf(ctx).createFolder({ path: body.path ?? ctx.query.get('path') ?? undefined }));
			},
		},
		{
			method: 'GET',
			pattern: '/hubs/documents/folders/metadata',
			handler: (ctx) => view(ctx, accountOf(ctx).requireItem('folder', accountOf(ctx).requireAtPath(pathQuery(ctx)).Id)),
		},
		{
			method: 'GET',
			pattern: '/hubs/documents/folders/contents',
			handler: (ctx) => contents(ctx, accountOf(ctx).requireItem('folder', accountOf(ctx).requireAtPath(pathQuery(ctx)).Id)),
		},
		{
			method: 'DELETE',
			pattern: '/hubs/documents/folders/:id',
			handler: (ctx) => {
				accountOf(ctx).remove('folder', ctx.params.id);
				return json(200);
			},
		},
		{ method: 'GET', pattern: '/hubs/documents/folders/:id/metadata', handler: (ctx) => view(ctx, accountOf(ctx).requireItem('folder', ctx.params.id)) },
		{
			method: 'PATCH',
			pattern: '/hubs/documents/folders/:id/metadata',
			handler: (ctx) => view(ctx, accountOf(ctx).relocate('folder', ctx.params.id, bodyObject(ctx.body))),
		},
		{ method: 'GET', pattern: '/hubs/documents/folders/:id/contents', handler: (ctx) => contents(ctx, accountOf(ctx).requireItem('folder', ctx.params.id)) },

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

module.exports = { documentRoutes, documentView, MAX_POLL_PAGE_SIZE };
