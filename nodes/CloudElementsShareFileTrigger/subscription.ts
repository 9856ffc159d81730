import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import {
	callbackTarget,
	previousRegistrationOf,
	withPreviousRegistration,
	type Registration,
} from '../shared/engine/webhook/callbackRegistration';
import {
	callbackHolder,
	instanceSignatureKey,
	instanceTopic,
	isOwnSubscriptionUrl,
	keyFingerprint,
	subscriberKeyFingerprint,
	subscriptionSecret,
	subscriptionUrl,
} from '../shared/engine/webhook/instanceSubscription';
import { withInstance, type InstanceRecord } from '../shared/instances/instanceToken';
import { settle } from '../shared/settle';
import { cloudElementsRequest, CREDENTIAL_TYPE } from '../shared/transport';
import {
	CALLBACK,
	currentRegistration,
	detectionConfiguration,
	ENABLED,
	hasSignatureKey,
	instanceOfNode,
	requireSignatureKey,
	SIGNATURE_KEY,
	standsUnread,
	VENDOR,
} from './instanceEvents';
import {
	recoverBeforeRegistration,
	recoverMissedEvents,
	recoverQuietly,
	releaseAfterRegistration,
	type PendingRelease,
} from './recovery';
import {
	accountSubscriptions,
	createSubscription,
	deleteSubscription,
	subscriptionsOfWebhook,
	type NotificationSubscription,
} from './webhookSubscriptions';
import { rememberedForTrigger } from './triggerKeys';

type Context = IHookFunctions | IWebhookFunctions;

const ELEMENT_KEY = 'sharefile';

const elementKeyOf = (instance: InstanceRecord) =>
	String((instance.element as IDataObject | undefined)?.key ?? ELEMENT_KEY);

/**
 * The key every subscriber of the instance checks: derived from the instance's token (Signature
 * Key → Generate One), or the credential's Event Signature Key (From the Credential), which is then
 * the instance's key for every workflow on it.
 */
export async function instanceKey(this: Context, instance: InstanceRecord): Promise<string | undefined> {
	if (this.getNodeParameter('signatureKeySource', 'generate') !== 'credential') {
		return instanceSignatureKey(instance.token, instance.id);
	}
	return await rememberedForTrigger.call(this, 'credential key', async () => {
		const credentials = await this.getCredentials(CREDENTIAL_TYPE);
		return String(credentials.eventSignatureSecret ?? '') || undefined;
	});
}

/** This webhook's URL secret, from the credential (production and test listen each have their own). */
export async function webhookSecret(this: Context): Promise<string> {
	const test = this.getMode() === 'manual';
	const secret = await rememberedForTrigger.call(this, `secret:${test ? 'test' : 'production'}`, async () => {
		const credentials = await this.getCredentials(CREDENTIAL_TYPE);
		const node = this.getNode();
		return subscriptionSecret([String(credentials.userSecret ?? ''), String(credentials.organizationSecret ?? '')], {
			workflowId: String(this.getWorkflow().id ?? ''),
			nodeId: node.id ?? node.name,
			test,
		});
	});
	return secret ?? '';
}

function webhookUrlOf(this: IHookFunctions): string {
	const webhookUrl = this.getNodeWebhookUrl('default');
	if (!webhookUrl) throw new NodeOperationError(this.getNode(), 'n8n did not provide a webhook URL');
	return webhookUrl;
}

async function requiredInstanceKey(this: IHookFunctions, instance: InstanceRecord): Promise<string> {
	return requireSignatureKey.call(this, await instanceKey.call(this, instance));
}

/** What identifies this trigger's subscriptions: its webhook, its URL secret, the key it checks. */
interface OwnSubscription {
	webhookUrl: string;
	url: string;
	secret: string;
	key: string;
	topic: string;
}

async function ownSubscription(this: IHookFunctions, instance: InstanceRecord): Promise<OwnSubscription> {
	const webhookUrl = webhookUrlOf.call(this);
	const secret = await webhookSecret.call(this);
	const key = await requiredInstanceKey.call(this, instance);
	return { webhookUrl, url: subscriptionUrl(webhookUrl, secret, key), secret, key, topic: instanceTopic(instance.id, elementKeyOf(instance)) };
}

/** One of this trigger's subscriptions (its own, or the instance's callback it set) hears the instance. */
const standsFor = (own: OwnSubscription) => (subscription: NotificationSubscription) =>
	subscription.topics.includes(own.topic) && isOwnSubscriptionUrl(subscription.url, own.webhookUrl, own.secret, keyFingerprint(own.key));

/**
 * The subscription stands (events on, this trigger's URL on the instance's topic): `create` will
 * not run — this is where a restart of n8n, or an activation after a deactivation that kept the
 * subscription, recovers what was missed (as the callback mode does).
 */
