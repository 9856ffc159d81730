// @ts-check
'use strict';

const crypto = require('node:crypto');
const { maskedUrl } = require('./masking');
const { fullPathOf } = require('./sharefile-items');

/**
 * @typedef {import('./store').InstanceRecord} InstanceRecord
 * @typedef {import('./deliveries').Delivery} Delivery
 * @typedef {import('./event-envelope').NormalizedEvent} NormalizedEvent
 * @typedef {{ eventType: string, objectId: string | null, path?: string }} EventSummary
 * @typedef {{ kind: 'delivery' | 'poll', instanceId: number | null, status: string, [field: string]: unknown }} ActivityFields
 * @typedef {ActivityFields & { seq: number, key: string }} ActivityEntry
 */

/** Entries kept in memory; older ones are forgotten (the deliveries themselves stay in the state). */
const KEPT_ENTRIES = 1000;
const DEFAULT_LIMIT = 200;
/** Events named per delivery entry; `eventCount` says how many there were. */
const NAMED_EVENTS = 5;
/** Paths of recently changed items, so a delivery about a deleted item can still name it. */
const REMEMBERED_PATHS = 2000;

/** @param {unknown} value @param {number} fallback */
function wholeNumber(value, fallback) {
	const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
	return Number.isSafeInteger(number) ? number : fallback;
}

/**
 * What the sandbox sent, for the sandbox page's live log: one entry per delivery, replaced by a
 * fresh snapshot whenever the delivery changes (made, sent, retried, settled, held, released), and
 * one per polled resource. Every snapshot takes the next sequence number, so "what changed since my
 * cursor" is one filter and the page updates a delivery's row in place. The epoch changes at every
 * start and reset: a page holding a cursor of an earlier epoch is answered from the beginning.
 * In memory, bounded, and without timers: nothing here outlives `close()`.
 * Also counts changes to instances and to each instance's documents, so the page reloads its lists
 * only when something changed.
 */
