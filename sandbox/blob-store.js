// @ts-check
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const crypto = require('node:crypto');
const { once } = require('node:events');

const NAME = /^[0-9a-f]{32}$/;

/**
 * File contents too big for the state JSON live as files ("blobs") in one folder: beside the data
 * file (`<data file>.blobs/`), or, for an in-memory sandbox, in a temp folder removed on close. They
 * are written and read as streams, so a 200 MB upload never sits in memory whole.
 * @param {{ dataFile?: string }} options
 */
function createBlobStore({ dataFile }) {
	const temporary = !dataFile;
	const directory = dataFile ? `${dataFile}.blobs` : fs.mkdtempSync(path.join(os.tmpdir(), 'ce-sandbox-blobs-'));
	// Beside a data file the folder appears with the first large content, not before.
	const ensureDirectory = () => fs.mkdirSync(directory, { recursive: true });
	const names = () => (fs.existsSync(directory) ? fs.readdirSync(directory).filter((name) => NAME.test(name)) : []);

	/** Names come from the state file: only our own hex names, so no path can lead out of the folder. @param {string} name */
	function fileOf(name) {
		if (!NAME.test(name)) throw new Error(`Not a blob name: ${JSON.stringify(name)}`);
		return path.join(directory, name);
	}
	const newName = () => crypto.randomBytes(16).toString('hex');

	/**
	 * A blob being written from a stream. MD5 and size are counted on the way, so nothing reads the
	 * file again; `write` waits for the disk when it falls behind (backpressure up to the socket).
	 */
	function writer() {
		const name = newName();
		const file = fileOf(name);
		ensureDirectory();
		const stream = fs.createWriteStream(file);
		const hash = crypto.createHash('md5');
		let size = 0;
		return {
			/** @param {Buffer} chunk */
			async write(chunk) {
				if (chunk.length === 0) return;
				hash.update(chunk);
				size += chunk.length;
				if (!stream.write(chunk)) await once(stream, 'drain');
			},
			/** @returns {Promise<{ name: string, size: number, hash: string }>} */
			async finish() {
				await new Promise((resolve, reject) => stream.end(/** @param {unknown} error */ (error) => (error ? reject(error) : resolve(undefined))));
				return { name, size, hash: hash.digest('hex') };
			},
			abort() {
				stream.destroy();
				fs.rmSync(file, { force: true });
			},
		};
	}

	return {
		directory,
		writer,
		/** @param {Buffer} bytes */
		writeBytes(bytes) {
			const name = newName();
			ensureDirectory();
			fs.writeFileSync(fileOf(name), bytes);
			return name;
		},
		/** @param {string} name */
		readStream: (name) => fs.createReadStream(fileOf(name)),
		/** @param {string} name */
		readBytes: (name) => fs.readFileSync(fileOf(name)),
		/** A copied file's content: the kernel copies, nothing passes through memory. @param {string} name */
		copy(name) {
			const copied = newName();
			fs.copyFileSync(fileOf(name), fileOf(copied));
			return copied;
		},
		/** @param {string} name */
		remove(name) {
			fs.rmSync(fileOf(name), { force: true });
		},
		/**
		 * Removes blobs no state refers to: left by a crash between writing a blob and saving the
		 * state, or by deletes whose state was never saved.
		 * @param {Set<string>} referenced
		 */
		collect(referenced) {
			for (const name of names()) if (!referenced.has(name)) fs.rmSync(path.join(directory, name), { force: true });
		},
		clear() {
			for (const name of names()) fs.rmSync(path.join(directory, name), { force: true });
		},
		close() {
			if (temporary) fs.rmSync(directory, { recursive: true, force: true });
		},
	};
}

/** @typedef {ReturnType<typeof createBlobStore>} BlobStore */

module.exports = { createBlobStore };
