import { DOCUMENTS_FORM_ROW } from '../harness/formRows';
import { useTestSandbox } from '../harness/sandboxClient';
import { useActivatedTriggers } from '../harness/webhookTrigger';
import { until } from '../harness/until';

/**
 * The whole way round: the trigger registers n8n's URL on activation, the sandbox's own event
 * engine (an independent implementation of Cloud Elements' polling, ShareFile webhooks and
 * signing) notices a ShareFile change and delivers it, and the trigger starts a workflow.
 */
const sandbox = useTestSandbox();
const activated = useActivatedTriggers(sandbox);

describe('webhook trigger with deliveries from the sandbox', () => {
	it('starts workflows for ShareFile webhook events, one item per event', async () => {
		const { instance, harness } = await activated({ detection: 'webhook' });
		const change = (body: Record<string, unknown>) =>
			sandbox().control('POST', `/instances/${instance.id}/documents`, body);
		const uploaded = await change({ op: 'upload', path: '/top/invoice.pdf', content: 'v1' });
		await change({ op: 'update', path: '/top/invoice.pdf', content: 'v2' });
		await change({ op: 'delete', path: '/top/invoice.pdf' });
		await until(() => harness.started.length === 3, 'three deliveries');
		const events = harness.started.map((items) => items.map((item) => item.json));
		expect(events.map((items) => items.map((event) => event.eventType))).toEqual([['CREATED'], ['UPDATED'], ['DELETED']]);
		expect(events[0][0]).toMatchObject({ objectId: uploaded.id, source: 'webhook', instanceId: instance.id });
		expect(harness.answers.every((answer) => answer.status === 200)).toBe(true);
	});

	it('starts a workflow for Cloud Elements polling events, each with its own ShareFile record', async () => {
		const { instance, harness } = await activated({
			detection: 'polling',
			refreshInterval: 60,
			pollResources: { resource: [DOCUMENTS_FORM_ROW] },
		});
		const now = Date.parse((await sandbox().control('GET', '/clock')).now);
		await sandbox().control('POST', `/instances/${instance.id}/documents`, {
			changes: [
				{ op: 'upload', path: '/top/a.txt', at: now + 1500 },
				{ op: 'upload', path: '/top/b.txt', at: now + 1500 },
			],
		});
		await sandbox().control('PUT', '/clock', { offsetMs: 5000 });
		await sandbox().control('POST', `/instances/${instance.id}/poll`);
		await until(() => harness.started.length >= 1, 'a polling delivery');
		const events = harness.started.flat().map((item) => item.json);
		expect(events.map((event) => (event.raw as { Name: string }).Name).sort()).toEqual(['a.txt', 'b.txt']);
		for (const event of events) {
			expect(event.objectType).toBe('documents');
			expect((event.raw as { Id: string }).Id).toBe(event.objectId);
		}
	});

	it('a delivery signed with another key starts nothing (401)', async () => {
		const { instance, harness } = await activated({ detection: 'webhook' });
		// Someone replaces the key behind the trigger's back: deliveries no longer verify.
		await sandbox().platform('PATCH', `/instances/${instance.id}`, {
			configuration: { 'event.notification.signature.key': 'not-the-trigger-key' },
		});
		await sandbox().control('POST', `/instances/${instance.id}/documents`, { op: 'upload', path: '/top/x.txt' });
		await until(() => harness.answers.length >= 1, 'a delivery attempt');
		expect(harness.answers[0].status).toBe(401);
		expect(harness.started).toHaveLength(0);
	});
});
