/**
 * The fast ways added for throughput must answer exactly what the general ways answer: each is
 * checked here against the general way (or the built-in it replaces) on random input built to
 * sit near the fast way's edges.
 */
import fc from 'fast-check';

import { isoDate } from '../../nodes/engine/isoDate';
import { JavaDateError, compileJavaDatePattern, javaDateFastParser, parseJavaDateMs } from '../../nodes/engine/javaDate';
import { parseGeneral } from '../../nodes/engine/javaDate/parse';
import { resolveJavaZone } from '../../nodes/engine/javaDate/zones';
import { ChangeKeySet, hashNumber, hashText, idHash, idHashNumber } from '../../nodes/engine/poll/changeKey';
import { PollCycle, type FoundChange } from '../../nodes/engine/poll/pollCycle';
import { isUnderPath } from '../../nodes/engine/poll/pathPrefix';
import { pollEvent, type PollEventContext, type PollEventFilter } from '../../nodes/engine/poll/pollEvents';
import { pollSettingsFrom } from '../../nodes/engine/poll/pollSettings';
import { initialPollState, nextPollState, type EdgeChange, type PollState } from '../../nodes/engine/poll/pollState';
import { SHAREFILE_DOCUMENTS_RESOURCE } from '../../nodes/engine/pollResource';
import { normalizeDelivery, parseDelivery } from '../../nodes/engine/webhook/delivery';
import { rememberDelivery, rememberIfNew, readRecentDeliveries, wasDelivered } from '../../nodes/engine/webhook/recentDeliveries';

/** The plain way to make a poll's events, which finishEvents must match: one pollEvent each. */
function pollEvents(changes: readonly FoundChange[], context: PollEventContext, filter: PollEventFilter) {
	const pollDateText = context.pollDate.toISOString();
	return changes
		.filter((change) => filter.eventTypes.includes(change.eventType))
		.filter((change) => !filter.pathPrefix || isUnderPath(change.record, filter.pathPrefix))
		.map((change) => pollEvent(change, context, pollDateText));
}

const RUNS = { numRuns: 3000 };

function outcome(run: () => number): string {
	try {
		return String(run());
	} catch (error) {
		if (error instanceof JavaDateError) return 'ERROR';
		throw error;
	}
}

describe('fixed-width date parsing', () => {
	const patterns = [
		"yyyy-MM-dd'T'HH:mm:ss.SSS'Z'",
		"yyyy-MM-dd'T'HH:mm:ss'Z'",
		'yyyyMMddHHmmss',
		'yyyy-MM-dd HH:mm:ss',
		'yyyy-MM-dd',
		"yyyy'E'MM'-'dd",
		'dd/MM/yyyy HH:mm',
		'yyyy-MM-ddHH:mm:ss.SSS',
	];
	const zones = ['GMT', 'UTC', 'EST', 'GMT+05:30', 'GMT-0800', 'Etc/GMT-3'];
	// Canonical texts, then small edits: a digit changed to anything, a character dropped,
	// doubled or appended; ranges pushed past their ends.
	const digitOrNot = fc.constantFrom('0', '1', '2', '5', '9', 'E', '-', ' ', 'T', 'Z', '.', ':', '\u0661', 'x', '+');
	const text = (pattern: string) =>
		fc
			.record({
				year: fc.integer({ min: 1500, max: 9999 }),
				month: fc.integer({ min: 0, max: 13 }),
				day: fc.integer({ min: 0, max: 32 }),
				hour: fc.integer({ min: 0, max: 25 }),
				minute: fc.integer({ min: 0, max: 61 }),
				second: fc.integer({ min: 0, max: 61 }),
				millis: fc.integer({ min: 0, max: 999 }),
				edit: fc.option(fc.record({ at: fc.nat(), kind: fc.constantFrom('replace', 'drop', 'double', 'append'), with: digitOrNot })),
			})
			.map(({ year, month, day, hour, minute, second, millis, edit }) => {
				const two = (n: number) => String(n).padStart(2, '0');
				let t = pattern
					.replace(/'([^']*)'/g, '$1')
					.replace('yyyy', String(year).padStart(4, '0'))
					.replace('MM', two(month))
					.replace('dd', two(day))
					.replace('HH', two(hour))
					.replace('mm', two(minute))
					.replace('ss', two(second))
					.replace('SSS', String(millis).padStart(3, '0'));
				if (edit) {
					const at = edit.at % (t.length + 1);
					if (edit.kind === 'replace') t = t.slice(0, at) + edit.with + t.slice(at + 1);
					if (edit.kind === 'drop') t = t.slice(0, at) + t.slice(at + 1);
					if (edit.kind === 'double') t = t.slice(0, at) + t.charAt(at) + t.slice(at);
					if (edit.kind === 'append') t += edit.with;
				}
				return t;
			});

	it.each(patterns)('%s answers as the general way does, in fixed-offset zones', (pattern) => {
		expect(compileJavaDatePattern(pattern).fixedWidth).toBeDefined();
		fc.assert(
			fc.property(text(pattern), fc.constantFrom(...zones), (t, zone) => {
				const general = outcome(() => parseGeneral(t, compileJavaDatePattern(pattern), resolveJavaZone(zone)));
				expect(outcome(() => parseJavaDateMs(t, pattern, zone))).toBe(general);
				const fast = javaDateFastParser(pattern, zone)!.parse(t);
				// Where the fast way answers, it answers the same; NaN leaves it to the general way.
				if (!Number.isNaN(fast)) expect(String(fast)).toBe(general);
			}),
			RUNS,
		);
	});

	it('takes canonical ShareFile dates the fast way, and leaves other zones and patterns alone', () => {
		expect(javaDateFastParser("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", 'GMT')!.parse('2024-03-05T14:00:58.123Z')).toBe(Date.UTC(2024, 2, 5, 14, 0, 58, 123));
		expect(javaDateFastParser("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", 'GMT')!.parse('2024-3-05T14:00:58.123Z')).toBeNaN();
		expect(javaDateFastParser("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", 'America/New_York')).toBeUndefined();
		expect(javaDateFastParser('yy-MM-dd', 'GMT')).toBeUndefined();
		expect(javaDateFastParser('yyyy-MM-dd hh:mm a', 'GMT')).toBeUndefined();
	});
});

