import { createHmac } from 'crypto';

import type { IDataObject } from 'n8n-workflow';

import { binaryBytes, useFilesystemBinaryData } from '../harness/binaryStore';
import { useTestSandbox } from '../harness/sandboxClient';
import { UNAUTHORIZED_PER_RENEWAL } from '../harness/n8nMajor';
import { byPath, placeDocuments as place, shareFileAccount } from '../harness/shareFile';
import { shareFileTrigger } from '../harness/shareFileTrigger';
import { until } from '../harness/until';
import { WebhookTriggerHarness } from '../harness/webhookTrigger';
import { CLIENT_ID, CLIENT_SECRET, sfOk } from '../sandbox/sharefile-api-helpers';

const sandbox = useTestSandbox();
useFilesystemBinaryData();
const harnesses: WebhookTriggerHarness[] = [];
afterEach(async () => {
	while (harnesses.length) await harnesses.pop()!.close();
	await sandbox().control('DELETE', '/sharefile/webhooks/faults');
});

type Account = Awaited<ReturnType<typeof shareFileAccount>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** A ShareFile Trigger on the account, listening on n8n's side (not yet activated). */
async function trigger(account: Account, parameters: IDataObject) {
	const harness = await shareFileTrigger(account, parameters);
	harnesses.push(harness);
	return harness;
}

const subscriptionsOf = async (account: Account) => (await sfOk(sandbox().sandbox, account.tokens.access_token, 'GET', 'WebhookSubscriptions')).value as Json[];
const deliveries = async () => (await sandbox().control('GET', '/sharefile/webhooks/deliveries')) as Json[];
const ran = (harness: WebhookTriggerHarness) => harness.started.flat().map((item) => item.json);

async function post(url: string, body: string, headers: Record<string, string>) {
	const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
	return response.status;
}

