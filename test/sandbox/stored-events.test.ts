import { call, createInstance, expectCeError, useSandbox } from './helpers';

describe('sandbox: stored events', () => {
	const sandbox = useSandbox();

	const store = (instanceId: number, body: Record<string, unknown>) =>
		call(sandbox(), 'POST', `/_sandbox/instances/${instanceId}/events`, { body, auth: null });

	test('a stored event lists under its instance, newest first, with the documented fields', async () => {
		const instance = await createInstance(sandbox());
		const older = await store(instance.id, { status: 'NOTIFIED', eventDate: '2020-01-01T00:00:00Z' });
		expect(older.status).toBe(200);
		const recent = new Date(Date.now() - 60_000).toISOString();
		const first = (await store(instance.id, { status: 'DISPATCHED', eventDate: recent, providerData: { Id: 'fi1' } })).json;
		const second = (await store(instance.id, { notifiedData: { events: [] } })).json;

		expect(second).toEqual({
			id: expect.any(Number),
			instanceId: instance.id,
			eventDate: expect.any(String),
			status: 'NEW',
			providerData: null,
			notifiedData: { events: [] },
		});
		const list = await call(sandbox(), 'GET', `/instances/${instance.id}/events`);
		expect(list.status).toBe(200);
		// The 2020 event is past the 7-day retention and no longer lists.
		expect(list.json.map((e: { id: number }) => e.id)).toEqual([second.id, first.id]);
		expect(list.json[1]).toMatchObject({ status: 'DISPATCHED', providerData: { Id: 'fi1' }, eventDate: recent });
		expect(list.headers.get('elements-returned-count')).toBe('2');
	});

	test('events of all instances list together, page by page, and one can be fetched by id', async () => {
		const a = await createInstance(sandbox());
		const b = await createInstance(sandbox());
		const ids: number[] = [];
		for (const instance of [a, b, a]) ids.push((await store(instance.id, { status: 'RECEIVED' })).json.id);

		const firstPage = await call(sandbox(), 'GET', '/instances/events?pageSize=2');
		expect(firstPage.json.map((e: { id: number }) => e.id)).toEqual([ids[2], ids[1]]);
		const token = firstPage.headers.get('elements-next-page-token')!;
		const secondPage = await call(sandbox(), 'GET', `/instances/events?nextPage=${encodeURIComponent(token)}`);
		expect(secondPage.json.map((e: { id: number }) => e.id)).toEqual([ids[0]]);

		const onlyB = await call(sandbox(), 'GET', `/instances/${b.id}/events`);
		expect(onlyB.json.map((e: { id: number }) => e.id)).toEqual([ids[1]]);

		const single = await call(sandbox(), 'GET', `/instances/events/${ids[1]}`);
		expect(single.status).toBe(200);
		expect(single.json).toMatchObject({ id: ids[1], instanceId: b.id, status: 'RECEIVED' });
		expectCeError(await call(sandbox(), 'GET', '/instances/events/42'), 404);
	});

	test('stored events need platform auth to read', async () => {
		const instance = await createInstance(sandbox());
		await store(instance.id, {});
		expectCeError(await call(sandbox(), 'GET', `/instances/${instance.id}/events`, { auth: null }), 401);
		expectCeError(await call(sandbox(), 'GET', '/instances/events', { auth: null }), 401);
	});

	test('a bad status or date answers 400; an unknown instance 404', async () => {
		const instance = await createInstance(sandbox());
		expectCeError(await store(instance.id, { status: 'DONE' }), 400, /status/);
		expectCeError(await store(instance.id, { eventDate: 'yesterday' }), 400, /eventDate/);
		expectCeError(await store(999999, {}), 404);
		expectCeError(await call(sandbox(), 'GET', '/instances/999999/events'), 404);
	});

	test('deleting an instance drops its stored events', async () => {
		const instance = await createInstance(sandbox());
		const event = (await store(instance.id, {})).json;
		await call(sandbox(), 'DELETE', `/instances/${instance.id}`);
		expectCeError(await call(sandbox(), 'GET', `/instances/events/${event.id}`), 404);
		expect((await call(sandbox(), 'GET', '/instances/events')).json).toEqual([]);
	});
});