describe('ISO dates without Date', () => {
	it('writes what toISOString writes', () => {
		fc.assert(
			fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (ms) => {
				expect(isoDate(ms)).toBe(new Date(ms).toISOString());
			}),
			{ numRuns: 20_000 },
		);
		for (const ms of [0, -1, 1, -12219292800000, -12219292800001, 253402300799999, 253402300800000, 951782400000]) {
			expect(isoDate(ms)).toBe(new Date(ms).toISOString());
		}
	});
});

describe('change keys as numbers', () => {
	it('round-trips hashes through their 8 characters', () => {
		fc.assert(
			fc.property(fc.string({ minLength: 0, maxLength: 40 }), (id) => {
				const n = idHashNumber(id);
				expect(hashText(n)).toBe(idHash(id));
				expect(hashNumber(hashText(n))).toBe(n);
			}),
			{ numRuns: 5000 },
		);
		expect(hashNumber('short')).toBeNaN();
		expect(hashNumber('abc!defg')).toBeNaN();
	});

	it('ChangeKeySet holds exactly the pairs added', () => {
		fc.assert(
			fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 5 })), { maxLength: 400 }), (pairs) => {
				const set = new ChangeKeySet();
				const reference = new Set<string>();
				for (const [h, t] of pairs) {
					const hash = idHashNumber(`id${h}`);
					const time = 1.7e12 + t;
					expect(set.add(hash, time)).toBe(!reference.has(`${hash}:${time}`));
					reference.add(`${hash}:${time}`);
				}
				expect(set.size).toBe(reference.size);
				for (let h = 0; h < 31; h++) for (let t = 0; t < 6; t++) {
					const hash = idHashNumber(`id${h}`);
					expect(set.has(hash, 1.7e12 + t)).toBe(reference.has(`${hash}:${1.7e12 + t}`));
				}
			}),
			{ numRuns: 300 },
		);
	});
});

/**
 * The poll cycle as it was written first (a Set of "hash:time" strings, found changes kept in
 * objects, a sort at the end): the reference the optimized one must match output for output.
 */
function referencePoll(settings: ReturnType<typeof pollSettingsFrom>, state: PollState, pages: unknown[][]) {
	const dates = (text: unknown) => (text === undefined ? undefined : parseJavaDateMs(String(text), "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", 'GMT'));
	const remembered = new Set(state.edge.map((e) => `${e.slice(0, 8)}:${state.floor + parseInt(e.slice(8) || '0', 36)}`));
	const found: FoundChange[] = [];
	const keys = new Set<string>();
	for (const page of pages) {
		for (const record of page as Array<Record<string, unknown>>) {
			const id = String(record.Id);
			const created = dates(record.CreationDate);
			const updated = dates(record.ProgenyEditDate) ?? created!;
			const key = `${idHash(id)}:${updated}`;
			if (keys.has(key)) continue;
			if (updated < state.floor || remembered.has(key)) continue;
			keys.add(key);
			found.push({ objectId: id, eventType: updated - created! <= settings.createdCheckToleranceMs ? 'CREATED' : 'UPDATED', updatedMs: updated, record });
		}
	}
	const changes = found.slice().sort((a, b) => a.updatedMs - b.updatedMs);
	const watermark = Math.max(state.watermark, ...found.map((c) => c.updatedMs));
	const edge: EdgeChange[] = [
		...state.edge.map((e) => ({ hash: e.slice(0, 8), updatedMs: state.floor + parseInt(e.slice(8) || '0', 36) })),
		...[...keys].map((k) => ({ hash: k.slice(0, 8), updatedMs: Number(k.slice(9)) })),
	];
	return { changes, state: nextPollState(state, watermark, edge, settings.overlapMs, settings.maxRemembered) };
}

