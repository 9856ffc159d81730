'use strict';
// ShareFile's own OAuth2 in n8n's editor, in a real Chromium: a new ShareFile OAuth2 API
// credential filled in for the sandbox, **Connect my account** opens the sandbox's consent page in
// a popup, Consent, and back in n8n the credential shows "Account connected"; the credential is
// listed, and offered, with the ShareFile icon; the ShareFile node's File → Download, run with
// Execute step, shows the file in the output panel's Binary view; the ShareFile Trigger's test
// listen receives a file uploaded on the sandbox page. Each step is photographed.

const { waitFor } = require('../lib/wait');
const { SANDBOX_SHAREFILE_CLIENT, isShareFileConnected } = require('../../../scripts/n8n/lib/sharefile-connect');
const { SHAREFILE_TRIGGER, shareFileSubscriptions, shareFileTriggerWorkflow } = require('../lib/shareFileWebhooks');
const { chooseOption, fillParameter, ndv, newWorkflow, nodePanelEntry, nodePanelResults } = require('./lib/editor');
const { editorSuite } = require('./lib/suite');

const CREDENTIAL_ICON = '/icons/n8n-nodes-cloud-elements-sharefile/dist/credentials/sharefile.svg';
const NODE_ICON = '/icons/n8n-nodes-cloud-elements-sharefile/dist/nodes/ShareFile/sharefile.svg';
const HELLO = 'hello from the ShareFile sandbox\n';

/** The sandbox's ShareFile account (subdomain acme) the credential connects to. */
let account;
const suite = editorSuite('sharefile-editor', 'sharefile-connect', async (stack) => {
	account = await stack.sandbox.createInstance('Acme Corp files', { 'sharefile.subdomain': 'acme' });
	await stack.sandbox.change(account.id, { op: 'upload', path: '/top/hello-editor.txt', content: HELLO });
});
const { step } = suite;
let stack;
let browser;
let page;
beforeAll(() => {
	({ stack, browser, page } = suite);
});

/** The icons an element shows: each image's address and whether the browser could draw it. */
const iconsIn = async (locator) =>
	await locator.locator('img').evaluateAll((images) => images.map((image) => ({ src: image.getAttribute('src'), drawn: image.complete && image.naturalWidth > 0 })));

