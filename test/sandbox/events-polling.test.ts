import { createHmac } from 'crypto';
import { POLLER_CONFIGURATION, call, createInstance, expectCeError, useSandbox } from './helpers';
import { POLL_PATH, hub, itemAt, placeOk } from './documents-helpers';
import { eventually, useReceiver } from './receiver';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const noMs = (iso: string) => iso.replace(/\.\d{3}Z$/, 'Z');
const resource = (overrides: Record<string, unknown> = {}) => ({ documents: { ...POLLER_CONFIGURATION.documents, ...overrides } });

describe('sandbox: the polling vendor', () => {
	const sandbox = useSandbox();
	const receiver = useReceiver();

	async function pollingInstance(pollerConfiguration: unknown = POLLER_CONFIGURATION, configuration: Record<string, unknown> = {}) {
		const instance = await createInstance(sandbox(), { name: 'polled' }, {
			'event.notification.enabled': true,
			'event.vendor.type': 'polling',
			'event.notification.callback.url': receiver().url,
			'event.notification.signature.key': 'poll-key',
			'event.poller.refresh_interval': 60,
			'event.poller.configuration': pollerConfiguration,
			...configuration,
		});
		const state = await notifications(instance.id);
		return { ...instance, enabledAt: Date.parse(state.enabledAt) };
	}
	const notifications = async (id: number) => (await call(sandbox(), 'GET', `/_sandbox/instances/${id}/notifications`, { auth: null })).json;
	const pollNow = async (id: number) => {
		const answer = await call(sandbox(), 'POST', `/_sandbox/instances/${id}/poll`, { auth: null });
		expect(answer.status).toBe(200);
		return answer.json;
	};
	/** Polls and waits for every delivery the poll made. */
	const pollAndReceive = async (id: number) => {
		const before = receiver().received.length;
		const summary = await pollNow(id);
		const made = summary.resources.reduce((sum: number, r: Json) => sum + r.deliveries.length, 0);
		const all = await receiver().waitFor(before + made);
		return { summary, deliveries: all.slice(before) };
	};
	const at = (ms: number) => new Date(ms).toISOString();

	test('the first poll reports what changed since events were enabled, as CREATED, in the contract\'s envelope', async () => {
		const instance = await pollingInstance();
		await placeOk(sandbox(), instance.id, { changes: [
			{ op: 'upload', path: '/top/before.txt', at: at(instance.enabledAt - 1000) },
			{ op: 'upload', path: '/top/after.txt', content: 'x', at: at(instance.enabledAt + 1) },
		] });
		const { summary, deliveries } = await pollAndReceive(instance.id);
		expect(summary.resources[0]).toMatchObject({ name: 'documents', pages: 1, records: 1, events: 1, dropped: 0 });
		expect(deliveries).toHaveLength(1);
		const [delivery] = deliveries;
		expect(delivery.headers['elements-webhook-signature']).toBe(`sha256=${createHmac('sha256', 'poll-key').update(delivery.raw).digest('base64')}`);
		const file = (await itemAt(sandbox(), instance.id, '/top/after.txt'))!;
		const message = delivery.json.message;
		expect(delivery.json).toMatchObject({ topic: `instance-${instance.id}-sharefile-events`, action: 'create', id: delivery.headers['elements-webhook-id'] });
		expect(message.raw).toEqual({ documents: [file], pollDate: Date.parse(summary.pollDate), objectType: 'documents' });
		expect(message.events).toEqual([
			{
				eventType: 'CREATED',
				objectType: 'documents',
				objectId: file.Id,
				elementKey: 'sharefile',
				hubKey: 'documents',
				date: noMs(file.ProgenyEditDate),
				pollDate: noMs(summary.pollDate),
			},
		]);
		expect(message.events[0].pollDate).toMatch(ISO_SECONDS);
		// The poll went through the hub like any client's: logged, with the Element token.
		const log = (await call(sandbox(), 'GET', '/_sandbox/requests', { auth: null })).json.filter((entry: Json) => entry.path === POLL_PATH);
		expect(log).toEqual([expect.objectContaining({ method: 'GET', status: 200, element: true })]);
		expect(log[0].query.where).toBe(`lastmodifieddate='${noMs(at(instance.enabledAt))}'`);
	});

	test('25 records make deliveries of 10, 10 and 5, each repeating the whole raw, each with its own eventId', async () => {
		const instance = await pollingInstance();
		await placeOk(sandbox(), instance.id, { changes: Array.from({ length: 25 }, (_, i) => ({ op: 'upload', path: `/top/f${String(i).padStart(2, '0')}.txt`, at: at(instance.enabledAt + 1 + i) })) });
		const { deliveries } = await pollAndReceive(instance.id);
		expect(deliveries.map((d) => d.json.message.events.length)).toEqual([10, 10, 5]);
		expect(deliveries.map((d) => d.json.message.raw.documents.length)).toEqual([25, 25, 25]);
		expect(deliveries[1].json.message.raw).toEqual(deliveries[0].json.message.raw);
		expect(new Set(deliveries.map((d) => d.json.message.eventId)).size).toBe(3);
		expect(new Set(deliveries.map((d) => d.json.id)).size).toBe(3);
		const ids = deliveries.flatMap((d) => d.json.message.events.map((event: Json) => event.objectId));
		expect(ids).toEqual(deliveries[0].json.message.raw.documents.map((record: Json) => record.Id));
	});

	test('the next poll reports only newer changes: an edited old file and its bumped folder are UPDATED, a new file CREATED', async () => {
		const instance = await pollingInstance();
		await placeOk(sandbox(), instance.id, { changes: [
			{ op: 'createFolder', path: '/top/R', at: at(instance.enabledAt - 60_000) },
			{ op: 'upload', path: '/top/R/old.txt', at: at(instance.enabledAt - 60_000) },
			{ op: 'upload', path: '/top/quiet.txt', at: at(instance.enabledAt - 60_000) },
		] });
		await pollAndReceive(instance.id);
		expect(receiver().received).toHaveLength(0);
		await new Promise((resolve) => setTimeout(resolve, 5));
		await placeOk(sandbox(), instance.id, { changes: [
			{ op: 'update', path: '/top/R/old.txt', content: 'edited' },
			{ op: 'upload', path: '/top/new.txt' },
		] });
		const { deliveries } = await pollAndReceive(instance.id);
		const events = deliveries.flatMap((d) => d.json.message.events);
		const byId = Object.fromEntries(events.map((event: Json) => [event.objectId, event.eventType]));
		const folder = (await itemAt(sandbox(), instance.id, '/top/R'))!;
		const old = (await itemAt(sandbox(), instance.id, '/top/R/old.txt'))!;
		const created = (await itemAt(sandbox(), instance.id, '/top/new.txt'))!;
		expect(byId).toEqual({ [folder.Id]: 'UPDATED', [old.Id]: 'UPDATED', [created.Id]: 'CREATED' });
		// A third poll finds nothing new.
		expect((await pollAndReceive(instance.id)).deliveries).toHaveLength(0);
	});

	test('createdCheckTolerance: an edit 2 s after the upload is UPDATED with tolerance 0 and CREATED with tolerance 5', async () => {
		for (const [tolerance, expected] of [[0, 'UPDATED'], [5, 'CREATED']] as const) {
			const instance = await pollingInstance(resource({ createdCheckTolerance: tolerance }));
			await placeOk(sandbox(), instance.id, { changes: [
				{ op: 'upload', path: '/top/a.txt', at: at(instance.enabledAt + 1) },
				{ op: 'update', path: '/top/a.txt', content: 'v2', at: at(instance.enabledAt + 2001) },
			] });
			const { deliveries } = await pollAndReceive(instance.id);
			expect(deliveries.flatMap((d) => d.json.message.events.map((event: Json) => event.eventType))).toEqual([expected]);
		}
	});

	test('edge of the window, missed: a change that shows up dated before the last poll is never reported', async () => {
		const instance = await pollingInstance();
		const first = await pollAndReceive(instance.id);
		const lastPoll = Date.parse(first.summary.pollDate);
		// ShareFile reports it late: its date is half a second before the poll that could not see it yet.
		await placeOk(sandbox(), instance.id, { op: 'upload', path: '/top/late.txt', at: at(lastPoll - 500) });
		const second = await pollAndReceive(instance.id);
		expect(second.deliveries).toHaveLength(0);
		// The URL's seconds precision may fetch it again (since is floored to the second), the filter drops it.
		expect(second.summary.resources[0].events).toBe(0);
	});

	test('edge of the window, twice: a record dated after the poll started is reported again next time, unless filterByCurrentDate', async () => {
		const plain = await pollingInstance();
		const future = at(Date.now() + 60_000);
		await placeOk(sandbox(), plain.id, { op: 'upload', path: '/top/ahead.txt', at: future });
		const first = await pollAndReceive(plain.id);
		const second = await pollAndReceive(plain.id);
		const ahead = (await itemAt(sandbox(), plain.id, '/top/ahead.txt'))!;
		expect(first.deliveries.flatMap((d) => d.json.message.events.map((e: Json) => e.objectId))).toEqual([ahead.Id]);
		expect(second.deliveries.flatMap((d) => d.json.message.events.map((e: Json) => e.objectId))).toEqual([ahead.Id]);

		receiver().clear();
		const bounded = await pollingInstance(resource({ filterByCurrentDate: true }));
		await placeOk(sandbox(), bounded.id, { op: 'upload', path: '/top/ahead.txt', at: future });
		const early = await pollAndReceive(bounded.id);
		expect(early.deliveries).toHaveLength(0);
		expect(early.summary.resources[0].dropped).toBe(1);
		// Two minutes on (the sandbox clock), the record is in the past: reported once, and only once.
		await call(sandbox(), 'PUT', '/_sandbox/clock', { body: { offsetMs: 120_000 }, auth: null });
		expect((await pollAndReceive(bounded.id)).deliveries).toHaveLength(1);
		expect((await pollAndReceive(bounded.id)).deliveries).toHaveLength(0);
	});

	test('filterByUpdatedDate false with a pollDelay: every poll re-reports what the URL window holds (no dedupe)', async () => {
		const instance = await pollingInstance(resource({ filterByUpdatedDate: false, pollDelay: 3600 }));
		await placeOk(sandbox(), instance.id, { op: 'upload', path: '/top/a.txt', at: at(instance.enabledAt - 60_000) });
		const first = await pollAndReceive(instance.id);
		expect(first.summary.resources[0].since).toBe(at(instance.enabledAt - 3_600_000));
		const second = await pollAndReceive(instance.id);
		expect(first.deliveries).toHaveLength(1);
		expect(second.deliveries).toHaveLength(1);
		expect(second.deliveries[0].json.message.events[0].objectId).toBe(first.deliveries[0].json.message.events[0].objectId);
		expect(second.deliveries[0].json.message.eventId).not.toBe(first.deliveries[0].json.message.eventId);
	});

	test('URL variables render the since instant: epoch forms, GMT, server date, a zone of choice, Java quirks included', async () => {
		await call(sandbox(), 'PUT', '/_sandbox/clock', { body: { now: '2024-07-05T14:00:58.123Z' }, auth: null });
		const url =
			`${POLL_PATH}?where=lastmodifieddate>='\${epoch}'` +
			"&s=${epoch:s}&us=${epoch:us}&gmt=${gmtDate:yyyy-MM-dd'T'HH:mm:ss.SSSSSS}" +
			"&server=${date:EEE, dd MMM yyyy HH:mm:ss z}&ny=${dateTimeZone:America/New_York:yyyy-MM-dd'T'HH:mm:ssXXX}" +
			"&ist=${dateTimeZone:Asia/Kolkata:yyyy-MM-dd'T'HH:mm:ss.SSSXXX}&custom=${dateTimeZone:GMT+05:30:HH:mm z}";
		const instance = await pollingInstance(resource({ url }));
		const summary = await pollNow(instance.id);
		expect(summary.resources[0].error).toBeUndefined();
		const since = Date.parse(summary.resources[0].since);
		const log = (await call(sandbox(), 'GET', '/_sandbox/requests', { auth: null })).json.filter((entry: Json) => entry.path === POLL_PATH);
		const query = log[log.length - 1].query;
		const pad = (value: number, digits = 2) => String(value).padStart(digits, '0');
		const d = new Date(since);
		const ny = new Date(since - 4 * 3_600_000);
		const ist = new Date(since + 5.5 * 3_600_000);
		expect(query).toEqual({
			where: `lastmodifieddate>='${since}'`,
			s: String(Math.floor(since / 1000)),
			us: String(since * 1000),
			gmt: `${d.toISOString().slice(0, 19)}.${pad(d.getUTCMilliseconds(), 6)}`,
			server: d.toUTCString(),
			ny: `${ny.toISOString().slice(0, 19)}-04:00`,
			ist: `${ist.toISOString().slice(0, 23)}+05:30`,
			custom: `${ist.toISOString().slice(11, 16)} GMT+05:30`,
		});
	});

	test('an offset with + survives the query string: the hub reads the zone-rendered where', async () => {
		const url = `${POLL_PATH}?where=lastmodifieddate='\${dateTimeZone:Asia/Kolkata:yyyy-MM-dd'T'HH:mm:ss.SSSXXX}'`;
		const instance = await pollingInstance(resource({ url }));
		await placeOk(sandbox(), instance.id, { op: 'upload', path: '/top/a.txt', at: at(instance.enabledAt + 1) });
		const { summary, deliveries } = await pollAndReceive(instance.id);
		expect(summary.resources[0].error).toBeUndefined();
		expect(deliveries).toHaveLength(1);
	});

	test('idField is a dot path; a field the records lack gives objectId null', async () => {
		const byParent = await pollingInstance(resource({ idField: 'Parent.Id' }));
		await placeOk(sandbox(), byParent.id, { op: 'upload', path: '/top/a.txt', at: at(byParent.enabledAt + 1) });
		const root = (await itemAt(sandbox(), byParent.id, '/top'))!;
		expect((await pollAndReceive(byParent.id)).deliveries[0].json.message.events[0].objectId).toBe(root.Id);

		const lowerCase = await pollingInstance(resource({ idField: 'id' }));
		await placeOk(sandbox(), lowerCase.id, { op: 'upload', path: '/top/a.txt', at: at(lowerCase.enabledAt + 1) });
		expect((await pollAndReceive(lowerCase.id)).deliveries[0].json.message.events[0].objectId).toBeNull();
	});

	test('the seed page\'s swapped date mapping is followed literally (with a warning): edits of old files are never reported', async () => {
		const swapped = resource({
			datesConfiguration: {
				updatedDateField: 'CreationDate',
				updatedDateFormat: "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'",
				updatedDateTimezone: 'GMT',
				createdDateField: 'ProgenyEditDate',
				createdDateFormat: "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'",
				createdDateTimezone: 'GMT',
			},
		});
		const instance = await pollingInstance(JSON.stringify(swapped));
		await placeOk(sandbox(), instance.id, { changes: [
			{ op: 'upload', path: '/top/old.txt', at: at(instance.enabledAt - 60_000) },
			{ op: 'update', path: '/top/old.txt', content: 'edited', at: at(instance.enabledAt + 1) },
			{ op: 'upload', path: '/top/new.txt', at: at(instance.enabledAt + 2) },
		] });
		const { summary, deliveries } = await pollAndReceive(instance.id);
		expect(summary.warnings).toEqual([expect.stringMatching(/swapped/)]);
		const fresh = (await itemAt(sandbox(), instance.id, '/top/new.txt'))!;
		expect(deliveries.flatMap((d) => d.json.message.events.map((e: Json) => [e.objectId, e.eventType]))).toEqual([[fresh.Id, 'CREATED']]);
		expect(summary.resources[0].dropped).toBe(1);
	});

	test('a record date that does not read as the pattern is reported UPDATED every time, with a warning', async () => {
		const strict = resource({
			datesConfiguration: { updatedDateField: 'ProgenyEditDate', updatedDateFormat: "yyyy-MM-dd'T'HH:mm:ss'Z'", createdDateField: 'CreationDate', createdDateFormat: "yyyy-MM-dd'T'HH:mm:ss'Z'" },
		});
		const instance = await pollingInstance(strict);
		// Dated ahead, so that each poll's window (from the poll before it, in whole seconds) holds
		// it however slowly the machine gets to the polls.
		await placeOk(sandbox(), instance.id, { op: 'upload', path: '/top/a.txt', at: at(Date.now() + 120_000) });
		const first = await pollAndReceive(instance.id);
		expect(first.summary.resources[0].warnings).toEqual([expect.stringMatching(/ProgenyEditDate/)]);
		expect(first.deliveries[0].json.message.events[0].eventType).toBe('UPDATED');
		// Nothing filters it: the next poll reports it again.
		const second = await pollAndReceive(instance.id);
		expect(second.deliveries.map((d) => d.json.message.events[0].objectId)).toEqual([first.deliveries[0].json.message.events[0].objectId]);
	});

	test('pages: a resource pageSize pages the poll with nextPage tokens; each page makes its own deliveries and raw', async () => {
		const instance = await pollingInstance(resource({ pageSize: 5 }));
		await placeOk(sandbox(), instance.id, { changes: Array.from({ length: 12 }, (_, i) => ({ op: 'upload', path: `/top/f${i}.txt`, at: at(instance.enabledAt + 1 + i) })) });
		await call(sandbox(), 'DELETE', '/_sandbox/requests', { auth: null });
		const { summary, deliveries } = await pollAndReceive(instance.id);
		expect(summary.resources[0]).toMatchObject({ pages: 3, records: 12, events: 12 });
		const log = (await call(sandbox(), 'GET', '/_sandbox/requests', { auth: null })).json;
		expect(log.map((entry: Json) => Object.keys(entry.query).sort().join(','))).toEqual(['pageSize,where', 'nextPage,pageSize,where', 'nextPage,pageSize,where']);
		expect(deliveries.map((d) => [d.json.message.events.length, d.json.message.raw.documents.length])).toEqual([[5, 5], [5, 5], [2, 2]]);
	});

	test('a failed poll (503 from the hub) reports nothing and keeps its window; the next poll catches up', async () => {
		const instance = await pollingInstance();
		await placeOk(sandbox(), instance.id, { op: 'upload', path: '/top/a.txt', at: at(instance.enabledAt + 1) });
		await call(sandbox(), 'POST', '/_sandbox/faults', { body: { kind: '503', pathPrefix: POLL_PATH }, auth: null });
		const failed = await pollNow(instance.id);
		expect(failed.resources[0].error).toMatch(/503/);
		expect((await notifications(instance.id)).lastPolled).toEqual({});
		const next = await pollAndReceive(instance.id);
		expect(next.summary.resources[0].since).toBe(at(instance.enabledAt));
		expect(next.deliveries).toHaveLength(1);
	});

	test('a disabled instance\'s poll is refused by its own hub (403)', async () => {
		const instance = await pollingInstance();
		await call(sandbox(), 'DELETE', `/instances/${instance.id}/enabled`);
		expect((await pollNow(instance.id)).resources[0].error).toMatch(/403/);
	});

	test('the legacy event.poller.urls pipe format polls too', async () => {
		const line = `documents|${POLL_PATH}?where=lastmodifieddate='\${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}'|$|ProgenyEditDate|yyyy-MM-dd'T'HH:mm:ss.SSS'Z'|GMT|CreationDate|yyyy-MM-dd'T'HH:mm:ss.SSS'Z'|GMT`;
		const instance = await createInstance(sandbox(), {}, {
			'event.notification.enabled': true,
			'event.vendor.type': 'polling',
			'event.notification.callback.url': receiver().url,
			'event.poller.urls': line,
		});
		const enabledAt = Date.parse((await notifications(instance.id)).enabledAt);
		await placeOk(sandbox(), instance.id, { op: 'upload', path: '/top/a.txt', at: at(enabledAt + 1) });
		const { deliveries } = await pollAndReceive(instance.id);
		expect(deliveries[0].json.message.events[0]).toMatchObject({ eventType: 'CREATED', objectType: 'documents', objectId: null });
	});

	test('the poll control needs a polling instance', async () => {
		const plain = await createInstance(sandbox());
		expectCeError(await call(sandbox(), 'POST', `/_sandbox/instances/${plain.id}/poll`, { auth: null }), 409, /polling/);
		expectCeError(await call(sandbox(), 'POST', '/_sandbox/instances/999999/poll', { auth: null }), 404);
		const instance = await pollingInstance();
		const state = await notifications(instance.id);
		expect(state).toMatchObject({ eventsEnabled: true, vendor: 'polling', lastPolled: {}, intervalMs: 3_600_000, subscription: { active: true } });
		expect(Date.parse(state.nextPollAt) - Date.parse(state.enabledAt)).toBeGreaterThanOrEqual(3_599_000);
		await hub(sandbox(), instance.token, 'GET', '/hubs/documents/ping');
	});
});

