'use strict';
// `npm start` after scripts/start.sh has installed and built everything: the Cloud Elements
// sandbox and a real n8n side by side on 127.0.0.1, our packed package installed into n8n, an
// owner, a credential for the sandbox and the two example workflows (examples/) active. Stays in
// the foreground; Ctrl-C stops both.
//
// Environment: SANDBOX_PORT (8787), SANDBOX_DATA (.sandbox-data/state.json), N8N_PORT (5678),
// N8N_RUNNERS_BROKER_PORT (N8N_PORT + 1), CE_N8N_FOLDER (.n8n-local), CE_N8N_OWNER_EMAIL and
// CE_N8N_OWNER_PASSWORD (else generated once and kept in <folder>/owner.json).

const path = require('node:path');

const { N8n, N8N_VERSION } = require('./lib/n8n');
const { ROOT, checkLoadedNodes, installIntoUserFolder, packRepository } = require('./lib/community-package');
const { checkPorts, owner, setUpExamples, settings, storedApiKey, welcomeText } = require('./lib/local-examples');
const { foreground } = require('./lib/foreground');
const { startSandbox } = require('../../sandbox');

const log = (message) => process.stderr.write(`start: ${message}\n`);

async function main() {
	const config = settings();
	await checkPorts([
		['the sandbox (SANDBOX_PORT)', config.sandboxPort],
		['n8n (N8N_PORT)', config.n8nPort],
		["n8n's task-runner broker (N8N_RUNNERS_BROKER_PORT)", config.brokerPort],
	]);

	log(`installing the package into n8n's user folder ${path.relative(ROOT, config.folder)}/.n8n/nodes from npm pack`);
	const tarball = packRepository(path.join(config.folder, 'pack'));
	const installedDir = installIntoUserFolder(tarball, config.folder);
	const n8n = new N8n({
		userFolder: config.folder,
		port: config.n8nPort,
		brokerPort: config.brokerPort,
		owner: owner(config.folder),
		apiKey: storedApiKey(config.folder),
	});
	checkLoadedNodes(await n8n.exportNodes(), installedDir);

	const sandbox = await startSandbox({ port: config.sandboxPort, dataFile: config.sandboxData });
	const { stop, watch } = foreground('start', 'n8n and the sandbox', async () => {
		await n8n.stop().catch(() => {});
		await sandbox.close();
	});

	try {
		log(`starting n8n ${N8N_VERSION} on http://127.0.0.1:${config.n8nPort} (log: ${path.relative(ROOT, n8n.logFile)})`);
		await n8n.start();
		watch(n8n);
		const setup = await setUpExamples(n8n, sandbox, config.folder);
		process.stdout.write(welcomeText({ n8n, sandbox, folder: config.folder, sandboxData: config.sandboxData, setup }));
	} catch (error) {
		log(error.message);
		await stop(1);
	}
}

main().catch((error) => {
	log(error.message);
	process.exit(1);
});
