'use strict';
// A ShareFile OAuth2 API credential (shareFileOAuth2Api) in a real n8n, connected to an account
// the way the editor's **Connect my account** does it, only without a browser: n8n makes the
// authorize URL, the ShareFile (here: the sandbox's) consent page is answered with Consent, and
// the redirect goes to n8n's own OAuth callback, which asks the token endpoint for the tokens and
// keeps them. Nothing is written into n8n's database by hand. Used by `npm start` and the
// end-to-end tests.

const fs = require('node:fs');
const path = require('node:path');

const { readConsentForm } = require('../../../sandbox');

const SHAREFILE_CREDENTIAL_TYPE = 'shareFileOAuth2Api';
/** The OAuth client every sandbox knows (sandbox/README.md, "ShareFile API v3"). */
const SANDBOX_SHAREFILE_CLIENT = Object.freeze({ clientId: 'sandbox-sharefile-client', clientSecret: 'sandbox-sharefile-secret' });

/**
 * The credential's values for an account in the sandbox at `sandboxOrigin`: the sandbox's client,
 * the account's subdomain, and the custom host `<sandbox>/sharefile/` in place of `https://`.
 */
function sandboxShareFileCredentialData(sandboxOrigin, { subdomain = 'sandbox', ...overrides } = {}) {
	return {
		...SANDBOX_SHAREFILE_CLIENT,
		subdomain,
		controlPlane: 'custom',
		customHostPrefix: `${sandboxOrigin}/sharefile/`,
		...overrides,
	};
}

/** Where the credential's own documentation link points (docs/credentials.md#sharefile-oauth2-api), from the build. */
function shareFileDocumentationUrl() {
	const { ShareFileOAuth2Api } = require(path.join(__dirname, '..', '..', '..', 'dist', 'credentials', 'ShareFileOAuth2Api.credentials.js'));
	return new ShareFileOAuth2Api().documentationUrl;
}

/** Creates the credential through n8n's public API: { id, name, type }. */
async function createShareFileCredential(n8n, { name, data }) {
	return await n8n.api('POST', '/credentials', { name, type: SHAREFILE_CREDENTIAL_TYPE, data });
}

/** The `name=value` pairs of a response's Set-Cookie headers. */
const cookiesOf = (response) => response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);

/** A request with the owner's session (and whatever cookies the flow has collected so far). */
async function asOwner(n8n, url, extraCookies = []) {
	if (!n8n.cookie) await n8n.login();
	return await fetch(url, {
		headers: { cookie: [n8n.cookie, ...extraCookies].join('; '), 'browser-id': n8n.browserId },
		redirect: 'manual',
	});
}

class ShareFileConnectError extends Error {}

/**
 * Connects credential `credentialId` (already saved in n8n) to a ShareFile account:
 *   1. `GET /rest/oauth2-credential/auth?id=` as the owner: the authorize URL n8n made for it
 *      (with its `state`); any cookie n8n sets there (its browser binding) goes along to step 4;
 *   2. that page (the sandbox's consent page), read as a browser would;
 *   3. its form posted with `decision` (`consent` by default) and `account` (a `<select>` value;
 *      default the page's preselected account, or the first whose label starts with
 *      `accountSubdomain`);
 *   4. the redirect followed to n8n's `/rest/oauth2-credential/callback?code=&state=&subdomain=...`
 *      as the owner; n8n fetches the tokens from the token URL and keeps them.
 * Resolves { authorizeUrl, redirect (the URL the consent page sent the browser to), callbackPage
 * (its HTML) }; rejects with n8n's or the sandbox's words when a step fails.
 */
