// @ts-check
'use strict';

const crypto = require('node:crypto');
const { badRequest, CeError } = require('./errors');

/**
 * A ShareFile share as the sandbox keeps it in the account. The element takes and answers
 * ShareFile's own share model on `/hubs/documents/share` (DOCUMENTS_HUB §4.18, TEST T1).
 * `recipients` are email addresses; shares kept from before this model have no `shareType`,
 * `title`, `requireLogin`, `requireUserInfo` or `maxDownloads` and read as an unlimited Send.
 * @typedef {{ id: string, shareType?: 'Send' | 'Request', title?: string, items: string[], recipients: string[],
 *   createdDate: string, expirationDate: string, requireLogin?: boolean, requireUserInfo?: boolean,
 *   maxDownloads?: number, subject?: string, message?: string, downloads: number }} Share
 */

/** INFERRED: ShareFile's default lifetime of a share when no ExpirationDate is given. */
const DEFAULT_EXPIRATION_DAYS = 30;
const SHARE_TYPES = ['Send', 'Request'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** ShareFile share ids: `s` and 32 hex digits; unguessable, so the share's URL is its own proof. */
const newShareId = () => `s${crypto.randomBytes(16).toString('hex')}`;

/** @param {unknown} value @param {string} name */
function optionalBoolean(value, name) {
	if (value === undefined || value === null) return false;
	if (typeof value !== 'boolean') throw badRequest(`'${name}' must be true or false.`);
	return value;
}

/** @param {unknown} value */
function maxDownloads(value) {
	if (value === undefined || value === null) return -1;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < -1) throw badRequest("'MaxDownloads' must be a whole number, -1 for no limit.");
	return value;
}

/**
 * `ExpirationDate`: a date (`2020-09-23`, T1) or a date and time; it must be in the future
 * (INFERRED). A date alone lasts to the end of that day in UTC.
 * @param {unknown} value @param {number} nowMs
 */
function expiration(value, nowMs) {
	if (value === undefined || value === null || value === '') return new Date(nowMs + DEFAULT_EXPIRATION_DAYS * 86_400_000).toISOString();
	if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw badRequest("'ExpirationDate' must be a date such as 2026-12-31.");
	const at = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T23:59:59.999Z`) : Date.parse(value);
	if (at <= nowMs) throw badRequest(`'ExpirationDate' ${value} is not in the future.`);
	return new Date(at).toISOString();
}

/**
 * INFERRED: ShareFile's share model names recipients `[{ User: { Email } }]` (or `{ User: { Id } }`
 * for account users, which the sandbox has none of).
 * @param {unknown} value
 */
function recipientEmails(value) {
	if (value === undefined || value === null) return [];
	const emails = Array.isArray(value) ? value.map((recipient) => recipient?.User?.Email) : [undefined];
	if (emails.some((email) => typeof email !== 'string' || !EMAIL.test(email))) {
		throw badRequest("'Recipients' must be a list of { \"User\": { \"Email\": \"name@example.com\" } }.");
	}
	return /** @type {string[]} */ (emails);
}

/** The current version of a file by its stream id (what stays when a new version is uploaded). @param {import('./documents').DocumentAccount} account @param {string} streamId */
function itemOfStream(account, streamId) {
	const item = account.all().find((candidate) => candidate.StreamID === streamId);
	if (!item) throw new CeError(404, `No item found with stream id '${streamId}'.`);
	return item;
}

/**
 * `POST /hubs/documents/share` with ShareFile's share body (T1):
 * `{ ShareType, Title?, Items: [{ Id }], ExpirationDate?, RequireLogin?, RequireUserInfo?, MaxDownloads?, UsesStreamIDs?, Recipients? }`.
 * A Send share hands out files and folders; a Request share collects uploads into exactly one
 * folder (INFERRED from ShareFile's Request share). With `UsesStreamIDs` the ids are stream ids.
 * @param {import('./documents').DocumentAccount} account
 * @param {Record<string, unknown>} input
 * @param {number} nowMs
 * @returns {Share}
 */
function createShare(account, input, nowMs) {
	const shareType = input.ShareType;
	if (typeof shareType !== 'string' || !SHARE_TYPES.includes(shareType)) throw badRequest("'ShareType' must be Send or Request.");
	const entries = input.Items;
	if (!Array.isArray(entries) || entries.length === 0 || entries.some((entry) => typeof entry?.Id !== 'string')) {
		throw badRequest("'Items' must be a non-empty list of { \"Id\": \"<file or folder id>\" }.");
	}
	const streamIds = optionalBoolean(input.UsesStreamIDs, 'UsesStreamIDs');
	const items = [...new Set(entries.map((entry) => /** @type {string} */ (entry.Id)))].map((id) => (streamIds ? itemOfStream(account, id) : account.requireItem('any', id)));
	if (shareType === 'Request' && (items.length !== 1 || items[0]['odata.type'] !== 'ShareFile.Api.Models.Folder')) {
		throw badRequest("A Request share collects uploads into one folder: 'Items' must be exactly one folder.");
	}
	if (input.Title !== undefined && input.Title !== null && typeof input.Title !== 'string') throw badRequest("'Title' must be a string.");
	return {
		id: newShareId(),
		shareType: /** @type {'Send' | 'Request'} */ (shareType),
		...(typeof input.Title === 'string' && input.Title !== '' ? { title: input.Title } : {}),
		items: items.map((item) => item.Id),
		recipients: recipientEmails(input.Recipients),
		createdDate: new Date(nowMs).toISOString(),
		expirationDate: expiration(input.ExpirationDate, nowMs),
		requireLogin: optionalBoolean(input.RequireLogin, 'RequireLogin'),
		requireUserInfo: optionalBoolean(input.RequireUserInfo, 'RequireUserInfo'),
		maxDownloads: maxDownloads(input.MaxDownloads),
		downloads: 0,
	};
}

/**
 * The share behind a public URL, with its instance, or a 404 (unknown) / 403 (expired, or its
 * downloads used up).
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

/** Whether a share's download limit is reached (-1 or none: no limit). @param {Share} share */
const downloadsUsedUp = (share) => share.maxDownloads !== undefined && share.maxDownloads >= 0 && share.downloads >= share.maxDownloads;

module.exports = { createShare, findShare, downloadsUsedUp };
