// The benchmarks are linted like the tests: see test/eslint.config.mjs for why.
export { default } from '../test/eslint.config.mjs';
