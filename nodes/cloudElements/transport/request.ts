import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

import { cloudElementsBaseUrl } from './baseUrl';
import type { RawRequestBody } from '../../shared/http/byteStream';
import type { RequestContext } from '../../shared/http/requestContext';
import { cloudElementsApiError, cloudElementsNetworkError } from './errors';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../shared/http/retryPolicy';
import {
	attemptOptions,
	headerText,
	normalizeHeaders,
	sendWithRetries,
	withRawBody,
	type HttpAnswer,
} from '../../shared/http/sendWithRetries';

export const CREDENTIAL_TYPE = 'cloudElementsApi';

export type CloudElementsContext = RequestContext;

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
	let options: IHttpRequestOptions = {
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
	options = withRawBody(options, request.rawBody);

	const response = await sendWithRetries({
		method: request.method,
		policy,
		rawBody: request.rawBody,
		send: async (rawBody) =>
			(await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_TYPE,
				attemptOptions(options, rawBody),
			)) as HttpAnswer,
		failure: (error, attempts) =>
			cloudElementsNetworkError(this.getNode(), error, baseURL, attempts, request.itemIndex),
	});
	if (response.statusCode >= 200 && response.statusCode < 300) {
		return {
			body: response.body as T,
			headers: normalizeHeaders(response.headers),
			statusCode: response.statusCode,
		};
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
