import type { IDataObject } from 'n8n-workflow';

import { useTestSandbox, type SandboxClient } from '../harness/sandboxClient';
import { byId, byPath, shareFileAccount } from '../harness/shareFile';
import { CLIENT_SECRET } from '../sandbox/sharefile-api-helpers';
import { UNAUTHORIZED_PER_RENEWAL } from '../harness/n8nMajor';

const sandbox = useTestSandbox();

async function place(client: SandboxClient, instanceId: number, changes: IDataObject[]) {
	const answer = await client.control('POST', `/instances/${instanceId}/documents`, { changes });
	if (answer?.message) throw new Error(answer.message);
	return answer.changes as Array<{ id: string }>;
}

const API = '/sharefile/acme.sharefile.com/sf/v3';
const tokenCalls = async (client: SandboxClient) =>
	(await client.requests()).filter((entry) => entry.path.endsWith('/oauth/token'));

describe('ShareFile OAuth2 through n8n', () => {
	it('renews an expired access token inside a run, without the user seeing it, and n8n keeps the new one', async () => {
		const account = await shareFileAccount(sandbox());
		await place(sandbox(), account.instance.id, [{ op: 'upload', path: '/top/a.txt', content: 'a' }]);
		// An hour and a minute later (the sandbox clock), the access token has expired.
		await sandbox().control('PUT', '/clock', { offsetMs: 61 * 60 * 1000 });
		await sandbox().control('DELETE', '/requests');
		const run = await account.run(
			{ resource: 'file', operation: 'getMetadata', file: byPath('/top/a.txt') },
			{ inputItems: [{}, {}, {}] },
		);
		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => item.json.name)).toEqual(['a.txt', 'a.txt', 'a.txt']);
		const log = await sandbox().requests();
		expect(log.filter((entry) => entry.status === 401)).toHaveLength(UNAUTHORIZED_PER_RENEWAL);
		expect(await tokenCalls(sandbox())).toHaveLength(1);
		const stored = account.stored().oauthTokenData;
		expect(stored.access_token).not.toBe(account.tokens.access_token);
		// The sandbox rotates refresh tokens: the new one was kept, and the account fields too.
		expect(stored.refresh_token).not.toBe(account.tokens.refresh_token);
		expect(stored).toMatchObject({ subdomain: 'acme', apicp: 'sharefile.com' });
		expect(JSON.stringify(run.items)).not.toContain(String(stored.access_token));

		// The next run uses the kept token: no renewal.
		await sandbox().control('DELETE', '/requests');
		const next = await account.run({ resource: 'file', operation: 'getMetadata', file: byPath('/top/a.txt') });
		expect(next.error).toBeUndefined();
		expect(await tokenCalls(sandbox())).toHaveLength(0);
	});

	it('renews a token that runs out while a run is under way (a 1 s lifetime)', async () => {
		await sandbox().control('PUT', '/sharefile/settings', { accessTokenLifetimeSeconds: 1 });
		const account = await shareFileAccount(sandbox());
		await place(sandbox(), account.instance.id, [{ op: 'upload', path: '/top/a.txt', content: 'a' }]);
		// Each item waits 0.6 s in the sandbox: the token lapses between the items of one run.
		await sandbox().control('POST', '/faults', { kind: 'slow', delayMs: 600, count: 4, pathPrefix: `${API}/Items/ByPath` });
		const run = await account.run(
			{ resource: 'file', operation: 'getMetadata', file: byPath('/top/a.txt') },
			{ inputItems: [{}, {}, {}, {}] },
		);
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(4);
		expect((await tokenCalls(sandbox())).length).toBeGreaterThanOrEqual(1);
		expect(account.helper.saves.length).toBeGreaterThanOrEqual(1);
	});

	it('asks to reconnect the credential when ShareFile refuses to renew (the grant was revoked), without secrets', async () => {
		const account = await shareFileAccount(sandbox());
		await sandbox().control('POST', '/sharefile/revoke', { all: true });
		await sandbox().control('DELETE', '/requests');
		const failed = await account.run({ resource: 'folder', operation: 'get', folder: byPath('/top') });
		expect(failed.error?.message).toBe('ShareFile no longer accepts the credential "ShareFile sandbox": reconnect it');
		expect(failed.error?.description).toContain('Connect my account');
		const text = JSON.stringify([failed.error?.message, failed.error?.description, failed.error?.context]);
		for (const secret of [account.tokens.access_token, account.tokens.refresh_token, CLIENT_SECRET]) expect(text).not.toContain(secret);
		// One renewal was tried, and not again for each retry.
		expect(await tokenCalls(sandbox())).toHaveLength(1);
		const continued = await account.run({ resource: 'folder', operation: 'get', folder: byPath('/top') }, { node: { continueOnFail: true } });
		expect(String(continued.items[0].json.error)).toContain('reconnect');
	});
	it('says so, at once, when the credential was never connected, or when ShareFile refuses the OAuth app itself', async () => {
		const account = await shareFileAccount(sandbox());
		const stored = account.stored();
		account.helper.set('shareFileOAuth2Api', { ...stored, oauthTokenData: undefined } as never);
		const started = Date.now();
		const never = await account.run({ resource: 'folder', operation: 'get', folder: byPath('/top') });
		expect(never.error?.message).toBe('The ShareFile credential "ShareFile sandbox" is not connected to an account yet');
		expect(never.error?.description).toContain('Connect my account');
		expect(Date.now() - started).toBeLessThan(2000);

		// A wrong client secret: the expired token cannot be renewed.
		account.helper.set('shareFileOAuth2Api', { ...stored, clientSecret: 'wrong-secret-1234' } as never);
		await sandbox().control('PUT', '/clock', { offsetMs: 61 * 60 * 1000 });
		const refused = await account.run({ resource: 'folder', operation: 'get', folder: byPath('/top') });
		expect(refused.error?.message).toMatch(/^ShareFile refused to renew access for the credential "ShareFile sandbox" \(invalid_client/);
		expect(refused.error?.description).toContain('Client Secret');
		expect(JSON.stringify([refused.error?.message, refused.error?.description])).not.toContain('wrong-secret-1234');
	});
});

