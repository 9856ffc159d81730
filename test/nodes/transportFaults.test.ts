import { runActionNode } from '../harness/n8n';
import { useTestSandbox } from '../harness/sandboxClient';

const sandbox = useTestSandbox();
let instanceId: number;

beforeEach(async () => {
	instanceId = (await sandbox().createInstance('fault target')).id;
	await sandbox().control('DELETE', '/requests');
});

const getInstance = () =>
	runActionNode(sandbox().credentials(), {
		resource: 'instance',
		operation: 'get',
		instance: { __rl: true, mode: 'id', value: String(instanceId) },
	});

describe('transport: retries and failures', () => {
	it('waits out a 429 with Retry-After and then succeeds', async () => {
		await sandbox().control('POST', '/faults', { count: 1, kind: '429', retryAfter: 1 });
		const started = Date.now();
		const { items, error } = await getInstance();
		expect(error).toBeUndefined();
		expect(items[0].json.id).toBe(instanceId);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		expect((await sandbox().requests()).map((request) => request.status)).toEqual([429, 200]);
	});

	it('retries 502, 503 and 504 with backoff', async () => {
		for (const kind of ['502', '503', '504']) {
			await sandbox().control('POST', '/faults', { count: 1, kind });
		}
		const { error } = await getInstance();
		expect(error).toBeUndefined();
		expect((await sandbox().requests()).map((request) => request.status)).toEqual([502, 503, 504, 200]);
	});

	it('fails a 500 at once with the message, status and request id', async () => {
		await sandbox().control('POST', '/faults', { count: 1, kind: '500' });
		const { error } = await getInstance();
		expect(error?.httpCode).toBe('500');
		expect(error?.description).toContain('Cloud Elements request ID');
		expect(await sandbox().requests()).toHaveLength(1);
	});

	it('gives up on a lasting 503 after a bounded number of attempts', async () => {
		await sandbox().control('POST', '/faults', { count: 50, kind: '503' });
		const { error } = await getInstance();
		expect(error?.httpCode).toBe('503');
		expect(await sandbox().requests()).toHaveLength(5);
	});

	it('retries a GET whose body was cut off, but never repeats a POST', async () => {
		await sandbox().control('POST', '/faults', { count: 1, kind: 'broken' });
		const get = await getInstance();
		expect(get.error).toBeUndefined();
		expect(await sandbox().requests()).toHaveLength(2);

		await sandbox().control('DELETE', '/requests');
		await sandbox().control('POST', '/faults', { count: 1, kind: 'broken' });
		const create = await runActionNode(sandbox().credentials(), {
			resource: 'instance',
			operation: 'create',
			name: 'x',
			authorizationCode: 'sandbox-demo-code',
			subdomain: 'acme',
			events: 'off',
		});
		expect(create.error?.message).toContain('Could not reach Cloud Elements');
		expect(await sandbox().requests()).toHaveLength(1);
	});

	it('survives a slow answer', async () => {
		await sandbox().control('POST', '/faults', { count: 1, kind: 'slow', delayMs: 300 });
		const { error } = await getInstance();
		expect(error).toBeUndefined();
	});

	it('reports an unreachable service without secrets', async () => {
		const { error } = await runActionNode(
			sandbox().credentials({ baseUrl: 'http://127.0.0.1:9/elements/api-v2' }),
			{ resource: 'instance', operation: 'getMany', returnAll: true },
		);
		expect(error?.message).toContain('Could not reach Cloud Elements at 127.0.0.1:9');
	});
});
