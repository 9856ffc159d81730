#!/usr/bin/env node
/**
 * `npm run scan`: the checks n8n applies to a community package before it can be verified,
 * run locally on what `npm pack` would publish. It builds nothing: run `npm run build` first.
 *
 *  1. `npm pack` into a temporary folder and unpack the tarball.
 *  2. package.json rules (on the packed package.json, i.e. what users install), among them that
 *     repository, homepage, bugs and author point at one GitHub repository.
 *  3. Tarball contents: exactly the files scripts/package-files.js says ship; every n8n.nodes /
 *     n8n.credentials path is shipped, every built node and credential is registered, each module
 *     exports the class n8n looks for, node icons and codex files are shipped, and nothing from
 *     sandbox/, test/ or scripts/ is.
 *  4. n8n's own scanner, @n8n/scan-community-package (`analyzePackage`), on the unpacked tarball
 *     (compiled .js + package.json, as its CLI does for a published version) and on the sources
 *     (its SOURCE_FILE_PATTERNS: package.json, nodes/ and credentials/).
 *
 * Exits 1 with a list of violations, 2 if it could not run; prints what was checked otherwise.
 */
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const { TOP_LEVEL_FILES, compareShipped, filesUnder } = require('./package-files');

const ROOT = path.resolve(__dirname, '..');
const SCANNER_MODULE = '@n8n/scan-community-package/scanner/scanner.mjs';

const REQUIRED_KEYWORD = 'n8n-community-node-package';
const REQUIRED_PEER_DEPENDENCIES = { 'n8n-workflow': '*' };
// npm runs these on the machine that installs the package (or builds it from git).
const FORBIDDEN_SCRIPTS = [
	'preinstall',
	'install',
	'postinstall',
	'prepublish',
	'preprepare',
	'prepare',
	'postprepare',
	'dependencies',
	'preuninstall',
	'uninstall',
	'postuninstall',
];
// Development-only folders that must never be published.
const FORBIDDEN_TARBALL_DIRS = ['sandbox', 'test', 'scripts', 'node_modules', '.sandbox-data', '.ci'];

/** Collects what a run found; the check functions below write into one. */
function createReport() {
	const report = { violations: [], warnings: [], checked: [] };
	report.violation = (area, message) => report.violations.push(`[${area}] ${message}`);
	report.warning = (area, message) => report.warnings.push(`[${area}] ${message}`);
	return report;
}
const isPlainObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const toPosix = (p) => p.split(path.sep).join('/');

function run(cmd, args, options) {
	const result = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
	if (result.error) throw result.error;
	if (result.status !== 0) {
		throw new Error(
			`${cmd} ${args.join(' ')} exited with ${result.status}\n${result.stdout}\n${result.stderr}`,
		);
	}
	return result.stdout;
}

function listFiles(dir, base = dir) {
	const out = [];
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) out.push(...listFiles(full, base));
		else out.push(toPosix(path.relative(base, full)));
	}
	return out;
}

/** Parses `Name <email> (url)` as npm does for a string author. */
function parseAuthor(author) {
	if (isPlainObject(author)) return { name: author.name, email: author.email };
	if (typeof author === 'string') {
		const match = /^\s*([^<(]*?)\s*(?:<([^>]*)>)?\s*(?:\(([^)]*)\))?\s*$/.exec(author);
		if (match) return { name: match[1], email: match[2] };
	}
	return {};
}

/**
 * The public GitHub repository package.json's `repository` names, as https://github.com/<owner>/<name>
 * (npm's `git+https://….git` form normalized), or undefined when it names none.
 */
