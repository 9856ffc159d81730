import { HASH_LENGTH } from '../poll/pollState';
import { ChangeKeySet, hashNumberAt, hashText, idHashNumber } from '../poll/changeKey';

/**
 * Deliveries already accepted, kept short for static data: the 8-character hash of each
 * delivery's id, newest last, in one string — the last 500 to 1,000 of them (4 to 8 KB): the
 * string grows by appending and is cut back to 500 when it reaches 1,000, so a delivery does
 * not copy the whole string. Cloud Elements retries whatever did not get a 2xx, so the same
 * delivery can arrive twice.
 *
 * Looking a hash up in that string on every delivery would cost microseconds, so the last few
 * strings this process wrote (or read) are kept in memory with their hashes in a hash table:
 * the next delivery to the same workflow finds its string there (by content, so a copy read
 * back from the database does too) and checks and updates it in constant time.
 */
export const MIN_RECENT_DELIVERIES = 500;
const MIN_LENGTH = MIN_RECENT_DELIVERIES * HASH_LENGTH;
const MAX_LENGTH = 2 * MIN_LENGTH;

/** What static data holds, read: this module's string, or the list older versions kept. */
export function readRecentDeliveries(stored: unknown): string {
	if (typeof stored === 'string') return stored.length % HASH_LENGTH === 0 ? stored : '';
	if (Array.isArray(stored)) {
		return stored
			.filter((entry): entry is string => typeof entry === 'string' && entry.length === HASH_LENGTH)
			.join('')
			.slice(-MAX_LENGTH);
	}
	return '';
}

interface Indexed {
	text: string;
	/**
	 * The hashes in text, as numbers in a typed hash table (a ChangeKeySet with every time 0):
	 * a lookup touches a slot or two, where a Map of strings would also read each key string.
	 */
	hashes: ChangeKeySet;
}

const MAX_INDEXED = 8;
/** Most recently used last. */
const indexed: Indexed[] = [];

function hashesOf(text: string): ChangeKeySet {
	const hashes = new ChangeKeySet();
	for (let at = 0; at + HASH_LENGTH <= text.length; at += HASH_LENGTH) {
		const hash = hashNumberAt(text, at);
		if (hash === hash) hashes.add(hash, 0);
	}
	return hashes;
}

function indexOf(recent: string): Indexed {
	for (let i = indexed.length - 1; i >= 0; i--) {
		const entry = indexed[i];
		if (entry.text === recent) {
			if (i !== indexed.length - 1) indexed.push(...indexed.splice(i, 1));
			return entry;
		}
	}
	const entry = { text: recent, hashes: hashesOf(recent) };
	indexed.push(entry);
	if (indexed.length > MAX_INDEXED) indexed.shift();
	return entry;
}

export function wasDelivered(recent: string, deliveryId: string): boolean {
	return indexOf(recent).hashes.has(idHashNumber(deliveryId), 0);
}

export function rememberDelivery(recent: string, deliveryId: string): string {
	return remember(indexOf(recent), recent, idHashNumber(deliveryId));
}

/**
 * The last memory this process wrote for each trigger (workflow, node, production or test), so
 * that a delivery is known even when n8n did not save the static data the previous one changed
 * (n8n 2.41 saves a webhook's static data changes only in some cases): what static data holds
 * and what this process remembers are joined. Process memory only, a few hundred triggers.
 */
const MAX_TRIGGERS = 256;
/** Per trigger: the static data string last seen, and the memory written on top of it. */
const lastWritten = new Map<string, { from: string; next: string }>();

/**
 * Per trigger, deliveries taken back by forgetDelivery: static data may hold them all the same
 * (n8n saved it before the refusal), so rememberIfNew takes each as new once more.
 */
const forgotten = new Map<string, Set<number>>();
const MAX_FORGOTTEN = 1_000;

/**
 * This process's memory with what static data holds besides appended: static data that
 * changed since this process last saw it was saved by someone else, later, so its entries go
 * last (the newest, kept longest when the string is cut back).
 */
function joined(recent: string, mine: string): string {
	if (mine === recent) return recent;
	const ours = indexOf(mine).hashes;
	let missing = '';
	for (let at = 0; at + HASH_LENGTH <= recent.length; at += HASH_LENGTH) {
		if (!ours.has(hashNumberAt(recent, at), 0)) missing += recent.slice(at, at + HASH_LENGTH);
	}
	if (missing === '') return mine;
	const all = mine + missing;
	return all.length > MAX_LENGTH ? all.slice(all.length - MAX_LENGTH) : all;
}

/**
 * The memory with the delivery added, or undefined when it was delivered before: one lookup.
 * With `trigger` (which trigger this is), this process's own last memory of it counts too.
 */
export function rememberIfNew(recent: string, deliveryId: string, trigger?: string): string | undefined {
	const last = trigger === undefined ? undefined : lastWritten.get(trigger);
	// Static data as it was last time (n8n did not save the change): this process's memory
	// already holds all of it, so nothing needs joining.
	const base = last === undefined ? recent : last.from === recent ? last.next : joined(recent, last.next);
	const entry = indexOf(base);
	const hash = idHashNumber(deliveryId);
	// Taken back once refused: new once more, whether or not static data still holds it.
	const wasForgotten = trigger !== undefined && forgotten.size > 0 && forgotten.get(trigger)?.delete(hash) === true;
	let next: string;
	if (!entry.hashes.has(hash, 0)) next = remember(entry, base, hash);
	else if (wasForgotten) next = base;
	else return undefined;
	if (last !== undefined) {
		// Updated in place: a busy trigger costs no allocation per delivery. The Map's order is
		// that of first sight, so a full Map forgets the trigger it has known longest.
		last.from = recent;
		last.next = next;
	} else if (trigger !== undefined) {
		if (lastWritten.size >= MAX_TRIGGERS) lastWritten.delete(lastWritten.keys().next().value as string);
		lastWritten.set(trigger, { from: recent, next });
	}
	return next;
}

/**
 * Takes back what rememberIfNew added for a delivery that was then refused (a download that
 * failed, answered non-2xx so Cloud Elements sends it again): that copy must run, not count as
 * a repeat. Only this process's memory is changed; the caller leaves static data as it was.
 */
export function forgetDelivery(deliveryId: string, trigger: string): void {
	const number = idHashNumber(deliveryId);
	let mine = forgotten.get(trigger);
	if (mine === undefined) {
		if (forgotten.size >= MAX_TRIGGERS) forgotten.delete(forgotten.keys().next().value as string);
		forgotten.set(trigger, (mine = new Set()));
	}
	if (mine.size >= MAX_FORGOTTEN) mine.delete(mine.values().next().value as number);
	mine.add(number);
	const last = lastWritten.get(trigger);
	if (last === undefined) return;
	const hash = hashText(number);
	for (let at = last.next.length - HASH_LENGTH; at >= 0; at -= HASH_LENGTH) {
		if (last.next.startsWith(hash, at)) {
			last.next = last.next.slice(0, at) + last.next.slice(at + HASH_LENGTH);
			return;
		}
	}
}

function remember(entry: Indexed, recent: string, hash: number): string {
	let next = recent + hashText(hash);
	if (next.length > MAX_LENGTH) {
		// Cut back to the newest; the table is made again from what is kept (every 500
		// deliveries), which costs less than taking the dropped hashes out one by one.
		next = next.slice(next.length - MIN_LENGTH);
		entry.hashes = hashesOf(next);
	} else {
		entry.hashes.add(hash, 0);
	}
	// The index now describes the new string (the old one is not written any more).
	entry.text = next;
	return next;
}
