import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

import type { RawRequestBody } from '../../shared/http/byteStream';
import type { RequestContext } from '../../shared/http/requestContext';
import { networkError } from '../../shared/http/answerErrors';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../shared/http/retryPolicy';
import {
	attemptOptions,
	IDEMPOTENT_METHODS,
	normalizeHeaders,
	sendWithRetries,
	withRawBody,
	type HttpAnswer,
} from '../../shared/http/sendWithRetries';
import { discardStream } from '../../shared/http/byteStream';
import { settle } from '../../shared/settle';
import { shareFileApiBase } from './apiBase';
import { credentialError, shareFileApiError } from './errors';
import { answerInside, credentialProblem } from './helperErrors';

export const CREDENTIAL_TYPE = 'shareFileOAuth2Api';

export type ShareFileContext = RequestContext;

export interface ShareFileRequest {
	method: IHttpRequestMethods;
	/** Relative to the account's API root (`…/sf/v3`), e.g. `/Items(top)/Children`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** `stream`: a successful answer's body is handed over unread (the caller reads or destroys it). */
	responseType?: 'json' | 'stream';
	itemIndex?: number;
	retryPolicy?: RetryPolicy;
	timeoutMs?: number;
}

/** A call to ShareFile's storage host (an upload's ChunkUri, a download link): no token, the URL is the proof. */
export interface StorageRequest {
	method: IHttpRequestMethods;
	url: string;
	rawBody?: RawRequestBody;
	responseType?: 'json' | 'text' | 'stream';
	itemIndex?: number;
	retryPolicy?: RetryPolicy;
	timeoutMs?: number;
}

export interface ShareFileResponse<T> {
	body: T;
	headers: Record<string, string | undefined>;
	statusCode: number;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

/** 509 "Bandwidth Limit Exceeded" is ShareFile's second rate limit (rclone retries it, SHAREFILE_API.md §4). */
const alsoRetry = (method: string) => (statusCode: number) =>
	statusCode === 509 || (statusCode === 500 && IDEMPOTENT_METHODS.has(method));

/**
 * One request through n8n's OAuth2 helper: the answer, also when the helper threw one inside an
 * error (a 401 that stayed a 401 after the renewal). n8n 1.x reads `{ ignore: true, except: [401] }`
 * as plain `true` and hands the 401 back unrenewed: asked once more with every failure status
 * thrown, its helper renews the token and retries. n8n 2.x never hands a 401 back.
 */
async function askShareFile(this: ShareFileContext, options: IHttpRequestOptions, renewOn401: boolean): Promise<HttpAnswer> {
	const outcome = await settle(
		async () =>
			(await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, attemptOptions(options, undefined))) as HttpAnswer,
	);
	if (outcome.ok && outcome.value.statusCode === 401 && renewOn401) {
		discardStream(outcome.value.body);
		return await askShareFile.call(this, { ...options, ignoreHttpStatusErrors: false }, false);
	}
	if (outcome.ok) return outcome.value;
	const answer = credentialProblem(outcome.error) ? undefined : answerInside(outcome.error);
	if (answer) return answer;
	throw outcome.error;
}

async function secretsOf(this: ShareFileContext): Promise<unknown[]> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const token = (credentials.oauthTokenData ?? {}) as Record<string, unknown>;
	return [credentials.clientSecret, token.access_token, token.refresh_token];
}

function credentialName(this: ShareFileContext): string | undefined {
	return this.getNode().credentials?.[CREDENTIAL_TYPE]?.name;
}

function success<T>(response: HttpAnswer): ShareFileResponse<T> {
	return { body: response.body as T, headers: normalizeHeaders(response.headers), statusCode: response.statusCode };
}

/**
 * Every call to ShareFile's API goes through here: the account's API root from the token,
 * n8n's OAuth2 helper (which signs with the access token, renews it on a 401 and saves the new
 * one), JSON in and out, retries of rate limits and server failures where repeating is harmless,
 * and errors in ShareFile's own words without secrets.
 */
export async function shareFileRequest<T = unknown>(
	this: ShareFileContext,
	request: ShareFileRequest,
): Promise<ShareFileResponse<T>> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const baseURL = shareFileApiBase(credentials);
	const streamed = request.responseType === 'stream';
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${baseURL}${request.path}`,
		qs: request.qs,
		headers: { Accept: streamed ? '*/*' : 'application/json' },
		json: !streamed,
		returnFullResponse: true,
		// Everything but a 401 comes back as an answer; a 401 makes n8n renew the token and ask again.
		ignoreHttpStatusErrors: { ignore: true, except: [401] },
		timeout: request.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
	};
	if (streamed) options.encoding = 'stream';
	if (request.body !== undefined) options.body = request.body;
	const response = await sendWithRetries({
		method: request.method,
		policy: request.retryPolicy ?? DEFAULT_RETRY_POLICY,
		send: async () => await askShareFile.call(this, options, true),
		alsoRetry: alsoRetry(request.method),
		retryableError: (error) => !credentialProblem(error),
		failure: (error, attempts) => {
			const problem = credentialProblem(error);
			if (problem) return credentialError(this.getNode(), problem, credentialName.call(this), request.itemIndex);
			return networkError(
				this.getNode(),
				'ShareFile',
				error,
				baseURL,
				attempts,
				'Check the account subdomain and region in the ShareFile credential, and that ShareFile is reachable from n8n.',
				request.itemIndex,
			);
		},
	});
	if (response.statusCode >= 200 && response.statusCode < 300) return success<T>(response);
	throw shareFileApiError(this.getNode(), response, await secretsOf.call(this), request.itemIndex);
}

/**
 * A call to ShareFile's storage host: an upload's ChunkUri or a download link. They carry their
 * own authorisation (CONFIRMED for ChunkUri), so no token is sent to another host.
 */
export async function storageRequest<T = unknown>(
	this: ShareFileContext,
	request: StorageRequest,
): Promise<ShareFileResponse<T>> {
	const responseType = request.responseType ?? 'json';
	let options: IHttpRequestOptions = {
		method: request.method,
		url: request.url,
		headers: { Accept: responseType === 'json' ? 'application/json' : '*/*' },
		json: responseType === 'json',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: request.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
	};
	if (responseType === 'stream') options.encoding = 'stream';
	if (responseType === 'text') options.encoding = 'text';
	options = withRawBody(options, request.rawBody);
	const response = await sendWithRetries({
		method: request.method,
		policy: request.retryPolicy ?? DEFAULT_RETRY_POLICY,
		rawBody: request.rawBody,
		send: async (rawBody) => (await this.helpers.httpRequest(attemptOptions(options, rawBody))) as HttpAnswer,
		failure: (error, attempts) =>
			networkError(
				this.getNode(),
				'ShareFile storage',
				error,
				request.url,
				attempts,
				'ShareFile hands out its storage addresses itself; check that they are reachable from n8n.',
				request.itemIndex,
			),
	});
	if (response.statusCode >= 200 && response.statusCode < 300) return success<T>(response);
	throw shareFileApiError(this.getNode(), response, [], request.itemIndex);
}
