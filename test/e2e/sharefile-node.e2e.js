'use strict';
// The ShareFile node (ShareFile's own API v3, no Cloud Elements) in a real n8n 2.41.1 with binary
// data on disk: its OAuth2 credential connected through n8n's own OAuth2 endpoints and the
// sandbox's authorize page; a workflow that lists a folder, downloads every file and uploads it
// again (text, PNG, 100 MB), byte for byte; a 1,200-item folder listed completely; every other
// operation (File: Copy with and without Overwrite, Move or Rename, Delete, Get Metadata, Get
// Share Link; Folder: Create, Get, Delete; Search), each checked against the sandbox's account and
// the ShareFile routes it called; and the tokens inside a run: an expired access token renewed
// without the run noticing, a revoked grant failing the run with the words to reconnect.

const crypto = require('node:crypto');

const { nodeItems, PACKAGE } = require('../../scripts/n8n/lib/workflows');
const {
	connectShareFile,
	createShareFileCredential,
	sandboxShareFileCredentialData,
	storedCredentialData,
} = require('../../scripts/n8n/lib/sharefile-connect');
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
	return { ...result, workflowId: workflow.id };
}

/** Manual trigger → one ShareFile node: { code, items (the node's output JSON), stdout, stderr, workflowId }. */
async function runOne(name, parameters) {
	const result = await run(name, [node('Start', 'n8n-nodes-base.manualTrigger', {}), shareFile('ShareFile', parameters)]);
	return { ...result, items: nodeItems(result.result, 'ShareFile') };
}

const byPath = (value) => ({ __rl: true, mode: 'path', value });
const byId = (value) => ({ __rl: true, mode: 'id', value });
const account = async () => await stack.sandbox.items(instance.id);
const isFolder = (item) => item['odata.type'] === 'ShareFile.Api.Models.Folder';

