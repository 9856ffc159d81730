// @ts-check
'use strict';

const { CeError, notFound } = require('../errors');
const { isFolder } = require('../sharefile-items');
const { downloadResult } = require('../document-hub');
const { target, flag } = require('./items');

/**
 * `GET Items(id)/Download`: ShareFile answers a 302 to a storage link that needs no Bearer token, or
 * with `redirect=false` a DownloadSpecification holding that link (CONFIRMED §2). The link is
 * signed and lives an hour (INFERRED lifetime); the bytes are streamed from the shared file store,
 * and fetching them is the Download a webhook instance hears, as with the hub's download.
 * @typedef {import('./items').ApiContext} ApiContext
 * @typedef {import('../http-io').Result} Result
 */

const LINK_LIFETIME_MS = 60 * 60 * 1000;
const DOWNLOAD_PATH = '/sharefile-storage/download.aspx';

/**
 * @param {{ signer: ReturnType<typeof import('../signed-links').createLinkSigner>, now: () => number, origin: () => string,
 *   accountOf: (instanceId: number) => import('../documents').DocumentAccount | undefined }} deps
 */
function createDownloads({ signer, now, origin, accountOf }) {
	/** @param {ApiContext} ctx @returns {Result} */
	function download(ctx) {
		const item = target(ctx);
		// A folder downloads as a ZIP in ShareFile (CONFIRMED); the sandbox does not make ZIPs.
		if (isFolder(item)) throw new CeError(501, 'Downloading a folder as a ZIP is not emulated by the sandbox; download its files.');
		const token = signer.sign({ instanceId: ctx.account.instance.id, fileId: item.Id, expiresMs: now() + LINK_LIFETIME_MS });
		const link = `${origin()}${DOWNLOAD_PATH}?dt=${encodeURIComponent(token)}`;
		const redirect = ctx.query.get('redirect') === null || flag(ctx.query, 'redirect');
		if (redirect) return { status: 302, headers: { location: link } };
		return {
			status: 200,
			body: {
				'odata.metadata': `${ctx.apiBase}/$metadata#DownloadSpecification/ShareFile.Api.Models.DownloadSpecification@Element`,
				'odata.type': 'ShareFile.Api.Models.DownloadSpecification',
				DownloadToken: token,
				DownloadUrl: link,
				PrepareXmlInfo: null,
				DownloadPrepStartURL: null,
				DownloadPrepStatusURL: null,
			},
		};
	}

	/** The storage link: the signature is the proof, as on ShareFile's storage hosts. @param {URLSearchParams} query @returns {Result} */
	function fetchLink(query) {
		const { instanceId, fileId } = signer.verify(query.get('dt') || '');
		const account = accountOf(instanceId);
		if (!account) throw notFound('The account of this link no longer exists.');
		return downloadResult(account, account.requireItem('file', fileId).Id);
	}

	return { download, fetchLink, DOWNLOAD_PATH };
}

module.exports = { createDownloads, DOWNLOAD_PATH };
