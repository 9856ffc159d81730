import { binaryBytes, useFilesystemBinaryData } from '../harness/binaryStore';
import { binaryBytesSample, documentsInstance, MULTI_SCRIPT_TEXT } from '../harness/documents';
import { runActionNode } from '../harness/n8n';
import { useTestSandbox } from '../harness/sandboxClient';
import { recordedSize } from '../harness/n8nMajor';

// n8n keeps binaries on disk here (filesystem mode): downloads are streamed into the store and
// uploads streamed out of it, never held whole in the item.
useFilesystemBinaryData();
const sandbox = useTestSandbox();

describe('binary data in filesystem mode', () => {
	it('downloads into the binary store and uploads from it, byte for byte', async () => {
		const docs = await documentsInstance(sandbox());
		const bytes = Buffer.concat([binaryBytesSample(), Buffer.alloc(3 * 1024 * 1024, 0x5a)]);
		const text = Buffer.from(MULTI_SCRIPT_TEXT, 'utf8');
		await docs.upload('/top/in/big.bin', bytes);
		await docs.upload('/top/in/текст.txt', text);

		const downloaded = await runActionNode(
			sandbox().credentials(),
			{
				resource: 'file',
				operation: 'download',
				instance: docs.locator,
				file: { __rl: true, mode: 'path', value: '={{ $json.path }}' },
				binaryPropertyName: 'data',
			},
			{ inputItems: [{ path: '/top/in/big.bin' }, { path: '/top/in/текст.txt' }] },
		);
		expect(downloaded.error).toBeUndefined();
		const [big, small] = downloaded.items;
		expect(big.binary!.data.id).toBeDefined();
		expect(big.binary!.data).toMatchObject(recordedSize(bytes.length));
		expect((await binaryBytes(big.binary!.data)).equals(bytes)).toBe(true);
		expect((await binaryBytes(small.binary!.data)).equals(text)).toBe(true);
		expect(small.binary!.data.fileName).toBe('текст.txt');

		// The downloaded items go straight back up: the stored binaries are streamed to the hub.
		const uploaded = await runActionNode(
			sandbox().credentials(),
			{
				resource: 'file',
				operation: 'upload',
				instance: docs.locator,
				binaryPropertyName: 'data',
				folder: { __rl: true, mode: 'path', value: '/top/out' },
			},
			{
				inputItems: [
					{ __binary: { data: { base64: bytes.toString('base64'), fileName: 'big.bin' } } },
					{ __binary: { data: { base64: text.toString('base64'), fileName: 'текст.txt', mimeType: 'text/plain' } } },
				],
			},
		);
		expect(uploaded.error).toBeUndefined();
		expect(uploaded.items.map((item) => item.json.size)).toEqual([bytes.length, text.length]);
		expect((await docs.bytesAt('/top/out/big.bin')).equals(bytes)).toBe(true);
		expect((await docs.bytesAt('/top/out/текст.txt')).equals(text)).toBe(true);
	});
});
