import { DOCUMENTS_FORM_ROW } from '../harness/formRows';
import { runActionNode, searchInstancesInEditor, testCredentialInEditor } from '../harness/n8n';
import {
	ORGANIZATION_SECRET,
	SHAREFILE_CLIENT_SECRET,
	useTestSandbox,
	USER_SECRET,
} from '../harness/sandboxClient';
import { refusalNaming } from '../harness/n8nMajor';

const sandbox = useTestSandbox();


function createParameters(overrides: Record<string, unknown> = {}) {
	return {
		resource: 'instance',
		operation: 'create',
		name: 'ShareFile prod',
		authorizationCode: 'sandbox-demo-code',
		subdomain: 'acme',
		rootFolder: '/top',
		tags: 'prod, finance',
		events: 'polling',
		callbackUrl: 'https://hooks.example.com/sharefile',
		signatureKeyMode: 'none',
		refreshInterval: 5,
		pollResources: { resource: [DOCUMENTS_FORM_ROW] },
		...overrides,
	};
}

function expectNoSecrets(value: unknown) {
	const text = JSON.stringify(value);
	for (const secret of [USER_SECRET, ORGANIZATION_SECRET, SHAREFILE_CLIENT_SECRET]) {
		expect(text).not.toContain(secret);
	}
}

describe('Instance → Create', () => {
	it('creates a polling instance with the corrected ShareFile mapping, as strings on the wire', async () => {
		const { items, error } = await runActionNode(sandbox().credentials(), createParameters());
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		const output = items[0].json as { token: string; tags: string[]; id: string };
		expect(output.token).toBe('********');
		expect(output.tags).toEqual(['prod', 'finance']);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expectNoSecrets(items);

		const stored = await sandbox().platform('GET', `/instances/${output.id}`);
		const configuration = stored.body.configuration;
		expect(configuration['event.notification.enabled']).toBe('true');
		expect(configuration['event.vendor.type']).toBe('polling');
		expect(configuration['event.poller.refresh_interval']).toBe('5');
		expect(configuration['sharefile.subdomain']).toBe('acme');
		expect(configuration['document.root.folder.name']).toBe('/top');
		expect(configuration['oauth.api.key']).toBe('sharefile-client-id');
		const poller = JSON.parse(configuration['event.poller.configuration']);
		expect(poller.documents.idField).toBe('Id');
		expect(poller.documents.datesConfiguration.updatedDateField).toBe('ProgenyEditDate');
		expect(poller.documents.datesConfiguration.createdDateField).toBe('CreationDate');
		expect(poller.documents.createdCheckTolerance).toBe(10);
	});

	it('creates an instance with events off, and with a generated signature key it never shows', async () => {
		const off = await runActionNode(sandbox().credentials(), createParameters({ events: 'off' }));
		expect(off.error).toBeUndefined();
		const offStored = await sandbox().platform('GET', `/instances/${off.items[0].json.id}`);
		expect(offStored.body.configuration['event.notification.enabled']).toBe('false');

		const signed = await runActionNode(
			sandbox().credentials(),
			createParameters({ events: 'webhook', signatureKeyMode: 'generate' }),
		);
		expect(signed.error).toBeUndefined();
		const json = signed.items[0].json as { configuration: Record<string, string> };
		expect(json.configuration['event.notification.signature.key']).toBe('********');
		expect(json.configuration['event.vendor.type']).toBe('webhook');
	});

	it('warns about, but accepts, the swapped ShareFile dates of the old documentation example', async () => {
		const swapped = { ...DOCUMENTS_FORM_ROW, updatedDateField: 'CreationDate', createdDateField: 'ProgenyEditDate' };
		const { items, error, hints } = await runActionNode(
			sandbox().credentials(),
			createParameters({ pollResources: { resource: [swapped] } }),
		);
		expect(error).toBeUndefined();
		const warnings = items[0].json.warnings as string[];
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toContain('ProgenyEditDate');
		expect(hints.map((hint) => hint.message)).toEqual(warnings);
	});

	it.each([
		['an empty URL', { url: '' }, 'URL is empty'],
		['a URL outside the hub', { url: '/instances' }, 'must be a hub path'],
		['an empty ID field', { idField: '' }, 'ID Field is empty'],
		['a date pattern Java rejects', { updatedDateFormat: "yyyy-MM-dd'T'HH:mm:qq" }, 'Updated Date Format'],
		['an unknown time zone', { createdDateTimezone: 'Mars/Olympus' }, 'Created Date Time Zone "Mars/Olympus"'],
		['a negative poll delay', { pollDelay: -5 }, 'Poll Delay'],
	])('refuses %s before any request, naming the field', async (_case, change, expected) => {
		const { error } = await runActionNode(
			sandbox().credentials(),
			createParameters({ pollResources: { resource: [{ ...DOCUMENTS_FORM_ROW, ...change }] } }),
		);
		expect(error).toBeDefined();
		expect(`${error!.message} ${error!.description ?? ''}`).toContain(expected);
		expect(await sandbox().requests()).toHaveLength(0);
	});

	it('refuses a refresh interval under one minute and a callback that is not a URL', async () => {
		const interval = await runActionNode(sandbox().credentials(), createParameters({ refreshInterval: 0 }));
		expect(interval.error?.message).toContain('Refresh Interval (Minutes)');
		const callback = await runActionNode(sandbox().credentials(), createParameters({ callbackUrl: 'hooks.example.com' }));
		expect(callback.error?.message).toContain('Callback URL');
		expect(await sandbox().requests()).toHaveLength(0);
	});

	it('refuses raw configuration that is not a JSON object', async () => {
		const { error } = await runActionNode(
			sandbox().credentials(),
			createParameters({ options: { rawConfiguration: '{"event.poller.refresh_interval": ' } }),
		);
		expect(error?.message).toContain('Raw Configuration (JSON)');
	});

	it('sends raw configuration over the form, and validates what it changes', async () => {
		const ok = await runActionNode(
			sandbox().credentials(),
			createParameters({ options: { rawConfiguration: '{"event.poller.refresh_interval": "30"}' } }),
		);
		expect(ok.error).toBeUndefined();
		const stored = await sandbox().platform('GET', `/instances/${ok.items[0].json.id}`);
		expect(stored.body.configuration['event.poller.refresh_interval']).toBe('30');

		const bad = await runActionNode(
			sandbox().credentials(),
			createParameters({ options: { rawConfiguration: '{"event.poller.refresh_interval": "0"}' } }),
		);
		expect(bad.error?.message).toContain('Refresh Interval');
	});

	it("passes on Cloud Elements' own message for a used-up grant code", async () => {
		const { error } = await runActionNode(
			sandbox().credentials(),
			createParameters({ authorizationCode: 'not-a-real-code' }),
		);
		expect(error?.httpCode).toBe('400');
		expect(error?.message).toMatch(/^Cloud Elements: /);
		expect(error?.description).toContain('Cloud Elements request ID');
		expectNoSecrets({ message: error?.message, description: error?.description });
	});

	it('names the missing credential field when the ShareFile client is not set up', async () => {
		const { error } = await runActionNode(
			sandbox().credentials({ sharefileClientId: '' }),
			createParameters(),
		);
		expect(error?.message).toContain('ShareFile OAuth Client ID');
		expect(await sandbox().requests()).toHaveLength(0);
	});
});

