'use strict';
// The ShareFile node (ShareFile's own API v3, no Cloud Elements) in a real n8n 2.41.1 with binary
// data on disk: its OAuth2 credential connected through n8n's own OAuth2 endpoints and the
// sandbox's authorize page; a workflow that lists a folder, downloads every file and uploads it
// again (text, PNG, 100 MB), byte for byte; a 1,200-item folder listed completely.

const crypto = require('node:crypto');

const { nodeItems, PACKAGE } = require('../../scripts/n8n/lib/workflows');
const { connectShareFile, createShareFileCredential, sandboxShareFileCredentialData } = require('../../scripts/n8n/lib/sharefile-connect');
const { MB, md5, png, randomChunks, text } = require('./lib/samples');
const { startStack } = require('./lib/stack');

const TYPE = `${PACKAGE}.shareFile`;

let stack;
let instance;
let credential;

beforeAll(async () => {
	stack = await startStack('sharefile-node', { env: { N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem' } });
	instance = await stack.sandbox.createInstance('ShareFile API');
	credential = await createShareFileCredential(stack.n8n, {
		name: 'ShareFile sandbox',
		data: sandboxShareFileCredentialData(stack.sandbox.origin, { subdomain: 'acme' }),
	});
	await connectShareFile(stack.n8n, credential.id, { accountSubdomain: 'acme' });
});
afterAll(async () => {
	await stack?.close();
});


let position = 0;
function node(name, type, parameters, extra = {}) {
	position += 1;
	return { id: crypto.randomUUID(), name, type, typeVersion: 1, position: [250 + 220 * position, 300], parameters, ...extra };
}
const shareFile = (name, parameters) =>
	node(name, TYPE, parameters, { credentials: { shareFileOAuth2Api: { id: String(credential.id), name: credential.name } } });

async function run(name, nodes) {
	const connections = {};
	for (let index = 0; index + 1 < nodes.length; index++) {
		connections[nodes[index].name] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] };
	}
	const workflow = await stack.n8n.api('POST', '/workflows', { name, nodes, connections, settings: { executionOrder: 'v1' } });
	const result = await stack.n8n.execute(workflow.id, { timeoutMs: 240_000 });
	return result;
}

describe('ShareFile node in n8n (ShareFile API v3)', () => {
	it('the credential was connected through n8n\'s OAuth2 endpoints, and works', async () => {
		const result = await run('folder get', [
			node('Start', 'n8n-nodes-base.manualTrigger', {}),
			shareFile('ShareFile', { resource: 'folder', operation: 'get', folder: { __rl: true, mode: 'path', value: '/top' } }),
		]);
		expect(result.code).toBe(0);
		expect(nodeItems(result.result, 'ShareFile')).toEqual([expect.objectContaining({ name: 'top', path: '/top', directory: true })]);
	});

	it('lists a folder, downloads each file and uploads it again: text, PNG and 100 MB byte for byte', async () => {
		const uploads = {
			'report.txt': await stack.sandbox.uploadFile(instance.id, '/top/In/report.txt', text),
			'scan.png': await stack.sandbox.uploadFile(instance.id, '/top/In/scan.png', png),
			'archive.bin': await stack.sandbox.uploadFile(instance.id, '/top/In/archive.bin', randomChunks(100 * MB, 'big')),
		};
		expect(uploads['report.txt'].md5).toBe(md5(text));
		const result = await run('list, download, upload', [
			node('Start', 'n8n-nodes-base.manualTrigger', {}),
			shareFile('List', { resource: 'folder', operation: 'listContents', folder: { __rl: true, mode: 'path', value: '/top/In' }, returnAll: true }),
			shareFile('Download', { resource: 'file', operation: 'download', file: { __rl: true, mode: 'id', value: '={{ $json.id }}' } }),
			shareFile('Upload', { resource: 'file', operation: 'upload', binaryPropertyName: 'data', folder: { __rl: true, mode: 'path', value: '/top/Out' } }),
		]);
		expect(result.code).toBe(0);
		const downloaded = nodeItems(result.result, 'Download');
		expect(downloaded.map((item) => item.name).sort()).toEqual(['archive.bin', 'report.txt', 'scan.png']);
		expect(downloaded.find((item) => item.name === 'archive.bin').size).toBe(100 * MB);
		const uploaded = nodeItems(result.result, 'Upload');
		expect(uploaded.map((item) => item.path).sort()).toEqual(['/top/Out/archive.bin', '/top/Out/report.txt', '/top/Out/scan.png']);
		const items = await stack.sandbox.items(instance.id);
		for (const [name, upload] of Object.entries(uploads)) {
			expect(items.get(`/top/Out/${name}`)).toMatchObject({ Hash: upload.md5, FileSizeBytes: upload.file.size });
		}
	});

	it('lists a folder of 1,200 items completely', async () => {
		const changes = [{ op: 'createFolder', path: '/top/Big' }];
		for (let index = 0; index < 1200; index++) changes.push({ op: 'upload', path: `/top/Big/file-${String(index).padStart(4, '0')}.txt`, content: `#${index}` });
		for (let start = 0; start < changes.length; start += 400) await stack.sandbox.change(instance.id, { changes: changes.slice(start, start + 400) });
		const result = await run('list 1200', [
			node('Start', 'n8n-nodes-base.manualTrigger', {}),
			shareFile('ShareFile', { resource: 'folder', operation: 'listContents', folder: { __rl: true, mode: 'path', value: '/top/Big' }, returnAll: true }),
		]);
		expect(result.code).toBe(0);
		const names = nodeItems(result.result, 'ShareFile').map((item) => item.name);
		expect(names).toHaveLength(1200);
		expect(new Set(names).size).toBe(1200);
	});
});
