import type { IDataObject } from 'n8n-workflow';

import { settle } from '../../shared/settle';
import { shareFileRequest, type ShareFileContext } from '../transport/request';

const keysOf = (body: unknown): string[] => {
	const keys = ((body as IDataObject | null)?.SignatureKeys ?? {}) as IDataObject;
	return [keys.PrimaryKey, keys.SecondaryKey].filter((key): key is string => typeof key === 'string' && key !== '');
};

const clientPath = (clientId: string) => `/WebhookClients(${encodeURIComponent(clientId)})`;

/**
 * The OAuth client's webhook signature keys (primary, secondary: ShareFile signs with both). They
 * belong to the OAuth app, so every subscription it makes is signed with them.
 */
export async function signatureKeys(this: ShareFileContext, clientId: string): Promise<string[]> {
	const read = await settle(async () => await shareFileRequest.call(this, { method: 'GET', path: clientPath(clientId) }));
	if (read.ok) return keysOf(read.value.body);
	// A client that never had a webhook configuration (INFERRED: ShareFile answers 404) has no keys.
	if (String((read.error as { httpCode?: unknown }).httpCode ?? '') === '404') return [];
	throw read.error;
}

/** Makes sure the client signs its deliveries: a client with no key yet gets a primary one. */
export async function ensureSignatureKey(this: ShareFileContext, clientId: string): Promise<string[]> {
	const keys = await signatureKeys.call(this, clientId);
	if (keys.length > 0) return keys;
	const { body } = await shareFileRequest.call(this, { method: 'POST', path: `${clientPath(clientId)}/PrimarySignatureKey` });
	return keysOf(body);
}
