import fc from 'fast-check';

import { PollCycle } from '../../nodes/engine/poll/pollCycle';
import { pollSettingsFrom } from '../../nodes/engine/poll/pollSettings';
import { initialPollState, readPollState, type PollState } from '../../nodes/engine/poll/pollState';
import { SHAREFILE_DOCUMENTS_RESOURCE } from '../../nodes/engine/pollResource';

/**
 * A model of a ShareFile poll endpoint: records with an id and created/updated times, a query
 * "updated >= since, truncated to the second" ordered by updated time, and offset pages. The
 * engine's polls are replayed against random histories and checked for nothing lost and
 * nothing repeated.
 */
interface ServerRecord {
	Id: string;
	CreationDate: string;
	ProgenyEditDate: string;
	updatedMs: number;
	visibleAt: number;
}

type Step =
	| { kind: 'create'; advanceMs: number; lagMs: number }
	| { kind: 'update'; pick: number; advanceMs: number; lagMs: number }
	| { kind: 'delete'; pick: number }
	| { kind: 'poll'; pageSize: number; failAfterPages: number | null; restart: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
	fc.record({
		kind: fc.constant('create' as const),
		advanceMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3000 })),
		lagMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 20_000 })),
	}),
	fc.record({
		kind: fc.constant('update' as const),
		pick: fc.nat(),
		advanceMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3000 })),
		lagMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 20_000 })),
	}),
	fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
	fc.record({
		kind: fc.constant('poll' as const),
		pageSize: fc.integer({ min: 1, max: 7 }),
		failAfterPages: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
		restart: fc.boolean(),
	}),
);

const settings = pollSettingsFrom('documents', SHAREFILE_DOCUMENTS_RESOURCE.configuration, {
	overlapMs: 30_000,
	maxRemembered: 600,
});

function runHistory(steps: Step[]) {
	const start = Date.UTC(2024, 2, 5, 14, 0, 0);
	let clock = start;
	let nextId = 1;
	const records = new Map<string, ServerRecord>();
	const emitted = new Map<string, number>();
	let stored: string = JSON.stringify(initialPollState(start));
	let state: PollState = readPollState(JSON.parse(stored))!;

	const visible = (now: number) =>
		[...records.values()]
			.filter((record) => record.visibleAt <= now)
			.sort((a, b) => a.updatedMs - b.updatedMs || a.Id.localeCompare(b.Id));

	const poll = (pageSize: number, failAfterPages: number | null) => {
		const cycle = new PollCycle(settings, state);
		const since = Math.floor(cycle.since.getTime() / 1000) * 1000;
		for (let page = 0; ; page++) {
			if (failAfterPages !== null && page === failAfterPages) return;
			const rows = visible(clock)
				.filter((record) => record.updatedMs >= since)
				.slice(page * pageSize, (page + 1) * pageSize);
			cycle.acceptPage(rows);
			if (rows.length < pageSize) break;
		}
		const { changes, state: next } = cycle.finish();
		for (const change of changes) {
			const key = `${change.objectId}@${change.updatedMs}`;
			emitted.set(key, (emitted.get(key) ?? 0) + 1);
		}
		state = next;
		stored = JSON.stringify(state);
	};

	const ids = () => [...records.keys()];
	for (const s of steps) {
		if (s.kind === 'create' || s.kind === 'update') {
			clock += s.advanceMs;
			const existing = s.kind === 'update' && records.size > 0 ? records.get(ids()[s.pick % records.size]) : undefined;
			const id = existing?.Id ?? `fi${nextId++}`;
			// A change surfaces up to 20 s late, its updated time still the moment it happened.
			records.set(id, {
				Id: id,
				CreationDate: existing?.CreationDate ?? new Date(clock).toISOString(),
				ProgenyEditDate: new Date(clock).toISOString(),
				updatedMs: clock,
				visibleAt: clock + s.lagMs,
			});
		} else if (s.kind === 'delete') {
			if (records.size > 0) records.delete(ids()[s.pick % records.size]);
		} else {
			clock += 1000;
			poll(s.pageSize, s.failAfterPages);
			if (s.restart) state = readPollState(JSON.parse(stored))!;
		}
	}
	// Let everything surface, then poll cleanly until quiet.
	clock += 60_000;
	poll(5, null);
	poll(5, null);
	return { emitted, records, stored };
}

describe('poll cycle against a model of the poll endpoint', () => {
	it('reports every surviving change exactly once, whatever the history', () => {
		fc.assert(
			fc.property(fc.array(step, { maxLength: 120 }), (steps) => {
				const { emitted, records, stored } = runHistory(steps);
				for (const [key, count] of emitted) {
					if (count !== 1) throw new Error(`${key} emitted ${count} times`);
				}
				for (const record of records.values()) {
					const key = `${record.Id}@${record.updatedMs}`;
					if (!emitted.has(key)) throw new Error(`${key} never emitted`);
				}
				expect(stored.length).toBeLessThan(16_384);
			}),
			{ numRuns: 3000 },
		);
	});
});
