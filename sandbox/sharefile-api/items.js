// @ts-check
'use strict';

const { badRequest, notFound, CeError } = require('../errors');
const { isFolder } = require('../sharefile-items');
const { checkName } = require('../documents');
const { selectFields, feed } = require('./odata');
const { accountIdOf } = require('./accounts');

/**
 * The Items entity of ShareFile's API v3 (SHAREFILE_API.md §2), on the same emulated account the
 * documents hub serves: every write goes through documents.js, so it is a change like any other
 * (dates, sizes, the poll endpoint, the instance's webhooks).
 * @typedef {import('../sharefile-items').RawItem} RawItem
 * @typedef {import('../documents').DocumentAccount} DocumentAccount
 * @typedef {{ method: string, id: string | undefined, navigation: string, query: URLSearchParams, url: URL,
 *   body: unknown, account: DocumentAccount, clientId: string, apiBase: string, request: import('node:http').IncomingMessage }} ApiContext
 *   `url` is the request's URL as the client can call it again; `apiBase` is `<sandbox>/sharefile/<host>/sf/v3`;
 *   `clientId` the OAuth client the access token was issued to.
 * @typedef {{ method: string, navigation: string, withId: boolean, withoutId: boolean, handler: (ctx: ApiContext) => Result | Promise<Result> }} ApiRoute
 *   One route of an entity set: `navigation` `''` is the entity itself; `withId`: `Entity(id)/...`, `withoutId`: `Entity/...`.
 * @typedef {import('../http-io').Result} Result
 */

/** Special ids the sandbox's single-user account has: `top` and `home` are its root (INFERRED for home). */
const ROOT_ALIASES = ['top', 'home'];
/** Special ids ShareFile has (CONFIRMED §2) that the sandbox does not emulate. */
const OTHER_SPECIAL_IDS = ['favorites', 'allshared', 'connectors', 'box'];

/** Case-insensitive field of a JSON body: ShareFile accepts `Name` and `name` alike (§2.1, rclone). @param {unknown} body @param {string} name */
function field(body, name) {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const key = Object.keys(body).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
	return key === undefined ? undefined : /** @type {Record<string, unknown>} */ (body)[key];
}

/** @param {unknown} body */
function requireObjectBody(body) {
	if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) throw badRequest('The request body must be a JSON object.');
	return body;
}

/** `true`/`false` in any case; absent is false. @param {URLSearchParams} query @param {string} name */
const flag = (query, name) => (query.get(name) || '').toLowerCase() === 'true';

/** @param {DocumentAccount} account @param {string} id */
function itemById(account, id) {
	if (ROOT_ALIASES.includes(id.toLowerCase())) return account.root();
	if (OTHER_SPECIAL_IDS.includes(id.toLowerCase())) throw notFound(`The special item '${id}' is not emulated by the sandbox; use 'top' or 'home'.`);
	return account.requireItem('any', id);
}

/** @param {ApiContext} ctx */
const target = (ctx) => (ctx.id === undefined ? ctx.account.root() : itemById(ctx.account, ctx.id));

/** @param {ApiContext} ctx @param {RawItem} item */
function requireFolder(ctx, item) {
	if (!isFolder(item)) throw badRequest(`'${ctx.account.fullPath(item)}' is a file, not a folder.`);
	return item;
}

/**
 * An item as the API answers it: the stored ShareFile item plus its `url` (pointing at the sandbox,
 * so a client can follow it), `$select` applied, and `$expand=Children` for a folder.
 * @param {ApiContext} ctx @param {RawItem} item
 */
function itemView(ctx, item) {
	/** @type {Record<string, unknown>} */
	const view = { ...item, url: `${ctx.apiBase}/Items(${item.Id})` };
	const expand = (ctx.query.get('$expand') || '').split(',').map((name) => name.trim().toLowerCase());
	if (isFolder(item) && expand.includes('children')) {
		view.Children = ctx.account.contentsOf(item.Id).map((child) => ({ ...child, url: `${ctx.apiBase}/Items(${child.Id})` }));
	}
	return selectFields(view, ctx.query.get('$select'));
}

/** @param {ApiContext} ctx @param {RawItem} item @returns {Result} */
const answer = (ctx, item) => ({ status: 200, body: itemView(ctx, item) });

/** `Items/ByPath?path=/Reports/a.txt` from the root, or `Items(id)/ByPath` under a folder. @param {ApiContext} ctx */
function byPath(ctx) {
	const path = ctx.query.get('path');
	if (!path) throw badRequest("The query parameter 'path' is required, e.g. ?path=/Reports/a.txt.");
	const base = ctx.id === undefined ? '' : ctx.account.fullPath(requireFolder(ctx, target(ctx)));
	return answer(ctx, ctx.account.requireAtPath(`${base}/${path}`));
}

