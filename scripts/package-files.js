'use strict';
// What the published package holds, and nothing else: package.json, the README, the licence, the
// changelog, index.js, and from the build only what n8n loads (compiled .js, the codex .json files,
// icons) under dist/nodes/ and dist/credentials/. No type declarations or source maps (their
// sources are not published), no sources, tests, sandbox or scripts. package.json's `files` says
// this to npm; `npm run scan` and test/tooling/packageFiles.test.ts hold `npm pack` to it.
const fs = require('node:fs');
const path = require('node:path');

const TOP_LEVEL_FILES = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'index.js'];
const SHIPPED_BUILD = /^dist\/(nodes|credentials)\/.+\.(js|json|svg|png)$/;

/** What should ship, given every file under dist/ (paths relative to the package, with `/`). */
function expectedFiles(builtFiles) {
	return [...TOP_LEVEL_FILES, ...builtFiles.filter((file) => SHIPPED_BUILD.test(file))].sort();
}

/** `packed` (npm pack's file list) against what should ship: { unexpected, missing }. */
function compareShipped(packed, builtFiles) {
	const expected = new Set(expectedFiles(builtFiles));
	const actual = new Set(packed);
	return {
		unexpected: [...actual].filter((file) => !expected.has(file)).sort(),
		missing: [...expected].filter((file) => !actual.has(file)).sort(),
	};
}

/** The files under `dir`, relative to `root`, with `/`. */
function filesUnder(root, dir) {
	const absolute = path.join(root, dir);
	if (!fs.existsSync(absolute)) return [];
	return fs
		.readdirSync(absolute, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

module.exports = { SHIPPED_BUILD, TOP_LEVEL_FILES, compareShipped, expectedFiles, filesUnder };
