// @ts-check
'use strict';

const { badRequest } = require('./errors');
const { json } = require('./http-io');
const { isFolder } = require('./sharefile-items');
const { guessContentType, attachmentDisposition } = require('./content-type');

/**
 * What every documents-hub route needs: the token's account, the normalized view, the query's
 * `path`, `overwrite` and `tags[]`, and a download answer.
 * @typedef {import('./platform-routes').PlatformContext} PlatformContext
 * @typedef {import('./platform-routes').PlatformRoute} PlatformRoute
 * @typedef {import('./sharefile-items').RawItem} RawItem
 * @typedef {import('./documents').DocumentAccount} DocumentAccount
 * @typedef {ReturnType<typeof import('./documents').createDocuments>} Documents
 */

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
		tags: [...account.tagsOf(item.Id)],
		raw: item,
	};
}

/** @param {unknown} body */
function bodyObject(body) {
	if (body === undefined) return {};
	if (body === null || typeof body !== 'object' || Array.isArray(body)) throw badRequest('The request body must be a JSON object.');
	return /** @type {Record<string, unknown>} */ (body);
}

/** @param {Documents} documents @param {PlatformContext} ctx */
const accountOf = (documents, ctx) => documents.account(/** @type {import('./store').InstanceRecord} */ (ctx.instance));

/** @param {PlatformContext} ctx */
function pathQuery(ctx) {
	const path = ctx.query.get('path');
	if (!path) throw badRequest("The query parameter 'path' is required, e.g. ?path=/top/Reports.");
	return path;
}

/** `overwrite=true` (any case) replaces; anything else, or nothing, does not (INFERRED default false). @param {PlatformContext} ctx */
const overwriteQuery = (ctx) => (ctx.query.get('overwrite') || '').toLowerCase() === 'true';

/** `tags[]=a&tags[]=b`, or csv in one (SWG's collection format, what C4 sends). @param {URLSearchParams} query */
function tagsQuery(query) {
	const values = [...query.getAll('tags[]'), ...query.getAll('tags')].flatMap((value) => value.split(',')).map((tag) => tag.trim());
	return values.filter((tag) => tag !== '');
}

/**
 * A file's bytes, streamed, with the headers a browser saves correctly (RFC 6266). The content type
 * is the one given at upload, else guessed from the name (INFERRED headers, DOCUMENTS_HUB §4.2).
 * @param {DocumentAccount} account @param {string} fileId
 * @returns {import('./http-io').Result}
 */
function downloadResult(account, fileId) {
	const { file, stream, size, mimeType } = account.download(fileId);
	return {
		status: 200,
		stream,
		headers: {
			'content-type': mimeType || guessContentType(file.Name),
			'content-length': String(size),
			'content-disposition': attachmentDisposition(file.Name),
		},
	};
}

/** A download of a folder is a 400 (you cannot download a folder), an unknown item a 404. @param {DocumentAccount} account @param {RawItem} item */
function requireDownloadable(account, item) {
	if (isFolder(item)) throw badRequest(`'${account.fullPath(item)}' is a folder; only files can be downloaded.`);
	return item;
}

/** @param {DocumentAccount} account @param {RawItem} item */
const view = (account, item) => json(200, documentView(account, item));

module.exports = { documentView, bodyObject, accountOf, pathQuery, overwriteQuery, tagsQuery, downloadResult, requireDownloadable, view };
