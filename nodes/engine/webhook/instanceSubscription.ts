import { createHmac, timingSafeEqual } from 'crypto';

import { callbackTarget, NONCE_PARAMETER } from './callbackRegistration';

/**
 * Registration by subscription: the trigger leaves an instance's one callback alone and adds a
 * notification subscription of its own on the instance's topic, so any number of workflows (and
 * an editor test listen) hear the same instance, each getting its own delivery.
 *
 * Every subscriber must check deliveries signed with the instance's one key. The key is derived
 * from the instance's token: whoever can read the instance — any workflow, with any credential
 * of the account — works out the same key, nothing is stored, and setting it again is a no-op,
 * so no workflow rotates it under another.
 */

/** The query parameter of a subscription's URL: a secret of this webhook, the second factor. */
export const SUBSCRIPTION_PARAMETER = 'n8n_sub';
/**
 * The query parameter naming which key a subscriber checks (`keyTag`): the other subscribers read
 * it in the subscription list, so a trigger about to set an instance's key sees whether that
 * would change the key under another workflow.
 */
export const KEY_TAG_PARAMETER = 'n8n_key';

/** The topic an instance's events are published on (EVENT_SUBSCRIPTIONS.md, N1). */
export function instanceTopic(instanceId: string | number, elementKey: string): string {
	return `instance-${instanceId}-${elementKey}-events`;
}

/** The instance a topic made by `instanceTopic` is about, if it is one. */
export function instanceIdOfTopic(topic: string): string | undefined {
	return /^instance-(\d+)-.+-events$/.exec(topic)?.[1];
}

/** The signature key of an instance's deliveries, as every subscriber works it out. */
export function instanceSignatureKey(instanceToken: string, instanceId: string | number): string {
	return createHmac('sha256', instanceToken).update(`cloud-elements-sharefile-instance-key:${instanceId}`).digest('base64');
}

/**
 * The URL secret of one webhook, from the credential's secrets and what the webhook is (its
 * workflow and node, production or an editor test: each has its own URL and so its own secret).
 * Only this webhook, and Cloud Elements that calls it, know the URL.
 */
export function subscriptionSecret(secrets: string[], webhook: { workflowId: string; nodeId: string; test: boolean }): string {
	return createHmac('sha256', secrets.join('\n'))
		.update(`cloud-elements-sharefile-subscription:${webhook.workflowId}:${webhook.nodeId}:${webhook.test ? 'test' : 'production'}`)
		.digest('base64url')
		.slice(0, 32);
}

/** Eight characters that tell keys apart and say nothing that helps find one. */
export function keyFingerprint(key: string): string {
	return createHmac('sha256', key).update('cloud-elements-sharefile-key-fingerprint').digest('base64url').slice(0, 8);
}

/**
 * Which key a subscriber checks, the same for every instance it hears: `instance` for the key
 * derived from each instance's token (subscribers that derive it always agree), or `c` and the
 * fingerprint of the credential's Event Signature Key.
 */
export function keyTag(credentialKey: string | undefined): string {
	return credentialKey === undefined ? 'instance' : `c${keyFingerprint(credentialKey)}`;
}

export function subscriptionUrl(webhookUrl: string, secret: string, tag: string): string {
	const url = new URL(webhookUrl);
	url.searchParams.set(SUBSCRIPTION_PARAMETER, secret);
	url.searchParams.set(KEY_TAG_PARAMETER, tag);
	return url.toString();
}

/** The key tag of an n8n trigger's subscription URL; undefined for anyone else's. */
export function subscriberKeyTag(url: string): string | undefined {
	const query = queryOf(url);
	return query?.has(SUBSCRIPTION_PARAMETER) ? (query.get(KEY_TAG_PARAMETER) ?? '') : undefined;
}

/** Whether a delivery's URL secret is this webhook's, compared in constant time. */
export function isSubscriptionSecret(given: unknown, expected: string): boolean {
	if (typeof given !== 'string') return false;
	const a = Buffer.from(given);
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}

/** Whether a URL calls this webhook with its secret, checking this key: one of this trigger's subscriptions. */
export function isOwnSubscriptionUrl(url: string, webhookUrl: string, secret: string, tag: string): boolean {
	if (callbackTarget(url) !== callbackTarget(webhookUrl)) return false;
	const query = queryOf(url);
	return query?.get(SUBSCRIPTION_PARAMETER) === secret && query.get(KEY_TAG_PARAMETER) === tag;
}

function queryOf(url: string): URLSearchParams | undefined {
	try {
		return new URL(url).searchParams;
	} catch {
		return undefined;
	}
}

/**
 * Who holds an instance's one callback, as a trigger sees it:
 * - `none`;
 * - this webhook: registered by the callback mode (`thisCallbackRegistration`: a subscribing
 *   trigger moves over and puts back what it replaced), or by the subscription mode
 *   (`thisSubscription`: the trigger switched the instance's events on, which needs a callback,
 *   with its own subscription URL);
 * - `sameTrigger`: the same trigger's other URL (production while an editor test listens, or
 *   the other way round);
 * - another n8n trigger: in callback mode (`otherCallbackTrigger`, its deliveries signed with a
 *   key of its own) or subscribing (`otherSubscriber`, checking the instance's key);
 * - `outside`: a receiver that is not an n8n trigger.
 */
export type CallbackHolder =
	| 'none'
	| 'thisCallbackRegistration'
	| 'thisSubscription'
	| 'sameTrigger'
	| 'otherCallbackTrigger'
	| 'otherSubscriber'
	| 'outside';

/**
 * n8n's production and test URLs of one webhook differ in their first path segment only
 * (`/webhook/<webhookId>/<path>`, `/webhook-test/<webhookId>/<path>`).
 */
function webhookIdentity(url: string): string {
	try {
		return new URL(callbackTarget(url)).pathname.split('/').filter(Boolean).slice(-2).join('/');
	} catch {
		return '';
	}
}

export function callbackHolder(callbackUrl: string, webhookUrl: string): CallbackHolder {
	if (!callbackUrl) return 'none';
	const query = queryOf(callbackUrl);
	const subscribing = query?.has(SUBSCRIPTION_PARAMETER) === true;
	if (callbackTarget(callbackUrl) === callbackTarget(webhookUrl)) return subscribing ? 'thisSubscription' : 'thisCallbackRegistration';
	const identity = webhookIdentity(webhookUrl);
	if (identity && webhookIdentity(callbackUrl) === identity) return 'sameTrigger';
	if (subscribing) return 'otherSubscriber';
	return query?.has(NONCE_PARAMETER) ? 'otherCallbackTrigger' : 'outside';
}
