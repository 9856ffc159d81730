import { NodeApiError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

/** A failed answer's body as an object: JSON parsed, other text as `{ message }`, anything else empty. */
export function readJsonBody(body: unknown): Record<string, unknown> {
	if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
	if (typeof body === 'string') {
		try {
			const parsed: unknown = JSON.parse(body);
			if (parsed && typeof parsed === 'object') return parsed as Record<string, unknown>;
		} catch {
			// Not JSON: the text itself becomes the message below.
		}
		return body.trim() ? { message: body.trim().slice(0, 500) } : {};
	}
	return {};
}

/**
 * A network failure (no HTTP answer), described without the request that carried the secrets:
 * the service, the host, the error code and what to check.
 */
export function networkError(
	node: INode,
	service: string,
	error: unknown,
	baseUrl: string,
	attempts: number,
	check: string,
	itemIndex?: number,
): NodeApiError {
	const code = (error as { code?: unknown })?.code;
	const reason = typeof code === 'string' ? code : 'no response';
	let host = baseUrl;
	try {
		host = new URL(baseUrl).host;
	} catch {
		// A malformed base URL is reported as written.
	}
	return new NodeApiError(
		node,
		{ message: `Could not reach ${service} (${reason})`, code: reason },
		{
			message: `Could not reach ${service} at ${host} (${reason})`,
			description: `Gave up after ${attempts} attempt(s). ${check}`,
			itemIndex,
		},
	);
}
