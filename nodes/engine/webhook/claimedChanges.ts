/**
 * The changes (an item at a time, e.g. `id@modified`) the webhook triggers of this process ran,
 * per trigger, and whether they ran from a live delivery or a recovered one: the same change can
 * reach a trigger both ways (a reconcile at start-up, then ShareFile's retry of its delivery), and
 * runs once. Two live deliveries of one change (an upload, then an update read after it) both
 * run: they are two events. Process memory only; the last MAX_PER_TRIGGER changes per trigger.
 */
export type ChangeSource = 'live' | 'recovered';

const MAX_PER_TRIGGER = 4000;
const MAX_TRIGGERS = 256;
const claimed = new Map<string, Map<string, ChangeSource>>();

/**
 * Whether the change is this delivery's to run: a recovered one runs unless the change ran at all,
 * a live one unless it ran recovered. Claimed in the same step, so two deliveries in flight at
 * once cannot both run it.
 */
export function claimChange(trigger: string, change: string, source: ChangeSource): boolean {
	let changes = claimed.get(trigger);
	const before = changes?.get(change);
	if (before !== undefined && (source === 'recovered' || before === 'recovered')) return false;
	if (!changes) {
		if (claimed.size >= MAX_TRIGGERS) claimed.delete(claimed.keys().next().value as string);
		changes = new Map();
		claimed.set(trigger, changes);
	}
	changes.delete(change);
	changes.set(change, source);
	if (changes.size > MAX_PER_TRIGGER) changes.delete(changes.keys().next().value as string);
	return true;
}

/** Gives a claim back: the run it was for did not start, so another delivery of it may. */
export function releaseChange(trigger: string, change: string): void {
	claimed.get(trigger)?.delete(change);
}
