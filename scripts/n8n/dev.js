'use strict';
// `npm run dev [-- --source DIR]`: `npm start` for someone changing the nodes. The same sandbox,
// n8n 2.41.1 (from the cache), owner, credentials and example workflows, but the package comes
// from the sources (this repository, or DIR: a copy of it), compiled by `tsc --watch` into n8n's
// community-package folder (scripts/n8n/lib/dev-package.js); n8n runs with N8N_DEV_RELOAD=true,
// so each rebuild reloads the package in the running n8n: a changed node description shows in
// the editor, /types/nodes.json and the API without a restart. Ctrl-C stops everything.
//
// Why not `n8n-node dev` (@n8n/node-cli): it starts `npx n8n@latest` (not our pinned n8n, and
// the latest does not install from the registry here) and links the package as custom nodes
// (types `CUSTOM.<node>`); see scripts/n8n/lib/dev-package.js for the folder it uses instead.
//
// Environment: as `npm start` (scripts/n8n/start.js), with CE_N8N_FOLDER defaulting to .n8n-dev.

const path = require('node:path');

const { ROOT, checkLoadedNodes } = require('./lib/community-package');
const { compileOnce, prepareDevPackage, watchSources } = require('./lib/dev-package');
const { runLocal } = require('./lib/local-start');

/** `--source DIR` or `--source=DIR`; the repository itself by default. */
function sourceFolder(args) {
	if (args.length === 0) return ROOT;
	if (args.length === 2 && args[0] === '--source') return path.resolve(args[1]);
	if (args.length === 1 && args[0].startsWith('--source=')) return path.resolve(args[0].slice('--source='.length));
	throw new Error(`unexpected arguments ${args.join(' ')} (usage: npm run dev [-- --source DIR])`);
}

runLocal({
	name: 'dev',
	defaultFolder: '.n8n-dev',
	async preparePackage(config, log) {
		const source = sourceFolder(process.argv.slice(2));
		const dev = prepareDevPackage({ source, userFolder: config.folder });
		log(`compiling ${source} into ${dev.packageDir}`);
		const first = compileOnce(dev);
		if (!first.ok) log(`the sources do not compile cleanly (n8n gets what tsc emitted):\n${first.output}`);
		return {
			env: { N8N_DEV_RELOAD: 'true' },
			watch: (watchLog) => watchSources(dev, watchLog),
			// What the editor gets: every node of the package, from the compiled sources.
			afterStart: async (n8n) => checkLoadedNodes(await n8n.typeFile('nodes'), dev.packageDir),
			headline: [
				`Development: the package is compiled from ${source} by tsc --watch into`,
				`  ${dev.packageDir};`,
				'  n8n reloads it after each rebuild (N8N_DEV_RELOAD): reload the editor page to see a change.',
			],
		};
	},
});
