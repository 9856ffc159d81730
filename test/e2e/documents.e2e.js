'use strict';
// The documents themselves in a real n8n, with binary data kept on disk (n8n's filesystem mode):
// the example workflow "New ShareFile document → download → move to /Processed" (examples/) runs
// on uploads, its downloaded binaries are byte for byte what was uploaded (a multi-script text, a
// binary image, 100 MB); then upload from a binary, a copy conflict, a move, a delete and a
// 1,200-item folder, each a workflow run with `n8n execute`, the sandbox's state checked after.

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { actionWorkflow, exampleWorkflow, nodeItems, TYPES } = require('../../scripts/n8n/lib/workflows');
const { MB, md5, png, randomChunks, text } = require('./lib/samples');
const { startStack } = require('./lib/stack');
const { waitFor } = require('./lib/wait');


let stack;
let instance;
// The action runs work on an instance nobody listens to: the example would move their files.
let quiet;
let exampleId;

beforeAll(async () => {
	stack = await startStack('documents', { env: { N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem' } });
	instance = await stack.sandbox.createInstance('Documents');
	quiet = await stack.sandbox.createInstance('Documents, no events');
	const workflow = await stack.n8n.api('POST', '/workflows', exampleWorkflow('sharefile-new-document-to-processed.json', stack.credential, instance.id));
	exampleId = workflow.id;
	await stack.n8n.activate(exampleId);
});
afterAll(async () => {
	await stack?.close();
});



/**
 * The md5 of the bytes n8n keeps for a binary in filesystem mode. The id in the execution data
 * names the file (its last segment) under .n8n/storage; the execution folder it names may be
 * the one the run had before it was saved, so the file is looked up by name.
 */
async function storedBinaryMd5(binary) {
	expect(binary.id).toMatch(/^filesystem(-v2)?:/);
	const name = path.posix.basename(binary.id);
	const storage = path.join(stack.n8n.userFolder, '.n8n', 'storage');
	const [file] = fs.readdirSync(storage, { recursive: true }).filter((entry) => path.basename(entry) === name);
	expect(file).toBeDefined();
	const hash = crypto.createHash('md5');
	for await (const chunk of fs.createReadStream(path.join(storage, file))) hash.update(chunk);
	return hash.digest('hex');
}

/** Creates a Manual Trigger → ShareFile workflow (the node at `typeVersion`) and runs it with `n8n execute`. */
async function runAction(name, parameters, typeVersion = 1) {
	const base = actionWorkflow(name, stack.credential, { instance: { __rl: true, mode: 'id', value: String(quiet.id) }, ...parameters });
	base.nodes[1].typeVersion = typeVersion;
	const workflow = await stack.n8n.api('POST', '/workflows', base);
	const run = await stack.n8n.execute(workflow.id, { timeoutMs: 240_000 });
	return { run, items: run.result ? nodeItems(run.result, 'ShareFile') : [] };
}

describe('ShareFile documents in n8n', () => {
	const uploads = {};

	it('the example workflow downloads each new document (text, image, 100 MB) byte for byte and moves it to /top/Processed', async () => {
		uploads['report.txt'] = await stack.sandbox.uploadFile(instance.id, '/top/Inbox/report.txt', text);
		uploads['scan.png'] = await stack.sandbox.uploadFile(instance.id, '/top/Inbox/scan.png', png);
		uploads['archive.bin'] = await stack.sandbox.uploadFile(instance.id, '/top/Inbox/archive.bin', randomChunks(100 * MB, 'big'));
		expect(uploads['report.txt'].md5).toBe(md5(text));

		const executions = await waitFor(
			'three finished executions',
			async () => {
				const all = await stack.n8n.executions(exampleId);
				return all.length >= 3 && all.every((execution) => ['success', 'error', 'crashed'].includes(execution.status)) && all;
			},
			{ timeoutMs: 180_000, intervalMs: 1000 },
		);
		expect(executions.map((execution) => execution.status)).toEqual(['success', 'success', 'success']);
		const downloaded = new Map();
		for (const execution of executions) {
			const [item] = execution.data.resultData.runData['Download File'][0].data.main[0];
			downloaded.set(item.json.name, { json: item.json, binary: item.binary.data });
		}
		for (const [name, upload] of Object.entries(uploads)) {
			const { json, binary } = downloaded.get(name);
			expect(binary.fileName).toBe(name);
			expect(json.size).toBe(upload.file.size);
			expect(await storedBinaryMd5(binary)).toBe(upload.md5);
		}
		expect(downloaded.get('report.txt').binary.mimeType).toMatch(/^text\/plain/);
		expect(downloaded.get('scan.png').binary.mimeType).toBe('image/png');

		const items = await stack.sandbox.items(instance.id);
		for (const [name, upload] of Object.entries(uploads)) {
			expect(items.has(`/top/Inbox/${name}`)).toBe(false);
			expect(items.get(`/top/Processed/${name}`)).toMatchObject({ Id: upload.file.id, Hash: upload.md5 });
		}
		// A move is no new document: nothing ran again.
		await new Promise((resolve) => setTimeout(resolve, 2000));
		expect(await stack.n8n.executions(exampleId)).toHaveLength(3);
	});

	it('File → Upload sends a binary from the workflow byte for byte', async () => {
		await stack.sandbox.uploadFile(quiet.id, '/top/Docs/scan.png', png);
		await stack.sandbox.uploadFile(quiet.id, '/top/Docs/report.txt', text);
		// Download then Upload in one run: the uploaded copy is the downloaded binary.
		const workflow = actionWorkflow('download then upload', stack.credential, {
			instance: { __rl: true, mode: 'id', value: String(quiet.id) },
			resource: 'file',
			operation: 'download',
			file: { __rl: true, mode: 'path', value: '/top/Docs/scan.png' },
		});
		workflow.nodes.push({
			id: crypto.randomUUID(),
			name: 'Upload',
			type: TYPES.action,
			typeVersion: 1,
			position: [900, 300],
			parameters: {
				resource: 'file',
				operation: 'upload',
				instance: { __rl: true, mode: 'id', value: String(quiet.id) },
				binaryPropertyName: 'data',
				folder: { __rl: true, mode: 'path', value: '/top/Uploads' },
				fileName: 'scan-copy.png',
			},
			credentials: workflow.nodes[1].credentials,
		});
		workflow.connections.ShareFile = { main: [[{ node: 'Upload', type: 'main', index: 0 }]] };
		const created = await stack.n8n.api('POST', '/workflows', workflow);
		const upload = await stack.n8n.execute(created.id);
		expect(upload.code).toBe(0);
		expect(nodeItems(upload.result, 'Upload')[0]).toMatchObject({ name: 'scan-copy.png', path: '/top/Uploads/scan-copy.png' });
		expect((await stack.sandbox.items(quiet.id)).get('/top/Uploads/scan-copy.png').Hash).toBe(md5(png));
	});

	it('File → Copy onto a taken path fails saying so and naming the fix; with Overwrite it replaces', async () => {
		const copy = (overwrite) => ({
			resource: 'file',
			operation: 'copy',
			file: { __rl: true, mode: 'path', value: '/top/Docs/report.txt' },
			destinationPath: '/top/Uploads/scan-copy.png',
			overwrite,
		});
		const refused = await runAction('copy conflict', copy(false));
		expect(refused.run.code).not.toBe(0);
		expect(refused.run.stdout + refused.run.stderr).toMatch(/A file already exists at \/top\/Uploads\/scan-copy\.png/);
		expect((await stack.sandbox.items(quiet.id)).get('/top/Uploads/scan-copy.png').Hash).toBe(md5(png));

		const replaced = await runAction('copy overwrite', copy(true));
		expect(replaced.run.code).toBe(0);
		expect((await stack.sandbox.items(quiet.id)).get('/top/Uploads/scan-copy.png').Hash).toBe(md5(text));
	});

	it('File → Move or Rename and File → Delete change the account', async () => {
		const moved = await runAction('move', {
			resource: 'file',
			operation: 'move',
			file: { __rl: true, mode: 'path', value: '/top/Uploads/scan-copy.png' },
			newPath: '/top/Archive/2026/report-copy.txt',
		});
		expect(moved.run.code).toBe(0);
		let items = await stack.sandbox.items(quiet.id);
		expect(items.has('/top/Uploads/scan-copy.png')).toBe(false);
		const archived = items.get('/top/Archive/2026/report-copy.txt');
		expect(archived.Hash).toBe(md5(text));

		const deleted = await runAction('delete', { resource: 'file', operation: 'delete', file: { __rl: true, mode: 'id', value: archived.Id } });
		expect(deleted.run.code).toBe(0);
		items = await stack.sandbox.items(quiet.id);
		expect(items.has('/top/Archive/2026/report-copy.txt')).toBe(false);
	});

	it('Folder → List Contents with Return All lists a folder of 1,200 items completely', async () => {
		const changes = Array.from({ length: 1200 }, (_, index) => ({ op: 'upload', path: `/top/Big/file-${String(index).padStart(4, '0')}.txt`, content: `${index}` }));
		await stack.sandbox.change(quiet.id, { changes: [{ op: 'createFolder', path: '/top/Big' }, ...changes] });
		const { run, items } = await runAction('list 1200', {
			resource: 'folder',
			operation: 'listContents',
			folder: { __rl: true, mode: 'path', value: '/top/Big' },
			returnAll: true,
		});
		expect(run.code).toBe(0);
		expect(items).toHaveLength(1200);
		expect(new Set(items.map((item) => item.name)).size).toBe(1200);
		expect(items.every((item) => item.path.startsWith('/top/Big/'))).toBe(true);
	});

	it('Share → Create (Send of a file and a folder, Request into a folder) and Get Many go to /share with ShareFile’s share body', async () => {
		await stack.sandbox.uploadFile(quiet.id, '/top/Shared/q3.txt', text);
		await stack.sandbox.change(quiet.id, { changes: [{ op: 'createFolder', path: '/top/Shared/Contracts' }, { op: 'createFolder', path: '/top/Inbox-requests' }] });
		const send = await runAction(
			'share send',
			{
				resource: 'share',
				operation: 'create',
				shareType: 'Send',
				title: 'Q3 pack',
				shareItems: {
					item: [
						{ kind: 'file', file: { __rl: true, mode: 'path', value: '/top/Shared/q3.txt' } },
						{ kind: 'folder', folder: { __rl: true, mode: 'path', value: '/top/Shared/Contracts' } },
					],
				},
				shareOptions: { maxDownloads: 3 },
			},
			1.1,
		);
		expect(send.run.code).toBe(0);
		expect(send.items[0]).toMatchObject({ ShareType: 'Send', Title: 'Q3 pack', MaxDownloads: 3, Items: [{ Name: 'q3.txt' }, { Name: 'Contracts' }] });
		// The share's own link hands the file out without credentials.
		const listing = await (await fetch(send.items[0].Uri)).json();
		const file = listing.items.find((item) => item.name === 'q3.txt');
		expect(md5(Buffer.from(await (await fetch(file.downloadUrl)).arrayBuffer()))).toBe(md5(text));

		const request = await runAction(
			'share request',
			{ resource: 'share', operation: 'create', shareType: 'Request', title: 'Invoices please', folder: { __rl: true, mode: 'path', value: '/top/Inbox-requests' } },
			1.1,
		);
		expect(request.run.code).toBe(0);
		expect(request.items[0]).toMatchObject({ ShareType: 'Request', Items: [{ Name: 'Inbox-requests' }] });

		const listed = await runAction('share list', { resource: 'share', operation: 'getMany', returnAll: true }, 1.1);
		expect(listed.run.code).toBe(0);
		expect(listed.items.map((share) => share.Title)).toEqual(expect.arrayContaining(['Q3 pack', 'Invoices please']));
		const paths = (await stack.sandbox.requests()).filter((entry) => entry.path.startsWith('/hubs/documents/share')).map((entry) => `${entry.method} ${entry.path} ${entry.status}`);
		expect(paths).toEqual(expect.arrayContaining(['POST /hubs/documents/share 200', 'GET /hubs/documents/share 200']));
		expect(paths.some((entry) => entry.includes('/shares'))).toBe(false);
	});

	it('a version 1 Share → Send saved without its default operation still loads and runs on /share', async () => {
		const shared = (await stack.sandbox.items(quiet.id)).get('/top/Shared/q3.txt');
		const { run, items } = await runAction('legacy send', { resource: 'share', itemIds: shared.Id, recipients: 'anna@example.com', additionalFields: { subject: 'Report' } });
		expect(run.code).toBe(0);
		expect(items[0]).toMatchObject({ ShareType: 'Send', Title: 'Report', Items: [{ Id: shared.Id }], Recipients: [{ User: { Email: 'anna@example.com' } }] });
	});

	it('File → List Revisions by path answers each revision with its filePath; Instance → Check Connection calls /objects', async () => {
		await stack.sandbox.change(quiet.id, { op: 'update', path: '/top/Shared/q3.txt', content: 'second version' });
		const revisions = await runAction('revisions', { resource: 'file', operation: 'listRevisions', file: { __rl: true, mode: 'path', value: '/top/Shared/q3.txt' } }, 1.1);
		expect(revisions.run.code).toBe(0);
		expect(revisions.items).toHaveLength(2);
		expect(revisions.items.every((revision) => revision.filePath === '/top/Shared/q3.txt')).toBe(true);

		const check = await runAction('check', { resource: 'instance', operation: 'checkConnection' }, 1.1);
		expect(check.run.code).toBe(0);
		expect(check.items[0]).toMatchObject({ instanceId: quiet.id, working: true });
		expect((await stack.sandbox.requests()).some((entry) => entry.path === '/objects' && entry.status === 200 && entry.element)).toBe(true);
	});
});
