/** Tests run on Node 24 (scripts/test.sh) against n8n-core's real execution contexts. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Type checking is done once by `tsc -p tsconfig.test.json`; tsconfig.test.json's
    // isolatedModules makes ts-jest transpile file by file, which keeps jest fast.
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
  },
  setupFiles: ['<rootDir>/test/setup-env.js'],
  testTimeout: 30000,
};