export async function checkSubscriptionExists(this: IHookFunctions): Promise<boolean> {
	const read = await settle(async () => {
		const instance = await instanceOfNode.call(this);
		return { instance, own: await ownSubscription.call(this, instance), all: await accountSubscriptions.call(this) };
	});
	if (!read.ok) return standsUnread.call(this, read.error);
	const { instance, own, all } = read.value;
	const exists = currentRegistration(instance).enabled && all.some(standsFor(own));
	if (exists) {
		await recoverQuietly.call(this, async () => {
			const pending = await recoverBeforeRegistration.call(this, instance.id, own.url, async () => own.key);
			await releaseAfterRegistration.call(this, pending);
		});
	}
	return exists;
}

/** Refuses, naming it and the way out, to change the key another workflow or receiver checks. */
function refuseKeyChange(
	this: IHookFunctions,
	instance: InstanceRecord,
	own: OwnSubscription,
	callback: Registration,
	others: NotificationSubscription[],
	foreignKeySet: boolean,
): void {
	const holder = callbackHolder(callback.callbackUrl, own.webhookUrl);
	if (callback.enabled && holder === 'otherCallbackTrigger') {
		throw new NodeOperationError(this.getNode(), `Instance ${instance.id} sends its events to another n8n workflow as its one callback`, {
			description: `The workflow at ${callbackTarget(callback.callbackUrl)} receives Instance ${instance.id}'s events through Receive Events Through → Instance Callback, signed with a key of its own that this trigger would replace. Deactivate that workflow and activate it again with Receive Events Through → Own Subscription (the default), then activate this one.`,
		});
	}
	const fingerprint = keyFingerprint(own.key);
	const otherKey = others.find((subscription) => {
		const theirs = subscriberKeyFingerprint(subscription.url);
		return theirs !== undefined && theirs !== fingerprint;
	});
	if (otherKey) {
		throw new NodeOperationError(this.getNode(), `Another workflow checks Instance ${instance.id}'s deliveries with a different signature key`, {
			description: `The trigger at ${callbackTarget(otherKey.url)} uses another Signature Key setting (or another credential's Event Signature Key). Every workflow on one instance must check the same key: give this trigger the same Signature Key setting as that one.`,
		});
	}
	const subscribersCheckIt = others.some((subscription) => subscriberKeyFingerprint(subscription.url) !== undefined);
	const fromCredential = this.getNodeParameter('signatureKeySource', 'generate') === 'credential';
	if (foreignKeySet && !subscribersCheckIt && holder === 'outside' && callback.enabled && !fromCredential) {
		throw new NodeOperationError(this.getNode(), `Instance ${instance.id} already signs its events with a key someone set for ${callbackTarget(callback.callbackUrl)}`, {
			description: 'Cloud Elements does not show that key, and replacing it would break that receiver. Put the key in the credential’s Event Signature Key and set Signature Key → From the Credential.',
		});
	}
}

/**
 * What the instance's configuration must become: its key the one every subscriber checks, and its
 * events on. Events that were off need a callback URL too: this trigger's own subscription URL,
 * carrying what it replaced (so that the trigger can put it back), which makes the callback's
 * subscription this trigger's one. A callback this webhook held in the callback mode is put back
 * as it was before (moving over). Another's callback is never replaced.
 */
function instanceSettings(
	this: IHookFunctions,
	instance: InstanceRecord,
	own: OwnSubscription,
	others: NotificationSubscription[],
	detection: IDataObject,
) {
	const current = currentRegistration(instance);
	const holder = callbackHolder(current.callbackUrl, own.webhookUrl);
	const configuration: IDataObject = {};
	let callback = current;
	let foreignKeySet = hasSignatureKey(instance);
	if (holder === 'thisCallbackRegistration') {
		callback = previousRegistrationOf(current.callbackUrl) ?? { callbackUrl: '', enabled: false, vendorType: '' };
		configuration[CALLBACK] = callback.callbackUrl;
		if (callback.vendorType) configuration[VENDOR] = callback.vendorType;
		foreignKeySet = false; // the callback mode replaced it with its own
	}
	refuseKeyChange.call(this, instance, own, callback, others, foreignKeySet);
	let holdsCallback = false;
	if (holder === 'thisSubscription') {
		holdsCallback = true;
		// Set by this trigger with an earlier secret or key: only the URL changes.
		const before = previousRegistrationOf(current.callbackUrl) ?? { callbackUrl: '', enabled: false, vendorType: '' };
		if (!standsFor(own)({ id: 0, topics: [own.topic], url: current.callbackUrl, active: true })) configuration[CALLBACK] = withPreviousRegistration(own.url, before);
	} else if (!callback.enabled) {
		holdsCallback = true;
		configuration[CALLBACK] = withPreviousRegistration(own.url, callback);
		Object.assign(configuration, detection);
	}
	configuration[ENABLED] = 'true';
	configuration[SIGNATURE_KEY] = own.key;
	return { configuration, holdsCallback };
}

/**
 * Subscribes this webhook to the instance's events, leaving everyone else's registrations alone.
 * Missed and backfilled events are delivered first (as in the callback mode); queued ones are
 * released once the subscription stands.
 */
