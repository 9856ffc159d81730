'use strict';
// Our package as n8n users get it: `npm pack` of the built repository, installed into the n8n
// user folder's `.n8n/nodes` with `npm install <tarball> --legacy-peer-deps` (a folder with a
// private package.json), then checked the way n8n sees it: `n8n export:nodes` must list every
// node type named in package.json's `n8n` section, under `<package name>.<node name>`, with an
// icon file that exists. A broken `n8n` section, a missing icon or a runtime import n8n cannot
// resolve makes this throw.

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..', '..');

function readPackageJson(dir = ROOT) {
	return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
}

function npm(args, cwd) {
	return execFileSync('npm', args, {
		cwd,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
		// The repository's .npmrc is not read outside it; keep npm quiet and offline-safe.
		env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' },
	});
}

/** `npm pack` of the repository (already built into dist/) into `destination`; the tarball path. */
function packRepository(destination) {
	fs.mkdirSync(destination, { recursive: true });
	const distNodes = path.join(ROOT, 'dist', 'nodes');
	if (!fs.existsSync(distNodes)) throw new Error('dist/ is missing: run `npm run build` first');
	const output = npm(['pack', '--json', '--pack-destination', destination], ROOT);
	const [packed] = JSON.parse(output.slice(output.indexOf('[')));
	const tarball = path.join(destination, packed.filename);
	if (!fs.existsSync(tarball)) throw new Error(`npm pack said ${packed.filename} but it is not in ${destination}`);
	return tarball;
}

/** Installs the tarball into `<userFolder>/.n8n/nodes` as n8n's "Install community node" does. */
function installIntoUserFolder(tarball, userFolder) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const manifest = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(manifest)) {
		fs.writeFileSync(manifest, `${JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2)}\n`);
	}
	const { name } = readPackageJson();
	// A reinstall of the same version from a new tarball must replace the files.
	fs.rmSync(path.join(nodesDir, 'node_modules', name), { recursive: true, force: true });
	try {
		npm(['install', tarball, '--legacy-peer-deps', '--no-audit', '--no-fund', '--loglevel=error'], nodesDir);
	} catch (error) {
		throw new Error(`npm install ${tarball} in ${nodesDir} failed:\n${error.stderr || error.message}`);
	}
	const installed = path.join(nodesDir, 'node_modules', name);
	if (!fs.existsSync(path.join(installed, 'package.json'))) throw new Error(`${name} is not in ${nodesDir}/node_modules after npm install`);
	// --legacy-peer-deps: n8n-workflow must come from n8n itself, not a second copy.
	if (fs.existsSync(path.join(nodesDir, 'node_modules', 'n8n-workflow'))) {
		throw new Error('npm installed a second n8n-workflow into .n8n/nodes: the peer dependency leaked');
	}
	return installed;
}

/** Node types our package.json declares, as n8n names them. */
function expectedNodeTypes(packageDir = ROOT) {
	const pkg = readPackageJson(packageDir);
	return (pkg.n8n?.nodes ?? []).map((file) => `${pkg.name}.${lowerFirst(path.basename(file, '.node.js'))}`);
}

function lowerFirst(text) {
	return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * Checks what `n8n export:nodes` printed against the installed package: every declared node
 * loaded, and each icon file present. Returns the loaded descriptions by type name.
 */
function checkLoadedNodes(exported, installedDir) {
	const pkg = readPackageJson(installedDir);
	const problems = [];
	if (!pkg.n8n || !Array.isArray(pkg.n8n.nodes) || pkg.n8n.nodes.length === 0) problems.push('package.json has no n8n.nodes');
	for (const file of [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])]) {
		if (!fs.existsSync(path.join(installedDir, file))) problems.push(`package.json n8n section names ${file}, which is not in the package`);
	}
	const byName = new Map(exported.map((description) => [description.name, description]));
	const loaded = {};
	for (const type of expectedNodeTypes(installedDir)) {
		const description = byName.get(type);
		if (!description) {
			problems.push(`n8n did not load ${type} (see n8n's log for the import error)`);
			continue;
		}
		loaded[type] = description;
		const icons = [description.icon, description.iconUrl].flatMap((icon) =>
			icon && typeof icon === 'object' ? Object.values(icon) : [icon],
		);
		for (const icon of icons.filter(Boolean)) {
			const relative = iconFile(String(icon), pkg.name);
			if (relative && !fs.existsSync(path.join(installedDir, relative))) problems.push(`${type}: icon ${icon} is missing from the package`);
		}
	}
	const ours = exported.filter((description) => description.name.startsWith(`${pkg.name}.`)).map((d) => d.name);
	if (problems.length > 0) {
		throw new Error(`the installed package does not load cleanly in n8n:\n- ${problems.join('\n- ')}\n(n8n loaded: ${ours.join(', ') || 'none of ours'})`);
	}
	return loaded;
}

/** `file:x.svg` is relative to the node file; `icons/<pkg>/dist/...` is relative to the package. */
function iconFile(icon, packageName) {
	const prefix = `icons/${packageName}/`;
	if (icon.startsWith(prefix)) return icon.slice(prefix.length);
	return undefined;
}

module.exports = {
	ROOT,
	checkLoadedNodes,
	expectedNodeTypes,
	installIntoUserFolder,
	packRepository,
	readPackageJson,
};
