'use strict';
// `npm start` after scripts/start.sh has installed and built everything: the Cloud Elements
// sandbox and a real n8n side by side on 127.0.0.1, our packed package installed into n8n, an
// owner, a credential for the sandbox and the two example workflows (examples/) active. Stays in
// the foreground; Ctrl-C stops both.
//
// Environment: SANDBOX_PORT (8787), SANDBOX_DATA (.sandbox-data/state.json), N8N_PORT (5678),
// N8N_RUNNERS_BROKER_PORT (N8N_PORT + 1), CE_N8N_FOLDER (.n8n-local), CE_N8N_OWNER_EMAIL and
// CE_N8N_OWNER_PASSWORD (else generated once and kept in <folder>/owner.json).

const fs = require('node:fs');
const path = require('node:path');

const { N8n, N8N_VERSION, generatePassword, portInUse } = require('./lib/n8n');
const { ROOT, checkLoadedNodes, installIntoUserFolder, packRepository } = require('./lib/community-package');
const { CREDENTIAL_TYPE, exampleWorkflow, sandboxCredentialData } = require('./lib/workflows');
const { startSandbox } = require('../../sandbox');

// An instance has one event callback: the documents example's webhook trigger watches an
// instance of its own, so that it and the webhook example both hear every change.
const EXAMPLE_INSTANCES = {
	changes: { tag: 'n8n-example', name: 'ShareFile (sandbox example)' },
	documents: { tag: 'n8n-documents-example', name: 'ShareFile (sandbox documents example)' },
};
const EXAMPLES = [
	{ key: 'polling', file: 'sharefile-polling-trigger.json', instance: 'changes' },
	{ key: 'webhook', file: 'sharefile-webhook-trigger.json', instance: 'changes' },
	{ key: 'documents', file: 'sharefile-new-document-to-processed.json', instance: 'documents' },
];
const CREDENTIAL_NAME = 'Cloud Elements sandbox';

const log = (message) => process.stderr.write(`start: ${message}\n`);
const readJson = (file, fallback) => {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return fallback;
	}
};
const writePrivate = (file, data) => fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });

