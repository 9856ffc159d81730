// @ts-check
'use strict';

const crypto = require('node:crypto');

/**
 * Cloud Elements' delivery signature: HMAC-SHA256 keyed with the UTF-8 signature key, over the body
 * bytes exactly as sent, in standard base64 with padding, prefixed `sha256=`. A receiver must check
 * the bytes it received: re-serialized JSON does not verify.
 * @param {string} key `event.notification.signature.key`
 * @param {Buffer | string} body
 */
function signatureHeader(key, body) {
	return `sha256=${hmacBase64(key, body)}`;
}

/**
 * HMAC-SHA256 keyed with the key's UTF-8 bytes over the body bytes, standard base64 with padding:
 * Cloud Elements' signature (above, with its prefix) and, INFERRED the same recipe, ShareFile's
 * `SF-WEBHOOK-*-SIGNATURE` headers (sharefile-api/webhook-deliveries.js).
 * @param {string} key @param {Buffer | string} body
 */
function hmacBase64(key, body) {
	return crypto.createHmac('sha256', Buffer.from(key, 'utf8')).update(body).digest('base64');
}

module.exports = { signatureHeader, hmacBase64 };
