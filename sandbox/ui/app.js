// @ts-check
/*
 * The sandbox page: pick an instance, see and change its emulated ShareFile account, and watch what
 * the sandbox sends. Every change goes through POST /_sandbox/instances/{id}/documents, so the
 * poller and the webhook vendor see it exactly as a ShareFile change.
 *
 * data-test attributes (stable: browser tests rely on them)
 *   instance-select          <select> of instances, option value = instance id
 *   instance-details         the chosen instance: instance-mode (data-mode = polling | webhook | off),
 *                            instance-mode-words, instance-callback, instance-warning, instance-subscriptions
 *   subscription             one subscription hearing the chosen instance: data-subscription-id, data-active,
 *                            data-vendor (cloud-elements | sharefile: a ShareFile WebhookSubscription on its account);
 *                            inside: subscription-url, subscription-deliveries
 *   no-instances             shown while the sandbox has no instance
 *   connection               data-state = connecting | live | lost
 *   tree                     the tree (role=tree), inside drop-zone
 *   tree-item                one row: data-path="/top/...", data-kind = file | folder, data-selected = true | false;
 *                            inside: tree-toggle (folders), tree-name, tree-size, tree-modified
 *   drop-zone                the tree area: files dropped on a folder row go there, elsewhere into the
 *                            selected folder (a file row stands for its folder); a dragged row moves
 *   upload-input             <input type=file multiple>: picked files go into the selected folder
 *   upload-button            the label around it
 *   new-folder-button, rename-button, move-button, delete-button, refresh-button
 *   selection                the selected path
 *   action-form              what those buttons open: action-title, action-name (<input>),
 *                            action-target (<select> of folders), action-ok, action-cancel
 *   message                  the last outcome in words, data-level = info | error
 *   activity-log             <ol> of what the sandbox sent, oldest first
 *   activity-row             data-kind = delivery | poll, data-status = pending | sending | retrying |
 *                            delivered | failed | queued | dropped (deliveries), ok | error (polls), data-key, data-instance,
 *                            data-subscription (deliveries: the subscription it is for), data-vendor (deliveries:
 *                            polling | webhook | notification, Cloud Elements'; sharefile, ShareFile's own webhooks);
 *                            inside: activity-status, activity-events, activity-attempts (data-attempts),
 *                            activity-answer (data-http-status, data-duration-ms), activity-url,
 *                            activity-records (data-records)
 *   activity-only-selected   checkbox: only the selected instance's rows
 *   activity-empty           shown while the log is empty
 */

import { control, describe, placeChange } from './api.js';
import { createActionForm } from './action-form.js';
import { createActivityLog } from './activity-log.js';
import { rowAt, wireDropZone } from './drop-zone.js';
import { plural } from './format.js';
import { renderSubscriptions } from './subscriptions.js';
import { ROOT_PATH, buildTree, folderFor, moveTargets, renderTree, visibleNodes } from './tree.js';
import { uploadFiles } from './uploads.js';

const EXAMPLE_TAG = 'n8n-example';

/** @param {string} name */
const $ = (name) => /** @type {HTMLElement} */ (document.querySelector(`[data-test="${name}"]`));

const parts = {
	select: /** @type {HTMLSelectElement} */ ($('instance-select')),
	details: $('instance-details'),
	mode: $('instance-mode'),
	modeWords: $('instance-mode-words'),
	callback: $('instance-callback'),
	warning: $('instance-warning'),
	subscriptions: $('instance-subscriptions'),
	noInstances: $('no-instances'),
	connection: $('connection'),
	tree: $('tree'),
	zone: $('drop-zone'),
	upload: /** @type {HTMLInputElement} */ ($('upload-input')),
	selection: $('selection'),
	message: $('message'),
	onlySelected: /** @type {HTMLInputElement} */ ($('activity-only-selected')),
	buttons: {
		newFolder: /** @type {HTMLButtonElement} */ ($('new-folder-button')),
		rename: /** @type {HTMLButtonElement} */ ($('rename-button')),
		move: /** @type {HTMLButtonElement} */ ($('move-button')),
		remove: /** @type {HTMLButtonElement} */ ($('delete-button')),
		refresh: /** @type {HTMLButtonElement} */ ($('refresh-button')),
	},
};

