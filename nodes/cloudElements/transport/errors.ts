import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import { secretCleaner } from '../../shared/http/redact';
import { networkError, readJsonBody } from '../../shared/http/answerErrors';

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
	const clean = secretCleaner(secrets);
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
	return networkError(
		node,
		'Cloud Elements',
		error,
		baseUrl,
		attempts,
		'Check the environment or base URL in the Cloud Elements credential, and that the service is reachable from n8n.',
		itemIndex,
	);
}