describe('sandbox: the poller on its own schedule (timeScale 6000: a minute is 10 ms)', () => {
	const sandbox = useSandbox({ timeScale: 6000 });
	const receiver = useReceiver();

	test('polls every refresh_interval scaled minutes and delivers without being asked', async () => {
		const instance = await createInstance(sandbox(), {}, {
			'event.notification.enabled': true,
			'event.vendor.type': 'polling',
			'event.notification.callback.url': receiver().url,
			'event.poller.refresh_interval': 1,
			'event.poller.configuration': POLLER_CONFIGURATION,
		});
		await new Promise((resolve) => setTimeout(resolve, 5));
		await placeOk(sandbox(), instance.id, { op: 'upload', path: '/top/a.txt' });
		const [delivery] = await receiver().waitFor(1, 3000);
		expect(delivery.json.message.events[0]).toMatchObject({ eventType: 'CREATED', objectType: 'documents' });
		const state = await eventually(async () => {
			const view = (await call(sandbox(), 'GET', `/_sandbox/instances/${instance.id}/notifications`, { auth: null })).json;
			return view.polls.length >= 3 ? view : undefined;
		});
		expect(state.intervalMs).toBe(10);
		// Turning events off stops the poller.
		await call(sandbox(), 'PATCH', `/instances/${instance.id}`, { body: { configuration: { 'event.notification.enabled': false } } });
		const requests = async () => (await call(sandbox(), 'GET', '/_sandbox/requests', { auth: null })).json.filter((entry: Json) => entry.path === POLL_PATH).length;
		await new Promise((resolve) => setTimeout(resolve, 30));
		const settled = await requests();
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(await requests()).toBe(settled);
	});
});
