import {
	asSeenBy,
	eventsToRedeliver,
	pausedRecoveryState,
	readRecoveryState,
	type StoredEventEntry,
} from '../../nodes/engine/webhook/recoveryPlan';

const entry = (id: number, second: number, status: string, eventId = `ev-${id}`): StoredEventEntry => ({
	id,
	eventDate: `2026-12-07T10:00:${String(second).padStart(2, '0')}.000Z`,
	status,
	notifiedData: { eventId, events: [{ objectId: `fi${id}` }] },
});

describe('pausedRecoveryState: where a deactivation leaves the log for the next activation', () => {
	const started = { since: '2026-12-07T10:00:00.000Z', started: true as const };

	it('starts at the oldest event the trigger may not have, skipping what every subscriber had from there on', () => {
		const log = [entry(4, 40, 'NOTIFIED'), entry(3, 30, 'RECEIVED'), entry(2, 20, 'NOTIFIED'), entry(1, 10, 'NOTIFIED')];
		const paused = pausedRecoveryState(log, started, new Set());
		expect(paused).toEqual({ since: '2026-12-07T10:00:30.000Z', skip: ['4'], started: true, paused: true });
		// What the next activation delivers: the one on its way and anything newer than the log held.
		const later = [entry(5, 50, 'NOTIFIED'), ...log];
		expect(eventsToRedeliver(later, paused, 'backfill', new Set()).map((event) => event.id)).toEqual([3, 5]);
	});

	it('an event queued for this trigger counts as missing even when the log calls it delivered', () => {
		const log = [entry(2, 20, 'NOTIFIED'), entry(1, 10, 'NOTIFIED', 'queued-one')];
		expect(pausedRecoveryState(log, started, new Set(['queued-one']))).toEqual({
			since: '2026-12-07T10:00:10.000Z',
			skip: ['2'],
			started: true,
			paused: true,
		});
	});

	it('with nothing missing it starts at the newest event, which it skips; failed ones come back', () => {
		expect(pausedRecoveryState([entry(2, 20, 'NOTIFIED'), entry(1, 10, 'CONSUMED')], started, new Set())).toEqual({
			since: '2026-12-07T10:00:20.000Z',
			skip: ['2'],
			started: true,
			paused: true,
		});
		expect(pausedRecoveryState([entry(2, 20, 'NOTIFIED'), entry(1, 10, 'FAILED')], started, new Set()).since).toBe('2026-12-07T10:00:10.000Z');
	});

	it('an empty log keeps the reading where it was, and the flag survives static data', () => {
		const paused = pausedRecoveryState([], started, new Set());
		expect(paused).toEqual({ since: started.since, started: true, paused: true });
		expect(readRecoveryState(JSON.parse(JSON.stringify(paused)))).toEqual(paused);
		expect(readRecoveryState({ ...paused, paused: 'yes' })).toEqual({ since: started.since, started: true });
	});
});

describe('asSeenBy: the stored-event log as one subscriber sees it', () => {
	const event = (statusBySubscription?: Record<string, unknown>): StoredEventEntry => ({ ...entry(1, 1, 'FAILED'), statusBySubscription });

	it('takes its own subscriptions’ status where the log tells them apart', () => {
		expect(asSeenBy([event({ 7: 'NOTIFIED', 8: 'FAILED' })], new Set(['7']))[0].status).toBe('NOTIFIED');
		expect(asSeenBy([event({ 7: 'NOTIFIED', 8: 'FAILED' })], new Set(['8']))[0].status).toBe('FAILED');
		// One of its own delivered it: it has it, whatever another of its own says.
		expect(asSeenBy([event({ 7: 'failed', 9: 'notified' })], new Set(['7', '9']))[0].status).toBe('NOTIFIED');
	});

	it('by address where the log gives it: its own deliveries, whichever subscription id carried them', () => {
		const handedOver = {
			...event({ 7: 'NOTIFIED' }),
			subscriptions: [
				{ subscriptionId: 7, address: 'http://n8n.example/webhook/a/webhook', status: 'NOTIFIED' },
				{ subscriptionId: 8, address: 'http://n8n.example/webhook/b/webhook', status: 'FAILED' },
			],
		};
		// Subscription 7 calls b's webhook now: by id it would read a's delivery as b's.
		expect(asSeenBy([handedOver], new Set(['7']), 'http://n8n.example/webhook/b/webhook?n8n_sub=x')[0].status).toBe('FAILED');
		expect(asSeenBy([handedOver], new Set(['7']), 'http://n8n.example/webhook/a/webhook')[0].status).toBe('NOTIFIED');
	});

	it('keeps the summary where none of its subscriptions had the event, or the log does not tell', () => {
		expect(asSeenBy([event({ 8: 'NOTIFIED' })], new Set(['7']))[0].status).toBe('FAILED');
		expect(asSeenBy([event()], new Set(['7']))[0].status).toBe('FAILED');
		expect(asSeenBy([event({ 7: 'NOTIFIED' })], new Set())[0].status).toBe('FAILED');
	});
});
