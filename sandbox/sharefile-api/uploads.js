// @ts-check
'use strict';

const crypto = require('node:crypto');
const { badRequest, notFound, CeError } = require('../errors');
const { readMultipart, isMultipart, eachChunk } = require('../multipart');
const { contentOfBlob, releaseContent } = require('../document-content');
const { checkName } = require('../documents');
const { isFolder } = require('../sharefile-items');
const { target, requireFolder, field } = require('./items');

/**
 * ShareFile's two-step upload (SHAREFILE_API.md §2.1): `POST Items(folder)/Upload2` (or the older
 * `Items(folder)/Upload` with the same values in the query) answers an UploadSpecification whose
 * `ChunkUri` is on a "storage host" and carries its own authorisation (no Bearer, CONFIRMED); the
 * bytes are then POSTed there, raw or as multipart/form-data, and streamed to a blob file, never
 * held whole in memory.
 * @typedef {import('./items').ApiContext} ApiContext
 * @typedef {import('../http-io').Result} Result
 * @typedef {{ id: string, instanceId: number, folderId: string, fileName: string, overwrite: boolean, raw: boolean,
 *   method: 'Standard' | 'Streamed', description: string | undefined, expiresMs: number,
 *   writer?: ReturnType<import('../blob-store').BlobStore['writer']>, received: number, nextIndex: number }} UploadSession
 */

const UPLOAD_PATH = '/sharefile-storage/upload.aspx';
/** How long a ChunkUri may wait for its bytes (INFERRED). */
const SESSION_LIFETIME_MS = 60 * 60 * 1000;
/** `threaded` (parallel chunks, then FinishUri) is not emulated: clients get a clear 400. */
const METHODS = /** @type {Record<string, 'Standard' | 'Streamed'>} */ ({ standard: 'Standard', streamed: 'Streamed' });

/** A parameter of Upload2's body (any case, §2.1) or of Upload's query. @param {ApiContext} ctx @param {string} name */
function parameter(ctx, name) {
	if (ctx.navigation === 'upload2') return field(ctx.body, name);
	const key = [...ctx.query.keys()].find((candidate) => candidate.toLowerCase() === name.toLowerCase());
	return key === undefined ? undefined : ctx.query.get(key);
}

/** `true`, `"true"` (any case) or `1` read as true. @param {unknown} value */
const truthy = (value) => value === true || value === 1 || (typeof value === 'string' && ['true', '1'].includes(value.toLowerCase()));

/**
 * @param {{ origin: () => string, now: () => number, blobs: import('../blob-store').BlobStore,
 *   accountOf: (instanceId: number) => import('../documents').DocumentAccount | undefined }} deps
 */