describe('a ShareFile credential connected in the editor', () => {
	step('the new-credential picker offers "ShareFile OAuth2 API"; its form carries the ShareFile icon', async () => {
		await page.goto(`${stack.n8n.url}/home/credentials/create`);
		await page.getByTestId('new-credential-type-select').click();
		await page.keyboard.type('ShareFile');
		const options = page.getByTestId('new-credential-type-select-option');
		await options.first().waitFor();
		expect(await options.allInnerTexts()).toContain('ShareFile OAuth2 API');
		await browser.shoot('credential-type-picker');
		await options.filter({ hasText: 'ShareFile OAuth2 API' }).click();
		await page.getByTestId('new-credential-type-button').click();
		// The form's header: the credential's name with the nearest icon beside it.
		const header = page.getByTestId('credential-name').locator('xpath=ancestor::*[.//img][1]');
		await waitFor('the form header\'s icon to be drawn', async () => (await iconsIn(header)).some((icon) => icon.drawn));
		expect(await iconsIn(header)).toEqual([{ src: CREDENTIAL_ICON, drawn: true }]);
		expect(await header.innerText()).toContain('ShareFile OAuth2 API');
	});

	step('filled in for the sandbox (Custom Host), Connect opens the sandbox\'s consent page; Consent brings back "Account connected"', async () => {
		const modal = page.getByTestId('editCredential-modal');
		// n8n shows the redirect URI to register with ShareFile: its own OAuth callback.
		expect(await modal.getByTestId('copy-input').innerText()).toBe(`${stack.n8n.url}/rest/oauth2-credential/callback`);
		await fillParameter(modal, 'clientId', SANDBOX_SHAREFILE_CLIENT.clientId);
		await fillParameter(modal, 'clientSecret', SANDBOX_SHAREFILE_CLIENT.clientSecret);
		await fillParameter(modal, 'subdomain', 'acme');
		await chooseOption(page, modal, 'controlPlane', 'Custom Host');
		await fillParameter(modal, 'customHostPrefix', `${stack.sandbox.origin}/sharefile/`);
		// n8n 2.41's "Connect my account": a banner "Connect your account to use this credential" with a Connect button.
		const banner = modal.getByTestId('oauth-not-connected-banner');
		await banner.waitFor();
		expect(await banner.innerText()).toContain('Connect your account');
		await browser.shoot('credential-filled');

		const popupOpened = page.context().waitForEvent('page');
		await modal.getByTestId('quick-connect-button').click();
		const popup = await popupOpened;
		await popup.waitForURL((url) => url.href.startsWith(`${stack.sandbox.origin}/sharefile/acme/oauth/authorize?`));
		await popup.locator('#consent').waitFor();
		expect(await popup.locator('#account option:checked').innerText()).toMatch(/^acme \(instance \d+, Acme Corp files\)$/);
		await popup.screenshot({ path: `${browser.screenshotDir}/sharefile-connect-consent-page.png` });
		await popup.locator('#consent').click();

		const connected = modal.getByTestId('oauth-connect-success-banner');
		await connected.waitFor();
		expect(await connected.innerText()).toContain('Account connected');
		await browser.shoot('account-connected');
		const saved = (await stack.n8n.rest('GET', '/credentials')).data.filter((credential) => credential.type === 'shareFileOAuth2Api');
		expect(saved).toHaveLength(1);
		expect(await isShareFileConnected(stack.n8n, saved[0].id)).toBe(true);
		// n8n itself fetched the tokens from the account's token URL.
		const tokenRequests = (await stack.sandbox.requests()).filter((entry) => entry.path === '/sharefile/acme/oauth/token');
		expect(tokenRequests.map((entry) => entry.status)).toEqual([200]);
	});

	step('the credentials list shows the connected credential with the ShareFile icon', async () => {
		await page.goto(`${stack.n8n.url}/home/credentials`);
		const card = page.getByTestId('resources-list-item').filter({ hasText: 'ShareFile OAuth2 API' });
		await card.waitFor();
		await waitFor('the card\'s icon to be drawn', async () => (await iconsIn(card)).some((icon) => icon.drawn));
		expect(await iconsIn(card)).toEqual([{ src: CREDENTIAL_ICON, drawn: true }]);
		await browser.shoot('credentials-list');
	});

	step('the ShareFile node, picked in the node panel by its own icon, takes the connected credential and lists the account\'s files with it', async () => {
		await newWorkflow(page, stack.n8n);
		await page.getByTestId('canvas-add-button').click();
		const results = await nodePanelResults(page, 'ShareFile');
		expect(results.find((result) => result.name === 'ShareFile')).toMatchObject({ icon: NODE_ICON, iconDrawn: true });
		await browser.shoot('node-panel');
		await nodePanelEntry(page, 'ShareFile').click();
		// "ShareFile" is the action node and the ShareFile Trigger: on an empty canvas n8n lists the
		// triggers and folds the actions away under "Actions (n)".
		const download = page.getByText('Download a file', { exact: true }).first();
		await page.getByText(/^Actions \(\d+\)$/).or(download).first().waitFor();
		if (!(await download.isVisible())) await page.getByText(/^Actions \(\d+\)$/).first().click();
		await download.click();
		const credentials = ndv(page).getByTestId('node-credentials-select');
		await credentials.waitFor();
		const picked = credentials.locator('input').first();
		await waitFor('the node to take the connected credential', async () => (await picked.inputValue()) === 'ShareFile account');
		await credentials.click();
		// n8n 2.41's picker draws a key beside each credential, not the service's icon; the node's
		// header carries the ShareFile icon.
		await page.getByRole('option', { name: /ShareFile account\s*ShareFile OAuth2 API/ }).first().waitFor();
		await browser.shoot('node-credential-picker');
		await page.keyboard.press('Escape');
		// The node browses the account with the connected credential: the sandbox account's file is listed.
		await ndv(page).getByTestId('resource-locator-file').getByTestId('rlc-input').click();
		await page.getByTestId('rlc-item').filter({ hasText: 'hello-editor.txt' }).first().waitFor();
		await browser.shoot('node-file-list');
		await page.keyboard.press('Escape');
	});

	step('File → Download, run with Execute step: the output panel shows the file as binary data, and n8n serves its bytes', async () => {
		// Still in the node's details view (opened again from the canvas if it closed): the file picked from the account's list.
		if (!(await ndv(page).isVisible())) await page.getByTestId('canvas-node').filter({ hasText: /download/i }).first().dblclick();
		await ndv(page).getByTestId('resource-locator-file').getByTestId('rlc-input').click();
		await page.getByTestId('rlc-item').filter({ hasText: 'hello-editor.txt' }).first().click();
		await stack.sandbox.clearRequests();
		await ndv(page).getByTestId('node-execute-button').click();
		const output = page.getByTestId('output-panel');
		const modes = output.getByTestId('ndv-run-data-display-mode');
		await modes.getByText('Binary', { exact: true }).waitFor({ timeout: 60_000 });
		expect(await output.innerText()).toContain('1 item');
		await modes.getByText('Binary', { exact: true }).click();
		const binary = output.getByTestId('ndv-binary-data_0');
		await binary.waitFor();
		const shown = await binary.innerText();
		expect(shown).toMatch(/^data\b/); // the binary field's name
		expect(shown).toContain('hello-editor.txt');
		expect(shown).toContain('text/plain');
		await binary.getByTestId('ndv-view-binary-data').waitFor();
		await binary.getByTestId('ndv-download-binary-data').waitFor();
		await browser.shoot('node-download-binary');
		// The node streamed it through ShareFile's API and its storage host.
		const calls = (await stack.sandbox.requests()).map((entry) => `${entry.method} ${entry.path.replace(/\((fi|fo)[0-9a-f]+\)/, '(id)')} ${entry.status}`);
		expect(calls).toEqual(expect.arrayContaining(['GET /sharefile/acme.sharefile.com/sf/v3/Items(id)/Download 200', 'GET /sharefile-storage/download.aspx 200']));

		// View: n8n shows the bytes from its binary data store; they are the file's.
		await binary.getByTestId('ndv-view-binary-data').click();
		const viewer = page.locator('[src*="binary-data"]').first();
		await viewer.waitFor({ state: 'attached' });
		const source = new URL(await viewer.getAttribute('src'), stack.n8n.url).toString();
		const served = await page.request.get(source);
		expect(served.status()).toBe(200);
		expect(await served.text()).toBe(HELLO);
		await browser.shoot('node-download-binary-view');
	});

	step("the ShareFile Trigger's test listen receives a file uploaded on the sandbox page", async () => {
		const [credential] = (await stack.n8n.rest('GET', '/credentials')).data.filter((one) => one.type === 'shareFileOAuth2Api');
		const workflow = await stack.n8n.api('POST', '/workflows', shareFileTriggerWorkflow('ShareFile test listen', credential, { folder: '/top' }));
		await page.goto(`${stack.n8n.url}/workflow/${workflow.id}`);
		await page.getByTestId('canvas-node').filter({ hasText: SHAREFILE_TRIGGER }).first().dblclick();
		await ndv(page).waitFor();
		await ndv(page).getByTestId('node-execute-button').click();
		await ndv(page).getByText('Listening for test event').waitFor();
		// The test listen has a subscription of its own, at n8n's test URL.
		await waitFor("the test listen's subscription", async () =>
			(await shareFileSubscriptions(stack.sandbox, account.id)).some((subscription) => subscription.WebhookUrl.includes('/webhook-test/')),
		);
		await browser.shoot('trigger-listening');

		const sandboxPage = await page.context().newPage();
		try {
			const part = (name) => sandboxPage.locator(`[data-test="${name}"]`);
			await sandboxPage.goto(`${stack.sandbox.origin}/`);
			await part('connection').and(sandboxPage.locator('[data-state="live"]')).waitFor();
			await part('instance-select').selectOption(String(account.id));
			await part('upload-input').setInputFiles({ name: 'listened.txt', mimeType: 'text/plain', buffer: Buffer.from('heard in the editor\n') });
			await sandboxPage.locator('[data-test="tree-item"][data-path="/top/listened.txt"]').waitFor();
		} finally {
			await sandboxPage.close();
		}
		const output = page.getByTestId('output-panel');
		await output.getByText('listened.txt').first().waitFor({ timeout: 30_000 });
		expect(await output.innerText()).toMatch(/1 item[\s\S]*CREATED/);
		await browser.shoot('trigger-test-event');
	});
});
