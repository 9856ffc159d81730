/**
 * ShareFile changes while n8n is really stopped (`npm run test:e2e:outage`, see scripts/n8n/e2e.sh,
 * run by .ci/run): the webhook trigger's recovery in a real n8n 2.41.1. Files are named *.outage.js
 * so that the api suite (test/e2e/**\/*.e2e.js) never picks them up.
 */
module.exports = {
	rootDir: __dirname,
	testEnvironment: 'node',
	testMatch: ['<rootDir>/**/*.outage.js'],
	globalSetup: '<rootDir>/../global-setup.js',
	testTimeout: 300_000,
	maxWorkers: 1,
	verbose: true,
};
