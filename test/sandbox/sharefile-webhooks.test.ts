import { call, useDataFileSandboxes, useSandbox } from './helpers';
import { placeOk } from './documents-helpers';
import { CLIENT_ID, expectShareFileError, login, sf, sfOk } from './sharefile-api-helpers';
import { ALL_FOLDER_CONTEXT_EVENTS, generateKey, subscribe, webhookAccount, webhookSettings } from './sharefile-webhooks-helpers';

const HOOK = 'http://127.0.0.1:9/hook';

describe('sandbox: ShareFile WebhookSubscriptions and WebhookClients', () => {
	const sandbox = useSandbox();

	test('create, list, get and delete a Folder subscription; the answer echoes the model with Id', async () => {
		const { token, folderId } = await webhookAccount(sandbox());
		const inbox = await folderId('/Inbox');
		const created = await sfOk(sandbox(), token, 'POST', 'WebhookSubscriptions', {
			SubscriptionContext: { ResourceType: 'Folder', ResourceId: inbox },
			WebhookUrl: 'https://hooks.example.com/sf',
			Events: [
				{ ResourceType: 'File', OperationName: 'Upload' },
				{ ResourceType: 'Folder', OperationName: 'Delete' },
			],
		});
		expect(created).toMatchObject({
			'odata.type': 'ShareFile.Api.Models.WebhookSubscription',
			WebhookUrl: 'https://hooks.example.com/sf',
			SubscriptionContext: { ResourceType: 'Folder', ResourceId: inbox },
			Events: [
				{ ResourceType: 'File', OperationName: 'Upload' },
				{ ResourceType: 'Folder', OperationName: 'Delete' },
			],
		});
		expect(typeof created.Id).toBe('string');
		expect(created['odata.metadata']).toContain('$metadata#WebhookSubscriptions');

		const listed = await sfOk(sandbox(), token, 'GET', 'WebhookSubscriptions');
		expect(listed['odata.count']).toBe(1);
		expect(listed.value).toEqual([created]);
		expect(await sfOk(sandbox(), token, 'GET', `WebhookSubscriptions(${created.Id})`)).toEqual(created);

		const deleted = await sf(sandbox(), token, 'DELETE', `WebhookSubscriptions(${created.Id})`);
		expect(deleted.status).toBe(204);
		expect(deleted.text).toBe('');
		expectShareFileError(await sf(sandbox(), token, 'GET', `WebhookSubscriptions(${created.Id})`), 404, 'NotFound');
		expectShareFileError(await sf(sandbox(), token, 'DELETE', `WebhookSubscriptions(${created.Id})`), 404, 'NotFound');
		expect((await sfOk(sandbox(), token, 'GET', 'WebhookSubscriptions')).value).toEqual([]);
	});

	test('names are read in any case and spelled back as ShareFile spells them; top is the root folder; duplicates once', async () => {
		const { token } = await webhookAccount(sandbox());
		const root = await sfOk(sandbox(), token, 'GET', 'Items(top)');
		const created = await sfOk(sandbox(), token, 'POST', 'webhooksubscriptions', {
			subscriptionContext: { resourceType: 'folder', resourceId: 'top' },
			webhookUrl: HOOK,
			events: [
				{ resourceType: 'file', operationName: 'upload' },
				{ ResourceType: 'File', OperationName: 'Upload' },
			],
		});
		expect(created.SubscriptionContext).toEqual({ ResourceType: 'Folder', ResourceId: root.Id });
		expect(created.Events).toEqual([{ ResourceType: 'File', OperationName: 'Upload' }]);
	});

	test('validation: context, ResourceId, events by context, WebhookUrl', async () => {
		const { instance, token, folderId } = await webhookAccount(sandbox());
		const inbox = await folderId('/Inbox');
		await placeOk(sandbox(), instance.id, { op: 'upload', path: '/top/Inbox/f.txt', content: 'f' });
		const file = await folderId('/Inbox/f.txt');
		const post = (body: unknown) => sf(sandbox(), token, 'POST', 'WebhookSubscriptions', body);
		const good = { SubscriptionContext: { ResourceType: 'Folder', ResourceId: inbox }, WebhookUrl: HOOK, Events: [{ ResourceType: 'File', OperationName: 'Upload' }] };

		expectShareFileError(await post({ ...good, SubscriptionContext: { ResourceType: 'User', ResourceId: 'u1' } }), 400, 'BadRequest', /ResourceType/);
		expectShareFileError(await post({ ...good, SubscriptionContext: { ResourceType: 'Folder' } }), 400, 'BadRequest', /ResourceId/);
		expectShareFileError(await post({ ...good, SubscriptionContext: { ResourceType: 'Folder', ResourceId: 'fo0000' } }), 404, 'NotFound');
		expectShareFileError(await post({ ...good, SubscriptionContext: { ResourceType: 'Folder', ResourceId: file } }), 400, 'BadRequest', /is a file/);
		// A folder context does not have the Account context's user and account events.
		expectShareFileError(await post({ ...good, Events: [{ ResourceType: 'User', OperationName: 'Create' }] }), 400, 'BadRequest', /Events\[0\].*Folder context/);
		expectShareFileError(await post({ ...good, Events: [{ ResourceType: 'Folder', OperationName: 'Upload' }] }), 400, 'BadRequest', /Events\[0\]/);
		expectShareFileError(await post({ ...good, Events: [good.Events[0], { ResourceType: 'File', OperationName: 'Move' }] }), 400, 'BadRequest', /Events\[1\]/);
		expectShareFileError(await post({ ...good, Events: [] }), 400, 'BadRequest', /Events/);
		expectShareFileError(await post({ ...good, WebhookUrl: 'ftp://example.com/x' }), 400, 'BadRequest', /WebhookUrl/);
		expectShareFileError(await post({ ...good, WebhookUrl: 'not a url' }), 400, 'BadRequest', /WebhookUrl/);
		expectShareFileError(await post([]), 400, 'BadRequest');
		expect((await sfOk(sandbox(), token, 'GET', 'WebhookSubscriptions')).value).toEqual([]);
	});

	test('Account context: every event of its table; refused with 403 when the sandbox user is no administrator', async () => {
		const { token } = await webhookAccount(sandbox());
		const events = [
			...ALL_FOLDER_CONTEXT_EVENTS,
			{ ResourceType: 'User', OperationName: 'Create' },
			{ ResourceType: 'Account', OperationName: 'UpgradeToPaid' },
		];
		const created = await subscribe(sandbox(), token, { context: 'Account', url: HOOK, events });
		expect(created.SubscriptionContext).toEqual({ ResourceType: 'Account', ResourceId: null });
		expect(created.Events).toHaveLength(7);

		expect(await webhookSettings(sandbox(), { administrator: false })).toMatchObject({ administrator: false });
		expectShareFileError(
			await sf(sandbox(), token, 'POST', 'WebhookSubscriptions', { SubscriptionContext: { ResourceType: 'Account' }, WebhookUrl: HOOK, Events: events }),
			403,
			'Forbidden',
			/administrator/,
		);
		// Folder contexts need no administrator.
		await subscribe(sandbox(), token, { context: 'Folder', resourceId: 'top', url: HOOK });
		// A reset makes the user an administrator again.
		await call(sandbox(), 'POST', '/_sandbox/reset', { auth: null });
		expect((await call(sandbox(), 'GET', '/_sandbox/sharefile/webhooks/settings', { auth: null })).json).toEqual({ administrator: true, attemptTimeoutMs: 10000 });
	});

	test('a Bearer token is required; another account neither lists, reads nor deletes my subscriptions', async () => {
		const mine = await webhookAccount(sandbox(), 'acme');
		const other = await webhookAccount(sandbox(), 'globex');
		const created = await subscribe(sandbox(), mine.token, { context: 'Folder', resourceId: 'top', url: HOOK });

		const anonymous = await sf(sandbox(), null, 'GET', 'WebhookSubscriptions');
		expectShareFileError(anonymous, 401, 'Unauthorized');
		expect(anonymous.headers.get('www-authenticate')).toBe('Bearer realm="ShareFile"');
		expectShareFileError(await sf(sandbox(), 'nope', 'POST', 'WebhookSubscriptions', {}), 401, 'Unauthorized');
		// My token on the other account's host.
		expectShareFileError(await sf(sandbox(), mine.token, 'GET', 'WebhookSubscriptions', undefined, 'globex'), 401, 'Unauthorized');

		expect((await sf(sandbox(), other.token, 'GET', 'WebhookSubscriptions', undefined, 'globex')).json.value).toEqual([]);
		const asOther = (method: string) => sf(sandbox(), other.token, method, `WebhookSubscriptions(${created.Id})`, undefined, 'globex');
		expectShareFileError(await asOther('GET'), 404, 'NotFound');
		expectShareFileError(await asOther('DELETE'), 404, 'NotFound');
		expect((await sfOk(sandbox(), mine.token, 'GET', 'WebhookSubscriptions')).value).toHaveLength(1);
	});

	test('WebhookSubscriptions(id) routes: a wrong method is 405, an unknown entity 404', async () => {
		const { token } = await webhookAccount(sandbox());
		const created = await subscribe(sandbox(), token, { context: 'Folder', resourceId: 'top', url: HOOK });
		const patch = await sf(sandbox(), token, 'PATCH', `WebhookSubscriptions(${created.Id})`, {});
		expectShareFileError(patch, 405, 'MethodNotAllowed');
		expect(patch.headers.get('allow')).toBe('GET, DELETE');
		expectShareFileError(await sf(sandbox(), token, 'GET', 'WebhookThings'), 404, 'NotFound');
	});

	test('WebhookClients(client_id): no keys at first; each POST makes a new key, the other stays', async () => {
		const { token } = await webhookAccount(sandbox());
		const empty = await sfOk(sandbox(), token, 'GET', `WebhookClients(${CLIENT_ID})`);
		expect(empty).toMatchObject({
			'odata.type': 'ShareFile.Api.Models.WebhookClient',
			OAuthClientId: CLIENT_ID,
			SignatureKeys: { PrimaryKey: null, SecondaryKey: null },
		});

		const primary = await generateKey(sandbox(), token, 'Primary');
		expect(primary).toMatch(/^[A-Za-z0-9+/]{43}=$/);
		const secondary = await generateKey(sandbox(), token, 'Secondary');
		expect(secondary).not.toBe(primary);
		const both = await sfOk(sandbox(), token, 'GET', `WebhookClients('${CLIENT_ID}')`);
		expect(both.SignatureKeys).toMatchObject({ PrimaryKey: primary, SecondaryKey: secondary });

		const rotated = await generateKey(sandbox(), token, 'Primary');
		expect(rotated).not.toBe(primary);
		expect((await sfOk(sandbox(), token, 'GET', `WebhookClients(${CLIENT_ID})`)).SignatureKeys).toMatchObject({ PrimaryKey: rotated, SecondaryKey: secondary });
	});

	test('WebhookClients: another client is 403, an unknown one 404; keys are per account', async () => {
		const acme = await webhookAccount(sandbox(), 'acme');
		const added = await call(sandbox(), 'POST', '/_sandbox/sharefile/clients', { body: { clientId: 'other-app', clientSecret: 'other-secret' }, auth: null });
		expect(added.status).toBe(200);
		expectShareFileError(await sf(sandbox(), acme.token, 'GET', 'WebhookClients(other-app)'), 403, 'Forbidden');
		expectShareFileError(await sf(sandbox(), acme.token, 'POST', 'WebhookClients(other-app)/PrimarySignatureKey'), 403, 'Forbidden');
		expectShareFileError(await sf(sandbox(), acme.token, 'GET', 'WebhookClients(no-such-app)'), 404, 'NotFound');
		expectShareFileError(await sf(sandbox(), acme.token, 'GET', 'WebhookClients'), 404, 'NotFound');

		await generateKey(sandbox(), acme.token, 'Primary');
		const secondLogin = (await login(sandbox(), { host: 'acme' })).access_token;
		// The same account through another login sees the same keys.
		expect((await sfOk(sandbox(), secondLogin, 'GET', `WebhookClients(${CLIENT_ID})`)).SignatureKeys.PrimaryKey).not.toBeNull();
		const globex = await webhookAccount(sandbox(), 'globex');
		const theirs = await sf(sandbox(), globex.token, 'GET', `WebhookClients(${CLIENT_ID})`, undefined, 'globex');
		expect(theirs.json.SignatureKeys).toMatchObject({ PrimaryKey: null, SecondaryKey: null });
	});

	test('the control lists every subscription with the account and the OAuth client that made it', async () => {
		const { instance, token } = await webhookAccount(sandbox());
		const created = await subscribe(sandbox(), token, { context: 'Folder', resourceId: 'top', url: HOOK });
		const listed = await call(sandbox(), 'GET', '/_sandbox/sharefile/webhooks/subscriptions', { auth: null });
		expect(listed.json).toEqual([expect.objectContaining({ Id: created.Id, clientId: CLIENT_ID, WebhookUrl: HOOK, instanceId: instance.id, folderPath: '/top', deliveries: {} })]);
	});

	test('deleting the instance (its account) deletes its subscriptions and keys', async () => {
		const { instance, token, folderId } = await webhookAccount(sandbox());
		await subscribe(sandbox(), token, { context: 'Folder', resourceId: await folderId('/Inbox'), url: HOOK });
		await generateKey(sandbox(), token, 'Primary');
		const summary = (await call(sandbox(), 'GET', '/_sandbox/sharefile/webhooks/subscriptions', { auth: null })).json;
		expect(summary[0].folderPath).toBe('/top/Inbox');
		await placeOk(sandbox(), instance.id, { op: 'delete', path: '/top/Inbox' });
		expect((await call(sandbox(), 'GET', '/_sandbox/sharefile/webhooks/subscriptions', { auth: null })).json[0].folderPath).toBeNull();

		expect((await call(sandbox(), 'DELETE', `/instances/${instance.id}`)).status).toBe(200);
		expect((await call(sandbox(), 'GET', '/_sandbox/sharefile/webhooks/subscriptions', { auth: null })).json).toEqual([]);
		// A new account on the same subdomain starts without keys.
		const again = await webhookAccount(sandbox());
		expect((await sfOk(sandbox(), again.token, 'GET', `WebhookClients(${CLIENT_ID})`)).SignatureKeys).toMatchObject({ PrimaryKey: null, SecondaryKey: null });
	});
});

describe('sandbox: ShareFile webhook subscriptions and keys in the state file', () => {
	const sandboxes = useDataFileSandboxes();

	test('survive a restart', async () => {
		const first = await sandboxes.start();
		const { token } = await webhookAccount(first);
		const created = await subscribe(first, token, { context: 'Folder', resourceId: 'top', url: HOOK });
		const key = await generateKey(first, token, 'Primary');
		await first.close();
		const second = await sandboxes.start();
		expect(await sfOk(second, token, 'GET', `WebhookSubscriptions(${created.Id})`)).toEqual({ ...created, 'odata.metadata': expect.any(String), url: expect.any(String) });
		expect((await sfOk(second, token, 'GET', `WebhookClients(${CLIENT_ID})`)).SignatureKeys.PrimaryKey).toBe(key);
	});
});