function settings() {
	const n8nPort = Number(process.env.N8N_PORT || 5678);
	return {
		sandboxPort: Number(process.env.SANDBOX_PORT || 8787),
		sandboxData: path.resolve(ROOT, process.env.SANDBOX_DATA || '.sandbox-data/state.json'),
		n8nPort,
		brokerPort: Number(process.env.N8N_RUNNERS_BROKER_PORT || n8nPort + 1),
		folder: path.resolve(ROOT, process.env.CE_N8N_FOLDER || '.n8n-local'),
	};
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
 * The examples, created and activated the first time; kept (as the user may have changed them)
 * while they exist and still watch their current example instance.
 */
async function ensureExamples(n8n, state, credential, instances) {
	state.workflows = state.workflows || {};
	const result = {};
	for (const { key, file, instance } of EXAMPLES) {
		const instanceId = instances[instance].id;
		const id = state.workflows[key];
		if (id) {
			const found = await n8n.api('GET', `/workflows/${id}`, undefined, { raw: true });
			const watched = found.body?.nodes?.find((node) => node.parameters?.instance)?.parameters.instance.value;
			if (found.status === 200 && !found.body.isArchived && String(watched) === String(instanceId)) {
				result[key] = found.body;
				continue;
			}
			if (found.status === 200) {
				// It watches an instance the sandbox no longer has (its state was reset): replace it.
				if (found.body.active) await n8n.deactivate(id).catch((error) => log(`deactivating the old example: ${error.message}`));
				await n8n.api('DELETE', `/workflows/${id}`, undefined, { raw: true });
			}
		}
		const example = exampleWorkflow(file, credential, instanceId);
		const created = await n8n.api('POST', '/workflows', { ...example, name: `${example.name} — sandbox` });
		state.workflows[key] = created.id;
		await n8n.activate(created.id);
		result[key] = await n8n.api('GET', `/workflows/${created.id}`);
	}
	return result;
}

async function main() {
	const config = settings();
	fs.mkdirSync(config.folder, { recursive: true });
	const statePath = path.join(config.folder, 'examples.json');
	const state = readJson(statePath, {});

	for (const [what, port] of [
		['the sandbox (SANDBOX_PORT)', config.sandboxPort],
		['n8n (N8N_PORT)', config.n8nPort],
		["n8n's task-runner broker (N8N_RUNNERS_BROKER_PORT)", config.brokerPort],
	]) {
		if (await portInUse(port)) throw new Error(`port ${port} for ${what} is already in use: stop what uses it or choose another port`);
	}
	if (config.brokerPort === config.n8nPort) throw new Error('N8N_RUNNERS_BROKER_PORT must differ from N8N_PORT');

	log(`installing the package into n8n's user folder ${path.relative(ROOT, config.folder)}/.n8n/nodes from npm pack`);
	const tarball = packRepository(path.join(config.folder, 'pack'));
	const installedDir = installIntoUserFolder(tarball, config.folder);
	const n8n = new N8n({
		userFolder: config.folder,
		port: config.n8nPort,
		brokerPort: config.brokerPort,
		owner: owner(config.folder),
		apiKey: readJson(path.join(config.folder, 'api-key.json'), {}).apiKey,
	});
	checkLoadedNodes(await n8n.exportNodes(), installedDir);

	const sandbox = await startSandbox({ port: config.sandboxPort, dataFile: config.sandboxData });
	let stopping = false;
	const stop = async (code) => {
		if (stopping) return;
		stopping = true;
		process.stderr.write('\nstart: stopping n8n and the sandbox...\n');
		await n8n.stop().catch(() => {});
		await sandbox.close().catch(() => {});
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));

	try {
		log(`starting n8n ${N8N_VERSION} on http://127.0.0.1:${config.n8nPort} (log: ${path.relative(ROOT, n8n.logFile)})`);
		await n8n.start();
		n8n.exited.then(({ code, signal }) => {
			if (stopping) return;
			log(`n8n exited unexpectedly (${signal || `exit ${code}`}); see ${n8n.logFile}`);
			void stop(1);
		});
		if (!(await n8n.apiKeyWorks())) {
			await n8n.createApiKey('npm start');
			writePrivate(path.join(config.folder, 'api-key.json'), { apiKey: n8n.apiKey });
		}
		const instances = {};
		for (const [key, example] of Object.entries(EXAMPLE_INSTANCES)) instances[key] = await exampleInstance(sandbox, example);
		const instance = instances.changes;
		const credential = await ensureCredential(n8n, state, sandbox.baseUrl);
		const workflows = await ensureExamples(n8n, state, credential, instances);
		writePrivate(statePath, state);

		const file = `/top/hello-$(date +%s).txt`;
		const curl = `curl -s -X POST ${sandbox.origin}/_sandbox/instances/${instance.id}/documents -H 'Content-Type: application/json' -d "{\\"op\\":\\"upload\\",\\"path\\":\\"${file}\\",\\"content\\":\\"hello\\"}"`;
		const lines = [
			'',
			`n8n ${N8N_VERSION} is running with n8n-nodes-cloud-elements-sharefile installed, beside the Cloud Elements sandbox.`,
			'',
			`  Sandbox page: ${sandbox.origin}/  (the ShareFile account's files: upload, rename, move, delete; what the sandbox sent)`,
			`  Editor:      ${n8n.url}/`,
			`  Log in as:   ${n8n.owner.email}  /  ${n8n.owner.password}`,
			`  Sandbox:     ${sandbox.baseUrl}  (User sandbox-user-secret, Organization sandbox-organization-secret)`,
			`  Credential:  "${credential.name}" (Cloud Elements API, Custom Base URL)`,
			`  Instances:   ${instance.id} "${instance.name}", ${instances.documents.id} "${instances.documents.name}" in the sandbox`,
			`  Workflows:   "${workflows.polling.name}" ${n8n.url}/workflow/${workflows.polling.id}`,
			`               "${workflows.webhook.name}" ${n8n.url}/workflow/${workflows.webhook.id}`,
			`               "${workflows.documents.name}" ${n8n.url}/workflow/${workflows.documents.id}`,
			`               (on instance ${instances.documents.id}: each new file is downloaded and moved to /top/Processed)`,
			'',
			'Make a change in the sandbox ShareFile account: upload a file on the sandbox page, or',
			'',
			`  ${curl}`,
			'',
			'The webhook workflow runs within a second (the sandbox delivers a signed event to n8n); the',
			'polling workflow at the next whole minute (Poll Times: every minute). See Executions in the editor.',
			`State: n8n in ${path.relative(ROOT, config.folder)}/, the sandbox in ${path.relative(ROOT, config.sandboxData)}. Stop with Ctrl-C.`,
			'',
		];
		process.stdout.write(lines.join('\n'));
	} catch (error) {
		log(error.message);
		await stop(1);
	}
}

main().catch((error) => {
	log(error.message);
	process.exit(1);
});
