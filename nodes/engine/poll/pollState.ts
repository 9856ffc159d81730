import { hashText, idHashNumber } from './changeKey';

/**
 * What a polling trigger remembers between polls, kept small enough for n8n's static data
 * (well under 16 KB whatever the history): where the reported window starts, and the changes
 * already reported inside the overlap at its edge.
 */
export interface PollState {
	v: 1;
	/** The newest updated time (epoch ms) of any change reported, by the records' own clock. */
	watermark: number;
	/** Changes updated before this (epoch ms) are never reported again. */
	floor: number;
	/** Changes reported with updated time >= floor: id hash + (updated − floor) in base 36. */
	edge: string[];
}

export const HASH_LENGTH = 8;

export function initialPollState(startMs: number): PollState {
	return { v: 1, watermark: startMs, floor: startMs, edge: [] };
}

/** The stored state, or undefined when there is none or it is not one we wrote. */
export function readPollState(stored: unknown): PollState | undefined {
	if (!stored || typeof stored !== 'object') return undefined;
	const state = stored as Partial<PollState>;
	if (
		state.v !== 1 ||
		typeof state.watermark !== 'number' ||
		typeof state.floor !== 'number' ||
		!Array.isArray(state.edge)
	) {
		return undefined;
	}
	return { v: 1, watermark: state.watermark, floor: state.floor, edge: state.edge.map(String) };
}

/** A remembered change: the id hash and the updated time in epoch ms. */
export interface EdgeChange {
	hash: string;
	updatedMs: number;
}

export function decodeEdge(state: PollState): EdgeChange[] {
	return state.edge.map((entry) => ({
		hash: entry.slice(0, HASH_LENGTH),
		updatedMs: state.floor + parseInt(entry.slice(HASH_LENGTH) || '0', 36),
	}));
}

/**
 * The state after a poll: the floor follows the watermark at `overlapMs` behind, and at most
 * `maxRemembered` changes are kept. When more share the window, the floor rises past the
 * oldest ones dropped: a change that surfaces late under the new floor would be missed, but
 * nothing already reported can come back.
 */
export function nextPollState(
	previous: PollState,
	watermark: number,
	changes: EdgeChange[],
	overlapMs: number,
	maxRemembered: number,
): PollState {
	let floor = Math.max(previous.floor, watermark - overlapMs);
	let kept = changes.filter((change) => change.updatedMs >= floor);
	if (kept.length > maxRemembered) {
		kept.sort((a, b) => b.updatedMs - a.updatedMs);
		const cut = kept[maxRemembered].updatedMs;
		kept = kept.filter((change) => change.updatedMs > cut);
		floor = cut + 1;
	}
	return {
		v: 1,
		watermark,
		floor,
		edge: kept.map((change) => change.hash + (change.updatedMs - floor).toString(36)),
	};
}

/**
 * The state after changes were reported some other way (a webhook trigger's deliveries): the
 * watermark moves up to the newest and each is remembered, so a poll from this state (the
 * webhook trigger's reconcile) does not report them again. Older than the floor, a change is
 * behind the state already and changes nothing.
 */
export function noteReported(
	state: PollState,
	changes: ReadonlyArray<{ id: string; updatedMs: number }>,
	overlapMs: number,
	maxRemembered: number,
): PollState {
	const fresh = changes.filter((change) => change.updatedMs >= state.floor && Number.isFinite(change.updatedMs));
	if (fresh.length === 0) return state;
	const edge = decodeEdge(state);
	const known = new Set(state.edge.map((entry, i) => `${entry.slice(0, HASH_LENGTH)}@${edge[i].updatedMs}`));
	let watermark = state.watermark;
	for (const change of fresh) {
		const hash = hashText(idHashNumber(change.id));
		if (known.has(`${hash}@${change.updatedMs}`)) continue;
		known.add(`${hash}@${change.updatedMs}`);
		edge.push({ hash, updatedMs: change.updatedMs });
		if (change.updatedMs > watermark) watermark = change.updatedMs;
	}
	return nextPollState(state, watermark, edge, overlapMs, maxRemembered);
}

/**
 * What two states of one history know together: a change is behind the result when it is behind
 * either (under its floor, or remembered at its edge). For notes saved by deliveries that ran at
 * the same time, each from what it read plus its own change.
 */
export function joinPollStates(a: PollState, b: PollState, overlapMs: number, maxRemembered: number): PollState {
	const floor = Math.max(a.floor, b.floor);
	const seen = new Set<string>();
	const edge: EdgeChange[] = [];
	for (const change of [...decodeEdge(a), ...decodeEdge(b)]) {
		const key = `${change.hash}@${change.updatedMs}`;
		if (change.updatedMs < floor || seen.has(key)) continue;
		seen.add(key);
		edge.push(change);
	}
	const base: PollState = { v: 1, watermark: Math.max(a.watermark, b.watermark), floor, edge: [] };
	return nextPollState(base, base.watermark, edge, overlapMs, maxRemembered);
}