function createUploads({ origin, now, blobs, accountOf }) {
	/** @type {Map<string, UploadSession>} */
	const sessions = new Map();

	/** @param {UploadSession} session */
	function end(session) {
		session.writer?.abort();
		sessions.delete(session.id);
	}

	/** @param {ApiContext} ctx @returns {Result} */
	function specification(ctx) {
		const folder = requireFolder(ctx, target(ctx));
		const methodText = String(parameter(ctx, 'Method') ?? 'standard').toLowerCase();
		const method = METHODS[methodText];
		if (!method) throw badRequest(`Upload method '${methodText}' is not emulated by the sandbox; use standard or streamed.`);
		const fileName = parameter(ctx, 'FileName');
		if (typeof fileName !== 'string') throw badRequest("'FileName' is required: the name of the file to upload.");
		checkName(fileName);
		const overwrite = truthy(parameter(ctx, 'Overwrite'));
		const existing = ctx.account.contentsOf(folder.Id).find((child) => child.Name === fileName);
		// INFERRED: a taken name without Overwrite is refused here, before any byte is sent.
		if (existing && (isFolder(existing) || !overwrite)) {
			throw new CeError(409, `An item named '${fileName}' already exists in '${ctx.account.fullPath(folder)}'; set Overwrite to upload a new version.`);
		}
		for (const session of sessions.values()) if (session.expiresMs <= now()) end(session);
		const details = parameter(ctx, 'Details');
		/** @type {UploadSession} */
		const session = {
			id: crypto.randomBytes(16).toString('hex'),
			instanceId: ctx.account.instance.id,
			folderId: folder.Id,
			fileName,
			overwrite,
			// Upload2 defaults Raw to false (multipart), like the SDK's UploadRequestParams (INFERRED).
			raw: truthy(parameter(ctx, 'Raw')),
			method,
			description: typeof details === 'string' && details !== '' ? details : undefined,
			expiresMs: now() + SESSION_LIFETIME_MS,
			received: 0,
			nextIndex: 0,
		};
		sessions.set(session.id, session);
		const chunkUri = `${origin()}${UPLOAD_PATH}?uploadid=${session.id}&tool=apiv3`;
		return {
			status: 200,
			body: {
				'odata.metadata': `${ctx.apiBase}/$metadata#UploadSpecification/ShareFile.Api.Models.UploadSpecification@Element`,
				'odata.type': 'ShareFile.Api.Models.UploadSpecification',
				Method: method,
				PrepareUri: null,
				ChunkUri: chunkUri,
				FinishUri: null,
				ProgressData: null,
				IsResume: false,
				ResumeIndex: 0,
				ResumeOffset: 0,
				ResumeFileHash: '',
				MaxNumberOfThreads: 1,
				CanAcceptParamsInHeaders: false,
				IsDuplicateFileName: Boolean(existing),
			},
		};
	}

	/**
	 * One POST's bytes into the session's blob: the whole body when raw, else the file part of a
	 * multipart body (`Filedata` in the SDK, `File1` in the Python sample: the first part with a file
	 * name or named Filedata, since the name is not checked, INFERRED). Answers the chunk's MD5.
	 * @param {UploadSession} session @param {import('node:http').IncomingMessage} request
	 */
	async function receive(session, request) {
		const writer = (session.writer ??= blobs.writer());
		const chunkHash = crypto.createHash('md5');
		let chunkSize = 0;
		const sink = {
			/** @param {Buffer} bytes */
			write: async (bytes) => {
				chunkHash.update(bytes);
				chunkSize += bytes.length;
				await writer.write(bytes);
			},
		};
		if (!session.raw && isMultipart(request.headers['content-type'])) {
			let found = false;
			await readMultipart(request, String(request.headers['content-type']), (part) => {
				if (found || !(part.filename !== undefined || part.name.toLowerCase() === 'filedata')) return undefined;
				found = true;
				return sink;
			});
			if (!found) throw badRequest("The multipart body has no file part (a part named 'Filedata' or with a filename).");
		} else {
			if (!session.raw) throw badRequest('This upload was specified with Raw=false: send multipart/form-data with the file in a part named Filedata.');
			await eachChunk(request, sink.write);
		}
		session.received += chunkSize;
		return chunkHash.digest('hex');
	}

	/**
	 * The blob becomes the file; a name taken meanwhile, or bytes that do not match `filehash`, fail here.
	 * @param {UploadSession} session @param {string | null} fileHash
	 */
	async function finish(session, fileHash) {
		const account = accountOf(session.instanceId);
		if (!account) throw notFound('The account of this upload no longer exists.');
		const folder = account.requireItem('folder', session.folderId);
		const writer = session.writer ?? blobs.writer();
		session.writer = undefined;
		const body = contentOfBlob(await writer.finish(), blobs);
		try {
			if (fileHash && fileHash.toLowerCase() !== body.hash) throw badRequest('The file does not match its filehash.');
			return { account, file: account.upload({ path: `${account.fullPath(folder)}/${session.fileName}`, body, description: session.description }, undefined, { overwrite: session.overwrite }) };
		} catch (error) {
			releaseContent(body.stored, blobs);
			throw error;
		}
	}

	/**
	 * `POST <ChunkUri>[&fmt=json]`: standard uploads finish with their one POST; streamed ones append
	 * each `index`/`byteOffset` chunk in order (its `hash`, when given, checked) until `finish=true`
	 * (`filehash`, when given, checked). Answers: `fmt=json` → ShareFile's upload JSON; otherwise `OK`.
	 * @param {URLSearchParams} query @param {import('node:http').IncomingMessage} request
	 * @returns {Promise<Result>}
	 */
	async function chunk(query, request) {
		const json = (query.get('fmt') || '').toLowerCase() === 'json';
		try {
			const session = sessions.get(query.get('uploadid') || '');
			if (!session || session.expiresMs <= now()) throw notFound('This upload is unknown, finished or expired; ask Upload2 for a new ChunkUri.');
			try {
				return await chunkOf(session, query, request, json);
			} catch (error) {
				end(session);
				throw error;
			}
		} catch (error) {
			request.resume();
			return uploadFailure(error, json);
		}
	}

	/** @param {UploadSession} session @param {URLSearchParams} query @param {import('node:http').IncomingMessage} request @param {boolean} json */
	async function chunkOf(session, query, request, json) {
		const streamed = session.method === 'Streamed';
		if (streamed) {
			const index = query.get('index');
			const offset = query.get('byteOffset') ?? query.get('byteoffset');
			if (index !== null && Number(index) !== session.nextIndex) throw badRequest(`Chunk index ${index} came out of order; expected ${session.nextIndex}.`);
			if (offset !== null && Number(offset) !== session.received) throw badRequest(`Chunk byteOffset ${offset} does not follow the ${session.received} bytes received.`);
		}
		const hash = await receive(session, request);
		const expected = query.get('hash');
		if (streamed && expected && expected.toLowerCase() !== hash) throw badRequest('The chunk does not match its hash.');
		session.nextIndex += 1;
		if (streamed && (query.get('finish') || '').toLowerCase() !== 'true') return uploadAnswer(json, null);
		const fileHash = query.get('filehash');
		sessions.delete(session.id);
		const { file } = await finish(session, fileHash);
		return uploadAnswer(json, [
			{ uploadid: session.id, parentid: session.folderId, id: file.Id, streamid: file.StreamID, filename: file.FileName, displayname: file.Name, size: String(file.FileSizeBytes), md5: file.Hash },
		]);
	}

	return {
		specification,
		chunk,
		reset() {
			for (const session of [...sessions.values()]) end(session);
		},
	};
}

