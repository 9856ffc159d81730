// @ts-check
'use strict';

const { badRequest, notFound } = require('./errors');
const { json } = require('./http-io');
const { paginate } = require('./pagination');
const { readInstant } = require('./clock');
const { isFolder } = require('./sharefile-items');
const hub = require('./document-hub');

/**
 * @typedef {import('./platform-routes').PlatformContext} PlatformContext
 * @typedef {import('./platform-routes').PlatformRoute} PlatformRoute
 * @typedef {import('./documents').DocumentAccount} DocumentAccount
 * @typedef {import('./sharefile-items').RawItem} RawItem
 */

/**
 * `startDate`/`endDate` bound the created date, and each needs the other (SWG). Either ISO text or
 * epoch ms, as the sandbox reads dates everywhere.
 * @param {URLSearchParams} query
 */
function createdWindow(query) {
	const start = query.get('startDate');
	const end = query.get('endDate');
	if (!start && !end) return undefined;
	if (!start || !end) throw badRequest("'startDate' and 'endDate' go together: give both or neither.");
	const from = readInstant(start, 'startDate');
	const to = readInstant(end, 'endDate');
	if (from > to) throw badRequest("'startDate' is after 'endDate'.");
	return { from, to };
}

/**
 * Search (SWG): names only, a case-insensitive substring, everything under `path` (default the
 * root), sub-folders included; `tags[]` keeps files carrying all of them. `where` is ignored
 * (INFERRED, UNKNOWN for ShareFile). Answers in path order, paged like the folder contents.
 * @param {DocumentAccount} account
 * @param {URLSearchParams} query
 */
function search(account, query) {
	const start = query.get('path') ? account.requireAtPath(query.get('path')) : account.root();
	if (!isFolder(start)) throw badRequest(`'${account.fullPath(start)}' is a file; search starts from a folder.`);
	const text = (query.get('text') || '').toLowerCase();
	const window = createdWindow(query);
	const tags = hub.tagsQuery(query);
	/** @type {RawItem[]} */
	const found = [];
	for (const item of account.descendants(start)) {
		if (text && !item.Name.toLowerCase().includes(text)) continue;
		if (window) {
			const created = Date.parse(item.CreationDate);
			if (created < window.from || created > window.to) continue;
		}
		if (tags.length > 0 && (isFolder(item) || !tags.every((tag) => account.tagsOf(item.Id).includes(tag)))) continue;
		found.push(item);
	}
	return found;
}

/**
 * A content version of a file. `filePath` is confirmed (T1 passes it back as `?path=`); the rest
 * of the shape is INFERRED. Newest first, the current one marked `current`.
 * @param {DocumentAccount} account @param {RawItem} file
 */
function revisionViews(account, file) {
	const list = account.revisions(file);
	return list
		.map((revision, index) => ({
			id: revision.id,
			fileId: file.Id,
			name: file.Name,
			filePath: account.fullPath(file),
			size: revision.size,
			hash: revision.hash,
			modifiedDate: revision.modifiedDate,
			current: index === list.length - 1,
		}))
		.reverse();
}

/**
 * Search and revisions of the documents hub.
 * @param {{ documents: ReturnType<typeof import('./documents').createDocuments> }} deps
 * @returns {PlatformRoute[]}
 */
function documentSearchRoutes({ documents }) {
	/** @param {PlatformContext} ctx */
	const accountOf = (ctx) => hub.accountOf(documents, ctx);
	/** @param {PlatformContext} ctx */
	const fileAtPath = (ctx) => accountOf(ctx).requireItem('file', accountOf(ctx).requireAtPath(hub.pathQuery(ctx)).Id);
	/** @param {PlatformContext} ctx @param {RawItem} file */
	const revisions = (ctx, file) => json(200, revisionViews(accountOf(ctx), file));
	/** @param {PlatformContext} ctx @param {RawItem} file @param {string} revisionId */
	const revision = (ctx, file, revisionId) => {
		const found = revisionViews(accountOf(ctx), file).find((candidate) => candidate.id === revisionId);
		if (!found) throw notFound(`No revision '${revisionId}' of file '${file.Id}'.`);
		return json(200, found);
	};

	return [
		{
			method: 'GET',
			pattern: '/hubs/documents/search',
			handler: (ctx) => {
				const account = accountOf(ctx);
				const { page, headers } = paginate(search(account, ctx.query).map((item) => hub.documentView(account, item)), ctx.query);
				return json(200, page, headers);
			},
		},
		{ method: 'GET', pattern: '/hubs/documents/files/revisions', handler: (ctx) => revisions(ctx, fileAtPath(ctx)) },
		{ method: 'GET', pattern: '/hubs/documents/files/revisions/:revisionId', handler: (ctx) => revision(ctx, fileAtPath(ctx), ctx.params.revisionId) },
		{ method: 'GET', pattern: '/hubs/documents/files/:id/revisions', handler: (ctx) => revisions(ctx, accountOf(ctx).requireItem('file', ctx.params.id)) },
		{
			method: 'GET',
			pattern: '/hubs/documents/files/:id/revisions/:revisionId',
			handler: (ctx) => revision(ctx, accountOf(ctx).requireItem('file', ctx.params.id), ctx.params.revisionId),
		},
	];
}

module.exports = { documentSearchRoutes };
