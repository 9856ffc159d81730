'use strict';
// What the ShareFile Trigger proofs (single process, queue mode, outage) read and do: its
// workflow, ShareFile's own webhook subscriptions and deliveries as the sandbox holds them, a
// token of a sandbox ShareFile account straight from its OAuth pages (to read or make an
// account's signature keys the way a ShareFile user would), signed bodies posted by hand, and
// which files each workflow's executions ran with.

const crypto = require('node:crypto');
const path = require('node:path');

const { SANDBOX_SHAREFILE_CLIENT, connectShareFile, createShareFileCredential, sandboxShareFileCredentialData } = require('../../../scripts/n8n/lib/sharefile-connect');
const { PACKAGE, nodeItems } = require('../../../scripts/n8n/lib/workflows');
const { waitFor } = require('./wait');

const { readConsentForm } = require(path.join(__dirname, '..', '..', '..', 'sandbox'));

const SHAREFILE_TRIGGER = 'ShareFile Trigger';
const TYPE = `${PACKAGE}.shareFileTrigger`;
const { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET } = SANDBOX_SHAREFILE_CLIENT;

/** A ShareFile OAuth2 API credential connected through n8n's OAuth flow to the sandbox account `subdomain`. */
async function connectShareFileCredential(n8n, sandbox, { name = 'ShareFile sandbox', subdomain = 'acme' } = {}) {
	const credential = await createShareFileCredential(n8n, { name, data: sandboxShareFileCredentialData(sandbox.origin, { subdomain }) });
	await connectShareFile(n8n, credential.id, { accountSubdomain: subdomain });
	return credential;
}

const shareFileCredentialRef = (credential) => ({ shareFileOAuth2Api: { id: String(credential.id), name: credential.name } });

