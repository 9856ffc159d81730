import { idHash } from '../../nodes/engine/poll/changeKey';
import { classifyChange } from '../../nodes/engine/poll/classify';
import { readDotPath } from '../../nodes/engine/poll/dotPath';
import { isUnderPath } from '../../nodes/engine/poll/pathPrefix';
import {
	decodeEdge,
	initialPollState,
	nextPollState,
	noteReported,
	readPollState,
} from '../../nodes/engine/poll/pollState';
import { PollCycle } from '../../nodes/engine/poll/pollCycle';
import { ISO_8601, type PollSettings } from '../../nodes/engine/poll/pollSettings';

describe('poll state', () => {
	it('keeps the floor an overlap behind the watermark and remembers only changes above it', () => {
		const start = initialPollState(1_000_000);
		const next = nextPollState(
			start,
			1_100_000,
			[
				{ hash: idHash('old'), updatedMs: 1_000_500 },
				{ hash: idHash('edge'), updatedMs: 1_095_000 },
				{ hash: idHash('newest'), updatedMs: 1_100_000 },
			],
			10_000,
			600,
		);
		expect(next.floor).toBe(1_090_000);
		expect(next.watermark).toBe(1_100_000);
		expect(decodeEdge(next)).toEqual([
			{ hash: idHash('edge'), updatedMs: 1_095_000 },
			{ hash: idHash('newest'), updatedMs: 1_100_000 },
		]);
	});

	it('never moves the floor back', () => {
		const state = { ...initialPollState(5_000_000) };
		expect(nextPollState(state, 5_000_000, [], 60_000, 600).floor).toBe(5_000_000);
	});

	it('stays bounded: past the limit the floor rises above the oldest changes dropped', () => {
		const changes = Array.from({ length: 5000 }, (_, i) => ({
			hash: idHash(`fi${i}`),
			updatedMs: 2_000_000 + Math.floor(i / 3),
		}));
		const next = nextPollState(initialPollState(1_000_000), 2_001_666, changes, 3_600_000, 600);
		expect(next.edge.length).toBeLessThanOrEqual(600);
		expect(next.edge.length).toBeGreaterThan(590);
		const remembered = decodeEdge(next);
		expect(Math.min(...remembered.map((change) => change.updatedMs))).toBeGreaterThanOrEqual(next.floor);
		// Changes sharing the cut-off time are dropped together, so none of them is half-remembered.
		expect(remembered.every((change) => change.updatedMs > next.floor - 1)).toBe(true);
		expect(JSON.stringify(next).length).toBeLessThan(16_384);
	});

	it('round-trips through JSON and refuses what it did not write', () => {
		const state = nextPollState(initialPollState(0), 10, [{ hash: idHash('a'), updatedMs: 10 }], 5, 600);
		expect(readPollState(JSON.parse(JSON.stringify(state)))).toEqual(state);
		expect(readPollState(undefined)).toBeUndefined();
		expect(readPollState({ v: 2, watermark: 1, floor: 1, edge: [] })).toBeUndefined();
		expect(readPollState({ v: 1, watermark: '1', floor: 1, edge: [] })).toBeUndefined();
	});
});

describe('change keys', () => {
	it('gives 8 URL-safe characters and spreads similar ids apart', () => {
		const hashes = new Set<string>();
		let malformed = 0;
		for (let i = 0; i < 200_000; i++) {
			const hash = idHash(`fi${i.toString(16).padStart(32, '0')}`);
			if (!/^[A-Za-z0-9_-]{8}$/.test(hash)) malformed++;
			hashes.add(hash);
		}
		expect(malformed).toBe(0);
		expect(hashes.size).toBe(200_000);
	});
});

describe('classification', () => {
	it('counts an update within the tolerance of creation as CREATED', () => {
		expect(classifyChange(1000, 1000, 0)).toBe('CREATED');
		expect(classifyChange(1000, 11_000, 10_000)).toBe('CREATED');
		expect(classifyChange(1000, 11_001, 10_000)).toBe('UPDATED');
		expect(classifyChange(undefined, 5, 0)).toBe('CREATED');
	});
});

