'use strict';
// The operator's first hour, in n8n's editor in a real Chromium: from an empty workflow, find
// the nodes, make the credential through its form, pick instances, fetch and listen for test
// events, create an instance with the action node, publish, and see the execution. Each step
// is checked on what the page shows, and photographed (scripts/n8n/e2e.sh prints the folder).

const { DEFAULT_ORGANIZATION_SECRET, DEFAULT_USER_SECRET } = require('../lib/sandbox');
const { editorSuite } = require('./lib/suite');
const { waitFor } = require('../lib/wait');
const {
	canvasNodeText,
	chooseOption,
	closeNdv,
	fillParameter,
	ndv,
	newWorkflow,
	nodePanelResults,
	parameterIssue,
} = require('./lib/editor');

const PACKAGE_ICONS = '/icons/n8n-nodes-cloud-elements-sharefile/dist/nodes/';
// The action node's operations as its description (the built package) names them.
const { CloudElementsShareFile } = require('../../../dist/nodes/CloudElementsShareFile/CloudElementsShareFile.node.js');
const ACTION_NODE = new CloudElementsShareFile().description;
/** Whether a property shows on a new node (the default version): version-1-only lists do not. */
const onNewNodes = (property) => {
	const versions = property.displayOptions?.show?.['@version'];
	if (!versions) return true;
	return versions.some((version) => (typeof version === 'number' ? version === ACTION_NODE.defaultVersion : ACTION_NODE.defaultVersion >= version._cnd.gte));
};
const ACTIONS = ACTION_NODE.properties
	.filter((property) => property.name === 'operation' && onNewNodes(property))
	.flatMap((property) => property.options.map((option) => option.action));

let stack;
let browser;
let page;
let finance;
let marketing;

const suite = editorSuite('editor', 'operator', async (started) => {
	finance = await started.sandbox.createInstance('Finance share');
	marketing = await started.sandbox.createInstance('Marketing share');
});
const { step } = suite;
beforeAll(() => {
	({ stack, browser, page } = suite);
});

const uploadIn = async (instance, name, content = `hello from ${name}`) =>
	await stack.sandbox.change(instance.id, { op: 'upload', path: `/top/${name}`, content });

