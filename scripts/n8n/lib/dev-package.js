'use strict';
// `npm run dev`'s package: the sources of a checkout (this repository, or the folder given with
// --source) compiled by the repository's own TypeScript, in watch mode, straight into n8n's
// community-package folder <userFolder>/.n8n/nodes/node_modules/<name>: n8n loads it from there
// under the package's name, as it loads an installed package, so node types keep their real names
// (`n8n-nodes-cloud-elements-sharefile.shareFile`) and the example workflows work unchanged.
//
// A real folder, not a link to the sources (which is what `n8n-node dev` makes): with
// N8N_DEV_RELOAD=true n8n watches the package's folder and, on a change, drops from require's
// cache the modules whose path starts with that folder, then loads the package again. require
// caches a link's target path, so behind a link n8n would load the old code again.
// The sources' own dist/ is never written.

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { ROOT, readPackageJson } = require('./community-package');
const { STATIC_GLOBS } = require('../../static-files');

const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/**
 * Lays out the package folder in the n8n user folder (package.json, index.js, static files) and
 * the TypeScript project that compiles `source` into it. Returns what the other calls need.
 */
function prepareDevPackage({ source, userFolder }) {
	const pkg = readPackageJson(source);
	if (!pkg.n8n || !Array.isArray(pkg.n8n.nodes)) throw new Error(`${source}/package.json has no n8n section: not a node package`);
	if (!fs.existsSync(path.join(source, 'tsconfig.json'))) throw new Error(`${source} has no tsconfig.json`);
	const packageDir = path.join(userFolder, '.n8n', 'nodes', 'node_modules', pkg.name);
	// Whatever an earlier run or `npm start` left there (a packed install) is replaced.
	fs.rmSync(packageDir, { recursive: true, force: true });
	fs.mkdirSync(packageDir, { recursive: true });
	for (const file of ['package.json', 'index.js']) {
		if (fs.existsSync(path.join(source, file))) fs.copyFileSync(path.join(source, file), path.join(packageDir, file));
	}
	const tsconfig = path.join(userFolder, 'tsconfig.dev.json');
	const modules = path.join(ROOT, 'node_modules');
	const project = {
		extends: path.join(source, 'tsconfig.json'),
		compilerOptions: {
			outDir: path.join(packageDir, 'dist'),
			// A copy of the sources elsewhere (--source) has no node_modules above it: n8n-workflow's
			// and Node's types come from the repository's.
			baseUrl: modules,
			typeRoots: [path.join(modules, '@types')],
			// One listing of what changed per rebuild, not a cleared screen.
			preserveWatchOutput: true,
		},
	};
	fs.writeFileSync(tsconfig, `${JSON.stringify(project, null, 2)}\n`);
	const dev = { name: pkg.name, source, packageDir, tsconfig };
	for (const file of staticFiles(source)) copyStatic(dev, file);
	return dev;
}

function staticFiles(source) {
	return fs.globSync(STATIC_GLOBS, { cwd: source });
}

function copyStatic(dev, relative) {
	const target = path.join(dev.packageDir, 'dist', relative);
	fs.mkdirSync(path.dirname(target), { recursive: true });
	fs.copyFileSync(path.join(dev.source, relative), target);
}

/** One full compile before n8n starts. Type errors are reported, not fatal: tsc still emits. */
function compileOnce(dev) {
	const run = spawnSync(process.execPath, [TSC, '-p', dev.tsconfig], { encoding: 'utf8' });
	return { ok: run.status === 0, output: `${run.stdout}${run.stderr}`.trim() };
}

/**
 * `tsc --watch` on the sources, and a watch on the static files it does not copy. `log` gets each
 * line tsc prints. Returns { stop() }.
 */
function watchSources(dev, log) {
	const tsc = spawn(process.execPath, [TSC, '-p', dev.tsconfig, '--watch'], { stdio: ['ignore', 'pipe', 'pipe'] });
	let pending = '';
	const onData = (chunk) => {
		const lines = (pending + chunk).split('\n');
		pending = lines.pop();
		for (const line of lines) if (line.trim()) log(`tsc: ${line.trim()}`);
	};
	tsc.stdout.setEncoding('utf8').on('data', onData);
	tsc.stderr.setEncoding('utf8').on('data', onData);
	const killTsc = () => tsc.kill('SIGKILL');
	process.once('exit', killTsc);

	const isStatic = (relative) => STATIC_GLOBS.some((glob) => path.matchesGlob(relative, glob));
	const watchers = ['nodes', 'credentials']
		.filter((folder) => fs.existsSync(path.join(dev.source, folder)))
		.map((folder) =>
			fs.watch(path.join(dev.source, folder), { recursive: true }, (_event, name) => {
				const relative = path.join(folder, String(name));
				if (!isStatic(relative) || !fs.existsSync(path.join(dev.source, relative))) return;
				copyStatic(dev, relative);
				log(`copied ${relative}`);
			}),
		);
	return {
		stop() {
			for (const watcher of watchers) watcher.close();
			process.removeListener('exit', killTsc);
			tsc.kill('SIGTERM');
		},
	};
}

module.exports = { compileOnce, prepareDevPackage, watchSources };
