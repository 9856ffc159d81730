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
	return state.edge.map((entry) => ({ hash: entry.slice(0, HASH_LENGTH), updatedMs: state.floor + base36After(entry, HASH_LENGTH) }));
}

/**
 * The base-36 number after `from` ('' is 0), as parseInt reads it, without the copy: a webhook
 * trigger decodes its whole edge on every run.
 */
function base36After(text: string, from: number): number {
	if (from === text.length) return 0;
	const sign = text[from] === '-' ? -1 : 1;
	const start = text[from] === '-' || text[from] === '+' ? from + 1 : from;
	let value = 0;
	for (let i = start; i < text.length; i++) {
		const code = text.charCodeAt(i);
		const digit = code >= 48 && code <= 57 ? code - 48 : code >= 97 && code <= 122 ? code - 87 : code >= 65 && code <= 90 ? code - 55 : 36;
		if (digit >= 36) return i === start ? Number.NaN : sign * value;
		value = value * 36 + digit;
	}
	return start === text.length ? Number.NaN : sign * value;
}

/**
 * The changes' times, newest first. A webhook trigger's edge is kept in time order already (each
 * run adds the newest), so this is mostly a reversal, not a sort on every delivery.
 */
function newestTimes(changes: EdgeChange[]): number[] {
	const times = changes.map((change) => change.updatedMs);
	for (let i = 1; i < times.length; i++) if (times[i] < times[i - 1]) return times.sort((a, b) => b - a);
	return times.reverse();
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
		const cut = newestTimes(kept)[maxRemembered];
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
	// A delivery notes one change: a scan of the edge costs less than a set of all its keys.
	const known = fresh.length > 8 ? new Set(edge.map((change) => `${change.hash}@${change.updatedMs}`)) : undefined;
	const isKnown = (hash: string, updatedMs: number) =>
		known ? known.has(`${hash}@${updatedMs}`) : edge.some((change) => change.updatedMs === updatedMs && change.hash === hash);
	let watermark = state.watermark;
	for (const change of fresh) {
		const hash = hashText(idHashNumber(change.id));
		if (isKnown(hash, change.updatedMs)) continue;
		known?.add(`${hash}@${change.updatedMs}`);
		edge.push({ hash, updatedMs: change.updatedMs });
		if (change.updatedMs > watermark) watermark = change.updatedMs;
	}
	return nextPollState(state, watermark, edge, overlapMs, maxRemembered);
}

/**
 * What two states of one history know together: a change is behind the result when it is behind
 * either (under its floor, or remembered at its edge). For notes saved by executions that ran at
 * the same time, each from what it read plus its own change.
 */
export function joinPollStates(a: PollState, b: PollState, overlapMs: number, maxRemembered: number): PollState {
	const floor = Math.max(a.floor, b.floor);
	const above = (state: PollState) => sortedByTime(decodeEdge(state).filter((change) => change.updatedMs >= floor));
	const [left, right] = [above(a), above(b)];
	// Both in time order: one merge, equal entries (the history the two notes share) kept once.
	const edge: EdgeChange[] = [];
	let i = 0;
	let j = 0;
	while (i < left.length || j < right.length) {
		const order = i === left.length ? 1 : j === right.length ? -1 : byTime(left[i], right[j]);
		const next = order <= 0 ? left[i++] : right[j++];
		if (order === 0) j++;
		const last = edge[edge.length - 1];
		if (!last || byTime(last, next) !== 0) edge.push(next);
	}
	const base: PollState = { v: 1, watermark: Math.max(a.watermark, b.watermark), floor, edge: [] };
	return nextPollState(base, base.watermark, edge, overlapMs, maxRemembered);
}

function byTime(a: EdgeChange, b: EdgeChange): number {
	return a.updatedMs - b.updatedMs || (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0);
}

/** In time order (then by hash); an edge is written in time order, so this is mostly a check. */
function sortedByTime(changes: EdgeChange[]): EdgeChange[] {
	for (let i = 1; i < changes.length; i++) if (byTime(changes[i - 1], changes[i]) > 0) return changes.sort(byTime);
	return changes;
}
