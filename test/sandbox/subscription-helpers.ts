import { createHmac } from 'crypto';
import type { Sandbox } from '../../sandbox';
import { call, createInstance, type Answer } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** N1: the topic an instance's events are published on. */
export const topicOf = (instanceId: number) => `instance-${instanceId}-sharefile-events`;

/** An HMAC computed here, independently of the sandbox: over the bytes as received. */
export const hmac = (key: string, raw: Buffer) => `sha256=${createHmac('sha256', key).update(raw).digest('base64')}`;

/** `POST /notifications/subscriptions` of a webhook subscription. */
export const subscribe = (sandbox: Sandbox, url: string, topics: string[]): Promise<Answer> =>
	call(sandbox, 'POST', '/notifications/subscriptions', { body: { channel: 'webhook', topics, config: { url } } });

/** Like subscribe, but fails the test on anything but 200; resolves the subscription. */
export async function subscribeOk(sandbox: Sandbox, url: string, topics: string[]): Promise<Json> {
	const answer = await subscribe(sandbox, url, topics);
	if (answer.status !== 200) throw new Error(`subscribing failed: ${answer.status} ${answer.text}`);
	return answer.json;
}

/** A webhook instance delivering to `callback`, signed with `key`. */
export const signedWebhookInstance = (sandbox: Sandbox, callback: string, key: string) =>
	createInstance(sandbox, {}, {
		'event.notification.enabled': true,
		'event.vendor.type': 'webhook',
		'event.notification.callback.url': callback,
		'event.notification.signature.key': key,
	});

/** Every subscription of the account, as the platform lists them. */
export const subscriptionsOf = async (sandbox: Sandbox): Promise<Json[]> => (await call(sandbox, 'GET', '/notifications/subscriptions')).json;

/** The uploaded file each received delivery is about (ShareFile webhook bodies). */
export const uploadedIds = (received: Array<{ json: Json }>) => received.map((delivery) => delivery.json.message.raw.Event.Resource.Id);
