// @ts-check
'use strict';

/** The extensions people upload most; anything else is application/octet-stream. */
const TYPES = /** @type {Record<string, string>} */ ({
	txt: 'text/plain', csv: 'text/csv', htm: 'text/html', html: 'text/html', css: 'text/css', md: 'text/markdown',
	xml: 'application/xml', json: 'application/json', js: 'text/javascript', pdf: 'application/pdf', zip: 'application/zip',
	gz: 'application/gzip', tar: 'application/x-tar', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg',
	gif: 'image/gif', svg: 'image/svg+xml', webp: 'image/webp', bmp: 'image/bmp', tif: 'image/tiff', tiff: 'image/tiff',
	mp3: 'audio/mpeg', wav: 'audio/wav', mp4: 'video/mp4', mov: 'video/quicktime',
	doc: 'application/msword', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	xls: 'application/vnd.ms-excel', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	ppt: 'application/vnd.ms-powerpoint', pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
	rtf: 'application/rtf', eml: 'message/rfc822',
});
const FALLBACK = 'application/octet-stream';

/** @param {string} name */
function guessContentType(name) {
	const dot = name.lastIndexOf('.');
	return (dot > 0 && TYPES[name.slice(dot + 1).toLowerCase()]) || FALLBACK;
}

/**
 * A type sent with an upload, when it says something: `application/octet-stream` is what clients send
 * when they do not know (undici's FormData, curl -F), so it is not kept and the name decides instead.
 * @param {string | undefined} given
 */
function meaningfulContentType(given) {
	const type = (given || '').trim();
	if (!type || /^application\/octet-stream\s*(;|$)/i.test(type) || !/^[\w.+-]+\/[\w.+-]+(\s*;.*)?$/.test(type)) return undefined;
	return type;
}

/**
 * RFC 6266: a quoted ASCII `filename` every client reads, plus `filename*` (RFC 5987, UTF-8) when the
 * name has anything a quoted string cannot carry faithfully.
 * @param {string} name
 */
function attachmentDisposition(name) {
	const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
	const header = `attachment; filename="${ascii}"`;
	if (ascii === name) return header;
	const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
	return `${header}; filename*=UTF-8''${encoded}`;
}

module.exports = { guessContentType, meaningfulContentType, attachmentDisposition, FALLBACK_CONTENT_TYPE: FALLBACK };
