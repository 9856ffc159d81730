import {
	POLLER_CONFIGURATION,
	call,
	createInstance,
	expectCeError,
	instanceBody,
	sharefileConfiguration,
	useSandbox,
} from './helpers';

describe('sandbox: element instances', () => {
	const sandbox = useSandbox();

	test('creating with the demo code answers the instance with token, element, masked secrets and string values', async () => {
		const answer = await call(sandbox(), 'POST', '/instances', {
			body: instanceBody(
				{ name: 'ShareFile prod', tags: ['prod', 'eu'] },
				{
					'event.notification.enabled': true,
					'event.vendor.type': 'polling',
					'event.notification.callback.url': 'https://hooks.example.com/sharefile',
					'event.notification.signature.key': 'sig-key-789',
					'event.poller.refresh_interval': 15,
					'event.poller.configuration': POLLER_CONFIGURATION,
				},
			),
		});
		expect(answer.status).toBe(200);
		const instance = answer.json;
		expect(typeof instance.id).toBe('number');
		expect(instance.name).toBe('ShareFile prod');
		expect(instance.token).toMatch(/^[A-Za-z0-9+/]{43}=$/);
		expect(instance.element).toMatchObject({ key: 'sharefile', name: 'Citrix ShareFile', hub: 'documents' });
		expect(typeof instance.element.id).toBe('number');
		expect(instance.valid).toBe(true);
		expect(instance.disabled).toBe(false);
		expect(instance.eventsEnabled).toBe(true);
		expect(instance.tags).toEqual(['prod', 'eu']);
		expect(instance.user).toEqual({ id: expect.any(Number), emailAddress: expect.stringContaining('@') });
		expect(new Date(instance.createdDate).toISOString()).toBe(instance.createdDate);
		expect(instance.updatedDate).toBe(instance.createdDate);

		const configuration = instance.configuration;
		expect(configuration['oauth.api.secret']).toBe('********');
		expect(configuration['event.notification.signature.key']).toBe('********');
		expect(configuration['oauth.api.key']).toBe('client-id-123');
		expect(configuration['event.notification.enabled']).toBe('true');
		expect(configuration['event.poller.refresh_interval']).toBe('15');
		expect(typeof configuration['event.poller.configuration']).toBe('string');
		expect(JSON.parse(configuration['event.poller.configuration'])).toEqual(POLLER_CONFIGURATION);
		expect(configuration['document.root.folder.name']).toBe('/top');
		for (const value of Object.values(configuration)) expect(typeof value).toBe('string');
		expect(answer.text).not.toContain('client-secret-456');
		expect(answer.text).not.toContain('sig-key-789');
	});

	test('ids increase and tokens differ between instances', async () => {
		const first = await createInstance(sandbox());
		const second = await createInstance(sandbox());
		expect(second.id).toBeGreaterThan(first.id);
		expect(second.token).not.toBe(first.token);
	});

	test('a poller configuration sent as a JSON string is stored and returned as that string', async () => {
		const text = JSON.stringify(POLLER_CONFIGURATION);
		const instance = await createInstance(
			sandbox(),
			{},
			{
				'event.notification.enabled': 'true',
				'event.vendor.type': 'polling',
				'event.notification.callback.url': 'https://hooks.example.com/x',
				'event.poller.configuration': text,
			},
		);
		expect(instance.configuration).toMatchObject({ 'event.poller.configuration': text });
	});

	test('an explicit root folder is kept and events default to off', async () => {
		const instance = await createInstance(sandbox(), {}, { 'document.root.folder.name': '/top/Shared' });
		expect(instance.configuration).toMatchObject({ 'document.root.folder.name': '/top/Shared', 'event.notification.enabled': 'false' });
		expect(instance.eventsEnabled).toBe(false);
	});

	test('an unknown element key answers 404 naming the key; a missing one 400', async () => {
		const unknown = await call(sandbox(), 'POST', '/instances', { body: instanceBody({ element: { key: 'box' } }) });
		expectCeError(unknown, 404, /No element found with key 'box'/);
		expectCeError(await call(sandbox(), 'POST', '/instances', { body: instanceBody({ element: undefined }) }), 400, /element\.key/);
	});

	test.each(['oauth.api.key', 'oauth.api.secret', 'oauth.callback.url', 'sharefile.subdomain'])(
		'a missing %s answers 400 naming it',
		async (key) => {
			const configuration = sharefileConfiguration();
			delete configuration[key];
			const answer = await call(sandbox(), 'POST', '/instances', { body: instanceBody({ configuration }) });
			expectCeError(answer, 400);
			expect(answer.json.message).toContain(key);
			expect((await call(sandbox(), 'GET', '/instances')).json).toHaveLength(0);
		},
	);

	test('a missing name, a body that is not an object, and non-string tags answer 400', async () => {
		expectCeError(await call(sandbox(), 'POST', '/instances', { body: instanceBody({ name: '' }) }), 400, /name/);
		expectCeError(await call(sandbox(), 'POST', '/instances', { body: [1, 2] }), 400);
		expectCeError(await call(sandbox(), 'POST', '/instances'), 400);
		expectCeError(await call(sandbox(), 'POST', '/instances', { body: instanceBody({ tags: [1] }) }), 400, /tags/);
	});

	describe('event configuration rules', () => {
		const events = (extra: Record<string, unknown>) =>
			call(sandbox(), 'POST', '/instances', { body: instanceBody({}, { 'event.notification.enabled': true, ...extra }) });

		test('enabled events without a callback URL answer 400 naming the key', async () => {
			const answer = await events({ 'event.vendor.type': 'webhook' });
			expectCeError(answer, 400);
			expect(answer.json.message).toContain('event.notification.callback.url');
		});

		test('a callback URL that is not http(s) answers 400', async () => {
			const answer = await events({ 'event.vendor.type': 'webhook', 'event.notification.callback.url': 'ftp://x' });
			expectCeError(answer, 400, /event\.notification\.callback\.url/);
		});

		test.each([undefined, 'carrier-pigeon'])('vendor type %s answers 400 naming event.vendor.type', async (vendorType) => {
			const answer = await events({ 'event.vendor.type': vendorType, 'event.notification.callback.url': 'https://h.example/x' });
			expectCeError(answer, 400, /event\.vendor\.type/);
		});

		test('polling without a poller configuration or urls answers 400', async () => {
			const answer = await events({ 'event.vendor.type': 'polling', 'event.notification.callback.url': 'https://h.example/x' });
			expectCeError(answer, 400, /event\.poller\.configuration/);
		});

		test('polling with the legacy event.poller.urls is accepted', async () => {
			const answer = await events({
				'event.vendor.type': 'polling',
				'event.notification.callback.url': 'https://h.example/x',
				'event.poller.urls': 'documents|/hubs/documents/events/poll/documents|$|ProgenyEditDate|yyyy|GMT|CreationDate|yyyy|GMT',
			});
			expect(answer.status).toBe(200);
		});

		test.each(['0', 0, '-3', 'soon', '1.5'])('a refresh interval of %p answers 400', async (interval) => {
			const answer = await events({
				'event.vendor.type': 'polling',
				'event.notification.callback.url': 'https://h.example/x',
				'event.poller.configuration': POLLER_CONFIGURATION,
				'event.poller.refresh_interval': interval,
			});
			expectCeError(answer, 400, /event\.poller\.refresh_interval/);
		});

		test('a refresh interval of 1 is the smallest accepted', async () => {
			const answer = await events({
				'event.vendor.type': 'polling',
				'event.notification.callback.url': 'https://h.example/x',
				'event.poller.configuration': POLLER_CONFIGURATION,
				'event.poller.refresh_interval': 1,
			});
			expect(answer.status).toBe(200);
			expect(answer.json.configuration['event.poller.refresh_interval']).toBe('1');
		});

		test('a poller configuration that is not a JSON object, or a resource without url, answers 400', async () => {
			const base = { 'event.vendor.type': 'polling', 'event.notification.callback.url': 'https://h.example/x' };
			expectCeError(await events({ ...base, 'event.poller.configuration': '{not json' }), 400, /event\.poller\.configuration/);
			expectCeError(await events({ ...base, 'event.poller.configuration': { documents: { idField: 'Id' } } }), 400, /documents/);
		});

		test.each(['webhook', 'webhooks'])('vendor type %s with a callback URL is accepted', async (vendorType) => {
			const answer = await events({ 'event.vendor.type': vendorType, 'event.notification.callback.url': 'https://h.example/x' });
			expect(answer.status).toBe(200);
			expect(answer.json.eventsEnabled).toBe(true);
		});

		test('event.notification.enabled must read as true or false', async () => {
			expectCeError(await events({ 'event.notification.enabled': 'yes' }), 400, /event\.notification\.enabled/);
		});
	});

	test('listing filters by tags (all given tags must match)', async () => {
		const a = await createInstance(sandbox(), { name: 'a', tags: ['prod', 'eu'] });
		const b = await createInstance(sandbox(), { name: 'b', tags: ['prod'] });
		await createInstance(sandbox(), { name: 'c', tags: ['test'] });

		const prod = await call(sandbox(), 'GET', '/instances?tags[]=prod');
		expect(prod.json.map((i: { id: number }) => i.id)).toEqual([a.id, b.id]);
		const both = await call(sandbox(), 'GET', `/instances?${encodeURIComponent('tags[]')}=prod&${encodeURIComponent('tags[]')}=eu`);
		expect(both.json.map((i: { id: number }) => i.id)).toEqual([a.id]);
		expect((await call(sandbox(), 'GET', '/instances?tags[]=none')).json).toEqual([]);
		expect((await call(sandbox(), 'GET', '/instances')).json).toHaveLength(3);
		expect(prod.json[0].token).toBe(a.token);
	});

	test('listing pages with pageSize and nextPage tokens, the header also on the last page', async () => {
		const ids = [];
		for (let i = 0; i < 3; i++) ids.push((await createInstance(sandbox(), { name: `n${i}` })).id);

		const first = await call(sandbox(), 'GET', '/instances?pageSize=2');
		expect(first.json.map((i: { id: number }) => i.id)).toEqual(ids.slice(0, 2));
		expect(first.headers.get('elements-returned-count')).toBe('2');
		const token = first.headers.get('elements-next-page-token')!;
		expect(JSON.parse(Buffer.from(token, 'base64').toString('utf8'))).toEqual({ pageSize: 2, page: 2 });

		const second = await call(sandbox(), 'GET', `/instances?nextPage=${encodeURIComponent(token)}`);
		expect(second.json.map((i: { id: number }) => i.id)).toEqual([ids[2]]);
		expect(second.headers.get('elements-returned-count')).toBe('1');
		const lastToken = second.headers.get('elements-next-page-token')!;
		expect(JSON.parse(Buffer.from(lastToken, 'base64').toString('utf8'))).toEqual({ pageSize: 2, page: 3 });

		const third = await call(sandbox(), 'GET', `/instances?nextPage=${encodeURIComponent(lastToken)}`);
		expect(third.json).toEqual([]);
		expect(third.headers.get('elements-returned-count')).toBe('0');

		const byPage = await call(sandbox(), 'GET', '/instances?pageSize=1&page=3');
		expect(byPage.json.map((i: { id: number }) => i.id)).toEqual([ids[2]]);
	});

	test('a bad nextPage token or pageSize answers 400', async () => {
		expectCeError(await call(sandbox(), 'GET', '/instances?nextPage=%%%'), 400, /nextPage/);
		expectCeError(await call(sandbox(), 'GET', '/instances?pageSize=0'), 400, /pageSize/);
	});

	test('GET by id answers the instance with its token; unknown ids answer 404', async () => {
		const created = await createInstance(sandbox());
		const answer = await call(sandbox(), 'GET', `/instances/${created.id}`);
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual(created);
		expectCeError(await call(sandbox(), 'GET', '/instances/999999'), 404, /999999/);
		expectCeError(await call(sandbox(), 'GET', '/instances/abc'), 404);
	});

	test('PUT replaces name, tags and configuration whole, keeping id and token', async () => {
		const created = await createInstance(sandbox(), { name: 'old', tags: ['a', 'b'] }, { 'document.root.folder.name': '/top/Old' });
		const answer = await call(sandbox(), 'PUT', `/instances/${created.id}`, {
			body: { name: 'new', tags: ['c'], configuration: sharefileConfiguration({ 'sharefile.subdomain': 'other' }) },
		});
		expect(answer.status).toBe(200);
		expect(answer.json.id).toBe(created.id);
		expect(answer.json.token).toBe(created.token);
		expect(answer.json.name).toBe('new');
		expect(answer.json.tags).toEqual(['c']);
		expect(answer.json.configuration['sharefile.subdomain']).toBe('other');
		expect(answer.json.configuration['document.root.folder.name']).toBe('/top');
		expect(answer.json.createdDate).toBe(created.createdDate);

		const missing = await call(sandbox(), 'PUT', `/instances/${created.id}`, { body: { name: 'x', configuration: {} } });
		expectCeError(missing, 400, /oauth\.api\.key/);
		expectCeError(await call(sandbox(), 'PUT', '/instances/999999', { body: instanceBody() }), 404);
	});

	test('PATCH changes only what it names: configuration keys merge, tags replace all', async () => {
		const created = await createInstance(sandbox(), { name: 'before', tags: ['a', 'b'] }, { 'document.root.folder.name': '/top/Keep' });
		const answer = await call(sandbox(), 'PATCH', `/instances/${created.id}`, {
			body: {
				tags: ['z'],
				configuration: {
					'event.notification.enabled': true,
					'event.vendor.type': 'webhook',
					'event.notification.callback.url': 'https://moved.example.com/hook',
				},
			},
		});
		expect(answer.status).toBe(200);
		expect(answer.json.name).toBe('before');
		expect(answer.json.tags).toEqual(['z']);
		expect(answer.json.token).toBe(created.token);
		expect(answer.json.eventsEnabled).toBe(true);
		expect(answer.json.configuration).toMatchObject({
			'document.root.folder.name': '/top/Keep',
			'sharefile.subdomain': 'acme',
			'event.notification.callback.url': 'https://moved.example.com/hook',
			'oauth.api.secret': '********',
		});

		const renamed = await call(sandbox(), 'PATCH', `/instances/${created.id}`, {
			body: { name: 'after', configuration: { 'event.notification.enabled': 'false' } },
		});
		expect(renamed.json.name).toBe('after');
		expect(renamed.json.tags).toEqual(['z']);
		expect(renamed.json.eventsEnabled).toBe(false);
		expect(Date.parse(renamed.json.updatedDate)).toBeGreaterThanOrEqual(Date.parse(created.updatedDate));

		const invalid = await call(sandbox(), 'PATCH', `/instances/${created.id}`, {
			body: { configuration: { 'event.notification.enabled': true, 'event.notification.callback.url': null } },
		});
		expectCeError(invalid, 400, /event\.notification\.callback\.url/);
		const unchanged = await call(sandbox(), 'GET', `/instances/${created.id}`);
		expect(unchanged.json.eventsEnabled).toBe(false);
	});

	test('DELETE answers 200; afterwards GET answers 404 and the token 401 on hub calls', async () => {
		const created = await createInstance(sandbox());
		expect((await call(sandbox(), 'GET', '/hubs/documents/ping', { element: created.token })).status).toBe(200);
		const deleted = await call(sandbox(), 'DELETE', `/instances/${created.id}`);
		expect(deleted.status).toBe(200);
		expectCeError(await call(sandbox(), 'GET', `/instances/${created.id}`), 404);
		expectCeError(await call(sandbox(), 'GET', '/hubs/documents/ping', { element: created.token }), 401);
		expectCeError(await call(sandbox(), 'DELETE', `/instances/${created.id}`), 404);
	});

	test('disabling makes hub calls answer 403; re-enabling restores them', async () => {
		const created = await createInstance(sandbox());
		const disabled = await call(sandbox(), 'DELETE', `/instances/${created.id}/enabled`);
		expect(disabled.status).toBe(200);
		expect(disabled.json.disabled).toBe(true);
		expect((await call(sandbox(), 'GET', `/instances/${created.id}`)).json.disabled).toBe(true);
		expectCeError(await call(sandbox(), 'GET', '/hubs/documents/ping', { element: created.token }), 403, /disabled/);
		expectCeError(await call(sandbox(), 'GET', '/hubs/documents/anything', { element: created.token }), 403);

		const enabled = await call(sandbox(), 'PUT', `/instances/${created.id}/enabled`);
		expect(enabled.status).toBe(200);
		expect(enabled.json.disabled).toBe(false);
		expect((await call(sandbox(), 'GET', '/hubs/documents/ping', { element: created.token })).status).toBe(200);
		expectCeError(await call(sandbox(), 'PUT', '/instances/999999/enabled'), 404);
	});

	describe('configuration records', () => {
		test('list them as { id, key, propertyValue } with secrets masked', async () => {
			const created = await createInstance(sandbox(), {}, { 'event.notification.signature.key': 'sig-1' });
			const answer = await call(sandbox(), 'GET', `/instances/${created.id}/configuration`);
			expect(answer.status).toBe(200);
			const byKey = Object.fromEntries(answer.json.map((r: { key: string }) => [r.key, r]));
			expect(byKey['oauth.api.key']).toEqual({ id: expect.any(Number), key: 'oauth.api.key', propertyValue: 'client-id-123' });
			expect(byKey['oauth.api.secret'].propertyValue).toBe('********');
			expect(byKey['event.notification.signature.key'].propertyValue).toBe('********');
			expect(byKey['document.root.folder.name'].propertyValue).toBe('/top');
			expect(new Set(answer.json.map((r: { id: number }) => r.id)).size).toBe(answer.json.length);
			expect(answer.text).not.toContain('sig-1');
		});

		test('PATCH one record by id changes only that key; ids survive instance PATCH and PUT', async () => {
			const created = await createInstance(sandbox());
			const records = (await call(sandbox(), 'GET', `/instances/${created.id}/configuration`)).json;
			const subdomain = records.find((r: { key: string }) => r.key === 'sharefile.subdomain');

			const answer = await call(sandbox(), 'PATCH', `/instances/${created.id}/configuration/${subdomain.id}`, {
				body: { propertyValue: 'globex' },
			});
			expect(answer.status).toBe(200);
			expect(answer.json).toEqual({ id: subdomain.id, key: 'sharefile.subdomain', propertyValue: 'globex' });
			const instance = (await call(sandbox(), 'GET', `/instances/${created.id}`)).json;
			expect(instance.configuration['sharefile.subdomain']).toBe('globex');
			expect(instance.configuration['oauth.api.key']).toBe('client-id-123');

			await call(sandbox(), 'PATCH', `/instances/${created.id}`, { body: { configuration: { 'sharefile.subdomain': 'initech' } } });
			await call(sandbox(), 'PUT', `/instances/${created.id}`, {
				body: { name: 'p', configuration: sharefileConfiguration({ 'sharefile.subdomain': 'hooli' }) },
			});
			const single = await call(sandbox(), 'GET', `/instances/${created.id}/configuration/${subdomain.id}`);
			expect(single.json).toEqual({ id: subdomain.id, key: 'sharefile.subdomain', propertyValue: 'hooli' });
		});

		test('a record PATCH that breaks the rules answers 400; unknown record or instance 404', async () => {
			const created = await createInstance(
				sandbox(),
				{},
				{
					'event.notification.enabled': true,
					'event.vendor.type': 'polling',
					'event.notification.callback.url': 'https://h.example/x',
					'event.poller.configuration': POLLER_CONFIGURATION,
				},
			);
			const records = (await call(sandbox(), 'GET', `/instances/${created.id}/configuration`)).json;
			const enabledRecord = records.find((r: { key: string }) => r.key === 'event.notification.enabled');
			const poller = records.find((r: { key: string }) => r.key === 'event.poller.configuration');
			expectCeError(
				await call(sandbox(), 'PATCH', `/instances/${created.id}/configuration/${poller.id}`, { body: { propertyValue: '{}' } }),
				400,
			);
			expectCeError(
				await call(sandbox(), 'PATCH', `/instances/${created.id}/configuration/${enabledRecord.id}`, { body: {} }),
				400,
				/propertyValue/,
			);
			expectCeError(await call(sandbox(), 'PATCH', `/instances/${created.id}/configuration/1`, { body: { propertyValue: 'x' } }), 404);
			expectCeError(await call(sandbox(), 'GET', '/instances/999999/configuration'), 404);
		});

		test('a boolean propertyValue is stored as its string', async () => {
			const created = await createInstance(sandbox());
			const records = (await call(sandbox(), 'GET', `/instances/${created.id}/configuration`)).json;
			const enabled = records.find((r: { key: string }) => r.key === 'event.notification.enabled');
			const answer = await call(sandbox(), 'PATCH', `/instances/${created.id}/configuration/${enabled.id}`, {
				body: { propertyValue: false },
			});
			expect(answer.json.propertyValue).toBe('false');
		});
	});
});
