/**
 * The project's tooling: the lint wiring (n8n-node's strict default eslint.config.mjs at the root,
 * test/eslint.config.mjs for tests and benchmarks), the package.json rules in scripts/scan.js,
 * and the static-file globs of gulpfile.js.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { mergeResults, readResults, type ResultEntry } from '../../bench/results';

const ROOT = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

// The flag `npm run lint` sets: each file takes the eslint.config.mjs nearest to it.
const LOOKUP_FLAG = 'ESLINT_FLAGS=unstable_config_lookup_from_file';

// eslint.config.mjs is ESM and ESLint loads it with import(), which jest's module system does
// not offer: ask the real CLI in a child process, with the flag the lint script sets.
function printConfig(file: string): { rules: Record<string, unknown[]> } | undefined {
	const [name, value] = LOOKUP_FLAG.split('=');
	const out = execFileSync(
		process.execPath,
		[path.join(ROOT, 'node_modules/eslint/bin/eslint.js'), '--print-config', file],
		{ cwd: ROOT, encoding: 'utf8', env: { ...process.env, [name]: value } },
	);
	return out.trim() === 'undefined' ? undefined : JSON.parse(out);
}

const severity = (entry: unknown[] | undefined) => (entry ? entry[0] : undefined);
const rulesOn = (rules: Record<string, unknown[]>, prefix: string) =>
	Object.keys(rules).filter((rule) => rule.startsWith(prefix) && severity(rules[rule]) !== 0);

// eslint-plugin-n8n-nodes-base ships no .d.ts: require it and state the shape used here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const plugin = require('eslint-plugin-n8n-nodes-base') as {
	configs: Record<'community' | 'credentials' | 'nodes', { rules: Record<string, string> }>;
};

// The n8n-nodes-base rules n8n-node's config switches off (its reasons: the documentation URL
// must be a full https URL in a community package, and n8n's own rules demand
// `[NodeConnectionTypes.Main]` for inputs/outputs). Listed here so that a new n8n-node that
// switches off more of our rules fails this test instead of passing unnoticed.
const N8N_NODE_SWITCHES_OFF = {
	community: [],
	credentials: [
		'n8n-nodes-base/cred-class-field-documentation-url-miscased',
		'n8n-nodes-base/cred-class-field-type-options-password-missing',
	],
	nodes: [
		'n8n-nodes-base/node-class-description-inputs-wrong-regular-node',
		'n8n-nodes-base/node-class-description-outputs-wrong',
		'n8n-nodes-base/node-param-type-options-max-value-present',
	],
} as const;

describe('lint wiring', () => {
	it('is n8n-node lint in strict mode with the default eslint.config.mjs, as n8n-node checks it', () => {
		expect(pkg.n8n.strict).toBe(true);
		expect(pkg.scripts.lint).toBe(`${LOOKUP_FLAG} n8n-node lint`);
		const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();
		const template = path.join(
			ROOT,
			'node_modules/@n8n/node-cli/dist/template/templates/shared/default/eslint.config.mjs',
		);
		expect(normalize(fs.readFileSync(path.join(ROOT, 'eslint.config.mjs'), 'utf8'))).toBe(
			normalize(fs.readFileSync(template, 'utf8')),
		);
	});

	it.each([
		['package.json', 'community', ['credentials', 'nodes']],
		['credentials/X.credentials.ts', 'credentials', ['community', 'nodes']],
		['nodes/X/X.node.ts', 'nodes', ['community', 'credentials']],
		['nodes/engine/x.ts', 'nodes', ['community', 'credentials']],
	] as const)('%s gets our n8n-nodes-base %s rules and only those', (file, set, others) => {
		const { rules } = printConfig(file)!;
		const off: readonly string[] = N8N_NODE_SWITCHES_OFF[set];
		for (const rule of Object.keys(plugin.configs[set].rules)) {
			expect([rule, severity(rules[rule])]).toEqual([rule, off.includes(rule) ? 0 : 2]);
		}
		for (const other of others) {
			for (const rule of Object.keys(plugin.configs[other].rules)) {
				expect([rule, rules[rule]]).toEqual([rule, undefined]);
			}
		}
	});

	it.each(['package.json', 'credentials/X.credentials.ts', 'nodes/X/X.node.ts'])(
		"%s gets n8n Cloud's rules (@n8n/community-nodes) as errors",
		(file) => {
			const { rules } = printConfig(file)!;
			for (const rule of [
				'@n8n/community-nodes/no-restricted-globals',
				'@n8n/community-nodes/no-restricted-imports',
				'@n8n/community-nodes/credential-test-required',
				'@n8n/community-nodes/node-usable-as-tool',
			]) {
				expect([rule, severity(rules[rule])]).toEqual([rule, 2]);
			}
		},
	);

	it.each(['test/x.test.ts', 'bench/x.bench.ts'])(
		"%s gets typescript-eslint's recommended rules and none of n8n's node rules",
		(file) => {
			const { rules } = printConfig(file)!;
			expect(severity(rules['@typescript-eslint/no-explicit-any'])).toBe(2);
			expect(rulesOn(rules, '@n8n/community-nodes/')).toEqual([]);
			expect(rulesOn(rules, 'n8n-nodes-base/')).toEqual([]);
		},
	);

	it('runs no rules on sandbox/ (plain JS, never shipped) and leaves dist/ out', () => {
		expect(Object.keys(printConfig('sandbox/cli.js')!.rules)).toEqual([]);
		expect(printConfig('dist/nodes/X/X.node.js')).toBeUndefined();
	});
});

describe('scripts/scan.js package.json rules', () => {
	// scripts/scan.js is plain CommonJS with no .d.ts.
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const scan = require(path.join(ROOT, 'scripts/scan.js'));
	const check = (p: Record<string, unknown>) => {
		const report = scan.createReport();
		scan.checkPackageJson(p, report);
		return report.violations as string[];
	};

	it('accepts the real package.json', () => {
		expect(check(pkg)).toEqual([]);
	});

	it.each<[string, (p: Record<string, unknown>) => void, RegExp]>([
		['a runtime dependency', (p) => (p.dependencies = { axios: '1.0.0' }), /"dependencies" must be empty/],
		['a ranged n8n-workflow peer', (p) => (p.peerDependencies = { 'n8n-workflow': '^2' }), /peerDependencies/],
		['an extra peer', (p) => (p.peerDependencies = { 'n8n-workflow': '*', luxon: '*' }), /peerDependencies/],
		['a postinstall script', (p) => (p.scripts = { ...(p.scripts as object), postinstall: 'x' }), /"postinstall"/],
		['a prepare script', (p) => (p.scripts = { ...(p.scripts as object), prepare: 'x' }), /"prepare"/],
		['overrides', (p) => (p.overrides = {}), /"overrides"/],
		['no files array', (p) => delete p.files, /"files"/],
		['no homepage', (p) => delete p.homepage, /homepage/],
		['no author email', (p) => (p.author = { name: 'A' }), /author email/],
		['no author', (p) => delete p.author, /author name/],
		['no community keyword', (p) => (p.keywords = ['n8n']), /n8n-community-node-package/],
		['a wrong name', (p) => (p.name = 'sharefile-nodes'), /"name"/],
	])('rejects %s', (_label, mutate, expected) => {
		const copy = JSON.parse(JSON.stringify(pkg));
		mutate(copy);
		expect(check(copy).join('\n')).toMatch(expected);
	});

	it('reads a string author as npm does', () => {
		expect(scan.parseAuthor('Jane Doe <jane@example.com> (https://x.dev)')).toEqual({
			name: 'Jane Doe',
			email: 'jane@example.com',
		});
		expect(check({ ...pkg, author: 'Jane Doe <jane@example.com>' })).toEqual([]);
	});
});

describe('bench/results.ts merge', () => {
	const entry = (name: string, value: number, measuredAt: string): ResultEntry => ({
		name,
		value,
		unit: 'count',
		goal: 0,
		better: 'lower',
		detail: `${name} counted`,
		measuredAt,
	});

	it('replaces changed figures by name, keeps the others, and leaves the file untouched when nothing changed', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ce-results-'));
		const file = path.join(dir, 'results.json');
		mergeResults([entry('a', 0, 'monday'), entry('b', 0, 'monday')], file);

		const before = fs.readFileSync(file, 'utf8');
		const beforeMtime = fs.statSync(file).mtimeMs;
		mergeResults([entry('a', 0, 'tuesday')], file);
		expect(fs.readFileSync(file, 'utf8')).toBe(before);
		expect(fs.statSync(file).mtimeMs).toBe(beforeMtime);

		mergeResults([entry('b', 3, 'tuesday'), entry('c', 1, 'tuesday')], file);
		expect(readResults(file).map((e) => [e.name, e.value, e.measuredAt])).toEqual([
			['a', 0, 'monday'],
			['b', 3, 'tuesday'],
			['c', 1, 'tuesday'],
		]);
		fs.rmSync(dir, { recursive: true, force: true });
	});
});
