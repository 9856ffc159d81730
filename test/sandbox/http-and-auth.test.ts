import { ORGANIZATION_SECRET, USER_SECRET, call, createInstance, expectCeError, useSandbox } from './helpers';

describe('sandbox: authentication and HTTP basics', () => {
	const sandbox = useSandbox();

	test('a platform call without an Authorization header answers 401 in the CE error shape', async () => {
		const answer = await call(sandbox(), 'GET', '/instances', { auth: null });
		expectCeError(answer, 401);
		expect(answer.json.providerMessage).toBeUndefined();
	});

	test.each([
		['a wrong user secret', `User nope-user, Organization ${ORGANIZATION_SECRET}`, 'nope-user'],
		['a wrong organization secret', `User ${USER_SECRET}, Organization nope-org`, 'nope-org'],
		['no organization part', `User ${USER_SECRET}`, USER_SECRET],
		['an unknown label', `User ${USER_SECRET}, Org ${ORGANIZATION_SECRET}`, ORGANIZATION_SECRET],
		['a Bearer header', `Bearer ${USER_SECRET}`, USER_SECRET],
	])('%s answers 401 and does not echo the secret', async (_case, header, secret) => {
		const answer = await call(sandbox(), 'GET', '/instances', { auth: header });
		expectCeError(answer, 401);
		expect(answer.text).not.toContain(secret);
	});

	test.each([
		['reversed order', `Organization ${ORGANIZATION_SECRET}, User ${USER_SECRET}`],
		['no space after the comma', `User ${USER_SECRET},Organization ${ORGANIZATION_SECRET}`],
		['extra spaces', `  User   ${USER_SECRET} ,   Organization  ${ORGANIZATION_SECRET}  `],
		['lower-case labels', `user ${USER_SECRET}, organization ${ORGANIZATION_SECRET}`],
	])('credentials in %s are accepted', async (_case, header) => {
		const answer = await call(sandbox(), 'GET', '/instances', { auth: header });
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual([]);
	});

	test('every response carries an elements-request-id header, successes included, and ids differ', async () => {
		const first = await call(sandbox(), 'GET', '/instances');
		const second = await call(sandbox(), 'GET', '/instances');
		expect(first.headers.get('elements-request-id')).toMatch(/^[0-9a-f]{24}$/);
		expect(second.headers.get('elements-request-id')).not.toBe(first.headers.get('elements-request-id'));
	});

	test.each(['POST', 'PUT', 'PATCH'])('a non-JSON %s body answers 400 in the CE error shape', async (method) => {
		const { id } = await createInstance(sandbox());
		const path = method === 'POST' ? '/instances' : `/instances/${id}`;
		const answer = await call(sandbox(), method, path, { rawBody: '{"name": oauth.api.secret=hunter2' });
		expectCeError(answer, 400, /not valid JSON/);
		expect(answer.text).not.toContain('hunter2');
	});

	test('an unknown route answers 404 and a known route with the wrong method 405 with Allow', async () => {
		const unknown = await call(sandbox(), 'GET', '/nothing/here');
		expectCeError(unknown, 404);
		const outside = await fetch(`${sandbox().origin}/elsewhere`);
		expect(outside.status).toBe(404);

		const wrong = await call(sandbox(), 'POST', '/instances/events');
		expectCeError(wrong, 405);
		expect(wrong.headers.get('allow')).toBe('GET');
		const wrongOnId = await call(sandbox(), 'POST', '/instances/123');
		expectCeError(wrongOnId, 405);
		expect(wrongOnId.headers.get('allow')).toContain('PATCH');
	});

	test('credentials are checked before routing: an unknown route without auth answers 401', async () => {
		expectCeError(await call(sandbox(), 'GET', '/nothing/here', { auth: null }), 401);
	});

	test('hub calls need a valid Element token; platform secrets alone are not enough', async () => {
		const { token } = await createInstance(sandbox());
		expectCeError(await call(sandbox(), 'GET', '/hubs/documents/ping'), 401, /Element/);
		const bogus = await call(sandbox(), 'GET', '/hubs/documents/ping', { element: 'bogus-token' });
		expectCeError(bogus, 401);
		expect(bogus.text).not.toContain('bogus-token');

		const ok = await call(sandbox(), 'GET', '/hubs/documents/ping', { element: token });
		expect(ok.status).toBe(200);
		expect(ok.json).toEqual({ dateTime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/), endpoint: 'sharefile', valid: true });

		const elementFirst = await call(sandbox(), 'GET', '/hubs/documents/ping', {
			auth: `Element ${token}, Organization ${ORGANIZATION_SECRET}, User ${USER_SECRET}`,
		});
		expect(elementFirst.status).toBe(200);
	});

	test('a valid token with wrong platform secrets still answers 401', async () => {
		const { token } = await createInstance(sandbox());
		const answer = await call(sandbox(), 'GET', '/hubs/documents/ping', { auth: `User x, Organization y`, element: token });
		expectCeError(answer, 401);
	});

	test('an unknown hub path with a valid token answers 404, a bad token 401 first', async () => {
		const { token } = await createInstance(sandbox());
		expectCeError(await call(sandbox(), 'GET', '/hubs/documents/nope', { element: token }), 404);
		expectCeError(await call(sandbox(), 'GET', '/hubs/documents/nope', { element: 'bad' }), 401);
	});

	test('the sandbox controls need no auth and health says ok', async () => {
		const health = await call(sandbox(), 'GET', '/_sandbox/health', { auth: null });
		expect(health.status).toBe(200);
		expect(health.json).toEqual({ ok: true });
	});

	test('reset clears instances', async () => {
		await createInstance(sandbox());
		expect((await call(sandbox(), 'GET', '/instances')).json).toHaveLength(1);
		await call(sandbox(), 'POST', '/_sandbox/reset');
		expect((await call(sandbox(), 'GET', '/instances')).json).toHaveLength(0);
	});
});
