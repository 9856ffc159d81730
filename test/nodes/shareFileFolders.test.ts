import type { IDataObject } from 'n8n-workflow';

import { useTestSandbox, type SandboxClient } from '../harness/sandboxClient';
import { byId, byPath, fromList, shareFileAccount } from '../harness/shareFile';

const sandbox = useTestSandbox();

async function place(client: SandboxClient, instanceId: number, changes: IDataObject[]) {
	const answer = await client.control('POST', `/instances/${instanceId}/documents`, { changes });
	if (answer?.message) throw new Error(answer.message);
	return answer.changes as Array<{ id: string }>;
}

describe('ShareFile → Folder', () => {
	it('creates a folder with its missing parents; a folder already there is refused', async () => {
		const account = await shareFileAccount(sandbox());
		const made = await account.run({ resource: 'folder', operation: 'create', folderPath: '/top/A/B/C' });
		expect(made.error).toBeUndefined();
		expect(made.items[0].json).toMatchObject({ name: 'C', path: '/top/A/B/C', directory: true });
		const again = await account.run({ resource: 'folder', operation: 'create', folderPath: '/top/A/B/C' });
		expect(again.error?.message).toBe('A folder already exists at /top/A/B/C');
		expect(again.error?.description).toContain('Delete it first, or choose');
		const notAPath = await account.run({ resource: 'folder', operation: 'create', folderPath: 'Reports' });
		expect(notAPath.error?.message).toBe('Folder Path "Reports" is not a full path');
	});

	it('lists a folder of 1,200 items completely, page by page, and stops at a limit', async () => {
		const account = await shareFileAccount(sandbox());
		const changes: IDataObject[] = [{ op: 'createFolder', path: '/top/Big' }];
		for (let index = 0; index < 1200; index++) {
			changes.push(index % 10 === 0
				? { op: 'createFolder', path: `/top/Big/folder-${String(index).padStart(4, '0')}` }
				: { op: 'upload', path: `/top/Big/file-${String(index).padStart(4, '0')}.txt`, content: `#${index}` });
		}
		for (let start = 0; start < changes.length; start += 400) await place(sandbox(), account.instance.id, changes.slice(start, start + 400));
		await sandbox().control('DELETE', '/requests');
		const all = await account.run({ resource: 'folder', operation: 'listContents', folder: byPath('/top/Big'), returnAll: true });
		expect(all.error).toBeUndefined();
		expect(all.items).toHaveLength(1200);
		const names = all.items.map((item) => item.json.name as string);
		expect(new Set(names).size).toBe(1200);
		expect(names.filter((name) => name.startsWith('folder-'))).toHaveLength(120);
		expect(all.items.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0)).toBe(true);
		const pages = (await sandbox().requests()).filter((entry) => entry.path.endsWith('/Children'));
		expect(pages).toHaveLength(3);
		const limited = await account.run({ resource: 'folder', operation: 'listContents', folder: byPath('/top/Big'), returnAll: false, limit: 30 });
		expect(limited.items).toHaveLength(30);
	});

	it('gets a folder by ID or path and deletes it with everything in it; the top folder is refused', async () => {
		const account = await shareFileAccount(sandbox());
		const [folder] = await place(sandbox(), account.instance.id, [
			{ op: 'createFolder', path: '/top/Old' },
			{ op: 'upload', path: '/top/Old/a.txt', content: 'a' },
		]);
		const got = await account.run({ resource: 'folder', operation: 'get', folder: byId(folder.id) });
		expect(got.items[0].json).toMatchObject({ id: folder.id, path: '/top/Old', directory: true });
		const asFile = await account.run({ resource: 'file', operation: 'delete', file: byId(folder.id) });
		expect(asFile.error?.message).toBe(`File ID ${folder.id} is a folder, not a file`);
		const deleted = await account.run({ resource: 'folder', operation: 'delete', folder: byPath('/top/Old') });
		expect(deleted.items[0].json).toEqual({ path: '/top/Old', id: folder.id, deleted: true });
		const gone = await account.run({ resource: 'folder', operation: 'get', folder: byId(folder.id) });
		expect(gone.error?.httpCode).toBe('404');
		const top = await account.run({ resource: 'folder', operation: 'delete', folder: byPath('/top') });
		expect(top.error?.message).toBe('The top folder of the account cannot be deleted');
	});
});

describe('ShareFile → Search and the pickers', () => {
	async function withTree() {
		const account = await shareFileAccount(sandbox());
		await place(sandbox(), account.instance.id, [
			{ op: 'createFolder', path: '/top/Invoices' },
			{ op: 'upload', path: '/top/Invoices/invoice-1.pdf', content: '1' },
			{ op: 'upload', path: '/top/Invoices/invoice-2.pdf', content: '2' },
			{ op: 'upload', path: '/top/invoice-summary.txt', content: 's' },
			{ op: 'upload', path: '/top/notes.txt', content: 'n' },
		]);
		return account;
	}

	it('finds files and folders by name, everywhere, under a folder, or up to a limit', async () => {
		const account = await withTree();
		const everywhere = await account.run({ resource: 'search', operation: 'search', text: 'invoice', returnAll: true });
		expect(everywhere.error).toBeUndefined();
		expect(everywhere.items.map((item) => item.json.name).sort()).toEqual(['Invoices', 'invoice-1.pdf', 'invoice-2.pdf', 'invoice-summary.txt']);
		expect(everywhere.items.find((item) => item.json.name === 'Invoices')?.json).toMatchObject({ directory: true });
		expect(everywhere.items.find((item) => item.json.name === 'invoice-1.pdf')?.json).toMatchObject({ directory: false, size: 1, path: '/top/Invoices/invoice-1.pdf' });
		const under = await account.run({ resource: 'search', operation: 'search', text: 'invoice', returnAll: true, options: { folderPath: '/top/Invoices' } });
		expect(under.items.map((item) => item.json.name).sort()).toEqual(['invoice-1.pdf', 'invoice-2.pdf']);
		const limited = await account.run({ resource: 'search', operation: 'search', text: 'invoice', returnAll: false, limit: 2 });
		expect(limited.items).toHaveLength(2);
	});

	it('browses files and folders for the From List pickers, and a picked item runs', async () => {
		const account = await withTree();
		const folders = await account.listSearch('searchFolders');
		expect(folders.results).toEqual([{ name: '/top/Invoices', value: expect.stringMatching(/^fo/) }]);
		const top = await account.listSearch('searchFiles', 'invoice');
		expect(top.results.map((result) => result.name)).toEqual(['/top/invoice-summary.txt']);
		const inside = await account.listSearch('searchFiles', '/top/Invoices/');
		expect(inside.results.map((result) => result.name)).toEqual(['/top/Invoices/invoice-1.pdf', '/top/Invoices/invoice-2.pdf']);
		const filtered = await account.listSearch('searchFiles', '/top/Invoices/2');
		expect(filtered.results.map((result) => result.name)).toEqual(['/top/Invoices/invoice-2.pdf']);
		const picked = await account.run({ resource: 'file', operation: 'getMetadata', file: fromList(String(inside.results[1].value)) });
		expect(picked.items[0].json.path).toBe('/top/Invoices/invoice-2.pdf');
	});
});
