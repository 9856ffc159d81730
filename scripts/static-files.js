'use strict';
// The files of the package that tsc does not emit, copied to dist/ at the same relative paths by
// `npm run build` (gulpfile.js) and by `npm run dev` (scripts/n8n/lib/dev-package.js): node and
// credential icons, and the node codex files (nodes/**/*.node.json).
const STATIC_GLOBS = ['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}', 'nodes/**/*.node.json'];

module.exports = { STATIC_GLOBS };