describe('ShareFile retries', () => {
	it('waits out a 429 with Retry-After and a 503, also on a POST (ShareFile did not process them)', async () => {
		const account = await shareFileAccount(sandbox());
		await sandbox().control('POST', '/faults', { kind: '429', retryAfter: 1, pathPrefix: `${API}/Items/ByPath`, method: 'GET' });
		await sandbox().control('POST', '/faults', { kind: '503', pathPrefix: `${API}/Items(`, method: 'POST' });
		const started = Date.now();
		const made = await account.run({ resource: 'folder', operation: 'create', folderPath: '/top/Retried' });
		expect(made.error).toBeUndefined();
		expect(made.items[0].json.path).toBe('/top/Retried');
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		const statuses = (await sandbox().requests()).filter((entry) => entry.path.startsWith(API)).map((entry) => entry.status);
		expect(statuses).toContain(429);
		expect(statuses).toContain(503);
	});

	it('tries a GET again after a 500 or a cut-off answer, but not a copy (a POST) after a 500', async () => {
		const account = await shareFileAccount(sandbox());
		const [, file] = await place(sandbox(), account.instance.id, [
			{ op: 'createFolder', path: '/top/To' },
			{ op: 'upload', path: '/top/a.txt', content: 'a' },
		]);
		await sandbox().control('POST', '/faults', { kind: '500', pathPrefix: `${API}/Items(`, method: 'GET' });
		await sandbox().control('POST', '/faults', { kind: 'broken', pathPrefix: `${API}/Items(`, method: 'GET' });
		const read = await account.run({ resource: 'file', operation: 'getMetadata', file: byId(file.id) });
		expect(read.error).toBeUndefined();
		await sandbox().control('DELETE', '/requests');
		await sandbox().control('POST', '/faults', { kind: '500', pathPrefix: `${API}/Items(`, method: 'POST' });
		const copied = await account.run({ resource: 'file', operation: 'copy', file: byId(file.id), destinationFolder: byPath('/top/To') });
		expect(copied.error?.httpCode).toBe('500');
		expect(copied.error?.message).toMatch(/^ShareFile: /);
		expect((await sandbox().requests()).filter((entry) => entry.path.endsWith('/Copy'))).toHaveLength(1);
	});
});
