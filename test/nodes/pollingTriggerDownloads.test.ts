import type { INodeExecutionData } from 'n8n-workflow';

import { binaryBytes, useFilesystemBinaryData } from '../harness/binaryStore';
import { binaryBytesSample, documentsInstance, MULTI_SCRIPT_TEXT } from '../harness/documents';
import { documentsPollTrigger } from '../harness/pollTrigger';
import { useTestSandbox } from '../harness/sandboxClient';
import { fileDownloads, nameOf } from '../harness/triggerDownloads';
import { until } from '../harness/until';
import { recordedSize } from '../harness/n8nMajor';

// Binaries on disk (filesystem mode): each download is streamed into n8n's store.
useFilesystemBinaryData();
const sandbox = useTestSandbox();

async function setUp(options: Record<string, unknown>) {
	const docs = await documentsInstance(sandbox(), 'polled downloads');
	const workflow = documentsPollTrigger(sandbox().credentials(), docs.locator, { options });
	expect(await workflow.poll()).toBeNull();
	const clock = Date.parse((await sandbox().control('GET', '/clock')).now);
	return { docs, workflow, at: (offsetMs: number) => clock + offsetMs };
}

const TEXT = Buffer.from(MULTI_SCRIPT_TEXT, 'utf8');
const BYTES = binaryBytesSample();

/** A text file and a binary one in /top/Reports, which is reported (UPDATED) with them. */
async function uploadBoth(setup: Awaited<ReturnType<typeof setUp>>) {
	await setup.docs.change({
		changes: [
			{ op: 'createFolder', path: '/top/Reports', at: setup.at(500) },
			{ op: 'upload', path: '/top/Reports/grüße 你好.txt', contentBase64: TEXT.toString('base64'), at: setup.at(1000) },
			{ op: 'upload', path: '/top/Reports/sample.bin', contentBase64: BYTES.toString('base64'), at: setup.at(2000) },
		],
	});
	await sandbox().control('DELETE', '/requests');
}

const byName = (items: INodeExecutionData[] | null, name: string) => (items ?? []).find((item) => nameOf(item) === name)!;

