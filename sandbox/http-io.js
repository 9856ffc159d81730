// @ts-check
'use strict';

const { Transform } = require('node:stream');
const { pipeline } = require('node:stream/promises');
const { badRequest, CeError } = require('./errors');

/**
 * What a handler answers. Handlers return values instead of writing to the socket, so the server can
 * decide late how the answer leaves: whole, or cut short by a `broken` fault.
 * `bytes` is a download: sent as is, `application/octet-stream` unless the headers say otherwise.
 * `stream` is a download too big to hold: piped out, with the `content-length` its headers give.
 * @typedef {{ status: number, body?: unknown, html?: string, bytes?: Buffer, stream?: import('node:stream').Readable,
 *   headers?: Record<string, string> }} Result
 */

const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** @param {import('node:http').IncomingMessage} req @returns {Promise<Buffer>} */
function readBody(req) {
	return new Promise((resolve, reject) => {
		/** @type {Buffer[]} */
		const chunks = [];
		let size = 0;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				reject(new CeError(413, `The request body is larger than ${MAX_BODY_BYTES} bytes.`));
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/**
 * An empty body is allowed (e.g. `PUT /instances/{id}/enabled`); anything else on a write must be JSON.
 * @param {Buffer} raw
 * @param {string} method
 * @returns {unknown}
 */
function parseJsonBody(raw, method) {
	if (!['POST', 'PUT', 'PATCH'].includes(method)) return undefined;
	const text = raw.toString('utf8');
	if (text.trim() === '') return undefined;
	try {
		return JSON.parse(text);
	} catch {
		// V8's parse message quotes the body, which may hold secrets: say only what is wrong.
		throw badRequest('The request body is not valid JSON.');
	}
}

/** @param {number} status @param {unknown} [body] @param {Record<string, string>} [headers] @returns {Result} */
function json(status, body, headers) {
	return { status, body, headers };
}

/** @param {Result} result */
function serialize(result) {
	/** @type {Record<string, string>} */
	const headers = { ...(result.headers || {}) };
	/** @type {Buffer} */
	let payload = Buffer.alloc(0);
	if (result.bytes !== undefined) {
		headers['content-type'] ??= 'application/octet-stream';
		payload = result.bytes;
	} else if (result.html !== undefined) {
		headers['content-type'] = 'text/html; charset=utf-8';
		payload = Buffer.from(result.html, 'utf8');
	} else if (result.body !== undefined) {
		headers['content-type'] = 'application/json;charset=UTF-8';
		payload = Buffer.from(JSON.stringify(result.body), 'utf8');
	}
	return { headers, payload };
}

/**
 * Pipes a streamed download, at most `limit` bytes of it. Resolves when it is sent, or the client left.
 * @param {import('node:http').ServerResponse} res
 * @param {import('node:stream').Readable} stream
 * @param {number} [limit]
 */
async function pipeOut(res, stream, limit = Infinity) {
	let left = limit;
	const cut = new Transform({
		transform(chunk, _encoding, done) {
			const part = chunk.length > left ? chunk.subarray(0, left) : chunk;
			left -= part.length;
			done(null, part);
			if (left <= 0) this.push(null);
		},
	});
	try {
		await pipeline(stream, cut, res, { end: limit === Infinity });
	} catch {
		// The client went away, or the cut ended the copy early: nothing more to send either way.
	} finally {
		stream.destroy();
	}
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {Result} result
 * @param {string} requestId
 * @returns {Promise<void> | void}
 */
function writeResult(res, result, requestId) {
	if (result.stream) {
		res.writeHead(result.status, { 'content-type': 'application/octet-stream', ...(result.headers || {}), 'elements-request-id': requestId });
		return pipeOut(res, result.stream);
	}
	const { headers, payload } = serialize(result);
	headers['elements-request-id'] = requestId;
	headers['content-length'] = String(payload.length);
	res.writeHead(result.status, headers);
	res.end(payload);
}

/**
 * Sends the status line, headers and about half of the body, then drops the connection, the way a proxy
 * that dies mid-response does. No content-length, so the client cannot tell early that bytes are missing.
 * @param {import('node:http').ServerResponse} res
 * @param {Result} result
 * @param {string} requestId
 */
function writeBroken(res, result, requestId) {
	if (result.stream) {
		const length = Number(result.headers?.['content-length'] || 0);
		const { 'content-length': _, ...headers } = result.headers || {};
		res.writeHead(result.status, { ...headers, 'elements-request-id': requestId });
		return pipeOut(res, result.stream, Math.max(1, Math.floor(length / 2))).then(() => {
			res.socket?.destroy();
		});
	}
	const { headers, payload } = serialize(result);
	headers['elements-request-id'] = requestId;
	if (!headers['content-type']) headers['content-type'] = 'application/json;charset=UTF-8';
	const full = payload.length > 1 ? payload : Buffer.from('{"requestId":"' + requestId + '","items":[]}');
	res.writeHead(result.status, headers);
	res.write(full.subarray(0, Math.max(1, Math.floor(full.length / 2))), () => {
		res.socket?.destroy();
	});
}

module.exports = { readBody, parseJsonBody, json, writeResult, writeBroken };
