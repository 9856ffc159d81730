import { documentsInstance } from '../harness/documents';
import { runActionNode } from '../harness/n8n';
import { ORGANIZATION_SECRET, useTestSandbox, USER_SECRET } from '../harness/sandboxClient';

const sandbox = useTestSandbox();

const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
const byPath = (path: string) => ({ __rl: true, mode: 'path', value: path });
/** New nodes are version 1.1: Share → Create and Get Many. */
const current = { node: { typeVersion: 1.1 } };

/** The bodies the action node sent to the share endpoint, as the sandbox received them. */
async function sharePosts() {
	const log = (await sandbox().control('GET', '/requests')) as Array<{ method: string; path: string; status: number }>;
	return log.filter((entry) => entry.path.startsWith('/hubs/documents/share'));
}

describe('Share → Create and Get Many (version 1.1)', () => {
	it('creates a Send share of a file by ID and a folder by path, with ShareFile’s share body, and lists it', async () => {
		const docs = await documentsInstance(sandbox(), 'shares');
		const file = await docs.upload('/top/Reports/q3.pdf', Buffer.from('q3'));
		await docs.upload('/top/Contracts/a.pdf', Buffer.from('a'));
		const { items, error } = await runActionNode(
			sandbox().credentials(),
			{
				resource: 'share',
				operation: 'create',
				instance: docs.locator,
				shareType: 'Send',
				title: 'Q3 pack',
				shareItems: {
					item: [
						{ kind: 'file', file: byId(file.id) },
						{ kind: 'folder', folder: byPath('/top/Contracts') },
					],
				},
				shareOptions: { expirationDate: '2099-01-31', maxDownloads: 5, requireUserInfo: true },
			},
			current,
		);
		expect(error).toBeUndefined();
		const share = items[0].json as Record<string, unknown>;
		expect(share).toMatchObject({
			ShareType: 'Send',
			Title: 'Q3 pack',
			ExpirationDate: '2099-01-31T23:59:59.999Z',
			MaxDownloads: 5,
			RequireUserInfo: true,
			RequireLogin: false,
		});
		expect((share.Items as Array<{ Name: string }>).map((item) => item.Name)).toEqual(['q3.pdf', 'Contracts']);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect((await sharePosts()).map((entry) => `${entry.method} ${entry.path} ${entry.status}`)).toEqual(['POST /hubs/documents/share 200']);
		const text = JSON.stringify(items);
		for (const secret of [USER_SECRET, ORGANIZATION_SECRET, docs.instance.token]) expect(text).not.toContain(secret);

		const listed = await runActionNode(sandbox().credentials(), { resource: 'share', operation: 'getMany', instance: docs.locator, returnAll: true }, current);
		expect(listed.error).toBeUndefined();
		expect(listed.items.map((item) => item.json.Id)).toEqual([share.Id]);
	});

	it('creates a Request share on an upload folder; Get Many stops at the limit', async () => {
		const docs = await documentsInstance(sandbox(), 'requests');
		await docs.change({ op: 'createFolder', path: '/top/Inbox' });
		const create = async (title: string) =>
			await runActionNode(
				sandbox().credentials(),
				{ resource: 'share', operation: 'create', instance: docs.locator, shareType: 'Request', title, folder: byPath('/top/Inbox') },
				current,
			);
		const first = await create('Send us your invoices');
		expect(first.error).toBeUndefined();
		expect(first.items[0].json).toMatchObject({ ShareType: 'Request', Items: [{ Name: 'Inbox', 'odata.type': 'ShareFile.Api.Models.Folder' }] });
		await create('Second');
		await create('Third');
		const limited = await runActionNode(sandbox().credentials(), { resource: 'share', operation: 'getMany', instance: docs.locator, returnAll: false, limit: 2 }, current);
		expect(limited.items.map((item) => item.json.Title)).toEqual(['Send us your invoices', 'Second']);
	});

	it('names what is wrong: an empty item list, a missing path, a bad expiration date', async () => {
		const docs = await documentsInstance(sandbox(), 'bad-shares');
		const run = async (parameters: Record<string, unknown>) =>
			await runActionNode(sandbox().credentials(), { resource: 'share', operation: 'create', instance: docs.locator, ...parameters }, current);
		const empty = await run({ shareType: 'Send', shareItems: {} });
		expect(empty.error?.message).toBe('Files and Folders is empty');
		const missing = await run({ shareType: 'Send', shareItems: { item: [{ kind: 'file', file: byPath('/top/nope.pdf') }] } });
		expect(missing.error?.message).toMatch(/nope\.pdf|No file/);
		expect(missing.error?.httpCode).toBe('404');
		const file = await docs.upload('/top/x.txt', Buffer.from('x'));
		const badDate = await run({ shareType: 'Send', shareItems: { item: [{ kind: 'file', file: byId(file.id) }] }, shareOptions: { expirationDate: 'next week' } });
		expect(badDate.error?.message).toBe('Expiration Date "next week" is not a date');
		expect(await sharePosts()).toEqual([]);
	});
});

