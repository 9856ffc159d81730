import { readConsentForm } from '../../sandbox';

/** The sandbox's ShareFile OAuth client every sandbox knows (sandbox/README.md, "ShareFile API v3"). */
export const SANDBOX_CLIENT_ID = 'sandbox-sharefile-client';
export const SANDBOX_CLIENT_SECRET = 'sandbox-sharefile-secret';

export { readConsentForm, type ConsentForm } from '../../sandbox';

/**
 * A browser's way through the sandbox's OAuth flow, without a test framework (the benchmarks use
 * it too): the authorize page, Consent for the preselected account, the code for tokens at the
 * account's token URL. `origin` is the sandbox's.
 */
export async function connectSandboxAccount(origin: string, host = 'acme', redirectUri = 'https://n8n.example.com/rest/oauth2-credential/callback') {
	const query = new URLSearchParams({ response_type: 'code', client_id: SANDBOX_CLIENT_ID, redirect_uri: redirectUri, state: 'state-1' });
	const page = await fetch(`${origin}/sharefile/${host}/oauth/authorize?${query}`);
	if (page.status !== 200) throw new Error(`the authorize page answered ${page.status}`);
	const form = readConsentForm(await page.text());
	const fields = new URLSearchParams(form.fields);
	fields.set('account', form.accounts.find((account) => account.selected)?.value ?? form.accounts[0]?.value ?? 'new');
	fields.set('decision', 'consent');
	const consent = await fetch(`${origin}${form.action}`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: fields.toString(),
		redirect: 'manual',
	});
	const code = new URL(consent.headers.get('location') ?? 'http://x/').searchParams.get('code');
	if (consent.status !== 302 || !code) throw new Error(`consent answered ${consent.status}`);
	const token = await fetch(`${origin}/sharefile/${host}/oauth/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: SANDBOX_CLIENT_ID, client_secret: SANDBOX_CLIENT_SECRET }).toString(),
	});
	if (token.status !== 200) throw new Error(`the token endpoint answered ${token.status}`);
	return (await token.json()) as { access_token: string; refresh_token: string; expires_in: number; subdomain: string; apicp: string; appcp: string; token_type: string };
}

/** The n8n credential data for a sandbox account connected with these tokens. */
export function sandboxShareFileCredential(origin: string, tokens: object, host = 'acme'): Record<string, unknown> {
	return {
		grantType: 'authorizationCode',
		authUrl: `${origin}/sharefile/${host}/oauth/authorize`,
		accessTokenUrl: `${origin}/sharefile/${host}/oauth/token`,
		clientId: SANDBOX_CLIENT_ID,
		clientSecret: SANDBOX_CLIENT_SECRET,
		scope: '',
		authQueryParameters: '',
		authentication: 'body',
		subdomain: host,
		controlPlane: 'custom',
		customHostPrefix: `${origin}/sharefile/`,
		oauthTokenData: tokens,
	};
}
