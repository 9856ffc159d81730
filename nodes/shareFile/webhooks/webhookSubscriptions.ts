import type { IDataObject } from 'n8n-workflow';

import { shareFileRequest, type ShareFileContext } from '../transport/request';

/** What a trigger subscribes to: a folder (and what is below it) or the whole account. */
export interface SubscriptionContext {
	ResourceType: 'Folder' | 'Account';
	ResourceId?: string;
}

export interface WebhookEvent {
	ResourceType: string;
	OperationName: string;
}

export interface WebhookSubscription {
	Id: string;
	WebhookUrl: string;
	SubscriptionContext?: { ResourceType?: string; ResourceId?: string };
	Events?: WebhookEvent[];
}

/** An OData feed's entries (`value`), or a plain list. */
const entriesOf = (body: unknown): IDataObject[] =>
	(Array.isArray(body) ? body : Array.isArray((body as IDataObject | null)?.value) ? ((body as IDataObject).value as IDataObject[]) : []) as IDataObject[];

/** The connected user's webhook subscriptions. */
export async function listWebhookSubscriptions(this: ShareFileContext): Promise<WebhookSubscription[]> {
	const { body } = await shareFileRequest.call(this, { method: 'GET', path: '/WebhookSubscriptions' });
	return entriesOf(body).map((entry) => ({
		Id: String(entry.Id ?? entry.id ?? ''),
		WebhookUrl: String(entry.WebhookUrl ?? ''),
		SubscriptionContext: entry.SubscriptionContext as WebhookSubscription['SubscriptionContext'],
		Events: Array.isArray(entry.Events) ? (entry.Events as WebhookEvent[]) : [],
	}));
}

export async function createWebhookSubscription(
	this: ShareFileContext,
	subscription: { WebhookUrl: string; SubscriptionContext: SubscriptionContext; Events: WebhookEvent[] },
): Promise<{ Id: string }> {
	const { body } = await shareFileRequest.call(this, { method: 'POST', path: '/WebhookSubscriptions', body: subscription as unknown as IDataObject });
	return { Id: String((body as IDataObject | undefined)?.Id ?? '') };
}

export async function deleteWebhookSubscription(this: ShareFileContext, id: string): Promise<void> {
	await shareFileRequest.call(this, { method: 'DELETE', path: `/WebhookSubscriptions(${encodeURIComponent(id)})` });
}
