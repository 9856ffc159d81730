import { createHmac } from 'crypto';

import { useTestSandbox } from '../harness/sandboxClient';
import { until } from '../harness/until';
import { WebhookTriggerHarness } from '../harness/webhookTrigger';

const sandbox = useTestSandbox();
const harnesses: WebhookTriggerHarness[] = [];
afterEach(async () => {
	while (harnesses.length) await harnesses.pop()!.close();
});

/** A trigger in the default mode (Own Subscription) on an instance. */
async function subscriber(instanceId: number, parameters: Record<string, unknown> = {}, credentials = {}) {
	const harness = new WebhookTriggerHarness(sandbox().credentials(credentials), {
		instance: { __rl: true, mode: 'id', value: String(instanceId) },
		eventTypes: ['CREATED', 'UPDATED', 'DELETED', 'MOVED'],
		...parameters,
	});
	harnesses.push(harness);
	return await harness.start();
}

async function configurationOf(instanceId: number) {
	return (await sandbox().platform('GET', `/instances/${instanceId}`)).body.configuration as Record<string, string>;
}

interface Subscription {
	id: number;
	topics: string[];
	config: { url: string };
	active: boolean;
}

async function subscriptions(): Promise<Subscription[]> {
	return (await sandbox().platform('GET', '/notifications/subscriptions')).body as Subscription[];
}

/** The subscriptions calling a harness's production (or test) webhook. */
async function subscriptionsOf(harness: WebhookTriggerHarness, isTest = false) {
	return (await subscriptions()).filter((subscription) => subscription.config.url.startsWith(`${harness.url(isTest)}?`));
}

async function upload(instanceId: number, path: string) {
	return (await sandbox().control('POST', `/instances/${instanceId}/documents`, { op: 'upload', path, content: path })) as { id: string };
}

const uploadedIds = (harness: WebhookTriggerHarness) => harness.started.flatMap((items) => items.map((item) => item.json.objectId));

function sign(body: string, key: string) {
	return `sha256=${createHmac('sha256', key).update(body).digest('base64')}`;
}

async function post(url: string, body: string, headers: Record<string, string> = {}) {
	const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
	return response.status;
}