const state = {
	/** @type {Array<Record<string, any>>} */
	instances: [],
	/** @type {number | null} */
	instanceId: null,
	/** @type {Array<Record<string, any>>} */
	subscriptions: [],
	/** ShareFile's own WebhookSubscriptions (GET /_sandbox/sharefile/webhooks/subscriptions). @type {Array<Record<string, any>>} */
	shareFileSubscriptions: [],
	tree: buildTree([]),
	view: { expanded: new Set([ROOT_PATH]), selected: ROOT_PATH },
	/** The change counters of the last activity answer (null before the first). @type {{ instances: number, subscriptions: number, documents: Record<string, number> } | null} */
	seen: null,
	/** Bumped per tree load: an answer for an older load (or another instance) is dropped. */
	treeLoad: 0,
};

/** @param {'info' | 'error'} level @param {string} text */
function say(level, text) {
	parts.message.dataset.level = level;
	parts.message.textContent = text;
	parts.message.hidden = text === '';
}

const actionForm = createActionForm(/** @type {HTMLFormElement} */ ($('action-form')), say);

const MODE_WORDS = {
	webhook: 'Each change is delivered to the callback URL within a second (ShareFile webhooks).',
	polling: 'Changes are found at the next poll and delivered to the callback URL.',
	off: "Cloud Elements' events are off: changes are sent only to ShareFile webhook subscriptions, if any.",
};

function renderInstance() {
	const instance = state.instances.find((candidate) => candidate.id === state.instanceId);
	parts.details.hidden = !instance;
	if (!instance) return;
	const mode = /** @type {'webhook' | 'polling' | 'off'} */ (instance.eventMode);
	parts.mode.dataset.mode = mode;
	parts.mode.textContent = mode;
	parts.modeWords.textContent = MODE_WORDS[mode] || '';
	parts.callback.textContent = instance.callbackUrl || 'none';
	const warnings = [];
	if (instance.disabled) warnings.push('This instance is disabled: Cloud Elements sends nothing for it.');
	if (instance.subscriptionActive === false) warnings.push('Its subscription is deactivated after 10 failed attempts: deliveries are held.');
	parts.warning.textContent = warnings.join(' ');
	parts.warning.hidden = warnings.length === 0;
	renderSubscriptions(parts.subscriptions, state.subscriptions, state.shareFileSubscriptions, instance.id);
}

/**
 * A list control's answer, or undefined after telling the user why not.
 * @param {string} path @param {string} what
 * @returns {Promise<Array<Record<string, any>> | undefined>}
 */
async function listed(path, what) {
	try {
		return await control('GET', path);
	} catch (error) {
		say('error', `Could not list the ${what}: ${describe(error)}`);
		return undefined;
	}
}

async function loadSubscriptions() {
	const subscriptions = await listed('/subscriptions', 'subscriptions');
	const shareFileSubscriptions = await listed('/sharefile/webhooks/subscriptions', 'ShareFile webhook subscriptions');
	if (!subscriptions || !shareFileSubscriptions) return;
	state.subscriptions = subscriptions;
	state.shareFileSubscriptions = shareFileSubscriptions;
	renderInstance();
}

/** @param {Record<string, any>} instance */
function optionLabel(instance) {
	const tags = instance.tags.length > 0 ? ` [${instance.tags.join(', ')}]` : '';
	return `${instance.id} · ${instance.name}${tags} · ${instance.eventMode}`;
}

