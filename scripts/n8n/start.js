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

const { checkLoadedNodes, installIntoUserFolder, packRepository } = require('./lib/community-package');
const { runLocal, shown } = require('./lib/local-start');

runLocal({
	name: 'start',
	defaultFolder: '.n8n-local',
	async preparePackage(config, log) {
		log(`installing the package into n8n's user folder ${shown(config.folder)}/.n8n/nodes from npm pack`);
		const tarball = packRepository(path.join(config.folder, 'pack'));
		const installedDir = installIntoUserFolder(tarball, config.folder);
		return { beforeStart: async (n8n) => checkLoadedNodes(await n8n.exportNodes(), installedDir) };
	},
});
