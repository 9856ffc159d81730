'use strict';
// ShareFile's own OAuth2 in a real n8n 2.41.1: a ShareFile OAuth2 API credential connected to a
// sandbox account through n8n's OAuth flow (its authorize URL, the sandbox's consent page, n8n's
// callback; scripts/n8n/lib/sharefile-connect.js, as `npm start` does it), then n8n's own
// credential test with the stored token: GET Accounts, a refresh when the token has expired, and
// the words n8n gives when the grant is revoked.

const { startStack } = require('./lib/stack');
const {
	connectShareFile,
	createShareFileCredential,
	isShareFileConnected,
	sandboxShareFileCredentialData,
	storedCredentialData,
	testShareFileCredential,
} = require('../../scripts/n8n/lib/sharefile-connect');

let stack;
let credential;

beforeAll(async () => {
	stack = await startStack('sharefile-connect', { credential: false });
	await stack.sandbox.createInstance('Acme Corp files', { 'sharefile.subdomain': 'acme' });
});
afterAll(async () => {
	await stack?.close();
});

/** What n8n keeps of the credential, decrypted by its own CLI. */
const storedData = async (id) => await storedCredentialData(stack.n8n, id);

/** The sandbox's ShareFile requests since the log was cleared: "METHOD path status". */
async function shareFileRequests() {
	return (await stack.sandbox.requests())
		.filter((entry) => entry.path.startsWith('/sharefile/'))
		.map((entry) => `${entry.method} ${entry.path} ${entry.status}`);
}

const ACCOUNTS = 'GET /sharefile/acme.sharefile.com/sf/v3/Accounts';
const TOKEN = 'POST /sharefile/acme/oauth/token';

describe('a ShareFile credential connected through n8n\'s OAuth flow', () => {
	test('Connect my account without a browser: n8n\'s authorize URL → the sandbox\'s consent page → Consent → n8n\'s callback; n8n keeps the account\'s tokens', async () => {
		const { n8n, sandbox } = stack;
		credential = await createShareFileCredential(n8n, {
			name: 'ShareFile (sandbox)',
			data: sandboxShareFileCredentialData(sandbox.origin, { subdomain: 'acme' }),
		});
		expect(await isShareFileConnected(n8n, credential.id)).toBe(false);
		expect(await testShareFileCredential(n8n, credential.id)).toMatchObject({ status: 'Error' });

		await stack.sandbox.clearRequests();
		const { authorizeUrl, redirect } = await connectShareFile(n8n, credential.id);
		const authorize = new URL(authorizeUrl);
		expect(`${authorize.origin}${authorize.pathname}`).toBe(`${sandbox.origin}/sharefile/acme/oauth/authorize`);
		expect(authorize.searchParams.get('client_id')).toBe('sandbox-sharefile-client');
		expect(authorize.searchParams.get('response_type')).toBe('code');
		expect(authorize.searchParams.get('redirect_uri')).toBe(`${n8n.url}/rest/oauth2-credential/callback`);
		expect(authorize.searchParams.get('state')).toBeTruthy();
		expect(authorize.searchParams.get('scope') || '').toBe(''); // ShareFile has no scopes: never n8n's default "openid"
		expect(`${redirect.origin}${redirect.pathname}`).toBe(`${n8n.url}/rest/oauth2-credential/callback`);
		expect(redirect.searchParams.get('subdomain')).toBe('acme');
		// n8n itself asked the account's token URL for the tokens, with the client in the form body.
		expect(await shareFileRequests()).toEqual(['GET /sharefile/acme/oauth/authorize 200', 'POST /sharefile/acme/oauth/authorize 302', `${TOKEN} 200`]);

		expect(await isShareFileConnected(n8n, credential.id)).toBe(true);
		const { oauthTokenData } = await storedData(credential.id);
		expect(oauthTokenData).toMatchObject({
			token_type: 'bearer',
			subdomain: 'acme',
			apicp: 'sharefile.com',
			appcp: 'sharefile.com',
			callbackQueryString: { subdomain: 'acme', apicp: 'sharefile.com', appcp: 'sharefile.com' },
		});
		expect(oauthTokenData.access_token).toEqual(expect.any(String));
		expect(oauthTokenData.refresh_token).toEqual(expect.any(String));
	});

	test('n8n\'s credential test asks GET Accounts of the token\'s account with the stored token', async () => {
		await stack.sandbox.clearRequests();
		expect(await testShareFileCredential(stack.n8n, credential.id)).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(await shareFileRequests()).toEqual([`${ACCOUNTS} 200`]);
	});

	test('an expired access token: ShareFile answers 401, n8n refreshes at the account\'s token URL, asks again, and keeps the new tokens', async () => {
		const before = (await storedData(credential.id)).oauthTokenData;
		// Access tokens live an hour of sandbox clock: two hours on, the stored one has expired.
		await stack.sandbox.control('PUT', '/clock', { offsetMs: 2 * 3600 * 1000 });
		await stack.sandbox.clearRequests();
		expect(await testShareFileCredential(stack.n8n, credential.id)).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(await shareFileRequests()).toEqual([`${ACCOUNTS} 401`, `${TOKEN} 200`, `${ACCOUNTS} 200`]);
		const after = (await storedData(credential.id)).oauthTokenData;
		expect(after.access_token).not.toBe(before.access_token);
		expect(after.refresh_token).not.toBe(before.refresh_token); // the sandbox rotates refresh tokens
		expect(after.subdomain).toBe('acme');

		// The next test uses the refreshed token as it is.
		await stack.sandbox.clearRequests();
		expect(await testShareFileCredential(stack.n8n, credential.id)).toMatchObject({ status: 'OK' });
		expect(await shareFileRequests()).toEqual([`${ACCOUNTS} 200`]);
	});

	test('a revoked grant: n8n\'s test says to reconnect the credential; connecting again makes it work', async () => {
		expect(await stack.sandbox.control('POST', '/sharefile/revoke', { all: true })).toMatchObject({ revoked: 1 });
		await stack.sandbox.clearRequests();
		const result = await testShareFileCredential(stack.n8n, credential.id);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/needs to be reconnected/);
		expect(await shareFileRequests()).toEqual([`${ACCOUNTS} 401`, `${TOKEN} 400`]);

		await connectShareFile(stack.n8n, credential.id);
		expect(await testShareFileCredential(stack.n8n, credential.id)).toEqual({ status: 'OK', message: 'Connection successful!' });
	});

	test('Deny on the consent page: n8n\'s callback fails and the credential stays unconnected', async () => {
		const denied = await createShareFileCredential(stack.n8n, {
			name: 'ShareFile (denied)',
			data: sandboxShareFileCredentialData(stack.sandbox.origin, { subdomain: 'acme' }),
		});
		await expect(connectShareFile(stack.n8n, denied.id, { decision: 'deny' })).rejects.toThrow(/OAuth callback failed/);
		expect(await isShareFileConnected(stack.n8n, denied.id)).toBe(false);
	});
});
