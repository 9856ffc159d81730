// @ts-check
'use strict';

const fs = require('node:fs/promises');
const path = require('node:path');
const { notFound } = require('./errors');

/** @typedef {import('./http-io').Result} Result */

const UI_DIRECTORY = path.join(__dirname, 'ui');
const UI_PATH = '/ui/';

/** @type {Record<string, string>} */
const CONTENT_TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.svg': 'image/svg+xml',
};

// Only plain names from the one folder: no way up out of `ui/`, whatever the path holds.
const FILE_NAME = /^[a-z0-9][a-z0-9-]*\.(?:html|js|css|svg)$/;

/**
 * The page reads only its own origin: if someone edits it to load something from elsewhere, the
 * browser refuses (the machine has no internet, and the page must work without it).
 * No caching: the files are read at each request, so an edited page shows at the next reload.
 */
const HEADERS = {
	'cache-control': 'no-store',
	'x-content-type-options': 'nosniff',
	'content-security-policy': "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

/**
 * The sandbox page's file for a request path: `/` is the page, `/ui/<name>` its scripts and styles.
 * @param {string} requestPath
 * @returns {string | undefined} the file name, or undefined when the path is not the page's
 */
function pageFileName(requestPath) {
	if (requestPath === '/') return 'index.html';
	if (requestPath.startsWith(UI_PATH)) return requestPath.slice(UI_PATH.length);
	return undefined;
}

/** @param {string} name @returns {Promise<Result>} */
async function pageFile(name) {
	if (!FILE_NAME.test(name)) throw notFound(`No sandbox page file named '${name}'.`);
	let bytes;
	try {
		bytes = await fs.readFile(path.join(UI_DIRECTORY, name));
	} catch {
		throw notFound(`No sandbox page file named '${name}'.`);
	}
	return { status: 200, bytes, headers: { ...HEADERS, 'content-type': CONTENT_TYPES[path.extname(name)] } };
}

module.exports = { pageFileName, pageFile };
