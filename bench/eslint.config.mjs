// The benchmarks are linted like the tests: see test/eslint.config.mjs for why. bench/tmp/ holds
// what `npm run bench` compiles (git ignores it), not sources.
import tests from '../test/eslint.config.mjs';

export default [{ ignores: ['tmp/'] }, ...tests];
