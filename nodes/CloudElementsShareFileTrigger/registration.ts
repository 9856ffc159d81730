import { randomBytes } from 'crypto';
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import {
	callbackTarget,
	CREDENTIAL_KEY_NONCE,
	derivedSignatureKey,
	nonceOf,
	previousRegistrationOf,
	registeredCallbackUrl,
	type Registration,
} from '../engine/webhook/callbackRegistration';
import { callbackHolder, subscriberKeyTag } from '../engine/webhook/instanceSubscription';
import type { InstanceRecord } from '../cloudElements/instances/instanceToken';
import { settle } from '../shared/settle';
import { cloudElementsRequest, CREDENTIAL_TYPE } from '../cloudElements/transport';
import {
	CALLBACK,
	currentRegistration,
	detectionConfiguration,
	ENABLED,
	instanceOfNode,
	requireSignatureKey,
	SIGNATURE_KEY,
	standsUnread,
	topicOf,
	VENDOR,
} from './instanceEvents';
import {
	recoverBeforeRegistration,
	recoverMissedEvents,
	recoverQuietly,
	releaseAfterRegistration,
	type PendingRelease,
} from './recovery';
import { dropWebhookSubscriptions } from './subscription';
import { rememberedForTrigger } from '../shared/trigger/rememberedForTrigger';
import { accountSubscriptions, type NotificationSubscription } from './webhookSubscriptions';

/** The key a registration's deliveries are signed with, from the nonce in its callback URL. */
export async function signatureKeyFor(
	this: IHookFunctions | IWebhookFunctions,
	nonce: string | undefined,
): Promise<string | undefined> {
	if (!nonce) return undefined;
	return await rememberedForTrigger.call(this, `nonce:${nonce}`, async () => {
		const credentials = await this.getCredentials(CREDENTIAL_TYPE);
		return nonce === CREDENTIAL_KEY_NONCE
			? String(credentials.eventSignatureSecret ?? '') || undefined
			: derivedSignatureKey([String(credentials.userSecret ?? ''), String(credentials.organizationSecret ?? '')], nonce);
	});
}

/**
 * Events on and n8n's webhook URL as the callback: the registration stands, so `create` will
 * not run — this is where a restart of n8n (same URL; n8n runs this at start-up because the node
 * is also a trigger, startUpHook.ts) or an activation after a deactivation that kept the
 * registration recovers what was missed.
 */
export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const read = await settle(async () => await instanceOfNode.call(this));
	if (!read.ok) return standsUnread.call(this, read.error);
	const instance = read.value;
	const current = currentRegistration(instance);
	const exists = current.enabled && callbackTarget(current.callbackUrl) === callbackTarget(this.getNodeWebhookUrl('default'));
	if (exists) {
		await recoverQuietly.call(this, async () => {
			const pending = await recoverBeforeRegistration.call(this, instance.id, current.callbackUrl, async () => await signatureKeyFor.call(this, nonceOf(current.callbackUrl)));
			await releaseAfterRegistration.call(this, pending);
		});
	}
	return exists;
}

/**
 * Never silent: an instance's one callback held by another n8n workflow, or subscribers that check
 * the instance's key (which this registration would replace), are not taken over — they would stop
 * hearing changes without a word; the error names them and the way out. The same trigger's other
 * URL (a test listen beside the production workflow) may take the callback for a while: it puts
 * it back when it stops.
 */
function refuseTakingOver(
	this: IHookFunctions,
	instance: InstanceRecord,
	current: Registration,
	webhookUrl: string,
	subscribers: NotificationSubscription[],
): void {
	const holder = callbackHolder(current.callbackUrl, webhookUrl);
	const taken = current.enabled && (holder === 'otherCallbackTrigger' || holder === 'otherSubscriber') ? current.callbackUrl : undefined;
	const topic = topicOf(instance);
	const subscriber = subscribers.find(
		(subscription) => subscription.topics.includes(topic) && subscriberKeyTag(subscription.url) !== undefined && callbackHolder(subscription.url, webhookUrl) !== 'thisSubscription',
	);
	const other = taken ?? subscriber?.url;
	if (!other) return;
	throw new NodeOperationError(this.getNode(), `Instance ${instance.id}'s events already go to another n8n workflow`, {
		description: `The workflow at ${callbackTarget(other)} ${taken ? "holds the instance's one callback" : "subscribes to the instance's events"}. Set Receive Events Through → Own Subscription (the default) on this trigger, so that both hear every change. If that workflow is inactive or gone, clear the instance's callback URL (ShareFile (Cloud Elements) → Instance → Update).`,
	});
}