describe('ShareFile Trigger (webhooks)', () => {
	it('activation subscribes the folder with the chosen events and gives the client a key; an upload runs the workflow once, named and placed; deactivation deletes the subscription', async () => {
		const account = await shareFileAccount(sandbox(), 'native trigger');
		await place(sandbox(), account.instance.id, [{ op: 'createFolder', path: '/top/Inbox' }, { op: 'createFolder', path: '/top/Elsewhere' }]);
		const before = await sfOk(sandbox().sandbox, account.tokens.access_token, 'GET', `WebhookClients(${CLIENT_ID})`);
		expect(before.SignatureKeys.PrimaryKey ?? null).toBeNull();

		const harness = await trigger(account, { folder: byPath('/top/Inbox') });
		expect(await harness.hook('checkExists')).toBe(false);
		expect(await harness.hook('create')).toBe(true);
		expect(await harness.hook('checkExists')).toBe(true);
		const [subscription] = await subscriptionsOf(account);
		expect(subscription.WebhookUrl).toMatch(new RegExp(`^${harness.url()}\\?n8n_sub=[\\w-]{32}$`));
		expect(subscription.SubscriptionContext).toMatchObject({ ResourceType: 'Folder' });
		expect(subscription.Events.map((event: Json) => `${event.ResourceType}:${event.OperationName}`).sort()).toEqual(['File:Update', 'File:Upload']);
		const keys = (await sfOk(sandbox().sandbox, account.tokens.access_token, 'GET', `WebhookClients(${CLIENT_ID})`)).SignatureKeys;
		expect(typeof keys.PrimaryKey).toBe('string');

		const [file] = await place(sandbox(), account.instance.id, [{ op: 'upload', path: '/top/Inbox/invoice.pdf', content: 'invoice' }]);
		await place(sandbox(), account.instance.id, [{ op: 'upload', path: '/top/Elsewhere/other.pdf', content: 'other' }]);
		await until(() => harness.started.length === 1, 'the upload in the folder');
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(ran(harness)).toEqual([
			expect.objectContaining({
				source: 'sharefile',
				eventType: 'CREATED',
				objectType: 'file',
				objectId: file.id,
				name: 'invoice.pdf',
				path: '/top/Inbox/invoice.pdf',
				instanceId: expect.any(String),
				raw: expect.objectContaining({ WebhookSubscriptionId: subscription.Id }),
			}),
		]);
		// Nothing secret in what the workflow got.
		const text = JSON.stringify(harness.started);
		for (const secret of [keys.PrimaryKey, account.tokens.access_token, CLIENT_SECRET]) expect(text).not.toContain(secret);

		expect(await harness.hook('delete')).toBe(true);
		expect(await subscriptionsOf(account)).toEqual([]);
	});

	it('a folder path without its leading / is refused on activation, naming the field and the fix, and subscribes nothing', async () => {
		const account = await shareFileAccount(sandbox(), 'native trigger, relative path');
		await place(sandbox(), account.instance.id, [{ op: 'createFolder', path: '/top/Inbox' }]);
		const harness = await trigger(account, { folder: { __rl: true, mode: 'path', value: 'top/Inbox' } });
		await expect(harness.hook('create')).rejects.toMatchObject({
			message: 'Folder path "top/Inbox" does not start with /',
			description: expect.stringContaining('e.g. /top/Reports'),
		});
		expect(await subscriptionsOf(account)).toEqual([]);
	});

	it('an expired access token: the delivery that meets it renews it through n8n (kept in the credential) and is named; the next ones use the renewed token', async () => {
		const account = await shareFileAccount(sandbox(), 'native trigger token');
		await place(sandbox(), account.instance.id, [{ op: 'createFolder', path: '/top/Inbox' }]);
		const harness = await trigger(account, { folder: byPath('/top/Inbox') });
		await harness.activate();
		const upload = async (name: string, count: number) => {
			await place(sandbox(), account.instance.id, [{ op: 'upload', path: `/top/Inbox/${name}`, content: name }]);
			await until(() => harness.started.length === count, name);
		};
		await upload('before.txt', 1);
		// An hour and a minute later (the sandbox clock), the access token the trigger used has expired.
		await sandbox().control('PUT', '/clock', { offsetMs: 61 * 60 * 1000 });
		await sandbox().control('DELETE', '/requests');
		await upload('after.txt', 2);
		await upload('later.txt', 3);
		expect(ran(harness).map((item) => item.name)).toEqual(['before.txt', 'after.txt', 'later.txt']);
		const log = await sandbox().requests();
		const lookups = log.filter((entry) => /\/Items\(fi[0-9a-f]+\)$/.test(entry.path)).map((entry) => entry.status);
		// after.txt: the remembered token (401), then n8n's way: the same token (401s), renewed, again (200); later.txt: the renewed token.
		expect(lookups).toEqual([401, ...Array<number>(UNAUTHORIZED_PER_RENEWAL).fill(401), 200, 200]);
		expect(log.filter((entry) => entry.path.endsWith('/oauth/token'))).toHaveLength(1);
		expect(account.stored().oauthTokenData.access_token).not.toBe(account.tokens.access_token);
		expect(JSON.stringify(harness.started)).not.toContain(String(account.stored().oauthTokenData.access_token));
	});

	it('two workflows and a test listen on one folder each have their own subscription and each run an upload once; a redelivered event runs once', async () => {
		const account = await shareFileAccount(sandbox(), 'many listeners');
		await place(sandbox(), account.instance.id, [{ op: 'createFolder', path: '/top/Shared' }]);
		const invoices = await trigger(account, { folder: byPath('/top/Shared') });
		const archive = await trigger(account, { folder: byPath('/top/Shared'), events: ['File:Upload'] });
		await invoices.hook('create');
		await archive.hook('create');
		await invoices.hook('create', true);
		expect(await subscriptionsOf(account)).toHaveLength(3);
		await sandbox().control('POST', '/sharefile/webhooks/faults', { kind: 'duplicate', count: 3 });
		const [file] = await place(sandbox(), account.instance.id, [{ op: 'upload', path: '/top/Shared/a.txt', content: 'a' }]);
		await until(() => invoices.started.length === 2 && archive.started.length === 1, 'each listener');
		await until(async () => (await deliveries()).filter((delivery) => delivery.status === 'delivered').length >= 6, 'the copies');
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(invoices.started.flat().map((item) => item.json.objectId)).toEqual([file.id, file.id]);
		expect(archive.started.flat().map((item) => item.json.objectId)).toEqual([file.id]);
		expect(invoices.answers.filter((answer) => answer.body.includes('"duplicate":true'))).toHaveLength(2);
		// The test listen ends: its subscription goes, the production ones stay.
		await invoices.hook('delete', true);
		expect(await subscriptionsOf(account)).toHaveLength(2);
	});

	it('refuses with 401, starting nothing: no signature, a wrong key, a tampered body, another account’s key, a guessed URL', async () => {
		const account = await shareFileAccount(sandbox(), 'guarded');
		await place(sandbox(), account.instance.id, [{ op: 'createFolder', path: '/top/Guarded' }]);
		const harness = await trigger(account, { folder: byPath('/top/Guarded') });
		await harness.hook('create');
		for (const kind of ['unsigned', 'wrong-signature']) {
			await sandbox().control('POST', '/sharefile/webhooks/faults', { kind });
			await place(sandbox(), account.instance.id, [{ op: 'upload', path: `/top/Guarded/${kind}.txt`, content: kind }]);
			await until(async () => (await deliveries()).some((delivery) => delivery.fault === kind && delivery.status === 'failed'), `the ${kind} delivery refused`);
		}
		expect(harness.started).toHaveLength(0);
		expect(harness.answers.map((answer) => answer.status)).toEqual([401, 401]);

		const [subscription] = await subscriptionsOf(account);
		const key = (await sfOk(sandbox().sandbox, account.tokens.access_token, 'GET', `WebhookClients(${CLIENT_ID})`)).SignatureKeys.PrimaryKey as string;
		const body = JSON.stringify({
			WebhookSubscriptionId: subscription.Id,
			AccountInfo: { AccountId: 'a1', Subdomain: 'acme' },
			Event: { Timestamp: '2026-01-01T00:00:00Z', OperationName: 'Upload', ResourceType: 'File', Resource: { Id: 'fi-made-up', Parent: { Id: 'fo1' } } },
		});
		const sign = (text: string, with_: string) => ({ 'sf-webhook-primary-signature': createHmac('sha256', with_).update(text).digest('base64') });
		expect(await post(subscription.WebhookUrl, body.replace('fi-made-up', 'fi-other'), sign(body, key))).toBe(401);
		expect(await post(subscription.WebhookUrl, body, sign(body, 'another-accounts-key'))).toBe(401);
		expect(await post(subscription.WebhookUrl.replace(/n8n_sub=[^&]+/, 'n8n_sub=guessed'), body, sign(body, key))).toBe(401);
		expect(harness.started).toHaveLength(0);
		// Signed right, it runs (the item is gone: its ids only), once.
		expect(await post(subscription.WebhookUrl, body, sign(body, key))).toBe(200);
		expect(await post(subscription.WebhookUrl, body, sign(body, key))).toBe(200);
		expect(ran(harness).map((item) => item.objectId)).toEqual(['fi-made-up']);
	});

	it('keys rotated while active: deliveries signed with the new keys still run, none missed', async () => {
		const account = await shareFileAccount(sandbox(), 'rotating');
		await place(sandbox(), account.instance.id, [{ op: 'createFolder', path: '/top/Rotating' }]);
		const harness = await trigger(account, { folder: byPath('/top/Rotating') });
		await harness.hook('create');
		await place(sandbox(), account.instance.id, [{ op: 'upload', path: '/top/Rotating/1.txt', content: '1' }]);
		await until(() => harness.started.length === 1, 'before the rotation');
		// Both keys replaced: what the trigger remembered matches neither.
		await sfOk(sandbox().sandbox, account.tokens.access_token, 'POST', `WebhookClients(${CLIENT_ID})/SecondarySignatureKey`);
		await sfOk(sandbox().sandbox, account.tokens.access_token, 'POST', `WebhookClients(${CLIENT_ID})/PrimarySignatureKey`);
		await place(sandbox(), account.instance.id, [{ op: 'upload', path: '/top/Rotating/2.txt', content: '2' }]);
		await until(() => harness.started.length === 2, 'after the rotation');
		expect(harness.answers.map((answer) => answer.status)).toEqual([200, 200]);
	});

	it('Options → Download File attaches the uploaded file', async () => {
		const account = await shareFileAccount(sandbox(), 'downloading');
		await place(sandbox(), account.instance.id, [{ op: 'createFolder', path: '/top/Scans' }]);
		const harness = await trigger(account, { folder: byPath('/top/Scans'), options: { downloadFile: true } });
		await harness.hook('create');
		await place(sandbox(), account.instance.id, [{ op: 'upload', path: '/top/Scans/scan.txt', content: 'scanned bytes' }]);
		await until(() => harness.started.length === 1, 'the upload');
		const [item] = harness.started[0];
		expect((await binaryBytes(item.binary!.data)).toString('utf8')).toBe('scanned bytes');
	});
});
