import { callbackTarget } from './callbackRegistration';

/**
 * What the webhook trigger takes back from Cloud Elements' stored-event log when it is activated
 * (or n8n starts with it active), decided without n8n. The log is read newest first from `since`;
 * the plan says which events to deliver to the trigger again and where the next reading starts.
 *
 * Only a delivery that failed for good (status FAILED: its retries ran out) is delivered again from
 * the log. Everything else is left to Cloud Elements, so nothing arrives twice: NOTIFIED was
 * delivered; QUEUED is released and redelivered by Cloud Elements; NEW, RECEIVED, DISPATCHED are
 * still on their way (a retry will come).
 */

/** One entry of `GET /instances/{id}/events`, the fields the plan reads. */
export interface StoredEventEntry {
	id: number | string;
	eventDate: string;
	status: string;
	/** Each subscription's own status of the event, where the log tells them apart. */
	statusBySubscription?: Record<string, unknown>;
	/** The same with the address each delivery was made for (a subscription's URL can change under its id). */
	subscriptions?: Array<{ subscriptionId?: unknown; address?: unknown; status?: unknown }>;
	notifiedData?: unknown;
}

/**
 * The log as one subscriber sees it: where an event tells its subscriptions apart, its status is
 * that of this subscriber's (`subscriptionIds`) deliveries — delivered if one was, failed if one
 * gave up — so that what another subscriber lost is not taken for its own loss. Events none of
 * its subscriptions had keep the summary status.
 */
export function asSeenBy(examined: StoredEventEntry[], subscriptionIds: ReadonlySet<string>, webhookUrl?: string): StoredEventEntry[] {
	if (subscriptionIds.size === 0) return examined;
	const target = webhookUrl === undefined ? undefined : callbackTarget(webhookUrl);
	return examined.map((event) => {
		// By address where the log gives it: the deliveries made for this webhook, whichever
		// subscription carried them (one deleted since, or a callback's handed to it later).
		const own = (
			target !== undefined && Array.isArray(event.subscriptions)
				? event.subscriptions.filter((one) => typeof one?.address === 'string' && callbackTarget(one.address) === target).map((one) => one.status)
				: Object.entries(event.statusBySubscription ?? {})
						.filter(([id]) => subscriptionIds.has(id))
						.map(([, status]) => status)
		).map((status) => String(status).toUpperCase());
		if (own.length === 0) return event;
		const status = ['NOTIFIED', 'CONSUMED', 'FAILED', 'QUEUED', 'DISPATCHED'].find((candidate) => own.includes(candidate)) ?? own[0];
		return { ...event, status };
	});
}

/**
 * Kept in the trigger's static data, written only from the lifecycle methods (n8n saves those).
 * `since`: the log's date (Cloud Elements' clock) from which the next reading starts, inclusive.
 * `skip`: stored-event ids at or after `since` never to deliver again (delivered again already, or
 * failures from before the trigger owned the instance). `started`: the first activation is done.
 * `paused`: a deactivation took the trigger's subscription away; everything from `since` on that
 * is not in `skip` reached nobody on its behalf.
 */
export interface RecoveryState {
	since?: string;
	skip?: string[];
	started?: true;
	paused?: true;
}

/**
 * `reconcile`: deliver again what failed for good. `backfill` (Start From → A Date, first
 * activation): every event since the date, whatever its status. `baseline` (first activation from
 * now): nothing; only learn where the log stands.
 */
export type RecoveryMode = 'reconcile' | 'backfill' | 'baseline';

/** Statuses that will not change any more: delivered, consumed, or failed for good. */
const SETTLED = new Set(['NOTIFIED', 'CONSUMED', 'FAILED']);
const MAX_SKIP = 1000;

export function readRecoveryState(stored: unknown): RecoveryState {
	if (!stored || typeof stored !== 'object') return {};
	const { since, skip, started, paused } = stored as RecoveryState;
	return {
		...(typeof since === 'string' && !Number.isNaN(Date.parse(since)) ? { since } : {}),
		...(Array.isArray(skip) ? { skip: skip.filter((id) => typeof id === 'string') } : {}),
		...(started === true ? { started } : {}),
		...(paused === true ? { paused } : {}),
	};
}

const timeOf = (event: StoredEventEntry): number => Date.parse(event.eventDate);
const statusOf = (event: StoredEventEntry): string => String(event.status ?? '').toUpperCase();

/** Whether reading the log (newest first) has gone past `since`: this event and the rest are older. */
export function isBeforeWindow(event: StoredEventEntry, since: string | undefined): boolean {
	return since !== undefined && timeOf(event) < Date.parse(since);
}

/** The message Cloud Elements delivered (or tried to), when the entry has one. */
function messageOf(event: StoredEventEntry): { eventId?: unknown; events: unknown[] } | undefined {
	const message = event.notifiedData as { eventId?: unknown; events?: unknown } | null | undefined;
	return message && typeof message === 'object' && Array.isArray(message.events)
		? (message as { eventId?: unknown; events: unknown[] })
		: undefined;
}