describe('Instance → Get, Get Many, Update, Delete, Enable, Disable', () => {
	it('gets one instance with its token masked', async () => {
		const created = await sandbox().createInstance('one');
		const { items } = await runActionNode(sandbox().credentials(), {
			resource: 'instance',
			operation: 'get',
			instance: { __rl: true, mode: 'id', value: String(created.id) },
		});
		expect(items[0].json.name).toBe('one');
		expect(items[0].json.token).toBe('********');
		expect(JSON.stringify(items)).not.toContain(created.token);
	});

	it('refuses an instance ID that is not a number, typed or from an expression', async () => {
		const typed = await runActionNode(sandbox().credentials(), {
			resource: 'instance',
			operation: 'get',
			instance: { __rl: true, mode: 'id', value: 'abc' },
		});
		expect(typed.error?.message).toContain(refusalNaming('An instance ID is a number'));
		const computed = await runActionNode(sandbox().credentials(), {
			resource: 'instance',
			operation: 'get',
			instance: { __rl: true, mode: 'id', value: "={{ 'abc' }}" },
		});
		expect(computed.error?.message).toContain('"abc" is not an instance ID');
		expect(await sandbox().requests()).toHaveLength(0);
	});

	it('answers 404 for an unknown instance with a hint', async () => {
		const { error } = await runActionNode(sandbox().credentials(), {
			resource: 'instance',
			operation: 'get',
			instance: { __rl: true, mode: 'id', value: '999999' },
		});
		expect(error?.httpCode).toBe('404');
		expect(error?.description).toContain('check the instance');
	});

	it('lists by tag, with a limit, and all of them across pages', async () => {
		for (let i = 0; i < 3; i++) await sandbox().createInstance(`tagged ${i}`, ['team-a']);
		await sandbox().createInstance('other', ['team-b']);
		const tagged = await runActionNode(sandbox().credentials(), {
			resource: 'instance',
			operation: 'getMany',
			returnAll: true,
			filters: { tags: 'team-a' },
		});
		expect(tagged.items.map((item) => item.json.name).sort()).toEqual(['tagged 0', 'tagged 1', 'tagged 2']);

		const limited = await runActionNode(sandbox().credentials(), {
			resource: 'instance',
			operation: 'getMany',
			returnAll: false,
			limit: 2,
		});
		expect(limited.items).toHaveLength(2);

		for (let i = 0; i < 200; i++) await sandbox().createInstance(`bulk ${i}`);
		await sandbox().control('DELETE', '/requests');
		const all = await runActionNode(sandbox().credentials(), {
			resource: 'instance',
			operation: 'getMany',
			returnAll: true,
		});
		expect(all.items).toHaveLength(204);
		expect(new Set(all.items.map((item) => item.json.id)).size).toBe(204);
		const pages = (await sandbox().requests()).filter((request) => request.path.endsWith('/instances'));
		expect(pages).toHaveLength(2);
	});

	it('updates name, tags and events with PATCH, keeping other configuration', async () => {
		const created = await sandbox().createInstance('before', ['old']);
		const { items, error } = await runActionNode(sandbox().credentials(), {
			resource: 'instance',
			operation: 'update',
			instance: { __rl: true, mode: 'id', value: String(created.id) },
			updateFields: { name: 'after', tags: 'new, newer' },
			events: 'polling',
			callbackUrl: 'https://hooks.example.com/x',
			signatureKeyMode: 'keep',
			refreshInterval: 3,
			pollResources: { resource: [DOCUMENTS_FORM_ROW] },
		});
		expect(error).toBeUndefined();
		expect(items[0].json.name).toBe('after');
		const stored = await sandbox().platform('GET', `/instances/${created.id}`);
		expect(stored.body.tags).toEqual(['new', 'newer']);
		expect(stored.body.configuration['event.poller.refresh_interval']).toBe('3');
		expect(stored.body.configuration['sharefile.subdomain']).toBe('acme');
		const patches = (await sandbox().requests()).filter((request) => request.method === 'PATCH');
		expect(patches).toHaveLength(1);
	});

	it('says there is nothing to update when nothing was chosen', async () => {
		const created = await sandbox().createInstance('same');
		const { error } = await runActionNode(sandbox().credentials(), {
			resource: 'instance',
			operation: 'update',
			instance: { __rl: true, mode: 'id', value: String(created.id) },
			updateFields: {},
			events: 'keep',
		});
		expect(error?.message).toBe('Nothing to update');
	});

	it('disables (hub calls then answer 403), enables, and deletes (token then answers 401)', async () => {
		const created = await sandbox().createInstance('lifecycle');
		const instance = { __rl: true, mode: 'id', value: String(created.id) };
		const disabled = await runActionNode(sandbox().credentials(), { resource: 'instance', operation: 'disable', instance });
		expect(disabled.items[0].json).toEqual({ id: created.id, disabled: true });
		expect((await sandbox().hub('GET', '/hubs/documents/ping', created.token)).status).toBe(403);

		await runActionNode(sandbox().credentials(), { resource: 'instance', operation: 'enable', instance });
		expect((await sandbox().hub('GET', '/hubs/documents/ping', created.token)).status).toBe(200);

		const deleted = await runActionNode(sandbox().credentials(), { resource: 'instance', operation: 'delete', instance });
		expect(deleted.items[0].json).toEqual({ id: created.id, deleted: true });
		expect((await sandbox().platform('GET', `/instances/${created.id}`)).status).toBe(404);
		expect((await sandbox().hub('GET', '/hubs/documents/ping', created.token)).status).toBe(401);
	});

	it('gets the OAuth authorization URL from the credential’s ShareFile client', async () => {
		const { items, error } = await runActionNode(sandbox().credentials(), {
			resource: 'instance',
			operation: 'getOAuthUrl',
			state: 'xyz',
		});
		expect(error).toBeUndefined();
		const url = new URL(String(items[0].json.oauthUrl));
		expect(url.searchParams.get('client_id')).toBe('sharefile-client-id');
		expect(url.searchParams.get('state')).toBe('xyz');
		expect(url.searchParams.get('redirect_uri')).toBe('https://example.com/oauth/callback');
		expectNoSecrets(items);
	});
});

