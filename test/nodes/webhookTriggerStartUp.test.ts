import type { IDataObject } from 'n8n-workflow';

import { binaryBytes } from '../harness/binaryStore';
import { useTestSandbox } from '../harness/sandboxClient';
import { until } from '../harness/until';
import { useActivatedTriggers, WebhookTriggerHarness } from '../harness/webhookTrigger';

/**
 * The webhook trigger is also a trigger (`trigger()`) only so that n8n 2.41 runs its webhook's
 * `checkExists` again at start-up, and has `execute()` only so that executions keep the
 * webhook's items. Both through n8n-core's own contexts and engine, against the sandbox.
 */
const sandbox = useTestSandbox();
const activateTrigger = useActivatedTriggers(sandbox);
const closing: WebhookTriggerHarness[] = [];
afterEach(async () => {
	while (closing.length) await closing.pop()!.close();
});

const upload = async (instanceId: number, name: string, content = name) =>
	(await sandbox().control('POST', `/instances/${instanceId}/documents`, { op: 'upload', path: `/top/${name}`, content })) as IDataObject;

/** A started webhook trigger on the instance, for CREATED events, with a key of its own. */
async function startedHarness(instanceId: number): Promise<WebhookTriggerHarness> {
	const harness = new WebhookTriggerHarness(sandbox().credentials(), {
		instance: { __rl: true, mode: 'id', value: String(instanceId) },
		detection: 'webhook',
		eventTypes: ['CREATED'],
		signatureKeySource: 'generate',
		registration: 'callback',
	});
	closing.push(await harness.start());
	return harness;
}

describe('webhook trigger: trigger() as the start-up hook', () => {
	it.each(['activate', 'init'] as const)('activation %s: trigger() answers and emits nothing; the webhook methods register', async (activation) => {
		const instance = await sandbox().createInstance('start-up');
		const harness = await startedHarness(instance.id);

		const first = await harness.activate(activation);
		// Anything but undefined: n8n counts a trigger that answers nothing as not registered.
		expect(first.response).toEqual({});
		expect(first).toMatchObject({ existed: false, emitted: [] });
		// n8n started again with the workflow active: the registration stands, nothing is emitted.
		expect(await harness.activate('init')).toMatchObject({ existed: true, emitted: [] });

		const file = await upload(instance.id, 'a.txt');
		await until(() => harness.started.length === 1, 'a live delivery');
		expect(harness.started[0][0].json).toMatchObject({ eventType: 'CREATED', objectId: file.id });
	});
});

describe('webhook trigger: Cloud Elements unreachable', () => {
	it('while n8n starts, the registration is taken as standing (n8n would drop the webhook); on activation the error stands', async () => {
		const instance = await sandbox().createInstance('unreachable');
		const harness = await startedHarness(instance.id);
		await harness.activate();

		await sandbox().control('POST', '/faults', { count: 1, kind: '500', pathPrefix: `/instances/${instance.id}` });
		expect(await harness.activate('init')).toMatchObject({ existed: true, emitted: [] });
		await sandbox().control('POST', '/faults', { count: 1, kind: '500', pathPrefix: `/instances/${instance.id}` });
		await expect(harness.hook('checkExists')).rejects.toThrow(/500|Cloud Elements/);
	});
});

describe('webhook trigger: executions keep the webhook items (execute() passes them through)', () => {
	it.each(['webhook', 'manual'] as const)('mode %s: the node outputs exactly the items webhook() answered, binary included', async (mode) => {
		const { instance, harness } = await activateTrigger({ detection: 'webhook', options: { downloadFile: true } });
		await upload(instance.id, 'a.txt', 'hello');
		await until(() => harness.started.length === 1, 'the delivery');
		const items = harness.started[0];
		expect(items[0].binary?.data).toBeDefined();

		// In manual mode, a run through trigger() would wait for an emit and never end.
		const output = await harness.runExecution(items, mode);
		expect(output.map((item) => item.json)).toEqual(items.map((item) => item.json));
		expect(output[0].binary).toEqual(items[0].binary);
		expect((await binaryBytes(output[0].binary!.data)).toString('utf8')).toBe('hello');
	});
});