export function eventIdOf(event: StoredEventEntry): string | undefined {
	const eventId = messageOf(event)?.eventId;
	return eventId === undefined || eventId === null ? undefined : String(eventId);
}

/**
 * The entries to deliver again, oldest first. `examined` is the log from `since` on (any order);
 * `released` the eventIds of queued deliveries Cloud Elements is asked to send again, never taken
 * from the log as well.
 */
export function eventsToRedeliver(
	examined: StoredEventEntry[],
	state: RecoveryState,
	mode: RecoveryMode,
	released: ReadonlySet<string>,
): StoredEventEntry[] {
	if (mode === 'baseline') return [];
	const skip = new Set(state.skip ?? []);
	return examined
		.filter((event) => {
			if (skip.has(String(event.id)) || isBeforeWindow(event, state.since) || !messageOf(event)) return false;
			const eventId = eventIdOf(event);
			if (eventId !== undefined && released.has(eventId)) return false;
			return mode === 'backfill' || statusOf(event) === 'FAILED';
		})
		.sort((a, b) => timeOf(a) - timeOf(b) || Number(a.id) - Number(b.id));
}

/**
 * Where a reading of `inWindow` (the log from `since` on) leaves off: at the oldest `open` event,
 * else at the newest event, with the ids from there on to `keep` skipping.
 */
function readingAfter(
	inWindow: StoredEventEntry[],
	since: string | undefined,
	open: (event: StoredEventEntry) => boolean,
	keep: (event: StoredEventEntry) => boolean,
): Pick<RecoveryState, 'since' | 'skip'> {
	const opened = inWindow.filter(open);
	let next = since;
	if (opened.length > 0) next = new Date(Math.min(...opened.map(timeOf))).toISOString();
	else if (inWindow.length > 0) next = new Date(Math.max(...inWindow.map(timeOf))).toISOString();
	const nextMs = next === undefined ? -Infinity : Date.parse(next);
	const skip = inWindow
		.filter((event) => timeOf(event) >= nextMs && keep(event))
		.sort((a, b) => timeOf(b) - timeOf(a))
		.slice(0, MAX_SKIP)
		.map((event) => String(event.id));
	return { ...(next === undefined ? {} : { since: next }), ...(skip.length ? { skip } : {}) };
}

/**
 * Where the next reading starts. It may only move past an event that will not change any more:
 * an event still on its way (or one that could not be delivered again now) may yet fail for good,
 * and its date is older than anything newer in the log. `wanted` are the entries meant to be
 * delivered again, `delivered` the ids of those that were.
 */
export function nextRecoveryState(
	examined: StoredEventEntry[],
	state: RecoveryState,
	wanted: StoredEventEntry[],
	delivered: ReadonlySet<string>,
): RecoveryState {
	const inWindow = examined.filter((event) => !isBeforeWindow(event, state.since));
	const wantedIds = new Set(wanted.map((event) => String(event.id)));
	const skip = new Set(state.skip ?? []);
	const done = (event: StoredEventEntry) => {
		const id = String(event.id);
		return delivered.has(id) || skip.has(id) || (!wantedIds.has(id) && SETTLED.has(statusOf(event)));
	};
	const keep = (event: StoredEventEntry) =>
		done(event) && (delivered.has(String(event.id)) || statusOf(event) === 'FAILED' || skip.has(String(event.id)));
	return { ...readingAfter(inWindow, state.since, (event) => !done(event), keep), started: true };
}

/** Statuses that say every subscriber of the instance has the event. */
const DELIVERED_TO_ALL = new Set(['NOTIFIED', 'CONSUMED']);

/**
 * The state a deactivation leaves just before its subscription goes (and with it whatever was still
 * on its way to the trigger): the next activation delivers every event from `since` on that is not
 * in `skip`. `since` is the oldest event the trigger may not have (still on its way, failed, or one
 * of `inFlight`, the eventIds queued for it), else the newest in the log; `skip` holds what every
 * subscriber had from there on, so that only the gap and what was in flight come back.
 */
export function pausedRecoveryState(
	examined: StoredEventEntry[],
	state: RecoveryState,
	inFlight: ReadonlySet<string>,
): RecoveryState {
	const inWindow = examined.filter((event) => !isBeforeWindow(event, state.since));
	const skipped = new Set(state.skip ?? []);
	const had = (event: StoredEventEntry) => {
		const eventId = eventIdOf(event);
		if (eventId !== undefined && inFlight.has(eventId)) return false;
		return skipped.has(String(event.id)) || DELIVERED_TO_ALL.has(statusOf(event)) || !messageOf(event);
	};
	return { ...readingAfter(inWindow, state.since, (event) => !had(event), had), started: true, paused: true };
}

/**
 * The body that delivers a stored event to the trigger again: the envelope Cloud Elements sent (or
 * tried to send), rebuilt from the log — the same envelope id and message, so the same items and
 * the same replay-memory key (`message.eventId`) — plus `recovered: true`, inside what is signed.
 */
export function redeliveryBody(event: StoredEventEntry): string {
	return JSON.stringify({ id: String(event.id), recovered: true, message: event.notifiedData });
}
