import fs from 'fs';
import path from 'path';

import { PackageDirectoryLoader } from 'n8n-core';
import { NodeConnectionTypes, type INodeTypeDescription } from 'n8n-workflow';

import { N8N_MAJOR } from '../harness/n8nMajor';

// The built package (dist/, what `npm test` builds first) as n8n loads a community package at
// start-up: n8n-core's own loader reads package.json's `n8n` section and requires each file. Run
// on n8n 2.x (`npm test`) and on the last n8n 1.x (`npm run test:n8n1`), it shows the shipped
// JavaScript loads on both with the n8n-workflow each brings.
const ROOT = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
	name: string;
	n8n: { nodes: string[]; credentials: string[] };
};
const className = (file: string) => path.basename(file).split('.')[0];

describe(`the built package in n8n ${N8N_MAJOR}'s loader`, () => {
	it('loads every node and credential package.json lists, with the connection types n8n knows', async () => {
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
			expect(fs.existsSync(path.join(ROOT, file)) || `${file} is not built: npm run build`).toBe(true);
		}
		const loader = new PackageDirectoryLoader(ROOT);
		await loader.loadAll();

		expect(loader.packageName).toBe(pkg.name);
		expect(Object.values(loader.nodeTypes).map(({ sourcePath }) => sourcePath).sort()).toEqual([...pkg.n8n.nodes].sort());
		expect(Object.values(loader.credentialTypes).map(({ type }) => type.constructor.name).sort()).toEqual(
			pkg.n8n.credentials.map(className).sort(),
		);
		const known = new Set<string>(Object.values(NodeConnectionTypes));
		for (const { type } of Object.values(loader.nodeTypes)) {
			const description = type.description as INodeTypeDescription;
			const connections = [description.inputs, description.outputs].flat() as unknown[];
			expect(connections.filter((connection) => typeof connection !== 'string' || !known.has(connection))).toEqual([]);
			expect(description.outputs).toHaveLength(1);
		}
	});
});