/** The account's subscriptions, or none when they cannot be read (the callback mode works without them). */
async function subscriptionsIfReadable(this: IHookFunctions): Promise<NotificationSubscription[]> {
	const outcome = await settle(async () => await accountSubscriptions.call(this));
	if (outcome.ok) return outcome.value;
	this.logger.warn(`ShareFile Trigger: the account's notification subscriptions could not be read: ${(outcome.error as Error).message}`);
	return [];
}

/**
 * Points the instance's events at this webhook. The callback URL carries what it replaced,
 * so `delete` can restore it even when it runs in another process or an editor test session.
 */
export async function create(this: IHookFunctions): Promise<boolean> {
	const webhookUrl = this.getNodeWebhookUrl('default');
	if (!webhookUrl) throw new NodeOperationError(this.getNode(), 'n8n did not provide a webhook URL');
	const detection = detectionConfiguration.call(this);
	const instance = await instanceOfNode.call(this);
	const current = currentRegistration(instance);
	// Re-registering over our own registration keeps what was there before us.
	const previous =
		callbackTarget(current.callbackUrl) === callbackTarget(webhookUrl)
			? (previousRegistrationOf(current.callbackUrl) ?? current)
			: current;
	const keySource = this.getNodeParameter('signatureKeySource', 'generate') as string;
	const nonce = keySource === 'credential' ? CREDENTIAL_KEY_NONCE : randomBytes(32).toString('base64url');
	const signatureKey = requireSignatureKey.call(this, await signatureKeyFor.call(this, nonce));
	const subscriptions = await subscriptionsIfReadable.call(this);
	refuseTakingOver.call(this, instance, current, webhookUrl, subscriptions);
	await dropWebhookSubscriptions.call(this, subscriptions);
	const callbackUrl = registeredCallbackUrl(webhookUrl, nonce, previous);
	const configuration: IDataObject = {
		...detection,
		[ENABLED]: 'true',
		[CALLBACK]: callbackUrl,
		[SIGNATURE_KEY]: signatureKey,
	};
	// Missed and backfilled events first (delivered to this URL, verified by its nonce before
	// Cloud Elements knows it), so they run before anything live; queued ones are released once
	// the registration is in place, to be sent to it.
	const pending = await recoverQuietly.call<IHookFunctions, [() => Promise<PendingRelease | undefined>], Promise<PendingRelease | undefined>>(
		this,
		async () => await recoverBeforeRegistration.call(this, instance.id, callbackUrl, async () => signatureKey),
	);
	await cloudElementsRequest.call(this, {
		method: 'PATCH',
		path: `/instances/${instance.id}`,
		body: { configuration },
	});
	await recoverQuietly.call(this, async () => await releaseAfterRegistration.call(this, pending));
	return true;
}

/**
 * A production deactivation with nothing to put back keeps the registration while missed events
 * are to be recovered: Cloud Elements goes on recording the instance's events and, as n8n answers
 * 404 while the workflow is inactive, retries and then queues them, so the next activation runs
 * them. Switching events off would leave nothing to recover. n8n deregisters production webhooks
 * on a workflow object marked active and an editor test session's on one marked inactive
 * (TestWebhooks.toWorkflow in n8n 2.41); a test session always puts back what it found.
 */
function keepsRegistration(this: IHookFunctions, previous: Registration): boolean {
	const nothingToPutBack = !previous.enabled || !previous.callbackUrl;
	return nothingToPutBack && this.getWorkflow().active && recoverMissedEvents(this);
}

/**
 * Puts back what `create` replaced — only if the callback is still this webhook's; another
 * workflow or person may have taken it since, and theirs is left alone.
 */
export async function deleteRegistration(this: IHookFunctions): Promise<boolean> {
	const instance = await instanceOfNode.call(this);
	const current = currentRegistration(instance);
	if (callbackTarget(current.callbackUrl) !== callbackTarget(this.getNodeWebhookUrl('default'))) return true;
	const previous = previousRegistrationOf(current.callbackUrl) ?? { callbackUrl: '', enabled: false, vendorType: '' };
	if (keepsRegistration.call(this, previous)) return true;
	const configuration: IDataObject = {
		[ENABLED]: String(previous.enabled),
		[CALLBACK]: previous.callbackUrl,
		// A key we did not set is unknown to us (Cloud Elements masks it), so it is cleared.
		[SIGNATURE_KEY]: (await signatureKeyFor.call(this, nonceOf(previous.callbackUrl))) ?? '',
	};
	if (previous.vendorType) configuration[VENDOR] = previous.vendorType;
	await cloudElementsRequest.call(this, {
		method: 'PATCH',
		path: `/instances/${instance.id}`,
		body: { configuration },
	});
	return true;
}