function createActivity() {
	/** Key → entry, in sequence order: a replaced entry moves to the end. @type {Map<string, ActivityEntry>} */
	let entries = new Map();
	let seq = 0;
	let polls = 0;
	let epoch = crypto.randomBytes(6).toString('hex');
	let instancesVersion = 0;
	let subscriptionsVersion = 0;
	/** @type {Map<number, number>} */
	let documentsVersions = new Map();
	/** ShareFile Id → the item's path at its latest change. @type {Map<string, string>} */
	let recentPaths = new Map();

	/** @param {InstanceRecord | null} instance @param {NormalizedEvent[]} events @returns {EventSummary[]} */
	function summarize(instance, events) {
		if (!instance) return [];
		return events.slice(0, NAMED_EVENTS).map((event) => {
			const item = event.objectId ? instance.sharefile.items[event.objectId] : undefined;
			const path = item ? fullPathOf(item) : event.objectId ? recentPaths.get(event.objectId) : undefined;
			return { eventType: event.eventType, objectId: event.objectId, ...(path ? { path } : {}) };
		});
	}

	/** @param {string} key @param {ActivityFields} entry */
	function put(key, entry) {
		seq += 1;
		entries.delete(key);
		entries.set(key, { seq, key, ...entry });
		if (entries.size > KEPT_ENTRIES) entries.delete(/** @type {string} */ (entries.keys().next().value));
	}

	/**
	 * A delivery changed. Its events are named once, when it is made (`events` given); later
	 * snapshots carry them over. `instance` is null for a posted notification's delivery.
	 * @param {InstanceRecord | null} instance @param {Delivery} sent @param {NormalizedEvent[]} [events]
	 */
	function delivery(instance, sent, events) {
		// ShareFile's own webhook deliveries (sharefile-api/webhook-deliveries.js) count ids of their own.
		const key = `${sent.vendor === 'sharefile' ? 'sharefile-' : ''}delivery-${sent.id}`;
		const last = sent.attempts.at(-1);
		put(key, {
			kind: 'delivery',
			instanceId: instance ? instance.id : null,
			id: sent.id,
			subscriptionId: sent.subscriptionId,
			vendor: sent.vendor,
			status: sent.status,
			createdDate: sent.createdDate,
			eventCount: sent.eventCount,
			events: events ? summarize(instance, events) : entries.get(key)?.events || [],
			attempts: sent.attempts.length,
			lastAttempt: last ? { number: last.number, at: last.at, url: maskedUrl(last.url), status: last.status ?? null, error: last.error ?? null, durationMs: last.durationMs } : null,
			nextAttemptAt: sent.nextAttemptAt ?? null,
		});
	}

	/** A poll ended: one entry per resource polled. @param {InstanceRecord} instance @param {import('./poller').PollSummary} summary */
	function poll(instance, summary) {
		for (const resource of summary.resources) {
			polls += 1;
			put(`poll-${polls}`, {
				kind: 'poll',
				instanceId: instance.id,
				status: resource.error ? 'error' : 'ok',
				pollDate: summary.pollDate,
				resource: resource.name,
				url: resource.url,
				since: resource.since,
				pages: resource.pages,
				records: resource.records,
				events: resource.events,
				dropped: resource.dropped,
				deliveries: resource.deliveries.length,
				warnings: [...summary.warnings, ...resource.warnings],
				error: resource.error ?? null,
			});
		}
	}

	/**
	 * Deliveries kept in the data file, oldest first, so a restarted sandbox shows its history.
	 * @param {InstanceRecord[]} instances
	 * @param {Delivery[]} posted the deliveries of posted notifications
	 */
	function seed(instances, posted) {
		/** @type {Array<{ instance: InstanceRecord | null, delivery: Delivery, events: NormalizedEvent[] }>} */
		const all = posted.map((kept) => ({ instance: null, delivery: kept, events: [] }));
		for (const instance of instances) {
			const messages = new Map(instance.events.map((event) => [event.id, /** @type {{ events?: NormalizedEvent[] } | null} */ (event.notifiedData)]));
			for (const kept of /** @type {Delivery[]} */ (instance.deliveries)) all.push({ instance, delivery: kept, events: messages.get(kept.storedEventId ?? -1)?.events || [] });
		}
		all.sort((a, b) => a.delivery.id - b.delivery.id);
		for (const { instance, delivery: kept, events } of all.slice(-KEPT_ENTRIES)) delivery(instance, kept, events);
	}

	/**
	 * `GET /_sandbox/activity?after=<cursor>&epoch=<epoch>&limit=<n>`: entries newer than the cursor,
	 * oldest first. `more` says the limit cut the answer short: ask again from the new cursor.
	 * @param {URLSearchParams} query
	 */
	function list(query) {
		const restarted = query.has('epoch') && query.get('epoch') !== epoch;
		const after = restarted ? 0 : wholeNumber(query.get('after'), 0);
		const limit = Math.min(KEPT_ENTRIES, Math.max(1, wholeNumber(query.get('limit'), DEFAULT_LIMIT)));
		/** @type {ActivityEntry[]} */
		const newer = [];
		for (const entry of entries.values()) if (entry.seq > after) newer.push(entry);
		const shown = newer.slice(0, limit);
		return {
			epoch,
			cursor: shown.length < newer.length ? shown[shown.length - 1].seq : Math.max(after, seq),
			more: shown.length < newer.length,
			restarted,
			entries: shown,
			versions: { instances: instancesVersion, subscriptions: subscriptionsVersion, documents: Object.fromEntries(documentsVersions) },
		};
	}

	return {
		delivery,
		poll,
		seed,
		list,
		instancesChanged() {
			instancesVersion += 1;
		},
		/** A subscription was made, moved, deleted, deactivated or taken up again. */
		subscriptionsChanged() {
			subscriptionsVersion += 1;
		},
		/** Call before the event engine hears of the change. @param {import('./documents').DocumentChange} change */
		documentsChanged(change) {
			const id = change.instance.id;
			documentsVersions.set(id, (documentsVersions.get(id) || 0) + 1);
			recentPaths.delete(change.item.Id);
			recentPaths.set(change.item.Id, fullPathOf(change.item));
			if (recentPaths.size > REMEMBERED_PATHS) recentPaths.delete(/** @type {string} */ (recentPaths.keys().next().value));
		},
		clear() {
			entries = new Map();
			documentsVersions = new Map();
			recentPaths = new Map();
			epoch = crypto.randomBytes(6).toString('hex');
		},
	};
}

module.exports = { createActivity, KEPT_ENTRIES };
