// @ts-check
'use strict';

const crypto = require('node:crypto');

/**
 * ShareFile's own item shape (PascalCase, OData annotations), as its API and Cloud Elements' poll
 * endpoint return it. The sandbox stores exactly these objects, so what a test reads back is what a
 * poller would see.
 * @typedef {Record<string, any>} RawItem
 */

const FILE_TYPE = 'ShareFile.Api.Models.File';
const FOLDER_TYPE = 'ShareFile.Api.Models.Folder';
// ShareFile writes "never expires" as the largest .NET DateTime, with seven fraction digits.
const NEVER_EXPIRES = '9999-12-31T23:59:59.9999999Z';
const ROOT_NAME = 'top';

/** The one user every sandbox item is created by (the instance's authenticated user). */
const CREATOR = Object.freeze({ first: 'Sandbox', last: 'User' });

/** @param {string} subdomain @param {string} type */
function odataMetadata(subdomain, type) {
	return `https://${subdomain || 'sandbox'}.sf-api.com/sf/v3/$metadata#Items/${type}@Element`;
}

/** @param {RawItem} item */
const isFolder = (item) => item['odata.type'] === FOLDER_TYPE;

/** An item's full path from its own fields: `Path` is its parent folder's path; the root is `/top`. @param {Record<string, any>} item */
const fullPathOf = (item) => (item.Parent ? `${item.Path}/${item.Name}` : `/${item.Name}`);

/** @param {Buffer | string} content */
function md5Hex(content) {
	return crypto.createHash('md5').update(content).digest('hex');
}

/** @type {Map<number, string>} */
const zeroHashes = new Map();

/**
 * The hash of `size` zero bytes: the content of a file uploaded with a size and no content. Hashed
 * in chunks so a large size costs time, not memory; remembered because tests repeat sizes.
 * @param {number} size
 */
function zeroContentHash(size) {
	const known = zeroHashes.get(size);
	if (known) return known;
	const hash = crypto.createHash('md5');
	const chunk = Buffer.alloc(Math.min(size, 1 << 20));
	for (let left = size; left > 0; left -= chunk.length) hash.update(left >= chunk.length ? chunk : chunk.subarray(0, left));
	const hex = hash.digest('hex');
	zeroHashes.set(size, hex);
	return hex;
}

/**
 * The fields every ShareFile item has, in ShareFile's order; files and folders add theirs.
 * @param {string} type
 * @param {{ id: string, name: string, parentPath: string, parentId: string | null, at: string, streamId: string, subdomain: string }} fields
 * @param {{ size: number, hash: string, fileCount?: number }} kind
 * @returns {RawItem}
 */
function item(type, { id, name, parentPath, parentId, at, streamId, subdomain }, { size, hash, fileCount }) {
	return {
		'odata.metadata': odataMetadata(subdomain, type),
		'odata.type': type,
		Id: id,
		Name: name,
		FileName: name,
		Path: parentPath,
		Parent: { Id: parentId },
		CreationDate: at,
		ProgenyEditDate: at,
		FileSizeBytes: size,
		...(fileCount === undefined ? {} : { FileCount: fileCount }),
		CreatorNameShort: `${CREATOR.first} ${CREATOR.last[0]}.`,
		CreatorFirstName: CREATOR.first,
		CreatorLastName: CREATOR.last,
		StreamID: streamId,
		Hash: hash,
		Description: '',
		ExpirationDate: NEVER_EXPIRES,
		IsHidden: false,
	};
}

/**
 * @param {{ id: string, name: string, parentPath: string, parentId: string | null, at: string, size: number,
 *   hash: string, streamId: string, subdomain: string }} fields
 * @returns {RawItem}
 */
function fileItem(fields) {
	return item(FILE_TYPE, fields, { size: fields.size, hash: fields.hash });
}

/**
 * @param {{ id: string, name: string, parentPath: string, parentId: string | null, at: string, streamId: string, subdomain: string }} fields
 * @returns {RawItem}
 */
function folderItem(fields) {
	return item(FOLDER_TYPE, fields, { size: 0, hash: '', fileCount: 0 });
}

module.exports = { fileItem, folderItem, isFolder, fullPathOf, md5Hex, zeroContentHash, FILE_TYPE, FOLDER_TYPE, ROOT_NAME, NEVER_EXPIRES };
