// @ts-check
'use strict';

const { badRequest, CeError } = require('./errors');
const { readInstant } = require('./clock');

/**
 * @typedef {import('./documents').DocumentAccount} DocumentAccount
 * @typedef {import('./sharefile-items').RawItem} RawItem
 */

const OPERATIONS = ['upload', 'update', 'rename', 'move', 'delete', 'createFolder', 'download'];

/** Largest batch one request may place; big enough for load tests, small enough to stay one request. */
const MAX_BATCH = 50000;

/** @param {Record<string, unknown>} change */
const contentOf = (change) => ({ content: change.content, contentBase64: change.contentBase64, size: change.size });

/**
 * Applies one change described in ShareFile's terms (paths, not ids), as if someone had made it in
 * ShareFile at `at` (default: the sandbox clock's now). Changes given the same `at` carry exactly the
 * same timestamp, so tests can build ties.
 * @param {DocumentAccount} account
 * @param {unknown} input `{ op, path, content?, contentBase64?, size?, newName?, newPath?, at? }`
 */
function applyChange(account, input) {
	if (!input || typeof input !== 'object' || Array.isArray(input)) throw badRequest('A change must be a JSON object with an op.');
	const change = /** @type {Record<string, unknown>} */ (input);
	const op = change.op;
	if (typeof op !== 'string' || !OPERATIONS.includes(op)) throw badRequest(`'op' must be one of ${OPERATIONS.join(', ')}.`);
	const at = change.at === undefined ? account.now() : readInstant(change.at, 'at');
	/** @type {RawItem} */
	let item;
	switch (op) {
		case 'upload':
			item = account.upload({ path: change.path, ...contentOf(change) }, at);
			break;
		case 'createFolder':
			item = account.createFolder({ path: change.path }, at);
			break;
		case 'update':
			item = account.updateFile(account.requireAtPath(change.path).Id, contentOf(change), at);
			break;
		case 'rename':
			if (change.newName === undefined) throw badRequest("'rename' needs 'newName'.");
			item = account.relocate('any', account.requireAtPath(change.path).Id, { name: change.newName }, at);
			break;
		case 'move':
			if (change.newPath === undefined) throw badRequest("'move' needs 'newPath' (a folder to move into, or the new full path).");
			item = account.relocate('any', account.requireAtPath(change.path).Id, { path: change.newPath }, at);
			break;
		case 'delete':
			item = account.remove('any', account.requireAtPath(change.path).Id, at);
			break;
		default:
			item = account.requireItem('file', account.requireAtPath(change.path).Id);
			account.download(item.Id, at);
	}
	return { op, id: item.Id, path: account.fullPath(item), at: new Date(at).toISOString(), item };
}

/**
 * `POST /_sandbox/instances/{id}/documents`: one change, or `{ changes: [...] }` applied in order.
 * A batch answers compact results (no items) so 10,000 changes stay a small answer. A failing change
 * stops the batch; the ones before it stay applied, and the error says which one failed.
 * @param {DocumentAccount} account
 * @param {unknown} body
 */
function applyChanges(account, body) {
	const input = /** @type {Record<string, unknown>} */ (body && typeof body === 'object' ? body : {});
	if (!Array.isArray(input.changes)) return applyChange(account, body);
	if (input.changes.length > MAX_BATCH) throw badRequest(`At most ${MAX_BATCH} changes a request.`);
	const results = [];
	for (let index = 0; index < input.changes.length; index++) {
		try {
			const { item, ...result } = applyChange(account, input.changes[index]);
			results.push(result);
		} catch (error) {
			if (!(error instanceof CeError)) throw error;
			throw new CeError(error.status, `changes[${index}]: ${error.message} (the ${index} change(s) before it were applied).`);
		}
	}
	return { applied: results.length, changes: results };
}

module.exports = { applyChanges, OPERATIONS };
