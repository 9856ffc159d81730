'use strict';
// The package as n8n loads it from `npm pack` output installed into `.n8n/nodes`.

const fs = require('node:fs');
const path = require('node:path');

const { N8n, freePort } = require('../../scripts/n8n/lib/n8n');
const { checkLoadedNodes, expectedNodeTypes } = require('../../scripts/n8n/lib/community-package');
const { freshUserFolder, setup, startStack } = require('./lib/stack');

const PACKAGE = 'n8n-nodes-cloud-elements-sharefile';
const NODE_TYPES = [
	`${PACKAGE}.cloudElementsShareFile`,
	`${PACKAGE}.cloudElementsShareFileTrigger`,
	`${PACKAGE}.cloudElementsShareFilePollingTrigger`,
	`${PACKAGE}.shareFile`,
	`${PACKAGE}.shareFileTrigger`,
	`${PACKAGE}.shareFilePollingTrigger`,
];

describe('the packed package in n8n', () => {
	let stack;
	beforeAll(async () => {
		stack = await startStack('package');
	});
	afterAll(async () => {
		await stack?.close();
	});

	it('is installed from the npm pack tarball and n8n export:nodes lists all six nodes under the package name', () => {
		const { tarball, loadedTypes, installedDir } = setup();
		expect(path.basename(tarball)).toMatch(/^n8n-nodes-cloud-elements-sharefile-\d+\.\d+\.\d+\.tgz$/);
		expect(expectedNodeTypes(installedDir).sort()).toEqual([...NODE_TYPES].sort());
		expect(loadedTypes.sort()).toEqual([...NODE_TYPES].sort());
		// Installed the way n8n does it: a private package.json naming us, and no second n8n-workflow.
		const nodesDir = path.dirname(path.dirname(installedDir));
		expect(JSON.parse(fs.readFileSync(path.join(nodesDir, 'package.json'), 'utf8')).dependencies).toHaveProperty(PACKAGE);
		expect(fs.existsSync(path.join(nodesDir, 'node_modules', 'n8n-workflow'))).toBe(false);
	});

	it('the running n8n knows the node and credential types and serves their icons', async () => {
		const { n8n } = stack;
		await n8n.login();
		const fetchTypes = async (file) => {
			const response = await fetch(`${n8n.url}/types/${file}`, { headers: { cookie: n8n.cookie, 'browser-id': n8n.browserId } });
			expect(response.status).toBe(200);
			return await response.json();
		};
		const nodes = await fetchTypes('nodes.json');
		const ours = nodes.filter((description) => NODE_TYPES.includes(description.name));
		expect(ours.map((description) => description.name).sort()).toEqual([...NODE_TYPES].sort());
		const credentials = await fetchTypes('credentials.json');
		const credential = credentials.find((type) => type.name === 'cloudElementsApi');
		expect(credential).toBeDefined();

		// Themed icons come as { light, dark }: both must be served.
		const iconUrlsOf = (description) =>
			typeof description.iconUrl === 'string' ? [description.iconUrl] : Object.values(description.iconUrl ?? {});
		const iconUrls = [...ours, credential].flatMap(iconUrlsOf);
		expect(iconUrls.length).toBe(2 * (ours.length + 1));
		for (const iconUrl of iconUrls) {
			const response = await fetch(`${n8n.url}/${iconUrl}`);
			expect({ iconUrl, status: response.status }).toEqual({ iconUrl, status: 200 });
			expect(response.headers.get('content-type')).toContain('svg');
			expect(await response.text()).toContain('<svg');
		}

		const schema = await n8n.api('GET', '/credentials/schema/cloudElementsApi');
		expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['environment', 'baseUrl', 'userSecret', 'organizationSecret']));
	});

	it('the example workflows in examples/ import with n8n import:workflow', async () => {
		const userFolder = freshUserFolder('examples');
		const port = await freePort();
		const n8n = new N8n({ userFolder, port, brokerPort: await freePort([port]), owner: { email: 'x@example.com', password: 'Examples-0wner' } });
		const examples = path.join(__dirname, '..', '..', 'examples');
		for (const file of fs.readdirSync(examples).filter((name) => name.endsWith('.json'))) {
			const workflow = JSON.parse(fs.readFileSync(path.join(examples, file), 'utf8'));
			const types = workflow.nodes.map((node) => node.type);
			expect(types.some((type) => NODE_TYPES.includes(type))).toBe(true);
			const run = await n8n.cli(['import:workflow', `--input=${path.join(examples, file)}`]);
			expect({ file, code: run.code, said: run.stdout.match(/Successfully imported 1 workflow/)?.[0] }).toEqual({
				file,
				code: 0,
				said: 'Successfully imported 1 workflow',
			});
		}
	});

	describe('the load check refuses a package n8n cannot load properly', () => {
		async function exportWith(mutate) {
			const userFolder = freshUserFolder('broken');
			const installedDir = path.join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE);
			mutate(installedDir);
			const port = await freePort();
			const n8n = new N8n({ userFolder, port, brokerPort: await freePort([port]), owner: { email: 'b@example.com', password: 'Broken-0wner' } });
			const exported = await n8n.exportNodes();
			return () => checkLoadedNodes(exported, installedDir);
		}
		const editJson = (file, edit) => fs.writeFileSync(file, JSON.stringify(edit(JSON.parse(fs.readFileSync(file, 'utf8'))), null, 2));

		it('a broken n8n section', async () => {
			const check = await exportWith((dir) =>
				editJson(path.join(dir, 'package.json'), (pkg) => {
					pkg.n8n.nodes[1] = 'dist/nodes/CloudElementsShareFileTrigger/Missing.node.js';
					return pkg;
				}),
			);
			expect(check).toThrow(/Missing\.node\.js, which is not in the package/);
		});

		it('a missing icon', async () => {
			const check = await exportWith((dir) => fs.rmSync(path.join(dir, 'dist', 'nodes', 'CloudElementsShareFilePollingTrigger', 'sharefile.svg')));
			expect(check).toThrow(/cloudElementsShareFilePollingTrigger: icon .*sharefile\.svg is missing/);
		});

		it('a runtime import n8n cannot resolve', async () => {
			const check = await exportWith((dir) => {
				const file = path.join(dir, 'dist', 'nodes', 'CloudElementsShareFile', 'CloudElementsShareFile.node.js');
				fs.writeFileSync(file, `require('left-pad-not-in-n8n');\n${fs.readFileSync(file, 'utf8')}`);
			});
			expect(check).toThrow(/n8n did not load n8n-nodes-cloud-elements-sharefile\.cloudElementsShareFile\b/);
		});
	});
});
