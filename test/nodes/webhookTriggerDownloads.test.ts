import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { binaryBytes } from '../harness/binaryStore';
import { binaryBytesSample, MULTI_SCRIPT_TEXT } from '../harness/documents';
import { DOCUMENTS_FORM_ROW } from '../harness/formRows';
import { useTestSandbox } from '../harness/sandboxClient';
import { fileDownloads, nameOf } from '../harness/triggerDownloads';
import { until } from '../harness/until';
import { useActivatedTriggers } from '../harness/webhookTrigger';
import { recordedSize } from '../harness/n8nMajor';

// Binaries in the item (n8n's default memory mode); the polling trigger's test covers disk.
const sandbox = useTestSandbox();
const activate = useActivatedTriggers(sandbox);

const TEXT = Buffer.from(MULTI_SCRIPT_TEXT, 'utf8');
const BYTES = binaryBytesSample();

async function listening(options: IDataObject, detection: IDataObject = { detection: 'webhook' }) {
	const { instance, harness } = await activate({ ...detection, options });
	const change = async (body: IDataObject) =>
		(await sandbox().control('POST', `/instances/${instance.id}/documents`, body)) as IDataObject;
	const events = () => harness.started.flat();
	return { instance, harness, change, events };
}

const eventOf = (items: INodeExecutionData[], type: string, objectId: unknown) =>
	items.find((item) => item.json.eventType === type && item.json.objectId === objectId)!;

