// @ts-check
'use strict';

const crypto = require('node:crypto');

/** Cloud Elements request ids look like 24 hex digits; clients only need them unique. */
function newRequestId() {
	return crypto.randomBytes(12).toString('hex');
}

/** 32 random bytes in base64 give the 44-character tokens (with `+`, `/`, `=`) real instances have. */
function newInstanceToken() {
	return crypto.randomBytes(32).toString('base64');
}

const CODE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** ShareFile grant codes are short alphanumeric strings, e.g. `xoz8AFqScK2ngM04kSSM`. */
function newGrantCode() {
	const bytes = crypto.randomBytes(20);
	let code = '';
	for (const byte of bytes) code += CODE_ALPHABET[byte % CODE_ALPHABET.length];
	return code;
}

/**
 * ShareFile item ids: a two-letter kind (`fi` file, `fo` folder, `st` stream) and 32 hex digits.
 * @param {'fi' | 'fo' | 'st'} prefix
 */
function newShareFileId(prefix) {
	return prefix + crypto.randomBytes(16).toString('hex');
}

const EVENT_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Cloud Elements event ids look like Elasticsearch ids: 20 url-safe characters, e.g. `AWVX9OTIhdQRdI1F7Q7v`. */
function newEventId() {
	let id = '';
	for (const byte of crypto.randomBytes(20)) id += EVENT_ID_ALPHABET[byte % EVENT_ID_ALPHABET.length];
	return id;
}

module.exports = { newRequestId, newInstanceToken, newGrantCode, newShareFileId, newEventId };
