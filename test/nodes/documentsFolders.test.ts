import { documentsInstance } from '../harness/documents';
import { runActionNode, searchDocumentsInEditor } from '../harness/n8n';
import { useTestSandbox } from '../harness/sandboxClient';

const sandbox = useTestSandbox();

const byPath = (path: string) => ({ __rl: true, mode: 'path', value: path });

async function bigFolder(count: number) {
	const docs = await documentsInstance(sandbox(), 'big');
	const changes = Array.from({ length: count }, (_, index) => ({
		op: 'upload',
		path: `/top/Big/file-${String(index).padStart(5, '0')}.txt`,
		content: String(index),
	}));
	await docs.change({ changes });
	return docs;
}

describe('Folder → List Contents', () => {
	it('lists a folder of 1,200 items completely with Return All, page by page', async () => {
		const docs = await bigFolder(1200);
		await sandbox().control('DELETE', '/requests');
		const { items, error } = await runActionNode(sandbox().credentials(), {
			resource: 'folder',
			operation: 'listContents',
			instance: docs.locator,
			folder: byPath('/top/Big'),
			returnAll: true,
		});
		expect(error).toBeUndefined();
		const names = items.map((item) => item.json.name as string);
		expect(names).toHaveLength(1200);
		expect(new Set(names).size).toBe(1200);
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		const pages = (await sandbox().requests()).filter((request) => request.path.includes('/folders/contents'));
		expect(pages.length).toBeGreaterThanOrEqual(12);
		expect(pages.length).toBeLessThanOrEqual(13);
	});

	it('stops at the Limit', async () => {
		const docs = await bigFolder(250);
		const { items, error } = await runActionNode(sandbox().credentials(), {
			resource: 'folder',
			operation: 'listContents',
			instance: docs.locator,
			folder: byPath('/top/Big'),
			returnAll: false,
			limit: 130,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(130);
		expect(new Set(items.map((item) => item.json.id)).size).toBe(130);
	});
});

describe('Folder → Create, Get Metadata, Copy, Move, Delete', () => {
	it('creates a folder with its missing parents, and explains a taken path', async () => {
		const docs = await documentsInstance(sandbox());
		const parameters = { resource: 'folder', operation: 'create', instance: docs.locator, folderPath: '/top/A/B/C' };
		const created = await runActionNode(sandbox().credentials(), parameters);
		expect(created.error).toBeUndefined();
		expect(created.items[0].json).toMatchObject({ path: '/top/A/B/C', directory: true });
		expect((await docs.metadataAt('folders', '/top/A/B')).status).toBe(200);

		const again = await runActionNode(sandbox().credentials(), parameters);
		expect(again.error?.message).toBe('A folder already exists at /top/A/B/C');
	});

	it('reads, copies, moves and deletes a folder', async () => {
		const docs = await documentsInstance(sandbox());
		await docs.upload('/top/Src/x.txt', Buffer.from('x'));
		const run = async (operation: string, extra: Record<string, unknown> = {}) =>
			await runActionNode(sandbox().credentials(), {
				resource: 'folder',
				operation,
				instance: docs.locator,
				folder: byPath('/top/Src'),
				...extra,
			});
		const metadata = await run('getMetadata');
		expect(metadata.items[0].json).toMatchObject({ path: '/top/Src', directory: true });

		const copied = await run('copy', { destinationPath: '/top/Copy' });
		expect(copied.error).toBeUndefined();
		expect((await docs.bytesAt('/top/Copy/x.txt')).toString()).toBe('x');

		const moved = await run('move', { newPath: '/top/Moved' });
		expect(moved.error).toBeUndefined();
		expect((await docs.metadataAt('folders', '/top/Moved')).status).toBe(200);

		const deleted = await runActionNode(sandbox().credentials(), {
			resource: 'folder',
			operation: 'delete',
			instance: docs.locator,
			folder: byPath('/top/Moved'),
		});
		expect(deleted.items[0].json).toEqual({ path: '/top/Moved', deleted: true });
		expect((await docs.metadataAt('files', '/top/Moved/x.txt')).status).toBe(404);
	});
});

describe('Search and Share', () => {
	it('searches names under a folder, with a Limit', async () => {
		const docs = await documentsInstance(sandbox());
		await docs.change({
			changes: [
				{ op: 'upload', path: '/top/Invoices/invoice-1.pdf' },
				{ op: 'upload', path: '/top/Invoices/2024/invoice-2.pdf' },
				{ op: 'upload', path: '/top/Other/invoice-3.pdf' },
				{ op: 'upload', path: '/top/Invoices/receipt.pdf' },
			],
		});
		const search = async (extra: Record<string, unknown>) =>
			await runActionNode(sandbox().credentials(), {
				resource: 'search',
				operation: 'search',
				instance: docs.locator,
				text: 'invoice',
				returnAll: true,
				...extra,
			});
		const under = await search({ options: { folderPath: '/top/Invoices' } });
		expect(under.error).toBeUndefined();
		expect(under.items.map((item) => item.json.name).sort()).toEqual(['invoice-1.pdf', 'invoice-2.pdf']);
		const everywhere = await search({});
		expect(everywhere.items.filter((item) => String(item.json.name).startsWith('invoice-'))).toHaveLength(3);
		const limited = await search({ returnAll: false, limit: 1 });
		expect(limited.items).toHaveLength(1);
	});
});

describe('File and folder pickers (list search)', () => {
	it('browses a folder, filters by name and pages on', async () => {
		const docs = await bigFolder(120);
		await docs.change({ changes: [{ op: 'createFolder', path: '/top/Big/Sub' }, { op: 'upload', path: '/top/root.txt' }] });
		const instance = docs.locator;

		const rootFiles = await searchDocumentsInEditor(sandbox().credentials(), 'searchFiles', instance);
		expect(rootFiles.results.map((result) => result.name)).toEqual(['/top/root.txt']);

		const folders = await searchDocumentsInEditor(sandbox().credentials(), 'searchFolders', instance, '/top/Big/');
		expect(folders.results.map((result) => result.name)).toEqual(['/top/Big/Sub']);

		const filtered = await searchDocumentsInEditor(sandbox().credentials(), 'searchFiles', instance, '/top/Big/file-0011');
		expect(filtered.results.map((result) => result.name)).toEqual(
			Array.from({ length: 10 }, (_, index) => `/top/Big/file-0011${index}.txt`),
		);

		const firstPage = await searchDocumentsInEditor(sandbox().credentials(), 'searchFiles', instance, '/top/Big/');
		expect(firstPage.results.length).toBeGreaterThanOrEqual(50);
		let all = [...firstPage.results];
		let token = firstPage.paginationToken;
		while (token) {
			const next = await searchDocumentsInEditor(sandbox().credentials(), 'searchFiles', instance, '/top/Big/', token);
			all = all.concat(next.results);
			token = next.paginationToken;
		}
		expect(new Set(all.map((result) => result.value)).size).toBe(120);
	});
});