/** The instance to show: the one in the address, else the n8n example, else the first. */
function preferredInstance() {
	const fromHash = Number(new URLSearchParams(location.hash.slice(1)).get('instance'));
	const ids = state.instances.map((instance) => instance.id);
	if (ids.includes(fromHash)) return fromHash;
	return (state.instances.find((instance) => instance.tags.includes(EXAMPLE_TAG)) || state.instances[0])?.id ?? null;
}

async function loadInstances() {
	const instances = await listed('/instances', 'instances');
	if (!instances) return;
	state.instances = instances;
	const labels = state.instances.map((instance) => `${instance.id}\t${optionLabel(instance)}`).join('\n');
	// Rebuilt only when it changed: rebuilding would close the list under a user who has it open.
	if (parts.select.dataset.labels !== labels) {
		parts.select.dataset.labels = labels;
		parts.select.replaceChildren(...state.instances.map((instance) => new Option(optionLabel(instance), String(instance.id))));
	}
	parts.select.disabled = state.instances.length === 0;
	parts.noInstances.hidden = state.instances.length > 0;
	const keep = state.instances.some((instance) => instance.id === state.instanceId);
	if (keep) {
		parts.select.value = String(state.instanceId);
		renderInstance();
	} else chooseInstance(preferredInstance());
	updateButtons();
}

/** @param {number | null} id */
function chooseInstance(id) {
	state.instanceId = id;
	state.view = { expanded: new Set([ROOT_PATH]), selected: ROOT_PATH };
	state.tree = buildTree([]);
	if (id !== null) {
		parts.select.value = String(id);
		history.replaceState(null, '', `#instance=${id}`);
	}
	actionForm.close();
	say('info', '');
	renderInstance();
	renderAll();
	if (parts.onlySelected.checked) activity.filter(id);
	void loadTree();
}

async function loadTree() {
	const id = state.instanceId;
	const load = ++state.treeLoad;
	if (id === null) return;
	let items;
	try {
		items = await control('GET', `/instances/${id}/documents`);
	} catch (error) {
		if (load === state.treeLoad) say('error', `Could not load the files of instance ${id}: ${describe(error)}`);
		return;
	}
	if (load !== state.treeLoad) return;
	state.tree = buildTree(items);
	// A selected item that is gone (deleted or moved elsewhere) hands the selection to its nearest folder still there.
	let selected = state.view.selected;
	while (!state.tree.byPath.has(selected) && selected.lastIndexOf('/') > 0) selected = selected.slice(0, selected.lastIndexOf('/'));
	state.view.selected = state.tree.byPath.has(selected) ? selected : ROOT_PATH;
	renderAll();
}

function renderAll() {
	const hadFocus = parts.tree.contains(document.activeElement);
	renderTree(parts.tree, state.tree, state.view);
	parts.selection.textContent = state.view.selected;
	updateButtons();
	if (hadFocus) /** @type {HTMLElement | null} */ (parts.tree.querySelector('[data-selected="true"]'))?.focus();
}

function updateButtons() {
	const none = state.instanceId === null;
	const fixed = none || state.view.selected === ROOT_PATH || !state.tree.byPath.has(state.view.selected);
	parts.upload.disabled = none;
	parts.buttons.newFolder.disabled = none;
	parts.buttons.refresh.disabled = none;
	parts.buttons.rename.disabled = fixed;
	parts.buttons.move.disabled = fixed;
	parts.buttons.remove.disabled = fixed;
}

/** @param {string} path */
function select(path) {
	state.view.selected = path;
	renderAll();
}

/** @param {string} path */
function toggle(path) {
	if (state.view.expanded.has(path)) state.view.expanded.delete(path);
	else state.view.expanded.add(path);
	renderAll();
}

/** @param {string} path makes it visible: every folder above it opens */
function reveal(path) {
	for (let at = path.lastIndexOf('/'); at > 0; at = path.lastIndexOf('/', at - 1)) state.view.expanded.add(path.slice(0, at));
}

