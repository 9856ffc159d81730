import { AUTH, call, createInstance, useSandbox } from './helpers';
import { hub, poll } from './documents-helpers';
import { download as hubDownload, multipartUpload } from './hub-files-helpers';
import { useReceiver } from './receiver';
import { pollingInstance, webhookInstance } from './webhook-deliveries';
import { download, login, sf, sfOk, upload } from './sharefile-api-helpers';

describe('sandbox: ShareFile API v3 and the Cloud Elements documents hub share one file store', () => {
	const sandbox = useSandbox();
	const receiver = useReceiver();

	test('a file uploaded through v3 is seen, and downloaded, through the hub with the instance token', async () => {
		const instance = await createInstance(sandbox());
		const token = (await login(sandbox())).access_token;
		const folder = await sfOk(sandbox(), token, 'POST', 'Items/Folder', { Name: 'From v3' });
		const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 10, 13]);
		const { answer } = await upload(sandbox(), token, folder.Id, 'data.bin', bytes);
		const id = answer.json.value[0].id;

		const metadata = await hub(sandbox(), instance.token, 'GET', `/hubs/documents/files/metadata?path=${encodeURIComponent('/From v3/data.bin')}`);
		expect(metadata.status).toBe(200);
		expect(metadata.json).toMatchObject({ id, name: 'data.bin', path: '/top/From v3/data.bin', size: bytes.length, parentFolderId: folder.Id });
		const got = await hubDownload(`${sandbox().baseUrl}/hubs/documents/files/${id}`, `${AUTH}, Element ${instance.token}`);
		expect(got.status).toBe(200);
		expect(Buffer.from(got.bytes).equals(bytes)).toBe(true);

		// The poll endpoint returns the very item v3 answers.
		const polled = await poll(sandbox(), instance.token);
		expect(polled.json.find((item: { Id: string }) => item.Id === id)).toEqual(
			Object.fromEntries(Object.entries(await sfOk(sandbox(), token, 'GET', `Items(${id})`)).filter(([key]) => key !== 'url')),
		);
	});

	test('a file uploaded through the hub is seen through v3 by path, in Children, and downloaded byte for byte', async () => {
		const instance = await createInstance(sandbox());
		const uploaded = await multipartUpload(sandbox(), instance.token, 'path=/top/Hub/from-hub.txt', 'written by the hub');
		expect(uploaded.status).toBe(200);
		const token = (await login(sandbox())).access_token;
		const item = await sfOk(sandbox(), token, 'GET', 'Items/ByPath?path=/Hub/from-hub.txt');
		expect(item.Id).toBe(uploaded.json.id);
		const children = await sfOk(sandbox(), token, 'GET', `Items(${item.Parent.Id})/Children`);
		expect(children.value.map((child: { Id: string }) => child.Id)).toEqual([item.Id]);
		expect((await download(sandbox(), token, item.Id)).bytes.toString()).toBe('written by the hub');

		// And a v3 rename is what the hub sees next.
		await sfOk(sandbox(), token, 'PATCH', `Items(${item.Id})`, { Name: 'renamed.txt' });
		const after = await hub(sandbox(), instance.token, 'GET', `/hubs/documents/files/${item.Id}/metadata`);
		expect(after.json.path).toBe('/top/Hub/renamed.txt');
	});

	test('v3 changes are the instance\'s events exactly as hub changes: webhook Upload/CREATED, Download/RETRIEVED, Delete/DELETED', async () => {
		const instance = await webhookInstance(sandbox(), receiver().url);
		const token = (await login(sandbox())).access_token;
		const root = await sfOk(sandbox(), token, 'GET', 'Items(top)');
		const { answer } = await upload(sandbox(), token, root.Id, 'hooked.txt', Buffer.from('hook'));
		const id = answer.json.value[0].id;
		const [created] = await receiver().waitFor(1);
		expect(created.json.message.instanceId).toBe(instance.id);
		expect(created.json.message.raw.Event).toMatchObject({ OperationName: 'Upload', ResourceType: 'File', Resource: { Id: id, Parent: { Id: root.Id } } });
		expect(created.json.message.events[0]).toMatchObject({ eventType: 'CREATED', objectId: id });

		await download(sandbox(), token, id);
		const second = (await receiver().waitFor(2))[1];
		expect(second.json.message.events[0]).toMatchObject({ eventType: 'RETRIEVED', objectId: id });

		expect((await sf(sandbox(), token, 'DELETE', `Items(${id})`)).status).toBe(204);
		const third = (await receiver().waitFor(3))[2];
		expect(third.json.message.events[0]).toMatchObject({ eventType: 'DELETED', objectId: id });
	});

	test('a polling instance\'s poller finds a file uploaded through v3', async () => {
		const instance = await pollingInstance(sandbox(), receiver().url);
		await call(sandbox(), 'PUT', '/_sandbox/clock', { body: { offsetMs: 5_000 }, auth: null });
		const token = (await login(sandbox())).access_token;
		const root = await sfOk(sandbox(), token, 'GET', 'Items(top)');
		const { answer } = await upload(sandbox(), token, root.Id, 'polled.txt', Buffer.from('poll me'));
		const summary = (await call(sandbox(), 'POST', `/_sandbox/instances/${instance.id}/poll`, { auth: null })).json;
		expect(summary.resources[0].events).toBe(1);
		const [delivery] = await receiver().waitFor(1);
		expect(delivery.json.message.events[0]).toMatchObject({ eventType: 'CREATED', objectId: answer.json.value[0].id });
	});
});
