import { idHash } from '../../nodes/engine/poll/changeKey';
import { decodeEdge, initialPollState, joinPollStates, noteReported, type PollState } from '../../nodes/engine/poll/pollState';
import { joinProcessNote, keepProcessNote, type ReconcileNote } from '../../nodes/engine/webhook/reconcileNotes';

const OVERLAP = 60_000;
const MAX = 600;
const START = Date.parse('2026-12-07T10:00:00Z');

const note = (state: PollState, change: { id: string; updatedMs: number }) => noteReported(state, [change], OVERLAP, MAX);
/** Whether a reconcile from this state would leave the change alone (it ran). */
const knows = (state: PollState, change: { id: string; updatedMs: number }) =>
	change.updatedMs < state.floor || decodeEdge(state).some((entry) => entry.hash === idHash(change.id) && entry.updatedMs === change.updatedMs);

let triggers = 0;
const newTrigger = () => `workflow-${++triggers}\nnode\nwebhook`;

describe('joinPollStates', () => {
	it('knows what either note knows: two deliveries that read the same note and each added its own change', () => {
		const base = note(initialPollState(START), { id: 'before', updatedMs: START + 1000 });
		const a = note(base, { id: 'a', updatedMs: START + 2000 });
		const b = note(base, { id: 'b', updatedMs: START + 3000 });
		expect(knows(b, { id: 'a', updatedMs: START + 2000 })).toBe(false);
		const joined = joinPollStates(b, a, OVERLAP, MAX);
		for (const change of [
			{ id: 'before', updatedMs: START + 1000 },
			{ id: 'a', updatedMs: START + 2000 },
			{ id: 'b', updatedMs: START + 3000 },
		]) {
			expect(knows(joined, change)).toBe(true);
		}
		expect(knows(joined, { id: 'a', updatedMs: START + 4000 })).toBe(false);
		expect(joined.watermark).toBe(START + 3000);
		const other = joinPollStates(a, b, OVERLAP, MAX);
		expect({ ...other, edge: [...other.edge].sort() }).toEqual({ ...joined, edge: [...joined.edge].sort() });
	});

	it('takes the higher floor: what one note has left behind stays behind', () => {
		const old = note(initialPollState(START), { id: 'old', updatedMs: START + 1000 });
		const later = note(initialPollState(START), { id: 'late', updatedMs: START + 5 * OVERLAP });
		const joined = joinPollStates(old, later, OVERLAP, MAX);
		expect(joined.floor).toBe(later.floor);
		expect(joined.edge).toEqual(later.edge);
		expect(knows(joined, { id: 'anything', updatedMs: START + 1000 })).toBe(true);
	});

	it('stays bounded when both notes are full', () => {
		let a = initialPollState(START);
		let b = initialPollState(START);
		for (let i = 0; i < MAX; i++) {
			a = note(a, { id: `a${i}`, updatedMs: START + i * 10 });
			b = note(b, { id: `b${i}`, updatedMs: START + i * 10 + 5 });
		}
		const joined = joinPollStates(a, b, OVERLAP, MAX);
		expect(joined.edge.length).toBeLessThanOrEqual(MAX);
		expect(knows(joined, { id: `a${MAX - 1}`, updatedMs: START + (MAX - 1) * 10 })).toBe(true);
		expect(knows(joined, { id: `b${MAX - 1}`, updatedMs: START + (MAX - 1) * 10 + 5 })).toBe(true);
	});
});

describe('joinProcessNote', () => {
	/**
	 * n8n's way with a webhook's static data, for one trigger: each delivery reads what was saved
	 * last when its request comes, and its save replaces it when its answer goes. `order` is when
	 * each delivery reads (r) and saves (s), interleaved as deliveries in flight at once are.
	 */
	function deliveriesInFlight(withProcessNote: boolean, count: number, inFlight: number) {
		const trigger = newTrigger();
		let saved: ReconcileNote = { folderId: 'fo1', state: initialPollState(START) };
		keepProcessNote(trigger, saved);
		const changes = Array.from({ length: count }, (_, i) => ({ id: `file-${i}`, updatedMs: START + 1000 + i * 7 }));
		const pending: ReconcileNote[] = [];
		let next = 0;
		while (next < count || pending.length > 0) {
			// Read while fewer than `inFlight` wait, then save the oldest read: each save lags
			// the reads of the deliveries after it.
			if (next < count && pending.length < inFlight) {
				const read = withProcessNote ? joinProcessNote(trigger, saved, OVERLAP, MAX)! : saved;
				const written = { folderId: read.folderId, state: note(read.state, changes[next++]) };
				if (withProcessNote) keepProcessNote(trigger, written);
				pending.push(written);
			} else {
				saved = pending.shift()!;
			}
		}
		return { saved, changes };
	}

	it('deliveries in flight at once: the note saved last knows every change this process ran', () => {
		const { saved, changes } = deliveriesInFlight(true, 200, 4);
		expect(changes.filter((change) => !knows(saved.state, change))).toEqual([]);
	});

	it('(without it, the note saved last lacks the changes of the deliveries in flight with it)', () => {
		const { saved, changes } = deliveriesInFlight(false, 200, 4);
		expect(changes.filter((change) => !knows(saved.state, change)).length).toBeGreaterThan(100);
	});

	it('a stored note this process wrote is taken as its memory, without a join', () => {
		const trigger = newTrigger();
		const first: ReconcileNote = { folderId: 'fo1', state: note(initialPollState(START), { id: 'a', updatedMs: START + 1 }) };
		keepProcessNote(trigger, first);
		const second: ReconcileNote = { folderId: 'fo1', state: note(first.state, { id: 'b', updatedMs: START + 2 }) };
		keepProcessNote(trigger, second);
		const joined = joinProcessNote(trigger, { folderId: 'fo1', state: JSON.parse(JSON.stringify(first.state)) as PollState }, OVERLAP, MAX)!;
		expect(joined.state).toBe(second.state);
	});

	it('a note stored by another process is joined with this one’s', () => {
		const trigger = newTrigger();
		const base = initialPollState(START);
		keepProcessNote(trigger, { folderId: 'fo1', state: note(base, { id: 'mine', updatedMs: START + 1 }) });
		const theirs = note(base, { id: 'theirs', updatedMs: START + 2 });
		const joined = joinProcessNote(trigger, { folderId: 'fo1', state: theirs }, OVERLAP, MAX)!;
		expect(knows(joined.state, { id: 'mine', updatedMs: START + 1 })).toBe(true);
		expect(knows(joined.state, { id: 'theirs', updatedMs: START + 2 })).toBe(true);
	});

	it('no stored note, or one for another folder, is taken as it is; other triggers are apart', () => {
		const trigger = newTrigger();
		keepProcessNote(trigger, { folderId: 'fo1', state: note(initialPollState(START), { id: 'a', updatedMs: START + 1 }) });
		expect(joinProcessNote(trigger, undefined, OVERLAP, MAX)).toBeUndefined();
		const elsewhere: ReconcileNote = { folderId: 'fo2', state: initialPollState(START) };
		expect(joinProcessNote(trigger, elsewhere, OVERLAP, MAX)).toBe(elsewhere);
		const stored: ReconcileNote = { folderId: 'fo1', state: initialPollState(START) };
		expect(joinProcessNote(newTrigger(), stored, OVERLAP, MAX)).toBe(stored);
	});
});
