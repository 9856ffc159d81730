/**
 * The attempts this process accepted lately, with how each was answered, so that a copy of one
 * is answered by what became of it. Cloud Elements sends a copy when an attempt got no 2xx in
 * time (its timeout, a dropped connection), while the first may still be on its way into an
 * execution. Answering that copy "already accepted" before the first is stored would lose the
 * event if this process then died; so while the first is unanswered the copy is asked to come
 * back later, and once the first was refused the copy runs.
 *
 * n8n answers a delivery only after the execution is stored (in queue mode: enqueued), so
 * "answered with a 2xx" means the event is safe. Process memory only: another process knows
 * nothing of this one's attempts, and a dead one holds none.
 */

import { forgetDelivery } from './recentDeliveries';

/** How the earlier attempt of a delivery went, as far as this process knows. */
export type EarlierAttempt =
	/** Answered 2xx: its execution is stored; the copy is a repeat. */
	| 'stored'
	/** Still being handled: the copy should come back later. */
	| 'unanswered'
	/** Answered with an error: it started nothing, so the copy must run. */
	| 'refused';

/**
 * How long an attempt may stay unanswered before a copy runs anyway: n8n hangs that long only
 * when something broke, and a second run (which a downstream dedupe can catch) beats a lost event.
 */
export const UNANSWERED_LIMIT_MS = 30_000;
/** Each attempt holds its response until swept: a sweep every so many attempts keeps few. */
const SWEEP_EVERY = 256;

interface Attempt {
	trigger: string;
	deliveryKey: string;
	at: number;
	/** The status it was answered with, or undefined while unanswered. */
	answer: () => number | undefined;
}

/** Keyed by trigger and delivery. */
const attempts = new Map<string, Attempt>();
let sinceSweep = 0;

const keyOf = (trigger: string, deliveryKey: string) => `${trigger}\n${deliveryKey}`;

/** Records an attempt this process accepted; `answer` reads the status it was answered with. */
export function noteAcceptedAttempt(trigger: string, deliveryKey: string, answer: () => number | undefined, now: number): void {
	attempts.set(keyOf(trigger, deliveryKey), { trigger, deliveryKey, at: now, answer });
	if (++sinceSweep >= SWEEP_EVERY) sweep(now);
}

function stateOf(attempt: Attempt, now: number): EarlierAttempt {
	const status = attempt.answer();
	if (status === undefined) return now - attempt.at < UNANSWERED_LIMIT_MS ? 'unanswered' : 'refused';
	return status >= 200 && status < 300 ? 'stored' : 'refused';
}

/**
 * What became of this process's earlier attempt of the delivery; undefined if it had none. A
 * refused one is taken out of the replay memory, so the copy runs.
 */
export function earlierAttempt(trigger: string, deliveryKey: string, now: number): EarlierAttempt | undefined {
	const key = keyOf(trigger, deliveryKey);
	const attempt = attempts.get(key);
	if (attempt === undefined) return undefined;
	const state = stateOf(attempt, now);
	if (state !== 'unanswered') {
		attempts.delete(key);
		if (state === 'refused') forgetDelivery(deliveryKey, trigger);
	}
	return state;
}

/**
 * Settles every answered attempt: one answered 2xx needs nothing more (the replay memory answers
 * its copies); one refused is taken out of the replay memory now, as its copy may come hours later.
 */
export function sweep(now: number): void {
	sinceSweep = 0;
	for (const [key, attempt] of attempts) {
		const state = stateOf(attempt, now);
		if (state === 'unanswered') continue;
		attempts.delete(key);
		if (state === 'refused') forgetDelivery(attempt.deliveryKey, attempt.trigger);
	}
}
