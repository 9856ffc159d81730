'use strict';
// The ShareFile Trigger (ShareFile's own signed webhooks, no Cloud Elements) in a real n8n 2.41.1,
// its ShareFile OAuth2 credential connected through n8n's OAuth flow to the sandbox: an active
// workflow on a folder runs once per upload (the time from upload to execution is printed); two
// workflows on one folder each run once; hostile deliveries (no signature, a wrong key, a tampered
// body, another account's key) start nothing, whether the sandbox's ShareFile sends them or they
// are posted to the subscription's URL by hand; deactivation deletes the subscription. And the
// example npm start activates on the ShareFile credential: each upload downloaded and moved, once.

const crypto = require('node:crypto');

const { exampleWorkflow, nodeItems } = require('../../scripts/n8n/lib/workflows');

const { connectShareFileCredential, heardFiles, median, post, primarySignatureKey, shareFileDeliveries, shareFileSubscriptions, shareFileTriggerWorkflow, signature, triggerItems, uploadBody, uploadFile, waitForFiles } = require('./lib/shareFileWebhooks');
const { startStack } = require('./lib/stack');
const { sleep, waitFor } = require('./lib/wait');

const NATIVE_EXAMPLE = 'sharefile-native-new-file-to-processed.json';

let stack;
let instance;
let other;
let credential;
let first;
let second;
/** What the first workflow ran so far: every assertion compares against it. */
const expected = [];

beforeAll(async () => {
	stack = await startStack('sharefile-trigger', { credential: false });
	instance = await stack.sandbox.createInstance('ShareFile acme');
	other = await stack.sandbox.createInstance('ShareFile globex', { 'sharefile.subdomain': 'globex' });
	await stack.sandbox.change(instance.id, { changes: [{ op: 'createFolder', path: '/top/In' }, { op: 'createFolder', path: '/top/Elsewhere' }] });
	await stack.sandbox.change(other.id, { op: 'createFolder', path: '/top/In' });
	credential = await connectShareFileCredential(stack.n8n, stack.sandbox, { subdomain: 'acme' });
	first = (await stack.n8n.api('POST', '/workflows', shareFileTriggerWorkflow('e2e ShareFile Trigger', credential))).id;
	// The second is a version-1 node, as saved before 1.1: it must work as the current one does.
	second = (await stack.n8n.api('POST', '/workflows', shareFileTriggerWorkflow('e2e ShareFile Trigger, second (version 1)', credential, { typeVersion: 1 }))).id;
});
afterAll(async () => {
	await stack?.close();
});

const subscriptions = async () => await shareFileSubscriptions(stack.sandbox, instance.id);
const upload = async (name) => await uploadFile(stack.sandbox, instance.id, `/top/In/${name}`);

