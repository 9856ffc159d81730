import { joinPollStates, type PollState } from '../poll/pollState';

/**
 * A webhook trigger's note of the changes it ran, for its reconcile: the folder it is for and
 * where the trigger stands there, as a poll state (the newest change's time, the changes at that
 * edge).
 */
export interface ReconcileNote {
	folderId: string;
	state: PollState;
}

/**
 * Why this process remembers the newest note it wrote for each trigger: n8n keeps the static
 * data saved last, and executions running at once each save the note they read when they
 * started plus their own change, so the one saved last can lack the others'. Joined with this
 * memory, every save holds each change this process ran. Process memory only, a few hundred
 * triggers.
 */
interface Remembered extends ReconcileNote {
	/**
	 * Fingerprints of the last notes this process wrote: stored data equal to one of them adds
	 * nothing. Fingerprints, not the notes, so that a few hundred triggers cost little memory.
	 */
	written: number[];
}

const MAX_TRIGGERS = 256;
const MAX_WRITTEN = 8;
const remembered = new Map<string, Remembered>();

/** FNV-1a over the state's times and edge, each part ended by a comma: equal states, equal fingerprints. */
function fingerprint(state: PollState): number {
	let hash = 0x811c9dc5;
	for (const part of [`${state.watermark},${state.floor}`, ...state.edge]) {
		for (let i = 0; i < part.length; i++) hash = Math.imul(hash ^ part.charCodeAt(i), 0x01000193);
		hash = Math.imul(hash ^ 0x2c, 0x01000193);
	}
	return hash >>> 0;
}

/**
 * The stored note with what this process noted for the trigger since: joined, unless the stored
 * one is a note this process wrote (then its memory holds all of it). No stored note, or one for
 * another folder, is taken as it is: the trigger's reconcile starts a note of its own.
 */
export function joinProcessNote(
	trigger: string,
	stored: ReconcileNote | undefined,
	overlapMs: number,
	maxRemembered: number,
): ReconcileNote | undefined {
	const mine = remembered.get(trigger);
	if (!stored || !mine || mine.folderId !== stored.folderId) return stored;
	if (mine.written.includes(fingerprint(stored.state))) return { folderId: mine.folderId, state: mine.state };
	return { folderId: stored.folderId, state: joinPollStates(stored.state, mine.state, overlapMs, maxRemembered) };
}

/** The note the trigger now writes: this process's newest for it. */
export function keepProcessNote(trigger: string, note: ReconcileNote): void {
	const mine = remembered.get(trigger);
	if (mine && mine.folderId === note.folderId) {
		mine.state = note.state;
		mine.written.push(fingerprint(note.state));
		if (mine.written.length > MAX_WRITTEN) mine.written.shift();
		return;
	}
	remembered.delete(trigger);
	if (remembered.size >= MAX_TRIGGERS) remembered.delete(remembered.keys().next().value as string);
	remembered.set(trigger, { folderId: note.folderId, state: note.state, written: [fingerprint(note.state)] });
}
