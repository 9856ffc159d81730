'use strict';
// Once per run: `npm pack` the built package (or take the tarball scripts/n8n/e2e.sh made),
// install it into a template `.n8n/nodes` as n8n's "Install community node" does, and make sure
// n8n loads every node of it (`n8n export:nodes`). Each suite copies the template into its own
// fresh user folder. A package n8n cannot load stops the run here, with the reason.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { N8n, freePort } = require('../../scripts/n8n/lib/n8n');
const { checkLoadedNodes, installIntoUserFolder, packRepository } = require('../../scripts/n8n/lib/community-package');

module.exports = async function globalSetup() {
	let dir = process.env.CE_E2E_RUN_DIR;
	if (!dir) {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ce-sharefile-e2e-'));
		process.env.CE_E2E_RUN_DIR = dir;
	}
	fs.mkdirSync(dir, { recursive: true });
	const tarball = process.env.CE_E2E_TARBALL || packRepository(path.join(dir, 'pack'));
	const templateFolder = path.join(dir, 'template');
	const installedDir = installIntoUserFolder(tarball, templateFolder);

	const port = await freePort();
	const n8n = new N8n({
		userFolder: templateFolder,
		port,
		brokerPort: await freePort([port]),
		owner: { email: 'template@example.com', password: 'Template-0wner' },
	});
	const exported = await n8n.exportNodes();
	const loaded = checkLoadedNodes(exported, installedDir);
	// export:nodes made a database in the template: suites start from nodes alone.
	fs.writeFileSync(
		path.join(dir, 'setup.json'),
		JSON.stringify(
			{
				tarball,
				nodesTemplate: path.join(templateFolder, '.n8n', 'nodes'),
				installedDir,
				loadedTypes: Object.keys(loaded),
				exported: exported.filter((description) => description.name.startsWith('n8n-nodes-cloud-elements-sharefile.')),
			},
			null,
			2,
		),
	);
};
