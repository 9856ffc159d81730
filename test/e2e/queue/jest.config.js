/**
 * n8n 2.41.1 in queue mode (`npm run test:e2e:queue`, see scripts/n8n/e2e.sh): main, a webhook
 * processor and two workers on PostgreSQL and Redis, the same packed package as test/e2e. Files
 * are named *.queue.js so that the api suite (test/e2e/**\/*.e2e.js) never picks them up.
 */
module.exports = {
	rootDir: __dirname,
	testEnvironment: 'node',
	testMatch: ['<rootDir>/**/*.queue.js'],
	globalSetup: '<rootDir>/../global-setup.js',
	testTimeout: 300_000,
	maxWorkers: 1,
	verbose: true,
};
