import { DEMO_CODE, authorizeThroughPage, call, expectCeError, instanceBody, useSandbox } from './helpers';

describe('sandbox: OAuth and element metadata', () => {
	const sandbox = useSandbox();

	test('the OAuth URL points at the sandbox authorize page with the given client, redirect and state', async () => {
		const answer = await call(
			sandbox(),
			'GET',
			'/elements/sharefile/oauth/url?apiKey=my-key&apiSecret=my-secret&callbackUrl=https%3A%2F%2Fapp.example.com%2Fcb%3Fx%3D1&state=abc%20123',
		);
		expect(answer.status).toBe(200);
		expect(answer.json.element).toBe('sharefile');
		const url = new URL(answer.json.oauthUrl);
		expect(url.origin).toBe(sandbox().origin);
		expect(url.pathname).toBe('/_sandbox/oauth/authorize');
		expect([...url.searchParams.keys()]).toEqual(['response_type', 'client_id', 'redirect_uri', 'state']);
		expect(url.searchParams.get('response_type')).toBe('code');
		expect(url.searchParams.get('client_id')).toBe('my-key');
		expect(url.searchParams.get('redirect_uri')).toBe('https://app.example.com/cb?x=1');
		expect(url.searchParams.get('state')).toBe('abc 123');
		expect(answer.text).not.toContain('my-secret');
	});

	test.each(['apiKey', 'apiSecret', 'callbackUrl'])('the OAuth URL without %s answers 400 naming it', async (missing) => {
		const params = new URLSearchParams({ apiKey: 'k', apiSecret: 's', callbackUrl: 'https://a.example/cb' });
		params.delete(missing);
		const answer = await call(sandbox(), 'GET', `/elements/sharefile/oauth/url?${params}`);
		expectCeError(answer, 400);
		expect(answer.json.message).toContain(missing);
	});

	test('other element keys answer 404, and the OAuth URL needs platform auth', async () => {
		expectCeError(await call(sandbox(), 'GET', '/elements/dropbox/oauth/url?apiKey=k&apiSecret=s&callbackUrl=https://a/cb'), 404, /dropbox/);
		expectCeError(await call(sandbox(), 'GET', '/elements/dropbox/metadata'), 404);
		expectCeError(await call(sandbox(), 'GET', '/elements/sharefile/oauth/url?apiKey=k&apiSecret=s&callbackUrl=x', { auth: null }), 401);
	});

	test('the authorize page has an Authorize control and needs no CE auth', async () => {
		const url = (await call(sandbox(), 'GET', '/elements/sharefile/oauth/url?apiKey=k&apiSecret=s&callbackUrl=https://a.example/cb&state=s1'))
			.json.oauthUrl;
		const page = await fetch(url);
		expect(page.status).toBe(200);
		expect(page.headers.get('content-type')).toContain('text/html');
		const html = await page.text();
		expect(html).toContain('Authorize');
		expect(html).toContain('/_sandbox/oauth/authorize/approve?');
		expect(html).toContain('https://a.example/cb');
	});

	test('the authorize page rejects a missing redirect_uri or client_id', async () => {
		expect((await fetch(`${sandbox().origin}/_sandbox/oauth/authorize?response_type=code&client_id=k`)).status).toBe(400);
		expect((await fetch(`${sandbox().origin}/_sandbox/oauth/authorize?response_type=code&redirect_uri=https://a/cb`)).status).toBe(400);
	});

	test('approving redirects to the callback with a fresh code and the state; denying with access_denied', async () => {
		const { code, location } = await authorizeThroughPage(sandbox());
		expect(`${location.origin}${location.pathname}`).toBe('https://app.example.com/oauth/callback');
		expect(code).toMatch(/^[A-Za-z0-9]{20}$/);
		expect(location.searchParams.get('state')).toBe('st-1');
		const again = await authorizeThroughPage(sandbox());
		expect(again.code).not.toBe(code);

		const deny = await fetch(
			`${sandbox().origin}/_sandbox/oauth/authorize/deny?response_type=code&client_id=k&redirect_uri=https%3A%2F%2Fa.example%2Fcb&state=z`,
			{ redirect: 'manual' },
		);
		expect(deny.status).toBe(302);
		const denied = new URL(deny.headers.get('location')!);
		expect(denied.searchParams.get('error')).toBe('access_denied');
		expect(denied.searchParams.get('state')).toBe('z');
		expect(denied.searchParams.get('code')).toBeNull();
	});

	test('a code from the authorize page creates one instance; using it twice fails with invalid_grant', async () => {
		const { code } = await authorizeThroughPage(sandbox());
		const first = await call(sandbox(), 'POST', '/instances', { body: instanceBody({ providerData: { code } }) });
		expect(first.status).toBe(200);

		const second = await call(sandbox(), 'POST', '/instances', { body: instanceBody({ providerData: { code } }) });
		expectCeError(second, 400);
		expect(JSON.parse(second.json.providerMessage)).toMatchObject({ error: 'invalid_grant' });
		expect((await call(sandbox(), 'GET', '/instances')).json).toHaveLength(1);
	});

	test('a made-up code fails with a provider message; a missing code names providerData.code', async () => {
		const bad = await call(sandbox(), 'POST', '/instances', { body: instanceBody({ providerData: { code: 'made-up' } }) });
		expectCeError(bad, 400, /OAuth/);
		expect(bad.json.providerMessage).toContain('invalid_grant');
		const missing = await call(sandbox(), 'POST', '/instances', { body: instanceBody({ providerData: {} }) });
		expectCeError(missing, 400, /providerData\.code/);
		expect(missing.json.providerMessage).toBeUndefined();
	});

	test('a code only redeems with the API key and callback URL it was issued for, and is not used up by a mismatch', async () => {
		const { code } = await authorizeThroughPage(sandbox(), 'client-id-123', 'https://app.example.com/oauth/callback');
		const wrongKey = await call(sandbox(), 'POST', '/instances', {
			body: instanceBody({ providerData: { code } }, { 'oauth.api.key': 'someone-else' }),
		});
		expectCeError(wrongKey, 400);
		expect(wrongKey.json.providerMessage).toContain('client_id');
		const wrongCallback = await call(sandbox(), 'POST', '/instances', {
			body: instanceBody({ providerData: { code } }, { 'oauth.callback.url': 'https://elsewhere.example/cb' }),
		});
		expectCeError(wrongCallback, 400);
		expect(wrongCallback.json.providerMessage).toContain('redirect_uri');
		const right = await call(sandbox(), 'POST', '/instances', { body: instanceBody({ providerData: { code } }) });
		expect(right.status).toBe(200);
	});

	test('the demo code never runs out', async () => {
		for (let i = 0; i < 3; i++) {
			const answer = await call(sandbox(), 'POST', '/instances', { body: instanceBody({ providerData: { code: DEMO_CODE } }) });
			expect(answer.status).toBe(200);
		}
	});

	test('a configuration error is reported before the code is redeemed, so the code stays usable', async () => {
		const { code } = await authorizeThroughPage(sandbox());
		const broken = instanceBody({ providerData: { code } });
		delete (broken.configuration as Record<string, unknown>)['sharefile.subdomain'];
		expectCeError(await call(sandbox(), 'POST', '/instances', { body: broken }), 400, /sharefile\.subdomain/);
		expect((await call(sandbox(), 'POST', '/instances', { body: instanceBody({ providerData: { code } }) })).status).toBe(200);
	});

	test('metadata describes the element and its events', async () => {
		const answer = await call(sandbox(), 'GET', '/elements/sharefile/metadata');
		expect(answer.status).toBe(200);
		expect(answer.json).toMatchObject({
			key: 'sharefile',
			name: 'Citrix ShareFile',
			hub: 'documents',
			events: { supported: true, methods: ['polling', 'webhook'] },
		});
		const keys = answer.json.configuration.map((c: { key: string }) => c.key);
		expect(keys).toEqual(expect.arrayContaining(['oauth.api.key', 'sharefile.subdomain', 'event.poller.configuration']));
		expectCeError(await call(sandbox(), 'GET', '/elements/sharefile/metadata', { auth: null }), 401);
	});
});
