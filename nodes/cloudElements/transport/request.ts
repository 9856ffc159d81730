import { NodeOperationError, sleep } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import { cloudElementsBaseUrl } from './baseUrl';
import { discardStream, isByteStream, readStreamText, type RawRequestBody } from '../../shared/http/byteStream';
import { cloudElementsApiError, cloudElementsNetworkError } from './errors';
import {
	DEFAULT_RETRY_POLICY,
	isRetryableStatus,
	nextRetryDelay,
	parseRetryAfter,
	type RetryPolicy,
} from '../../shared/http/retryPolicy';

export const CREDENTIAL_TYPE = 'cloudElementsApi';

export type CloudElementsContext =
	| IExecuteFunctions
	| IPollFunctions
	| IHookFunctions
	| IWebhookFunctions
	| ILoadOptionsFunctions;

export interface CloudElementsRequest {
	method: IHttpRequestMethods;
	/** Relative to the API root, e.g. `/instances/42`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	/** Bytes sent as they are (an upload), instead of a JSON `body`. */
	rawBody?: RawRequestBody;
	/**
	 * `stream`: a successful answer's body is handed over unread, as a readable byte stream
	 * (a download); the caller must read or destroy it. Failed answers are still read for the
	 * error, up to a small size.
	 */
	responseType?: 'json' | 'stream';
	/** Set for hub calls: the instance whose token joins the Authorization header. */
	instanceToken?: string;
	itemIndex?: number;
	retryPolicy?: RetryPolicy;
	/** How long one attempt may wait for an answer; a request that times out is retried like a dropped one. */
	timeoutMs?: number;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

export interface CloudElementsResponse<T> {
	body: T;
	headers: Record<string, string | undefined>;
	statusCode: number;
}

interface FullResponse {
	body: unknown;
	headers: Record<string, unknown>;
	statusCode: number;
}

/** Requests whose repetition cannot do harm when an earlier try may have reached the server. */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

function headerText(headers: Record<string, unknown>, name: string): string | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	if (value === undefined || value === null) return undefined;
	return Array.isArray(value) ? String(value[0]) : String(value);
}

function normalizeHeaders(headers: Record<string, unknown>): Record<string, string | undefined> {
	const result: Record<string, string | undefined> = {};
	for (const [name, value] of Object.entries(headers ?? {})) {
		result[name.toLowerCase()] = Array.isArray(value) ? String(value[0]) : String(value);
	}
	return result;
}

/**
 * Every call to Cloud Elements goes through here: base URL from the credential, the
 * credential's Authorization (plus the instance token for hub calls), JSON in and out, retries
 * of rate limits and gateway failures, and errors in Cloud Elements' own words without secrets.
 */
export async function cloudElementsRequest<T = unknown>(
	this: CloudElementsContext,
	request: CloudElementsRequest,
): Promise<CloudElementsResponse<T>> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const baseURL = cloudElementsBaseUrl(credentials);
	if (!/^https?:\/\//.test(baseURL)) {
		throw new NodeOperationError(
			this.getNode(),
			'The Cloud Elements credential has no usable base URL',
			{
				description:
					'Open the credential and choose an environment, or enter a base URL such as http://127.0.0.1:8787/elements/api-v2.',
				itemIndex: request.itemIndex,
			},
		);
	}
	const secrets = [
		credentials.userSecret,
		credentials.organizationSecret,
		credentials.sharefileClientSecret,
		credentials.eventSignatureSecret,
		request.instanceToken,
	];
	const policy = request.retryPolicy ?? DEFAULT_RETRY_POLICY;
	const streamed = request.responseType === 'stream';
	const options: IHttpRequestOptions = {
		method: request.method,
		baseURL,
		url: request.path,
		qs: request.qs,
		arrayFormat: 'repeat',
		headers: {
			// A download answers with the file's own type: asking for JSON only could earn a 406.
			Accept: streamed ? '*/*' : 'application/json',
			...(request.instanceToken ? { Authorization: `Element ${request.instanceToken}` } : {}),
		},
		json: !streamed,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: request.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
	};
	if (streamed) options.encoding = 'stream';
	if (request.body !== undefined) options.body = request.body;
	if (request.rawBody) {
		options.headers!['Content-Type'] = request.rawBody.contentType;
		if (request.rawBody.contentLength !== undefined) {
			options.headers!['Content-Length'] = String(request.rawBody.contentLength);
		}
		// Following redirects makes the HTTP client keep a copy of every byte written, to send
		// them again: a streamed upload would end up whole in memory. An upload is not redirected.
		options.disableFollowRedirect = true;
	}

	const startedAt = Date.now();
	for (let attempt = 1; ; attempt++) {
		let response: FullResponse;
		// Opened for this attempt only: a retry opens the body again rather than re-send a
		// stream the last attempt has read.
		const rawBody = request.rawBody ? await request.rawBody.open() : undefined;
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, {
				...options,
				headers: { ...options.headers },
				...(rawBody !== undefined ? { body: rawBody as unknown as IHttpRequestOptions['body'] } : {}),
			})) as FullResponse;
		} catch (error) {
			discardStream(rawBody);
			const delay = IDEMPOTENT_METHODS.has(request.method)
				? nextRetryDelay(policy, attempt, Date.now() - startedAt, undefined)
				: undefined;
			if (delay === undefined) {
				throw cloudElementsNetworkError(this.getNode(), error, baseURL, attempt, request.itemIndex);
			}
			await sleep(delay);
			continue;
		}

		discardStream(rawBody);
		if (response.statusCode >= 200 && response.statusCode < 300) {
			return {
				body: response.body as T,
				headers: normalizeHeaders(response.headers),
				statusCode: response.statusCode,
			};
		}
		if (isByteStream(response.body)) response.body = await readStreamText(response.body);
		if (isRetryableStatus(response.statusCode)) {
			const retryAfter = parseRetryAfter(headerText(response.headers, 'retry-after'), Date.now());
			const delay = nextRetryDelay(policy, attempt, Date.now() - startedAt, retryAfter);
			if (delay !== undefined) {
				await sleep(delay);
				continue;
			}
		}
		throw cloudElementsApiError(
			this.getNode(),
			{
				statusCode: response.statusCode,
				body: response.body,
				requestIdHeader: headerText(response.headers, 'elements-request-id'),
			},
			secrets,
			request.itemIndex,
		);
	}
}
