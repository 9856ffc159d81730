import { AUTH, call, createInstance, expectCeError, instanceBody, useSandbox } from './helpers';

describe('sandbox: fault injection', () => {
	const sandbox = useSandbox();

	const arm = (fault: Record<string, unknown>) => call(sandbox(), 'POST', '/_sandbox/faults', { body: fault, auth: null });

	test('429 answers the next N requests with Retry-After in the CE error shape, then normal service resumes', async () => {
		expect((await arm({ kind: '429', count: 2, retryAfter: 7 })).status).toBe(200);
		for (let i = 0; i < 2; i++) {
			const answer = await call(sandbox(), 'GET', '/instances');
			expectCeError(answer, 429, /[Rr]ate limit/);
			expect(answer.headers.get('retry-after')).toBe('7');
		}
		const after = await call(sandbox(), 'GET', '/instances');
		expect(after.status).toBe(200);
		expect(after.headers.get('retry-after')).toBeNull();
	});

	test.each(['500', '502', '503', '504'])('%s answers in the CE error shape once', async (kind) => {
		await arm({ kind, count: 1 });
		const answer = await call(sandbox(), 'GET', '/instances');
		expectCeError(answer, Number(kind));
		expect(answer.headers.get('retry-after')).toBeNull();
		expect((await call(sandbox(), 'GET', '/instances')).status).toBe(200);
	});

	test('503 can carry Retry-After too; 500 never does', async () => {
		await arm({ kind: '503', retryAfter: 2 });
		await arm({ kind: '500', retryAfter: 2 });
		expect((await call(sandbox(), 'GET', '/instances')).headers.get('retry-after')).toBe('2');
		const fiveHundred = await call(sandbox(), 'GET', '/instances');
		expect(fiveHundred.status).toBe(500);
		expect(fiveHundred.headers.get('retry-after')).toBeNull();
	});

	test('a faulted request is not processed: a 500 on POST /instances creates nothing', async () => {
		await arm({ kind: '500' });
		expect((await call(sandbox(), 'POST', '/instances', { body: instanceBody() })).status).toBe(500);
		expect((await call(sandbox(), 'GET', '/instances')).json).toEqual([]);
	});

	test('slow waits delayMs and then answers normally', async () => {
		await arm({ kind: 'slow', delayMs: 400 });
		const started = Date.now();
		const answer = await call(sandbox(), 'GET', '/instances');
		const elapsed = Date.now() - started;
		expect(answer.status).toBe(200);
		expect(elapsed).toBeGreaterThanOrEqual(380);
		const quick = Date.now();
		await call(sandbox(), 'GET', '/instances');
		expect(Date.now() - quick).toBeLessThan(380);
	});

	test('broken sends headers and a truncated body, then drops the connection; the request was still processed', async () => {
		await arm({ kind: 'broken' });
		const response = await fetch(`${sandbox().baseUrl}/instances`, {
			method: 'POST',
			headers: { authorization: AUTH, 'content-type': 'application/json' },
			body: JSON.stringify(instanceBody({ name: 'through a broken pipe' })),
		});
		expect(response.status).toBe(200);
		await expect(response.text()).rejects.toThrow();

		const list = await call(sandbox(), 'GET', '/instances');
		expect(list.status).toBe(200);
		expect(list.json.map((i: { name: string }) => i.name)).toEqual(['through a broken pipe']);
	});

	test('hang never answers: the client gives up, nothing is processed, the log says hang with status 0', async () => {
		await arm({ kind: 'hang', method: 'POST' });
		await call(sandbox(), 'DELETE', '/_sandbox/requests', { auth: null });
		const started = Date.now();
		const attempt = fetch(`${sandbox().baseUrl}/instances`, {
			method: 'POST',
			headers: { authorization: AUTH, 'content-type': 'application/json' },
			body: JSON.stringify(instanceBody({ name: 'never made' })),
			signal: AbortSignal.timeout(300),
		});
		await expect(attempt).rejects.toThrow();
		expect(Date.now() - started).toBeGreaterThanOrEqual(280);

		expect((await call(sandbox(), 'GET', '/instances')).json).toEqual([]);
		const log = (await call(sandbox(), 'GET', '/_sandbox/requests', { auth: null })).json as Array<{ method: string; status: number; fault?: string }>;
		expect(log.find((entry) => entry.method === 'POST')).toMatchObject({ status: 0, fault: 'hang' });
	});

	test('hang lets go by itself after delayMs, dropping the connection without an answer', async () => {
		await arm({ kind: 'hang', delayMs: 200 });
		const started = Date.now();
		await expect(call(sandbox(), 'GET', '/instances')).rejects.toThrow();
		expect(Date.now() - started).toBeGreaterThanOrEqual(180);
		expect((await call(sandbox(), 'GET', '/instances')).status).toBe(200);
	});

	test('pathPrefix limits a fault to matching paths, hub calls included', async () => {
		const { token } = await createInstance(sandbox());
		await arm({ kind: '502', pathPrefix: '/hubs/', count: 1 });
		expect((await call(sandbox(), 'GET', '/instances')).status).toBe(200);
		expectCeError(await call(sandbox(), 'GET', '/hubs/documents/ping', { element: token }), 502);
		expect((await call(sandbox(), 'GET', '/hubs/documents/ping', { element: token })).status).toBe(200);
	});

	test('faults are consumed in the order armed and can be listed and cleared', async () => {
		await arm({ kind: '429', count: 1 });
		await arm({ kind: '504', count: 3 });
		const listed = await call(sandbox(), 'GET', '/_sandbox/faults', { auth: null });
		expect(listed.json.map((f: { kind: string; remaining: number }) => [f.kind, f.remaining])).toEqual([
			['429', 1],
			['504', 3],
		]);
		expect((await call(sandbox(), 'GET', '/instances')).status).toBe(429);
		expect((await call(sandbox(), 'GET', '/instances')).status).toBe(504);
		expect((await call(sandbox(), 'DELETE', '/_sandbox/faults', { auth: null })).status).toBe(200);
		expect((await call(sandbox(), 'GET', '/instances')).status).toBe(200);
	});

	test('sandbox controls are never faulted', async () => {
		await arm({ kind: '500', count: 5 });
		expect((await call(sandbox(), 'GET', '/_sandbox/health', { auth: null })).status).toBe(200);
		expect((await call(sandbox(), 'GET', '/_sandbox/faults', { auth: null })).json[0].remaining).toBe(5);
	});

	test('an unknown kind or a bad count answers 400', async () => {
		expectCeError(await arm({ kind: '418' }), 400, /kind/);
		expectCeError(await arm({ kind: '500', count: 0 }), 400, /count/);
		expectCeError(await arm({ kind: 'slow', delayMs: -1 }), 400, /delayMs/);
	});
});
