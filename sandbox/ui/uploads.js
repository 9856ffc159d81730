// @ts-check
// Files picked or dropped become `upload` changes carrying their exact bytes (contentBase64). A name
// already used by a file in the folder becomes an `update` of that file instead: the user meant to
// replace it, and ShareFile would keep it as a new version of the same file.

import { SandboxError, describe, placeChange } from './api.js';
import { formatBytes } from './format.js';

/** The sandbox takes request bodies up to 5 MB; base64 makes bytes a third larger. */
export const MAX_UPLOAD_BYTES = 3.5 * 1024 * 1024;

/** @param {File} file @returns {Promise<string>} */
function readBase64(file) {
	return new Promise((resolve, reject) => {
		const reader = new FileReader();
		reader.onload = () => {
			const url = String(reader.result);
			const comma = url.indexOf(',');
			// An empty file reads as "data:" with no comma at all.
			resolve(comma < 0 ? '' : url.slice(comma + 1));
		};
		reader.onerror = () => reject(new SandboxError(400, 'the browser could not read it (a folder cannot be uploaded, only files).'));
		reader.readAsDataURL(file);
	});
}

/** @param {number} instanceId @param {string} path @param {string} contentBase64 @param {boolean} exists */
async function uploadOrUpdate(instanceId, path, contentBase64, exists) {
	if (!exists) {
		try {
			await placeChange(instanceId, { op: 'upload', path, contentBase64 });
			return 'upload';
		} catch (error) {
			// A file of that name arrived since the tree was loaded: replace it, as if it had been there.
			if (!(error instanceof SandboxError && error.status === 409)) throw error;
		}
	}
	await placeChange(instanceId, { op: 'update', path, contentBase64 });
	return 'update';
}

/**
 * @param {{ instanceId: number, folderPath: string, files: File[], kindAt: (path: string) => 'file' | 'folder' | undefined }} request
 * @returns {Promise<{ done: string[], failed: string[] }>} one sentence per file
 */
export async function uploadFiles({ instanceId, folderPath, files, kindAt }) {
	/** @type {string[]} */
	const done = [];
	/** @type {string[]} */
	const failed = [];
	for (const file of files) {
		const path = `${folderPath}/${file.name}`;
		try {
			if (file.size > MAX_UPLOAD_BYTES) {
				throw new SandboxError(413, `it is ${formatBytes(file.size)}; the sandbox page uploads files up to ${formatBytes(MAX_UPLOAD_BYTES)}.`);
			}
			const kind = kindAt(path);
			if (kind === 'folder') throw new SandboxError(409, `a folder named '${file.name}' already exists in '${folderPath}'.`);
			const op = await uploadOrUpdate(instanceId, path, await readBase64(file), kind === 'file');
			done.push(`${op === 'update' ? 'Updated' : 'Uploaded'} ${path} (${formatBytes(file.size)}).`);
		} catch (error) {
			failed.push(`Could not upload ${file.name}: ${describe(error)}`);
		}
	}
	return { done, failed };
}