describe('the optimized poll cycle', () => {
	const settings = pollSettingsFrom('documents', SHAREFILE_DOCUMENTS_RESOURCE.configuration, { overlapMs: 5000, maxRemembered: 8 });
	const base = Date.UTC(2024, 2, 5, 14, 0, 0);
	const record = fc
		.record({ id: fc.integer({ min: 0, max: 25 }), updated: fc.integer({ min: -3000, max: 20_000 }), age: fc.constantFrom(0, 0, 5000, 20_000), shape: fc.nat(3) })
		.map(({ id, updated, age, shape }) => {
			const r: Record<string, unknown> = { Id: `fi${id}`, ProgenyEditDate: new Date(base + updated).toISOString(), CreationDate: new Date(base + updated - age).toISOString() };
			// Other layouts go the general way; a missing updated date uses the created one.
			if (shape === 1) r.ProgenyEditDate = (r.ProgenyEditDate as string).replace('.000Z', '.0Z').replace(/\.(\d)00Z$/, '.$1Z');
			if (shape === 2) delete r.ProgenyEditDate;
			return r;
		});

	it('reports, orders, dedupes and remembers exactly as the reference does', () => {
		fc.assert(
			fc.property(
				fc.array(fc.array(record, { maxLength: 12 }), { maxLength: 6 }),
				fc.array(fc.tuple(fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 6000 })), { maxLength: 10 }),
				fc.boolean(),
				(pages, rememberedPairs, sorted) => {
					if (sorted) for (const page of pages) page.sort((a, b) => String(a.ProgenyEditDate ?? a.CreationDate).localeCompare(String(b.ProgenyEditDate ?? b.CreationDate)));
					const start = nextPollState(
						initialPollState(base),
						base + 6000,
						rememberedPairs.map(([id, t]) => ({ hash: idHash(`fi${id}`), updatedMs: base + t })),
						settings.overlapMs,
						settings.maxRemembered,
					);
					const expected = referencePoll(settings, start, pages);
					const cycle = new PollCycle(settings, start);
					for (const page of pages) cycle.acceptPage(page);
					expect(cycle.finish()).toEqual(expected);

					const again = new PollCycle(settings, start);
					for (const page of pages) again.acceptPage(page);
					const context = { objectType: 'documents', instanceId: 7, instanceName: 'x', pollDate: new Date(base) };
					const filter = { eventTypes: ['CREATED', 'UPDATED'], pathPrefix: '' };
					expect(again.finishEvents(context, filter)).toEqual({ events: pollEvents(expected.changes, context, filter), state: expected.state });
				},
			),
			{ numRuns: 2000 },
		);
	});
});

describe('delivery fast paths', () => {
	const envelope = (events: unknown[], raw: unknown) => JSON.stringify({ id: 'd', message: { eventId: 'e', instanceId: 1, raw, events } });

	it('reads event dates as Date.parse then toISOString would', () => {
		const pieces = fc.tuple(
			fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }),
			fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }), fc.integer({ min: 0, max: 61 }),
			fc.option(fc.integer({ min: 0, max: 999 })), fc.constantFrom('Z', 'z', '+00:00', ''),
		);
		fc.assert(
			fc.property(pieces, ([y, mo, d, h, mi, s, ms, zone]) => {
				const two = (n: number) => String(n).padStart(2, '0');
				const date = `${String(y).padStart(4, '0')}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:${two(s)}${ms === null ? '' : `.${String(ms).padStart(3, '0')}`}${zone}`;
				const [event] = normalizeDelivery(parseDelivery(envelope([{ eventType: 'CREATED', date }], {})), { receivedAt: new Date(0) });
				const time = Date.parse(date);
				expect(event.eventDate).toBe(Number.isNaN(time) ? date : new Date(time).toISOString());
			}),
			{ numRuns: 20_000 },
		);
	});

	it('finds each event its record, indexed or not, as a scan of the list would', () => {
		const records = fc.array(
			fc.record({ Id: fc.constantFrom('a', 'b', 'c', 'd', undefined), id: fc.constantFrom('a', 'b', 'x', undefined), ID: fc.constantFrom('c', 'y', undefined), n: fc.nat() }),
			{ maxLength: 12 },
		);
		const events = fc.array(fc.record({ objectType: fc.constantFrom('documents', 'other'), objectId: fc.constantFrom('a', 'b', 'c', 'd', 'x', 'y', 'z', 'undefined') }), { minLength: 1, maxLength: 12 });
		fc.assert(
			fc.property(records, events, fc.boolean(), (list, list2, withIdField) => {
				const raw = { documents: list, other: list.slice().reverse() };
				const idFields: Record<string, string> = withIdField ? { documents: 'id' } : {};
				const normalized = normalizeDelivery(parseDelivery(envelope(list2, raw)), { receivedAt: new Date(0), idFields });
				list2.forEach((event, i) => {
					const fields = withIdField && event.objectType === 'documents' ? ['id'] : ['Id', 'id', 'ID'];
					const source = JSON.parse(JSON.stringify(raw[event.objectType as 'documents'])) as Array<Record<string, unknown>>;
					const expected = source.find((r) => fields.some((f) => String(r[f]) === event.objectId)) ?? null;
					expect(normalized[i].raw).toEqual(expected);
				});
			}),
			{ numRuns: 3000 },
		);
	});
});

