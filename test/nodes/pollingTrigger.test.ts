import { clearCachedInstances } from '../../nodes/cloudElements/instances/instanceToken';
import { DOCUMENTS_FORM_ROW } from '../harness/formRows';
import { ORGANIZATION_SECRET, useTestSandbox, USER_SECRET } from '../harness/sandboxClient';
import { PolledWorkflow } from '../harness/pollTrigger';

const sandbox = useTestSandbox();

const documents = { ...DOCUMENTS_FORM_ROW, createdCheckTolerance: 0 };

async function setUp(parameters: Record<string, unknown> = {}, resource: Record<string, unknown> = {}) {
	const instance = await sandbox().createInstance('polled');
	const workflow = new PolledWorkflow(sandbox().credentials(), {
		instance: { __rl: true, mode: 'id', value: String(instance.id) },
		resourceSource: 'form',
		pollResources: { resource: [{ ...documents, ...resource }] },
		eventTypes: ['CREATED', 'UPDATED'],
		pathPrefix: '',
		startFrom: 'now',
		...parameters,
	});
	const change = async (body: Record<string, unknown>) =>
		await sandbox().control('POST', `/instances/${instance.id}/documents`, body);
	return { instance, workflow, change };
}

const clock = async () => Date.parse((await sandbox().control('GET', '/clock')).now);
const ids = (items: Array<{ json: Record<string, unknown> }> | null) =>
	(items ?? []).map((item) => `${item.json.eventType} ${(item.json.raw as { Name: string }).Name}`);

