import * as crypto from 'crypto';

import { startSandbox } from '../../sandbox';
import { call, createInstance, useSandbox } from './helpers';
import {
	CLIENT_ID,
	CLIENT_SECRET,
	REDIRECT_URI,
	authorize,
	expectShareFileError,
	hostBase,
	login,
	moveClock,
	readConsentForm,
	sf,
	tokenRequest,
} from './sharefile-api-helpers';

describe('sandbox: ShareFile API v3 OAuth2', () => {
	const sandbox = useSandbox();

	test('the authorize page is HTML with Consent and Deny, and Consent redirects with code, state and ShareFile\'s extras', async () => {
		await createInstance(sandbox());
		const query = new URLSearchParams({ response_type: 'code', client_id: CLIENT_ID, redirect_uri: REDIRECT_URI, state: 'xyz 1' });
		const page = await fetch(`${hostBase(sandbox(), 'acme.sharefile.com')}/oauth/authorize?${query}`);
		expect(page.status).toBe(200);
		expect(page.headers.get('content-type')).toContain('text/html');
		const html = await page.text();
		expect(html).toMatch(/<button type="submit" name="decision" value="consent" id="consent">Consent<\/button>/);
		expect(html).toMatch(/<button type="submit" name="decision" value="deny" id="deny">Deny<\/button>/);
		const form = readConsentForm(html);
		expect(form.action).toBe('/sharefile/acme.sharefile.com/oauth/authorize');
		expect(form.fields.get('state')).toBe('xyz 1');

		const { location } = await authorize(sandbox(), { host: 'acme.sharefile.com', state: 'xyz 1' });
		expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
		expect(location.searchParams.get('code')).toMatch(/^[A-Za-z0-9]{20}$/);
		expect(location.searchParams.get('state')).toBe('xyz 1');
		expect(location.searchParams.get('subdomain')).toBe('acme');
		expect(location.searchParams.get('apicp')).toBe('sharefile.com');
		expect(location.searchParams.get('appcp')).toBe('sharefile.com');
		// h: HMAC-SHA256 with the client secret over path?query without h, base64.
		const h = location.searchParams.get('h')!;
		const withoutH = new URL(location);
		withoutH.searchParams.delete('h');
		expect(h).toBe(crypto.createHmac('sha256', CLIENT_SECRET).update(`${withoutH.pathname}${withoutH.search}`).digest('base64'));
	});

	test('Deny redirects with error=access_denied and the state, and no code', async () => {
		const { location } = await authorize(sandbox(), { decision: 'deny', state: 's-9' });
		expect(location.searchParams.get('error')).toBe('access_denied');
		expect(location.searchParams.get('state')).toBe('s-9');
		expect(location.searchParams.get('code')).toBeNull();
	});

	test('an unknown client or a redirect URI other than the registered one stays on an error page', async () => {
		const unknown = new URLSearchParams({ response_type: 'code', client_id: 'nobody', redirect_uri: REDIRECT_URI });
		const page = await fetch(`${hostBase(sandbox())}/oauth/authorize?${unknown}`, { redirect: 'manual' });
		expect(page.status).toBe(400);
		expect(await page.text()).toContain('nobody');

		const added = await call(sandbox(), 'POST', '/_sandbox/sharefile/clients', { auth: null, body: { redirectUri: 'https://one.example/cb' } });
		expect(added.status).toBe(200);
		const other = new URLSearchParams({ response_type: 'code', client_id: added.json.clientId, redirect_uri: 'https://two.example/cb' });
		expect((await fetch(`${hostBase(sandbox())}/oauth/authorize?${other}`, { redirect: 'manual' })).status).toBe(400);
		const same = new URLSearchParams({ response_type: 'code', client_id: added.json.clientId, redirect_uri: 'https://one.example/cb' });
		expect((await fetch(`${hostBase(sandbox())}/oauth/authorize?${same}`)).status).toBe(200);
	});

	test('the code buys tokens with the documented fields, once', async () => {
		await createInstance(sandbox());
		const { location } = await authorize(sandbox());
		const code = location.searchParams.get('code')!;
		const form = { grant_type: 'authorization_code', code, client_id: CLIENT_ID, client_secret: CLIENT_SECRET };
		const answer = await tokenRequest(sandbox(), form);
		expect(answer.status).toBe(200);
		expect(answer.headers.get('cache-control')).toBe('no-store');
		expect(answer.json).toEqual({
			access_token: expect.any(String),
			refresh_token: expect.any(String),
			token_type: 'bearer',
			expires_in: 3600,
			subdomain: 'acme',
			apicp: 'sharefile.com',
			appcp: 'sharefile.com',
		});
		expect((await sf(sandbox(), answer.json.access_token, 'GET', 'Items(top)')).status).toBe(200);

		const again = await tokenRequest(sandbox(), form);
		expect(again.status).toBe(400);
		expect(again.json).toEqual({ error: 'invalid_grant', error_description: expect.any(String) });
	});

	test('a wrong secret is invalid_client; Basic authentication works on any token host', async () => {
		await createInstance(sandbox());
		const code = (await authorize(sandbox())).location.searchParams.get('code')!;
		const wrong = await tokenRequest(sandbox(), { grant_type: 'authorization_code', code, client_id: CLIENT_ID, client_secret: 'nope' });
		expect(wrong.status).toBe(401);
		expect(wrong.json.error).toBe('invalid_client');
		expect(wrong.text).not.toContain('nope');

		// The failed attempt did not use the code up.
		const basic = await tokenRequest(sandbox(), { grant_type: 'authorization_code', code }, { host: 'secure.sharefile.com', basic: `${CLIENT_ID}:${CLIENT_SECRET}` });
		expect(basic.status).toBe(200);
		expect(basic.json.subdomain).toBe('acme');

		const unsupported = await tokenRequest(sandbox(), { grant_type: 'password', client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
		expect(unsupported.status).toBe(400);
		expect(unsupported.json.error).toBe('unsupported_grant_type');
	});

	test('an access token expires with the sandbox clock; 401 in ShareFile\'s shape; refresh gives a working one and rotates', async () => {
		await createInstance(sandbox());
		const tokens = await login(sandbox());
		await moveClock(sandbox(), 3601_000);
		const expired = await sf(sandbox(), tokens.access_token, 'GET', 'Items(top)');
		expectShareFileError(expired, 401, 'Unauthorized', /expired/);
		expect(expired.headers.get('www-authenticate')).toMatch(/^Bearer/);

		const refreshed = await tokenRequest(sandbox(), { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
		expect(refreshed.status).toBe(200);
		expect(refreshed.json.access_token).not.toBe(tokens.access_token);
		expect(refreshed.json.refresh_token).not.toBe(tokens.refresh_token);
		expect(refreshed.json.subdomain).toBe('acme');
		expect((await sf(sandbox(), refreshed.json.access_token, 'GET', 'Items(top)')).status).toBe(200);

		const old = await tokenRequest(sandbox(), { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
		expect(old.status).toBe(400);
		expect(old.json.error).toBe('invalid_grant');
	});

	test('the token lifetime is a setting: seconds for tests', async () => {
		await createInstance(sandbox());
		const set = await call(sandbox(), 'PUT', '/_sandbox/sharefile/settings', { auth: null, body: { accessTokenLifetimeSeconds: 1 } });
		expect(set.json).toEqual({ accessTokenLifetimeSeconds: 1 });
		const tokens = await login(sandbox());
		expect(tokens.expires_in).toBe(1);
		expect((await sf(sandbox(), tokens.access_token, 'GET', 'Items(top)')).status).toBe(200);
		await new Promise((resolve) => setTimeout(resolve, 1100));
		expectShareFileError(await sf(sandbox(), tokens.access_token, 'GET', 'Items(top)'), 401, 'Unauthorized');
		expect((await call(sandbox(), 'PUT', '/_sandbox/sharefile/settings', { auth: null, body: { accessTokenLifetimeSeconds: 0 } })).status).toBe(400);
	});

	test('clearing the request log leaves the token lifetime as it was set (only a reset brings the start value back)', async () => {
		await call(sandbox(), 'PUT', '/_sandbox/sharefile/settings', { auth: null, body: { accessTokenLifetimeSeconds: 1 } });
		expect((await call(sandbox(), 'DELETE', '/_sandbox/requests', { auth: null })).status).toBe(200);
		expect((await call(sandbox(), 'GET', '/_sandbox/sharefile/settings', { auth: null })).json).toEqual({ accessTokenLifetimeSeconds: 1 });
		await call(sandbox(), 'POST', '/_sandbox/reset', { auth: null });
		expect((await call(sandbox(), 'GET', '/_sandbox/sharefile/settings', { auth: null })).json).toEqual({ accessTokenLifetimeSeconds: 3600 });
	});

	test('the start option sets the lifetime', async () => {
		const own = await startSandbox({ port: 0, shareFileTokenLifetimeSeconds: 42 });
		try {
			await createInstance(own);
			expect((await login(own)).expires_in).toBe(42);
		} finally {
			await own.close();
		}
	});

	test('a revoked grant: its refresh token is invalid_grant and its access token 401', async () => {
		await createInstance(sandbox());
		const tokens = await login(sandbox());
		const revoked = await call(sandbox(), 'POST', '/_sandbox/sharefile/revoke', { auth: null, body: { refreshToken: tokens.refresh_token } });
		expect(revoked.json).toEqual({ revoked: 1 });
		const refresh = await tokenRequest(sandbox(), { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
		expect(refresh.status).toBe(400);
		expect(refresh.json).toEqual({ error: 'invalid_grant', error_description: expect.stringMatching(/revoked/) });
		expectShareFileError(await sf(sandbox(), tokens.access_token, 'GET', 'Items(top)'), 401, 'Unauthorized', /revoked/);
	});

	test('no token, a malformed one, or a token of another account answers 401', async () => {
		await createInstance(sandbox());
		const tokens = await login(sandbox());
		expectShareFileError(await sf(sandbox(), null, 'GET', 'Items(top)'), 401, 'Unauthorized', /Bearer/);
		expectShareFileError(await sf(sandbox(), 'made-up', 'GET', 'Items(top)'), 401, 'Unauthorized');
		expectShareFileError(await sf(sandbox(), tokens.access_token, 'GET', 'Items(top)', undefined, 'other'), 401, 'Unauthorized', /acme/);
		// The host may be written as the real one: subdomain plus control plane.
		expect((await sf(sandbox(), tokens.access_token, 'GET', 'Items(top)', undefined, 'acme.sf-api.com')).status).toBe(200);
	});

	test('the consent page picks among the instances\' accounts; the tokens open the one chosen', async () => {
		await createInstance(sandbox(), { name: 'first' });
		const second = await createInstance(sandbox(), { name: 'second' }, { 'sharefile.subdomain': 'globex' });
		const { form } = await authorize(sandbox(), { host: 'globex' });
		expect(form.accounts.map((account) => account.label)).toEqual([
			expect.stringContaining('acme'),
			expect.stringContaining('globex'),
			expect.stringContaining('new sandbox account'),
		]);
		// The host's subdomain is preselected.
		expect(form.accounts.find((account) => account.selected)!.value).toBe(String(second.id));
		await call(sandbox(), 'POST', `/_sandbox/instances/${second.id}/documents`, { auth: null, body: { op: 'upload', path: '/top/only-in-globex.txt', content: 'g' } });
		const tokens = await login(sandbox(), { host: 'secure', account: String(second.id) });
		expect(tokens.subdomain).toBe('globex');
		const found = await sf(sandbox(), tokens.access_token, 'GET', 'Items/ByPath?path=/only-in-globex.txt', undefined, 'globex');
		expect(found.status).toBe(200);
	});

	test('with no instance, consenting makes a new account behind a new instance', async () => {
		const tokens = await login(sandbox(), { host: 'initech.sharefile.com' });
		expect(tokens.subdomain).toBe('initech');
		const instances = await call(sandbox(), 'GET', '/instances');
		expect(instances.json).toHaveLength(1);
		expect(instances.json[0].tags).toEqual(['sharefile-api']);
		expect(instances.json[0].configuration['sharefile.subdomain']).toBe('initech');
		const root = await sf(sandbox(), tokens.access_token, 'GET', 'Items(top)', undefined, 'initech');
		expect(root.json.Name).toBe('top');
	});
});
