/**
 * End-to-end tests against a real n8n 2.41.1 (`npm run test:e2e`, see scripts/n8n/e2e.sh).
 * Plain JavaScript named *.e2e.js so the unit run (`npm test`, jest.config.js at the root, which
 * takes test/**\/*.test.ts) never picks them up.
 */
module.exports = {
	rootDir: __dirname,
	testEnvironment: 'node',
	testMatch: ['<rootDir>/**/*.e2e.js'],
	globalSetup: '<rootDir>/global-setup.js',
	testSequencer: '<rootDir>/sequencer.js',
	testTimeout: 240_000,
	maxWorkers: 1,
	verbose: true,
};
