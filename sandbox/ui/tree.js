// @ts-check
// The instance's ShareFile account as an expandable tree. Rows are flat (aria-level says the depth)
// so a row never contains another: a click or a drop lands on exactly one item.

import { h } from './dom.js';
import { formatBytes, formatDate, plural } from './format.js';

export const ROOT_PATH = '/top';
const FOLDER_TYPE = 'ShareFile.Api.Models.Folder';

/**
 * @typedef {{ item: Record<string, any>, path: string, name: string, kind: 'file' | 'folder', parentPath: string | null, children: TreeNode[] }} TreeNode
 * @typedef {{ root: TreeNode | undefined, byPath: Map<string, TreeNode> }} Tree
 * @typedef {{ expanded: Set<string>, selected: string }} TreeView
 */

/** @param {TreeNode} a @param {TreeNode} b */
function byKindThenName(a, b) {
	if (a.kind !== b.kind) return a.kind === 'folder' ? -1 : 1;
	return a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true }) || (a.name < b.name ? -1 : 1);
}

/**
 * From the raw ShareFile items `GET /_sandbox/instances/{id}/documents` answers (root included).
 * @param {Array<Record<string, any>>} items
 * @returns {Tree}
 */
export function buildTree(items) {
	/** @type {Map<string, TreeNode>} */
	const byId = new Map();
	for (const item of items) {
		const isRoot = !item.Parent;
		byId.set(item.Id, {
			item,
			path: isRoot ? ROOT_PATH : `${item.Path}/${item.Name}`,
			name: isRoot ? ROOT_PATH : item.Name,
			kind: item['odata.type'] === FOLDER_TYPE ? 'folder' : 'file',
			parentPath: isRoot ? null : item.Path,
			children: [],
		});
	}
	let root;
	for (const node of byId.values()) {
		if (!node.item.Parent) root = node;
		else byId.get(node.item.Parent.Id)?.children.push(node);
	}
	for (const node of byId.values()) node.children.sort(byKindThenName);
	return { root, byPath: new Map([...byId.values()].map((node) => [node.path, node])) };
}

/** The rows shown: the root, and the children of every expanded folder, depth first. @param {Tree} tree @param {TreeView} view */
export function visibleNodes(tree, view) {
	/** @type {Array<{ node: TreeNode, depth: number }>} */
	const rows = [];
	/** @param {TreeNode} node @param {number} depth */
	const walk = (node, depth) => {
		rows.push({ node, depth });
		if (node.kind === 'folder' && view.expanded.has(node.path)) for (const child of node.children) walk(child, depth + 1);
	};
	if (tree.root) walk(tree.root, 0);
	return rows;
}

/** @param {TreeNode} node @param {number} depth @param {TreeView} view */
function rowOf(node, depth, view) {
	const folder = node.kind === 'folder';
	const open = folder && view.expanded.has(node.path);
	const selected = node.path === view.selected;
	const row = h(
		'div',
		{
			class: `tree-row${selected ? ' selected' : ''}`,
			role: 'treeitem',
			tabindex: selected ? '0' : '-1',
			draggable: node.path === ROOT_PATH ? 'false' : 'true',
			'aria-level': depth + 1,
			'aria-selected': String(selected),
			'aria-expanded': folder ? String(open) : null,
			'data-test': 'tree-item',
			'data-path': node.path,
			'data-kind': node.kind,
			'data-selected': String(selected),
			title: node.path,
		},
		folder
			? h('button', { type: 'button', class: 'toggle', tabindex: '-1', 'data-test': 'tree-toggle', 'aria-label': `${open ? 'Collapse' : 'Expand'} ${node.path}` }, open ? '▾' : '▸')
			: h('span', { class: 'toggle-space' }),
		h('span', { class: `icon icon-${node.kind}`, 'aria-hidden': 'true' }),
		h('span', { class: 'name', 'data-test': 'tree-name' }, node.name),
		h('span', { class: 'meta count' }, folder ? plural(node.children.length, 'item') : ''),
		h('span', { class: 'meta size', 'data-test': 'tree-size' }, formatBytes(node.item.FileSizeBytes || 0)),
		h('span', { class: 'meta date', 'data-test': 'tree-modified', title: `modified ${node.item.ProgenyEditDate}` }, formatDate(node.item.ProgenyEditDate)),
	);
	row.style.setProperty('--depth', String(depth));
	return row;
}

/** @param {HTMLElement} container @param {Tree} tree @param {TreeView} view */
export function renderTree(container, tree, view) {
	container.replaceChildren(...visibleNodes(tree, view).map(({ node, depth }) => rowOf(node, depth, view)));
}

/** Folders an item may move into: not its own parent, not itself nor anything under it. @param {Tree} tree @param {TreeNode} node */
export function moveTargets(tree, node) {
	return [...tree.byPath.values()]
		.filter((candidate) => candidate.kind === 'folder' && candidate.path !== node.parentPath)
		.filter((candidate) => candidate.path !== node.path && !candidate.path.startsWith(`${node.path}/`))
		.map((candidate) => candidate.path)
		.sort();
}

/** The folder an upload or a new folder goes to when `path` is selected: itself, or a file's parent. @param {Tree} tree @param {string} path */
export function folderFor(tree, path) {
	const node = tree.byPath.get(path);
	if (!node) return ROOT_PATH;
	return node.kind === 'folder' ? node.path : node.parentPath || ROOT_PATH;
}
