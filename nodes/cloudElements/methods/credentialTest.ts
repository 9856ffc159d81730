import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { cloudElementsAuthorization } from '../transport/authorization';
import { cloudElementsBaseUrl } from '../transport/baseUrl';
import { redactSecrets } from '../../shared/http/redact';

const TEST_TIMEOUT_MS = 20_000;

async function readMessage(response: Response): Promise<{ message?: string; requestId?: string }> {
	const text = await response.text();
	try {
		const body = JSON.parse(text) as { message?: unknown; requestId?: unknown };
		return {
			message: body.message === undefined ? undefined : String(body.message),
			requestId: body.requestId === undefined ? undefined : String(body.requestId),
		};
	} catch {
		return { message: text.trim().slice(0, 300) || undefined };
	}
}

/**
 * Lists one instance with the credential. On failure n8n shows Cloud Elements' own message
 * (e.g. its word on a wrong secret) instead of a bare status. The credential-test context
 * offers only n8n's deprecated `request` helper, so the platform's fetch is used here.
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
	const secrets = [data.userSecret, data.organizationSecret, data.sharefileClientSecret, data.eventSignatureSecret];
	let response: Response;
	try {
		response = await fetch(`${baseUrl}/instances?pageSize=1`, {
			headers: { Authorization: cloudElementsAuthorization(data, undefined), Accept: 'application/json' },
			signal: AbortSignal.timeout(TEST_TIMEOUT_MS),
		});
	} catch (error) {
		const cause = (error as { cause?: { code?: unknown } }).cause?.code;
		return {
			status: 'Error',
			message: `Could not reach Cloud Elements at ${baseUrl} (${String(cause ?? (error as Error).name)})`,
		};
	}
	if (response.ok) return { status: 'OK', message: 'Connection successful' };
	const { message, requestId } = await readMessage(response);
	const said = message ?? `HTTP status ${response.status}`;
	const reference = requestId ? ` (request ID ${requestId})` : '';
	return { status: 'Error', message: redactSecrets(`Cloud Elements: ${said}${reference}`, secrets) };
}
