// @ts-check
'use strict';

const { badRequest, notFound, CeError } = require('./errors');
const { newShareFileId } = require('./random');
const { configurationValue } = require('./configuration');
const items = require('./sharefile-items');
const content = require('./document-content');

/**
 * @typedef {import('./sharefile-items').RawItem} RawItem
 * @typedef {import('./store').InstanceRecord} InstanceRecord
 * @typedef {import('./store').StoredContent} StoredContent
 * @typedef {'Upload' | 'Update' | 'Rename' | 'Move' | 'Delete' | 'CreateFolder' | 'Download' | 'Metadata'} Operation
 * @typedef {{ instance: InstanceRecord, operation: Operation, item: RawItem, at: string, previousParentId?: string | null }} DocumentChange
 *   `item` is a copy taken right after the change (for Delete: right before it). `Metadata` is a
 *   change of tags only.
 * @typedef {{ implicitParents?: boolean, overwrite?: boolean }} WriteOptions how the hub's writes
 *   differ from ShareFile's own: missing parents are made (ShareFile "implicit path creation"), and
 *   an existing file may be replaced.
 * @typedef {{ id: string, size: number, hash: string, modifiedDate: string }} Revision
 * @typedef {{ tags?: string[], mimeType?: string, revisions?: Revision[] }} ItemExtras what the hub
 *   keeps beside ShareFile's own item: tags, the MIME type given at upload, content revisions.
 */