describe('polling trigger', () => {
	it('reports nothing older than activation, then each change once, in the normalized shape', async () => {
		const { instance, workflow, change } = await setUp();
		await change({ op: 'upload', path: '/top/before.txt', at: (await clock()) - 60_000 });
		expect(await workflow.poll()).toBeNull();

		const at = (await clock()) + 2000;
		await change({ op: 'upload', path: '/top/report.pdf', content: 'v1', at });
		const items = await workflow.poll();
		expect(ids(items)).toEqual(['CREATED report.pdf']);
		expect(items![0].json).toMatchObject({
			eventType: 'CREATED',
			objectType: 'documents',
			elementKey: 'sharefile',
			hubKey: 'documents',
			instanceId: instance.id,
			instanceName: 'polled',
			source: 'polling',
			eventDate: new Date(at).toISOString(),
		});
		expect(items![0].json.objectId).toBe((items![0].json.raw as { Id: string }).Id);
		expect(await workflow.poll()).toBeNull();

		await change({ op: 'update', path: '/top/report.pdf', content: 'v2', at: at + 5000 });
		expect(ids(await workflow.poll())).toEqual(['UPDATED report.pdf']);
		expect(await workflow.poll()).toBeNull();
	});

	it('keeps no token or secret in static data, and keeps it small', async () => {
		const { instance, workflow, change } = await setUp();
		await workflow.poll();
		const base = (await clock()) + 1000;
		await change({ changes: Array.from({ length: 800 }, (_, i) => ({ op: 'upload', path: `/top/f${i}.txt`, at: base + (i % 20) })) });
		expect(await workflow.poll()).toHaveLength(800);
		const saved = workflow.staticDataJson;
		expect(saved).not.toContain(instance.token);
		expect(saved).not.toContain(USER_SECRET);
		expect(saved).not.toContain(ORGANIZATION_SECRET);
		expect(saved.length).toBeLessThan(16_384);
	});

	it('walks pages with one request each and reports records sharing a timestamp across pages once', async () => {
		const { workflow, change } = await setUp({}, { pageSize: 10 });
		await workflow.poll();
		const at = (await clock()) + 1000;
		await change({ changes: Array.from({ length: 25 }, (_, i) => ({ op: 'upload', path: `/top/same-${String(i).padStart(2, '0')}.txt`, at })) });
		await sandbox().control('DELETE', '/requests');
		const first = await workflow.poll();
		expect(first).toHaveLength(25);
		const polls = (await sandbox().requests()).filter((request) => request.path.includes('/events/poll/'));
		expect(polls).toHaveLength(3);
		// Five more at the very same instant, after the first poll saw the others.
		await change({ changes: Array.from({ length: 5 }, (_, i) => ({ op: 'upload', path: `/top/late-${i}.txt`, at })) });
		expect(ids(await workflow.poll()).sort()).toEqual(['CREATED late-0.txt', 'CREATED late-1.txt', 'CREATED late-2.txt', 'CREATED late-3.txt', 'CREATED late-4.txt']);
		expect(await workflow.poll()).toBeNull();
	});

	it('a poll that fails part-way reports nothing and moves nothing; the next one catches up', async () => {
		const { workflow, change } = await setUp({}, { pageSize: 5 });
		await workflow.poll();
		const at = (await clock()) + 1000;
		await change({ changes: Array.from({ length: 12 }, (_, i) => ({ op: 'upload', path: `/top/x${i}.txt`, at: at + i })) });
		const before = workflow.staticDataJson;
		await sandbox().control('DELETE', '/requests');
		// The second page fails for good: every retry answers 500.
		await sandbox().control('POST', '/faults', { count: 1, kind: '500', pathPrefix: '/hubs/documents/events/poll' });
		await expect(workflow.poll()).rejects.toThrow('Cloud Elements');
		expect(workflow.staticDataJson).toBe(before);
		expect(await workflow.poll()).toHaveLength(12);
		expect(await workflow.poll()).toBeNull();
	});

	it('gives up on a request that hangs past Options → Request Timeout and tries it again', async () => {
		const { instance, workflow, change } = await setUp({ options: { requestTimeout: 1 } });
		clearCachedInstances();
		// The instance read hangs on activation; a page read hangs on the poll after.
		await sandbox().control('POST', '/faults', { kind: 'hang', pathPrefix: `/instances/${instance.id}` });
		await sandbox().control('DELETE', '/requests');
		await workflow.poll();
		const activation = await sandbox().requests();
		expect(activation.slice(0, 2).map((entry) => [entry.path, entry.status])).toEqual([
			[`/instances/${instance.id}`, 0],
			[`/instances/${instance.id}`, 200],
		]);
		await change({ op: 'upload', path: '/top/after-the-stall.txt', at: (await clock()) + 1000 });
		await sandbox().control('DELETE', '/requests');
		await sandbox().control('POST', '/faults', { kind: 'hang', pathPrefix: '/hubs/documents/events/poll' });
		const started = Date.now();
		expect(ids(await workflow.poll())).toEqual(['CREATED after-the-stall.txt']);
		const waited = Date.now() - started;
		expect(waited).toBeGreaterThanOrEqual(1000);
		expect(waited).toBeLessThan(20_000);
		const log = await sandbox().requests();
		expect(log.map((entry) => [entry.status, (entry as { fault?: string }).fault])).toEqual([
			[0, 'hang'],
			[200, undefined],
		]);
	});

	it('names the option when Request Timeout is not a number of seconds', async () => {
		const { workflow } = await setUp({ options: { requestTimeout: 'soon' } });
		await expect(workflow.poll()).rejects.toThrow('Request Timeout "soon" is not a number of seconds');
	});

	it('survives a restart between polls (state saved as JSON) without repeats or gaps', async () => {
		const { workflow, change } = await setUp();
		await workflow.poll();
		const at = (await clock()) + 1000;
		await change({ op: 'upload', path: '/top/a.txt', at });
		expect(await workflow.poll()).toHaveLength(1);
		const restarted = workflow.restart();
		await change({ op: 'upload', path: '/top/b.txt', at });
		expect(ids(await restarted.poll())).toEqual(['CREATED b.txt']);
		expect(await restarted.poll()).toBeNull();
	});

	it.each([
		['ahead of', 5 * 60_000],
		['behind', -5 * 60_000],
	])("loses nothing when the server's clock is five minutes %s n8n's", async (_label, offsetMs) => {
		await sandbox().control('PUT', '/clock', { offsetMs });
		const { workflow, change } = await setUp();
		await workflow.poll();
		await change({ op: 'upload', path: '/top/skewed.txt' });
		expect(ids(await workflow.poll())).toEqual(['CREATED skewed.txt']);
		expect(await workflow.poll()).toBeNull();
	});

	it('backfills from a date, filters by event type and folder', async () => {
		const { workflow, change } = await setUp({ startFrom: 'date', startDate: '2024-03-01T00:00:00Z', eventTypes: ['UPDATED'], pathPrefix: '/top/Reports' });
		await change({ op: 'createFolder', path: '/top/Reports', at: '2024-03-02T00:00:00Z' });
		await change({ op: 'upload', path: '/top/Reports/q1.pdf', at: '2024-03-03T00:00:00Z' });
		await change({ op: 'update', path: '/top/Reports/q1.pdf', content: 'v2', at: '2024-03-04T00:00:00Z' });
		await change({ op: 'upload', path: '/top/elsewhere.txt', at: '2024-03-02T00:00:00Z' });
		await change({ op: 'update', path: '/top/elsewhere.txt', content: 'v2', at: '2024-03-05T00:00:00Z' });
		const items = await workflow.poll();
		expect(ids(items).sort()).toEqual(['UPDATED Reports', 'UPDATED q1.pdf']);
	});

	it('fetches the newest real change as a test event without touching the state', async () => {
		const { workflow, change } = await setUp();
		await expect(workflow.poll('manual')).rejects.toThrow('No changes found');
		await change({ op: 'upload', path: '/top/old.txt', at: (await clock()) - 3_600_000 });
		await change({ op: 'upload', path: '/top/newest.txt', at: (await clock()) - 60_000 });
		const before = workflow.staticDataJson;
		expect(ids(await workflow.poll('manual'))).toEqual(['CREATED newest.txt']);
		expect(workflow.staticDataJson).toBe(before);
	});

	it.each([
		['an unknown variable', { url: '/hubs/documents/events/poll/documents?where=lastmodifieddate=${since}' }, 'since'],
		['a bad date pattern', { updatedDateFormat: "yyyy-MM-dd'T'HH:mm:ss.qqq" }, 'Updated Date Format'],
		['an unknown zone', { updatedDateTimezone: 'Nowhere/Land' }, 'Nowhere/Land'],
		['no ID field', { idField: '' }, 'ID Field'],
	])('refuses %s before polling, naming it', async (_case, resource, expected) => {
		const { workflow } = await setUp({}, resource);
		await sandbox().control('DELETE', '/requests');
		await expect(workflow.poll()).rejects.toThrow(expected);
		expect((await sandbox().requests()).filter((request) => request.path.includes('/hubs/'))).toHaveLength(0);
	});

	it("names the field when records do not match the configured date format", async () => {
		const { workflow, change } = await setUp({}, { updatedDateFormat: 'yyyy-MM-dd HH:mm:ss' });
		await workflow.poll();
		await change({ op: 'upload', path: '/top/a.txt', at: (await clock()) + 1000 });
		await expect(workflow.poll()).rejects.toThrow(/ProgenyEditDate .* does not match the Updated Date Format/);
	});

	it("can poll with the instance's own poll configuration", async () => {
		const instance = await sandbox().createInstance('own config', [], {
			'event.notification.enabled': true,
			'event.vendor.type': 'polling',
			'event.notification.callback.url': 'http://127.0.0.1:9/unused',
			'event.poller.refresh_interval': 15,
			'event.poller.configuration': {
				documents: {
					url: documents.url,
					idField: 'Id',
					datesConfiguration: { updatedDateField: 'ProgenyEditDate', updatedDateFormat: documents.updatedDateFormat, updatedDateTimezone: 'GMT', createdDateField: 'CreationDate', createdDateFormat: documents.createdDateFormat, createdDateTimezone: 'GMT' },
				},
			},
		});
		const workflow = new PolledWorkflow(sandbox().credentials(), {
			instance: { __rl: true, mode: 'id', value: String(instance.id) },
			resourceSource: 'instance',
			eventTypes: ['CREATED', 'UPDATED'],
			startFrom: 'now',
		});
		await workflow.poll();
		await sandbox().control('POST', `/instances/${instance.id}/documents`, { op: 'upload', path: '/top/own.txt', at: (await clock()) + 1000 });
		expect(ids(await workflow.poll())).toEqual(['CREATED own.txt']);
	});
});
