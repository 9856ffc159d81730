import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import { redactSecrets } from '../../shared/http/redact';

/** What Cloud Elements says when a call fails: its JSON error body plus the request id header. */
export interface CloudElementsFailure {
	statusCode: number;
	body: unknown;
	requestIdHeader?: string;
}

const STATUS_HINTS: Record<number, string> = {
	400: 'Cloud Elements refused the request as invalid: check the fields named in the message.',
	401: 'Check the User Secret, Organization Secret and environment in the Cloud Elements credential; for an instance, its token may belong to a deleted instance.',
	403: 'The instance may be disabled (enable it with Instance → Enable) or your account may lack access.',
	404: 'Nothing exists at that ID or path: check the instance, event, file or folder it names.',
	409: 'Something with the same identity already exists.',
	429: 'Cloud Elements is rate limiting this account; retries were exhausted. Try again later or poll less often.',
};

function readJsonBody(body: unknown): Record<string, unknown> {
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
 * A NodeApiError built only from Cloud Elements' own words and the status: never from the
 * request, whose headers hold the secrets, and with any echoed secret replaced.
 */
export function cloudElementsApiError(
	node: INode,
	failure: CloudElementsFailure,
	secrets: Iterable<unknown>,
	itemIndex?: number,
): NodeApiError {
	const secretList = [...secrets];
	const clean = (value: unknown) =>
		value === undefined || value === null ? undefined : redactSecrets(String(value), secretList);
	const body = readJsonBody(failure.body);
	const message =
		clean(body.message) ?? `Cloud Elements answered with HTTP status ${failure.statusCode}`;
	const providerMessage = clean(body.providerMessage);
	const requestId = clean(body.requestId ?? failure.requestIdHeader);
	const description = [
		providerMessage ? `Provider said: ${providerMessage}` : undefined,
		STATUS_HINTS[failure.statusCode],
		requestId ? `Cloud Elements request ID: ${requestId}` : undefined,
	]
		.filter(Boolean)
		.join('\n');
	const errorResponse: JsonObject = { message, httpCode: String(failure.statusCode) };
	if (providerMessage) errorResponse.providerMessage = providerMessage;
	if (requestId) errorResponse.requestId = requestId;
	return new NodeApiError(node, errorResponse, {
		message: `Cloud Elements: ${message}`,
		description,
		httpCode: String(failure.statusCode),
		itemIndex,
	});
}

/** A network failure (no HTTP answer), described without the request that carried the secrets. */
export function cloudElementsNetworkError(
	node: INode,
	error: unknown,
	baseUrl: string,
	attempts: number,
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
		{ message: `Could not reach Cloud Elements (${reason})`, code: reason },
		{
			message: `Could not reach Cloud Elements at ${host} (${reason})`,
			description: `Gave up after ${attempts} attempt(s). Check the environment or base URL in the Cloud Elements credential, and that the service is reachable from n8n.`,
			itemIndex,
		},
	);
}
