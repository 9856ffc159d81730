/**
 * The operator's path through n8n's editor in a real Chromium (`npm run test:e2e:editor`, see
 * scripts/n8n/e2e.sh): the same packed package and n8n as test/e2e, files named *.editor.js.
 */
module.exports = {
	rootDir: __dirname,
	testEnvironment: 'node',
	testMatch: ['<rootDir>/**/*.editor.js'],
	globalSetup: '<rootDir>/../global-setup.js',
	testTimeout: 300_000,
	maxWorkers: 1,
	verbose: true,
};
