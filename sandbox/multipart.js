// @ts-check
'use strict';

const { badRequest } = require('./errors');

/**
 * @typedef {{ name: string, filename?: string, contentType?: string }} PartHeaders
 * @typedef {{ write: (chunk: Buffer) => Promise<void> }} PartSink
 */

const MAX_HEADER_BYTES = 16 * 1024;
const MAX_FIELD_BYTES = 64 * 1024;
const MAX_PARTS = 100;
const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** @param {string | undefined} contentType */
function isMultipart(contentType) {
	return /^multipart\/form-data\s*(;|$)/i.test(contentType || '');
}

/** @param {string} contentType */
function boundaryOf(contentType) {
	const match = /;\s*boundary=(?:"([^"]+)"|([^\s;]+))/i.exec(contentType);
	const boundary = match ? match[1] || match[2] : '';
	if (!boundary || boundary.length > 70) throw badRequest('The multipart/form-data body has no usable boundary in its Content-Type.');
	return boundary;
}

/**
 * `name="file"; filename="a.txt"; filename*=UTF-8''%C3%A9.txt`: quoted values may hold `;` and
 * backslash escapes, and `filename*` (RFC 5987) wins over `filename`.
 * @param {string} value
 */
function dispositionParameters(value) {
	/** @type {Record<string, string>} */
	const parameters = {};
	const pattern = /;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
	for (let match = pattern.exec(value); match; match = pattern.exec(value)) {
		const key = match[1].toLowerCase();
		parameters[key] = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[3].trim();
	}
	const extended = parameters['filename*'] && /^([\w-]+)'[^']*'(.*)$/.exec(parameters['filename*']);
	if (extended) {
		try {
			parameters.filename = decodeURIComponent(extended[2]);
		} catch {
			// a broken filename* falls back to the plain filename
		}
	}
	return parameters;
}

/** @param {Buffer} block @returns {PartHeaders} */
function parsePartHeaders(block) {
	/** @type {Record<string, string>} */
	const headers = {};
	for (const line of block.toString('utf8').split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
	}
	const disposition = headers['content-disposition'] || '';
	if (!/^form-data\s*(;|$)/i.test(disposition)) throw badRequest('Every multipart part needs a Content-Disposition: form-data header.');
	const parameters = dispositionParameters(disposition);
	if (parameters.name === undefined) throw badRequest('A multipart part has no name in its Content-Disposition.');
	return { name: parameters.name, filename: parameters.filename, contentType: headers['content-type'] };
}

/**
 * Feeds a readable's chunks to `onChunk` one at a time, pausing the readable while each is handled,
 * so a slow disk slows the socket instead of filling memory. Unlike `for await`, a failure does not
 * destroy the request: the server must still answer on its socket.
 * @param {import('node:stream').Readable} stream
 * @param {(chunk: Buffer) => Promise<void>} onChunk
 * @returns {Promise<void>}
 */
function eachChunk(stream, onChunk) {
	return new Promise((resolve, reject) => {
		let pending = Promise.resolve();
		let failed = false;
		stream.on('data', (chunk) => {
			stream.pause();
			pending = onChunk(chunk).then(
				() => {
					if (!failed) stream.resume();
				},
				(error) => {
					failed = true;
					reject(error);
				},
			);
		});
		stream.once('end', () => pending.then(() => resolve(), reject));
		stream.once('error', reject);
		stream.once('aborted', () => reject(badRequest('The client closed the connection before the upload ended.')));
	});
}

/**
 * Reads a `multipart/form-data` body as it arrives. Parts for which `openPart` returns a sink are
 * streamed to it (the sink never sees the delimiter: a possible delimiter prefix is held back until
 * the next chunk tells); other parts are kept as text fields of at most 64 KB.
 * @param {import('node:stream').Readable} stream
 * @param {string} contentType
 * @param {(part: PartHeaders) => PartSink | undefined} openPart
 * @returns {Promise<{ fields: Record<string, string> }>}
 */
async function readMultipart(stream, contentType, openPart) {
	const delimiter = Buffer.from(`\r\n--${boundaryOf(contentType)}`);
	/** @type {Record<string, string>} */
	const fields = {};
	/** @type {'preamble' | 'after-boundary' | 'headers' | 'body' | 'done'} */
	let state = 'preamble';
	// The first delimiter has no CRLF before it: lend it one so every delimiter looks the same.
	/** @type {Buffer} */
	let buffer = Buffer.from(CRLF);
	let parts = 0;
	/** @type {PartSink | undefined} */
	let sink;
	/** @type {{ name: string, chunks: Buffer[], size: number } | undefined} */
	let field;

	/** @param {Buffer} bytes */
	const emit = async (bytes) => {
		if (bytes.length === 0) return;
		if (sink) return sink.write(bytes);
		if (field) {
			field.size += bytes.length;
			if (field.size > MAX_FIELD_BYTES) throw badRequest(`The multipart field '${field.name}' is larger than ${MAX_FIELD_BYTES} bytes.`);
			field.chunks.push(Buffer.from(bytes));
		}
	};
	const endPart = () => {
		if (field) fields[field.name] = Buffer.concat(field.chunks).toString('utf8');
		sink = undefined;
		field = undefined;
	};

	await eachChunk(stream, async (chunk) => {
		if (state === 'done') return;
		buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
		for (;;) {
			if (state === 'preamble' || state === 'body') {
				const at = buffer.indexOf(delimiter);
				if (at < 0) {
					const safe = buffer.length - (delimiter.length - 1);
					if (safe > 0) {
						if (state === 'body') await emit(buffer.subarray(0, safe));
						buffer = buffer.subarray(safe);
					}
					return;
				}
				if (state === 'body') {
					await emit(buffer.subarray(0, at));
					endPart();
				}
				buffer = buffer.subarray(at + delimiter.length);
				state = 'after-boundary';
			} else if (state === 'after-boundary') {
				if (buffer.length >= 2 && buffer[0] === 0x2d && buffer[1] === 0x2d) {
					state = 'done';
					return;
				}
				const lineEnd = buffer.indexOf(CRLF);
				if (lineEnd < 0) {
					if (buffer.length > 1024) throw badRequest('The multipart body has garbage after a boundary.');
					return;
				}
				// RFC 2046 allows spaces and tabs between a boundary and its line break.
				if (!/^[ \t]*$/.test(buffer.subarray(0, lineEnd).toString('latin1'))) throw badRequest('The multipart body has garbage after a boundary.');
				buffer = buffer.subarray(lineEnd + CRLF.length);
				state = 'headers';
			} else if (state === 'headers') {
				const end = buffer.indexOf(HEADER_END);
				if (end < 0) {
					if (buffer.length > MAX_HEADER_BYTES) throw badRequest(`A multipart part's headers are longer than ${MAX_HEADER_BYTES} bytes.`);
					return;
				}
				if (++parts > MAX_PARTS) throw badRequest(`The multipart body has more than ${MAX_PARTS} parts.`);
				const headers = parsePartHeaders(buffer.subarray(0, end));
				buffer = buffer.subarray(end + HEADER_END.length);
				sink = openPart(headers);
				if (!sink) field = { name: headers.name, chunks: [], size: 0 };
				state = 'body';
			} else return;
		}
	});
	// `state` changes inside the callback, which the type checker cannot follow.
	if (/** @type {string} */ (state) !== 'done') throw badRequest('The multipart/form-data body ended before its closing boundary.');
	return { fields };
}

module.exports = { readMultipart, isMultipart, eachChunk };