describe('the operator’s path through the editor', () => {
	step('finds the ShareFile nodes in the node panel by "ShareFile" and by "Cloud Elements", each with its icon and description', async () => {
		await newWorkflow(page, stack.n8n);
		await page.getByTestId('canvas-add-button').click();
		for (const words of ['ShareFile', 'Cloud Elements']) {
			const results = await nodePanelResults(page, words);
			// n8n lists a node and its trigger as one entry ("ShareFile (Cloud Elements)"), with the
			// trigger's description; the polling trigger has its own. "ShareFile" also finds the
			// package's ShareFile node (ShareFile's own API), first (test/e2e/editor/sharefile-connect.editor.js).
			expect(results.map((result) => result.name)).toEqual([
				...(words === 'ShareFile' ? ['ShareFile'] : []),
				'ShareFile (Cloud Elements)',
				'ShareFile (Cloud Elements) Polling Trigger',
			]);
			if (words === 'ShareFile') results.shift();
			expect(results[0]).toMatchObject({
				description: expect.stringContaining('signature-checked'),
				icon: `${PACKAGE_ICONS}CloudElementsShareFile/sharefile.svg`,
				iconDrawn: true,
			});
			expect(results[1]).toMatchObject({
				description: expect.stringContaining('by polling through Cloud Elements'),
				icon: `${PACKAGE_ICONS}CloudElementsShareFilePollingTrigger/sharefile.svg`,
				iconDrawn: true,
			});
			await browser.shoot(`node-panel-${words.replace(' ', '-').toLowerCase()}`);
		}
		// The combined entry holds the webhook trigger and the action node's operations.
		await page.getByTestId('node-creator-action-item').first().click();
		await page.getByText('On new ShareFile (Cloud Elements) event').waitFor();
		// Every operation of the action node is offered, by its action name.
		await page.getByText(`Actions (${ACTIONS.length})`).waitFor();
		if (!(await page.getByText('Create an instance', { exact: true }).first().isVisible())) {
			await page.getByText(`Actions (${ACTIONS.length})`).click(); // a long list starts folded
		}
		for (const action of ['Download a file', 'Upload a file', 'List folder contents', 'Create an instance', 'Create a share']) {
			expect(ACTIONS).toContain(action);
			await page.getByText(action, { exact: true }).first().waitFor({ state: 'attached' });
		}
		// Send is kept for nodes saved at version 1 only; new nodes offer Create.
		expect(ACTIONS).not.toContain('Send a share');
		expect(await page.getByText('Send a share', { exact: true }).count()).toBe(0);
		await browser.shoot('node-panel-actions-and-trigger');
		await page.keyboard.press('Escape');
	});

	step('creates the Cloud Elements API credential through its form: a wrong secret shows Cloud Elements’ message, then Test succeeds', async () => {
		await newWorkflow(page, stack.n8n);
		await page.getByTestId('canvas-add-button').click();
		await nodePanelResults(page, 'ShareFile');
		await page.getByTestId('node-creator-node-item').filter({ hasText: 'Polling Trigger' }).click();
		await page.getByRole('button', { name: 'Add to workflow' }).click();
		await ndv(page).waitFor();

		const modal = page.getByTestId('editCredential-modal');
		await page.getByTestId('node-credentials-empty-state').getByRole('button', { name: 'Connect to Cloud Elements' }).click();
		await modal.waitFor();
		await chooseOption(page, modal, 'environment', /Custom Base URL/);
		await fillParameter(modal, 'baseUrl', stack.sandbox.baseUrl);
		await fillParameter(modal, 'userSecret', DEFAULT_USER_SECRET);
		await fillParameter(modal, 'organizationSecret', 'not-the-organization-secret');
		await fillParameter(modal, 'sharefileClientId', 'editor-client');
		await fillParameter(modal, 'sharefileClientSecret', 'editor-client-secret');
		await fillParameter(modal, 'sharefileRedirectUri', 'http://127.0.0.1/oauth/callback');
		await modal.getByTestId('credential-save-button').click();
		await modal.getByText('Couldn’t connect with these settings').waitFor();
		await modal.getByText('More details').click();
		await modal.getByText('Invalid Organization or User secret').waitFor();
		const failure = await modal.innerText();
		expect(failure).toMatch(/Cloud Elements: Invalid Organization or User secret.*\(request ID \w+\)/);
		expect(failure).not.toContain('not-the-organization-secret');
		expect(failure).not.toMatch(/\n\s+at \S+ \(/); // no stack trace
		await browser.shoot('credential-wrong-secret');

		await fillParameter(modal, 'organizationSecret', DEFAULT_ORGANIZATION_SECRET);
		await modal.getByTestId('credential-save-button').click();
		// A new credential that tests well is saved and the form closes; opening it tests it again.
		await modal.waitFor({ state: 'hidden' });
		await page.getByTestId('credential-edit-button').click();
		await modal.getByText('Connection tested successfully').waitFor();
		await browser.shoot('credential-tested');
		const saved = await stack.n8n.rest('GET', '/credentials');
		expect(saved.data.map((credential) => credential.type)).toEqual(['cloudElementsApi']);
		await modal.getByRole('button', { name: 'Close this dialog' }).click();
		await modal.waitFor({ state: 'hidden' });
	});

	step('the polling trigger’s instance picker lists and searches the sandbox’s instances, and takes an ID or a URL', async () => {
		const picker = ndv(page).getByTestId('resource-locator-instance');
		await picker.getByTestId('rlc-input').click();
		await page.getByTestId('rlc-item').first().waitFor();
		const listed = await page.getByTestId('rlc-item').allInnerTexts();
		expect(listed).toEqual([`Finance share (#${finance.id})`, `Marketing share (#${marketing.id})`]);
		await browser.shoot('instance-list');
		await page.getByTestId('rlc-search').fill('finance');
		await waitFor('the search to narrow the list', async () => (await page.getByTestId('rlc-item').count()) === 1);
		expect(await page.getByTestId('rlc-item').allInnerTexts()).toEqual([`Finance share (#${finance.id})`]);
		await browser.shoot('instance-search');
		await page.getByTestId('rlc-item').first().click();

		await picker.getByTestId('rlc-mode-selector').click();
		expect(await page.getByRole('option').filter({ hasText: /^By / }).allInnerTexts()).toEqual(['By ID', 'By URL']);
		await page.getByRole('option', { name: 'By URL' }).click();
		await picker.getByTestId('rlc-input').fill(`${stack.sandbox.baseUrl}/instances/${finance.id}`);
		await picker.getByTestId('rlc-input').blur();
		await browser.shoot('instance-by-url');
	});

	step('"Fetch Test Event" on the polling trigger shows the change, and the canvas names the instance', async () => {
		await uploadIn(finance, 'quarterly-report.pdf');
		await ndv(page).getByTestId('node-execute-button').click();
		const output = page.getByTestId('output-panel');
		await output.getByText('quarterly-report.pdf').first().waitFor();
		const shown = await output.innerText();
		expect(shown).toContain('1 item');
		expect(shown).toContain('CREATED');
		expect(shown).toContain(String(finance.id));
		await browser.shoot('polling-test-event');
		await closeNdv(page);
		expect(await canvasNodeText(page, 'ShareFile Polling Trigger')).toContain(`Instance ${finance.id}`);
		await browser.shoot('polling-trigger-canvas');
	});

	step('the action node refuses an instance ID that is not a number in words, and creates an instance with polling events', async () => {
		await page.getByTestId('canvas-handle-plus').first().click();
		await nodePanelResults(page, 'Cloud Elements');
		await page.getByTestId('node-creator-action-item').first().click();
		await page.getByText('Get an instance').click();
		await ndv(page).waitFor();
		const picker = ndv(page).getByTestId('resource-locator-instance');
		await picker.getByTestId('rlc-mode-selector').click();
		await page.getByRole('option', { name: 'By ID' }).click();
		await picker.getByTestId('rlc-input').fill('Finance');
		await picker.getByTestId('rlc-input').blur();
		expect(await parameterIssue(page, ndv(page), 'An instance ID is a number')).toContain('An instance ID is a number');
		await browser.shoot('action-invalid-instance-id');

		await chooseOption(page, ndv(page), 'operation', /^Create/);
		await fillParameter(ndv(page), 'name', 'Made in the editor');
		await fillParameter(ndv(page), 'authorizationCode', 'sandbox-demo-code');
		await fillParameter(ndv(page), 'subdomain', 'acme');
		await chooseOption(page, ndv(page), 'events', /^Polling/);
		await fillParameter(ndv(page), 'callbackUrl', 'not a web address');
		await ndv(page).getByTestId('node-execute-button').click();
		const output = page.getByTestId('output-panel');
		await output.getByText('Callback URL').first().waitFor();
		const refused = await output.innerText();
		expect(refused).toMatch(/Callback URL/);
		expect(refused).not.toMatch(/\n\s+at \S+ \(/);
		await browser.shoot('action-invalid-callback');

		await fillParameter(ndv(page), 'callbackUrl', `${stack.n8n.url}/webhook/editor-made`);
		await ndv(page).getByTestId('node-execute-button').click();
		await output.getByText('Made in the editor').first().waitFor();
		await browser.shoot('action-created-instance');
		const instances = (await stack.sandbox.platform('GET', '/instances')).body;
		const made = instances.find((instance) => instance.name === 'Made in the editor');
		expect(made).toMatchObject({ eventsEnabled: true });
		expect(made.configuration['event.vendor.type']).toBe('polling');
		expect(await output.innerText()).toContain(String(made.id));
		await closeNdv(page);
	});

	step('the webhook trigger’s test listen receives a sandbox upload, and the canvas names the instance', async () => {
		await newWorkflow(page, stack.n8n);
		await page.getByTestId('canvas-add-button').click();
		await nodePanelResults(page, 'Cloud Elements');
		await page.getByTestId('node-creator-action-item').first().click();
		await page.getByText('On new ShareFile (Cloud Elements) event').click();
		await ndv(page).waitFor();
		await ndv(page).getByTestId('rlc-input').click();
		await page.getByTestId('rlc-search').fill('marketing');
		await waitFor('the search to narrow the list', async () => (await page.getByTestId('rlc-item').count()) === 1);
		await page.getByTestId('rlc-item').first().click();
		await ndv(page).getByTestId('node-execute-button').click();
		await ndv(page).getByText('Listening for test event').waitFor();
		await waitFor('the test URL to be registered', async () => {
			const instance = await stack.sandbox.instance(marketing.id);
			return /\/webhook-test\//.test(instance.configuration['event.notification.callback.url'] ?? '');
		});
		await browser.shoot('webhook-listening');

		// A ShareFile webhook names the file by its id only.
		const upload = await uploadIn(marketing, 'brochure.txt');
		const output = page.getByTestId('output-panel');
		await output.getByText(upload.id).first().waitFor();
		expect(await output.innerText()).toMatch(/1 item[\s\S]*CREATED/);
		await browser.shoot('webhook-test-event');
		await closeNdv(page);
		expect(await canvasNodeText(page, 'ShareFile Trigger')).toContain(`Instance ${marketing.id}`);
	});

	step('published, the workflow runs on an upload and the execution appears under Executions', async () => {
		await page.getByTestId('workflow-open-publish-modal-button').click();
		await page.getByTestId('workflow-publish-button').click();
		await page.getByRole('button', { name: 'Got it' }).click();
		const workflowId = page.url().match(/\/workflow\/([^/?#]+)/)[1];
		await stack.n8n.waitForPublication(workflowId, 'published');
		await browser.shoot('published');

		const upload = await uploadIn(marketing, 'signed-contract.txt');
		// The test event above was saved as a manual execution; this one comes from the live trigger.
		const execution = await waitFor('the execution of the upload', async () =>
			(await stack.n8n.executions(workflowId)).find((run) => JSON.stringify(run.data).includes(upload.id)),
		);
		expect(execution).toMatchObject({ status: 'success', mode: 'webhook' });
		await page.getByTestId('radio-button-executions').click();
		await page.getByTestId(`execution-details-${execution.id}`).waitFor();
		expect(await page.getByTestId('current-executions-list').innerText()).toMatch(/Succeeded/);
		await browser.shoot('executions');
	});

	step('a test listen beside the published workflow: the listen and the live workflow both run the same upload', async () => {
		const workflowId = page.url().match(/\/workflow\/([^/?#]+)/)[1];
		await page.getByTestId('radio-button-workflow').click();
		await page.getByTestId('canvas-node').filter({ hasText: 'ShareFile Trigger' }).first().dblclick();
		await ndv(page).waitFor();
		await ndv(page).getByTestId('node-execute-button').click();
		await ndv(page).getByText('Listening for test event').waitFor();
		// Each has a subscription of its own: the live workflow's stays while the test listens.
		await waitFor('the test listen’s own subscription', async () => {
			const { body } = await stack.sandbox.platform('GET', '/notifications/subscriptions');
			const urls = body.map((subscription) => subscription.config.url);
			return urls.some((url) => url.includes('/webhook-test/')) && urls.some((url) => url.includes('/webhook/'));
		});
		const before = (await stack.n8n.executions(workflowId)).length;
		const upload = await uploadIn(marketing, 'price-list.txt');
		await page.getByTestId('output-panel').getByText(upload.id).first().waitFor();
		const live = await waitFor('the live execution of the same upload', async () =>
			(await stack.n8n.executions(workflowId)).find((run) => run.mode === 'webhook' && JSON.stringify(run.data).includes(upload.id)),
		);
		expect(live.status).toBe('success');
		expect((await stack.n8n.executions(workflowId)).length).toBeGreaterThan(before);
		await browser.shoot('test-listen-beside-live');
		await closeNdv(page);
	});
});