describe('webhook trigger: Own Subscription (the default)', () => {
	it('several workflows on one instance each hear every change; the instance’s own callback is left alone', async () => {
		const instance = await sandbox().createInstance('shared', [], {
			'event.notification.enabled': true,
			'event.vendor.type': 'webhook',
			'event.notification.callback.url': 'http://127.0.0.1:9/someone-elses-receiver',
		});
		// Deactivated for good: without Recover Missed Events nothing is kept for a later activation.
		const invoices = await subscriber(instance.id, { options: { recoverMissedEvents: false } });
		const archive = await subscriber(instance.id);
		for (const harness of [invoices, archive]) {
			expect(await harness.hook('checkExists')).toBe(false);
			expect(await harness.hook('create')).toBe(true);
			expect(await harness.hook('checkExists')).toBe(true);
		}
		const configuration = await configurationOf(instance.id);
		expect(configuration['event.notification.callback.url']).toBe('http://127.0.0.1:9/someone-elses-receiver');
		expect(configuration['event.notification.enabled']).toBe('true');
		const mine = [...(await subscriptionsOf(invoices)), ...(await subscriptionsOf(archive))];
		expect(mine.map((subscription) => subscription.topics)).toEqual([[`instance-${instance.id}-sharefile-events`], [`instance-${instance.id}-sharefile-events`]]);
		// The URL carries this webhook's secret and which key it checks, never the key.
		expect(mine.map((subscription) => new URL(subscription.config.url).searchParams.get('n8n_key'))).toEqual(['instance', 'instance']);
		expect(mine[0].config.url).toMatch(/\?n8n_sub=[\w-]{32}&n8n_key=instance/);

		const file = await upload(instance.id, '/top/invoice-1.pdf');
		await until(() => invoices.started.length === 1 && archive.started.length === 1, 'both workflows');
		expect(uploadedIds(invoices)).toEqual([file.id]);
		expect(uploadedIds(archive)).toEqual([file.id]);
		expect(invoices.started[0][0].json).toMatchObject({ eventType: 'CREATED', instanceId: instance.id });

		// One of them goes (its subscription with it); the other keeps hearing every change.
		await invoices.hook('delete', false, 'activate');
		expect(await subscriptionsOf(invoices)).toEqual([]);
		expect(await subscriptionsOf(archive)).toHaveLength(1);
		const second = await upload(instance.id, '/top/invoice-2.pdf');
		await until(() => archive.started.length === 2, 'the remaining workflow');
		expect(uploadedIds(archive)).toEqual([file.id, second.id]);
		expect(invoices.started).toHaveLength(1);
		expect((await configurationOf(instance.id))['event.notification.callback.url']).toBe('http://127.0.0.1:9/someone-elses-receiver');
	});

	it('deactivating deletes the subscription, so nothing calls n8n for it; the next activation runs what happened in between, and what was on its way, once each, recovered', async () => {
		const instance = await sandbox().createInstance('paused');
		const invoices = await subscriber(instance.id);
		const archive = await subscriber(instance.id);
		expect(await invoices.activate()).toMatchObject({ existed: false });
		expect(await archive.activate()).toMatchObject({ existed: false });
		const a = await upload(instance.id, '/top/a.pdf');
		await until(() => invoices.started.length === 1 && archive.started.length === 1, 'both workflows');

		// A delivery on its way when the workflow is deactivated: n8n refused it, a retry is due.
		invoices.down = 503;
		const b = await upload(instance.id, '/top/b.pdf');
		await until(() => archive.started.length === 2 && invoices.answers.some((answer) => answer.status === 503), 'the refused delivery');
		await invoices.hook('delete');
		invoices.down = undefined;
		expect(await subscriptionsOf(invoices)).toEqual([]);
		const answered = invoices.answers.length;
		const c = await upload(instance.id, '/top/c.pdf');
		await until(() => archive.started.length === 3, 'the other workflow');
		await sandbox().control('POST', '/deliveries/flush');
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(invoices.answers).toHaveLength(answered);

		expect(await invoices.activate()).toMatchObject({ existed: false, emitted: [] });
		await until(() => invoices.started.length === 3, 'the gap, delivered again');
		const d = await upload(instance.id, '/top/d.pdf');
		await until(() => invoices.started.length === 4 && archive.started.length === 4, 'both workflows again');
		await new Promise((resolve) => setTimeout(resolve, 300));
		const ran = invoices.started.flat().map((item) => [item.json.objectId, item.json.recovered === true]);
		expect(ran).toEqual([
			[a.id, false],
			[b.id, true],
			[c.id, true],
			[d.id, false],
		]);
		expect(uploadedIds(archive)).toEqual([a.id, b.id, c.id, d.id]);
	});

	it('a test listen gets a subscription of its own: the production workflow runs the same upload, and keeps its subscription after the test', async () => {
		const instance = await sandbox().createInstance('tested');
		const harness = await subscriber(instance.id);
		await harness.hook('create');
		await harness.hook('create', true);
		expect(await subscriptionsOf(harness, true)).toHaveLength(1);
		const file = await upload(instance.id, '/top/contract.pdf');
		await until(() => harness.started.length === 2, 'the production run and the test run');
		expect(uploadedIds(harness)).toEqual([file.id, file.id]);
		await harness.hook('delete', true);
		expect(await subscriptionsOf(harness, true)).toEqual([]);
		expect(await subscriptionsOf(harness)).toHaveLength(1);
	});

	it('a workflow that held the callback moves over on its next activation and puts back what it replaced', async () => {
		const instance = await sandbox().createInstance('moving', [], {
			'event.notification.enabled': true,
			'event.vendor.type': 'polling',
			'event.notification.callback.url': 'http://127.0.0.1:9/mine',
			'event.poller.refresh_interval': 15,
			'event.poller.configuration': { documents: { url: '/hubs/documents/events/poll/documents', idField: 'Id', datesConfiguration: {} } },
		});
		const old = await subscriber(instance.id, { registration: 'callback' });
		await old.hook('create');
		expect((await configurationOf(instance.id))['event.notification.callback.url'].startsWith(`${old.url()}?`)).toBe(true);
		// The same node, saved before subscriptions existed: no Receive Events Through, so the default.
		delete (old.node.parameters as Record<string, unknown>).registration;
		expect(await old.hook('checkExists')).toBe(false);
		await old.hook('create');
		const configuration = await configurationOf(instance.id);
		expect(configuration['event.notification.callback.url']).toBe('http://127.0.0.1:9/mine');
		expect(configuration['event.vendor.type']).toBe('polling');
		expect(await subscriptionsOf(old)).toHaveLength(1);
		expect(await old.hook('checkExists')).toBe(true);
	});

	it('refuses deliveries not signed with the instance’s key, or without the URL’s secret, with 401, starting nothing', async () => {
		const instance = await sandbox().createInstance('guarded');
		const other = await sandbox().createInstance('other');
		const harness = await subscriber(instance.id);
		await harness.hook('create');
		const [subscription] = await subscriptionsOf(harness);
		const token = (await sandbox().platform('GET', `/instances/${instance.id}`)).body.token as string;
		const otherToken = (await sandbox().platform('GET', `/instances/${other.id}`)).body.token as string;
		// Worked out here as the trigger's docs say: HMAC-SHA256 under the instance's token.
		const keyOf = (id: number, instanceToken: string) => createHmac('sha256', instanceToken).update(`cloud-elements-sharefile-instance-key:${id}`).digest('base64');
		const body = JSON.stringify({
			id: '1',
			topic: `instance-${instance.id}-sharefile-events`,
			message: { eventId: 'e-1', instanceId: instance.id, events: [{ eventType: 'CREATED', objectType: 'File', objectId: 'fi9', date: '2026-01-01T00:00:00Z' }] },
		});
		const withoutSecret = subscription.config.url.replace(/n8n_sub=[^&]+/, 'n8n_sub=guessed');
		expect(await post(subscription.config.url, body)).toBe(401);
		expect(await post(subscription.config.url, body, { 'elements-webhook-signature': sign(body, keyOf(other.id, otherToken)) })).toBe(401);
		expect(await post(withoutSecret, body, { 'elements-webhook-signature': sign(body, keyOf(instance.id, token)) })).toBe(401);
		expect(harness.started).toHaveLength(0);
		expect(await post(subscription.config.url, body, { 'elements-webhook-signature': sign(body, keyOf(instance.id, token)) })).toBe(200);
		expect(uploadedIds(harness)).toEqual(['fi9']);
	});

	it('never changes a key another workflow or receiver checks: each refusal names it and the way out', async () => {
		const instance = await sandbox().createInstance('keys');
		const generated = await subscriber(instance.id);
		await generated.hook('create');
		const fromCredential = await subscriber(instance.id, { signatureKeySource: 'credential' }, { eventSignatureSecret: 'credential-key-0123456789' });
		await expect(fromCredential.hook('create')).rejects.toMatchObject({
			message: `Another workflow checks Instance ${instance.id}'s deliveries with a different signature key`,
			description: expect.stringContaining(`The trigger at ${generated.url()} uses another Signature Key setting`),
		});
		expect(await subscriptionsOf(fromCredential)).toEqual([]);

		const signedElsewhere = await sandbox().createInstance('signed elsewhere', [], {
			'event.notification.enabled': true,
			'event.vendor.type': 'webhook',
			'event.notification.callback.url': 'https://receiver.example.com/events',
			'event.notification.signature.key': 'their-key',
		});
		const newcomer = await subscriber(signedElsewhere.id);
		await expect(newcomer.hook('create')).rejects.toMatchObject({
			message: `Instance ${signedElsewhere.id} already signs its events with a key someone set for https://receiver.example.com/events`,
			description: expect.stringContaining('From the Credential'),
		});
		// With that key in the credential, it subscribes and the receiver's key stays.
		const withTheirKey = await subscriber(signedElsewhere.id, { signatureKeySource: 'credential' }, { eventSignatureSecret: 'their-key' });
		expect(await withTheirKey.hook('create')).toBe(true);
		const file = await upload(signedElsewhere.id, '/top/a.txt');
		await until(() => withTheirKey.started.length === 1, 'a delivery checked with the receiver’s key');
		expect(uploadedIds(withTheirKey)).toEqual([file.id]);

		const held = await sandbox().createInstance('held');
		const callbackTrigger = await subscriber(held.id, { registration: 'callback' });
		await callbackTrigger.hook('create');
		const subscribing = await subscriber(held.id);
		await expect(subscribing.hook('create')).rejects.toMatchObject({
			message: `Instance ${held.id} sends its events to another n8n workflow as its one callback`,
			description: expect.stringContaining(`The workflow at ${callbackTrigger.url()}`),
		});
	});

	it('on an instance with events off, the first subscriber switches them on with its URL as the callback; leaving, it hands the callback to the next, and the last puts everything back', async () => {
		const instance = await sandbox().createInstance('quiet');
		const first = await subscriber(instance.id, { options: { recoverMissedEvents: false } });
		const second = await subscriber(instance.id, { options: { recoverMissedEvents: false } });
		await first.hook('create');
		await second.hook('create');
		const on = await configurationOf(instance.id);
		expect(on['event.notification.enabled']).toBe('true');
		expect(on['event.vendor.type']).toBe('webhook');
		expect(on['event.notification.callback.url'].startsWith(`${first.url()}?n8n_sub=`)).toBe(true);
		// The callback is the first's subscription: it has no second one.
		expect((await subscriptionsOf(first)).map((subscription) => subscription.config.url)).toEqual([on['event.notification.callback.url']]);
		expect(await subscriptionsOf(second)).toHaveLength(1);
		const a = await upload(instance.id, '/top/a.txt');
		await until(() => first.started.length === 1 && second.started.length === 1, 'both workflows');

		await first.hook('delete', false, 'activate');
		const handedOver = await configurationOf(instance.id);
		expect(handedOver['event.notification.callback.url'].startsWith(`${second.url()}?n8n_sub=`)).toBe(true);
		expect(await subscriptionsOf(first)).toEqual([]);
		expect(await subscriptionsOf(second)).toHaveLength(1);
		expect(await second.hook('checkExists')).toBe(true);
		const b = await upload(instance.id, '/top/b.txt');
		await until(() => second.started.length === 2, 'the second workflow, once');
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(uploadedIds(second)).toEqual([a.id, b.id]);
		expect(first.started).toHaveLength(1);

		await second.hook('delete', false, 'activate');
		const off = await configurationOf(instance.id);
		expect(off['event.notification.enabled']).toBe('false');
		expect(off['event.notification.callback.url'] ?? '').toBe('');
		expect(await subscriptions()).toEqual([]);
	});

	it('the callback mode refuses an instance that subscribers hear, naming one, and leaves their key alone', async () => {
		const instance = await sandbox().createInstance('subscribed');
		const subscribing = await subscriber(instance.id);
		await subscribing.hook('create');
		const before = await configurationOf(instance.id);
		const callbackMode = await subscriber(instance.id, { registration: 'callback' });
		await expect(callbackMode.hook('create')).rejects.toMatchObject({
			message: `Instance ${instance.id}'s events already go to another n8n workflow`,
			description: expect.stringContaining(`The workflow at ${subscribing.url()}`),
		});
		expect(await configurationOf(instance.id)).toEqual(before);
	});

	it('one workflow on every instance with a tag: one subscription with their topics, each change once, each item naming its instance; a newly tagged instance joins at the next activation', async () => {
		const acme = await sandbox().createInstance('Acme', ['client']);
		const globex = await sandbox().createInstance('Globex', ['client']);
		const internal = await sandbox().createInstance('Internal', ['staff']);
		const agency = await subscriber(0, { instanceSource: 'tag', instanceTag: 'client' });
		expect(await agency.hook('checkExists')).toBe(false);
		await agency.hook('create');
		expect(await agency.hook('checkExists')).toBe(true);
		const a = await upload(acme.id, '/top/a.pdf');
		const g = await upload(globex.id, '/top/g.pdf');
		await upload(internal.id, '/top/staff-only.pdf');
		await until(() => agency.started.length === 2, 'one run per client instance');
		await new Promise((resolve) => setTimeout(resolve, 300));
		const heard = agency.started.map((items) => items[0].json);
		expect(heard.map((item) => [item.instanceId, item.instanceName, item.objectId]).sort()).toEqual(
			[
				[acme.id, 'Acme', a.id],
				[globex.id, 'Globex', g.id],
			].sort(),
		);

		// Tagged since: not heard until the workflow is activated again, then heard.
		const initech = await sandbox().createInstance('Initech', ['client']);
		expect(await agency.hook('checkExists')).toBe(false);
		await agency.hook('create');
		const topics = (await subscriptionsOf(agency)).flatMap((subscription) => subscription.topics).sort();
		expect(topics).toEqual([acme.id, globex.id, initech.id].map((id) => `instance-${id}-sharefile-events`).sort());
		const i = await upload(initech.id, '/top/i.pdf');
		await until(() => agency.started.length === 3, 'the newly tagged instance');
		expect(agency.started[2][0].json).toMatchObject({ instanceId: initech.id, objectId: i.id });

		// Untagged since: let go of at the next activation. The callback it held is put back (events
		// off, as they were), and nothing calls the workflow for that instance any more.
		await sandbox().platform('PATCH', `/instances/${globex.id}`, { tags: ['former-client'] });
		expect(await agency.hook('checkExists')).toBe(false);
		await agency.hook('create');
		const left = (await subscriptionsOf(agency)).flatMap((subscription) => subscription.topics).sort();
		expect(left).toEqual([acme.id, initech.id].map((id) => `instance-${id}-sharefile-events`).sort());
		expect((await configurationOf(globex.id))['event.notification.enabled']).toBe('false');
		expect(await agency.hook('checkExists')).toBe(true);
		const answered = agency.answers.length;
		await upload(globex.id, '/top/g2.pdf');
		const a2 = await upload(acme.id, '/top/a2.pdf');
		await until(() => agency.started.length === 4, 'a change on an instance still tagged');
		await sandbox().control('POST', '/deliveries/flush');
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(agency.answers).toHaveLength(answered + 1);
		expect(agency.started[3][0].json).toMatchObject({ instanceId: acme.id, objectId: a2.id });
	});

	it('several picked instances: a delivery for one signed with another’s key is refused with 401', async () => {
		const first = await sandbox().createInstance('first');
		const second = await sandbox().createInstance('second');
		const both = await subscriber(0, { instanceSource: 'several', instanceIds: [String(first.id), String(second.id)] });
		await both.hook('create');
		const url = (await subscriptions()).find((subscription) => subscription.config.url.startsWith(`${both.url()}?`) && subscription.topics.length === 2)?.config.url
			?? (await configurationOf(first.id))['event.notification.callback.url'];
		const tokenOf = async (id: number) => (await sandbox().platform('GET', `/instances/${id}`)).body.token as string;
		const keyOf = async (id: number) => createHmac('sha256', await tokenOf(id)).update(`cloud-elements-sharefile-instance-key:${id}`).digest('base64');
		const body = JSON.stringify({ id: '7', message: { eventId: 'e-7', instanceId: first.id, events: [{ eventType: 'CREATED', objectType: 'File', objectId: 'fi7', date: '2026-01-01T00:00:00Z' }] } });
		expect(await post(url, body, { 'elements-webhook-signature': sign(body, await keyOf(second.id)) })).toBe(401);
		expect(both.started).toHaveLength(0);
		expect(await post(url, body, { 'elements-webhook-signature': sign(body, await keyOf(first.id)) })).toBe(200);
		expect(uploadedIds(both)).toEqual(['fi7']);
		// An instance it does not hear, signed with that instance's own key: refused too.
		const stranger = await sandbox().createInstance('stranger');
		const strangerBody = JSON.stringify({ id: '8', message: { eventId: 'e-8', instanceId: stranger.id, events: [{ eventType: 'CREATED', objectType: 'File', objectId: 'fi8', date: '2026-01-01T00:00:00Z' }] } });
		expect(await post(url, strangerBody, { 'elements-webhook-signature': sign(strangerBody, await keyOf(stranger.id)) })).toBe(401);
	});
});
