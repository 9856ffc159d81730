// @ts-check
'use strict';

const { Readable } = require('node:stream');
const { badRequest } = require('./errors');
const items = require('./sharefile-items');

/**
 * @typedef {import('./store').StoredContent} StoredContent
 * @typedef {import('./blob-store').BlobStore} BlobStore
 * @typedef {{ stored: StoredContent | undefined, size: number, hash: string }} Content
 */

/**
 * Contents up to this size stay in the state JSON (text readable there, as before); larger ones are
 * blob files, so the state file stays small and a big file is never read into memory.
 */
const INLINE_LIMIT = 64 * 1024;
const MAX_VIRTUAL_SIZE = 1024 * 1024 * 1024;
const ZERO_CHUNK = 64 * 1024;

/**
 * Bytes given as base64 text (`contentBase64`): standard alphabet, padded, line breaks allowed (what
 * `base64` and a browser's FileReader write). Node's decoder skips what it cannot read, so the text
 * must encode back to itself, or a typo would silently store other bytes.
 * @param {unknown} value
 */
function decodeBase64(value) {
	if (typeof value !== 'string') throw badRequest("'contentBase64' must be a string of base64 text.");
	const text = value.replace(/\s+/g, '');
	const bytes = Buffer.from(text, 'base64');
	if (bytes.toString('base64') !== text) throw badRequest("'contentBase64' is not valid base64 (standard alphabet A-Z a-z 0-9 + /, padded with =).");
	return bytes;
}

/**
 * How bytes are kept: small ones in the state file, as text when they are UTF-8 (readable there) or
 * `{ base64 }`; large ones as a blob file `{ blob }`.
 * @param {Buffer} bytes
 * @param {BlobStore} blobs
 * @returns {StoredContent}
 */
function storeBytes(bytes, blobs) {
	if (bytes.length > INLINE_LIMIT) return { blob: blobs.writeBytes(bytes) };
	const text = bytes.toString('utf8');
	return Buffer.from(text, 'utf8').equals(bytes) ? text : { base64: bytes.toString('base64') };
}

/**
 * The content of a JSON upload or update: `content` text (UTF-8), `contentBase64` bytes, or `size` zero bytes.
 * @param {{ content?: unknown, contentBase64?: unknown, size?: unknown }} input
 * @param {BlobStore} blobs
 * @returns {Content}
 */
function readContent(input, blobs) {
	if (input.content !== undefined && input.contentBase64 !== undefined) throw badRequest("Give 'content' (text) or 'contentBase64' (bytes), not both.");
	if (input.content !== undefined && typeof input.content !== 'string') throw badRequest("'content' must be a string.");
	if (input.size !== undefined && (typeof input.size !== 'number' || !Number.isInteger(input.size) || input.size < 0 || input.size > MAX_VIRTUAL_SIZE)) {
		throw badRequest(`'size' must be a whole number of bytes from 0 to ${MAX_VIRTUAL_SIZE}.`);
	}
	/** @param {string} field @param {number} bytes */
	const checkSize = (field, bytes) => {
		if (input.size !== undefined && input.size !== bytes) throw badRequest(`'size' is ${input.size} but '${field}' has ${bytes} bytes; give one or make them agree.`);
	};
	if (typeof input.content === 'string' || input.contentBase64 !== undefined) {
		const field = typeof input.content === 'string' ? 'content' : 'contentBase64';
		const bytes = typeof input.content === 'string' ? Buffer.from(input.content, 'utf8') : decodeBase64(input.contentBase64);
		checkSize(field, bytes.length);
		return { stored: storeBytes(bytes, blobs), size: bytes.length, hash: items.md5Hex(bytes) };
	}
	const size = /** @type {number | undefined} */ (input.size) ?? 0;
	return { stored: undefined, size, hash: items.zeroContentHash(size) };
}

/**
 * A streamed upload's finished blob: small contents move into the state file (read back once, at
 * most INLINE_LIMIT bytes), large ones stay a blob.
 * @param {{ name: string, size: number, hash: string }} written
 * @param {BlobStore} blobs
 * @returns {Content}
 */
function contentOfBlob(written, blobs) {
	if (written.size > INLINE_LIMIT) return { stored: { blob: written.name }, size: written.size, hash: written.hash };
	const bytes = blobs.readBytes(written.name);
	blobs.remove(written.name);
	return { stored: storeBytes(bytes, blobs), size: written.size, hash: written.hash };
}

/** `size` zero bytes, made as they are read (a 1 GB virtual file costs no memory). @param {number} size */
function zeros(size) {
	let left = size;
	return new Readable({
		read() {
			const length = Math.min(left, ZERO_CHUNK);
			left -= length;
			this.push(length > 0 ? Buffer.alloc(length) : null);
		},
	});
}

/** @param {StoredContent | undefined} stored @param {number} size @param {BlobStore} blobs */
function contentStream(stored, size, blobs) {
	if (typeof stored === 'string') return Readable.from([Buffer.from(stored, 'utf8')]);
	if (stored && 'blob' in stored) return blobs.readStream(stored.blob);
	if (stored) return Readable.from([Buffer.from(stored.base64, 'base64')]);
	return zeros(size);
}

/** A copy's own content: a blob is copied as a file, so deleting one copy leaves the other. @param {StoredContent | undefined} stored @param {BlobStore} blobs */
function copyContent(stored, blobs) {
	return stored && typeof stored === 'object' && 'blob' in stored ? { blob: blobs.copy(stored.blob) } : stored;
}

/** @param {StoredContent | undefined} stored @param {BlobStore} blobs */
function releaseContent(stored, blobs) {
	if (stored && typeof stored === 'object' && 'blob' in stored) blobs.remove(stored.blob);
}

/** @param {StoredContent | undefined} stored */
const blobName = (stored) => (stored && typeof stored === 'object' && 'blob' in stored ? stored.blob : undefined);

module.exports = { readContent, contentOfBlob, contentStream, copyContent, releaseContent, blobName, INLINE_LIMIT };