export async function createSubscriptionRegistration(this: IHookFunctions): Promise<boolean> {
	// Checked even when the instance's events are on already (and it keeps its own detection).
	const detection = detectionConfiguration.call(this);
	const instance = await instanceOfNode.call(this);
	const own = await ownSubscription.call(this, instance);
	const all = await accountSubscriptions.call(this);
	const mine = subscriptionsOfWebhook(all, own.webhookUrl);
	const others = all.filter((subscription) => subscription.topics.includes(own.topic) && !mine.includes(subscription));
	const { configuration, holdsCallback } = instanceSettings.call(this, instance, own, others, detection);
	const pending = await recoverQuietly.call<IHookFunctions, [() => Promise<PendingRelease | undefined>], Promise<PendingRelease | undefined>>(
		this,
		async () => await recoverBeforeRegistration.call(this, instance.id, own.url, async () => own.key),
	);
	await cloudElementsRequest.call(this, { method: 'PATCH', path: `/instances/${instance.id}`, body: { configuration } });
	// One subscription per webhook. The instance's callback is its subscription when this trigger
	// set it; any other left from an earlier secret or key goes.
	const callbackUrl = String(configuration[CALLBACK] ?? currentRegistration(instance).callbackUrl);
	const extra = mine.filter((subscription) => subscription.url !== callbackUrl && (holdsCallback || !standsFor(own)(subscription)));
	for (const stale of extra) await deleteSubscription.call(this, stale.id);
	if (!holdsCallback && !mine.some(standsFor(own))) await createSubscription.call(this, [own.topic], own.url);
	await recoverQuietly.call(this, async () => await releaseAfterRegistration.call(this, pending));
	return true;
}

/**
 * The instance's callback is this trigger's and it goes: another subscribing workflow takes the
 * callback over (its URL, carrying what this trigger replaced; its own subscription then goes, so
 * that nothing arrives twice), or, with nobody left, what the trigger replaced comes back.
 */
async function handOverCallback(this: IHookFunctions, instance: InstanceRecord, others: NotificationSubscription[]): Promise<void> {
	const current = currentRegistration(instance);
	const before = previousRegistrationOf(current.callbackUrl) ?? { callbackUrl: '', enabled: false, vendorType: '' };
	const heir = others.find((subscription) => subscriberKeyFingerprint(subscription.url) !== undefined);
	const configuration: IDataObject = heir
		? { [CALLBACK]: withPreviousRegistration(heir.url, before) }
		: { [ENABLED]: String(before.enabled), [CALLBACK]: before.callbackUrl, [SIGNATURE_KEY]: '', ...(before.vendorType ? { [VENDOR]: before.vendorType } : {}) };
	await cloudElementsRequest.call(this, { method: 'PATCH', path: `/instances/${instance.id}`, body: { configuration } });
	if (heir) await deleteSubscription.call(this, heir.id);
}

/**
 * Removes this webhook's subscription, nothing of anyone else's: the instance's events and key
 * serve the other subscribers. A production deactivation keeps it while missed events are to be
 * recovered (Options → Recover Missed Events): Cloud Elements retries and then queues what n8n's
 * 404 refused, and the next activation runs it — as the callback mode keeps its registration.
 */
export async function deleteSubscriptionRegistration(this: IHookFunctions): Promise<boolean> {
	if (this.getWorkflow().active && recoverMissedEvents(this)) return true;
	const instance = await instanceOfNode.call(this);
	const webhookUrl = webhookUrlOf.call(this);
	const all = await accountSubscriptions.call(this);
	const mine = subscriptionsOfWebhook(all, webhookUrl);
	const callbackUrl = currentRegistration(instance).callbackUrl;
	if (callbackHolder(callbackUrl, webhookUrl) === 'thisSubscription') {
		const topic = instanceTopic(instance.id, elementKeyOf(instance));
		await handOverCallback.call(this, instance, all.filter((subscription) => subscription.topics.includes(topic) && !mine.includes(subscription)));
	}
	for (const subscription of mine.filter((candidate) => candidate.url !== callbackUrl)) await deleteSubscription.call(this, subscription.id);
	return true;
}

/** Callback mode again: this webhook's subscriptions go, so that nothing arrives twice. */
export async function dropWebhookSubscriptions(this: IHookFunctions, all: NotificationSubscription[]): Promise<void> {
	for (const subscription of subscriptionsOfWebhook(all, webhookUrlOf.call(this))) await deleteSubscription.call(this, subscription.id);
}

/** The key a subscription delivery for `instanceId` is checked with (the instance read at most every few minutes). */
export async function subscriptionDeliveryKey(this: IWebhookFunctions, instanceId: string): Promise<string | undefined> {
	return await rememberedForTrigger.call(this, `instance key:${instanceId}`, async () =>
		// `withInstance.call` loses its type parameter (as documentsRequest notes).
		(await withInstance.call(this, instanceId, async (instance) => await instanceKey.call(this, instance))) as string | undefined,
	);
}
