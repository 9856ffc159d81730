/**
 * The polling trigger keeps the instance it polls (token included) in process memory for a few
 * minutes, so a poll makes one request per page; never in static data. These tests watch the
 * sandbox's request log.
 */
import { clearCachedInstances, INSTANCE_TTL_MS } from '../../nodes/cloudElements/instances/instanceToken';
import { DOCUMENTS_FORM_ROW } from '../harness/formRows';
import { PolledWorkflow } from '../harness/pollTrigger';
import { useTestSandbox } from '../harness/sandboxClient';

const sandbox = useTestSandbox();

const parameters = (instanceId: number) => ({
	instance: { __rl: true, mode: 'id', value: String(instanceId) },
	resourceSource: 'form',
	pollResources: { resource: [{ ...DOCUMENTS_FORM_ROW, pageSize: 10 }] },
	eventTypes: ['CREATED', 'UPDATED'],
	pathPrefix: '',
	startFrom: 'now',
});

const instanceReads = async () => (await sandbox().requests()).filter((r) => /^\/instances\/\d+$/.test(r.path)).length;
const pageReads = async () => (await sandbox().requests()).filter((r) => r.path.startsWith('/hubs/documents/events/poll/')).length;

async function upload(instanceId: number, count: number) {
	const at = Date.parse((await sandbox().control('GET', '/clock')).now) + 1000;
	await sandbox().control('POST', `/instances/${instanceId}/documents`, {
		changes: Array.from({ length: count }, (_, i) => ({ op: 'upload', path: `/top/f${Math.random().toString(36).slice(2)}-${i}.txt`, at })),
	});
}

describe('instance cache of the polling trigger', () => {
	it('reads the instance once, then makes one request per page, and keeps the token out of static data', async () => {
		const instance = await sandbox().createInstance('cached');
		const workflow = new PolledWorkflow(sandbox().credentials(), parameters(instance.id));
		await workflow.poll();
		expect(await instanceReads()).toBe(1);
		for (let i = 0; i < 3; i++) {
			await upload(instance.id, 25);
			await sandbox().control('DELETE', '/requests');
			expect(await workflow.poll()).toHaveLength(25);
			expect(await instanceReads()).toBe(0);
			// 25 new changes (plus the overlap) in pages of 10: every request is a page.
			expect((await sandbox().requests()).length).toBe(await pageReads());
		}
		// A restart of n8n empties process memory: the instance is read again.
		clearCachedInstances();
		await sandbox().control('DELETE', '/requests');
		await workflow.restart().poll();
		expect(await instanceReads()).toBe(1);
		expect(workflow.staticDataJson).not.toContain(instance.token);
		expect(INSTANCE_TTL_MS).toBeLessThanOrEqual(10 * 60_000);
	});

	it('reads the instance again, once, when its cached token is refused', async () => {
		const first = await sandbox().createInstance('before reset');
		const workflow = new PolledWorkflow(sandbox().credentials(), parameters(first.id));
		await workflow.poll();
		// The same id now belongs to another instance with another token (as after a reset):
		// the cached token answers 401, the instance is read again and the poll goes on.
		await sandbox().control('POST', '/reset');
		const second = await sandbox().createInstance('after reset');
		expect(second.id).toBe(first.id);
		expect(second.token).not.toBe(first.token);
		await upload(second.id, 3);
		await sandbox().control('DELETE', '/requests');
		expect(await workflow.poll()).toHaveLength(3);
		const log = await sandbox().requests();
		expect(log.filter((r) => r.status === 401)).toHaveLength(1);
		expect(await instanceReads()).toBe(1);
	});

	it('gives up after one fresh read when the instance refuses hub calls (disabled: 403)', async () => {
		const instance = await sandbox().createInstance('disabled later');
		const workflow = new PolledWorkflow(sandbox().credentials(), parameters(instance.id));
		await workflow.poll();
		const saved = workflow.staticDataJson;
		await sandbox().platform('DELETE', `/instances/${instance.id}/enabled`);
		await sandbox().control('DELETE', '/requests');
		await expect(workflow.poll()).rejects.toThrow(/disabled|403|Forbidden|forbidden/i);
		expect(await instanceReads()).toBe(1);
		expect((await sandbox().requests()).filter((r) => r.status === 403)).toHaveLength(2);
		expect(workflow.staticDataJson).toBe(saved);
		await sandbox().platform('PUT', `/instances/${instance.id}/enabled`);
		await upload(instance.id, 2);
		expect(await workflow.poll()).toHaveLength(2);
	});

	it('keeps separate copies per credential: another credential reads the instance itself', async () => {
		const instance = await sandbox().createInstance('two credentials');
		await new PolledWorkflow(sandbox().credentials(), parameters(instance.id)).poll();
		await sandbox().control('DELETE', '/requests');
		await expect(new PolledWorkflow(sandbox().credentials({ userSecret: 'someone-else-entirely' }), parameters(instance.id)).poll()).rejects.toThrow(/Cloud Elements/);
		expect((await sandbox().requests()).map((r) => [r.path, r.status])).toEqual([[`/instances/${instance.id}`, 401]]);
	});
});
