// ESLint 9 flat config for the shipped sources (nodes/, credentials/) and package.json.
//
// eslint-plugin-n8n-nodes-base 2.0.0 only exports legacy (eslintrc) configs: objects with
// `env`, `parserOptions`, `plugins: ['n8n-nodes-base']` (a string list) and `rules`. Flat config
// cannot take those as they are, so the plugin object is registered under the same
// `n8n-nodes-base` prefix and each legacy config contributes only its `rules` map, scoped with
// `files` to what it is written for:
//   community   -> package.json
//   credentials -> credentials/**/*.ts
//   nodes       -> nodes/**/*.ts
// The TypeScript parser reads both the .ts sources and package.json (typescript-estree parses a
// `.json` file as one object-literal expression, which is the AST the community rules walk).
//
// Not linted here: sandbox/ (plain JS, never shipped), test/, scripts/ and dist/.
// `npm run scan` additionally runs n8n's own scanner (@n8n/scan-community-package) over the
// sources and the packed tarball; that scanner ignores eslint-disable comments, so prefer
// fixing code over inline disables.
import tsParser from '@typescript-eslint/parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

const { community, credentials, nodes } = n8nNodesBase.configs;

const tsLanguageOptions = {
	parser: tsParser,
	ecmaVersion: 'latest',
	sourceType: 'module',
};

export default [
	{
		ignores: [
			'dist/**',
			'node_modules/**',
			'sandbox/**',
			'test/**',
			'scripts/**',
			'coverage/**',
			'.sandbox-data/**',
			'bench/**',
		],
	},
	{
		// Only the files matched below are linted; this just makes a stray report visible.
		linterOptions: { reportUnusedDisableDirectives: 'error' },
	},
	{
		files: ['package.json'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		languageOptions: tsLanguageOptions,
		rules: { ...community.rules },
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		languageOptions: tsLanguageOptions,
		rules: {
			...credentials.rules,
			// Off: this rule wants `documentationUrl` to be a camelCase slug, which n8n resolves
			// against its own docs site. The rule's own description says it is "only applicable to
			// nodes in the main repository"; a community credential must give a full https URL
			// (n8n's scanner, @n8n/scan-community-package, switches it off for the same reason).
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		languageOptions: tsLanguageOptions,
		rules: {
			...nodes.rules,
			// Off: these two want `inputs`/`outputs` written as the string literal `['main']`. n8n's
			// own scanner (@n8n/scan-community-package, rule
			// @n8n/community-nodes/node-connection-type-literal, severity error) demands the
			// opposite, `[NodeConnectionTypes.Main]` from n8n-workflow, and switches these two off
			// itself. Both cannot pass; the scanner is the one that gates verification.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
];
