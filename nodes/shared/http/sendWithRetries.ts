import { sleep } from 'n8n-workflow';
import type { IHttpRequestOptions } from 'n8n-workflow';

import { discardStream, isByteStream, readStreamText, type ByteStream, type RawRequestBody } from './byteStream';
import { isRetryableStatus, nextRetryDelay, parseRetryAfter, type RetryPolicy } from './retryPolicy';

/** An HTTP answer as n8n's request helpers give it with `returnFullResponse`. */
export interface HttpAnswer {
	body: unknown;
	headers: Record<string, unknown>;
	statusCode: number;
}

/** Requests whose repetition cannot do harm when an earlier try may have reached the server. */
export const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

export function headerText(headers: Record<string, unknown>, name: string): string | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	if (value === undefined || value === null) return undefined;
	return Array.isArray(value) ? String(value[0]) : String(value);
}

export function normalizeHeaders(headers: Record<string, unknown>): Record<string, string | undefined> {
	const result: Record<string, string | undefined> = {};
	for (const [name, value] of Object.entries(headers ?? {})) {
		result[name.toLowerCase()] = Array.isArray(value) ? String(value[0]) : String(value);
	}
	return result;
}

export interface RetryingSend {
	method: string;
	policy: RetryPolicy;
	/** Bytes sent as they are; opened afresh for each attempt. */
	rawBody?: RawRequestBody;
	/** One attempt; it throws only when no HTTP answer came back. */
	send: (body: Buffer | ByteStream | undefined) => Promise<HttpAnswer>;
	/** Statuses worth another attempt besides the ones that say "not processed" (429, 502, 503, 504). */
	alsoRetry?: (statusCode: number) => boolean;
	/** Whether a thrown error is worth another attempt (default: all; only for idempotent methods). */
	retryableError?: (error: unknown) => boolean;
	/** The error to throw once an error is not retried, or retries are over. */
	failure: (error: unknown, attempts: number) => Error;
}

/**
 * Sends a request until it gets a final answer: a rate limit or gateway failure (and what
 * `alsoRetry` adds) is tried again with exponential backoff and jitter, honouring `Retry-After`;
 * an answer that never came only when repeating the method is harmless. Returns the last answer,
 * a success or not; a failed answer's streamed body is read as text for the error.
 */
export async function sendWithRetries(request: RetryingSend): Promise<HttpAnswer> {
	const startedAt = Date.now();
	for (let attempt = 1; ; attempt++) {
		let response: HttpAnswer;
		// Opened for this attempt only: a retry opens the body again rather than re-send a
		// stream the last attempt has read.
		const rawBody = request.rawBody ? await request.rawBody.open() : undefined;
		try {
			response = await request.send(rawBody);
		} catch (error) {
			discardStream(rawBody);
			const retryable = IDEMPOTENT_METHODS.has(request.method) && (request.retryableError?.(error) ?? true);
			const delay = retryable ? nextRetryDelay(request.policy, attempt, Date.now() - startedAt, undefined) : undefined;
			if (delay === undefined) throw request.failure(error, attempt);
			await sleep(delay);
			continue;
		}
		discardStream(rawBody);
		if (response.statusCode >= 200 && response.statusCode < 300) return response;
		if (isByteStream(response.body)) response.body = await readStreamText(response.body);
		if (isRetryableStatus(response.statusCode) || request.alsoRetry?.(response.statusCode)) {
			const retryAfter = parseRetryAfter(headerText(response.headers, 'retry-after'), Date.now());
			const delay = nextRetryDelay(request.policy, attempt, Date.now() - startedAt, retryAfter);
			if (delay !== undefined) {
				await sleep(delay);
				continue;
			}
		}
		return response;
	}
}

/**
 * Request options made ready for a raw body: its type and, when known, its length. Following
 * redirects makes the HTTP client keep a copy of every byte written, to send them again: a
 * streamed upload would end up whole in memory. An upload is not redirected.
 */
export function withRawBody(options: IHttpRequestOptions, rawBody: RawRequestBody | undefined): IHttpRequestOptions {
	if (!rawBody) return options;
	const headers: Record<string, string> = { ...(options.headers as Record<string, string>), 'Content-Type': rawBody.contentType };
	if (rawBody.contentLength !== undefined) headers['Content-Length'] = String(rawBody.contentLength);
	return { ...options, headers, disableFollowRedirect: true };
}

/** One attempt's options: headers of its own (helpers add to them) and the body it opened. */
export function attemptOptions(options: IHttpRequestOptions, opened: Buffer | ByteStream | undefined): IHttpRequestOptions {
	return {
		...options,
		headers: { ...options.headers },
		...(opened !== undefined ? { body: opened as unknown as IHttpRequestOptions['body'] } : {}),
	};
}