describe('replay memory', () => {
	it('remembers at least the last 500 deliveries in one string, and reads the old list form', () => {
		let recent = readRecentDeliveries(undefined);
		for (let i = 0; i < 1700; i++) {
			expect(wasDelivered(recent, `d${i}`)).toBe(false);
			recent = rememberDelivery(recent, `d${i}`);
			expect(wasDelivered(recent, `d${i}`)).toBe(true);
			expect(recent.length % 8).toBe(0);
			expect(recent.length).toBeLessThanOrEqual(8000);
		}
		for (let i = 1200; i < 1700; i++) expect(wasDelivered(recent, `d${i}`)).toBe(true);
		expect(wasDelivered(recent, 'd0')).toBe(false);
		// A copy of the string (as read back from the database) answers the same.
		const copy = readRecentDeliveries(JSON.parse(JSON.stringify(recent)));
		expect(wasDelivered(copy, 'd1699')).toBe(true);
		expect(wasDelivered(copy, 'never')).toBe(false);
		// The list older versions kept.
		const old = readRecentDeliveries([idHash('x1'), idHash('x2'), 42, 'short']);
		expect(wasDelivered(old, 'x1')).toBe(true);
		expect(wasDelivered(old, 'x2')).toBe(true);
		expect(old).toHaveLength(16);
		expect(readRecentDeliveries('odd-length')).toBe('');
	});
});

describe('replay memory when static data is not saved', () => {
	it("still knows a trigger's deliveries from this process's own memory, and keeps static data's", () => {
		const trigger = `wf-${Math.random()}\nnode\nwebhook`;
		// n8n hands the same stale static data every time (it did not save the last change).
		const stale = rememberDelivery('', 'from-another-process');
		let written = '';
		for (let i = 0; i < 50; i++) {
			const next = rememberIfNew(stale, `d${i}`, trigger);
			expect(next).toBeDefined();
			written = next!;
		}
		for (let i = 0; i < 50; i++) expect(rememberIfNew(stale, `d${i}`, trigger)).toBeUndefined();
		expect(rememberIfNew(stale, 'from-another-process', trigger)).toBeUndefined();
		expect(wasDelivered(written, 'from-another-process')).toBe(true);
		expect(wasDelivered(written, 'd49')).toBe(true);
		// Another trigger does not share this memory.
		expect(rememberIfNew(stale, 'd1', `${trigger}-other`)).toBeDefined();
	});

	it('joins in what static data gained meanwhile, and keeps the newest deliveries past the bound', () => {
		const trigger = `wf-${Math.random()}\nnode\nwebhook`;
		const stale = rememberDelivery('', 'first');
		for (let i = 0; i < 1_500; i++) expect(rememberIfNew(stale, `d${i}`, trigger)).toBeDefined();
		// The last 500 are known however long the same stale static data came back.
		for (let i = 1_000; i < 1_500; i++) expect(rememberIfNew(stale, `d${i}`, trigger)).toBeUndefined();
		// Static data saved by another path: its deliveries count too, and this process's still do.
		const saved = rememberDelivery(stale, 'saved-elsewhere');
		expect(rememberIfNew(saved, 'saved-elsewhere', trigger)).toBeUndefined();
		expect(rememberIfNew(saved, 'd1499', trigger)).toBeUndefined();
		expect(rememberIfNew(saved, 'brand-new', trigger)).toBeDefined();
	});
});
