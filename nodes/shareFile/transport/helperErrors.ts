import type { HttpAnswer } from '../../shared/http/sendWithRetries';

/**
 * What an error n8n's OAuth2 helper threw says: a credential problem, or the HTTP answer inside.
 * n8n 2.x keeps the original error as `cause`; n8n 1.x wraps it in a NodeApiError that keeps only
 * its message and code (`httpCode`: the status, or `EAUTH` from the token endpoint).
 */

/** The errors n8n's OAuth2 helper raises, and what they wrap, outermost first. */
function* causes(error: unknown): Generator<Record<string, unknown>> {
	let current = error;
	for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
		yield current as Record<string, unknown>;
		current = (current as { cause?: unknown }).cause;
	}
}

/**
 * How @n8n/client-oauth2 words the token endpoint's error codes: all n8n 1.x keeps of the code.
 * Only the ones this node tells apart; any other is passed on in its words.
 */
const OAUTH_ERROR_WORDS: Record<string, string> = {
	invalid_grant: 'The provided authorization grant',
	invalid_client: 'Client authentication failed',
};

/** The token endpoint's error code (`invalid_grant`, …) and description, on n8n 1.x or 2.x. */
function tokenEndpointError(cause: Record<string, unknown>): { code?: string; text: string } | undefined {
	const body = cause.body as { error?: unknown; error_description?: unknown } | undefined;
	if (cause.code === 'EAUTH' && body && typeof body.error === 'string') {
		return { code: body.error, text: typeof body.error_description === 'string' ? `${body.error}: ${body.error_description}` : body.error };
	}
	if (cause.httpCode === 'EAUTH' && typeof cause.message === 'string') {
		const message = cause.message;
		const code = Object.keys(OAUTH_ERROR_WORDS).find((name) => message.startsWith(OAUTH_ERROR_WORDS[name]));
		return { code, text: code ? `${code}: ${message}` : message };
	}
	return undefined;
}

/**
 * What stands between the credential and ShareFile, when an error says so: a credential never
 * connected (n8n: "OAuth credentials not connected"), a renewal refused (`invalid_grant`: the
 * user must reconnect; n8n 2.x marks it `credential-invalid` itself), or another OAuth error from
 * the token endpoint (e.g. `invalid_client`). None is worth another attempt.
 */
export function credentialProblem(error: unknown): 'notConnected' | 'reconnect' | { oauthError: string } | undefined {
	for (const cause of causes(error)) {
		const failure = cause.failure as { cause?: unknown } | undefined;
		if (failure?.cause === 'credential-invalid') return 'reconnect';
	}
	for (const cause of causes(error)) {
		if (cause.message === 'OAuth credentials not connected') return 'notConnected';
		const refused = tokenEndpointError(cause);
		if (refused?.code === 'invalid_grant') return 'reconnect';
		if (refused) return { oauthError: refused.text };
	}
	return undefined;
}

/**
 * The HTTP answer inside an error n8n's helper threw (a 401 that stayed a 401 after the refresh).
 * A success status there means the answer was cut off on the way: no answer at all. n8n 1.x
 * keeps only the status and ShareFile's message, which n8n put in the error's description.
 */
export function answerInside(error: unknown): HttpAnswer | undefined {
	for (const cause of causes(error)) {
		const response = cause.response as { status?: unknown; data?: unknown; headers?: unknown } | undefined;
		if (response && typeof response.status === 'number' && response.status >= 400) {
			return {
				statusCode: response.status,
				body: response.data,
				headers: (response.headers ?? {}) as Record<string, unknown>,
			};
		}
	}
	const status = Number((error as { httpCode?: unknown } | undefined)?.httpCode);
	if (Number.isInteger(status) && status >= 400) {
		return { statusCode: status, body: { message: (error as { description?: unknown }).description }, headers: {} };
	}
	return undefined;
}
