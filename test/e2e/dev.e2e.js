'use strict';
// `npm run dev` as a developer runs it, on a copy of the sources (so that the test can change a
// node without touching the repository): n8n and the sandbox come up with the package compiled
// from that copy, and a node's changed display name reaches the editor's node types after
// tsc --watch rebuilds it and n8n reloads the package, with no restart.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { N8n, freePort, generatePassword } = require('../../scripts/n8n/lib/n8n');
const { ROOT, expectedNodeTypes } = require('../../scripts/n8n/lib/community-package');
const { waitFor } = require('./lib/wait');

const PACKAGE = 'n8n-nodes-cloud-elements-sharefile';
const SHAREFILE_NODE = 'nodes/ShareFile/ShareFile.node.ts';
const STARTUP_MS = 300_000;

describe('npm run dev', () => {
	let dir;
	let source;
	let child;
	let exited;
	let output = '';
	let n8n;

	beforeAll(async () => {
		dir = fs.mkdtempSync(path.join(process.env.CE_E2E_RUN_DIR || os.tmpdir(), 'dev-'));
		source = path.join(dir, 'source');
		for (const entry of ['nodes', 'credentials', 'package.json', 'tsconfig.json', 'index.js']) {
			fs.cpSync(path.join(ROOT, entry), path.join(source, entry), { recursive: true });
		}
		const port = await freePort();
		const brokerPort = await freePort([port]);
		const sandboxPort = await freePort([port, brokerPort]);
		const owner = { email: 'dev-owner@example.com', password: generatePassword() };
		child = spawn('npm', ['run', 'dev', '--', '--source', source], {
			cwd: ROOT,
			// Its own process group: stopped as Ctrl-C stops it, the whole group at once.
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
			env: {
				...process.env,
				N8N_PORT: String(port),
				N8N_RUNNERS_BROKER_PORT: String(brokerPort),
				SANDBOX_PORT: String(sandboxPort),
				CE_N8N_FOLDER: path.join(dir, 'n8n'),
				SANDBOX_DATA: path.join(dir, 'sandbox.json'),
				CE_N8N_OWNER_EMAIL: owner.email,
				CE_N8N_OWNER_PASSWORD: owner.password,
			},
		});
		// 'close': npm has exited and so has everything that held its output (n8n, tsc).
		exited = new Promise((resolve) => child.once('close', resolve));
		child.stdout.setEncoding('utf8').on('data', (chunk) => (output += chunk));
		child.stderr.setEncoding('utf8').on('data', (chunk) => (output += chunk));
		await waitFor(
			'npm run dev to print that everything runs',
			() => {
				if (child.exitCode !== null) throw new Error(`npm run dev exited ${child.exitCode}:\n${output.slice(-3000)}`);
				return output.includes('Stop with Ctrl-C');
			},
			{ timeoutMs: STARTUP_MS, intervalMs: 500 },
		);
		n8n = new N8n({ userFolder: path.join(dir, 'client'), port, brokerPort, owner });
	}, STARTUP_MS + 10_000);

	afterAll(async () => {
		if (child && child.exitCode === null) {
			process.kill(-child.pid, 'SIGTERM');
			const stopped = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('timeout'), 60_000))]);
			if (stopped === 'timeout') process.kill(-child.pid, 'SIGKILL');
		}
	}, 90_000);

	it('serves the editor, and its node types are the six nodes compiled from the sources it was given', async () => {
		const page = await fetch(`${n8n.url}/`);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('<title>n8n');

		const packageDir = path.join(dir, 'n8n', '.n8n', 'nodes', 'node_modules', PACKAGE);
		expect(output).toContain(`compiled from ${source} by tsc --watch`);
		const ours = (await n8n.typeFile('nodes')).map((description) => description.name).filter((name) => name.startsWith(`${PACKAGE}.`));
		// n8n adds a `<node>Tool` type for each node usable as an AI tool.
		expect(expectedNodeTypes(packageDir)).toHaveLength(6);
		expect(ours).toEqual(expect.arrayContaining(expectedNodeTypes(packageDir)));
		// Compiled into n8n's folder, never into the sources' own dist/.
		expect(fs.existsSync(path.join(packageDir, 'dist', 'nodes', 'ShareFile', 'ShareFile.node.js'))).toBe(true);
		expect(fs.existsSync(path.join(source, 'dist'))).toBe(false);
	});

	it("shows a node's changed display name after the rebuild, in the same n8n process", async () => {
		const file = path.join(source, SHAREFILE_NODE);
		const text = fs.readFileSync(file, 'utf8');
		expect(text).toContain("displayName: 'ShareFile',");
		const edited = `ShareFile edited ${Date.now()}`;
		const savedAt = Date.now();
		fs.writeFileSync(file, text.replace("displayName: 'ShareFile',", `displayName: '${edited}',`));

		const reloaded = await waitFor(
			'the edited display name in /types/nodes.json',
			async () => {
				const nodes = await n8n.typeFile('nodes');
				return nodes.find((description) => description.name === `${PACKAGE}.shareFile` && description.displayName === edited);
			},
			{ timeoutMs: 60_000, intervalMs: 250 },
		);
		process.stderr.write(`dev e2e: edited display name visible ${Date.now() - savedAt} ms after the save\n`);
		expect(reloaded.displayName).toBe(edited);
		expect(output).toMatch(/File change detected/);
		// One `n8n start` in its log (a restart writes another header), which reloaded our package.
		const log = fs.readFileSync(path.join(dir, 'n8n', 'n8n.log'), 'utf8');
		expect(log.match(/^===== n8n start /gm)).toHaveLength(1);
		expect(log).toContain(`Hot reload triggered for ${PACKAGE}`);
		// The repository's own build is not where it went.
		const repositoryBuild = path.join(ROOT, 'dist', 'nodes', 'ShareFile', 'ShareFile.node.js');
		expect(fs.readFileSync(repositoryBuild, 'utf8')).not.toContain(edited);
	});

	it('serves an icon changed in the sources (tsc does not copy icons: npm run dev does)', async () => {
		const nodes = await n8n.typeFile('nodes');
		const { iconUrl } = nodes.find((description) => description.name === `${PACKAGE}.shareFile`);
		expect(iconUrl.light).toBe(`icons/${PACKAGE}/dist/nodes/ShareFile/sharefile.svg`);
		const icon = path.join(source, 'nodes', 'ShareFile', 'sharefile.svg');
		const marker = `<!-- edited ${Date.now()} -->`;
		fs.writeFileSync(icon, `${fs.readFileSync(icon, 'utf8')}${marker}\n`);
		await waitFor(
			'n8n to serve the edited icon',
			async () => (await (await fetch(`${n8n.url}/${iconUrl.light}`)).text()).includes(marker),
			{ timeoutMs: 30_000 },
		);
		expect(output).toContain('copied nodes/ShareFile/sharefile.svg');
	});
});
