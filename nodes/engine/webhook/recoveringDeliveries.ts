import { hashText, idHashNumber } from '../poll/changeKey';
import { wasDelivered } from './recentDeliveries';

/**
 * The queued deliveries a trigger asked Cloud Elements to release: when they arrive through the
 * webhook their items are marked `recovered`. Known two ways, because the lifecycle method that
 * releases them writes static data n8n saves only after activation, while Cloud Elements may
 * redeliver at once: this process's memory (a main that also serves the webhook), and static
 * data (webhook processes in queue mode, later restarts) as the 8-character hashes the replay
 * memory uses, looked up through its index in constant time.
 */
// Memory holds a whole backlog (10,000 queued deliveries after a weekend are a few hundred KB);
// static data, saved with the workflow at every activation, only the first ones.
const MAX_MARKS = 100_000;
const MAX_STORED_MARKS = 2000;
const MAX_TRIGGERS = 256;
const marks = new Map<string, Set<string>>();

/** Replaces the trigger's marks; answers what static data keeps (undefined: nothing). */
export function markRecovering(trigger: string, eventIds: readonly string[]): string | undefined {
	marks.delete(trigger);
	if (eventIds.length === 0) return undefined;
	if (marks.size >= MAX_TRIGGERS) marks.delete(marks.keys().next().value as string);
	marks.set(trigger, new Set(eventIds.slice(0, MAX_MARKS)));
	return eventIds
		.slice(0, MAX_STORED_MARKS)
		.map((eventId) => hashText(idHashNumber(eventId)))
		.join('');
}

/** Whether a delivery is one the trigger released. Nothing to look up when nothing was released. */
export function isRecovering(trigger: string, eventId: string | undefined, stored: unknown): boolean {
	if (eventId === undefined) return false;
	if (marks.size !== 0 && marks.get(trigger)?.has(eventId)) return true;
	return typeof stored === 'string' && stored !== '' && wasDelivered(stored, eventId);
}