describe('dot paths and folder filters', () => {
	it('reads nested fields and keys that contain dots', () => {
		const record = { Id: 'fi1', Parent: { Id: 'fo9' }, 'odata.type': 'ShareFile.Api.Models.File' };
		expect(readDotPath(record, 'Id')).toBe('fi1');
		expect(readDotPath(record, 'Parent.Id')).toBe('fo9');
		expect(readDotPath(record, 'odata.type')).toBe('ShareFile.Api.Models.File');
		expect(readDotPath(record, 'Parent.Missing.Id')).toBeUndefined();
		expect(readDotPath(null, 'Id')).toBeUndefined();
	});

	it('matches items in a folder or below it, case-insensitively, and not lookalike folders', () => {
		const report = { Path: '/top/Reports/2024', Name: 'q1.pdf' };
		expect(isUnderPath(report, '/top/reports')).toBe(true);
		expect(isUnderPath(report, '/top/Reports/2024/')).toBe(true);
		expect(isUnderPath({ Path: '/top', Name: 'Reports' }, '/top/Reports')).toBe(true);
		expect(isUnderPath({ Path: '/top/Reports-old', Name: 'x' }, '/top/Reports')).toBe(false);
		expect(isUnderPath(report, '')).toBe(true);
	});

	describe('noteReported (changes a webhook ran)', () => {
		const settings: PollSettings = {
			objectType: 'file',
			idField: 'Id',
			updated: { field: 'Modified', format: ISO_8601, timeZone: 'GMT' },
			createdCheckToleranceMs: 0,
			filterByUpdatedDate: true,
			filterByCurrentDate: false,
			pollDelayMs: 0,
			overlapMs: 1000,
			maxRemembered: 600,
			pageSize: 100,
		};
		const poll = (state: ReturnType<typeof initialPollState>, records: Array<{ Id: string; Modified: string }>) => {
			const cycle = new PollCycle(settings, state);
			cycle.acceptPage(records);
			return cycle.finish().changes.map((change) => change.objectId);
		};
		const at = (ms: number) => new Date(ms).toISOString();

		it('a poll from the noted state reports only what was not noted, ties on the watermark included', () => {
			const start = initialPollState(10_000);
			const noted = noteReported(start, [{ id: 'a', updatedMs: 12_000 }, { id: 'b', updatedMs: 15_000 }], 1000, 600);
			expect(noted.watermark).toBe(15_000);
			const records = [
				{ Id: 'a', Modified: at(12_000) },
				{ Id: 'b', Modified: at(15_000) },
				{ Id: 'c', Modified: at(15_000) },
				{ Id: 'a', Modified: at(16_000) },
			];
			expect(poll(noted, records).sort()).toEqual(['a', 'c']);
			// From the unnoted state, 'a' counts twice: its upload and its later edit.
			expect(poll(start, records).sort()).toEqual(['a', 'a', 'b', 'c']);
		});

		it('never moves back and ignores changes under the floor or noted twice', () => {
			const state = noteReported(initialPollState(10_000), [{ id: 'a', updatedMs: 20_000 }], 1000, 600);
			expect(noteReported(state, [{ id: 'old', updatedMs: 5_000 }], 1000, 600)).toBe(state);
			const again = noteReported(state, [{ id: 'a', updatedMs: 20_000 }, { id: 'z', updatedMs: 19_500 }], 1000, 600);
			expect(again.watermark).toBe(20_000);
			expect(decodeEdge(again).map((change) => change.updatedMs).sort()).toEqual([19_500, 20_000]);
		});

		it('notes a batch as it notes its parts one by one (a delivery scans the edge, a batch uses a set)', () => {
			const changes = Array.from({ length: 40 }, (_, i) => ({ id: `f${i % 25}`, updatedMs: 20_000 + (i % 25) * 10 }));
			const start = noteReported(initialPollState(10_000), changes.slice(0, 5), 60_000, 600);
			const batch = noteReported(start, changes, 60_000, 600);
			let oneByOne = start;
			for (const change of changes) oneByOne = noteReported(oneByOne, [change], 60_000, 600);
			expect(decodeEdge(oneByOne).sort((a, b) => a.updatedMs - b.updatedMs)).toEqual(decodeEdge(batch).sort((a, b) => a.updatedMs - b.updatedMs));
			expect(decodeEdge(batch)).toHaveLength(25);
			expect(oneByOne.watermark).toBe(batch.watermark);
		});
	});

	it('reads back every offset it writes, as parseInt does', () => {
		for (let i = 0; i < 2000; i++) {
			const floor = 1_700_000_000_000 + Math.floor(Math.random() * 1e9);
			const offset = i < 40 ? i : Math.floor(Math.random() * 10 ** (1 + (i % 12)));
			const state = nextPollState(initialPollState(floor), floor + offset, [{ hash: idHash(`f${i}`), updatedMs: floor + offset }], offset + 1, 600);
			expect(decodeEdge(state)).toEqual([{ hash: idHash(`f${i}`), updatedMs: floor + offset }]);
			expect(state.floor + parseInt(state.edge[0].slice(8) || '0', 36)).toBe(floor + offset);
		}
	});
});

