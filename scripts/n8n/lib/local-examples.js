'use strict';
// What `npm start` and `npm run start:queue` set up alike in the n8n they start: the owner (from
// the environment, else generated once and kept in the user folder), the sandbox instances the
// examples watch, the credential for the sandbox, the example workflows (examples/) active, a
// ShareFile OAuth2 credential connected to the sandbox's ShareFile account through n8n's OAuth
// flow, and the text printed at the end. Kept across starts in <folder>/examples.json.

const fs = require('node:fs');
const path = require('node:path');

const { N8N_VERSION, generatePassword, portInUse } = require('./n8n');
const { ROOT } = require('./community-package');
const { CREDENTIAL_TYPE, SHAREFILE_CREDENTIAL_TYPE, exampleWorkflow, sandboxCredentialData } = require('./workflows');
const {
	connectShareFile,
	createShareFileCredential,
	sandboxShareFileCredentialData,
	shareFileDocumentationUrl,
	testShareFileCredential,
} = require('./sharefile-connect');

// One instance for all four: each Cloud Elements webhook trigger has its own subscription to its
// events, and the ShareFile Trigger its own WebhookSubscription on the instance's ShareFile account.
const EXAMPLE_INSTANCES = {
	changes: { tag: 'n8n-example', name: 'ShareFile (sandbox example)' },
};
const EXAMPLES = [
	{ key: 'polling', file: 'sharefile-polling-trigger.json', instance: 'changes' },
	{ key: 'webhook', file: 'sharefile-webhook-trigger.json', instance: 'changes' },
	{ key: 'documents', file: 'sharefile-new-document-to-processed.json', instance: 'changes' },
	// On ShareFile's own API: its ShareFile Trigger and ShareFile nodes use the ShareFile credential.
	{ key: 'native', file: 'sharefile-native-new-file-to-processed.json', instance: 'changes', shareFile: true },
];
const CREDENTIAL_NAME = 'Cloud Elements sandbox';
const SHAREFILE_CREDENTIAL_NAME = 'ShareFile (sandbox)';

const log = (message) => process.stderr.write(`start: ${message}\n`);
const readJson = (file, fallback) => {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return fallback;
	}
};
const writePrivate = (file, data) => fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });

/** Ports and folders from the environment; `defaultFolder` differs between the two starts. */
function settings(defaultFolder = '.n8n-local') {
	const n8nPort = Number(process.env.N8N_PORT || 5678);
	return {
		sandboxPort: Number(process.env.SANDBOX_PORT || 8787),
		sandboxData: path.resolve(ROOT, process.env.SANDBOX_DATA || '.sandbox-data/state.json'),
		n8nPort,
		brokerPort: Number(process.env.N8N_RUNNERS_BROKER_PORT || n8nPort + 1),
		folder: path.resolve(ROOT, process.env.CE_N8N_FOLDER || defaultFolder),
	};
}

/** Throws naming the variable to change when a port is taken or two of them are the same. */
async function checkPorts(named) {
	const seen = new Map();
	for (const [what, port] of named) {
		if (seen.has(port)) throw new Error(`${what} and ${seen.get(port)} are both port ${port}: choose different ports`);
		seen.set(port, what);
		if (await portInUse(port)) throw new Error(`port ${port} for ${what} is already in use: stop what uses it or choose another port`);
	}
}

/** The owner's login: from the environment, else generated on the first start and kept. */
function owner(folder) {
	const file = path.join(folder, 'owner.json');
	const stored = readJson(file, undefined);
	const email = process.env.CE_N8N_OWNER_EMAIL || stored?.email || 'owner@example.com';
	const password = process.env.CE_N8N_OWNER_PASSWORD || stored?.password || generatePassword();
	if (!stored || stored.email !== email || stored.password !== password) writePrivate(file, { email, password });
	return { email, password, firstName: 'Sandbox', lastName: 'Owner' };
}

