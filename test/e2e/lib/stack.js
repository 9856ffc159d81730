'use strict';
// One test suite's world: a sandbox, a fresh n8n user folder with our package installed (copied
// from the run's template, installed from `npm pack` output by global-setup.js), n8n started on
// free ports with an owner from the environment, an API key, and a credential for the sandbox.

const fs = require('node:fs');
const path = require('node:path');

const { N8n, freePort, generatePassword } = require('../../../scripts/n8n/lib/n8n');
const { sandboxCredentialData } = require('../../../scripts/n8n/lib/workflows');
const { SandboxClient } = require('./sandbox');

function runDir() {
	const dir = process.env.CE_E2E_RUN_DIR;
	if (!dir || !fs.existsSync(path.join(dir, 'setup.json'))) {
		throw new Error('CE_E2E_RUN_DIR is not set up: run the end-to-end tests with `npm run test:e2e`');
	}
	return dir;
}

function setup() {
	return JSON.parse(fs.readFileSync(path.join(runDir(), 'setup.json'), 'utf8'));
}

/** A fresh user folder under the run directory with the template's .n8n/nodes in it. */
function freshUserFolder(name) {
	const folder = fs.mkdtempSync(path.join(runDir(), `${name}-`));
	fs.cpSync(setup().nodesTemplate, path.join(folder, '.n8n', 'nodes'), { recursive: true, verbatimSymlinks: true });
	return folder;
}

/**
 * `credential: false` leaves the credential to the test (the editor suite makes it in its form);
 * `env` is extra environment for n8n (e.g. its binary data mode); `sandbox` options for the
 * sandbox (e.g. its time scale).
 */
async function startStack(name, { start = true, credential = true, env = {}, sandbox: sandboxOptions = {} } = {}) {
	const sandbox = await SandboxClient.start(sandboxOptions);
	const port = await freePort();
	const brokerPort = await freePort([port]);
	const n8n = new N8n({
		userFolder: freshUserFolder(name),
		port,
		brokerPort,
		owner: { email: `${name}-owner@example.com`, password: generatePassword() },
		env,
	});
	const stack = { name, sandbox, n8n, credential: undefined };
	stack.close = async () => {
		await n8n.stop();
		await sandbox.close();
	};
	if (!start) return stack;
	try {
		await n8n.start();
		await n8n.createApiKey();
		if (credential) stack.credential = await n8n.api('POST', '/credentials', {
			name: 'Cloud Elements sandbox',
			type: 'cloudElementsApi',
			data: sandboxCredentialData(sandbox.baseUrl),
		});
	} catch (error) {
		await stack.close();
		throw error;
	}
	return stack;
}

module.exports = { freshUserFolder, runDir, setup, startStack };