/** Characters ShareFile refuses in item names. */
const FORBIDDEN_NAME = /[\\/:*?"<>|]/;

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

/** Versions kept per file, oldest dropped first (ShareFile keeps a configurable number too). */
const MAX_REVISIONS = 100;

/** @param {unknown} tags */
function readTags(tags) {
	if (!Array.isArray(tags) || tags.some((tag) => typeof tag !== 'string')) throw badRequest("'tags' must be an array of strings.");
	return [...new Set(/** @type {string[]} */ (tags))];
}

/** @param {string} name */
function checkName(name) {
	if (typeof name !== 'string' || name.trim() === '' || name === '.' || name === '..' || FORBIDDEN_NAME.test(name)) {
		throw badRequest(`'name' must be a non-empty item name without \\ / : * ? " < > |; got ${JSON.stringify(name)}.`);
	}
	return name;
}

/**
 * The emulated ShareFile accounts, one per instance, kept in `instance.sharefile` (raw items by Id,
 * file contents by Id, the hub's extras by Id, the root folder's Id). Lookups by path and the order
 * the poll endpoint needs are in-memory indexes rebuilt on first use, so each change costs O(depth),
 * not a scan. Large contents are blob files (blob-store.js).
 * @param {{ store: import('./store').Store, now: () => number, onChange: (change: DocumentChange) => void,
 *   blobs: import('./blob-store').BlobStore }} deps
 */
function createDocuments({ store, now, onChange, blobs }) {
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
		/** @param {string[]} segments */
		const pathText = (segments) => `/${[items.ROOT_NAME, ...segments].join('/')}`;

		/** @param {string} id @returns {ItemExtras} */
		const extrasOf = (id) => data.extras[id] || {};
		/** @param {string} id @returns {ItemExtras} */
		const extrasFor = (id) => (data.extras[id] ??= {});

		/** @param {RawItem} folder @param {string} name @returns {RawItem | undefined} */
		function childNamed(folder, name) {
			const childId = items.isFolder(folder) ? children.get(folder.Id)?.get(name) : undefined;
			return childId ? data.items[childId] : undefined;
		}

		/** @param {string[]} segments @returns {RawItem | undefined} */
		function resolve(segments) {
			let current = data.items[rootId];
			for (const segment of segments) {
				const child = childNamed(current, segment);
				if (!child) return undefined;
				current = child;
			}
			return current;
		}

		/** @param {string[]} segments */
		function requireFolder(segments) {
			const folder = resolve(segments);
			if (!folder || !items.isFolder(folder)) throw notFound(`No folder found at path '${pathText(segments)}'.`);
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
			if (!item) throw notFound(`No file or folder found at path '${pathText(segments)}'.`);
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

		/** The message Cloud Elements gives for an upload collision (DOC D3), for every "already there". @param {RawItem} parent @param {string} name */
		const taken = (parent, name) =>
			new CeError(409, `A file or folder named '${name}' already exists in '${fullPath(parent)}'. Rename it, or set the overwrite query parameter to true to replace a file.`);

		/** @param {RawItem} parent @param {string} name */
		function refuseTaken(parent, name) {
			if (children.get(parent.Id)?.has(name)) throw taken(parent, name);
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

		/** @param {RawItem} parent @param {string} name @param {string} at */
		function newFolder(parent, name, at) {
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

		/**
		 * @param {RawItem} parent @param {string} name @param {import('./document-content').Content} body @param {string} at
		 * @param {{ description?: string, extras?: ItemExtras }} [more]
		 */
		function newFile(parent, name, body, at, more = {}) {
			const file = items.fileItem({
				id: newShareFileId('fi'),
				name,
				parentPath: fullPath(parent),
				parentId: parent.Id,
				at,
				size: body.size,
				hash: body.hash,
				streamId: newShareFileId('st'),
				subdomain: subdomain(),
			});
			if (more.description) file.Description = more.description;
			data.items[file.Id] = file;
			if (body.stored !== undefined) data.contents[file.Id] = body.stored;
			const extras = Object.fromEntries(Object.entries(more.extras || {}).filter(([, value]) => value !== undefined));
			if (Object.keys(extras).length > 0) data.extras[file.Id] = extras;
			attach(parent, file);
			addSize(parent.Id, file.FileSizeBytes);
			bumpFrom(parent.Id, at);
			changed('Upload', file, at);
			return file;
		}

		/**
		 * The folder at `segments`, made (with each missing folder above it) when `implicit`, as the
		 * ShareFile element does for the hub's writes (DOC D4). A file in the way is a conflict.
		 * @param {string[]} segments @param {boolean | undefined} implicit @param {string} at
		 */
		function folderAt(segments, implicit, at) {
			if (!implicit) return requireFolder(segments);
			let current = data.items[rootId];
			for (const segment of segments) {
				const child = childNamed(current, segment);
				if (child && !items.isFolder(child)) throw new CeError(409, `'${fullPath(child)}' is a file, so no folder can be made under it.`);
				current = child || newFolder(current, segment, at);
			}
			return current;
		}

		/**
		 * Where an upload goes, checked before its bytes are read (a 200 MB upload to a taken path fails
		 * at once) and again when they are in.
		 * @param {unknown} path @param {WriteOptions} [options]
		 * @returns {{ segments: string[], name: string, existing: RawItem | undefined }}
		 */
		function uploadTarget(path, options = {}) {
			const segments = segmentsOf(path);
			if (segments.length === 0) throw badRequest(`'path' names the root folder; give a file path such as /${items.ROOT_NAME}/a.txt.`);
			const name = /** @type {string} */ (segments.at(-1));
			const parentSegments = segments.slice(0, -1);
			const parent = resolve(parentSegments);
			if (!parent && !options.implicitParents) requireFolder(parentSegments);
			if (parent && !items.isFolder(parent)) {
				if (!options.implicitParents) requireFolder(parentSegments);
				throw new CeError(409, `'${fullPath(parent)}' is a file, so no folder can be made under it.`);
			}
			const existing = parent ? childNamed(parent, name) : undefined;
			if (existing && (items.isFolder(existing) || !options.overwrite)) throw taken(/** @type {RawItem} */ (parent), name);
			return { segments, name, existing };
		}

		/**
		 * A new file, or with `overwrite` new content for the file already there (same Id, an Update).
		 * `input.body` is content already read (a streamed upload); otherwise it is read from the
		 * JSON fields.
		 * @param {{ path: unknown, content?: unknown, contentBase64?: unknown, size?: unknown,
		 *   body?: import('./document-content').Content, description?: string, tags?: string[], mimeType?: string }} input
		 * @param {number} [atMs] @param {WriteOptions} [options]
		 */
		function upload(input, atMs, options = {}) {
			const { segments, name, existing } = uploadTarget(input.path, options);
			const body = input.body ?? content.readContent(input, blobs);
			const at = stamp(atMs);
			if (existing) {
				if (input.description !== undefined) existing.Description = input.description;
				if (input.tags !== undefined) extrasFor(existing.Id).tags = input.tags;
				if (input.mimeType !== undefined) extrasFor(existing.Id).mimeType = input.mimeType;
				return replaceContent(existing, body, at);
			}
			const parent = folderAt(segments.slice(0, -1), options.implicitParents, at);
			return newFile(parent, name, body, at, { description: input.description, extras: { tags: input.tags, mimeType: input.mimeType } });
		}

		/**
		 * @param {{ path: unknown, name?: unknown }} input `name`, when given, must be the path's last segment
		 * @param {number} [atMs] @param {WriteOptions} [options]
		 */
		function createFolder(input, atMs, options = {}) {
			const segments = segmentsOf(input.path);
			if (segments.length === 0) throw new CeError(409, `The root folder /${items.ROOT_NAME} already exists.`);
			const name = /** @type {string} */ (segments.at(-1));
			// The ShareFile element's own words (CODE C6).
			if (input.name !== undefined && input.name !== null && input.name !== name) throw badRequest('Folder name provided and folder name in path do not match');
			const parentSegments = segments.slice(0, -1);
			const parent = resolve(parentSegments);
			if (parent) refuseTaken(parent, name);
			const at = stamp(atMs);
			return newFolder(folderAt(parentSegments, options.implicitParents, at), name, at);
		}

		/**
		 * The versions of a file's content, oldest first. A file's first version is written down only
		 * when a second comes (most files never get one, and bulk uploads stay small in the state).
		 * @param {RawItem} file
		 */
		function revisionList(file) {
			const extras = extrasFor(file.Id);
			if (!extras.revisions) {
				extras.revisions = [{ id: newShareFileId('fi'), size: file.FileSizeBytes, hash: file.Hash, modifiedDate: file.CreationDate }];
				store.commitSoon();
			}
			return extras.revisions;
		}

		/** New content in place: same Id and CreationDate, new Hash, size and date, a new revision. @param {RawItem} file @param {import('./document-content').Content} body @param {string} at */
		function replaceContent(file, body, at) {
			const revisions = revisionList(file);
			revisions.push({ id: newShareFileId('fi'), size: body.size, hash: body.hash, modifiedDate: at });
			if (revisions.length > MAX_REVISIONS) revisions.splice(0, revisions.length - MAX_REVISIONS);
			addSize(file.Parent.Id, body.size - file.FileSizeBytes);
			file.FileSizeBytes = body.size;
			file.Hash = body.hash;
			content.releaseContent(data.contents[file.Id], blobs);
			if (body.stored !== undefined) data.contents[file.Id] = body.stored;
			else delete data.contents[file.Id];
			// A file's date is that of its latest change as applied, even one placed in the past.
			file.ProgenyEditDate = at;
			bumpFrom(file.Parent.Id, at);
			changed('Update', file, at);
			return file;
		}

		/**
		 * @param {string} id @param {{ content?: unknown, contentBase64?: unknown, size?: unknown }} input
		 * @param {number} [atMs]
		 */
		function updateFile(id, input, atMs) {
			const file = requireItem('file', id);
			if (input.content === undefined && input.contentBase64 === undefined && input.size === undefined) {
				throw badRequest("An update needs 'content', 'contentBase64' or 'size'.");
			}
			return replaceContent(file, content.readContent(input, blobs), stamp(atMs));
		}

		/** @param {RawItem} folder @param {RawItem} target */
		function refuseUnderItself(folder, target) {
			upFrom(target.Id, (ancestor) => {
				if (ancestor.Id === folder.Id) throw badRequest(`A folder cannot move or be copied into itself or a folder under it.`);
			});
		}

		/** @param {RawItem} item @param {string[]} segments */
		function refusePathUnder(item, segments) {
			const target = pathText(segments);
			const own = fullPath(item);
			if (items.isFolder(item) && (target === own || target.startsWith(`${own}/`))) {
				throw badRequest(`A folder cannot move or be copied into itself or a folder under it.`);
			}
		}

		/**
		 * Rename and/or move, and tags. `path` works like `mv`: an existing folder there receives the
		 * item under its own name; otherwise `path` is the item's new full path (missing folders made
		 * with `implicitParents`). `name` renames (and wins over the last segment of `path`). A file
		 * already at the destination is a 409, or with `overwrite` is replaced (deleted first). A move
		 * bumps the old and the new parent folders.
		 * @param {'file' | 'folder' | 'any'} kind @param {string} id
		 * @param {{ name?: unknown, path?: unknown, tags?: unknown }} input @param {number} [atMs] @param {WriteOptions} [options]
		 */
		function relocate(kind, id, input, atMs, options = {}) {
			const item = requireItem(kind, id);
			if (item.Id === rootId) throw badRequest(`The root folder /${items.ROOT_NAME} cannot be renamed or moved.`);
			if (input.name === undefined && input.path === undefined && input.tags === undefined) throw badRequest("Give 'name' (rename), 'path' (move) and/or 'tags'.");
			const tags = input.tags === undefined ? undefined : readTags(input.tags);
			if (input.name !== undefined) checkName(/** @type {string} */ (input.name));
			const oldParent = data.items[item.Parent.Id];
			const at = stamp(atMs);
			let parent = oldParent;
			let name = item.Name;
			if (input.path !== undefined) {
				const segments = segmentsOf(input.path);
				const there = resolve(segments);
				if (there && items.isFolder(there) && there.Id !== item.Id) {
					refuseUnderItself(item, there);
					parent = there;
				} else if (segments.length === 0) throw badRequest(`'path' cannot be the root folder itself.`);
				else {
					refusePathUnder(item, segments.slice(0, -1));
					parent = folderAt(segments.slice(0, -1), options.implicitParents, at);
					name = /** @type {string} */ (segments.at(-1));
				}
			}
			if (input.name !== undefined) name = /** @type {string} */ (input.name);
			if (tags !== undefined) extrasFor(item.Id).tags = tags;
			if (parent.Id === oldParent.Id && name === item.Name) {
				if (tags === undefined) return item;
				if (!items.isFolder(item)) item.ProgenyEditDate = at;
				bumpFrom(parent.Id, at);
				changed('Metadata', item, at);
				return item;
			}
			const occupant = childNamed(parent, name);
			if (occupant && occupant.Id !== item.Id) {
				if (!options.overwrite || items.isFolder(occupant) || items.isFolder(item)) throw taken(parent, name);
				remove('file', occupant.Id, Date.parse(at));
			}
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

		/**
		 * A new Description (ShareFile's own field; the hub has no way to set it after upload): a
		 * Metadata change, like tags.
		 * @param {string} id @param {string} description @param {number} [atMs]
		 */
		function describe(id, description, atMs) {
			const item = requireItem('any', id);
			if (item.Description === description) return item;
			const at = stamp(atMs);
			item.Description = description;
			if (!items.isFolder(item)) item.ProgenyEditDate = at;
			bumpFrom(item.Parent?.Id, at);
			changed('Metadata', item, at);
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

		/**
		 * A copy with new Ids and dates; a folder's copy holds copies of everything under it. Each
		 * copied item is a change of its own: files an Upload, folders a CreateFolder, which is what
		 * ShareFile's webhooks and a poller can see of a copy (ShareFile has no Copy webhook, INFERRED).
		 * @param {RawItem} source @param {RawItem} parent @param {string} name @param {string} at
		 * @returns {RawItem}
		 */
		function copyInto(source, parent, name, at) {
			if (!items.isFolder(source)) {
				const body = { stored: content.copyContent(data.contents[source.Id], blobs), size: source.FileSizeBytes, hash: source.Hash };
				const { tags, mimeType } = extrasOf(source.Id);
				return newFile(parent, name, body, at, { description: source.Description, extras: { tags: tags && [...tags], mimeType } });
			}
			const sourceChildren = [...(children.get(source.Id)?.values() || [])].map((childId) => data.items[childId]);
			const folder = newFolder(parent, name, at);
			for (const child of sourceChildren) copyInto(child, folder, child.Name, at);
			return folder;
		}

		/**
		 * `POST .../copy` with `{ path }`: the copy's full path (missing folders made). The source stays.
		 * An existing destination is a 409; with `overwrite` a file gets the source's content in place
		 * (an Update) and a folder is replaced (deleted, then copied). INFERRED: overwrite on copy.
		 * @param {'file' | 'folder'} kind @param {string} id @param {{ path?: unknown }} input @param {number} [atMs] @param {WriteOptions} [options]
		 */
		function copy(kind, id, input, atMs, options = {}) {
			const source = requireItem(kind, id);
			const segments = segmentsOf(input.path);
			if (segments.length === 0) throw new CeError(409, `The root folder /${items.ROOT_NAME} already exists.`);
			refusePathUnder(source, segments);
			const name = /** @type {string} */ (segments.at(-1));
			const at = stamp(atMs);
			const existing = resolve(segments);
			if (existing) {
				const parent = data.items[existing.Parent.Id];
				if (!options.overwrite || items.isFolder(existing) !== items.isFolder(source)) throw taken(parent, name);
				if (!items.isFolder(existing)) {
					const body = { stored: content.copyContent(data.contents[source.Id], blobs), size: source.FileSizeBytes, hash: source.Hash };
					return replaceContent(existing, body, at);
				}
				remove('folder', existing.Id, Date.parse(at));
			}
			return copyInto(source, folderAt(segments.slice(0, -1), true, at), name, at);
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
			content.releaseContent(data.contents[item.Id], blobs);
			delete data.items[item.Id];
			delete data.contents[item.Id];
			delete data.extras[item.Id];
		}

		/**
		 * A file's bytes as a stream, with what a download answer needs; a webhook instance hears of
		 * it as a Download.
		 * @param {string} id @param {number} [atMs]
		 */
		function download(id, atMs) {
			const file = requireItem('file', id);
			const stream = content.contentStream(data.contents[file.Id], file.FileSizeBytes, blobs);
			onChange({ instance, operation: 'Download', item: copyOf(file), at: stamp(atMs) });
			return { file, stream, size: file.FileSizeBytes, mimeType: extrasOf(file.Id).mimeType };
		}

		/** @param {string} folderId */
		function contentsOf(folderId) {
			const folder = requireItem('folder', folderId);
			return [...(children.get(folder.Id)?.values() || [])].map((childId) => data.items[childId]).sort(byName);
		}

		/** Everything under a folder, depth first, each folder's children by name. @param {RawItem} folder @returns {Generator<RawItem>} */
		function* descendants(folder) {
			for (const child of contentsOf(folder.Id)) {
				yield child;
				if (items.isFolder(child)) yield* descendants(child);
			}
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
			instance,
			now,
			root: () => data.items[rootId],
			rootId,
			fullPath,
			requireItem,
			requireAtPath,
			uploadTarget,
			upload,
			createFolder,
			updateFile,
			relocate,
			describe,
			copy,
			remove,
			download,
			contentsOf,
			descendants,
			byProgenyEditDate,
			/** @param {string} id */
			tagsOf: (id) => extrasOf(id).tags || [],
			/** @param {RawItem} file */
			revisions: (file) => revisionList(file),
			all: () => Object.values(data.items),
		};
	}

	/** @param {RawItem} a @param {RawItem} b */
	const byName = (a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0);

	/** Blob files of an instance's account (its contents that are blobs). @param {InstanceRecord} instance */
	const blobNamesOf = (instance) => Object.values(instance.sharefile.contents).map(content.blobName).filter((name) => name !== undefined);

	return {
		account,
		blobs,
		/** An instance is gone: so are its blob files. @param {InstanceRecord} instance */
		forgetInstance(instance) {
			for (const name of blobNamesOf(instance)) blobs.remove(/** @type {string} */ (name));
		},
		/** At start: blob files no instance refers to are left over from a crash. @param {InstanceRecord[]} instances */
		collectBlobs(instances) {
			blobs.collect(new Set(/** @type {string[]} */ (instances.flatMap(blobNamesOf))));
		},
	};
}

/** @typedef {ReturnType<ReturnType<typeof createDocuments>['account']>} DocumentAccount */

module.exports = { createDocuments, segmentsOf, readTags, checkName };
