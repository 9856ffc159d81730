// @ts-check
'use strict';

const crypto = require('node:crypto');
const { CeError } = require('./errors');

/**
 * Credential-free download links: the URL carries what it opens and until when, signed with a key
 * the sandbox makes at start (links do not survive a restart; real ones expire anyway). Nothing in
 * the URL is a secret of the account: it is the signature that proves the link was issued.
 * @param {{ now: () => number }} deps
 */
function createLinkSigner({ now }) {
	const key = crypto.randomBytes(32);
	/** @param {string} text */
	const mac = (text) => crypto.createHmac('sha256', key).update(text).digest('base64url');

	return {
		/** @param {{ instanceId: number, fileId: string, expiresMs: number }} payload */
		sign(payload) {
			const text = Buffer.from(JSON.stringify({ i: payload.instanceId, f: payload.fileId, e: payload.expiresMs })).toString('base64url');
			return `${text}.${mac(text)}`;
		},
		/**
		 * @param {string} token
		 * @returns {{ instanceId: number, fileId: string, expiresMs: number }}
		 */
		verify(token) {
			const [text, signature] = token.split('.');
			const expected = text ? mac(text) : '';
			const valid = signature !== undefined && signature.length === expected.length && crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
			if (!valid) throw new CeError(403, 'This link is not valid.');
			const payload = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
			if (now() > payload.e) throw new CeError(403, `This link expired at ${new Date(payload.e).toISOString()}.`);
			return { instanceId: payload.i, fileId: payload.f, expiresMs: payload.e };
		},
	};
}

module.exports = { createLinkSigner };