async function sandboxCall(sandbox, method, route, body) {
	const response = await fetch(`${sandbox.baseUrl}${route}`, {
		method,
		headers: {
			Authorization: 'User sandbox-user-secret, Organization sandbox-organization-secret',
			'Content-Type': 'application/json',
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`sandbox ${method} ${route} → ${response.status}: ${text}`);
	return text ? JSON.parse(text) : undefined;
}

/** A sandbox instance the examples watch, found by its tag, made if missing. */
async function exampleInstance(sandbox, { tag, name }) {
	const [existing] = await sandboxCall(sandbox, 'GET', `/instances?tags[]=${tag}`);
	if (existing) return existing;
	return await sandboxCall(sandbox, 'POST', '/instances', {
		element: { key: 'sharefile' },
		providerData: { code: 'sandbox-demo-code' },
		name,
		tags: [tag],
		configuration: {
			'oauth.api.key': 'sandbox-sharefile-client',
			'oauth.api.secret': 'sandbox-sharefile-client-secret',
			'oauth.callback.url': 'http://127.0.0.1/oauth/callback',
			'sharefile.subdomain': 'sandbox',
		},
	});
}

/** The credential for the sandbox: kept if it still exists (its base URL brought up to date). */
async function ensureCredential(n8n, state, baseUrl) {
	const data = sandboxCredentialData(baseUrl);
	if (state.credentialId) {
		const found = await n8n.api('GET', `/credentials/${state.credentialId}`, undefined, { raw: true });
		if (found.status === 200) {
			if (state.credentialBaseUrl !== baseUrl) {
				await n8n.api('PATCH', `/credentials/${state.credentialId}`, { data });
				state.credentialBaseUrl = baseUrl;
			}
			return { id: state.credentialId, name: found.body.name };
		}
	}
	const created = await n8n.api('POST', '/credentials', { name: CREDENTIAL_NAME, type: CREDENTIAL_TYPE, data });
	state.credentialId = created.id;
	state.credentialBaseUrl = baseUrl;
	return { id: created.id, name: created.name };
}

/**
 * The ShareFile OAuth2 credential, connected through n8n's OAuth flow to the sandbox's ShareFile
 * account of the examples' instance (so it reaches the files the examples watch): kept while n8n's
 * credential test passes with it; connected again when it does not (the sandbox's state was reset,
 * or it moved to another port); made when missing.
 */
async function ensureShareFileCredential(n8n, state, sandbox, instance) {
	const subdomain = instance.configuration?.['sharefile.subdomain'] || 'sandbox';
	const data = sandboxShareFileCredentialData(sandbox.origin, { subdomain });
	let credential;
	if (state.shareFileCredentialId) {
		const found = await n8n.api('GET', `/credentials/${state.shareFileCredentialId}`, undefined, { raw: true });
		if (found.status === 200) credential = { id: state.shareFileCredentialId, name: found.body.name };
		if (credential && state.shareFileOrigin !== sandbox.origin) await n8n.api('PATCH', `/credentials/${credential.id}`, { data });
	}
	if (!credential) credential = await createShareFileCredential(n8n, { name: SHAREFILE_CREDENTIAL_NAME, data });
	state.shareFileCredentialId = credential.id;
	state.shareFileOrigin = sandbox.origin;
	let connectedNow = false;
	if ((await testShareFileCredential(n8n, credential.id)).status !== 'OK') {
		log(`connecting the ShareFile credential "${credential.name}" to the sandbox account ${subdomain} (Connect my account, Consent)`);
		await connectShareFile(n8n, credential.id, { account: String(instance.id) });
		const tested = await testShareFileCredential(n8n, credential.id);
		if (tested.status !== 'OK') throw new Error(`the ShareFile credential was connected but n8n's test of it failed: ${tested.message}`);
		connectedNow = true;
	}
	return { id: credential.id, name: credential.name, subdomain, connectedNow, documentationUrl: shareFileDocumentationUrl() };
}

/**
 * What an example watches: the Cloud Elements instance its trigger names, or, on ShareFile's own
 * API, the ShareFile credential its trigger uses (connected to that instance's account).
 */
function watchedBy(workflow, shareFile) {
	if (shareFile) return workflow?.nodes?.find((node) => node.credentials?.[SHAREFILE_CREDENTIAL_TYPE])?.credentials[SHAREFILE_CREDENTIAL_TYPE].id;
	return workflow?.nodes?.find((node) => node.parameters?.instance)?.parameters.instance.value;
}

/**
 * The examples, created and activated the first time; kept (as the user may have changed them)
 * while they exist and still watch their current example instance (or use the current ShareFile
 * credential).
 */
async function ensureExamples(n8n, state, credential, instances, shareFileCredential) {
	state.workflows = state.workflows || {};
	const result = {};
	for (const { key, file, instance, shareFile } of EXAMPLES) {
		const instanceId = instances[instance].id;
		const id = state.workflows[key];
		if (id) {
			const found = await n8n.api('GET', `/workflows/${id}`, undefined, { raw: true });
			const wanted = shareFile ? shareFileCredential.id : instanceId;
			if (found.status === 200 && !found.body.isArchived && String(watchedBy(found.body, shareFile)) === String(wanted)) {
				result[key] = found.body;
				continue;
			}
			if (found.status === 200) {
				// It watches an instance the sandbox no longer has (its state was reset): replace it.
				if (found.body.active) await n8n.deactivate(id).catch((error) => log(`deactivating the old example: ${error.message}`));
				await n8n.api('DELETE', `/workflows/${id}`, undefined, { raw: true });
			}
		}
		const example = exampleWorkflow(file, credential, instanceId, shareFileCredential);
		const created = await n8n.api('POST', '/workflows', { ...example, name: `${example.name} — sandbox` });
		state.workflows[key] = created.id;
		await n8n.activate(created.id);
		result[key] = await n8n.api('GET', `/workflows/${created.id}`);
	}
	return result;
}


/**
 * Everything after n8n answers: an API key (kept in <folder>/api-key.json), the instances, the
 * credential and the examples. `n8n` is the process serving the editor and the API (main).
 */
async function setUpExamples(n8n, sandbox, folder) {
	const statePath = path.join(folder, 'examples.json');
	const state = readJson(statePath, {});
	if (!(await n8n.apiKeyWorks())) {
		await n8n.createApiKey('npm start');
		writePrivate(path.join(folder, 'api-key.json'), { apiKey: n8n.apiKey });
	}
	const instances = {};
	for (const [key, example] of Object.entries(EXAMPLE_INSTANCES)) instances[key] = await exampleInstance(sandbox, example);
	const credential = await ensureCredential(n8n, state, sandbox.baseUrl);
	// The ShareFile credential first: the ShareFile Trigger's example subscribes with it on activation.
	const shareFile = await ensureShareFileCredential(n8n, state, sandbox, instances.changes);
	const workflows = await ensureExamples(n8n, state, credential, instances, shareFile);
	writePrivate(statePath, state);
	return { instances, credential, workflows, shareFile };
}

/** The API key kept by a previous start, if any. */
const storedApiKey = (folder) => readJson(path.join(folder, 'api-key.json'), {}).apiKey;

/**
 * What is printed once everything runs. `processes` are extra lines naming what runs where
 * (queue mode); `delivery` says who receives the sandbox's deliveries; `headline` lines follow the
 * first (`npm run dev`: where the package comes from).
 */
function welcomeText({ n8n, sandbox, folder, sandboxData, setup, processes = [], delivery = 'n8n', headline = [] }) {
	const { instances, credential, workflows, shareFile } = setup;
	const instance = instances.changes;
	const file = `/top/hello-$(date +%s).txt`;
	const curl = `curl -s -X POST ${sandbox.origin}/_sandbox/instances/${instance.id}/documents -H 'Content-Type: application/json' -d "{\\"op\\":\\"upload\\",\\"path\\":\\"${file}\\",\\"content\\":\\"hello\\"}"`;
	return [
		'',
		`n8n ${N8N_VERSION} is running with n8n-nodes-cloud-elements-sharefile installed, beside the Cloud Elements sandbox.`,
		...headline,
		'',
		`  Sandbox page: ${sandbox.origin}/  (the ShareFile account's files: upload, rename, move, delete; what the sandbox sent)`,
		`  Editor:      ${n8n.url}/`,
		...processes.map((line) => `  ${line}`),
		`  Log in as:   ${n8n.owner.email}  /  ${n8n.owner.password}`,
		`  Sandbox:     ${sandbox.baseUrl}  (User sandbox-user-secret, Organization sandbox-organization-secret)`,
		`  Credential:  "${credential.name}" (Cloud Elements API, Custom Base URL)`,
		`  Instance:    ${instance.id} "${instance.name}" in the sandbox`,
		`  ShareFile:   "${shareFile.name}" (ShareFile OAuth2 API), connected through n8n's OAuth flow to the sandbox's`,
		`               ShareFile account ${shareFile.subdomain} (instance ${instance.id}'s files)`,
		`               Your own ShareFile account: docs/credentials.md, "ShareFile OAuth2 API" (${shareFile.documentationUrl})`,
		`  Workflows:   "${workflows.polling.name}" ${n8n.url}/workflow/${workflows.polling.id}`,
		`               "${workflows.webhook.name}" ${n8n.url}/workflow/${workflows.webhook.id}`,
		`               "${workflows.documents.name}" ${n8n.url}/workflow/${workflows.documents.id}`,
		`               "${workflows.native.name}" ${n8n.url}/workflow/${workflows.native.id}`,
		`               (the last two: each new file is downloaded and moved to /top/Processed; the last`,
		`               on ShareFile's own API: the ShareFile Trigger and the ShareFile node, with "${shareFile.name}")`,
		'',
		'Make a change in the sandbox ShareFile account: upload a file on the sandbox page, or',
		'',
		`  ${curl}`,
		'',
		`The webhook workflows run within a second (the sandbox, as Cloud Elements and as ShareFile, delivers`,
		`signed events to ${delivery}); the polling workflow at the next whole minute (Poll Times: every minute).`,
		'See Executions in the editor.',
		`State: n8n in ${path.relative(ROOT, folder)}/, the sandbox in ${path.relative(ROOT, sandboxData)}. Stop with Ctrl-C.`,
		'',
	].join('\n');
}

module.exports = { checkPorts, owner, setUpExamples, settings, storedApiKey, welcomeText };