/** The ShareFile API v3 calls the sandbox logged since it was cleared, as "METHOD route status" (host and ids cut). */
async function shareFileCalls() {
	return (await stack.sandbox.requests())
		.filter((entry) => entry.path.startsWith('/sharefile/'))
		.map((entry) => `${entry.method} ${entry.path.replace(/^\/sharefile\/[^/]+\/sf\/v3/, '').replace(/\((?:fi|fo)[0-9a-f]+\)/g, '(id)')} ${entry.status}`);
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

	describe('every other operation, checked against the sandbox account', () => {
		beforeAll(async () => {
			await stack.sandbox.uploadFile(instance.id, '/top/Ops/report.txt', text);
			await stack.sandbox.uploadFile(instance.id, '/top/Ops/scan.png', png);
			await stack.sandbox.uploadFile(instance.id, '/top/Ops/Target/report.txt', Buffer.from('the older report\n'));
			await stack.sandbox.change(instance.id, { changes: [{ op: 'createFolder', path: '/top/Ops/Empty' }] });
		});

		it('File → Get Metadata by path and by ID: the sandbox item, its raw ShareFile item under raw', async () => {
			const stored = (await account()).get('/top/Ops/report.txt');
			await stack.sandbox.clearRequests();
			const byPathRun = await runOne('get metadata by path', { resource: 'file', operation: 'getMetadata', file: byPath('/top/Ops/report.txt') });
			expect(byPathRun.code).toBe(0);
			expect(byPathRun.items).toEqual([
				expect.objectContaining({ id: stored.Id, name: 'report.txt', path: '/top/Ops/report.txt', directory: false, size: text.length, raw: expect.objectContaining({ Id: stored.Id, Hash: md5(text) }) }),
			]);
			expect(await shareFileCalls()).toEqual(['GET /Items/ByPath 200']);
			const byIdRun = await runOne('get metadata by id', { resource: 'file', operation: 'getMetadata', file: byId(stored.Id) });
			expect(byIdRun.code).toBe(0);
			expect(byIdRun.items).toEqual([expect.objectContaining({ id: stored.Id, path: '/top/Ops/report.txt', size: text.length })]);
			// A folder where a file is asked for: refused in words.
			const folder = await runOne('get metadata of a folder', { resource: 'file', operation: 'getMetadata', file: byPath('/top/Ops/Empty') });
			expect(folder.code).not.toBe(0);
			expect(folder.stdout + folder.stderr).toMatch(/is a folder, not a file/);
		});

		it('File → Copy into another folder; onto a taken name it fails saying so, and with Overwrite it replaces', async () => {
			const copy = (destination, overwrite) => ({ resource: 'file', operation: 'copy', file: byPath('/top/Ops/report.txt'), destinationFolder: byPath(destination), overwrite });
			await stack.sandbox.clearRequests();
			const copied = await runOne('copy into a new folder', copy('/top/Ops/Copies/2026', false));
			expect(copied.code).toBe(0);
			let items = await account();
			const source = items.get('/top/Ops/report.txt');
			const copy2026 = items.get('/top/Ops/Copies/2026/report.txt');
			expect(copy2026).toMatchObject({ Hash: md5(text), FileSizeBytes: text.length });
			expect(copy2026.Id).not.toBe(source.Id);
			expect(copied.items).toEqual([expect.objectContaining({ id: copy2026.Id, name: 'report.txt', path: '/top/Ops/Copies/2026/report.txt' })]);
			expect(items.get('/top/Ops/report.txt').Hash).toBe(md5(text)); // the source stays
			expect(await shareFileCalls()).toEqual(expect.arrayContaining(['POST /Items(id)/Folder 200', 'POST /Items(id)/Copy 200']));

			const taken = items.get('/top/Ops/Target/report.txt');
			const refused = await runOne('copy conflict', copy('/top/Ops/Target', false));
			expect(refused.code).not.toBe(0);
			expect(refused.stdout + refused.stderr).toMatch(/A file already exists at \/top\/Ops\/Target\/report\.txt/);
			const [failedRun] = await stack.n8n.executions(refused.workflowId);
			expect(failedRun.status).toBe('error');
			expect(failedRun.data.resultData.error.message).toBe('A file already exists at /top/Ops/Target/report.txt');
			expect(failedRun.data.resultData.error.description).toMatch(/Turn on Overwrite/);
			expect((await account()).get('/top/Ops/Target/report.txt')).toMatchObject({ Id: taken.Id, Hash: md5(Buffer.from('the older report\n')) });

			const replaced = await runOne('copy with overwrite', copy('/top/Ops/Target', true));
			expect(replaced.code).toBe(0);
			items = await account();
			expect(items.get('/top/Ops/Target/report.txt')).toMatchObject({ Hash: md5(text), FileSizeBytes: text.length });
			expect([...items.keys()].filter((key) => key.startsWith('/top/Ops/Target/'))).toEqual(['/top/Ops/Target/report.txt']);
		});

		it('File → Move or Rename: a rename in place, a move into folders that do not exist yet, a taken path refused and with Overwrite replaced', async () => {
			const move = (file, newPath, overwrite = false) => ({ resource: 'file', operation: 'move', file, newPath, overwrite });
			const png0 = (await account()).get('/top/Ops/scan.png');
			const renamed = await runOne('rename', move(byPath('/top/Ops/scan.png'), '/top/Ops/scan-2026.png'));
			expect(renamed.code).toBe(0);
			let items = await account();
			expect(items.has('/top/Ops/scan.png')).toBe(false);
			expect(items.get('/top/Ops/scan-2026.png')).toMatchObject({ Id: png0.Id, Hash: md5(png) });
			expect(renamed.items).toEqual([expect.objectContaining({ id: png0.Id, name: 'scan-2026.png', path: '/top/Ops/scan-2026.png' })]);

			await stack.sandbox.clearRequests();
			const moved = await runOne('move and rename into new folders', move(byId(png0.Id), '/top/Ops/Archive/2026/Q1/scan-q1.png'));
			expect(moved.code).toBe(0);
			items = await account();
			expect(items.has('/top/Ops/scan-2026.png')).toBe(false);
			expect(isFolder(items.get('/top/Ops/Archive/2026'))).toBe(true);
			expect(items.get('/top/Ops/Archive/2026/Q1/scan-q1.png')).toMatchObject({ Id: png0.Id, Hash: md5(png) });
			expect(await shareFileCalls()).toEqual(expect.arrayContaining(['PATCH /Items(id) 200']));

			// /top/Ops/Target/report.txt is taken: refused, then replaced with Overwrite.
			const copy = (await account()).get('/top/Ops/Copies/2026/report.txt');
			const refused = await runOne('move conflict', move(byId(copy.Id), '/top/Ops/Target/report.txt'));
			expect(refused.code).not.toBe(0);
			expect(refused.stdout + refused.stderr).toMatch(/A file already exists at \/top\/Ops\/Target\/report\.txt/);
			expect((await account()).get('/top/Ops/Copies/2026/report.txt').Id).toBe(copy.Id);
			const replaced = await runOne('move with overwrite', move(byId(copy.Id), '/top/Ops/Target/report.txt', true));
			expect(replaced.code).toBe(0);
			items = await account();
			expect(items.has('/top/Ops/Copies/2026/report.txt')).toBe(false);
			expect(items.get('/top/Ops/Target/report.txt')).toMatchObject({ Id: copy.Id, Hash: md5(text) });
		});

		it('File → Get Share Link: a Send share whose link downloads the file without credentials', async () => {
			const target = (await account()).get('/top/Ops/Target/report.txt');
			await stack.sandbox.clearRequests();
			const shared = await runOne('share link', {
				resource: 'file',
				operation: 'getShareLink',
				file: byPath('/top/Ops/Target/report.txt'),
				shareOptions: { title: 'Report for Anna', maxDownloads: 2 },
			});
			expect(shared.code).toBe(0);
			const [share] = shared.items;
			expect(share).toMatchObject({ ShareType: 'Send', Title: 'Report for Anna', MaxDownloads: 2, Items: [expect.objectContaining({ Id: target.Id })] });
			expect(share.link).toBe(share.Uri);
			expect(await shareFileCalls()).toEqual(['GET /Items/ByPath 200', 'POST /Shares 200']);
			const download = await fetch(share.link);
			expect(download.status).toBe(200);
			expect(md5(Buffer.from(await download.arrayBuffer()))).toBe(md5(text));
		});

		it('File → Delete removes the file (by path and by ID); a file already gone fails with ShareFile\'s 404', async () => {
			const target = (await account()).get('/top/Ops/Target/report.txt');
			const deleted = await runOne('delete by id', { resource: 'file', operation: 'delete', file: byId(target.Id) });
			expect(deleted.code).toBe(0);
			expect(deleted.items).toEqual([expect.objectContaining({ id: target.Id, deleted: true })]);
			expect((await account()).has('/top/Ops/Target/report.txt')).toBe(false);
			const byPathRun = await runOne('delete by path', { resource: 'file', operation: 'delete', file: byPath('/top/Ops/report.txt') });
			expect(byPathRun.code).toBe(0);
			expect((await account()).has('/top/Ops/report.txt')).toBe(false);

			const gone = await runOne('delete again', { resource: 'file', operation: 'delete', file: byId(target.Id) });
			expect(gone.code).not.toBe(0);
			const [execution] = await stack.n8n.executions(gone.workflowId);
			expect(execution.data.resultData.error).toMatchObject({ httpCode: '404', message: expect.stringMatching(/^ShareFile: /) });
		});

		it('Folder → Create makes the missing parents; a folder already there fails saying so', async () => {
			await stack.sandbox.clearRequests();
			const made = await runOne('create folder', { resource: 'folder', operation: 'create', folderPath: '/top/Ops/Projects/Alpha/Drafts' });
			expect(made.code).toBe(0);
			const items = await account();
			for (const folder of ['/top/Ops/Projects', '/top/Ops/Projects/Alpha', '/top/Ops/Projects/Alpha/Drafts']) expect(isFolder(items.get(folder))).toBe(true);
			expect(made.items).toEqual([expect.objectContaining({ id: items.get('/top/Ops/Projects/Alpha/Drafts').Id, name: 'Drafts', path: '/top/Ops/Projects/Alpha/Drafts', directory: true })]);
			expect((await shareFileCalls()).filter((call) => call.startsWith('POST'))).toEqual(['POST /Items(id)/Folder 200', 'POST /Items(id)/Folder 200', 'POST /Items(id)/Folder 200']);

			const again = await runOne('create folder again', { resource: 'folder', operation: 'create', folderPath: '/top/Ops/Projects/Alpha/Drafts' });
			expect(again.code).not.toBe(0);
			expect(again.stdout + again.stderr).toMatch(/A folder already exists at \/top\/Ops\/Projects\/Alpha\/Drafts/);
		});

		it('Folder → Get by path and by ID', async () => {
			await stack.sandbox.uploadFile(instance.id, '/top/Ops/Projects/Alpha/plan.txt', text);
			const alpha = (await account()).get('/top/Ops/Projects/Alpha');
			const got = await runOne('folder get by path', { resource: 'folder', operation: 'get', folder: byPath('/top/Ops/Projects/Alpha') });
			expect(got.code).toBe(0);
			expect(got.items).toEqual([expect.objectContaining({ id: alpha.Id, name: 'Alpha', path: '/top/Ops/Projects/Alpha', directory: true, raw: expect.objectContaining({ FileCount: 2 }) })]);
			const gotById = await runOne('folder get by id', { resource: 'folder', operation: 'get', folder: byId(alpha.Id) });
			expect(gotById.code).toBe(0);
			expect(gotById.items).toEqual([expect.objectContaining({ id: alpha.Id, path: '/top/Ops/Projects/Alpha' })]);
		});

		it('Search finds files and folders by part of the name, everywhere or under a folder path, as the account holds them', async () => {
			await stack.sandbox.change(instance.id, {
				changes: [
					{ op: 'createFolder', path: '/top/Ops/Invoices' },
					{ op: 'upload', path: '/top/Ops/Invoices/invoice-001.pdf', content: 'one' },
					{ op: 'upload', path: '/top/Ops/Invoices/Invoice-002.PDF', content: 'two' },
					{ op: 'upload', path: '/top/Ops/Projects/Alpha/invoice-draft.txt', content: 'draft' },
				],
			});
			const expected = [...(await account()).keys()].filter((key) => key.split('/').pop().toLowerCase().includes('invoice'));
			expect(expected).toHaveLength(4); // the folder Invoices and three files
			await stack.sandbox.clearRequests();
			const everywhere = await runOne('search', { resource: 'search', operation: 'search', text: 'invoice', returnAll: true });
			expect(everywhere.code).toBe(0);
			expect(everywhere.items.map((item) => item.path).sort()).toEqual(expected.sort());
			expect(everywhere.items.find((item) => item.name === 'Invoices')).toMatchObject({ directory: true });
			expect(await shareFileCalls()).toEqual(['GET /Items/Search 200']);

			const under = await runOne('search under a folder', { resource: 'search', operation: 'search', text: 'INVOICE', returnAll: true, options: { folderPath: '/top/Ops/Projects' } });
			expect(under.code).toBe(0);
			expect(under.items.map((item) => item.path)).toEqual(['/top/Ops/Projects/Alpha/invoice-draft.txt']);

			const limited = await runOne('search with a limit', { resource: 'search', operation: 'search', text: 'invoice', returnAll: false, limit: 2 });
			expect(limited.code).toBe(0);
			expect(limited.items).toHaveLength(2);
		});

		it('Folder → Delete removes the folder with everything in it; the top folder is refused', async () => {
			const before = [...(await account()).keys()].filter((key) => key.startsWith('/top/Ops/Projects/'));
			expect(before.length).toBeGreaterThanOrEqual(4);
			const deleted = await runOne('folder delete', { resource: 'folder', operation: 'delete', folder: byPath('/top/Ops/Projects') });
			expect(deleted.code).toBe(0);
			expect(deleted.items).toEqual([expect.objectContaining({ deleted: true })]);
			const items = await account();
			expect([...items.keys()].filter((key) => key === '/top/Ops/Projects' || key.startsWith('/top/Ops/Projects/'))).toEqual([]);
			expect(items.has('/top/Ops/Invoices/invoice-001.pdf')).toBe(true);

			const top = await runOne('delete top', { resource: 'folder', operation: 'delete', folder: byPath('/top') });
			expect(top.code).not.toBe(0);
			expect(top.stdout + top.stderr).toMatch(/The top folder of the account cannot be deleted/);
			expect((await account()).has('/top/Ops/Invoices/invoice-001.pdf')).toBe(true);
		});
	});

	describe('tokens inside a workflow run', () => {
		const WAIT = (name) => node(name, 'n8n-nodes-base.wait', { resume: 'timeInterval', amount: 2, unit: 'seconds' }, { typeVersion: 1.1, webhookId: crypto.randomUUID() });

		it('access tokens that live 1 second: the run renews them as it goes, succeeds, and n8n keeps the new tokens', async () => {
			await stack.sandbox.uploadFile(instance.id, '/top/Tokens/in/note.txt', text);
			await stack.sandbox.control('PUT', '/sharefile/settings', { accessTokenLifetimeSeconds: 1 });
			// Connected again, the credential holds an access token of 1 second; it has lapsed before the run starts.
			await connectShareFile(stack.n8n, credential.id, { accountSubdomain: 'acme' });
			const before = (await storedCredentialData(stack.n8n, credential.id)).oauthTokenData;
			expect(before.expires_in).toBe(1);
			await new Promise((resolve) => setTimeout(resolve, 1500));
			await stack.sandbox.clearRequests();

			const result = await run('tokens renewed in the run', [
				node('Start', 'n8n-nodes-base.manualTrigger', {}),
				shareFile('List', { resource: 'folder', operation: 'listContents', folder: byPath('/top/Tokens/in'), returnAll: true }),
				WAIT('Wait 1'),
				shareFile('Download', { resource: 'file', operation: 'download', file: byId('={{ $json.id }}') }),
				WAIT('Wait 2'),
				shareFile('Upload', { resource: 'file', operation: 'upload', binaryPropertyName: 'data', folder: byPath('/top/Tokens/out') }),
			]);
			expect(result.code).toBe(0);
			const [execution] = await stack.n8n.executions(result.workflowId);
			expect(execution.status).toBe('success');
			expect(execution.data.resultData.error).toBeUndefined();
			expect(nodeItems(result.result, 'Upload')).toEqual([expect.objectContaining({ path: '/top/Tokens/out/note.txt' })]);
			expect((await account()).get('/top/Tokens/out/note.txt')).toMatchObject({ Hash: md5(text) });

			// Each ShareFile node met a lapsed token: a 401, a refresh at the account's token URL, the call again.
			const calls = await shareFileCalls();
			const refreshes = calls.filter((call) => call === 'POST /sharefile/acme/oauth/token 200');
			expect(refreshes.length).toBeGreaterThanOrEqual(3);
			// Nothing else went wrong (the one 404 is the upload asking whether /top/Tokens/out exists yet).
			expect(calls.filter((call) => !/ (200|204|401)$/.test(call))).toEqual(['GET /Items/ByPath 404']);
			calls.forEach((call, index) => {
				if (call.endsWith(' 401')) expect(calls[index + 1]).toBe('POST /sharefile/acme/oauth/token 200');
			});

			const after = (await storedCredentialData(stack.n8n, credential.id)).oauthTokenData;
			expect(after.access_token).not.toBe(before.access_token);
			expect(after.refresh_token).not.toBe(before.refresh_token); // the sandbox rotates them: n8n kept each new one
			expect(after).toMatchObject({ subdomain: 'acme', apicp: 'sharefile.com' });
			expect(JSON.stringify(execution)).not.toContain(after.access_token);
			expect(JSON.stringify(execution)).not.toContain(after.refresh_token);
		});

		it('a revoked grant: the run fails with the words to reconnect the credential, read back through n8n\'s API', async () => {
			expect(await stack.sandbox.control('POST', '/sharefile/revoke', { all: true })).toMatchObject({ revoked: expect.any(Number) });
			await stack.sandbox.clearRequests();
			const result = await runOne('revoked', { resource: 'folder', operation: 'get', folder: byPath('/top/Tokens') });
			expect(result.code).not.toBe(0);
			const [execution] = await stack.n8n.executions(result.workflowId);
			expect(execution).toMatchObject({ status: 'error', mode: 'cli' });
			const { error } = execution.data.resultData;
			expect(error.message).toBe(`ShareFile no longer accepts the credential "${credential.name}": reconnect it`);
			expect(error.description).toMatch(/Connect my account/);
			expect(error.node?.name ?? execution.data.resultData.lastNodeExecuted).toBe('ShareFile');
			// No retries of a refusal: one call, one refused renewal.
			expect(await shareFileCalls()).toEqual(['GET /Items/ByPath 401', 'POST /sharefile/acme/oauth/token 400']);

			// Connected again, the same workflow runs.
			await stack.sandbox.control('PUT', '/sharefile/settings', { accessTokenLifetimeSeconds: 3600 });
			await connectShareFile(stack.n8n, credential.id, { accountSubdomain: 'acme' });
			const again = await stack.n8n.execute(result.workflowId);
			expect(again.code).toBe(0);
			expect(nodeItems(again.result, 'ShareFile')).toEqual([expect.objectContaining({ path: '/top/Tokens', directory: true })]);
		});
	});
});
