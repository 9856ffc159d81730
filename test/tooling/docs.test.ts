/**
 * The docs can be followed: every relative link in the Markdown files opens a file that exists,
 * at a heading that exists; every npm command they tell a reader to type is a script in
 * package.json; and the documentation links n8n shows on each credential and node open one of
 * the docs/ pages, at a heading that exists.
 */
import * as fs from 'fs';
import * as path from 'path';

import { anchorsOf, isExternal, linkTargets, npmScriptsNamed, slug } from './markdown';

const ROOT = path.resolve(__dirname, '../..');
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'coverage', 'tmp']);
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** The project's Markdown files (not node_modules, builds or the hidden local-run folders). */
function markdownFiles(dir = ROOT): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) {
			return entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name) ? [] : markdownFiles(full);
		}
		return entry.name.endsWith('.md') ? [full] : [];
	});
}

const rel = (file: string) => path.relative(ROOT, file);
const read = (file: string) => fs.readFileSync(file, 'utf8');

/** Why a link from `from` to `target` does not open, or undefined when it does. */
function brokenBecause(from: string, target: string): string | undefined {
	const [rawPath, anchor] = target.split('#', 2);
	const file = rawPath === '' ? from : path.resolve(path.dirname(from), decodeURIComponent(rawPath));
	if (!fs.existsSync(file)) return `${rel(file)} does not exist`;
	if (anchor === undefined || anchor === '') return undefined;
	if (!file.endsWith('.md')) return `#${anchor} on a file that is not Markdown`;
	if (!anchorsOf(read(file)).has(decodeURIComponent(anchor))) return `${rel(file)} has no heading #${anchor}`;
	return undefined;
}

const files = markdownFiles();

describe('Markdown links and anchors', () => {
	it('covers the README, the docs/ pages and the sandbox README', () => {
		const names = files.map(rel);
		expect(names).toEqual(expect.arrayContaining(['README.md', 'sandbox/README.md']));
		expect(names.filter((name) => name.startsWith('docs/')).length).toBeGreaterThanOrEqual(5);
	});

	it('makes anchors the way GitHub does', () => {
		expect(slug('Options → Download File (both triggers)')).toBe('options--download-file-both-triggers');
		expect(slug("ShareFile API v3 (ShareFile's own API, beside Cloud Elements)")).toBe(
			'sharefile-api-v3-sharefiles-own-api-beside-cloud-elements',
		);
		expect(slug('Platform API (base `/elements/api-v2`)')).toBe('platform-api-base-elementsapi-v2');
		expect(slug('Sandbox controls (`/_sandbox`, no auth)')).toBe('sandbox-controls-_sandbox-no-auth');
		expect([...anchorsOf('# Limits\n```\n# not a heading\n```\n## Limits\n')]).toEqual(['limits', 'limits-1']);
	});

	it('reports a missing file and a missing heading', () => {
		const readme = path.join(ROOT, 'README.md');
		expect(brokenBecause(readme, 'docs/no-such-page.md')).toBe('docs/no-such-page.md does not exist');
		expect(brokenBecause(readme, '#no-such-heading')).toBe('README.md has no heading #no-such-heading');
		expect(linkTargets('see [x](a.md#b) and `[y](not-a-link.md)`\n```\n[z](in-code.md)\n```\n[ref]: c.md')).toEqual([
			{ target: 'a.md#b', line: 1 },
			{ target: 'c.md', line: 5 },
		]);
	});

	it.each(files.map(rel))('every relative link in %s opens', (name) => {
		const file = path.join(ROOT, name);
		const broken = linkTargets(read(file))
			.filter(({ target }) => !isExternal(target))
			.flatMap(({ target, line }) => {
				const why = brokenBecause(file, target);
				return why ? [`${name}:${line} (${target}): ${why}`] : [];
			});
		expect(broken).toEqual([]);
	});
});

describe('npm commands in the docs', () => {
	it('reads `npm start`, `npm test` and `npm run <script>`, not npm built-ins', () => {
		expect(npmScriptsNamed('npm start; npm test -- x; npm run test:e2e -- webhook; npm ci; npm pack')).toEqual([
			'start',
			'test',
			'test:e2e',
		]);
	});

	it('names only scripts package.json has', () => {
		const named = files.flatMap((file) => npmScriptsNamed(read(file)).map((script) => ({ file: rel(file), script })));
		expect(named.length).toBeGreaterThan(10);
		const missing = named.filter(({ script }) => !(script in pkg.scripts)).map(({ file, script }) => `${file}: npm ${script}`);
		expect(missing).toEqual([]);
	});
});

describe('documentation links shown in n8n', () => {
	// n8n checks that the npm package points at its public repository: the pages are that repository's.
	const repository = String(pkg.repository.url).replace(/^git\+/, '').replace(/\.git$/, '');
	const pagePrefix = `${repository}/blob/main/`;

	/** The docs/ page and anchor a documentation URL opens, or why it opens none. */
	function problemWith(url: string): string | undefined {
		if (!url.startsWith(`${pagePrefix}docs/`)) return `${url} is not a page under ${pagePrefix}docs/`;
		const [page, anchor] = url.slice(pagePrefix.length).split('#', 2);
		if (!anchor) return `${url} names no heading`;
		return brokenBecause(path.join(ROOT, 'README.md'), `${page}#${anchor}`);
	}

	const credentialFiles = fs.readdirSync(path.join(ROOT, 'credentials')).filter((f) => f.endsWith('.credentials.ts'));
	const credentialPages = credentialFiles.map((file) => {
		// Each credential file by name, as found in the folder: a dynamic require, not an import.
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const module = require(path.join(ROOT, 'credentials', file)) as Record<string, new () => { documentationUrl: string }>;
		const classes = Object.values(module).filter((value) => typeof value === 'function');
		if (classes.length !== 1) throw new Error(`${file} exports ${classes.length} classes, not one`);
		return [file, new classes[0]().documentationUrl] as const;
	});

	it.each(credentialPages)('%s: documentationUrl %s', (_file, url) => {
		expect(problemWith(url)).toBeUndefined();
	});

	const codexFiles = (pkg.n8n.nodes as string[]).map((built) => built.replace(/^dist\//, '').replace(/\.js$/, '.json'));
	it.each(codexFiles)('%s: primaryDocumentation and credentialDocumentation', (file) => {
		const resources = JSON.parse(read(path.join(ROOT, file))).resources;
		const urls = [...resources.primaryDocumentation, ...resources.credentialDocumentation].map(
			(entry: { url: string }) => entry.url,
		);
		expect(urls.length).toBeGreaterThanOrEqual(2);
		expect(urls.map(problemWith).filter(Boolean)).toEqual([]);
		// The credential's page is the one its own documentationUrl opens.
		const credentialUrls = credentialPages.map(([, url]) => url);
		for (const { url } of resources.credentialDocumentation) expect(credentialUrls).toContain(url);
	});
});