/**
 * The storage host's answers (§2.1): `fmt=json` gives `{ error, errorMessage, errorCode, value }`
 * (rclone reads `errorCode` and `size` as strings, CONFIRMED); without it success is `OK`.
 * @param {boolean} json @param {unknown[] | null} value @returns {Result}
 */
function uploadAnswer(json, value) {
	if (!json) return { status: 200, bytes: Buffer.from('OK'), headers: { 'content-type': 'text/plain; charset=utf-8' } };
	return { status: 200, body: { error: false, errorMessage: null, errorCode: '0', value } };
}

/**
 * A failed upload. JSON answers carry the failure's HTTP status and `error: true`; plain answers are
 * 200 with `ERROR:<message>`, the case the SDK warns clients about (CONFIRMED; which is sent when is
 * INFERRED).
 * @param {unknown} error @param {boolean} json @returns {Result}
 */
function uploadFailure(error, json) {
	if (!(error instanceof CeError)) throw error;
	if (!json) return { status: 200, bytes: Buffer.from(`ERROR:${error.message}`), headers: { 'content-type': 'text/plain; charset=utf-8' } };
	return { status: error.status, body: { error: true, errorMessage: error.message, errorCode: String(error.status), value: null } };
}

module.exports = { createUploads, UPLOAD_PATH };