/** @param {ApiContext} ctx @returns {Result} */
function children(ctx) {
	const folder = requireFolder(ctx, target(ctx));
	const views = ctx.account.contentsOf(folder.Id).map((child) => itemView(ctx, child));
	return { status: 200, body: feed(views, ctx.url, `${ctx.apiBase}/$metadata#Items`) };
}

/** @param {ApiContext} ctx */
function parent(ctx) {
	const item = target(ctx);
	if (!item.Parent) throw notFound('The root folder has no parent.');
	return answer(ctx, ctx.account.requireItem('folder', item.Parent.Id));
}

/**
 * `POST Items(parentId)/Folder?overwrite=false` `{ Name, Description? }` (CONFIRMED §2); `Items/Folder`
 * makes a top-level folder. A name already taken is a 409; with `overwrite=true` an existing folder
 * is answered as it is (INFERRED: nothing under it is touched).
 * @param {ApiContext} ctx
 */
function createFolder(ctx) {
	const body = requireObjectBody(ctx.body);
	const parentFolder = requireFolder(ctx, target(ctx));
	const name = field(body, 'Name') ?? field(body, 'FileName');
	if (typeof name !== 'string') throw badRequest("'Name' is required: the new folder's name.");
	checkName(name);
	const path = `${ctx.account.fullPath(parentFolder)}/${name}`;
	const existing = ctx.account.contentsOf(parentFolder.Id).find((child) => child.Name === name);
	if (existing && isFolder(existing) && flag(ctx.query, 'overwrite')) return answer(ctx, existing);
	const folder = ctx.account.createFolder({ path });
	const description = field(body, 'Description');
	if (typeof description === 'string' && description !== '') ctx.account.describe(folder.Id, description);
	return answer(ctx, folder);
}

/**
 * `PATCH Items(id)` with any of `Name`, `FileName`, `Description`, `Parent: { Id }` (CONFIRMED §2):
 * rename, move (a new Parent), or both in one call. Name wins over FileName; the sandbox keeps the two
 * equal for files too (INFERRED). A name taken at the destination is a 409.
 * @param {ApiContext} ctx
 */
function update(ctx) {
	const body = requireObjectBody(ctx.body);
	const item = target(ctx);
	const name = field(body, 'Name') ?? field(body, 'FileName');
	const parentRef = field(body, 'Parent');
	const description = field(body, 'Description');
	/** @type {{ name?: unknown, path?: unknown }} */
	const relocation = {};
	if (name !== undefined && name !== item.Name) relocation.name = name;
	if (parentRef !== undefined && parentRef !== null) {
		const parentId = field(parentRef, 'Id');
		if (typeof parentId !== 'string') throw badRequest("'Parent' must be { \"Id\": \"<folder id>\" }.");
		const destination = itemById(ctx.account, parentId);
		if (destination.Id === item.Id) throw badRequest('An item cannot be moved into itself.');
		if (!item.Parent || destination.Id !== item.Parent.Id) relocation.path = ctx.account.fullPath(requireFolder(ctx, destination));
	}
	if (relocation.name !== undefined || relocation.path !== undefined) ctx.account.relocate('any', item.Id, relocation);
	if (description !== undefined) {
		if (typeof description !== 'string') throw badRequest("'Description' must be a string.");
		ctx.account.describe(item.Id, description);
	}
	return answer(ctx, ctx.account.requireItem('any', item.Id));
}

/**
 * `POST Items(id)/Copy?targetid=<folder>&overwrite=false` → the copy (rclone reads the answer as the
 * new item, CONFIRMED §2). A name taken in the target is a 409 without overwrite; with it a file gets
 * the source's content as a new version, a folder is replaced.
 * @param {ApiContext} ctx
 */
function copy(ctx) {
	const source = target(ctx);
	const targetId = ctx.query.get('targetid') ?? ctx.query.get('targetId');
	if (!targetId) throw badRequest("The query parameter 'targetid' is required: the folder to copy into.");
	const destination = requireFolder(ctx, itemById(ctx.account, targetId));
	if (source.Id === ctx.account.rootId) throw badRequest('The root folder cannot be copied.');
	const kind = isFolder(source) ? 'folder' : 'file';
	const copied = ctx.account.copy(kind, source.Id, { path: `${ctx.account.fullPath(destination)}/${source.Name}` }, undefined, { overwrite: flag(ctx.query, 'overwrite') });
	return answer(ctx, copied);
}

/** `DELETE Items(id)` → 204 (CONFIRMED §2); a folder goes with everything under it. @param {ApiContext} ctx @returns {Result} */
function remove(ctx) {
	ctx.account.remove('any', target(ctx).Id);
	return { status: 204 };
}

