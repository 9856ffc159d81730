import { createHash, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';

import { call, createInstance, expectCeError, useDataFileSandboxes, useSandbox } from './helpers';
import { hub, itemAt, placeOk } from './documents-helpers';
import { download, hubAuth, multipartUpload, streamedDownload, streamedUpload } from './hub-files-helpers';
import { useReceiver } from './receiver';
import { pollingInstance } from './webhook-deliveries';

const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex');
const MULTI_SCRIPT = 'Grüße, κόσμε, мир, 世界, مرحبا, שלום, नमस्ते, 🌍🚀 — ok\n';

describe('sandbox: documents hub uploads and downloads (multipart, streamed)', () => {
	const sandbox = useSandbox();
	const receiver = useReceiver();

	test('a multipart upload of multi-script UTF-8 text downloads back byte for byte, by id and by path, with its headers', async () => {
		const { token } = await createInstance(sandbox());
		const bytes = Buffer.from(MULTI_SCRIPT.repeat(3), 'utf8');
		const upload = await multipartUpload(sandbox(), token, `path=${encodeURIComponent('/top/Notes/grüße ✓.txt')}&description=hello`, bytes, {
			filename: 'grüße ✓.txt',
			type: 'text/plain; charset=utf-8',
		});
		expect(upload.status).toBe(200);
		expect(upload.json).toMatchObject({ name: 'grüße ✓.txt', path: '/top/Notes/grüße ✓.txt', directory: false, size: bytes.length });
		expect(upload.json.raw).toMatchObject({ Hash: md5(bytes), FileSizeBytes: bytes.length, Description: 'hello' });

		const byId = await download(`${sandbox().baseUrl}/hubs/documents/files/${upload.json.id}`, hubAuth(token));
		expect(byId.status).toBe(200);
		expect(byId.bytes.equals(bytes)).toBe(true);
		expect(byId.headers.get('content-type')).toBe('text/plain; charset=utf-8');
		expect(byId.headers.get('content-length')).toBe(String(bytes.length));
		expect(byId.headers.get('content-disposition')).toBe(`attachment; filename="gr__e _.txt"; filename*=UTF-8''${encodeURIComponent('grüße ✓.txt')}`);
		const byPath = await download(`${sandbox().baseUrl}/hubs/documents/files?path=${encodeURIComponent('/top/Notes/grüße ✓.txt')}`, hubAuth(token));
		expect(byPath.bytes.equals(bytes)).toBe(true);
	});

	test('random binary bytes (over the inline limit) come back exactly; the type is guessed from the name when none is given', async () => {
		const { token } = await createInstance(sandbox());
		const bytes = randomBytes(300_000);
		const upload = await multipartUpload(sandbox(), token, 'path=/top/img/photo.PNG', bytes, { filename: 'photo.PNG' });
		expect(upload.status).toBe(200);
		expect(upload.json.raw.Hash).toBe(md5(bytes));
		const answer = await download(`${sandbox().baseUrl}/hubs/documents/files/${upload.json.id}`, hubAuth(token));
		expect(answer.bytes.equals(bytes)).toBe(true);
		expect(answer.headers.get('content-type')).toBe('image/png');
		expect(answer.headers.get('content-disposition')).toBe('attachment; filename="photo.PNG"');
		const odd = await multipartUpload(sandbox(), token, 'path=/top/data.weird', randomBytes(10), { filename: 'data.weird' });
		expect((await download(`${sandbox().baseUrl}/hubs/documents/files/${odd.json.id}`, hubAuth(token))).headers.get('content-type')).toBe('application/octet-stream');
	});

	test('missing parents are made; an existing file is a 409 unless overwrite=true, which replaces it in place', async () => {
		const instance = await createInstance(sandbox());
		const first = await multipartUpload(sandbox(), instance.token, 'path=/top/A/B/C/report.txt', 'one');
		expect(first.status).toBe(200);
		for (const folder of ['/top/A', '/top/A/B', '/top/A/B/C']) expect((await itemAt(sandbox(), instance.id, folder))?.['odata.type']).toBe('ShareFile.Api.Models.Folder');

		const conflict = await multipartUpload(sandbox(), instance.token, 'path=/top/A/B/C/report.txt', 'two');
		expectCeError(conflict, 409, /already exists.*overwrite query parameter to true/);
		expectCeError(await multipartUpload(sandbox(), instance.token, 'path=/top/A/B/C/report.txt&overwrite=false', 'two'), 409);
		expectCeError(await multipartUpload(sandbox(), instance.token, 'path=/top/A/B&overwrite=true', 'x'), 409);

		const replaced = await multipartUpload(sandbox(), instance.token, 'path=/top/A/B/C/report.txt&overwrite=true', 'second version');
		expect(replaced.status).toBe(200);
		expect(replaced.json.id).toBe(first.json.id);
		expect(replaced.json.raw).toMatchObject({ Hash: md5(Buffer.from('second version')), FileSizeBytes: 14, CreationDate: first.json.raw.CreationDate });
		expect(Date.parse(replaced.json.raw.ProgenyEditDate)).toBeGreaterThanOrEqual(Date.parse(first.json.raw.ProgenyEditDate));
		expect((await download(`${sandbox().baseUrl}/hubs/documents/files/${first.json.id}`, hubAuth(instance.token))).bytes.toString()).toBe('second version');
		expect((await itemAt(sandbox(), instance.id, '/top/A'))?.FileSizeBytes).toBe(14);
	});

	test('a missing file part or path is a 400; a second file part is a 400; a folder download 400, unknown 404', async () => {
		const { token } = await createInstance(sandbox());
		expectCeError(await multipartUpload(sandbox(), token, 'path=/top/x.txt', 'x', { partName: 'other' }), 400, /part named 'file'/);
		expectCeError(await multipartUpload(sandbox(), token, '', 'x'), 400, /path/);
		const form = new FormData();
		form.append('file', new Blob(['a']), 'a');
		form.append('file', new Blob(['b']), 'b');
		const twice = await fetch(`${sandbox().baseUrl}/hubs/documents/files?path=/top/two.txt`, { method: 'POST', headers: { authorization: hubAuth(token) }, body: form });
		expect(twice.status).toBe(400);
		const truncated = await fetch(`${sandbox().baseUrl}/hubs/documents/files?path=/top/t.txt`, {
			method: 'POST',
			headers: { authorization: hubAuth(token), 'content-type': 'multipart/form-data; boundary=XYZ' },
			body: '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="t.txt"\r\n\r\nno end',
		});
		expect(truncated.status).toBe(400);
		expect(((await hub(sandbox(), token, 'GET', '/hubs/documents/files/metadata?path=/top/t.txt')).status)).toBe(404);

		const folder = await hub(sandbox(), token, 'POST', '/hubs/documents/folders', { path: '/top/F' });
		expectCeError(await hub(sandbox(), token, 'GET', `/hubs/documents/files/${folder.json.id}`), 400, /folder/);
		expectCeError(await hub(sandbox(), token, 'GET', '/hubs/documents/files?path=/top/F'), 400, /folder/);
		expectCeError(await hub(sandbox(), token, 'GET', '/hubs/documents/files/fi0123'), 404);
		expectCeError(await hub(sandbox(), token, 'GET', '/hubs/documents/files?path=/top/none.txt'), 404);
	});

	test('the JSON upload still works, with overwrite=true replacing and implicit parents', async () => {
		const { token } = await createInstance(sandbox());
		const first = await hub(sandbox(), token, 'POST', '/hubs/documents/files', { path: '/top/J/K/a.txt', content: 'one' });
		expect(first.status).toBe(200);
		expectCeError(await hub(sandbox(), token, 'POST', '/hubs/documents/files', { path: '/top/J/K/a.txt', content: 'two' }), 409);
		const second = await hub(sandbox(), token, 'POST', '/hubs/documents/files?overwrite=true', { path: '/top/J/K/a.txt', content: 'two' });
		expect(second.json).toMatchObject({ id: first.json.id, size: 3 });
	});

	test('100 MB up and down stream: the process grows far less than the file', async () => {
		const { token } = await createInstance(sandbox());
		const total = 100 * 1024 * 1024;
		// Chunks already passed on are garbage: collected as they go, so that what is measured is
		// what is held, not how late a loaded machine's collector runs.
		setFlagsFromString('--expose_gc');
		const collect = runInNewContext('gc') as () => void;
		collect();
		const before = process.memoryUsage().rss;
		let peak = before;
		let samples = 0;
		const sampler = setInterval(() => {
			if (++samples % 5 === 0) collect();
			peak = Math.max(peak, process.memoryUsage().rss);
		}, 20);
		try {
			const upload = await streamedUpload(sandbox(), token, '/top/big/big.bin', total);
			expect(upload.status).toBe(200);
			const metadata = JSON.parse(upload.body);
			expect(metadata).toMatchObject({ size: total, path: '/top/big/big.bin' });
			expect(metadata.raw.Hash).toBe(upload.md5);
			const down = await streamedDownload(`${sandbox().baseUrl}/hubs/documents/files/${metadata.id}`, hubAuth(token));
			expect(down.status).toBe(200);
			expect(down.headers['content-length']).toBe(String(total));
			expect(down.size).toBe(total);
			expect(down.md5).toBe(upload.md5);
		} finally {
			clearInterval(sampler);
		}
		peak = Math.max(peak, process.memoryUsage().rss);
		expect(peak - before).toBeLessThan(60 * 1024 * 1024);
	}, 120_000);

	test('a hub multipart upload is a change like the placing control: webhook Upload/CREATED, download RETRIEVED', async () => {
		const instance = await createInstance(sandbox(), {}, {
			'event.notification.enabled': true,
			'event.vendor.type': 'webhook',
			'event.notification.callback.url': receiver().url,
		});
		const upload = await multipartUpload(sandbox(), instance.token, 'path=/top/in/hook.txt', 'hooked');
		const [created] = await receiver().waitFor(1);
		expect(created.json.message.raw.Event).toMatchObject({ OperationName: 'Upload', ResourceType: 'File', Resource: { Id: upload.json.id } });
		expect(created.json.message.events[0]).toMatchObject({ eventType: 'CREATED', objectId: upload.json.id });
		await download(`${sandbox().baseUrl}/hubs/documents/files/${upload.json.id}`, hubAuth(instance.token));
		const all = await receiver().waitFor(2);
		expect(all[1].json.message.events[0]).toMatchObject({ eventType: 'RETRIEVED', objectId: upload.json.id });
	});

	test('a hub multipart upload is found by the poller, like a placed change', async () => {
		const instance = await pollingInstance(sandbox(), receiver().url);
		await call(sandbox(), 'PUT', '/_sandbox/clock', { body: { offsetMs: 5_000 }, auth: null });
		const upload = await multipartUpload(sandbox(), instance.token, 'path=/top/polled.txt', 'found me');
		await placeOk(sandbox(), instance.id, { op: 'upload', path: '/top/placed.txt', content: 'me too' });
		const summary = (await call(sandbox(), 'POST', `/_sandbox/instances/${instance.id}/poll`, { auth: null })).json;
		expect(summary.resources[0].events).toBe(2);
		const deliveries = await receiver().waitFor(1);
		const ids = deliveries.flatMap((delivery) => delivery.json.message.events.map((event: { objectId: string }) => event.objectId));
		expect(ids).toContain(upload.json.id);
	});

	test('faults and the request log apply to multipart uploads', async () => {
		const { token } = await createInstance(sandbox());
		await call(sandbox(), 'POST', '/_sandbox/faults', { body: { kind: '503', pathPrefix: '/hubs/documents/files', method: 'POST' }, auth: null });
		expectCeError(await multipartUpload(sandbox(), token, 'path=/top/f.txt', 'x'), 503);
		expect((await multipartUpload(sandbox(), token, 'path=/top/f.txt', 'x')).status).toBe(200);
		const log = (await call(sandbox(), 'GET', '/_sandbox/requests', { auth: null })).json;
		const uploads = log.filter((entry: { path: string; method: string }) => entry.method === 'POST' && entry.path === '/hubs/documents/files');
		expect(uploads.map((entry: { status: number; fault?: string }) => [entry.status, entry.fault])).toEqual([[503, '503'], [200, undefined]]);
	});
});

describe('sandbox: large contents with a data file', () => {
	const sandboxes = useDataFileSandboxes();

	test('large contents are blob files beside the data file, survive a restart, and go with their file', async () => {
		const first = await sandboxes.start();
		const instance = await createInstance(first);
		const bytes = randomBytes(200_000);
		const upload = await multipartUpload(first, instance.token, 'path=/top/b.bin', bytes);
		const small = await multipartUpload(first, instance.token, 'path=/top/s.txt', 'small text');
		await first.close();
		const state = JSON.parse(fs.readFileSync(sandboxes.dataFile(), 'utf8'));
		const contents = state.instances[0].sharefile.contents;
		expect(contents[small.json.id]).toBe('small text');
		const blob = contents[upload.json.id].blob;
		expect(fs.readFileSync(path.join(`${sandboxes.dataFile()}.blobs`, blob)).equals(bytes)).toBe(true);

		const second = await sandboxes.start();
		expect((await download(`${second.baseUrl}/hubs/documents/files/${upload.json.id}`, hubAuth(instance.token))).bytes.equals(bytes)).toBe(true);
		expect((await hub(second, instance.token, 'DELETE', `/hubs/documents/files/${upload.json.id}`)).status).toBe(200);
		expect(fs.existsSync(path.join(`${sandboxes.dataFile()}.blobs`, blob))).toBe(false);
	});

	test('a state file of the previous version (contents inline, no extras) still loads and serves', async () => {
		const first = await sandboxes.start();
		const instance = await createInstance(first);
		const upload = await hub(first, instance.token, 'POST', '/hubs/documents/files', { path: '/top/old.txt', content: 'old' });
		await first.close();
		const state = JSON.parse(fs.readFileSync(sandboxes.dataFile(), 'utf8'));
		delete state.instances[0].sharefile.extras;
		delete state.instances[0].sharefile.shares;
		fs.writeFileSync(sandboxes.dataFile(), JSON.stringify(state));
		const second = await sandboxes.start();
		expect((await download(`${second.baseUrl}/hubs/documents/files/${upload.json.id}`, hubAuth(instance.token))).bytes.toString()).toBe('old');
		const revisions = await hub(second, instance.token, 'GET', `/hubs/documents/files/${upload.json.id}/revisions`);
		expect(revisions.json).toHaveLength(1);
	});
});
