'use strict';
// A ShareFile OAuth2 credential connected in a real n8n the way a user connects it: the
// credential is made with the OAuth app's client id and secret and the account fields, then
// n8n's own OAuth2 endpoints run the flow: /rest/oauth2-credential/auth gives the sandbox's
// authorize page, its Consent button sends the browser back to n8n's callback, and n8n redeems
// the code at the account's token URL and keeps the token. Nothing is written into n8n by hand.

const CLIENT_ID = 'sandbox-sharefile-client';
const CLIENT_SECRET = 'sandbox-sharefile-secret';

const unescape = (text) =>
	text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The consent page's form as a browser reads it: action, hidden fields, the preselected account. */
function consentForm(html) {
	const form = /<form method="post" action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/.exec(html);
	if (!form) throw new Error(`no consent form on the authorize page: ${html.slice(0, 300)}`);
	const fields = new URLSearchParams();
	for (const input of form[2].matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) fields.append(unescape(input[1]), unescape(input[2]));
	const options = [...form[2].matchAll(/<option value="([^"]*)"( selected)?>/g)];
	const account = options.find((option) => option[2]) ?? options[0];
	if (account) fields.set('account', unescape(account[1]));
	return { action: unescape(form[1]), fields };
}

/**
 * Creates the credential and connects it; answers the credential ({ id, name }). `sandbox` is the
 * e2e SandboxClient (its `origin`), `n8n` the running N8n (owner session and API key).
 */
async function connectShareFileCredential(n8n, sandbox, { name = 'ShareFile sandbox', subdomain = 'acme' } = {}) {
	const credential = await n8n.api('POST', '/credentials', {
		name,
		type: 'shareFileOAuth2Api',
		data: {
			clientId: CLIENT_ID,
			clientSecret: CLIENT_SECRET,
			subdomain,
			controlPlane: 'custom',
			customHostPrefix: `${sandbox.origin}/sharefile/`,
		},
	});
	const auth = await n8n.rest('GET', `/oauth2-credential/auth?id=${encodeURIComponent(credential.id)}`);
	const authorizeUrl = typeof auth === 'string' ? auth : auth.data;
	if (!String(authorizeUrl).startsWith(`${sandbox.origin}/sharefile/`)) throw new Error(`n8n sent the user to ${authorizeUrl}`);
	const page = await fetch(authorizeUrl);
	if (page.status !== 200) throw new Error(`authorize page: ${page.status} ${await page.text()}`);
	const form = consentForm(await page.text());
	form.fields.set('decision', 'consent');
	const consent = await fetch(new URL(form.action, sandbox.origin), {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: form.fields.toString(),
		redirect: 'manual',
	});
	const callback = consent.headers.get('location');
	if (consent.status !== 302 || !callback?.startsWith(n8n.url)) throw new Error(`consent answered ${consent.status} to ${callback}`);
	if (!n8n.cookie) await n8n.login();
	const back = await fetch(callback, { headers: { cookie: n8n.cookie, 'browser-id': n8n.browserId }, redirect: 'manual' });
	const text = await back.text();
	if (back.status !== 200 || /error/i.test(text.replace(/<script[\s\S]*?<\/script>/g, '')) && !/success/i.test(text)) {
		throw new Error(`n8n's OAuth2 callback answered ${back.status}: ${text.slice(0, 500)}`);
	}
	return { ...credential, callbackPage: text };
}

function shareFileCredentialRef(credential) {
	return { shareFileOAuth2Api: { id: String(credential.id), name: credential.name } };
}

module.exports = { CLIENT_ID, CLIENT_SECRET, connectShareFileCredential, shareFileCredentialRef };
