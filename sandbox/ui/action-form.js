// @ts-check
// The small form above the tree that new folder, rename, move and delete open: it asks for what the
// change needs (a name, a target folder, or a confirmation), then runs it. It stays open on a
// failure, so the user can correct the name and try again.

import { describe } from './api.js';
import { h } from './dom.js';

const FORBIDDEN = /[\\/:*?"<>|]/;

/** What is wrong with an item name, in words, or null. The sandbox checks too; this answers sooner. @param {string} name */
export function nameProblem(name) {
	if (name.trim() === '') return 'Give a name.';
	if (name === '.' || name === '..') return `'${name}' cannot be a name.`;
	if (FORBIDDEN.test(name)) return 'A name cannot contain \\ / : * ? " < > |.';
	return null;
}

/**
 * @typedef {{ title: string, ask: 'name' | 'target' | 'confirm', value?: string, targets?: string[], ok: string,
 *   failure: string, run: (value: string) => Promise<void> }} Action
 *   `failure` starts the sentence shown when `run` fails, e.g. "Could not rename a.txt".
 */

/**
 * @param {HTMLFormElement} form
 * @param {(level: 'info' | 'error', text: string) => void} say
 */
export function createActionForm(form, say) {
	const title = /** @type {HTMLElement} */ (form.querySelector('[data-test="action-title"]'));
	const name = /** @type {HTMLInputElement} */ (form.querySelector('[data-test="action-name"]'));
	const target = /** @type {HTMLSelectElement} */ (form.querySelector('[data-test="action-target"]'));
	const ok = /** @type {HTMLButtonElement} */ (form.querySelector('[data-test="action-ok"]'));
	const cancel = /** @type {HTMLButtonElement} */ (form.querySelector('[data-test="action-cancel"]'));
	/** @type {Action | null} */
	let current = null;

	function close() {
		current = null;
		form.hidden = true;
	}

	/** @param {Action} action */
	function open(action) {
		current = action;
		form.dataset.ask = action.ask;
		title.textContent = action.title;
		ok.textContent = action.ok;
		ok.disabled = false;
		name.hidden = action.ask !== 'name';
		target.hidden = action.ask !== 'target';
		name.value = action.value || '';
		target.replaceChildren(...(action.targets || []).map((path) => h('option', { value: path }, path)));
		form.hidden = false;
		if (action.ask === 'name') {
			name.focus();
			// Select the name without its extension, as file managers do on rename.
			const dot = name.value.lastIndexOf('.');
			name.setSelectionRange(0, dot > 0 ? dot : name.value.length);
		} else (action.ask === 'target' ? target : ok).focus();
	}

	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		const action = current;
		if (!action || ok.disabled) return;
		const value = action.ask === 'name' ? name.value : action.ask === 'target' ? target.value : '';
		const problem = action.ask === 'name' ? nameProblem(value) : action.ask === 'target' && !value ? 'There is no folder to move it to.' : null;
		if (problem) {
			say('error', `${action.failure}: ${problem}`);
			return;
		}
		ok.disabled = true;
		try {
			await action.run(value);
			if (current === action) close();
		} catch (error) {
			say('error', `${action.failure}: ${describe(error)}`);
		} finally {
			ok.disabled = false;
		}
	});
	cancel.addEventListener('click', close);
	form.addEventListener('keydown', (event) => {
		if (event.key === 'Escape') close();
	});

	return { open, close };
}
