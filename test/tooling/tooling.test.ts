/**
 * The project's tooling: eslint.config.mjs wiring, the package.json rules in scripts/scan.js,
 * and the static-file globs of gulpfile.js.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { mergeResults, readResults, type ResultEntry } from '../../bench/results';

const ROOT = path.resolve(__dirname, '../..');

// eslint.config.mjs is ESM and ESLint loads it with import(), which jest's module system does
// not offer: ask the real CLI in a child process.
function printConfig(file: string): { rules: Record<string, unknown[]> } {
	const out = execFileSync(
		process.execPath,
		[path.join(ROOT, 'node_modules/eslint/bin/eslint.js'), '--print-config', file],
		{ cwd: ROOT, encoding: 'utf8' },
	);
	return JSON.parse(out);
}

const severity = (entry: unknown[] | undefined) => (entry ? entry[0] : undefined);

const plugin = require('eslint-plugin-n8n-nodes-base') as {
	configs: Record<'community' | 'credentials' | 'nodes', { rules: Record<string, string> }>;
};

const configText = fs.readFileSync(path.join(ROOT, 'eslint.config.mjs'), 'utf8');
const switchedOff = [...configText.matchAll(/'(n8n-nodes-base\/[\w-]+)':\s*'off'/g)].map((m) => m[1]);

describe('eslint.config.mjs', () => {
	it.each([
		['package.json', 'community', ['credentials', 'nodes']],
		['credentials/X.credentials.ts', 'credentials', ['community', 'nodes']],
		['nodes/X/X.node.ts', 'nodes', ['community', 'credentials']],
		['nodes/engine/x.ts', 'nodes', ['community', 'credentials']],
	] as const)('%s gets the %s rules and only those', (file, set, others) => {
		const { rules } = printConfig(file);
		for (const rule of Object.keys(plugin.configs[set].rules)) {
			const expected = switchedOff.includes(rule) ? 0 : 2;
			expect([rule, severity(rules[rule])]).toEqual([rule, expected]);
		}
		for (const other of others) {
			for (const rule of Object.keys(plugin.configs[other].rules)) {
				expect([rule, rules[rule]]).toEqual([rule, undefined]);
			}
		}
	});

	it('explains every rule it switches off in a comment right above it', () => {
		const lines = configText.split('\n');
		for (const rule of switchedOff) {
			let i = lines.findIndex((line) => line.includes(`'${rule}': 'off'`));
			while (i > 0 && /'n8n-nodes-base\/[\w-]+':\s*'off'/.test(lines[i - 1])) i--;
			expect([rule, lines[i - 1].trim().startsWith('//')]).toEqual([rule, true]);
		}
	});

	it('leaves sandbox/, test/ and dist/ out', () => {
		for (const file of ['sandbox/cli.js', 'test/x.test.ts', 'dist/nodes/X/X.node.js']) {
			const out = execFileSync(
				process.execPath,
				[path.join(ROOT, 'node_modules/eslint/bin/eslint.js'), '--print-config', file],
				{ cwd: ROOT, encoding: 'utf8' },
			);
			expect(out.trim()).toBe('undefined');
		}
	});
});

describe('scripts/scan.js package.json rules', () => {
	const scan = require(path.join(ROOT, 'scripts/scan.js'));
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const check = (p: Record<string, unknown>) => {
		const report = scan.createReport();
		scan.checkPackageJson(p, report);
		return report.violations as string[];
	};

	it('accepts the real package.json', () => {
		expect(check(pkg)).toEqual([]);
	});

	it.each<[string, (p: Record<string, any>) => void, RegExp]>([
		['a runtime dependency', (p) => (p.dependencies = { axios: '1.0.0' }), /"dependencies" must be empty/],
		['a ranged n8n-workflow peer', (p) => (p.peerDependencies = { 'n8n-workflow': '^2' }), /peerDependencies/],
		['an extra peer', (p) => (p.peerDependencies = { 'n8n-workflow': '*', luxon: '*' }), /peerDependencies/],
		['a postinstall script', (p) => (p.scripts = { ...p.scripts, postinstall: 'x' }), /"postinstall"/],
		['a prepare script', (p) => (p.scripts = { ...p.scripts, prepare: 'x' }), /"prepare"/],
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