/**
 * Places one change and reloads the tree; the selection follows the item to its new path.
 * @param {Record<string, unknown>} change @param {string} done said when it worked @param {string} [selectAfter]
 */
async function apply(change, done, selectAfter) {
	const instanceId = /** @type {number} */ (state.instanceId);
	await placeChange(instanceId, change);
	if (selectAfter) {
		reveal(selectAfter);
		state.view.selected = selectAfter;
	}
	say('info', done);
	await loadTree();
}

/** @param {string} folderPath @param {File[]} files */
async function upload(folderPath, files) {
	if (state.instanceId === null || files.length === 0) return;
	say('info', `Uploading ${plural(files.length, 'file')} to ${folderPath}…`);
	const kindAt = (/** @type {string} */ path) => state.tree.byPath.get(path)?.kind;
	const { done, failed } = await uploadFiles({ instanceId: state.instanceId, folderPath, files, kindAt });
	state.view.expanded.add(folderPath);
	reveal(folderPath);
	say(failed.length > 0 ? 'error' : 'info', [...failed, ...done].join('\n'));
	await loadTree();
}

/** @param {string} path @param {string} folderPath */
function moveInto(path, folderPath) {
	const node = state.tree.byPath.get(path);
	if (!node || folderPath === node.parentPath || folderPath === path) return;
	if (folderPath.startsWith(`${path}/`)) {
		say('error', `Could not move ${path}: a folder cannot move into a folder under it.`);
		return;
	}
	const to = `${folderPath}/${node.name}`;
	apply({ op: 'move', path, newPath: folderPath }, `Moved ${path} to ${folderPath}.`, to).catch((error) => say('error', `Could not move ${path}: ${describe(error)}`));
}

// Toolbar.

parts.select.addEventListener('change', () => chooseInstance(Number(parts.select.value)));
parts.upload.addEventListener('change', () => {
	const files = [...(parts.upload.files || [])];
	parts.upload.value = '';
	void upload(folderFor(state.tree, state.view.selected), files);
});
parts.buttons.refresh.addEventListener('click', () => {
	void loadInstances();
	void loadTree();
});
parts.buttons.newFolder.addEventListener('click', () => {
	const parent = folderFor(state.tree, state.view.selected);
	actionForm.open({
		title: `New folder in ${parent}:`,
		ask: 'name',
		ok: 'Create',
		failure: 'Could not create the folder',
		run: (name) => apply({ op: 'createFolder', path: `${parent}/${name}` }, `Created ${parent}/${name}.`, `${parent}/${name}`),
	});
});
/**
 * Rename, move and delete act on the selected item; the root folder cannot be any of them.
 * @param {HTMLButtonElement} button
 * @param {(node: import('./tree.js').TreeNode) => import('./action-form.js').Action} action
 */
function actOnSelected(button, action) {
	button.addEventListener('click', () => {
		const node = state.tree.byPath.get(state.view.selected);
		if (node && node.path !== ROOT_PATH) actionForm.open(action(node));
	});
}
actOnSelected(parts.buttons.rename, (node) => ({
	title: `Rename ${node.path} to:`,
	ask: 'name',
	value: node.name,
	ok: 'Rename',
	failure: `Could not rename ${node.name}`,
	run: (name) => apply({ op: 'rename', path: node.path, newName: name }, `Renamed ${node.path} to ${name}.`, `${node.parentPath}/${name}`),
}));
actOnSelected(parts.buttons.move, (node) => ({
	title: `Move ${node.path} into:`,
	ask: 'target',
	targets: moveTargets(state.tree, node),
	ok: 'Move',
	failure: `Could not move ${node.name}`,
	run: (folder) => apply({ op: 'move', path: node.path, newPath: folder }, `Moved ${node.path} to ${folder}.`, `${folder}/${node.name}`),
}));
actOnSelected(parts.buttons.remove, (node) => ({
	title: `Delete ${node.path}${node.kind === 'folder' && node.children.length > 0 ? ' and everything in it' : ''}?`,
	ask: 'confirm',
	ok: 'Delete',
	failure: `Could not delete ${node.name}`,
	run: () => apply({ op: 'delete', path: node.path }, `Deleted ${node.path}.`),
}));
parts.onlySelected.addEventListener('change', () => activity.filter(parts.onlySelected.checked ? state.instanceId : null));

