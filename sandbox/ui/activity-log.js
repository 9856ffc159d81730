// @ts-check
// The live log of what the sandbox sent: asks GET /_sandbox/activity for what is newer than its
// cursor, once a second, one request at a time (the next is scheduled when the last has answered).
// A delivery's row is replaced in place when a newer snapshot of it arrives.

import { control } from './api.js';
import { h } from './dom.js';
import { formatTime, plural } from './format.js';

const EVERY_MS = 1000;
const WHEN_FAILING_MS = 3000;
/** Rows kept on the page; the oldest go first. */
const KEPT_ROWS = 500;

/**
 * What made a delivery: Cloud Elements' poller, its ShareFile webhook vendor, POST /notifications, or
 * ShareFile's own webhooks (a WebhookSubscription made through ShareFile's API v3).
 */
const VENDOR_WORDS = /** @type {Record<string, string>} */ ({ polling: 'Polling', webhook: 'Webhook', notification: 'Notification', sharefile: 'ShareFile webhook' });

/** The subscription a delivery went to: Cloud Elements' numbered ones, or ShareFile's WebhookSubscription. @param {Record<string, any>} entry */
const subscriptionWords = (entry) => (entry.vendor === 'sharefile' ? `ShareFile subscription ${entry.subscriptionId}` : `subscription #${entry.subscriptionId}`);

