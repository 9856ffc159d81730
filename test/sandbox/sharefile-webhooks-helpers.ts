import * as crypto from 'crypto';

import type { Sandbox } from '../../sandbox';
import { call, createInstance } from './helpers';
import { placeOk } from './documents-helpers';
import { CLIENT_ID, login, sf, sfOk } from './sharefile-api-helpers';
import type { Received } from './receiver';

export const FILE_EVENTS = ['Upload', 'Update', 'Download', 'Delete'].map((OperationName) => ({ ResourceType: 'File', OperationName }));
export const ALL_FOLDER_CONTEXT_EVENTS = [...FILE_EVENTS, { ResourceType: 'Folder', OperationName: 'Delete' }];

/**
 * The test's own signature check, written from the README's recipe and not from the sandbox's code:
 * base64 of HMAC-SHA256 keyed with the key's UTF-8 bytes over the raw body, compared in constant time.
 */
export function signatureMatches(key: string, raw: Buffer, header: string | string[] | undefined): boolean {
	if (typeof header !== 'string') return false;
	const expected = Buffer.from(crypto.createHmac('sha256', Buffer.from(key, 'utf8')).update(raw).digest('base64'));
	const given = Buffer.from(header);
	return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

export const primaryOf = (received: Received) => received.headers['sf-webhook-primary-signature'];
export const secondaryOf = (received: Received) => received.headers['sf-webhook-secondary-signature'];

/** An instance (account `acme`) with a small tree, and a ShareFile token for it. */
export async function webhookAccount(sandbox: Sandbox, subdomain = 'acme') {
	const instance = await createInstance(sandbox, {}, { 'sharefile.subdomain': subdomain });
	await placeOk(sandbox, instance.id, {
		changes: [
			{ op: 'createFolder', path: '/top/Inbox' },
			{ op: 'createFolder', path: '/top/Inbox/Deep' },
			{ op: 'createFolder', path: '/top/Other' },
		],
	});
	const tokens = await login(sandbox, { host: subdomain });
	const token = tokens.access_token;
	const folderId = async (path: string) => (await sfOk(sandbox, token, 'GET', `Items/ByPath?path=${encodeURIComponent(path)}`)).Id as string;
	return { instance, token, folderId, subdomain };
}

/** `POST WebhookSubscriptions`; fails the test unless it is a 200. */
export async function subscribe(sandbox: Sandbox, token: string, body: { context: 'Folder' | 'Account'; resourceId?: string; url: string; events?: unknown[] }, host = 'acme') {
	const answer = await sf(
		sandbox,
		token,
		'POST',
		'WebhookSubscriptions',
		{
			SubscriptionContext: { ResourceType: body.context, ...(body.resourceId ? { ResourceId: body.resourceId } : {}) },
			WebhookUrl: body.url,
			Events: body.events ?? ALL_FOLDER_CONTEXT_EVENTS,
		},
		host,
	);
	if (answer.status !== 200) throw new Error(`subscribing failed: ${answer.status} ${answer.text}`);
	return answer.json as { Id: string; WebhookUrl: string; SubscriptionContext: { ResourceType: string; ResourceId: string | null }; Events: unknown[] };
}

/** Generates a signature key: `which` is `Primary` or `Secondary`; answers the new key. */
export async function generateKey(sandbox: Sandbox, token: string, which: 'Primary' | 'Secondary', host = 'acme'): Promise<string> {
	const answer = await sf(sandbox, token, 'POST', `WebhookClients(${CLIENT_ID})/${which}SignatureKey`, undefined, host);
	if (answer.status !== 200) throw new Error(`key generation failed: ${answer.status} ${answer.text}`);
	return answer.json.SignatureKeys[`${which}Key`];
}

/** `GET /_sandbox/sharefile/webhooks/deliveries` with an optional query. */
export async function webhookDeliveries(sandbox: Sandbox, query = '') {
	const answer = await call(sandbox, 'GET', `/_sandbox/sharefile/webhooks/deliveries${query ? `?${query}` : ''}`, { auth: null });
	expect(answer.status).toBe(200);
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	return answer.json as any[];
}

/** Arms a ShareFile webhook fault. */
export async function armWebhookFault(sandbox: Sandbox, fault: Record<string, unknown>) {
	const answer = await call(sandbox, 'POST', '/_sandbox/sharefile/webhooks/faults', { body: fault, auth: null });
	expect(answer.status).toBe(200);
	return answer.json;
}

/** Sets the webhook settings (`administrator`, `attemptTimeoutMs`). */
export async function webhookSettings(sandbox: Sandbox, settings: Record<string, unknown>) {
	const answer = await call(sandbox, 'PUT', '/_sandbox/sharefile/webhooks/settings', { body: settings, auth: null });
	expect(answer.status).toBe(200);
	return answer.json;
}