/**
 * `GET Items/Search?query=&maxResults=50&skip=0`, or `Items(id)/Search` under a folder →
 * `SearchResults { PartialResults, Results, TimedOut }` (CONFIRMED §2). INFERRED: names only,
 * case-insensitive substring, in path order.
 * @param {ApiContext} ctx @returns {Result}
 */
function search(ctx) {
	const text = ctx.query.get('query');
	if (!text) throw badRequest("The query parameter 'query' is required.");
	const scope = requireFolder(ctx, target(ctx));
	const skip = Number(ctx.query.get('skip') || 0);
	const maxResults = Number(ctx.query.get('maxResults') || 50);
	if (!Number.isInteger(skip) || skip < 0 || !Number.isInteger(maxResults) || maxResults < 1) throw badRequest("'skip' must be >= 0 and 'maxResults' >= 1, whole numbers.");
	const needle = text.toLowerCase();
	const found = [...ctx.account.descendants(scope)].filter((item) => item.Name.toLowerCase().includes(needle));
	const results = found.slice(skip, skip + maxResults).map((item, index) => searchResult(ctx, item, skip + index + 1));
	return {
		status: 200,
		body: {
			'odata.metadata': `${ctx.apiBase}/$metadata#ShareFile.Api.Models.SearchResults@Element`,
			'odata.type': 'ShareFile.Api.Models.SearchResults',
			PartialResults: false,
			Results: results,
			TimedOut: false,
		},
	};
}

/** One hit, with SearchResult's fields (CONFIRMED §2; the values of the ids and statuses INFERRED). @param {ApiContext} ctx @param {RawItem} item @param {number} rank */
function searchResult(ctx, item, rank) {
	const parentItem = ctx.account.requireItem('folder', item.Parent.Id);
	return {
		Rank: rank,
		Score: 1,
		ItemID: item.Id,
		ParentID: parentItem.Id,
		ParentName: parentItem.Name,
		ItemType: isFolder(item) ? 'Folder' : 'File',
		FileName: item.FileName,
		DisplayName: item.Name,
		Size: item.FileSizeBytes,
		CreatorID: 'usandbox-user',
		CreatorName: item.CreatorNameShort,
		CreatorFirstName: item.CreatorFirstName,
		CreatorLastName: item.CreatorLastName,
		CreationDate: item.CreationDate,
		Details: item.Description,
		PreviewStatus: 'NotAvailable',
		VirusStatus: 'NotScanned',
		Url: `${ctx.apiBase}/Items(${item.Id})`,
		CanDownload: !isFolder(item),
		CanView: true,
		CanDelete: true,
		ParentSemanticPath: ctx.account.fullPath(parentItem),
		Path: item.Path,
		StreamID: item.StreamID,
		AccountID: accountIdOf(ctx.account.instance),
	};
}

/**
 * The Items routes by method and navigation (`''` is the item itself); `withId`: `Items(id)/...`,
 * `withoutId`: `Items/...`. Download and upload are in transfers.js and join this table there.
 * @type {ApiRoute[]}
 */
const ITEM_ROUTES = [
	{ method: 'GET', navigation: '', withId: true, withoutId: true, handler: (ctx) => answer(ctx, target(ctx)) },
	{ method: 'PATCH', navigation: '', withId: true, withoutId: false, handler: update },
	{ method: 'DELETE', navigation: '', withId: true, withoutId: false, handler: remove },
	{ method: 'GET', navigation: 'bypath', withId: true, withoutId: true, handler: byPath },
	{ method: 'GET', navigation: 'children', withId: true, withoutId: false, handler: children },
	{ method: 'GET', navigation: 'parent', withId: true, withoutId: false, handler: parent },
	{ method: 'POST', navigation: 'folder', withId: true, withoutId: true, handler: createFolder },
	{ method: 'POST', navigation: 'copy', withId: true, withoutId: false, handler: copy },
	{ method: 'GET', navigation: 'search', withId: true, withoutId: true, handler: search },
];

/**
 * The route for a parsed address, or the 404/405 a client gets.
 * @param {ApiRoute[]} routes @param {string} method @param {{ entity: string, id: string | undefined, navigation: string }} address
 */
function routeFor(routes, method, address) {
	const fitting = routes.filter((route) => route.navigation === address.navigation && (address.id === undefined ? route.withoutId : route.withId));
	if (fitting.length === 0) throw notFound(`No such resource: ${address.entity}${address.id === undefined ? '' : `(${address.id})`}${address.navigation ? `/${address.navigation}` : ''}.`);
	const route = fitting.find((candidate) => candidate.method === method);
	if (!route) {
		const allowed = [...new Set(fitting.map((candidate) => candidate.method))].join(', ');
		throw new CeError(405, `The method ${method} is not allowed here; use ${allowed}.`, { headers: { allow: allowed } });
	}
	return route;
}

module.exports = { ITEM_ROUTES, routeFor, itemView, itemById, requireFolder, field, flag, target };