async function connectShareFile(n8n, credentialId, { decision = 'consent', account, accountSubdomain } = {}) {
	const auth = await asOwner(n8n, `${n8n.url}/rest/oauth2-credential/auth?id=${encodeURIComponent(credentialId)}`);
	const authText = await auth.text();
	if (!auth.ok) throw new ShareFileConnectError(`n8n would not start the OAuth flow: ${auth.status} ${authText.slice(0, 500)}`);
	const authorizeUrl = JSON.parse(authText).data;
	const flowCookies = cookiesOf(auth);

	const page = await fetch(authorizeUrl, { redirect: 'manual' });
	const pageText = await page.text();
	if (page.status !== 200) throw new ShareFileConnectError(`the authorize page ${authorizeUrl} answered ${page.status}: ${pageText.slice(0, 500)}`);
	const form = readConsentForm(pageText);
	const fields = new URLSearchParams(form.fields);
	fields.set('account', account ?? chooseAccount(form, accountSubdomain));
	fields.set('decision', decision);
	const answer = await fetch(new URL(form.action, authorizeUrl), {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: fields.toString(),
		redirect: 'manual',
	});
	const location = answer.headers.get('location');
	if (answer.status !== 302 || !location) {
		throw new ShareFileConnectError(`the consent form answered ${answer.status}, not a redirect: ${(await answer.text()).slice(0, 500)}`);
	}
	const redirect = new URL(location);

	const callback = await asOwner(n8n, redirect.toString(), flowCookies);
	const callbackPage = await callback.text();
	const failure = /<h4>Error: ([\s\S]*?)<\/h4>/.exec(callbackPage);
	if (!callback.ok || failure || !callbackPage.includes('Connection successful')) {
		throw new ShareFileConnectError(`n8n's OAuth callback failed (${callback.status}): ${failure ? failure[1].trim() : callbackPage.slice(0, 500)}`);
	}
	return { authorizeUrl, redirect, callbackPage };
}

/** The consent page's account to pick: the first whose label starts with the subdomain, else the preselected one. */
function chooseAccount(form, subdomain) {
	const bySubdomain = subdomain && form.accounts.find((option) => option.label.startsWith(`${subdomain} `));
	const chosen = bySubdomain || form.accounts.find((option) => option.selected) || form.accounts[0];
	if (!chosen) throw new ShareFileConnectError('the consent page offers no account');
	return chosen.value;
}

/** Does n8n hold token data for the credential? (What the editor reads to show "Account connected".) */
async function isShareFileConnected(n8n, credentialId) {
	const credential = await n8n.rest('GET', `/credentials/${credentialId}?includeData=true`);
	return credential.data?.data?.oauthTokenData === true;
}

/**
 * n8n's own test of the credential (public API `POST /credentials/{id}/test`): with the stored
 * token it asks ShareFile's `GET Accounts`, refreshing the token first if ShareFile answers 401.
 * Resolves n8n's { status: 'OK' | 'Error', message }.
 */
async function testShareFileCredential(n8n, credentialId) {
	return await n8n.api('POST', `/credentials/${credentialId}/test`);
}

/**
 * What n8n keeps of a credential, decrypted by its own CLI (`export:credentials --decrypted`):
 * its data, with `oauthTokenData` as n8n last saved it.
 */
async function storedCredentialData(n8n, credentialId) {
	const file = path.join(n8n.userFolder, `credential-${credentialId}-${Date.now()}.json`);
	const run = await n8n.cli(['export:credentials', `--id=${credentialId}`, '--decrypted', `--output=${file}`]);
	if (run.code !== 0 || !fs.existsSync(file)) throw new Error(`export:credentials failed (exit ${run.code}): ${run.stdout}${run.stderr}`);
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'))[0].data;
	} finally {
		fs.rmSync(file, { force: true });
	}
}

module.exports = {
	SANDBOX_SHAREFILE_CLIENT,
	SHAREFILE_CREDENTIAL_TYPE,
	ShareFileConnectError,
	connectShareFile,
	createShareFileCredential,
	isShareFileConnected,
	sandboxShareFileCredentialData,
	shareFileDocumentationUrl,
	storedCredentialData,
	testShareFileCredential,
};