describe('polling trigger → Options → Download File', () => {
	it('off: items as before, without binary, and not one download request', async () => {
		const setup = await setUp({});
		await uploadBoth(setup);
		const items = await setup.workflow.poll();
		expect(items!.map(nameOf).sort()).toEqual(['Reports', 'grüße 你好.txt', 'sample.bin']);
		expect(items!.every((item) => item.binary === undefined && item.json.download === undefined)).toBe(true);
		expect(await fileDownloads(sandbox())).toEqual([]);
	});

	it('on: each created or updated file byte for byte as binary "data"; the folder gets none', async () => {
		const setup = await setUp({ downloadFile: true });
		await uploadBoth(setup);
		const items = await setup.workflow.poll();
		const text = byName(items, 'grüße 你好.txt');
		const bytes = byName(items, 'sample.bin');
		const folder = byName(items, 'Reports');
		expect((await binaryBytes(text.binary!.data)).equals(TEXT)).toBe(true);
		expect(text.binary!.data).toMatchObject({ fileName: 'grüße 你好.txt', ...recordedSize(TEXT.length) });
		expect(text.binary!.data.mimeType).toMatch(/^text\/plain/);
		// Streamed into the store: the item holds a reference, not the bytes.
		expect(text.binary!.data.id).toBeTruthy();
		expect((await binaryBytes(bytes.binary!.data)).equals(BYTES)).toBe(true);
		expect(bytes.binary!.data).toMatchObject({ fileName: 'sample.bin', ...recordedSize(BYTES.length) });
		expect(folder.binary).toBeUndefined();
		expect(folder.json.download).toBeUndefined();
		// Otherwise the items are what the trigger always emits.
		expect(Object.keys(text.json).sort()).toEqual(
			['eventType', 'objectType', 'objectId', 'elementKey', 'hubKey', 'eventDate', 'pollDate', 'instanceId', 'source', 'raw', 'instanceName'].sort(),
		);
		expect((await fileDownloads(sandbox())).sort()).toEqual([text.json.objectId, bytes.json.objectId].sort());

		await setup.docs.change({ op: 'update', path: '/top/Reports/sample.bin', content: 'v2', at: setup.at(30_000) });
		const updated = byName(await setup.workflow.poll(), 'sample.bin');
		expect(updated.json.eventType).toBe('UPDATED');
		expect((await binaryBytes(updated.binary!.data)).toString()).toBe('v2');
	});

	it('a file over Max File Size gets a note instead, without a download request', async () => {
		// 0.01 MB is 10,485 bytes: the text fits, the 70 KB sample does not.
		const setup = await setUp({ downloadFile: true, maxFileSize: 0.01 });
		await uploadBoth(setup);
		const items = await setup.workflow.poll();
		const bytes = byName(items, 'sample.bin');
		expect(bytes.binary).toBeUndefined();
		expect(bytes.json.download).toEqual({
			skipped: true,
			reason: 'File is 0.0673 MB, over the Max File Size of 0.01 MB',
			size: BYTES.length,
		});
		expect(byName(items, 'grüße 你好.txt').binary?.data).toBeDefined();
		expect(await fileDownloads(sandbox())).toEqual([byName(items, 'grüße 你好.txt').json.objectId]);
	});

	it('a file deleted before its download gets a note; the poll goes on', async () => {
		const setup = await setUp({ downloadFile: true });
		await uploadBoth(setup);
		// The first download is held back; the file is deleted while it waits.
		await sandbox().control('POST', '/faults', { kind: 'slow', delayMs: 1500, method: 'GET', pathPrefix: '/hubs/documents/files/' });
		const polled = setup.workflow.poll();
		await until(async () => (await sandbox().control('GET', '/faults')).length === 0, 'the held download');
		await setup.docs.change({ op: 'delete', path: '/top/Reports/grüße 你好.txt' });
		const items = await polled;
		const gone = byName(items, 'grüße 你好.txt');
		expect(gone.binary).toBeUndefined();
		expect(gone.json.download).toMatchObject({ skipped: true, status: 404 });
		expect(String((gone.json.download as { reason: string }).reason)).toContain('deleted or moved');
		expect((await binaryBytes(byName(items, 'sample.bin').binary!.data)).equals(BYTES)).toBe(true);
		expect(await setup.workflow.poll()).toBeNull();
	});

	it('a download that fails fails the poll, which moves nothing; the next poll delivers the files once', async () => {
		const setup = await setUp({ downloadFile: true });
		await uploadBoth(setup);
		const before = setup.workflow.staticDataJson;
		await sandbox().control('POST', '/faults', { kind: '500', method: 'GET', pathPrefix: '/hubs/documents/files/' });
		await expect(setup.workflow.poll()).rejects.toThrow('Cloud Elements');
		expect(setup.workflow.staticDataJson).toBe(before);
		const items = await setup.workflow.poll();
		expect(items!.map(nameOf).sort()).toEqual(['Reports', 'grüße 你好.txt', 'sample.bin']);
		expect((await binaryBytes(byName(items, 'grüße 你好.txt').binary!.data)).equals(TEXT)).toBe(true);
		expect((await binaryBytes(byName(items, 'sample.bin').binary!.data)).equals(BYTES)).toBe(true);
		expect(await setup.workflow.poll()).toBeNull();
	});

	it('names the file in the error of a failed poll', async () => {
		const setup = await setUp({ downloadFile: true, maxFileSize: 0.01 });
		await uploadBoth(setup);
		await sandbox().control('POST', '/faults', { kind: '500', method: 'GET', pathPrefix: '/hubs/documents/files/' });
		const failure = (await setup.workflow.poll().catch((error: unknown) => error)) as { description?: string };
		expect(failure.description).toContain('While downloading "grüße 你好.txt"');
	});

	it('Fetch Test Event downloads the newest file too, without touching the state', async () => {
		const setup = await setUp({ downloadFile: true });
		await setup.docs.change({ op: 'upload', path: '/top/newest.txt', content: 'fresh', at: setup.at(-60_000) });
		const before = setup.workflow.staticDataJson;
		const [item] = (await setup.workflow.poll('manual'))!;
		expect(nameOf(item)).toBe('newest.txt');
		expect((await binaryBytes(item.binary!.data)).toString()).toBe('fresh');
		expect(setup.workflow.staticDataJson).toBe(before);
	});
});
