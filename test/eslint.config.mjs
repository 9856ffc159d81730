// ESLint config for the tests (and, through bench/eslint.config.mjs, the benchmarks).
//
// `npm run lint` runs `n8n-node lint` (`eslint .` from the root) with ESLint's
// `unstable_config_lookup_from_file` flag (ESLint 10's default), so a file takes the
// eslint.config.mjs nearest to it: nodes/, credentials/ and package.json get n8n's strict default
// config at the root, unchanged as strict mode demands, and this folder gets this one.
//
// Why not n8n's config here: its @n8n/community-nodes rules describe what a node may do inside
// n8n Cloud (no `process`, no timers, no imports besides n8n-workflow and a few). Tests and
// benchmarks run in Node under jest, never inside n8n, and must use `fs`, `http`, `child_process`
// and timers to drive the sandbox and n8n. They keep the same language rules as the nodes: ESLint's
// and typescript-eslint's recommended sets.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config({
	files: ['**/*.ts'],
	extends: [js.configs.recommended, tseslint.configs.recommended],
});
