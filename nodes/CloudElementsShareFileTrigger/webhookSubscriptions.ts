import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { callbackTarget } from '../engine/webhook/callbackRegistration';
import { cloudElementsRequest, cloudElementsRequestAll } from '../cloudElements/transport';

/** A notification subscription as Cloud Elements lists it (EVENT_SUBSCRIPTIONS.md, N1/N2). */
export interface NotificationSubscription {
	id: number | string;
	channel?: string;
	topics: string[];
	url: string;
	active: boolean;
}

function subscriptionOf(record: IDataObject): NotificationSubscription {
	return {
		id: record.id as number | string,
		channel: typeof record.channel === 'string' ? record.channel : undefined,
		topics: Array.isArray(record.topics) ? record.topics.map(String) : [],
		url: String((record.config as IDataObject | undefined)?.url ?? ''),
		active: record.active !== false,
	};
}

/** Every subscription of the account: each trigger finds its own, and the others on its topics. */
export async function accountSubscriptions(this: IHookFunctions): Promise<NotificationSubscription[]> {
	const listed = await cloudElementsRequestAll.call<IHookFunctions, Parameters<typeof cloudElementsRequestAll>, Promise<IDataObject[]>>(this, {
		method: 'GET',
		path: '/notifications/subscriptions',
	});
	return listed.map(subscriptionOf);
}

/** The subscriptions that call this webhook (whatever their URL's query says). */
export function subscriptionsOfWebhook(all: NotificationSubscription[], webhookUrl: string): NotificationSubscription[] {
	const target = callbackTarget(webhookUrl);
	return all.filter((subscription) => (subscription.channel ?? 'webhook') === 'webhook' && callbackTarget(subscription.url) === target);
}

export async function createSubscription(this: IHookFunctions, topics: string[], url: string): Promise<void> {
	await cloudElementsRequest.call(this, {
		method: 'POST',
		path: '/notifications/subscriptions',
		body: { channel: 'webhook', topics, config: { url } },
	});
}

export async function deleteSubscription(this: IHookFunctions, id: number | string): Promise<void> {
	await cloudElementsRequest.call(this, { method: 'DELETE', path: `/notifications/subscriptions/${encodeURIComponent(String(id))}` });
}
