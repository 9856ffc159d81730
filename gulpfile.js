/**
 * Static files that `tsc` does not emit, copied into dist/ at the same relative paths:
 *   - node and credential icons (nodes/**\/*.{png,svg}, credentials/**\/*.{png,svg})
 *   - node codex files (nodes/**\/*.node.json). tsc emits these today only because
 *     tsconfig.json's `include` lists nodes/**\/*.json (tsc otherwise emits just the .json files
 *     that some .ts file imports, and nothing imports a codex file); copying them here keeps the
 *     build right if that `include` changes, and keeps their bytes exactly as written.
 *
 * `npm run build` runs `gulp clean` before tsc and `gulp build:icons` after it.
 *
 * Why not `n8n-node build` (@n8n/node-cli 0.48.3): it also empties dist/ and runs tsc, but copies
 * every **\/*.{png,svg} and **\/__schema__/**\/*.json of the repository (docs/screenshots/ too)
 * and no codex file; these globs copy exactly what ships, codex files included.
 */
const fs = require('fs');
const path = require('path');
const { src, dest, series } = require('gulp');

const { STATIC_GLOBS } = require('./scripts/static-files');

const DIST = path.join(__dirname, 'dist');

function copyStaticFiles() {
	// gulp 5 reads files as utf8 unless told otherwise, which corrupts binary icons (PNG):
	// `encoding: false` keeps the bytes. `base: '.'` keeps nodes/... and credentials/... prefixes.
	// `allowEmpty` lets the build pass while a folder has no icon yet.
	return src(STATIC_GLOBS, { cwd: __dirname, base: __dirname, encoding: false, allowEmpty: true })
		.pipe(dest(DIST));
}
copyStaticFiles.displayName = 'build:icons';
copyStaticFiles.description = 'Copy icons and node codex files into dist/';

function clean(done) {
	// A renamed or deleted source file would otherwise leave its old output in dist/ and
	// end up in the published tarball.
	fs.rmSync(DIST, { recursive: true, force: true });
	done();
}
clean.description = 'Remove dist/';

exports.clean = clean;
exports['build:icons'] = copyStaticFiles;
exports.default = series(copyStaticFiles);