// The tree: click selects, the arrow toggles, keys move as in a file manager.

parts.tree.addEventListener('click', (event) => {
	const row = rowAt(event.target);
	if (!row) return;
	const path = /** @type {string} */ (row.dataset.path);
	if (event.target instanceof Element && event.target.closest('[data-test="tree-toggle"]')) toggle(path);
	else select(path);
});
parts.tree.addEventListener('dblclick', (event) => {
	const row = rowAt(event.target);
	if (row?.dataset.kind === 'folder' && !(event.target instanceof Element && event.target.closest('[data-test="tree-toggle"]'))) toggle(/** @type {string} */ (row.dataset.path));
});
parts.tree.addEventListener('keydown', (event) => {
	const rows = visibleNodes(state.tree, state.view);
	const index = rows.findIndex((entry) => entry.node.path === state.view.selected);
	const node = rows[index]?.node;
	if (!node) return;
	const keys = {
		ArrowDown: () => rows[index + 1] && select(rows[index + 1].node.path),
		ArrowUp: () => rows[index - 1] && select(rows[index - 1].node.path),
		ArrowRight: () => node.kind === 'folder' && !state.view.expanded.has(node.path) && toggle(node.path),
		ArrowLeft: () => (node.kind === 'folder' && state.view.expanded.has(node.path) ? toggle(node.path) : node.parentPath && select(node.parentPath)),
		Enter: () => node.kind === 'folder' && toggle(node.path),
		F2: () => parts.buttons.rename.click(),
		Delete: () => parts.buttons.remove.click(),
	};
	const action = keys[/** @type {keyof typeof keys} */ (event.key)];
	if (!action) return;
	event.preventDefault();
	action();
});

wireDropZone({
	zone: parts.zone,
	tree: parts.tree,
	rootPath: ROOT_PATH,
	enabled: () => state.instanceId !== null,
	// On a row: that folder, or a file's folder; elsewhere: the selected folder.
	folderAt: (row) => folderFor(state.tree, row ? /** @type {string} */ (row.dataset.path) : state.view.selected),
	onFiles: (folder, files) => void upload(folder, files),
	onMove: moveInto,
});

// The live log; its answers also say when instances or the shown account changed elsewhere.

const activity = createActivityLog({
	list: $('activity-log'),
	empty: $('activity-empty'),
	onConnection(live) {
		parts.connection.dataset.state = live ? 'live' : 'lost';
		parts.connection.textContent = live ? 'Live' : 'The sandbox does not answer; retrying…';
	},
	async onAnswer(answer) {
		const before = state.seen;
		const now = /** @type {{ instances: number, subscriptions: number, documents: Record<string, number> }} */ (answer.versions);
		state.seen = now;
		const moved = (/** @type {(versions: typeof now) => number} */ read) => answer.restarted || !before || read(before) !== read(now);
		// Any delivery may have deactivated a subscription; the instance list is small, so reload it.
		// First, so a tree is never asked of an instance that is gone.
		if (moved((versions) => versions.instances) || answer.entries.length > 0) await loadInstances();
		// Every delivery moves a subscription's counts.
		if (moved((versions) => versions.subscriptions) || answer.entries.length > 0) await loadSubscriptions();
		// The chosen instance's tree was loaded when it was chosen: reload only when its account moves.
		if (moved((versions) => versions.documents[String(state.instanceId)] || 0)) await loadTree();
	},
});

updateButtons();
void loadInstances().then(() => activity.start());
