// @ts-check
// Drag and drop on the tree: files from the desktop upload, a dragged row moves. The folder a drop
// goes to is marked while dragging, so the user sees where it will land before letting go.

/** Drag type of a tree row being moved (files from the desktop come as 'Files'). */
const ROW_TYPE = 'application/x-sandbox-path';

/** @param {EventTarget | null} target */
export const rowAt = (target) => /** @type {HTMLElement | null} */ (target instanceof Element ? target.closest('[data-test="tree-item"]') : null);

/**
 * @param {{ zone: HTMLElement, tree: HTMLElement, rootPath: string,
 *   enabled: () => boolean,
 *   folderAt: (row: HTMLElement | null) => string,
 *   onFiles: (folder: string, files: File[]) => void,
 *   onMove: (path: string, folder: string) => void }} parts
 *   `folderAt` names the folder a drop on that row (or on no row) goes to.
 */
export function wireDropZone({ zone, tree, rootPath, enabled, folderAt, onFiles, onMove }) {
	tree.addEventListener('dragstart', (event) => {
		const row = rowAt(event.target);
		if (!row || !event.dataTransfer || row.dataset.path === rootPath) return;
		event.dataTransfer.setData(ROW_TYPE, /** @type {string} */ (row.dataset.path));
		event.dataTransfer.effectAllowed = 'move';
	});

	function clearMarks() {
		zone.classList.remove('dragging');
		for (const marked of tree.querySelectorAll('.drop-target')) marked.classList.remove('drop-target');
	}

	zone.addEventListener('dragover', (event) => {
		const types = [...(event.dataTransfer?.types || [])];
		const files = types.includes('Files');
		if ((!files && !types.includes(ROW_TYPE)) || !enabled()) return;
		event.preventDefault();
		if (event.dataTransfer) event.dataTransfer.dropEffect = files ? 'copy' : 'move';
		clearMarks();
		zone.classList.add('dragging');
		const folder = folderAt(rowAt(event.target));
		tree.querySelector(`[data-test="tree-item"][data-path="${CSS.escape(folder)}"]`)?.classList.add('drop-target');
	});
	zone.addEventListener('dragleave', (event) => {
		if (!(event.relatedTarget instanceof Node) || !zone.contains(event.relatedTarget)) clearMarks();
	});
	zone.addEventListener('drop', (event) => {
		clearMarks();
		if (!event.dataTransfer || !enabled()) return;
		event.preventDefault();
		const folder = folderAt(rowAt(event.target));
		const moved = event.dataTransfer.getData(ROW_TYPE);
		if (moved) onMove(moved, folder);
		else onFiles(folder, [...event.dataTransfer.files]);
	});
	// A file dropped next to the drop zone would make the browser leave the page to open it.
	window.addEventListener('dragover', (event) => event.preventDefault());
	window.addEventListener('drop', (event) => event.preventDefault());
}
