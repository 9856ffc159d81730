import type { Sandbox } from '../../sandbox';
import { call, useSandbox } from './helpers';
import { hub, placeOk } from './documents-helpers';
import { useReceiver, type Received } from './receiver';
import { authorize, download, sf, sfOk, tokenRequest, upload } from './sharefile-api-helpers';
import {
	generateKey,
	primaryOf,
	secondaryOf,
	signatureMatches,
	subscribe,
	webhookAccount,
	webhookDeliveries,
} from './sharefile-webhooks-helpers';

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Waits until every delivery in flight has had its answer (the flush control waits for them). */
async function settle(sandbox: Sandbox) {
	const answer = await call(sandbox, 'POST', '/_sandbox/sharefile/webhooks/flush', { auth: null });
	expect(answer.status).toBe(200);
	return answer.json as { retried: number };
}

/** `ResourceType OperationName @ Resource.Id` of each delivery received, in arrival order. */
const eventsOf = (received: Received[]) => received.map((entry) => `${entry.json.Event.ResourceType} ${entry.json.Event.OperationName} ${entry.json.Event.Resource.Id}`);

describe('sandbox: ShareFile webhook deliveries', () => {
	const sandbox = useSandbox({ timeScale: 1000 });
	const receiver = useReceiver();

	test('an upload through ShareFile API v3 is one POST of the §3.2 payload, signed with the primary key (checked with our own HMAC)', async () => {
		const { instance, token, folderId } = await webhookAccount(sandbox());
		const inbox = await folderId('/Inbox');
		const key = await generateKey(sandbox(), token, 'Primary');
		const subscription = await subscribe(sandbox(), token, { context: 'Folder', resourceId: inbox, url: receiver().url });

		const { answer } = await upload(sandbox(), token, inbox, 'report.txt', Buffer.from('hello'));
		expect(answer.status).toBe(200);
		const [received] = await receiver().waitFor(1);
		const file = await sfOk(sandbox(), token, 'GET', 'Items/ByPath?path=/Inbox/report.txt');

		expect(received.headers['content-type']).toBe('application/json');
		expect(signatureMatches(key, received.raw, primaryOf(received))).toBe(true);
		expect(secondaryOf(received)).toBeUndefined();
		expect(received.json).toEqual({
			WebhookSubscriptionId: subscription.Id,
			AccountInfo: { AccountId: `a${instance.id}`, Subdomain: 'acme', AppControlPlane: 'sharefile.com', ApiControlPlane: 'sf-api.com' },
			Event: { Timestamp: expect.stringMatching(ISO_MS), OperationName: 'Upload', ResourceType: 'File', Resource: { Id: file.Id, Parent: { Id: inbox } } },
		});
		expect(received.json.Event.Timestamp).toBe(file.CreationDate);

		await settle(sandbox());
		const [delivery] = await webhookDeliveries(sandbox());
		expect(delivery).toMatchObject({
			vendor: 'sharefile',
			subscriptionId: subscription.Id,
			instanceId: instance.id,
			status: 'delivered',
			event: { ResourceType: 'File', OperationName: 'Upload', ResourceId: file.Id },
			attempts: [{ number: 1, status: 200, signatures: ['primary'] }],
		});
		expect(receiver().received).toHaveLength(1);
	});

	test('no key: unsigned; then primary, then both; rotating one key keeps the other valid', async () => {
		const { instance, token } = await webhookAccount(sandbox());
		await subscribe(sandbox(), token, { context: 'Folder', resourceId: 'top', url: receiver().url });
		const place = (name: string) => placeOk(sandbox(), instance.id, { op: 'upload', path: `/top/${name}`, content: name });

		await place('a.txt');
		const [unsigned] = await receiver().waitFor(1);
		expect(primaryOf(unsigned)).toBeUndefined();
		expect(secondaryOf(unsigned)).toBeUndefined();

		const primary = await generateKey(sandbox(), token, 'Primary');
		await place('b.txt');
		const second = (await receiver().waitFor(2))[1];
		expect(signatureMatches(primary, second.raw, primaryOf(second))).toBe(true);
		expect(secondaryOf(second)).toBeUndefined();

		const secondary = await generateKey(sandbox(), token, 'Secondary');
		await place('c.txt');
		const third = (await receiver().waitFor(3))[2];
		expect(signatureMatches(primary, third.raw, primaryOf(third))).toBe(true);
		expect(signatureMatches(secondary, third.raw, secondaryOf(third))).toBe(true);
		expect(signatureMatches(secondary, third.raw, primaryOf(third))).toBe(false);

		// Rotation: a new primary; a receiver that trusts both keys it knows still verifies on the secondary.
		const newPrimary = await generateKey(sandbox(), token, 'Primary');
		await place('d.txt');
		const fourth = (await receiver().waitFor(4))[3];
		expect(signatureMatches(primary, fourth.raw, primaryOf(fourth))).toBe(false);
		expect(signatureMatches(newPrimary, fourth.raw, primaryOf(fourth))).toBe(true);
		expect(signatureMatches(secondary, fourth.raw, secondaryOf(fourth))).toBe(true);
		// A tampered body verifies with neither.
		const tampered = Buffer.from(fourth.raw.toString('utf8').replace('"Upload"', '"Delete"'));
		expect(tampered.equals(fourth.raw)).toBe(false);
		expect(signatureMatches(newPrimary, tampered, primaryOf(fourth))).toBe(false);
	});

	test('every change, through ShareFile API v3, the Cloud Elements hub and the placing control (the page), is delivered once', async () => {
		const { instance, token } = await webhookAccount(sandbox());
		await subscribe(sandbox(), token, { context: 'Folder', resourceId: 'top', url: receiver().url });
		const root = (await sfOk(sandbox(), token, 'GET', 'Items(top)')).Id;
		const byPath = async (path: string) => (await sfOk(sandbox(), token, 'GET', `Items/ByPath?path=${encodeURIComponent(path)}`)).Id as string;

		// ShareFile API v3: upload, new version, download, delete.
		await upload(sandbox(), token, root, 'v3.txt', Buffer.from('one'));
		const v3 = await byPath('/v3.txt');
		await upload(sandbox(), token, root, 'v3.txt', Buffer.from('two'), { overwrite: true });
		await download(sandbox(), token, v3);
		expect((await sf(sandbox(), token, 'DELETE', `Items(${v3})`)).status).toBe(204);

		// The Cloud Elements hub, with the instance's token.
		const uploaded = await hub(sandbox(), instance.token, 'POST', '/hubs/documents/files?path=%2Ftop%2Fhub.txt', { content: 'hub' });
		expect(uploaded.status).toBe(200);
		const hubId = uploaded.json.id as string;
		expect((await hub(sandbox(), instance.token, 'PUT', `/hubs/documents/files/${hubId}`, { content: 'hub 2' })).status).toBe(200);
		expect((await hub(sandbox(), instance.token, 'GET', `/hubs/documents/files/${hubId}`)).status).toBe(200);
		expect((await hub(sandbox(), instance.token, 'DELETE', `/hubs/documents/files/${hubId}`)).status).toBe(200);

		// The placing control, which the sandbox page uses for every change.
		await placeOk(sandbox(), instance.id, { op: 'upload', path: '/top/page.txt', content: 'page' });
		const pageId = await byPath('/page.txt');
		await placeOk(sandbox(), instance.id, {
			changes: [
				{ op: 'update', path: '/top/page.txt', content: 'page 2' },
				{ op: 'download', path: '/top/page.txt' },
				{ op: 'delete', path: '/top/page.txt' },
			],
		});

		// A file's tags (hub) and Description (API v3) are Updates too; a folder's Description is nothing.
		await placeOk(sandbox(), instance.id, { op: 'upload', path: '/top/meta.txt', content: 'meta' });
		const metaId = await byPath('/meta.txt');
		expect((await hub(sandbox(), instance.token, 'PATCH', `/hubs/documents/files/${metaId}/metadata`, { tags: ['t'] })).status).toBe(200);
		await sfOk(sandbox(), token, 'PATCH', `Items(${metaId})`, { Description: 'described' });
		await sfOk(sandbox(), token, 'PATCH', `Items(${root})`, { Description: 'the root' });

		await receiver().waitFor(15);
		await settle(sandbox());
		expect(eventsOf(receiver().received)).toEqual([
			...[v3, hubId, pageId].flatMap((id) => ['Upload', 'Update', 'Download', 'Delete'].map((operation) => `File ${operation} ${id}`)),
			`File Upload ${metaId}`,
			`File Update ${metaId}`,
			`File Update ${metaId}`,
		]);
		expect(new Set(receiver().received.map((entry) => entry.json.Event.Resource.Parent.Id))).toEqual(new Set([root]));
	});

	test('folder scoping: a Folder context hears its folder and everything below it, not its siblings; Account hears all', async () => {
		const { instance, token, folderId } = await webhookAccount(sandbox());
		const inbox = await folderId('/Inbox');
		const inboxHook = `${receiver().url}/inbox`;
		const accountHook = `${receiver().url}/account`;
		const inboxSubscription = await subscribe(sandbox(), token, { context: 'Folder', resourceId: inbox, url: inboxHook });
		const accountSubscription = await subscribe(sandbox(), token, { context: 'Account', url: accountHook });

		await placeOk(sandbox(), instance.id, {
			changes: [
				{ op: 'upload', path: '/top/Inbox/a.txt', content: 'a' },
				{ op: 'upload', path: '/top/Inbox/Deep/b.txt', content: 'b' },
				{ op: 'upload', path: '/top/Other/c.txt', content: 'c' },
				{ op: 'upload', path: '/top/d.txt', content: 'd' },
			],
		});
		await receiver().waitFor(6);
		await settle(sandbox());
		const names = (path: string) =>
			receiver()
				.received.filter((entry) => entry.path === path)
				.map((entry) => entry.json.Event.Resource.Id);
		const ids = await Promise.all(['/Inbox/a.txt', '/Inbox/Deep/b.txt', '/Other/c.txt', '/d.txt'].map(folderId));
		expect(names('/hook/inbox')).toEqual(ids.slice(0, 2));
		expect(names('/hook/account')).toEqual(ids);
		// Each subscription gets its own delivery, with its own WebhookSubscriptionId.
		expect(new Set(receiver().received.filter((entry) => entry.path === '/hook/inbox').map((entry) => entry.json.WebhookSubscriptionId))).toEqual(new Set([inboxSubscription.Id]));
		expect(new Set(receiver().received.filter((entry) => entry.path === '/hook/account').map((entry) => entry.json.WebhookSubscriptionId))).toEqual(new Set([accountSubscription.Id]));
	});

	test('only the events asked for; folder deletes are one Folder Delete, for the folder and its parents; a move is an Update to both folders; folder create, rename and move say nothing', async () => {
		const { instance, token, folderId } = await webhookAccount(sandbox());
		const inbox = await folderId('/Inbox');
		const other = await folderId('/Other');
		const deep = await folderId('/Inbox/Deep');
		const uploadsOnly = await subscribe(sandbox(), token, { context: 'Folder', resourceId: inbox, url: `${receiver().url}/uploads`, events: [{ ResourceType: 'File', OperationName: 'Upload' }] });
		await subscribe(sandbox(), token, { context: 'Folder', resourceId: inbox, url: `${receiver().url}/inbox` });
		await subscribe(sandbox(), token, { context: 'Folder', resourceId: other, url: `${receiver().url}/other` });
		await subscribe(sandbox(), token, { context: 'Folder', resourceId: deep, url: `${receiver().url}/deep` });

		const place = (body: unknown) => placeOk(sandbox(), instance.id, body);
		await place({
			changes: [
				{ op: 'upload', path: '/top/Inbox/Deep/x.txt', content: 'x' },
				{ op: 'rename', path: '/top/Inbox/Deep/x.txt', newName: 'y.txt' },
				{ op: 'move', path: '/top/Inbox/Deep/y.txt', newPath: '/top/Other' },
				{ op: 'createFolder', path: '/top/Inbox/New' },
				{ op: 'rename', path: '/top/Inbox/New', newName: 'Newer' },
				{ op: 'move', path: '/top/Inbox/Newer', newPath: '/top/Other' },
				{ op: 'delete', path: '/top/Inbox/Deep' },
			],
		});
		const file = await folderId('/Other/y.txt');
		await settle(sandbox());
		const at = (path: string) => eventsOf(receiver().received.filter((entry) => entry.path === `/hook/${path}`));
		expect(at('uploads')).toEqual([`File Upload ${file}`]);
		expect(at('deep')).toEqual([`File Upload ${file}`, `File Update ${file}`, `File Update ${file}`, `Folder Delete ${deep}`]);
		expect(at('inbox')).toEqual([`File Upload ${file}`, `File Update ${file}`, `File Update ${file}`, `Folder Delete ${deep}`]);
		expect(at('other')).toEqual([`File Update ${file}`]);
		const moved = receiver().received.find((entry) => entry.path === '/hook/other')!;
		expect(moved.json.Event.Resource.Parent.Id).toBe(other);
		const deleted = receiver().received.filter((entry) => entry.json.Event.ResourceType === 'Folder');
		expect(deleted[0].json.Event.Resource).toEqual({ Id: deep, Parent: { Id: inbox } });
		expect(uploadsOnly.Events).toHaveLength(1);
	});

	test('a subscription is signed with the keys of the OAuth client that made it', async () => {
		const { instance, token } = await webhookAccount(sandbox());
		const added = await call(sandbox(), 'POST', '/_sandbox/sharefile/clients', { body: { clientId: 'other-app', clientSecret: 'other-secret' }, auth: null });
		expect(added.status).toBe(200);
		const { location } = await authorize(sandbox(), { clientId: 'other-app' });
		const tokens = await tokenRequest(sandbox(), { grant_type: 'authorization_code', code: location.searchParams.get('code')!, client_id: 'other-app', client_secret: 'other-secret' });
		expect(tokens.status).toBe(200);
		const otherToken = tokens.json.access_token as string;

		const ours = await generateKey(sandbox(), token, 'Primary');
		const theirs = await sfOk(sandbox(), otherToken, 'POST', 'WebhookClients(other-app)/PrimarySignatureKey');
		await subscribe(sandbox(), token, { context: 'Folder', resourceId: 'top', url: `${receiver().url}/ours` });
		await subscribe(sandbox(), otherToken, { context: 'Folder', resourceId: 'top', url: `${receiver().url}/theirs` });
		await placeOk(sandbox(), instance.id, { op: 'upload', path: '/top/k.txt', content: 'k' });
		await receiver().waitFor(2);
		const at = (path: string) => receiver().received.find((entry) => entry.path === path)!;
		expect(signatureMatches(ours, at('/hook/ours').raw, primaryOf(at('/hook/ours')))).toBe(true);
		expect(signatureMatches(theirs.SignatureKeys.PrimaryKey, at('/hook/theirs').raw, primaryOf(at('/hook/theirs')))).toBe(true);
		expect(signatureMatches(ours, at('/hook/theirs').raw, primaryOf(at('/hook/theirs')))).toBe(false);
		// Both subscriptions are the account's: either login lists them.
		expect((await sfOk(sandbox(), token, 'GET', 'WebhookSubscriptions')).value).toHaveLength(2);
	});
});