describe('ShareFile Trigger in n8n (ShareFile webhooks)', () => {
	it('activation subscribes the folder; each upload runs the workflow once, named and placed (upload → execution timed)', async () => {
		await stack.n8n.activate(first);
		const [subscription] = await waitFor('the subscription', async () => ((await subscriptions()).length === 1 ? await subscriptions() : false));
		expect(subscription).toMatchObject({ folderPath: '/top/In', SubscriptionContext: { ResourceType: 'Folder' }, Events: [{ ResourceType: 'File', OperationName: 'Upload' }] });
		expect(subscription.WebhookUrl.startsWith(`${stack.n8n.url}/webhook/`)).toBe(true);

		const latencies = [];
		for (let index = 1; index <= 5; index++) {
			const uploadedAt = Date.now();
			expected.push(await upload(`report-${index}.txt`));
			await waitForFiles(stack.n8n, [first], index);
			const item = (await triggerItems(stack.n8n, first)).at(-1);
			latencies.push(Date.parse(item.startedAt) - uploadedAt);
		}
		await sleep(1500);
		const items = await triggerItems(stack.n8n, first);
		expect(items.map((item) => item.objectId)).toEqual(expected);
		expect(items[0]).toMatchObject({ source: 'sharefile', eventType: 'CREATED', objectType: 'file', name: 'report-1.txt', path: '/top/In/report-1.txt', instanceId: `a${instance.id}` });
		expect(new Set(items.map((item) => item.executionId)).size).toBe(5);
		const delivered = (await shareFileDeliveries(stack.sandbox, { subscriptionId: subscription.Id })).filter((delivery) => delivery.status === 'delivered');
		expect(delivered).toHaveLength(5);
		process.stderr.write(
			`sharefile-trigger e2e: upload → execution started: ${latencies.map((ms) => `${ms} ms`).join(', ')} (median ${median(latencies)} ms); ` +
				`n8n answered the deliveries in ${delivered.map((delivery) => `${delivery.attempts.at(-1).durationMs} ms`).join(', ')}\n`,
		);
	});

	it('two active workflows on one folder (one a version-1 node): each upload runs each once, through its own subscription', async () => {
		await stack.n8n.activate(second);
		await waitFor('two subscriptions', async () => (await subscriptions()).length === 2);
		const [a, b] = await subscriptions();
		expect(a.WebhookUrl).not.toBe(b.WebhookUrl);
		const both = [await upload('both-1.txt'), await upload('both-2.txt')];
		expected.push(...both);
		await waitForFiles(stack.n8n, [first], expected.length);
		await waitForFiles(stack.n8n, [second], 2);
		await sleep(1500);
		// Each once, in whichever order n8n started them.
		expect((await heardFiles(stack.n8n, first)).sort()).toEqual([...expected].sort());
		expect((await heardFiles(stack.n8n, second)).sort()).toEqual([...both].sort());
		const fromVersion1 = (await triggerItems(stack.n8n, second)).find((item) => item.objectId === both[0]);
		expect(fromVersion1).toMatchObject({ source: 'sharefile', eventType: 'CREATED', name: 'both-1.txt', path: '/top/In/both-1.txt' });
	});

	it('hostile deliveries start nothing: no signature, a wrong key, a tampered body, another account\'s key (posted by hand and sent by ShareFile)', async () => {
		const [mine] = await subscriptions();
		const workflowOf = async () => {
			// Which of the two workflows this subscription's URL belongs to: the one whose trigger's webhookId it names.
			for (const id of [first, second]) {
				const workflow = await stack.n8n.api('GET', `/workflows/${id}`);
				if (mine.WebhookUrl.includes(workflow.nodes.find((node) => node.webhookId).webhookId)) return id;
			}
			throw new Error(`no workflow has ${mine.WebhookUrl}`);
		};
		const target = await workflowOf();
		const heardBefore = { [first]: await heardFiles(stack.n8n, first), [second]: await heardFiles(stack.n8n, second) };

		// Real files, in a folder neither workflow listens to: only a delivery posted by hand could run them.
		const victim = await uploadFile(stack.sandbox, instance.id, '/top/Elsewhere/victim.txt');
		const decoy = await uploadFile(stack.sandbox, instance.id, '/top/Elsewhere/decoy.txt');
		const items = await stack.sandbox.items(instance.id);
		const parentId = items.get('/top/Elsewhere').Id;
		const ourKey = await primarySignatureKey(stack.sandbox, 'acme');
		expect(ourKey).toEqual(expect.any(String));
		const otherKey = await primarySignatureKey(stack.sandbox, 'globex', { generate: true });
		expect(otherKey).not.toBe(ourKey);

		const body = uploadBody(mine, { id: victim, parentId });
		const tampered = body.replace(victim, decoy);
		const hostile = {
			'no signature': await post(mine.WebhookUrl, body),
			'a wrong key': await post(mine.WebhookUrl, body, { 'SF-WEBHOOK-PRIMARY-SIGNATURE': signature(body, crypto.randomBytes(32).toString('base64')) }),
			'a tampered body': await post(mine.WebhookUrl, tampered, { 'SF-WEBHOOK-PRIMARY-SIGNATURE': signature(body, ourKey) }),
			"another account's key": await post(mine.WebhookUrl, body, { 'SF-WEBHOOK-PRIMARY-SIGNATURE': signature(body, otherKey) }),
			"another account's key, as secondary": await post(mine.WebhookUrl, body, { 'SF-WEBHOOK-SECONDARY-SIGNATURE': signature(body, otherKey) }),
			'a signature of other bytes': await post(mine.WebhookUrl, body, { 'SF-WEBHOOK-PRIMARY-SIGNATURE': signature(`${body} `, ourKey) }),
			'the right signature, without the URL secret': await post(mine.WebhookUrl.replace(/\?.*$/, ''), body, { 'SF-WEBHOOK-PRIMARY-SIGNATURE': signature(body, ourKey) }),
		};
		expect(Object.fromEntries(Object.entries(hostile).map(([what, answer]) => [what, answer.status]))).toEqual(
			Object.fromEntries(Object.keys(hostile).map((what) => [what, 401])),
		);

		// ShareFile itself sending unsigned and wrongly signed deliveries of real uploads in the folder.
		await stack.sandbox.control('POST', '/sharefile/webhooks/faults', { kind: 'unsigned', count: 2 });
		const unsigned = await upload('unsigned.txt');
		await stack.sandbox.control('POST', '/sharefile/webhooks/faults', { kind: 'wrong-signature', count: 2 });
		const wrong = await upload('wrong-signature.txt');
		await waitFor('four refused deliveries', async () => {
			const refused = (await shareFileDeliveries(stack.sandbox)).filter((delivery) => [unsigned, wrong].includes(delivery.event.ResourceId));
			return refused.length === 4 && refused.every((delivery) => delivery.status === 'failed' && delivery.attempts.at(-1).status === 401) ? refused : false;
		});
		await sleep(2000);
		expect(await heardFiles(stack.n8n, first)).toEqual(heardBefore[first]);
		expect(await heardFiles(stack.n8n, second)).toEqual(heardBefore[second]);

		// The same body, rightly signed with the account's key, is one that runs: the refusals above were the signatures'.
		const signed = await post(mine.WebhookUrl, body, { 'SF-WEBHOOK-PRIMARY-SIGNATURE': signature(body, ourKey) });
		expect(signed.status).toBe(200);
		await waitForFiles(stack.n8n, [target], heardBefore[target].length + 1);
		const again = await post(mine.WebhookUrl, body, { 'SF-WEBHOOK-PRIMARY-SIGNATURE': signature(body, ourKey) });
		expect(again.status).toBe(200);
		await sleep(1500);
		expect(await heardFiles(stack.n8n, target)).toEqual([...heardBefore[target], victim]);
		const untouched = target === first ? second : first;
		expect(await heardFiles(stack.n8n, untouched)).toEqual(heardBefore[untouched]);
	});

	it('deactivation deletes the workflow\'s subscription; with both off the folder has none, and an upload runs nothing', async () => {
		const before = await subscriptions();
		await stack.n8n.deactivate(second);
		await waitFor('one subscription left', async () => (await subscriptions()).length === 1);
		expect(before.map((one) => one.Id)).toContain((await subscriptions())[0].Id);
		await stack.n8n.deactivate(first);
		await waitFor('no subscription left', async () => (await subscriptions()).length === 0);
		const heard = { first: await heardFiles(stack.n8n, first), second: await heardFiles(stack.n8n, second) };
		await upload('after.txt');
		await sleep(2000);
		expect(await heardFiles(stack.n8n, first)).toEqual(heard.first);
		expect(await heardFiles(stack.n8n, second)).toEqual(heard.second);
	});
});

