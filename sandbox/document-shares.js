// @ts-check
'use strict';

const crypto = require('node:crypto');
const { badRequest, CeError } = require('./errors');

/**
 * A ShareFile "Send" share (ShareFile's Shares API, ShareType Send) as the sandbox keeps it in the
 * account. INFERRED as a whole: no Cloud Elements source names a shares endpoint for ShareFile.
 * @typedef {{ id: string, items: string[], recipients: string[], createdDate: string, expirationDate: string,
 *   subject?: string, message?: string, downloads: number }} Share
 */

const DEFAULT_EXPIRATION_DAYS = 30;
const MAX_EXPIRATION_DAYS = 365;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** ShareFile share ids: `s` and 32 hex digits; unguessable, so the share's URL is its own proof. */
const newShareId = () => `s${crypto.randomBytes(16).toString('hex')}`;

/** @param {unknown} value @param {string} name */
function optionalText(value, name) {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw badRequest(`'${name}' must be a string.`);
	return value;
}

/**
 * `POST /hubs/documents/shares` `{ items: [ids], recipients?: [emails], expirationDays?, subject?, message? }`.
 * Every item must exist (files or folders) in the token's account.
 * @param {import('./documents').DocumentAccount} account
 * @param {Record<string, unknown>} input
 * @param {number} nowMs
 * @returns {Share}
 */
function createShare(account, input, nowMs) {
	const ids = input.items;
	if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'string')) throw badRequest("'items' must be a non-empty array of file or folder ids.");
	for (const id of /** @type {string[]} */ (ids)) account.requireItem('any', id);
	const recipients = input.recipients ?? [];
	if (!Array.isArray(recipients) || recipients.some((address) => typeof address !== 'string' || !EMAIL.test(address))) {
		throw badRequest("'recipients' must be an array of email addresses.");
	}
	const days = input.expirationDays ?? DEFAULT_EXPIRATION_DAYS;
	if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > MAX_EXPIRATION_DAYS) {
		throw badRequest(`'expirationDays' must be a whole number from 1 to ${MAX_EXPIRATION_DAYS}.`);
	}
	/** @type {Share} */
	const share = {
		id: newShareId(),
		items: [...new Set(/** @type {string[]} */ (ids))],
		recipients: /** @type {string[]} */ (recipients),
		createdDate: new Date(nowMs).toISOString(),
		expirationDate: new Date(nowMs + days * 86_400_000).toISOString(),
		downloads: 0,
	};
	const subject = optionalText(input.subject, 'subject');
	const message = optionalText(input.message, 'message');
	if (subject !== undefined) share.subject = subject;
	if (message !== undefined) share.message = message;
	return share;
}

/**
 * The share behind a public URL, with its instance, or a 404 (unknown) / 403 (expired).
 * @param {import('./store').InstanceRecord[]} instances
 * @param {string} shareId
 * @param {number} nowMs
 */
function findShare(instances, shareId, nowMs) {
	for (const instance of instances) {
		const share = instance.sharefile.shares[shareId];
		if (!share) continue;
		if (nowMs > Date.parse(share.expirationDate)) throw new CeError(403, `This share expired at ${share.expirationDate}.`);
		return { instance, share };
	}
	throw new CeError(404, 'No such share.');
}

module.exports = { createShare, findShare };