function githubRepository(pkg) {
	const url = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
	const match = /^(?:git\+)?https:\/\/github\.com\/([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(String(url ?? ''));
	return match ? { url: `https://github.com/${match[1]}/${match[2]}`, owner: `https://github.com/${match[1]}` } : undefined;
}

/** n8n checks that a package points at its public repository: every link to the project goes there. */
function checkRepositoryLinks(pkg, report) {
	const area = 'package.json';
	const repository = githubRepository(pkg);
	if (!repository) {
		report.violation(area, `"repository" must be a https://github.com/<owner>/<name> URL (got ${JSON.stringify(pkg.repository)})`);
		return;
	}
	// The repository itself, a page of it or an anchor in its README; not github.com/<owner>/<name>-other.
	const onRepository = (url) => typeof url === 'string' && url.startsWith(repository.url) && /^([#/]|$)/.test(url.slice(repository.url.length));
	if (!onRepository(pkg.homepage)) report.violation(area, `"homepage" must be on the repository ${repository.url} (got ${JSON.stringify(pkg.homepage)})`);
	const bugs = typeof pkg.bugs === 'string' ? pkg.bugs : pkg.bugs?.url;
	if (bugs !== `${repository.url}/issues`) report.violation(area, `"bugs" must be ${repository.url}/issues (got ${JSON.stringify(bugs)})`);
	const authorUrl = typeof pkg.author === 'object' ? pkg.author?.url : /\(([^)]*)\)\s*$/.exec(String(pkg.author ?? ''))?.[1];
	if (authorUrl !== undefined && authorUrl !== repository.owner && !onRepository(authorUrl)) {
		report.violation(area, `author url must be the repository's owner ${repository.owner} or the repository (got ${JSON.stringify(authorUrl)})`);
	}
	report.checked.push(`package.json: repository ${repository.url}; homepage, bugs and author url on it`);
}

// ---------------------------------------------------------------------------------------------
// package.json rules

function checkPackageJson(pkg, report) {
	const { violation, checked } = report;
	const area = 'package.json';

	if (typeof pkg.name !== 'string' || !/^(@[a-z0-9-~][a-z0-9-._~]*\/)?n8n-nodes-.+$/.test(pkg.name)) {
		violation(area, `"name" must be n8n-nodes-* or @scope/n8n-nodes-* (got ${JSON.stringify(pkg.name)})`);
	}
	if (typeof pkg.version !== 'string' || pkg.version === '') violation(area, '"version" is missing');

	if (pkg.dependencies !== undefined) {
		if (!isPlainObject(pkg.dependencies)) violation(area, '"dependencies" must be an object if present');
		else if (Object.keys(pkg.dependencies).length > 0) {
			violation(area, `"dependencies" must be empty or absent (has: ${Object.keys(pkg.dependencies).join(', ')})`);
		}
	}
	for (const field of ['optionalDependencies', 'bundleDependencies', 'bundledDependencies']) {
		const value = pkg[field];
		const size = Array.isArray(value) ? value.length : isPlainObject(value) ? Object.keys(value).length : value ? 1 : 0;
		if (size > 0) violation(area, `"${field}" must be empty or absent: users' n8n would install it`);
	}

	const peers = pkg.peerDependencies;
	const peersOk =
		isPlainObject(peers) &&
		Object.keys(peers).length === Object.keys(REQUIRED_PEER_DEPENDENCIES).length &&
		Object.entries(REQUIRED_PEER_DEPENDENCIES).every(([name, range]) => peers[name] === range);
	if (!peersOk) {
		violation(
			area,
			`"peerDependencies" must be exactly ${JSON.stringify(REQUIRED_PEER_DEPENDENCIES)} (got ${JSON.stringify(peers)})`,
		);
	}

	const scripts = isPlainObject(pkg.scripts) ? pkg.scripts : {};
	for (const name of FORBIDDEN_SCRIPTS) {
		if (name in scripts) violation(area, `lifecycle script "${name}" is not allowed (it runs on install)`);
	}

	if ('overrides' in pkg) violation(area, '"overrides" is not allowed');
	if ('resolutions' in pkg) violation(area, '"resolutions" is not allowed');
	if (isPlainObject(pkg.pnpm) && 'overrides' in pkg.pnpm) violation(area, '"pnpm.overrides" is not allowed');

	if (!Array.isArray(pkg.files) || pkg.files.length === 0) {
		violation(area, '"files" must be a non-empty array naming what is published');
	}
	if (typeof pkg.homepage !== 'string' || !/^https?:\/\/\S+$/.test(pkg.homepage)) {
		violation(area, '"homepage" must be an http(s) URL');
	}

	const author = parseAuthor(pkg.author);
	if (!author.name || !String(author.name).trim()) violation(area, 'author name is missing');
	if (!author.email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(String(author.email))) {
		violation(area, 'author email is missing or malformed');
	}

	if (!Array.isArray(pkg.keywords) || !pkg.keywords.includes(REQUIRED_KEYWORD)) {
		violation(area, `"keywords" must include "${REQUIRED_KEYWORD}"`);
	}

	const n8n = pkg.n8n;
	if (!isPlainObject(n8n)) {
		violation(area, '"n8n" section is missing');
	} else {
		if (!Number.isInteger(n8n.n8nNodesApiVersion)) violation(area, '"n8n.n8nNodesApiVersion" must be an integer');
		if (!Array.isArray(n8n.nodes) || n8n.nodes.length === 0) violation(area, '"n8n.nodes" must list at least one node');
		if (n8n.credentials !== undefined && !Array.isArray(n8n.credentials)) {
			violation(area, '"n8n.credentials" must be an array');
		}
	}

	checkRepositoryLinks(pkg, report);

	checked.push(
		'package.json: name, version, no dependencies/optionalDependencies/bundleDependencies, ' +
			`peerDependencies === ${JSON.stringify(REQUIRED_PEER_DEPENDENCIES)}, ` +
			`no install-time scripts (${FORBIDDEN_SCRIPTS.join(', ')}), no overrides/resolutions, ` +
			`"files" array, homepage, author name + email, keyword ${REQUIRED_KEYWORD}, n8n section`,
	);
}

// ---------------------------------------------------------------------------------------------
// Tarball contents

/** Loads a shipped module from the unpacked tarball and returns the class n8n would use. */
function loadExportedClass(unpackedDir, relPath, suffix) {
	const className = path.basename(relPath).slice(0, -suffix.length);
	// Resolve n8n-workflow etc. from the project's node_modules, as n8n would from its own.
	const mod = require(path.join(unpackedDir, relPath));
	const Cls = mod[className];
	if (typeof Cls !== 'function') {
		throw new Error(`does not export a class named "${className}" (exports: ${Object.keys(mod).join(', ') || 'none'})`);
	}
	return { className, instance: new Cls() };
}

function iconFiles(icon) {
	if (typeof icon === 'string') return [icon];
	if (isPlainObject(icon)) return Object.values(icon).filter((v) => typeof v === 'string');
	return [];
}

function checkShippedIcons(report, area, relPath, icon, fileSet) {
	const { violation } = report;
	for (const value of iconFiles(icon)) {
		if (!value.startsWith('file:')) continue;
		const iconPath = toPosix(path.posix.normalize(path.posix.join(path.posix.dirname(relPath), value.slice(5))));
		if (!fileSet.has(iconPath)) violation(area, `${relPath}: icon "${value}" is not in the tarball (expected ${iconPath})`);
	}
}

function checkTarball(pkg, unpackedDir, files, report) {
	const { violation, warning, checked } = report;
	const area = 'tarball';
	const fileSet = new Set(files);
	const n8n = isPlainObject(pkg.n8n) ? pkg.n8n : {};
	const nodePaths = Array.isArray(n8n.nodes) ? n8n.nodes : [];
	const credentialPaths = Array.isArray(n8n.credentials) ? n8n.credentials : [];

	for (const file of files) {
		const top = file.split('/')[0];
		if (FORBIDDEN_TARBALL_DIRS.includes(top)) violation(area, `must not ship ${file}`);
		if (/\.test\.[cm]?[jt]s$|\.spec\.[cm]?[jt]s$/.test(file)) violation(area, `must not ship test file ${file}`);
		if (/(^|\/)\.env(\.|$)/.test(file)) violation(area, `must not ship ${file}`);
	}

	for (const p of [...nodePaths, ...credentialPaths]) {
		if (!fileSet.has(toPosix(path.posix.normalize(p)))) violation(area, `${p} (listed in package.json "n8n") is not in the tarball`);
	}

	// Built nodes/credentials that n8n would never load because package.json does not list them.
	const listed = new Set([...nodePaths, ...credentialPaths].map((p) => toPosix(path.posix.normalize(p))));
	for (const file of files) {
		if ((file.endsWith('.node.js') || file.endsWith('.credentials.js')) && !listed.has(file)) {
			violation(area, `${file} is shipped but not registered in package.json "n8n"`);
		}
	}

	if (typeof pkg.main === 'string' && !fileSet.has(toPosix(path.posix.normalize(pkg.main)))) {
		warning(area, `"main" points to ${pkg.main}, which is not in the tarball (n8n does not need it)`);
	}

	// Module shape, as n8n's loader needs it: X.node.js exports class X, X.credentials.js exports
	// class X. A node_modules link lets the shipped files resolve n8n-workflow like n8n provides it.
	const link = path.join(unpackedDir, 'node_modules');
	fs.symlinkSync(path.join(ROOT, 'node_modules'), link, 'dir');
	const credentialNames = new Set();
	try {
		for (const p of credentialPaths) {
			if (!fileSet.has(toPosix(path.posix.normalize(p)))) continue;
			try {
				const { className, instance } = loadExportedClass(unpackedDir, p, '.credentials.js');
				if (typeof instance.name !== 'string' || !instance.name) violation(area, `${p}: credential class ${className} has no "name"`);
				else credentialNames.add(instance.name);
				checkShippedIcons(report, area, p, instance.icon, fileSet);
			} catch (error) {
				violation(area, `${p}: ${error.message.split('\n')[0]}`);
			}
		}
		for (const p of nodePaths) {
			if (!fileSet.has(toPosix(path.posix.normalize(p)))) continue;
			try {
				const { className, instance } = loadExportedClass(unpackedDir, p, '.node.js');
				// Versioned nodes keep their descriptions under nodeVersions; check every version.
				const descriptions = instance.nodeVersions
					? Object.values(instance.nodeVersions).map((v) => ({ ...instance.description, ...v.description }))
					: [instance.description];
				for (const description of descriptions) {
					if (!isPlainObject(description) || !description.name) {
						violation(area, `${p}: node class ${className} has no description.name`);
						continue;
					}
					if (!description.icon) violation(area, `${p}: node "${description.name}" has no icon`);
					checkShippedIcons(report, area, p, description.icon, fileSet);
					for (const cred of description.credentials ?? []) {
						if (!credentialNames.has(cred.name)) {
							violation(area, `${p}: node "${description.name}" uses credential "${cred.name}", which no listed credential provides`);
						}
					}
				}
				const codex = p.replace(/\.js$/, '.json');
				const sourceCodex = path.join(ROOT, codex.replace(/^dist\//, ''));
				if (fs.existsSync(sourceCodex) && !fileSet.has(codex)) violation(area, `${codex} (codex) is not in the tarball`);
				if (!fs.existsSync(sourceCodex)) warning(area, `${p}: no codex file ${path.basename(codex)} next to the node`);
			} catch (error) {
				violation(area, `${p}: ${error.message.split('\n')[0]}`);
			}
		}
	} finally {
		fs.unlinkSync(link);
	}

	checked.push(
		`tarball: ${files.length} files; every n8n.nodes (${nodePaths.length}) and n8n.credentials ` +
			`(${credentialPaths.length}) path present, every shipped *.node.js/*.credentials.js registered, ` +
			'each exports its class, icons and codex files shipped, node credentials provided, ' +
			`nothing from ${FORBIDDEN_TARBALL_DIRS.join('/, ')}/ or test files`,
	);
}

/** The tarball holds exactly what scripts/package-files.js says ships, given the build in dist/. */
function checkShippedFiles(files, report) {
	const { unexpected, missing } = compareShipped(files, filesUnder(ROOT, 'dist'));
	for (const file of unexpected) report.violation('tarball', `ships ${file}, which is not one of the files the package publishes`);
	for (const file of missing) report.violation('tarball', `does not ship ${file}`);
	report.checked.push(`tarball: exactly ${TOP_LEVEL_FILES.join(', ')} and dist/{nodes,credentials} .js/.json/.svg/.png`);
}

// ---------------------------------------------------------------------------------------------
// n8n's scanner

async function runN8nScanner(scanner, label, dir, patterns, report) {
	const { violation, warning, checked } = report;
	const result = await scanner.analyzePackage(dir, patterns);
	if (!result.passed) {
		violation(`n8n scanner: ${label}`, `${result.message}${result.details ? `\n${result.details}` : ''}`);
	}

	// analyzePackage only reports errors. Lint once more with the same config to show its warnings
	// (e.g. dead files, incomplete registration), which n8n's reviewers see too.
	try {
		// The scanner's own copies, so the listing matches what analyzePackage ran.
		const fromScanner = (name) => require(require.resolve(name, { paths: [path.dirname(scanner.modulePath)] }));
		const { ESLint } = fromScanner('eslint');
		const glob = fromScanner('fast-glob');
		const eslint = new ESLint({
			cwd: dir,
			allowInlineConfig: false,
			overrideConfigFile: true,
			overrideConfig: await scanner.buildScanConfig(),
		});
		const filesToLint = glob.sync(patterns, { cwd: dir, absolute: true, ignore: ['node_modules/**', '**/package-lock.json'] });
		const results = filesToLint.length ? await eslint.lintFiles(filesToLint) : [];
		for (const r of results) {
			for (const m of r.messages) {
				if (m.severity === 1) {
					warning(`n8n scanner: ${label}`, `${toPosix(path.relative(dir, r.filePath))}:${m.line}:${m.column} ${m.message} (${m.ruleId})`);
				}
			}
		}
		checked.push(`n8n scanner (@n8n/scan-community-package analyzePackage) on ${label}: ${filesToLint.length} files [${patterns.join(', ')}]`);
	} catch (error) {
		warning(`n8n scanner: ${label}`, `could not list warnings: ${error.message}`);
		checked.push(`n8n scanner (@n8n/scan-community-package analyzePackage) on ${label} [${patterns.join(', ')}]`);
	}
}

// ---------------------------------------------------------------------------------------------

async function main() {
	const report = createReport();
	const { violations, warnings, checked } = report;
	const distDir = path.join(ROOT, 'dist');
	if (!fs.existsSync(distDir) || listFiles(distDir).length === 0) {
		console.error('scan: dist/ is missing or empty. Run `npm run build` first.');
		process.exit(2);
	}

	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ce-sharefile-scan-'));
	// The scanner module creates a temporary folder when it is loaded: keep it inside ours.
	const scannerTmp = path.join(tmp, 'scanner-tmp');
	fs.mkdirSync(scannerTmp);
	process.env.TMPDIR = scannerTmp;

	try {
		const packOut = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], {
			cwd: ROOT,
		});
		const packInfo = JSON.parse(packOut.slice(packOut.indexOf('[')))[0];
		const tarball = path.join(tmp, packInfo.filename);
		run('tar', ['-xzf', tarball, '-C', tmp]);
		const unpackedDir = path.join(tmp, 'package');
		const files = listFiles(unpackedDir).sort();
		checked.push(`npm pack: ${packInfo.filename} (${files.length} files, ${packInfo.size} bytes)`);

		const pkg = JSON.parse(fs.readFileSync(path.join(unpackedDir, 'package.json'), 'utf8'));
		checkPackageJson(pkg, report);
		checkTarball(pkg, unpackedDir, files, report);
		checkShippedFiles(files, report);

		const scannerPath = require.resolve(SCANNER_MODULE, { paths: [ROOT] });
		const scanner = { ...(await import(scannerPath)), modulePath: scannerPath };
		// The same two legs as the scanner's CLI: compiled output + package.json from the tarball,
		// and the sources with SOURCE_FILE_PATTERNS.
		await runN8nScanner(scanner, 'packed tarball', unpackedDir, ['**/*.js', 'package.json'], report);
		await runN8nScanner(scanner, 'sources', ROOT, scanner.SOURCE_FILE_PATTERNS, report);
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}

	if (warnings.length) {
		console.log(`Warnings (${warnings.length}, not failing):`);
		for (const w of warnings) console.log(`  - ${w}`);
	}
	if (violations.length) {
		console.error(`\nscan FAILED: ${violations.length} violation(s):`);
		for (const v of violations) console.error(`  - ${v.replace(/\n/g, '\n    ')}`);
		process.exit(1);
	}
	console.log('scan passed. Checked:');
	for (const c of checked) console.log(`  - ${c}`);
}

if (require.main === module) {
	main().catch((error) => {
		console.error('scan: could not run:', error);
		process.exit(2);
	});
}

module.exports = { createReport, checkPackageJson, githubRepository, parseAuthor, FORBIDDEN_SCRIPTS };