describe('Event → Get Many', () => {
	it("lists an instance's stored events", async () => {
		const created = await sandbox().createInstance('with events');
		for (let i = 0; i < 3; i++) {
			await sandbox().control('POST', `/instances/${created.id}/events`, { status: 'NOTIFIED', notifiedData: { n: i } });
		}
		const { items } = await runActionNode(sandbox().credentials(), {
			resource: 'event',
			operation: 'getMany',
			instance: { __rl: true, mode: 'id', value: String(created.id) },
			returnAll: true,
		});
		expect(items).toHaveLength(3);
		expect(items.every((item) => item.json.status === 'NOTIFIED')).toBe(true);
	});
});

describe('Credential, picker and errors', () => {
	it("tests the credential, giving Cloud Elements' own message on a wrong secret", async () => {
		expect(await testCredentialInEditor(sandbox().credentials())).toEqual({
			status: 'OK',
			message: 'Connection successful',
		});
		const wrong = await testCredentialInEditor(sandbox().credentials({ userSecret: 'wrong-user-secret' }));
		expect(wrong.status).toBe('Error');
		expect(wrong.message).toMatch(/^Cloud Elements: /);
		expect(wrong.message).not.toContain('wrong-user-secret');
		expect(wrong.message).not.toContain(ORGANIZATION_SECRET);
	});

	it('fails an operation with a wrong secret clearly, without the secret', async () => {
		const { error } = await runActionNode(sandbox().credentials({ organizationSecret: 'wrong-org-secret-1' }), {
			resource: 'instance',
			operation: 'getMany',
			returnAll: true,
		});
		expect(error?.httpCode).toBe('401');
		expect(error?.description).toContain('User Secret');
		expect(JSON.stringify({ m: error?.message, d: error?.description })).not.toContain('wrong-org-secret-1');
	});

	it('lists ShareFile instances for the picker, filtered by what is typed', async () => {
		await sandbox().createInstance('Finance share');
		await sandbox().createInstance('Marketing share');
		const all = await searchInstancesInEditor(sandbox().credentials());
		expect(all.results).toHaveLength(2);
		const finance = await searchInstancesInEditor(sandbox().credentials(), 'finance');
		expect(finance.results).toHaveLength(1);
		expect(finance.results[0].name).toContain('Finance share');
		expect(finance.results[0].url).toBe(`${sandbox().sandbox.baseUrl}/instances/${finance.results[0].value}`);
	});

	it('reads an instance picked By URL, and names the field when the URL is not an instance URL', async () => {
		const created = await sandbox().createInstance('By URL');
		const byUrl = (value: string) => ({
			resource: 'instance',
			operation: 'get',
			instance: { __rl: true, mode: 'url', value },
		});
		const { items, error } = await runActionNode(sandbox().credentials(), byUrl(`${sandbox().sandbox.baseUrl}/instances/${created.id}`));
		expect(error).toBeUndefined();
		expect(items[0].json.id).toBe(created.id);

		const wrong = await runActionNode(sandbox().credentials(), byUrl(`${sandbox().sandbox.baseUrl}/elements/sharefile`));
		expect(wrong.error?.message).toContain(refusalNaming('An instance URL ends in /instances/ and the instance ID'));
		expect(wrong.items).toHaveLength(0);
	});

	it('keeps going per item with Continue On Fail, pairing every output item', async () => {
		const created = await sandbox().createInstance('exists');
		const { items, error } = await runActionNode(
			sandbox().credentials(),
			{
				resource: 'instance',
				operation: 'get',
				instance: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			},
			{ inputItems: [{ id: created.id }, { id: 424242 }, { id: created.id }], node: { continueOnFail: true } },
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(items[0].json.name).toBe('exists');
		expect(String(items[1].json.error)).toMatch(/^Cloud Elements: /);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});
