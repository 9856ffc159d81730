/**
 * What the published package is: `npm pack` lists exactly the files scripts/package-files.js says
 * ship (after `npm run build`, which `npm test` runs first), and every link the package gives
 * (package.json's repository, homepage, bugs and author; the credentials' and nodes'
 * documentation links) points at one public GitHub repository, as n8n checks before verifying
 * a community node.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');
// The CommonJS scripts the tooling runs, loaded as they are (they have no type declarations).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const files = require(path.join(ROOT, 'scripts/package-files.js')) as {
	TOP_LEVEL_FILES: string[];
	compareShipped(packed: string[], built: string[]): { unexpected: string[]; missing: string[] };
	filesUnder(root: string, dir: string): string[];
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const scan = require(path.join(ROOT, 'scripts/scan.js'));
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

function packedFiles(): string[] {
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
	const [packed] = JSON.parse(out.slice(out.indexOf('[')));
	return packed.files.map((file: { path: string }) => file.path).sort();
}

describe('npm pack', () => {
	const built = files.filesUnder(ROOT, 'dist');
	let packed: string[];
	beforeAll(() => {
		packed = packedFiles();
	});

	it('lists exactly the files that ship: nothing missing, nothing else', () => {
		expect(built.length).toBeGreaterThan(0);
		expect(files.compareShipped(packed, built)).toEqual({ unexpected: [], missing: [] });
	});

	it('ships the top-level files, every node and credential n8n loads, their icons and codex files, and no sources, declarations or maps', () => {
		for (const file of files.TOP_LEVEL_FILES) expect(packed).toContain(file);
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(packed).toContain(file);
		expect(packed.filter((file) => file.endsWith('.node.json'))).toHaveLength(pkg.n8n.nodes.length);
		expect(packed.some((file) => file.endsWith('.svg'))).toBe(true);
		const outside = packed.filter((file) => !files.TOP_LEVEL_FILES.includes(file) && !/^dist\/(nodes|credentials)\//.test(file));
		expect(outside).toEqual([]);
		expect(packed.filter((file) => /\.(ts|map)$/.test(file))).toEqual([]);
		// The build does make declarations and maps (for the tests and editors): they stay home.
		expect(built.some((file) => file.endsWith('.d.ts'))).toBe(true);
	});

	it('tells a listing with a source, a map or a test in it, or without a built node, from the right one', () => {
		const node = pkg.n8n.nodes[0];
		expect(files.compareShipped([...packed, 'nodes/ShareFile/ShareFile.node.ts', `${node}.map`, 'test/x.test.ts'], built).unexpected).toEqual(
			['nodes/ShareFile/ShareFile.node.ts', `${node}.map`, 'test/x.test.ts'].sort(),
		);
		expect(files.compareShipped(packed.filter((file) => file !== node && file !== 'CHANGELOG.md'), built).missing).toEqual(['CHANGELOG.md', node].sort());
	});
});

/** package.json as JSON, to be changed in place by a case. */
type PackageJson = Record<string, Record<string, unknown> & { url?: string }> & { homepage?: string; bugs?: unknown };

describe('links to the repository', () => {
	const repository = scan.githubRepository(pkg);
	const violations = (mutate: (p: PackageJson) => void) => {
		const copy = JSON.parse(JSON.stringify(pkg));
		mutate(copy);
		const report = scan.createReport();
		scan.checkPackageJson(copy, report);
		return report.violations as string[];
	};

	it('package.json names one GitHub repository, and homepage, bugs and author point there', () => {
		expect(repository.url).toMatch(/^https:\/\/github\.com\/[\w.-]+\/n8n-nodes-cloud-elements-sharefile$/);
		expect(pkg.homepage).toBe(`${repository.url}#readme`);
		expect(pkg.bugs.url).toBe(`${repository.url}/issues`);
		expect(pkg.author.url).toBe(repository.owner);
		expect(violations(() => {})).toEqual([]);
	});

	it.each([
		['a repository that is not on GitHub', (p: PackageJson) => (p.repository.url = 'git+https://gitlab.com/x/n8n-nodes-cloud-elements-sharefile.git'), /"repository"/],
		['a homepage elsewhere', (p: PackageJson) => (p.homepage = 'https://example.com/'), /"homepage" must be on the repository/],
		['a homepage on a look-alike repository', (p: PackageJson) => (p.homepage = `${repository.url}-fork#readme`), /"homepage" must be on the repository/],
		['no bugs', (p: PackageJson) => delete p.bugs, /"bugs" must be/],
		['bugs elsewhere', (p: PackageJson) => (p.bugs = 'https://example.com/issues'), /"bugs" must be/],
		['an author url elsewhere', (p: PackageJson) => (p.author.url = 'https://example.com'), /author url/],
	])('are refused by npm run scan with %s', (_name, mutate, message) => {
		expect(violations(mutate).join('\n')).toMatch(message);
	});

	it("the credentials' and nodes' documentation links are pages of the repository", () => {
		const links: string[] = [];
		for (const file of fs.readdirSync(path.join(ROOT, 'credentials')).filter((name) => name.endsWith('.credentials.ts'))) {
			const text = fs.readFileSync(path.join(ROOT, 'credentials', file), 'utf8');
			links.push(...[...text.matchAll(/documentationUrl\s*=\s*'([^']+)'/g)].map((match) => match[1]));
		}
		for (const node of pkg.n8n.nodes as string[]) {
			const codex = JSON.parse(fs.readFileSync(path.join(ROOT, node.replace(/^dist\//, '').replace(/\.js$/, '.json')), 'utf8'));
			for (const list of Object.values(codex.resources ?? {}) as Array<Array<{ url: string }>>) links.push(...list.map((entry) => entry.url));
		}
		expect(links.length).toBeGreaterThanOrEqual(2 + pkg.n8n.nodes.length);
		expect(links.filter((url) => !url.startsWith(`${repository.url}#`) && !url.startsWith(`${repository.url}/`))).toEqual([]);
	});
});