/** ShareFile Trigger on a folder (by path) → No Op. */
function shareFileTriggerWorkflow(name, credential, { folder = '/top/In', events = ['File:Upload'], options = {}, typeVersion = 1.1 } = {}) {
	const trigger = {
		id: crypto.randomUUID(),
		name: SHAREFILE_TRIGGER,
		type: TYPE,
		typeVersion,
		position: [250, 300],
		webhookId: crypto.randomUUID(),
		parameters: { listenTo: 'folder', folder: { __rl: true, mode: 'path', value: folder }, events, options },
		credentials: shareFileCredentialRef(credential),
	};
	const received = { id: crypto.randomUUID(), name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [470, 300], parameters: {} };
	return {
		name,
		nodes: [trigger, received],
		connections: { [SHAREFILE_TRIGGER]: { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** ShareFile's webhook subscriptions of one sandbox account (instance), as the sandbox holds them. */
async function shareFileSubscriptions(sandbox, instanceId) {
	const all = await sandbox.control('GET', '/sharefile/webhooks/subscriptions');
	return all.filter((subscription) => String(subscription.instanceId) === String(instanceId));
}

/** ShareFile's deliveries (oldest first), optionally of one subscription. */
async function shareFileDeliveries(sandbox, query = {}) {
	const search = new URLSearchParams(query).toString();
	return await sandbox.control('GET', `/sharefile/webhooks/deliveries${search ? `?${search}` : ''}`);
}

/**
 * An access token of the sandbox account whose subdomain is `host` (the consent page preselects
 * it), for the default OAuth client, through the sandbox's authorize page and token URL.
 */
async function shareFileToken(sandbox, host) {
	const query = new URLSearchParams({ response_type: 'code', client_id: CLIENT_ID, redirect_uri: 'https://n8n.example.com/rest/oauth2-credential/callback', state: 's' });
	const page = await fetch(`${sandbox.origin}/sharefile/${host}/oauth/authorize?${query}`);
	if (page.status !== 200) throw new Error(`authorize page: ${page.status}`);
	const form = readConsentForm(await page.text());
	const fields = new URLSearchParams(form.fields);
	fields.set('account', form.accounts.find((account) => account.selected).value);
	fields.set('decision', 'consent');
	const consent = await fetch(`${sandbox.origin}${form.action}`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: fields.toString(),
		redirect: 'manual',
	});
	const code = new URL(consent.headers.get('location')).searchParams.get('code');
	const token = await fetch(`${sandbox.origin}/sharefile/${host}/oauth/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: CLIENT_ID, client_secret: CLIENT_SECRET }).toString(),
	});
	if (token.status !== 200) throw new Error(`token: ${token.status} ${await token.text()}`);
	return (await token.json()).access_token;
}

/** A ShareFile API v3 call on the account `host` with a Bearer token; throws on a non-2xx. */
async function shareFileApi(sandbox, host, token, method, route) {
	const response = await fetch(`${sandbox.origin}/sharefile/${host}/sf/v3/${route}`, { method, headers: { authorization: `Bearer ${token}` } });
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${text}`);
	return text ? JSON.parse(text) : undefined;
}

/** The OAuth client's primary signature key on the account `host`, generated when it has none. */
async function primarySignatureKey(sandbox, host, { generate = false } = {}) {
	const token = await shareFileToken(sandbox, host);
	let client = await shareFileApi(sandbox, host, token, 'GET', `WebhookClients(${CLIENT_ID})`);
	if (!client.SignatureKeys?.PrimaryKey && generate) client = await shareFileApi(sandbox, host, token, 'POST', `WebhookClients(${CLIENT_ID})/PrimarySignatureKey`);
	return client.SignatureKeys?.PrimaryKey ?? null;
}

/** ShareFile's signature of a body: base64 HMAC-SHA256 keyed with the key's UTF-8 bytes. */
const signature = (body, key) => crypto.createHmac('sha256', Buffer.from(key, 'utf8')).update(body).digest('base64');

/** A ShareFile webhook body, as ShareFile sends it for a File Upload. */
function uploadBody(subscription, { id, parentId, subdomain = 'acme', timestamp = new Date().toISOString() }) {
	return JSON.stringify({
		WebhookSubscriptionId: subscription.Id,
		AccountInfo: { AccountId: `a${subscription.instanceId}`, Subdomain: subdomain, AppControlPlane: 'sharefile.com', ApiControlPlane: 'sf-api.com' },
		Event: { Timestamp: timestamp, OperationName: 'Upload', ResourceType: 'File', Resource: { Id: id, Parent: { Id: parentId } } },
	});
}

/** POSTs a body to a URL with headers; answers { status, text }. */
async function post(url, body, headers = {}) {
	const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
	return { status: response.status, text: await response.text() };
}

/** The items a workflow's executions ran with, oldest first; throws while one has not succeeded. */
async function triggerItems(n8n, workflowId) {
	const executions = await n8n.executions(workflowId);
	const unsuccessful = executions.filter((execution) => execution.status !== 'success');
	if (unsuccessful.length > 0) throw new Error(`executions of ${workflowId} not successful: ${JSON.stringify(unsuccessful.map((e) => [e.id, e.status]))}`);
	return executions.flatMap((execution) => nodeItems(execution, SHAREFILE_TRIGGER).map((item) => ({ ...item, executionId: execution.id, startedAt: execution.startedAt })));
}

/** The file ids a workflow's executions ran with, oldest first. */
const heardFiles = async (n8n, workflowId) => (await triggerItems(n8n, workflowId)).map((item) => item.objectId);

/** Waits until each workflow has run at least `count` items. */
async function waitForFiles(n8n, workflowIds, count, { timeoutMs = 30_000 } = {}) {
	await waitFor(
		`${workflowIds.length} workflow(s) to run ${count} file(s)`,
		async () => {
			for (const id of workflowIds) if ((await heardFiles(n8n, id)).length < count) return false;
			return true;
		},
		{ timeoutMs, intervalMs: 200 },
	);
}

/** Uploads a file through the sandbox's controls (a ShareFile change); answers its id. */
async function uploadFile(sandbox, instanceId, filePath, content = filePath) {
	return (await sandbox.change(instanceId, { op: 'upload', path: filePath, content })).id;
}

const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
};

module.exports = {
	SHAREFILE_TRIGGER,
	connectShareFileCredential,
	heardFiles,
	median,
	post,
	primarySignatureKey,
	shareFileDeliveries,
	shareFileSubscriptions,
	shareFileTriggerWorkflow,
	signature,
	triggerItems,
	uploadBody,
	uploadFile,
	waitForFiles,
};
