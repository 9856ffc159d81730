'use strict';
// What an operator does in n8n 2.41's editor, in n8n's own terms (canvas, node panel, node
// details view, credential modal). n8n's data-test-id attributes locate things; they are n8n's,
// so they may change with n8n's version (pinned in scripts/n8n/env.sh).

const { waitFor } = require('../../lib/wait');

/** A new, empty workflow in the editor. */
async function newWorkflow(page, n8n) {
	await page.goto(`${n8n.url}/workflow/new`);
	await page.getByTestId('canvas-add-button').waitFor();
}

/**
 * The node panel's search results as the operator sees them: name, description and the icon
 * (its address, and whether the browser could draw it). The list updates as n8n searches, so
 * the results are read again until every name mentions what was typed.
 */
async function nodePanelResults(page, text) {
	const search = page.getByTestId('node-creator-search-bar');
	await search.fill(text);
	const words = text.toLowerCase();
	const read = async () =>
		await page.getByTestId('item-iterator-item').evaluateAll((items) =>
			items.map((item) => {
				const icon = item.querySelector('img');
				return {
					name: item.querySelector('[data-test-id="node-creator-item-name"]')?.textContent?.trim() ?? '',
					description: item.querySelector('[data-test-id="node-creator-item-description"]')?.textContent?.trim(),
					icon: icon ? icon.getAttribute('src') : undefined,
					iconDrawn: Boolean(icon && icon.complete && icon.naturalWidth > 0),
				};
			}),
		);
	let results = [];
	await waitFor(`the node panel to show results for "${text}"`, async () => {
		results = await read();
		return results.length > 0 && results.every((result) => result.name.toLowerCase().includes(words) && result.iconDrawn);
	}).catch(() => undefined); // the caller's assertions say what is wrong with the last results
	return results;
}

/** The node panel's entry with exactly this name (several of ours match a search for "ShareFile"). */
const nodePanelEntry = (page, name) =>
	page.getByTestId('item-iterator-item').filter({ has: page.getByTestId('node-creator-item-name').getByText(name, { exact: true }) });

/** The node details view (parameters and output) of the open node. */
const ndv = (page) => page.getByTestId('ndv');

/** The text input of a node or credential parameter, by the parameter's name. */
const parameterInput = (scope, name) => scope.getByTestId(`parameter-input-${name}`).locator('input, textarea').first();

async function fillParameter(scope, name, value) {
	const input = parameterInput(scope, name);
	await input.fill(value);
	await input.blur();
}

/** Opens an options parameter and picks the option whose label matches. */
async function chooseOption(page, scope, name, label) {
	await scope.getByTestId(`parameter-input-${name}`).click();
	await page.getByRole('option', { name: label }).first().click();
}

/**
 * The issues n8n shows for a parameter (the warning sign beside it; its words appear on hover).
 * Waits until `words` are on screen and returns them.
 */
async function parameterIssue(page, scope, words) {
	await scope.getByTestId('parameter-issues').first().hover();
	const tooltip = page.getByText(words).last();
	await tooltip.waitFor();
	return await tooltip.innerText();
}

/** Closes the node details view and waits until the canvas is back. */
async function closeNdv(page) {
	await page.getByTestId('ndv-close-button').click();
	await page.getByTestId('ndv').waitFor({ state: 'hidden' });
}

/** The canvas node's name and subtitle, as drawn. */
async function canvasNodeText(page, name) {
	return await page.getByTestId('canvas-node').filter({ hasText: name }).first().innerText();
}

module.exports = {
	canvasNodeText,
	chooseOption,
	closeNdv,
	fillParameter,
	ndv,
	newWorkflow,
	nodePanelEntry,
	nodePanelResults,
	parameterInput,
	parameterIssue,
};
