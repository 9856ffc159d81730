import { POLLER_CONFIGURATION, call, createInstance, useSandbox } from './helpers';
import { placeOk } from './documents-helpers';
import { eventually, useReceiver } from './receiver';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe('sandbox: the activity log (GET /_sandbox/activity)', () => {
	const sandbox = useSandbox({ timeScale: 1000 });
	const receiver = useReceiver();

	const activity = async (query = '') => {
		const answer = await call(sandbox(), 'GET', `/_sandbox/activity${query}`, { auth: null });
		expect(answer.status).toBe(200);
		return answer.json;
	};
	const webhookInstance = () =>
		createInstance(sandbox(), { name: 'hooks' }, {
			'event.notification.enabled': true,
			'event.vendor.type': 'webhook',
			'event.notification.callback.url': receiver().url,
		});
	const pollingInstance = () =>
		createInstance(sandbox(), { name: 'polled' }, {
			'event.notification.enabled': true,
			'event.vendor.type': 'polling',
			'event.notification.callback.url': receiver().url,
			'event.poller.refresh_interval': 60,
			'event.poller.configuration': POLLER_CONFIGURATION,
		});

	test('a webhook delivery shows its status, attempts, the callback\'s HTTP status and answer time, and the file it is about', async () => {
		receiver().answer((count) => (count === 1 ? 503 : 200));
		const instance = await webhookInstance();
		const placed = await placeOk(sandbox(), instance.id, { op: 'upload', path: '/top/report.pdf', content: 'pdf' });
		const entry = await eventually(async () => (await activity()).entries.find((candidate: Json) => candidate.kind === 'delivery' && candidate.status === 'delivered'));
		expect(entry).toEqual({
			seq: expect.any(Number),
			key: `delivery-${entry.id}`,
			kind: 'delivery',
			instanceId: instance.id,
			id: expect.any(Number),
			subscriptionId: expect.any(Number),
			vendor: 'webhook',
			status: 'delivered',
			createdDate: expect.any(String),
			eventCount: 1,
			events: [{ eventType: 'CREATED', objectId: placed.id, path: '/top/report.pdf' }],
			attempts: 2,
			lastAttempt: { number: 2, at: expect.any(String), url: receiver().url, status: 200, error: null, durationMs: expect.any(Number) },
			nextAttemptAt: null,
		});
		expect(entry.lastAttempt.durationMs).toBeGreaterThanOrEqual(0);
		expect(receiver().received).toHaveLength(2);
		// One entry per delivery: its earlier snapshots (pending, sending, retrying) were replaced.
		expect((await activity()).entries.filter((candidate: Json) => candidate.key === entry.key)).toHaveLength(1);
	});

	test('a callback that does not answer is an attempt with an error and no HTTP status, retried', async () => {
		const instance = await createInstance(sandbox(), {}, {
			'event.notification.enabled': true,
			'event.vendor.type': 'webhook',
			// Nothing listens on port 9 here: the connection is refused at once.
			'event.notification.callback.url': 'http://127.0.0.1:9/hook',
		});
		await placeOk(sandbox(), instance.id, { op: 'upload', path: '/top/a.txt' });
		const entry = await eventually(async () => (await activity()).entries.find((candidate: Json) => candidate.kind === 'delivery' && candidate.attempts >= 2));
		expect(entry.lastAttempt).toMatchObject({ status: null, error: expect.stringMatching(/ECONNREFUSED|connect/) });
		expect(['retrying', 'pending', 'sending']).toContain(entry.status);
	});

	test('a deleted item is still named by the delivery that reports its deletion', async () => {
		const instance = await webhookInstance();
		await placeOk(sandbox(), instance.id, { op: 'createFolder', path: '/top/Old' });
		await placeOk(sandbox(), instance.id, { op: 'delete', path: '/top/Old' });
		const entry = await eventually(async () => (await activity()).entries.find((candidate: Json) => candidate.events?.[0]?.eventType === 'DELETED'));
		expect(entry.events[0].path).toBe('/top/Old');
	});

	test('a poll shows its URL and record count, and how many events and deliveries it made', async () => {
		const instance = await pollingInstance();
		const enabledAt = Date.parse((await call(sandbox(), 'GET', `/_sandbox/instances/${instance.id}/notifications`, { auth: null })).json.enabledAt);
		await placeOk(sandbox(), instance.id, { changes: [
			{ op: 'upload', path: '/top/a.txt', at: enabledAt + 1 },
			{ op: 'upload', path: '/top/b.txt', at: enabledAt + 2 },
		] });
		const summary = (await call(sandbox(), 'POST', `/_sandbox/instances/${instance.id}/poll`, { auth: null })).json;
		const polls = (await activity()).entries.filter((entry: Json) => entry.kind === 'poll');
		expect(polls).toEqual([
			{
				seq: expect.any(Number),
				key: expect.any(String),
				kind: 'poll',
				instanceId: instance.id,
				status: 'ok',
				pollDate: summary.pollDate,
				resource: 'documents',
				url: summary.resources[0].url,
				since: summary.resources[0].since,
				pages: 1,
				records: 2,
				events: 2,
				dropped: 0,
				deliveries: 1,
				warnings: [],
				error: null,
			},
		]);
		expect(polls[0].url).toMatch(/^\/hubs\/documents\/events\/poll\/documents\?where=lastmodifieddate=/);
		await receiver().waitFor(1);
		const delivery = await eventually(async () => (await activity()).entries.find((entry: Json) => entry.kind === 'delivery' && entry.status === 'delivered'));
		expect(delivery).toMatchObject({ vendor: 'polling', eventCount: 2, instanceId: instance.id });
	});

	test('a poll whose fetch fails is an error entry with the reason', async () => {
		const instance = await pollingInstance();
		await call(sandbox(), 'POST', '/_sandbox/faults', { body: { kind: '503', pathPrefix: '/hubs/documents/events/poll' }, auth: null });
		await call(sandbox(), 'POST', `/_sandbox/instances/${instance.id}/poll`, { auth: null });
		const [entry] = (await activity()).entries;
		expect(entry).toMatchObject({ kind: 'poll', status: 'error', records: 0, error: expect.stringMatching(/answered 503/) });
	});

	test('the cursor: after=<cursor> answers only what changed since; limit cuts the answer and says there is more', async () => {
		const instance = await pollingInstance();
		for (let i = 0; i < 3; i++) await call(sandbox(), 'POST', `/_sandbox/instances/${instance.id}/poll`, { auth: null });
		const all = await activity();
		expect(all.entries.map((entry: Json) => entry.seq)).toEqual([...all.entries.map((entry: Json) => entry.seq)].sort((a, b) => a - b));
		expect(all.entries).toHaveLength(3);
		expect(all.more).toBe(false);
		const none = await activity(`?after=${all.cursor}&epoch=${all.epoch}`);
		expect(none).toMatchObject({ entries: [], cursor: all.cursor, restarted: false, more: false });

		const first = await activity('?limit=2');
		expect(first.entries).toHaveLength(2);
		expect(first.more).toBe(true);
		const rest = await activity(`?after=${first.cursor}&limit=2&epoch=${first.epoch}`);
		expect(rest.entries.map((entry: Json) => entry.key)).toEqual([all.entries[2].key]);
		expect(rest.more).toBe(false);

		await call(sandbox(), 'POST', `/_sandbox/instances/${instance.id}/poll`, { auth: null });
		const next = await activity(`?after=${all.cursor}&epoch=${all.epoch}`);
		expect(next.entries).toHaveLength(1);
		expect(next.entries[0].seq).toBeGreaterThan(all.cursor);
	});

	test('after a reset the epoch changes: a cursor of the old epoch is answered from the start, flagged restarted', async () => {
		const before = await activity();
		const instance = await pollingInstance();
		await call(sandbox(), 'POST', `/_sandbox/instances/${instance.id}/poll`, { auth: null });
		const old = await activity();
		await call(sandbox(), 'POST', '/_sandbox/reset', { auth: null });
		const fresh = await activity(`?after=${old.cursor}&epoch=${old.epoch}`);
		expect(fresh.epoch).not.toBe(old.epoch);
		expect(fresh.restarted).toBe(true);
		expect(fresh.entries).toEqual([]);
		expect(before.epoch).toBe(old.epoch);
	});

	test('versions count changes to instances and to each instance\'s documents', async () => {
		const start = await activity();
		const instance = await createInstance(sandbox());
		const created = await activity();
		expect(created.versions.instances).toBeGreaterThan(start.versions.instances);
		expect(created.versions.documents[instance.id]).toBeUndefined();
		await placeOk(sandbox(), instance.id, { op: 'upload', path: '/top/a.txt' });
		await placeOk(sandbox(), instance.id, { op: 'download', path: '/top/a.txt' });
		const changed = await activity();
		// A download changes nothing: only the upload counts.
		expect(changed.versions.documents[instance.id]).toBe(1);
		expect(changed.versions.instances).toBe(created.versions.instances);
	});
});
