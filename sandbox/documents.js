// @ts-check
'use strict';

const { badRequest, notFound, CeError } = require('./errors');
const { newShareFileId } = require('./random');
const { configurationValue } = require('./configuration');
const items = require('./sharefile-items');

/**
 * @typedef {import('./sharefile-items').RawItem} RawItem
 * @typedef {import('./store').InstanceRecord} InstanceRecord
 * @typedef {import('./store').StoredContent} StoredContent
 * @typedef {'Upload' | 'Update' | 'Rename' | 'Move' | 'Delete' | 'CreateFolder' | 'Download'} Operation
 * @typedef {{ instance: InstanceRecord, operation: Operation, item: RawItem, at: string, previousParentId?: string | null }} DocumentChange
 *   `item` is a copy taken right after the change (for Delete: right before it).
 */

/** Characters ShareFile refuses in item names. */
const FORBIDDEN_NAME = /[\\/:*?"<>|]/;
const MAX_VIRTUAL_SIZE = 1024 * 1024 * 1024;

/** @param {number} ms */
const iso = (ms) => new Date(ms).toISOString();

/** @param {RawItem} item */
const copyOf = (item) => ({ ...item, Parent: item.Parent ? { ...item.Parent } : item.Parent });

/**
 * A path as the segments under the root folder. `/top/Reports/a.txt`, `top/Reports/a.txt` and
 * `/Reports/a.txt` all name the same file: Cloud Elements' paths are relative to the instance's
 * root folder, ShareFile's start with `/top`, and both kinds reach the sandbox.
 * @param {unknown} text
 * @param {string} name how errors name the value
 */
function segmentsOf(text, name = 'path') {
	if (typeof text !== 'string' || text.trim() === '') throw badRequest(`'${name}' is required, e.g. "/top/Reports/a.txt".`);
	let segments = text.split('/').filter((segment) => segment !== '');
	if (segments[0] === items.ROOT_NAME) segments = segments.slice(1);
	for (const segment of segments) {
		if (segment === '.' || segment === '..' || FORBIDDEN_NAME.test(segment)) {
			throw badRequest(`'${name}' has an invalid name '${segment}': names cannot be . or .. nor contain \\ / : * ? " < > |.`);
		}
	}
	return segments;
}

/** @param {string} name */
function checkName(name) {
	if (typeof name !== 'string' || name.trim() === '' || name === '.' || name === '..' || FORBIDDEN_NAME.test(name)) {
		throw badRequest(`'name' must be a non-empty item name without \\ / : * ? " < > |; got ${JSON.stringify(name)}.`);
	}
	return name;
}

/**
 * Bytes given as base64 text (`contentBase64`): standard alphabet, padded, line breaks allowed (what
 * `base64` and a browser's FileReader write). Node's decoder skips what it cannot read, so the text
 * must encode back to itself, or a typo would silently store other bytes.
 * @param {unknown} value
 */
function decodeBase64(value) {
	if (typeof value !== 'string') throw badRequest("'contentBase64' must be a string of base64 text.");
	const text = value.replace(/\s+/g, '');
	const bytes = Buffer.from(text, 'base64');
	if (bytes.toString('base64') !== text) throw badRequest("'contentBase64' is not valid base64 (standard alphabet A-Z a-z 0-9 + /, padded with =).");
	return bytes;
}

/**
 * How content is kept in the state file: text when the bytes are UTF-8 (readable in the file), else
 * `{ base64 }`, so any bytes come back exactly.
 * @param {Buffer} bytes
 * @returns {StoredContent}
 */
function storedContent(bytes) {
	const text = bytes.toString('utf8');
	return Buffer.from(text, 'utf8').equals(bytes) ? text : { base64: bytes.toString('base64') };
}

/**
 * The content of an upload or update: `content` text (UTF-8), `contentBase64` bytes, or `size` zero bytes.
 * @param {{ content?: unknown, contentBase64?: unknown, size?: unknown }} input
 * @returns {{ stored: StoredContent | undefined, size: number, hash: string }}
 */
function readContent(input) {
	if (input.content !== undefined && input.contentBase64 !== undefined) throw badRequest("Give 'content' (text) or 'contentBase64' (bytes), not both.");
	if (input.content !== undefined && typeof input.content !== 'string') throw badRequest("'content' must be a string.");
	if (input.size !== undefined && (typeof input.size !== 'number' || !Number.isInteger(input.size) || input.size < 0 || input.size > MAX_VIRTUAL_SIZE)) {
		throw badRequest(`'size' must be a whole number of bytes from 0 to ${MAX_VIRTUAL_SIZE}.`);
	}
	/** @param {string} field @param {number} bytes */
	const checkSize = (field, bytes) => {
		if (input.size !== undefined && input.size !== bytes) throw badRequest(`'size' is ${input.size} but '${field}' has ${bytes} bytes; give one or make them agree.`);
	};
	if (typeof input.content === 'string') {
		const size = Buffer.byteLength(input.content, 'utf8');
		checkSize('content', size);
		return { stored: input.content, size, hash: items.md5Hex(input.content) };
	}
	if (input.contentBase64 !== undefined) {
		const bytes = decodeBase64(input.contentBase64);
		checkSize('contentBase64', bytes.length);
		return { stored: storedContent(bytes), size: bytes.length, hash: items.md5Hex(bytes) };
	}
	const size = /** @type {number | undefined} */ (input.size) ?? 0;
	return { stored: undefined, size, hash: items.zeroContentHash(size) };
}

/** @param {StoredContent | undefined} stored @param {number} size */
function bytesOf(stored, size) {
	if (typeof stored === 'string') return Buffer.from(stored, 'utf8');
	return stored ? Buffer.from(stored.base64, 'base64') : Buffer.alloc(size);
}

/**
 * The emulated ShareFile accounts, one per instance, kept in `instance.sharefile` (raw items by Id,
 * file contents by Id, the root folder's Id). Lookups by path and the order the poll endpoint needs
 * are in-memory indexes rebuilt on first use, so each change costs O(depth), not a scan.
 * @param {{ store: import('./store').Store, now: () => number, onChange: (change: DocumentChange) => void }} deps
 */
function createDocuments({ store, now, onChange }) {
	/** @type {WeakMap<InstanceRecord, ReturnType<typeof openAccount>>} */
	const accounts = new WeakMap();

	/** @param {InstanceRecord} instance */
	function account(instance) {
		let opened = accounts.get(instance);
		if (!opened) {
			opened = openAccount(instance);
			accounts.set(instance, opened);
		}
		return opened;
	}

	/** @param {InstanceRecord} instance */
	function openAccount(instance) {
		const data = instance.sharefile;
		const subdomain = () => configurationValue(instance.configuration, 'sharefile.subdomain') || 'sandbox';
		/** Folder Id → (child name → child Id). @type {Map<string, Map<string, string>>} */
		const children = new Map();
		/** @type {Array<{ t: number, item: RawItem }> | null} */
		let ordered = null;

		if (!data.rootId || !data.items[data.rootId]) {
			const rootId = newShareFileId('fo');
			const root = items.folderItem({
				id: rootId,
				name: items.ROOT_NAME,
				parentPath: '/',
				parentId: null,
				at: instance.createdDate,
				streamId: newShareFileId('st'),
				subdomain: subdomain(),
			});
			root.Parent = null;
			data.items[rootId] = root;
			data.rootId = rootId;
			store.commitSoon();
		}
		const rootId = /** @type {string} */ (data.rootId);
		for (const item of Object.values(data.items)) if (items.isFolder(item)) children.set(item.Id, new Map());
		for (const item of Object.values(data.items)) if (item.Parent) children.get(item.Parent.Id)?.set(item.Name, item.Id);

		/** @param {RawItem} item */
		const fullPath = (item) => (item.Id === rootId ? `/${items.ROOT_NAME}` : `${item.Path}/${item.Name}`);

		/** @param {string[]} segments @returns {RawItem | undefined} */
		function resolve(segments) {
			let current = data.items[rootId];
			for (const segment of segments) {
				const childId = items.isFolder(current) ? children.get(current.Id)?.get(segment) : undefined;
				if (!childId) return undefined;
				current = data.items[childId];
			}
			return current;
		}

		/** @param {string[]} segments */
		function requireFolder(segments) {
			const folder = resolve(segments);
			if (!folder || !items.isFolder(folder)) throw notFound(`No folder found at path '/${[items.ROOT_NAME, ...segments].join('/')}'.`);
			return folder;
		}

		/** @param {'file' | 'folder' | 'any'} kind @param {string} id */
		function requireItem(kind, id) {
			const item = data.items[id];
			const fits = item && (kind === 'any' || (kind === 'folder') === items.isFolder(item));
			if (!fits) throw notFound(`No ${kind === 'any' ? 'item' : kind} found with id '${id}'.`);
			return item;
		}

		/** @param {unknown} path */
		function requireAtPath(path) {
			const segments = segmentsOf(path);
			const item = resolve(segments);
			if (!item) throw notFound(`No file or folder found at path '/${[items.ROOT_NAME, ...segments].join('/')}'.`);
			return item;
		}

		/** Walks from a folder up to the root. @param {string | null | undefined} folderId @param {(folder: RawItem) => void} visit */
		function upFrom(folderId, visit) {
			for (let id = folderId; id; id = data.items[id].Parent?.Id) visit(data.items[id]);
		}

		/**
		 * ProgenyEditDate is "the last change of the item or anything under it": a change bumps every
		 * ancestor folder. A folder keeps the latest date it has seen, so a change placed in the past
		 * (control endpoint) does not move a folder's date backwards.
		 * @param {string | null | undefined} folderId @param {string} at
		 */
		function bumpFrom(folderId, at) {
			upFrom(folderId, (folder) => {
				if (folder.ProgenyEditDate < at) folder.ProgenyEditDate = at;
			});
		}

		/** A folder's FileSizeBytes is the total of everything under it. @param {string | null | undefined} folderId @param {number} delta */
		function addSize(folderId, delta) {
			if (delta !== 0) upFrom(folderId, (folder) => (folder.FileSizeBytes += delta));
		}

		/** @param {Operation} operation @param {RawItem} item @param {string} at @param {string | null} [previousParentId] */
		function changed(operation, item, at, previousParentId) {
			ordered = null;
			store.commitSoon();
			/** @type {DocumentChange} */
			const change = { instance, operation, item: copyOf(item), at };
			if (previousParentId !== undefined) change.previousParentId = previousParentId;
			onChange(change);
		}

		/** @param {number | undefined} atMs */
		const stamp = (atMs) => iso(atMs ?? now());

		/** @param {RawItem} parent @param {string} name */
		function refuseTaken(parent, name) {
			if (children.get(parent.Id)?.has(name)) throw new CeError(409, `An item named '${name}' already exists in '${fullPath(parent)}'.`);
		}

		/** @param {RawItem} parent @param {RawItem} item */
		function attach(parent, item) {
			children.get(parent.Id)?.set(item.Name, item.Id);
			parent.FileCount += 1;
		}

		/** @param {RawItem} item */
		function detach(item) {
			const parent = data.items[item.Parent.Id];
			children.get(parent.Id)?.delete(item.Name);
			parent.FileCount -= 1;
		}

		/** @param {{ path: unknown, content?: unknown, contentBase64?: unknown, size?: unknown }} input @param {number} [atMs] */
		function upload(input, atMs) {
			const segments = segmentsOf(input.path);
			if (segments.length === 0) throw badRequest(`'path' names the root folder; give a file path such as /${items.ROOT_NAME}/a.txt.`);
			const name = /** @type {string} */ (segments.at(-1));
			const parent = requireFolder(segments.slice(0, -1));
			refuseTaken(parent, name);
			const content = readContent(input);
			const at = stamp(atMs);
			const file = items.fileItem({
				id: newShareFileId('fi'),
				name,
				parentPath: fullPath(parent),
				parentId: parent.Id,
				at,
				size: content.size,
				hash: content.hash,
				streamId: newShareFileId('st'),
				subdomain: subdomain(),
			});
			data.items[file.Id] = file;
			if (content.stored !== undefined) data.contents[file.Id] = content.stored;
			attach(parent, file);
			addSize(parent.Id, file.FileSizeBytes);
			bumpFrom(parent.Id, at);
			changed('Upload', file, at);
			return file;
		}

		/** @param {{ path: unknown }} input @param {number} [atMs] */
		function createFolder(input, atMs) {
			const segments = segmentsOf(input.path);
			if (segments.length === 0) throw new CeError(409, `The root folder /${items.ROOT_NAME} already exists.`);
			const name = /** @type {string} */ (segments.at(-1));
			const parent = requireFolder(segments.slice(0, -1));
			refuseTaken(parent, name);
			const at = stamp(atMs);
			const folder = items.folderItem({
				id: newShareFileId('fo'),
				name,
				parentPath: fullPath(parent),
				parentId: parent.Id,
				at,
				streamId: newShareFileId('st'),
				subdomain: subdomain(),
			});
			data.items[folder.Id] = folder;
			children.set(folder.Id, new Map());
			attach(parent, folder);
			bumpFrom(parent.Id, at);
			changed('CreateFolder', folder, at);
			return folder;
		}

		/** New content: new Hash and size; CreationDate stays. @param {string} id @param {{ content?: unknown, contentBase64?: unknown, size?: unknown }} input @param {number} [atMs] */
		function updateFile(id, input, atMs) {
			const file = requireItem('file', id);
			if (input.content === undefined && input.contentBase64 === undefined && input.size === undefined) {
				throw badRequest("An update needs 'content', 'contentBase64' or 'size'.");
			}
			const content = readContent(input);
			const at = stamp(atMs);
			addSize(file.Parent.Id, content.size - file.FileSizeBytes);
			file.FileSizeBytes = content.size;
			file.Hash = content.hash;
			if (content.stored !== undefined) data.contents[file.Id] = content.stored;
			else delete data.contents[file.Id];
			// A file's date is that of its latest change as applied, even one placed in the past.
			file.ProgenyEditDate = at;
			bumpFrom(file.Parent.Id, at);
			changed('Update', file, at);
			return file;
		}

		/**
		 * Rename and/or move. `path` works like `mv`: an existing folder there receives the item under
		 * its own name; otherwise `path` is the item's new full path. `name` renames (and wins over the
		 * last segment of `path`). A move bumps the old and the new parent folders.
		 * @param {'file' | 'folder' | 'any'} kind @param {string} id
		 * @param {{ name?: unknown, path?: unknown }} input @param {number} [atMs]
		 */
		function relocate(kind, id, input, atMs) {
			const item = requireItem(kind, id);
			if (item.Id === rootId) throw badRequest(`The root folder /${items.ROOT_NAME} cannot be renamed or moved.`);
			if (input.name === undefined && input.path === undefined) throw badRequest("Give 'name' (rename) and/or 'path' (move).");
			let parent = data.items[item.Parent.Id];
			let name = item.Name;
			if (input.path !== undefined) {
				const segments = segmentsOf(input.path);
				const there = resolve(segments);
				if (there && items.isFolder(there) && there.Id !== item.Id) parent = there;
				else if (segments.length === 0) throw badRequest(`'path' cannot be the root folder itself.`);
				else {
					parent = requireFolder(segments.slice(0, -1));
					name = /** @type {string} */ (segments.at(-1));
				}
			}
			if (input.name !== undefined) name = checkName(/** @type {string} */ (input.name));
			const oldParent = data.items[item.Parent.Id];
			if (parent.Id === oldParent.Id && name === item.Name) return item;
			if (items.isFolder(item)) {
				upFrom(parent.Id, (ancestor) => {
					if (ancestor.Id === item.Id) throw badRequest(`A folder cannot move into itself or a folder under it.`);
				});
			}
			refuseTaken(parent, name);
			const at = stamp(atMs);
			const size = item.FileSizeBytes;
			detach(item);
			addSize(oldParent.Id, -size);
			item.Name = name;
			item.FileName = name;
			item.Path = fullPath(parent);
			item.Parent = { Id: parent.Id };
			attach(parent, item);
			addSize(parent.Id, size);
			if (items.isFolder(item)) rewriteDescendantPaths(item);
			if (items.isFolder(item)) bumpFrom(item.Id, at);
			else item.ProgenyEditDate = at;
			bumpFrom(oldParent.Id, at);
			bumpFrom(parent.Id, at);
			const moved = parent.Id !== oldParent.Id;
			changed(moved ? 'Move' : 'Rename', item, at, moved ? oldParent.Id : undefined);
			return item;
		}

		/** Items under a moved folder keep their dates; only their Path text changes. @param {RawItem} folder */
		function rewriteDescendantPaths(folder) {
			const base = fullPath(folder);
			for (const childId of children.get(folder.Id)?.values() || []) {
				const child = data.items[childId];
				child.Path = base;
				if (items.isFolder(child)) rewriteDescendantPaths(child);
			}
		}

		/** A folder goes with everything under it. @param {'file' | 'folder' | 'any'} kind @param {string} id @param {number} [atMs] */
		function remove(kind, id, atMs) {
			const item = requireItem(kind, id);
			if (item.Id === rootId) throw badRequest(`The root folder /${items.ROOT_NAME} cannot be deleted.`);
			const at = stamp(atMs);
			const before = copyOf(item);
			const parentId = item.Parent.Id;
			detach(item);
			addSize(parentId, -item.FileSizeBytes);
			forget(item);
			bumpFrom(parentId, at);
			ordered = null;
			store.commitSoon();
			onChange({ instance, operation: 'Delete', item: before, at });
			return before;
		}

		/** @param {RawItem} item */
		function forget(item) {
			if (items.isFolder(item)) {
				for (const childId of children.get(item.Id)?.values() || []) forget(data.items[childId]);
				children.delete(item.Id);
			}
			delete data.items[item.Id];
			delete data.contents[item.Id];
		}

		/** The bytes of a file; a webhook instance hears of it as a Download. @param {string} id @param {number} [atMs] */
		function download(id, atMs) {
			const file = requireItem('file', id);
			const bytes = bytesOf(data.contents[file.Id], file.FileSizeBytes);
			onChange({ instance, operation: 'Download', item: copyOf(file), at: stamp(atMs) });
			return bytes;
		}

		/** @param {string} folderId */
		function contentsOf(folderId) {
			const folder = requireItem('folder', folderId);
			return [...(children.get(folder.Id)?.values() || [])].map((childId) => data.items[childId]).sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
		}

		/**
		 * Every item but the root, by ProgenyEditDate, then Id: the poll endpoint's order. Cached until
		 * the next change, so paging through thousands of items sorts once.
		 */
		function byProgenyEditDate() {
			if (!ordered) {
				ordered = Object.values(data.items)
					.filter((item) => item.Id !== rootId)
					.map((item) => ({ t: Date.parse(item.ProgenyEditDate), item }))
					.sort((a, b) => a.t - b.t || (a.item.Id < b.item.Id ? -1 : a.item.Id > b.item.Id ? 1 : 0));
			}
			return ordered;
		}

		return {
			now,
			root: () => data.items[rootId],
			rootId,
			fullPath,
			requireItem,
			requireAtPath,
			upload,
			createFolder,
			updateFile,
			relocate,
			remove,
			download,
			contentsOf,
			byProgenyEditDate,
			all: () => Object.values(data.items),
		};
	}

	return { account };
}

/** @typedef {ReturnType<ReturnType<typeof createDocuments>['account']>} DocumentAccount */

module.exports = { createDocuments, segmentsOf };
