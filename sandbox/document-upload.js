// @ts-check
'use strict';

const { badRequest } = require('./errors');
const { readMultipart } = require('./multipart');
const { contentOfBlob, releaseContent } = require('./document-content');
const { meaningfulContentType } = require('./content-type');
const { pathQuery, overwriteQuery, tagsQuery, bodyObject } = require('./document-hub');

/**
 * @typedef {import('./platform-routes').PlatformContext} PlatformContext
 * @typedef {import('./documents').DocumentAccount} DocumentAccount
 */

/**
 * `POST /hubs/documents/files?path=&overwrite=&description=&tags[]=` with a multipart body whose part
 * `file` holds the bytes (SWG; DOC D1, D4). The target is checked before a byte is read, so a 409
 * costs nothing; the bytes stream to a blob file, then the file is made (missing folders with it).
 * @param {DocumentAccount} account
 * @param {PlatformContext} ctx
 * @param {import('./blob-store').BlobStore} blobs
 */
async function multipartUpload(account, ctx, blobs) {
	const request = /** @type {import('node:http').IncomingMessage} */ (ctx.request);
	const path = pathQuery(ctx);
	const options = { implicitParents: true, overwrite: overwriteQuery(ctx) };
	account.uploadTarget(path, options);
	/** @type {ReturnType<typeof blobs.writer> | undefined} */
	let writer;
	/** @type {string | undefined} */
	let partType;
	try {
		await readMultipart(request, String(request.headers['content-type']), (part) => {
			if (part.name !== 'file') return undefined;
			if (writer) throw badRequest("The multipart body has more than one part named 'file'.");
			partType = part.contentType;
			writer = blobs.writer();
			return writer;
		});
	} catch (error) {
		writer?.abort();
		throw error;
	}
	if (!writer) throw badRequest("The multipart body needs a part named 'file' holding the file's bytes.");
	const body = contentOfBlob(await writer.finish(), blobs);
	try {
		return account.upload(
			{ path, body, description: ctx.query.get('description') ?? undefined, tags: tagsOrUndefined(ctx), mimeType: meaningfulContentType(partType) },
			undefined,
			options,
		);
	} catch (error) {
		releaseContent(body.stored, blobs);
		throw error;
	}
}

/** @param {PlatformContext} ctx */
function tagsOrUndefined(ctx) {
	const tags = tagsQuery(ctx.query);
	return tags.length > 0 ? tags : undefined;
}

/**
 * The sandbox's JSON upload `{ path, content | contentBase64 | size }` (kept for tests and the page),
 * with the hub's rules: missing folders made, `overwrite=true` replaces.
 * @param {DocumentAccount} account
 * @param {PlatformContext} ctx
 */
function jsonUpload(account, ctx) {
	const body = bodyObject(ctx.body);
	return account.upload(
		{ ...body, path: body.path ?? ctx.query.get('path') ?? undefined, description: ctx.query.get('description') ?? undefined, tags: tagsOrUndefined(ctx) },
		undefined,
		{ implicitParents: true, overwrite: overwriteQuery(ctx) },
	);
}

module.exports = { multipartUpload, jsonUpload };