describe('the example "New ShareFile file → download → move to /Processed" (npm start\'s fourth)', () => {
	it('active on the ShareFile credential: an upload anywhere in the account is downloaded and moved to /top/Processed, once; deactivation deletes its subscription', async () => {
		const example = exampleWorkflow(NATIVE_EXAMPLE, undefined, undefined, credential);
		expect(example.nodes.map((node) => [node.name, node.credentials ? Object.values(node.credentials)[0].id : null])).toEqual([
			['New File', String(credential.id)],
			['Download File', String(credential.id)],
			['Not Yet Processed', null],
			['Move to Processed', String(credential.id)],
		]);
		const id = (await stack.n8n.api('POST', '/workflows', example)).id;
		await stack.n8n.activate(id);
		await waitFor('its subscription', async () => (await subscriptions()).some((one) => one.folderPath === '/top'));
		const files = { '/top/invoice-7.pdf': 'an invoice', '/top/In/deeper/scan.png': 'not really a png' };
		await stack.sandbox.change(instance.id, { op: 'createFolder', path: '/top/In/deeper' });
		const ids = [];
		for (const [filePath, content] of Object.entries(files)) ids.push(await uploadFile(stack.sandbox, instance.id, filePath, content));
		const runs = await waitFor('both files moved', async () => {
			const executions = await stack.n8n.executions(id);
			return executions.length === 2 && executions.every((execution) => execution.status === 'success') && executions;
		});
		await sleep(1500);
		expect(await stack.n8n.executions(id)).toHaveLength(2);
		const moved = runs.flatMap((execution) => nodeItems(execution, 'Move to Processed'));
		expect(moved.map((item) => [item.id, item.path]).sort()).toEqual([
			[ids[0], '/top/Processed/invoice-7.pdf'],
			[ids[1], '/top/Processed/scan.png'],
		].sort());
		// Download File put each file into the item as binary `data` (n8n shows its size as text, e.g. "10 B").
		const downloaded = runs.map((execution) => ({ json: nodeItems(execution, 'Download File')[0], binary: execution.data.resultData.runData['Download File'][0].data.main[0][0].binary.data }));
		expect(downloaded.map(({ json, binary }) => [binary.fileName, json.size, binary.fileSize]).sort()).toEqual(
			Object.entries(files).map(([filePath, content]) => [filePath.split('/').pop(), Buffer.byteLength(content), `${Buffer.byteLength(content)} B`]).sort(),
		);
		const items = await stack.sandbox.items(instance.id);
		expect(items.get('/top/Processed/invoice-7.pdf')).toMatchObject({ Id: ids[0] });
		expect(items.get('/top/Processed/scan.png')).toMatchObject({ Id: ids[1] });
		expect(items.has('/top/invoice-7.pdf')).toBe(false);
		await stack.n8n.deactivate(id);
		await waitFor('no subscription left', async () => (await subscriptions()).length === 0);
	});
});
