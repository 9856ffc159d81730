/**
 * When to try a request to Cloud Elements again. Plain functions, so the policy can be tested
 * without a network: the transport asks `nextRetryDelay` after each failed attempt.
 */
export interface RetryPolicy {
	/** Attempts in all, the first included. */
	maxAttempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** No retry is started that would end later than this after the first attempt began. */
	maxTotalMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 5,
	baseDelayMs: 500,
	maxDelayMs: 15_000,
	maxTotalMs: 60_000,
};

/** Statuses that say "not processed, try later"; every other 4xx/5xx is final. */
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

export function isRetryableStatus(statusCode: number): boolean {
	return RETRYABLE_STATUSES.has(statusCode);
}

/** `Retry-After` in milliseconds, from seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: unknown, nowMs: number): number | undefined {
	if (header === undefined || header === null || header === '') return undefined;
	const text = String(header).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(parseFloat(text) * 1000);
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - nowMs);
}

/**
 * The wait before attempt `attempt + 1` (attempt counts from 1), or undefined to give up.
 * A server's Retry-After is honoured as a minimum; otherwise exponential backoff with jitter
 * spreads clients that failed together.
 */
export function nextRetryDelay(
	policy: RetryPolicy,
	attempt: number,
	elapsedMs: number,
	retryAfterMs: number | undefined,
	random: () => number = Math.random,
): number | undefined {
	if (attempt >= policy.maxAttempts) return undefined;
	const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
	const jittered = exponential / 2 + random() * (exponential / 2);
	const delay = retryAfterMs === undefined ? jittered : retryAfterMs + random() * 250;
	if (elapsedMs + delay > policy.maxTotalMs) return undefined;
	return Math.round(delay);
}
