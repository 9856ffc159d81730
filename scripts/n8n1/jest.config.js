/**
 * The unit suite on n8n 1.x: the project's jest config, with n8n-core, n8n-workflow and n8n's
 * @n8n/* libraries taken from the cached install of n8n 1.123.81's versions (scripts/n8n1/
 * install.sh) instead of the project's node_modules (n8n 2.x). Everything they require in turn
 * resolves next to them, in that install. Run by `npm run test:n8n1` (scripts/n8n1/test.sh).
 */
const path = require('path');
const base = require('../../jest.config');

const modules = process.env.N8N1_MODULES;
if (!modules) throw new Error('N8N1_MODULES is not set: run `npm run test:n8n1`');

module.exports = {
	...base,
	rootDir: path.resolve(__dirname, '../..'),
	moduleNameMapper: {
		...base.moduleNameMapper,
		'^(n8n-core|n8n-workflow|@n8n/[^/]+)(/.*)?$': `${modules}/$1$2`,
	},
	setupFilesAfterEnv: [...(base.setupFilesAfterEnv ?? []), '<rootDir>/scripts/n8n1/shutdown.js'],
};