describe('webhook trigger → Options → Download File', () => {
	it('off: items as before, without binary, and not one download request', async () => {
		const { harness, change, events } = await listening({});
		await change({ op: 'upload', path: '/top/a.txt', content: 'a' });
		await until(() => harness.started.length === 1, 'the delivery');
		expect(events()[0].binary).toBeUndefined();
		expect(events()[0].json.download).toBeUndefined();
		expect(await fileDownloads(sandbox())).toEqual([]);
	});

	it('on: created and updated files byte for byte as binary "data"; deletions and folders get none', async () => {
		const { harness, change, events } = await listening({ downloadFile: true });
		// One change at a time, each delivered (and its file read) before the next.
		const delivered = async (body: IDataObject) => {
			const before = harness.started.length;
			const answer = await change(body);
			await until(() => harness.started.length === before + 1, `the delivery of ${String(body.op)}`);
			return answer;
		};
		await change({ op: 'createFolder', path: '/top/Old' });
		const text = await delivered({ op: 'upload', path: '/top/grüße 你好.txt', contentBase64: TEXT.toString('base64') });
		const bytes = await delivered({ op: 'upload', path: '/top/sample.bin', contentBase64: BYTES.toString('base64') });
		await delivered({ op: 'update', path: '/top/sample.bin', content: 'v2' });
		await delivered({ op: 'delete', path: '/top/grüße 你好.txt' });
		const folder = await delivered({ op: 'delete', path: '/top/Old' });
		const items = events();

		const created = eventOf(items, 'CREATED', text.id);
		expect((await binaryBytes(created.binary!.data)).equals(TEXT)).toBe(true);
		// ShareFile's webhook says nothing of the name: it comes from the download's answer.
		expect(created.binary!.data).toMatchObject({ fileName: 'grüße 你好.txt', ...recordedSize(TEXT.length) });
		expect(created.binary!.data.mimeType).toMatch(/^text\/plain/);
		expect((await binaryBytes(eventOf(items, 'CREATED', bytes.id).binary!.data)).equals(BYTES)).toBe(true);
		expect((await binaryBytes(eventOf(items, 'UPDATED', bytes.id).binary!.data)).toString()).toBe('v2');
		for (const deleted of [eventOf(items, 'DELETED', text.id), eventOf(items, 'DELETED', folder.id)]) {
			expect(deleted.binary).toBeUndefined();
			expect(deleted.json.download).toBeUndefined();
		}
		expect(Object.keys(created.json)).not.toContain('download');
		expect(await fileDownloads(sandbox())).toEqual([text.id, bytes.id, bytes.id]);
		// Each download is itself a ShareFile event (Downloaded), not among the chosen Event Types.
		await until(() => harness.answers.length === 8, 'the three Downloaded deliveries');
		expect(harness.answers.filter((answer) => !answer.started).map((answer) => answer.body)).toEqual(
			Array(3).fill('{"received":0}'),
		);
	});

	it("on, with Cloud Elements polling: each polled file's content, none for its folder", async () => {
		const { instance, harness, change, events } = await listening(
			{ downloadFile: true },
			{ detection: 'polling', refreshInterval: 60, pollResources: { resource: [DOCUMENTS_FORM_ROW] } },
		);
		const now = Date.parse((await sandbox().control('GET', '/clock')).now);
		await change({
			changes: [
				{ op: 'createFolder', path: '/top/Reports', at: now + 1000 },
				{ op: 'upload', path: '/top/Reports/grüße 你好.txt', contentBase64: TEXT.toString('base64'), at: now + 1500 },
				{ op: 'upload', path: '/top/Reports/sample.bin', contentBase64: BYTES.toString('base64'), at: now + 1500 },
			],
		});
		await sandbox().control('PUT', '/clock', { offsetMs: 5000 });
		await sandbox().control('POST', `/instances/${instance.id}/poll`);
		await until(() => harness.started.length >= 1, 'a polling delivery');
		const items = events();
		const named = (name: string) => items.find((item) => nameOf(item) === name)!;
		expect((await binaryBytes(named('grüße 你好.txt').binary!.data)).equals(TEXT)).toBe(true);
		expect((await binaryBytes(named('sample.bin').binary!.data)).equals(BYTES)).toBe(true);
		expect(named('Reports').binary).toBeUndefined();
	});

	it('a file over Max File Size (known from Content-Length) gets a note; its body is not read', async () => {
		const { harness, change, events } = await listening({ downloadFile: true, maxFileSize: 0.01 });
		const bytes = await change({ op: 'upload', path: '/top/sample.bin', contentBase64: BYTES.toString('base64') });
		await until(() => harness.started.length === 1, 'the delivery');
		const [item] = events();
		expect(item.binary).toBeUndefined();
		expect(item.json.download).toEqual({
			skipped: true,
			reason: 'File is 0.0673 MB, over the Max File Size of 0.01 MB',
			size: BYTES.length,
		});
		// The sandbox logs a download once its answer is closed, which the node's early stop may
		// leave to a moment after the delivery ran.
		await until(async () => (await fileDownloads(sandbox())).length > 0, 'the logged download');
		expect(await fileDownloads(sandbox())).toEqual([bytes.id]);
	});

	it('a file deleted before its download gets a note; the delivery still runs', async () => {
		const { harness, change, events } = await listening({ downloadFile: true });
		const answer = await change({
			changes: [
				{ op: 'upload', path: '/top/brief.txt', content: 'gone soon' },
				{ op: 'delete', path: '/top/brief.txt' },
			],
		});
		const id = (answer.changes as IDataObject[])[0].id;
		await until(() => harness.started.length === 2, 'two deliveries');
		const created = eventOf(events(), 'CREATED', id);
		expect(created.binary).toBeUndefined();
		expect(created.json.download).toMatchObject({ skipped: true, status: 404 });
		expect(harness.answers.map((answer) => answer.status)).toEqual([200, 200]);
	});

	it('a download that fails is answered 503 and not remembered; the redelivery runs once', async () => {
		const { instance, harness, change } = await listening({ downloadFile: true });
		await sandbox().control('POST', '/faults', { kind: '500', method: 'GET', pathPrefix: '/hubs/documents/files/' });
		const text = await change({ op: 'upload', path: '/top/grüße 你好.txt', contentBase64: TEXT.toString('base64') });
		const deliveries = async () =>
			(await sandbox().control('GET', `/instances/${instance.id}/deliveries`)) as Array<{ status: string; attempts: Array<{ status?: number }> }>;
		await until(async () => (await deliveries())[0]?.status === 'retrying', 'the delivery to wait for a retry');
		expect(harness.answers.map((answer) => answer.status)).toEqual([503]);
		expect(JSON.parse(harness.answers[0].body).message).toContain('While downloading file');
		expect(harness.started).toHaveLength(0);

		await sandbox().control('POST', '/deliveries/flush');
		await until(() => harness.started.length === 1, 'the redelivery');
		const [item] = harness.started[0];
		expect(item.json.objectId).toBe(text.id);
		expect((await binaryBytes(item.binary!.data)).equals(TEXT)).toBe(true);
		expect((await deliveries())[0].attempts.map((attempt) => attempt.status)).toEqual([503, 200]);
		// Once the Downloaded delivery that the successful download caused is answered too,
		// nothing else has started.
		await until(() => harness.answers.length === 3, 'the Downloaded delivery');
		expect(harness.started).toHaveLength(1);
	});

	it("a download that outlasts Cloud Elements' 10 s wait: its copy is asked to come back until the first is answered, then is a repeat", async () => {
		const { instance, harness, change } = await listening({ downloadFile: true });
		await sandbox().control('POST', '/faults', { kind: 'slow', delayMs: 12_000, method: 'GET', pathPrefix: '/hubs/documents/files/' });
		const text = await change({ op: 'upload', path: '/top/slow.txt', content: 'slow' });
		type Delivery = { status: string; attempts: Array<{ status?: number; error?: string }> };
		const delivery = async () => ((await sandbox().control('GET', `/instances/${instance.id}/deliveries`)) as Delivery[])[0];
		await until(async () => (await delivery())?.status === 'retrying', "Cloud Elements' timeout", 15_000);
		expect((await delivery()).attempts[0].error).toMatch(/no answer within/);

		// The copy while the first attempt is still downloading: "already accepted" now would lose
		// the event if n8n died before storing the first one's execution.
		await sandbox().control('POST', '/deliveries/flush');
		await until(async () => (await delivery()).attempts.length === 2, 'the copy');
		const copy = harness.answers.find((answer) => answer.status === 503)!;
		expect(JSON.parse(copy.body).message).toContain('still being handled');
		expect(harness.started).toHaveLength(0);

		await until(() => harness.started.length === 1, 'the first attempt to start the workflow', 15_000);
		await sandbox().control('POST', '/deliveries/flush');
		await until(async () => (await delivery()).status === 'delivered', 'the next copy');
		expect((await delivery()).attempts.map((attempt) => attempt.status)).toEqual([undefined, 503, 200]);
		expect(harness.answers.filter((answer) => answer.body.includes('"duplicate":true'))).toHaveLength(1);
		expect(harness.started.flat().map((item) => item.json.objectId)).toEqual([text.id]);
	});
});
