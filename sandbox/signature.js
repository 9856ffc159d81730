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
	return `sha256=${crypto.createHmac('sha256', Buffer.from(key, 'utf8')).update(body).digest('base64')}`;
}

module.exports = { signatureHeader };
