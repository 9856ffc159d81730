import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import { readJsonBody } from '../../shared/http/answerErrors';
import { secretCleaner } from '../../shared/http/redact';

const STATUS_HINTS: Record<number, string> = {
	400: 'ShareFile refused the request as invalid: check the fields named in the message.',
	401: 'ShareFile did not accept the access token even after renewing it: reconnect the ShareFile credential.',
	403: 'The connected ShareFile user may not do this here: check their permissions on the file or folder.',
	404: 'Nothing exists at that ID or path: check the file or folder it names.',
	409: 'Something with that name already exists there.',
	429: 'ShareFile is rate limiting this account; retries were exhausted. Try again later.',
	501: 'ShareFile does not offer this for that item.',
};

/** What ShareFile says when a call fails: its body (`{ code, message: { lang, value }, reason }`). */
export interface ShareFileFailure {
	statusCode: number;
	body: unknown;
}

/** ShareFile's message in its error shapes: API `message.value`, storage `errorMessage`, OAuth `error_description`. */
function shareFileMessage(body: Record<string, unknown>): string | undefined {
	const message = body.message;
	if (message && typeof message === 'object') {
		const value = (message as Record<string, unknown>).value;
		if (typeof value === 'string' && value) return value;
	}
	for (const key of ['message', 'errorMessage', 'error_description', 'Message']) {
		if (typeof body[key] === 'string' && body[key]) return body[key] as string;
	}
	return undefined;
}

/**
 * A NodeApiError from ShareFile's own words and the status only: never from the request, whose
 * headers hold the token, and with any echoed secret replaced.
 */
export function shareFileApiError(
	node: INode,
	failure: ShareFileFailure,
	secrets: Iterable<unknown>,
	itemIndex?: number,
): NodeApiError {
	const clean = secretCleaner(secrets);
	const body = readJsonBody(failure.body);
	const said = clean(shareFileMessage(body)) ?? `ShareFile answered with HTTP status ${failure.statusCode}`;
	const code = clean(body.code ?? body.errorCode);
	const errorResponse: JsonObject = { message: said, httpCode: String(failure.statusCode) };
	if (code) errorResponse.code = code;
	return new NodeApiError(node, errorResponse, {
		message: `ShareFile: ${said}`,
		description: STATUS_HINTS[failure.statusCode] ?? (failure.statusCode >= 500 ? 'ShareFile failed to process the request; try again later.' : undefined),
		httpCode: String(failure.statusCode),
		itemIndex,
	});
}

/**
 * The credential cannot reach ShareFile: never connected, a renewal ShareFile refused (the user
 * took the app's access back, or the refresh token lapsed: reconnect), or the token endpoint
 * refusing the OAuth app itself. Never with a token in it.
 */
export function credentialError(
	node: INode,
	problem: 'notConnected' | 'reconnect' | { oauthError: string },
	credentialName: string | undefined,
	itemIndex?: number,
): NodeOperationError {
	const name = credentialName ? ` "${credentialName}"` : '';
	if (problem === 'notConnected') {
		return new NodeOperationError(node, `The ShareFile credential${name} is not connected to an account yet`, {
			description: 'Open the ShareFile credential and click "Connect my account" to sign in to ShareFile.',
			itemIndex,
		});
	}
	if (problem === 'reconnect') {
		return new NodeOperationError(node, `ShareFile no longer accepts the credential${name}: reconnect it`, {
			description:
				'ShareFile refused to renew access (the refresh token was revoked or has expired, or the account password or permissions changed). Open the ShareFile credential and click "Connect my account" (Reconnect) to sign in to ShareFile again.',
			itemIndex,
		});
	}
	return new NodeOperationError(node, `ShareFile refused to renew access for the credential${name} (${problem.oauthError})`, {
		description: 'Check the Client ID and Client Secret of your ShareFile API application in the credential, then reconnect it.',
		itemIndex,
	});
}