/** @param {string} text */
function readable(text) {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

/** @param {Record<string, any>} attempt */
function answerOf(attempt) {
	if (attempt.status !== null) return `HTTP ${attempt.status} in ${attempt.durationMs} ms`;
	return `no answer (${attempt.error}) after ${attempt.durationMs} ms`;
}

/** @param {Record<string, any>} entry */
function deliveryBody(entry) {
	const named = entry.events.map((/** @type {Record<string, any>} */ event) => `${event.eventType} ${event.path || event.objectId || ''}`.trim());
	const more = entry.eventCount - entry.events.length;
	const attempt = entry.lastAttempt;
	return [
		h(
			'div',
			{ class: 'activity-line' },
			h('span', { class: 'activity-instance' }, `${entry.instanceId === null ? 'posted notification' : `instance ${entry.instanceId}`} · ${subscriptionWords(entry)} · `),
			h('span', { 'data-test': 'activity-events' }, named.join(', ') || plural(entry.eventCount, 'event'), more > 0 ? ` and ${more} more` : ''),
		),
		h(
			'div',
			{ class: 'activity-line' },
			h('span', { 'data-test': 'activity-attempts', 'data-attempts': entry.attempts }, plural(entry.attempts, 'attempt')),
			attempt ? ' · last: ' : '',
			attempt ? h('span', { 'data-test': 'activity-answer', 'data-http-status': attempt.status ?? '', 'data-duration-ms': attempt.durationMs }, answerOf(attempt)) : '',
			entry.nextAttemptAt ? ` · next try at ${formatTime(entry.nextAttemptAt)}` : '',
		),
		attempt ? h('div', { class: 'activity-line url', 'data-test': 'activity-url', title: attempt.url }, `POST ${attempt.url}`) : null,
	];
}

/** @param {Record<string, any>} entry */
function pollBody(entry) {
	const dropped = entry.dropped > 0 ? `, ${entry.dropped} dropped` : '';
	return [
		h(
			'div',
			{ class: 'activity-line' },
			h('span', { class: 'activity-instance' }, `instance ${entry.instanceId} · `),
			h('span', { 'data-test': 'activity-records', 'data-records': entry.records }, plural(entry.records, 'record')),
			` → ${plural(entry.events, 'event')}${dropped} · ${plural(entry.deliveries, 'delivery', 'deliveries')}`,
		),
		h('div', { class: 'activity-line url', 'data-test': 'activity-url', title: entry.url }, `GET ${readable(entry.url)}`),
		entry.error ? h('div', { class: 'activity-line problem' }, entry.error) : null,
		...entry.warnings.map((/** @type {string} */ warning) => h('div', { class: 'activity-line warning' }, `Warning: ${warning}`)),
	];
}

/** @param {Record<string, any>} entry */
const timeOf = (entry) => (entry.kind === 'delivery' ? entry.createdDate : entry.pollDate);

/** @param {Record<string, any>} entry */
function rowOf(entry) {
	const delivery = entry.kind === 'delivery';
	return h(
		'li',
		{
			class: `activity-row ${entry.kind}`,
			'data-test': 'activity-row',
			'data-kind': entry.kind,
			'data-vendor': delivery ? entry.vendor : null,
			'data-status': entry.status,
			'data-key': entry.key,
			'data-instance': entry.instanceId,
			'data-subscription': delivery ? entry.subscriptionId : null,
			'data-time': Date.parse(timeOf(entry)),
		},
		h(
			'div',
			{ class: 'activity-head' },
			h('time', { datetime: timeOf(entry) }, formatTime(timeOf(entry))),
			h('span', { class: 'activity-title' }, delivery ? `${VENDOR_WORDS[entry.vendor] || 'Webhook'} delivery ${entry.id}` : `Poll of ${entry.resource}`),
			h('span', { class: `badge status-${entry.status}`, 'data-test': 'activity-status' }, entry.status),
		),
		...(delivery ? deliveryBody(entry) : pollBody(entry)),
	);
}

/**
 * @param {{ list: HTMLElement, empty: HTMLElement,
 *   onAnswer: (answer: { restarted: boolean, versions: Record<string, any>, entries: unknown[] }) => Promise<void>,
 *   onConnection: (ok: boolean) => void }} parts
 */
export function createActivityLog({ list, empty, onAnswer, onConnection }) {
	/** @type {Map<string, HTMLElement>} */
	const rows = new Map();
	let cursor = 0;
	/** @type {string | null} */
	let epoch = null;
	let started = false;
	/** @type {number | null} */
	let onlyInstance = null;

	/** @param {HTMLElement} row */
	const applyFilter = (row) => {
		row.hidden = onlyInstance !== null && row.dataset.instance !== String(onlyInstance);
	};
	const showEmpty = () => {
		empty.hidden = [...rows.values()].some((row) => !row.hidden);
	};

	function clear() {
		rows.clear();
		list.replaceChildren();
	}

	/**
	 * Rows read oldest first by when the delivery was made or the poll ran; the answer's order
	 * (latest change last) would move a retried delivery below newer ones.
	 * @param {HTMLElement} row
	 */
	function insert(row) {
		const time = Number(row.dataset.time);
		let before = /** @type {Element | null} */ (null);
		for (let at = list.lastElementChild; at && Number(/** @type {HTMLElement} */ (at).dataset.time) > time; at = at.previousElementSibling) before = at;
		list.insertBefore(row, before);
	}

	/** @param {Record<string, any>} entry */
	function show(entry) {
		const row = rowOf(entry);
		applyFilter(row);
		const existing = rows.get(entry.key);
		if (existing) existing.replaceWith(row);
		else insert(row);
		rows.set(entry.key, row);
		while (rows.size > KEPT_ROWS) {
			const [oldestKey, oldest] = /** @type {[string, HTMLElement]} */ (rows.entries().next().value);
			oldest.remove();
			rows.delete(oldestKey);
		}
	}

	async function tick() {
		let wait = EVERY_MS;
		try {
			const query = new URLSearchParams({ after: String(cursor), limit: '500' });
			if (epoch) query.set('epoch', epoch);
			const answer = await control('GET', `/activity?${query}`);
			if (answer.restarted) clear();
			epoch = answer.epoch;
			cursor = answer.cursor;
			const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
			for (const entry of answer.entries) show(entry);
			if (atBottom) list.scrollTop = list.scrollHeight;
			showEmpty();
			onConnection(true);
			await onAnswer(answer);
			if (answer.more) wait = 0;
		} catch {
			onConnection(false);
			wait = WHEN_FAILING_MS;
		}
		setTimeout(tick, wait);
	}

	return {
		start() {
			if (started) return;
			started = true;
			void tick();
		},
		/** @param {number | null} instanceId null shows every instance */
		filter(instanceId) {
			onlyInstance = instanceId;
			for (const row of rows.values()) applyFilter(row);
			showEmpty();
		},
	};
}
