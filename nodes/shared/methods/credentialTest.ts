import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { cloudElementsAuthorization } from '../transport/authorization';
import { cloudElementsBaseUrl } from '../transport/baseUrl';
import { redactSecrets } from '../transport/redact';

function failureBody(error: unknown): Record<string, unknown> {
	const failure = error as {
		error?: unknown;
		response?: { body?: unknown; data?: unknown };
	};
	const body = failure.error ?? failure.response?.body ?? failure.response?.data;
	if (body && typeof body === 'object') return body as Record<string, unknown>;
	if (typeof body === 'string') {
		try {
			return JSON.parse(body) as Record<string, unknown>;
		} catch {
			return { message: body };
		}
	}
	return {};
}

/**
 * Lists one instance with the credential. On failure n8n shows Cloud Elements' own message
 * (e.g. its word on a wrong secret) instead of a bare status code.
 */
export async function cloudElementsApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const baseUrl = cloudElementsBaseUrl(data);
	if (!/^https?:\/\//.test(baseUrl)) {
		return { status: 'Error', message: 'Enter a base URL such as http://127.0.0.1:8787/elements/api-v2' };
	}
	try {
		await this.helpers.request({
			method: 'GET',
			uri: `${baseUrl}/instances`,
			qs: { pageSize: 1 },
			headers: { Authorization: cloudElementsAuthorization(data, undefined), Accept: 'application/json' },
			json: true,
			timeout: 20_000,
		});
		return { status: 'OK', message: 'Connection successful' };
	} catch (error) {
		const body = failureBody(error);
		const secrets = [data.userSecret, data.organizationSecret, data.sharefileClientSecret];
		const said = body.message ? String(body.message) : (error as Error).message;
		const requestId = body.requestId ? ` (request ID ${String(body.requestId)})` : '';
		return {
			status: 'Error',
			message: redactSecrets(`Cloud Elements: ${said}${requestId}`, secrets),
		};
	}
}
