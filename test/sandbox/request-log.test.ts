import { ORGANIZATION_SECRET, USER_SECRET, call, createInstance, useSandbox } from './helpers';

describe('sandbox: request log', () => {
	const sandbox = useSandbox();

	const log = async () => (await call(sandbox(), 'GET', '/_sandbox/requests', { auth: null })).json;

	test('records method, path, query, status and the Element flag of platform and hub calls only', async () => {
		const { token } = await createInstance(sandbox());
		await call(sandbox(), 'GET', '/instances?pageSize=1&tags[]=a&tags[]=b');
		await call(sandbox(), 'GET', '/hubs/documents/ping', { element: token });
		await call(sandbox(), 'GET', '/instances/999999');
		await call(sandbox(), 'GET', '/_sandbox/health', { auth: null });

		const entries = await log();
		expect(entries.map((e: { method: string; path: string; status: number; element: boolean }) => [e.method, e.path, e.status, e.element])).toEqual([
			['POST', '/instances', 200, false],
			['GET', '/instances', 200, false],
			['GET', '/hubs/documents/ping', 200, true],
			['GET', '/instances/999999', 404, false],
		]);
		expect(entries[1].query).toEqual({ pageSize: '1', 'tags[]': ['a', 'b'] });
		expect(typeof entries[0].time).toBe('string');
		expect(entries[3].seq).toBeGreaterThan(entries[0].seq);
	});

	test('never holds a secret or token', async () => {
		const { token } = await createInstance(sandbox(), {}, { 'event.notification.signature.key': 'sig-secret' });
		await call(sandbox(), 'GET', '/hubs/documents/ping', { element: token });
		await call(sandbox(), 'GET', '/elements/sharefile/oauth/url?apiKey=k&apiSecret=oauth-secret-xyz&callbackUrl=https://a.example/cb');
		await call(sandbox(), 'GET', '/instances', { auth: 'User wrong-user-guess, Organization x' });
		const text = JSON.stringify(await log());
		for (const secret of [USER_SECRET, ORGANIZATION_SECRET, token, 'sig-secret', 'oauth-secret-xyz', 'wrong-user-guess', 'client-secret-456']) {
			expect(text).not.toContain(secret);
		}
		expect(text).toContain('"apiKey":"k"');
	});

	test('faulted requests are logged with the fault, so retries can be counted', async () => {
		await call(sandbox(), 'POST', '/_sandbox/faults', { body: { kind: '503', count: 2 }, auth: null });
		for (let i = 0; i < 3; i++) await call(sandbox(), 'GET', '/instances');
		const entries = await log();
		expect(entries.map((e: { status: number; fault?: string }) => [e.status, e.fault])).toEqual([
			[503, '503'],
			[503, '503'],
			[200, undefined],
		]);
	});

	test('DELETE clears the log', async () => {
		await call(sandbox(), 'GET', '/instances');
		expect(await log()).toHaveLength(1);
		expect((await call(sandbox(), 'DELETE', '/_sandbox/requests', { auth: null })).status).toBe(200);
		expect(await log()).toEqual([]);
	});
});
