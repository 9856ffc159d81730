// @ts-check
'use strict';

/**
 * The timers of deliveries waiting for a retry, for both delivery engines (Cloud Elements'
 * deliveries.js, ShareFile's sharefile-api/webhook-deliveries.js): a delivery waits with status
 * `retrying` and its `nextAttemptAt` on the sandbox clock, and is handed back when its time comes
 * (unless something else settled or sent it meanwhile). Unref'd: a waiting retry never keeps the
 * process alive; `clear()` stops them all (reset, close).
 */
function createRetryTimers(/** @type {{ now: () => number }} */ { now }) {
	/** Delivery id → its timer. @type {Map<number, NodeJS.Timeout>} */
	const timers = new Map();

	/** @param {{ id: number }} delivery */
	function cancel(delivery) {
		clearTimeout(timers.get(delivery.id));
		timers.delete(delivery.id);
	}

	/**
	 * @template {{ id: number, status: string, nextAttemptAt?: string }} D
	 * @param {D} delivery @param {number} delayMs real milliseconds @param {(delivery: D) => void} due
	 */
	function schedule(delivery, delayMs, due) {
		delivery.status = 'retrying';
		delivery.nextAttemptAt = new Date(now() + delayMs).toISOString();
		cancel(delivery);
		const timer = setTimeout(() => {
			timers.delete(delivery.id);
			if (delivery.status === 'retrying') due(delivery);
		}, delayMs);
		timer.unref();
		timers.set(delivery.id, timer);
	}

	function clear() {
		for (const timer of timers.values()) clearTimeout(timer);
		timers.clear();
	}

	return { schedule, cancel, clear };
}

module.exports = { createRetryTimers };
