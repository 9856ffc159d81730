'use strict';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Calls `check` until it returns something truthy (which is returned) or `timeoutMs` passes;
 * then throws naming `what` and the last value or error seen.
 */
async function waitFor(what, check, { timeoutMs = 30_000, intervalMs = 250 } = {}) {
	const started = Date.now();
	let last;
	for (;;) {
		try {
			const value = await check();
			if (value) return value;
			last = value;
		} catch (error) {
			last = error;
		}
		if (Date.now() - started > timeoutMs) {
			const detail = last instanceof Error ? last.message : JSON.stringify(last)?.slice(0, 1500);
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${detail})`);
		}
		await sleep(intervalMs);
	}
}

module.exports = { sleep, waitFor };