describe('Share → Send, as version 1 nodes saved it', () => {
	it('keeps its parameters and runs on the real endpoint with ShareFile’s share body', async () => {
		const docs = await documentsInstance(sandbox());
		const file = await docs.upload('/top/share-me.txt', Buffer.from('s'));
		const { items, error } = await runActionNode(sandbox().credentials(), {
			resource: 'share',
			// Version 1's default, left out of the saved workflow as n8n does with defaults.
			instance: docs.locator,
			itemIds: file.id,
			recipients: 'anna@example.com, ben@example.com',
			additionalFields: { subject: 'Report', expirationDays: 7 },
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			ShareType: 'Send',
			Title: 'Report',
			Items: [{ Id: file.id }],
			Recipients: [{ User: { Email: 'anna@example.com' } }, { User: { Email: 'ben@example.com' } }],
		});
		// Seven days on, as a date: the share lasts to the end of that day.
		expect(String(items[0].json.ExpirationDate).slice(0, 10)).toBe(new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10));
		expect((await sharePosts()).map((entry) => `${entry.method} ${entry.path}`)).toEqual(['POST /hubs/documents/share']);
	});

	it('refuses a message, which a ShareFile share has no place for, before calling Cloud Elements', async () => {
		const docs = await documentsInstance(sandbox());
		const { error } = await runActionNode(sandbox().credentials(), {
			resource: 'share',
			operation: 'send',
			instance: docs.locator,
			itemIds: 'fi123',
			additionalFields: { message: 'Hello' },
		});
		expect(error?.message).toBe('Message cannot be sent with a ShareFile share');
		expect(error?.description).toMatch(/Remove Message/);
		expect(await sharePosts()).toEqual([]);
	});
});

describe('File → List Revisions by path, Instance → Check Connection', () => {
	it('lists a file’s revisions by path, each naming its filePath', async () => {
		const docs = await documentsInstance(sandbox());
		await docs.upload('/top/r.txt', Buffer.from('one'));
		await docs.change({ op: 'update', path: '/top/r.txt', content: 'two' });
		const { items, error } = await runActionNode(sandbox().credentials(), {
			resource: 'file',
			operation: 'listRevisions',
			instance: docs.locator,
			file: byPath('/top/r.txt'),
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.filePath)).toEqual(['/top/r.txt', '/top/r.txt']);
		expect(items.map((item) => item.json.size)).toEqual([3, 3]);
		const log = (await sandbox().control('GET', '/requests')) as Array<{ path: string; query: Record<string, unknown> }>;
		expect(log.filter((entry) => entry.path.includes('revisions')).map((entry) => [entry.path, entry.query.path])).toEqual([
			['/hubs/documents/files/revisions', '/top/r.txt'],
		]);
	});

	it('checks the connection with the instance token, and names a disabled instance', async () => {
		const docs = await documentsInstance(sandbox());
		const check = async () =>
			await runActionNode(sandbox().credentials(), { resource: 'instance', operation: 'checkConnection', instance: docs.locator }, current);
		const ok = await check();
		expect(ok.error).toBeUndefined();
		expect(ok.items[0].json).toMatchObject({ instanceId: docs.instance.id, working: true, objects: expect.arrayContaining(['files']) });
		expect(JSON.stringify(ok.items)).not.toContain(docs.instance.token);
		await sandbox().control('GET', '/health');
		await fetch(`${sandbox().sandbox.baseUrl}/instances/${docs.instance.id}/enabled`, {
			method: 'DELETE',
			headers: { Authorization: `User ${USER_SECRET}, Organization ${ORGANIZATION_SECRET}` },
		});
		const disabled = await check();
		expect(disabled.error?.httpCode).toBe('403');
		expect(disabled.error?.message ?? '').not.toContain(docs.instance.token);
	});
});
