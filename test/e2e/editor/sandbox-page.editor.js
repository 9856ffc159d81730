'use strict';
// The sandbox page (the sandbox's own root URL) in a real Chromium, beside a real n8n with an
// active webhook workflow: files uploaded through the page (file picker and drag and drop) reach
// the workflow, the page's log shows each delivery with n8n's answer, and rename, move and delete
// through the page are ShareFile changes the workflow hears.

const crypto = require('node:crypto');

const { webhookWorkflow } = require('../../../scripts/n8n/lib/workflows');
const { openBrowser } = require('../lib/browser');
const { startStack } = require('../lib/stack');
const { waitFor } = require('../lib/wait');

let stack;
let browser;
let page;
let instance;
let workflowId;

beforeAll(async () => {
	stack = await startStack('sandbox-page');
	await stack.sandbox.createInstance('Other share');
	instance = await stack.sandbox.createInstance('Page share');
	const workflow = await stack.n8n.api('POST', '/workflows', webhookWorkflow('sandbox page', stack.credential, instance.id));
	workflowId = workflow.id;
	await stack.n8n.activate(workflowId);
	browser = await openBrowser('sandbox-page');
	page = browser.page;
});
afterAll(async () => {
	await browser?.close();
	await stack?.close();
});

/** The page's own elements, by their data-test names. */
const part = (name) => page.locator(`[data-test="${name}"]`);
const row = (path) => page.locator(`[data-test="tree-item"][data-path="${path}"]`);
const md5 = (bytes) => crypto.createHash('md5').update(bytes).digest('hex');

const account = async () => await stack.sandbox.items(instance.id);

/** Every event the webhook workflow ran with, as [eventType, objectId]. */
async function workflowEvents() {
	const runs = await stack.n8n.executions(workflowId);
	return runs.flatMap((run) =>
		(run.data?.resultData?.runData?.['ShareFile Trigger']?.[0]?.data?.main?.[0] ?? []).map((item) => [item.json.eventType, item.json.objectId]),
	);
}

/** Selects a row, opens one of the page's actions and confirms it. */
async function act(path, button, fill) {
	await row(path).click();
	await part(button).click();
	await part('action-form').waitFor();
	if (fill) await fill();
	await part('action-ok').click();
	await part('action-form').waitFor({ state: 'hidden' });
}

describe('the sandbox page', () => {
	it('shows the instances without secrets, with the chosen one’s event mode and n8n’s callback', async () => {
		await page.goto(`${stack.sandbox.origin}/`);
		await part('connection').and(page.locator('[data-state="live"]')).waitFor();
		await part('instance-select').selectOption(String(instance.id));
		await part('instance-mode').and(page.locator('[data-mode="webhook"]')).waitFor();
		expect(await part('instance-callback').innerText()).toContain(`${stack.n8n.url}/webhook/`);
		const text = await page.locator('body').innerText();
		expect(text).not.toContain(instance.token);
		await browser.shoot('instance');
	});

	it('an upload through the file picker starts the webhook workflow, and the log shows the delivery with n8n’s answer', async () => {
		const content = Buffer.from('Rechnung 7 · 請求書 · счёт-фактура ✓\n', 'utf8');
		await part('upload-input').setInputFiles({ name: 'invoice-7.txt', mimeType: 'text/plain', buffer: content });
		await row('/top/invoice-7.txt').waitFor();
		const stored = (await account()).get('/top/invoice-7.txt');
		expect(stored.Hash).toBe(md5(content));
		expect(stored.FileSizeBytes).toBe(content.length);

		const delivered = page.locator('[data-test="activity-row"][data-kind="delivery"][data-status="delivered"]');
		await delivered.first().waitFor();
		const answer = delivered.first().locator('[data-test="activity-answer"]');
		expect(await answer.getAttribute('data-http-status')).toBe('200');
		expect(Number(await answer.getAttribute('data-duration-ms'))).toBeGreaterThanOrEqual(0);
		expect(await delivered.first().locator('[data-test="activity-attempts"]').getAttribute('data-attempts')).toBe('1');
		await waitFor('the workflow to run on the upload', async () =>
			(await workflowEvents()).some(([type, id]) => type === 'CREATED' && id === stored.Id),
		);
		await browser.shoot('uploaded-by-picker');
	});

	it('a file dropped on the page arrives byte for byte', async () => {
		const bytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(4096)]);
		const dataTransfer = await page.evaluateHandle((list) => {
			const transfer = new DataTransfer();
			transfer.items.add(new File([new Uint8Array(list)], 'scan.png', { type: 'image/png' }));
			return transfer;
		}, [...bytes]);
		await part('drop-zone').dispatchEvent('dragover', { dataTransfer });
		await part('drop-zone').dispatchEvent('drop', { dataTransfer });
		await row('/top/scan.png').waitFor();
		const stored = (await account()).get('/top/scan.png');
		expect(stored.Hash).toBe(md5(bytes));
		expect(stored.FileSizeBytes).toBe(bytes.length);
		await waitFor('the workflow to run on the dropped file', async () =>
			(await workflowEvents()).some(([type, id]) => type === 'CREATED' && id === stored.Id),
		);
		await browser.shoot('uploaded-by-drop');
	});

	it('new folder, move, rename and delete through the page are changes the workflow hears', async () => {
		const invoice = (await account()).get('/top/invoice-7.txt');
		await act('/top', 'new-folder-button', () => part('action-name').fill('Processed'));
		await row('/top/Processed').waitFor();
		await act('/top/invoice-7.txt', 'move-button', () => part('action-target').selectOption('/top/Processed'));
		await row('/top/Processed/invoice-7.txt').waitFor();
		await act('/top/Processed/invoice-7.txt', 'rename-button', () => part('action-name').fill('invoice-7-paid.txt'));
		await row('/top/Processed/invoice-7-paid.txt').waitFor();
		await browser.shoot('moved-and-renamed');
		await act('/top/scan.png', 'delete-button');
		await row('/top/scan.png').waitFor({ state: 'detached' });
		await browser.shoot('deleted');

		const items = await account();
		expect(items.get('/top/Processed/invoice-7-paid.txt')?.Id).toBe(invoice.Id);
		expect(items.has('/top/scan.png')).toBe(false);
		const heard = await waitFor('the workflow to hear the move, rename and delete', async () => {
			const events = await workflowEvents();
			const types = new Set(events.map(([type]) => type));
			return ['MOVED', 'UPDATED', 'DELETED'].every((type) => types.has(type)) && events;
		});
		expect(heard.filter(([type, id]) => type === 'MOVED' && id === invoice.Id)).toHaveLength(1);
		expect(heard.filter(([type, id]) => type === 'UPDATED' && id === invoice.Id)).toHaveLength(1);
		// The page's log catches up within its refresh: one delivered row per event the workflow ran.
		const delivered = page.locator('[data-test="activity-row"][data-kind="delivery"][data-status="delivered"]');
		await waitFor(`${heard.length} delivered rows in the log`, async () => (await delivered.count()) === heard.length);
		await browser.shoot('activity-log');
	});
});
