import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import {
	callbackTarget,
	previousRegistrationOf,
	withPreviousRegistration,
	type Registration,
} from '../engine/webhook/callbackRegistration';
import {
	callbackHolder,
	instanceIdOfTopic,
	instanceSignatureKey,
	isOwnSubscriptionUrl,
	keyTag,
	subscriberKeyTag,
	subscriptionUrl,
} from '../engine/webhook/instanceSubscription';
import { readInstance, withInstance, type InstanceRecord } from '../cloudElements/instances/instanceToken';
import { settle } from '../shared/settle';
import { cloudElementsRequest, CREDENTIAL_TYPE } from '../cloudElements/transport';
import {
	CALLBACK,
	currentRegistration,
	detectionConfiguration,
	ENABLED,
	hasSignatureKey,
	requireSignatureKey,
	SIGNATURE_KEY,
	standsUnread,
	topicOf,
	VENDOR,
} from './instanceEvents';
import {
	pauseRecovery,
	recoverBeforeRegistration,
	recoverMissedEvents,
	recoverQuietly,
	recoveryPaused,
	releaseAfterRegistration,
	type PendingRelease,
} from './recovery';
import { hearsInstance, instanceSource, triggerInstanceIds } from './triggerInstances';
import { rememberedForTrigger } from '../shared/trigger/rememberedForTrigger';
import { webhookSecretFrom } from '../shared/trigger/webhookSecret';
import {
	accountSubscriptions,
	createSubscription,
	deleteSubscription,
	subscriptionsOfWebhook,
	type NotificationSubscription,
} from './webhookSubscriptions';

type Context = IHookFunctions | IWebhookFunctions;

const NOBODY: Registration = { callbackUrl: '', enabled: false, vendorType: '' };

const fromCredential = (context: Context) => context.getNodeParameter('signatureKeySource', 'generate') === 'credential';

async function credentialKey(this: Context): Promise<string | undefined> {
	return await rememberedForTrigger.call(this, 'credential key', async () => {
		const credentials = await this.getCredentials(CREDENTIAL_TYPE);
		return String(credentials.eventSignatureSecret ?? '') || undefined;
	});
}

/**
 * The key every subscriber of an instance checks: derived from the instance's token (Signature
 * Key → Generate One), or the credential's Event Signature Key (From the Credential), which is
 * then the instance's key for every workflow on it.
 */
async function instanceKey(this: Context, instance: InstanceRecord): Promise<string | undefined> {
	return fromCredential(this) ? await credentialKey.call(this) : instanceSignatureKey(instance.token, instance.id);
}

/** This webhook's URL secret, from the credential (production and test listen each have their own). */
export async function webhookSecret(this: Context): Promise<string> {
	return await webhookSecretFrom.call(this, CREDENTIAL_TYPE, ['userSecret', 'organizationSecret']);
}

/** What identifies this trigger's subscriptions: its webhook, its URL secret, which key it checks. */
interface Subscriber {
	webhookUrl: string;
	secret: string;
	tag: string;
	url: string;
}

async function subscriber(this: IHookFunctions): Promise<Subscriber> {
	const webhookUrl = this.getNodeWebhookUrl('default');
	if (!webhookUrl) throw new NodeOperationError(this.getNode(), 'n8n did not provide a webhook URL');
	const secret = await webhookSecret.call(this);
	const tag = keyTag(fromCredential(this) ? requireSignatureKey.call(this, await credentialKey.call(this)) : undefined);
	return { webhookUrl, secret, tag, url: subscriptionUrl(webhookUrl, secret, tag) };
}

/** One instance the trigger hears, with its key and topic. */
interface Heard {
	instance: InstanceRecord;
	key: string;
	topic: string;
}

async function heardInstances(this: IHookFunctions): Promise<Heard[]> {
	const heard: Heard[] = [];
	for (const id of await triggerInstanceIds.call(this)) {
		const instance = await readInstance.call(this, id);
		heard.push({ instance, key: requireSignatureKey.call(this, await instanceKey.call(this, instance)), topic: topicOf(instance) });
	}
	return heard;
}

/** Whether a subscription is one of this trigger's (its own, or an instance's callback it set) on a topic. */
const isOwnOn = (own: Subscriber, topic: string) => (subscription: NotificationSubscription) =>
	subscription.topics.includes(topic) && isOwnSubscriptionUrl(subscription.url, own.webhookUrl, own.secret, own.tag);

/** Where recovery keeps its state: one instance as always; each of several on its own. */
const recoverySlot = (context: IHookFunctions, instanceId: number | string) => (instanceSource.call(context) === 'one' ? 'recovery' : `recovery:${instanceId}`);

async function recoverEach(this: IHookFunctions, heard: Heard[], own: Subscriber, mine: NotificationSubscription[]): Promise<PendingRelease | undefined> {
	const subscriptionIds = mine.map((subscription) => String(subscription.id));
	const pending: PendingRelease = { urls: [], eventIds: [] };
	let any = false;
	for (const { instance, key } of heard) {
		const one = await recoverQuietly.call<IHookFunctions, [() => Promise<PendingRelease | undefined>], Promise<PendingRelease | undefined>>(
			this,
			async () => await recoverBeforeRegistration.call(this, instance.id, own.url, async () => key, recoverySlot(this, instance.id), subscriptionIds),
		);
		if (!one) continue;
		any = true;
		pending.urls.push(...one.urls.filter((url) => !pending.urls.includes(url)));
		pending.eventIds.push(...one.eventIds);
	}
	return any ? pending : undefined;
}

/**
 * Every instance's subscription stands (events on, this trigger's URL on its topic): `create` will
 * not run — this is where a restart of n8n recovers what was missed (as the callback mode does).
 * An instance newly tagged, or one whose tag was taken away, makes it false, so that `create`
 * takes it in or lets go of it.
 */
export async function checkSubscriptionExists(this: IHookFunctions): Promise<boolean> {
	const read = await settle(async () => ({
		heard: await heardInstances.call(this),
		own: await subscriber.call(this),
		all: await accountSubscriptions.call(this),
	}));
	if (!read.ok) return standsUnread.call(this, read.error);
	const { heard, own, all } = read.value;
	const heardTopics = new Set(heard.map(({ topic }) => topic));
	const namesOthers = subscriptionsOfWebhook(all, own.webhookUrl).some((subscription) => subscription.topics.some((topic) => !heardTopics.has(topic)));
	const exists = !namesOthers && heard.every(({ instance, topic }) => currentRegistration(instance).enabled && all.some(isOwnOn(own, topic)));
	if (exists) {
		await recoverQuietly.call(this, async () => await releaseAfterRegistration.call(this, await recoverEach.call(this, heard, own, subscriptionsOfWebhook(all, own.webhookUrl))));
	}
	return exists;
}

/** Refuses, naming it and the way out, to change the key another workflow or receiver checks. */
function refuseKeyChange(
	this: IHookFunctions,
	instance: InstanceRecord,
	own: Subscriber,
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
	const otherKey = others.find((subscription) => {
		const theirs = subscriberKeyTag(subscription.url);
		return theirs !== undefined && theirs !== own.tag;
	});
	if (otherKey) {
		throw new NodeOperationError(this.getNode(), `Another workflow checks Instance ${instance.id}'s deliveries with a different signature key`, {
			description: `The trigger at ${callbackTarget(otherKey.url)} uses another Signature Key setting (or another credential's Event Signature Key). Every workflow on one instance must check the same key: give this trigger the same Signature Key setting as that one.`,
		});
	}
	const subscribersCheckIt = others.some((subscription) => subscriberKeyTag(subscription.url) !== undefined);
	if (foreignKeySet && !subscribersCheckIt && holder === 'outside' && callback.enabled && !fromCredential(this)) {
		throw new NodeOperationError(this.getNode(), `Instance ${instance.id} already signs its events with a key someone set for ${callbackTarget(callback.callbackUrl)}`, {
			description: 'Cloud Elements does not show that key, and replacing it would break that receiver. Put the key in the credential’s Event Signature Key and set Signature Key → From the Credential.',
		});
	}
}

/**
 * What an instance's configuration must become: its key the one every subscriber checks, and its
 * events on. Events that were off need a callback URL too: this trigger's own subscription URL,
 * carrying what it replaced (so that the trigger can put it back), which makes the callback's
 * subscription this trigger's one on that instance. A callback this webhook held in the callback
 * mode is put back as it was before (moving over). Another's callback is never replaced.
 */
function instanceSettings(this: IHookFunctions, heard: Heard, own: Subscriber, others: NotificationSubscription[], detection: IDataObject) {
	const { instance } = heard;
	const current = currentRegistration(instance);
	const holder = callbackHolder(current.callbackUrl, own.webhookUrl);
	const configuration: IDataObject = {};
	let callback = current;
	let foreignKeySet = hasSignatureKey(instance);
	if (holder === 'thisCallbackRegistration') {
		callback = previousRegistrationOf(current.callbackUrl) ?? NOBODY;
		configuration[CALLBACK] = callback.callbackUrl;
		if (callback.vendorType) configuration[VENDOR] = callback.vendorType;
		foreignKeySet = false; // the callback mode replaced it with its own
	}
	refuseKeyChange.call(this, instance, own, callback, others, foreignKeySet);
	let holdsCallback = false;
	if (holder === 'thisSubscription') {
		holdsCallback = true;
		// Set by this trigger with an earlier secret or key: only the URL changes.
		if (!isOwnOn(own, heard.topic)({ id: 0, topics: [heard.topic], url: current.callbackUrl, active: true })) {
			configuration[CALLBACK] = withPreviousRegistration(own.url, previousRegistrationOf(current.callbackUrl) ?? NOBODY);
		}
	} else if (!callback.enabled) {
		holdsCallback = true;
		configuration[CALLBACK] = withPreviousRegistration(own.url, callback);
		Object.assign(configuration, detection);
	}
	configuration[ENABLED] = 'true';
	configuration[SIGNATURE_KEY] = heard.key;
	return { configuration, holdsCallback, callbackUrl: String(configuration[CALLBACK] ?? current.callbackUrl) };
}

/**
 * Subscribes this webhook to its instances' events (one subscription, their topics), leaving
 * everyone else's registrations alone. Everything is checked before anything changes. Missed and
 * backfilled events are delivered first (as in the callback mode); queued ones are released once
 * the subscription stands. After a deactivation (which took the subscription away) the gap is
 * read from the log only once the subscription stands again, so that nothing falls between.
 */
export async function createSubscriptionRegistration(this: IHookFunctions): Promise<boolean> {
	// Checked even when the instances' events are on already (and they keep their own detection).
	const detection = detectionConfiguration.call(this);
	const own = await subscriber.call(this);
	const heard = await heardInstances.call(this);
	const all = await accountSubscriptions.call(this);
	const mine = subscriptionsOfWebhook(all, own.webhookUrl);
	const settings = heard.map((one) =>
		instanceSettings.call(this, one, own, all.filter((subscription) => subscription.topics.includes(one.topic) && !mine.includes(subscription)), detection),
	);
	const afterGap = heard.some(({ instance }) => recoveryPaused.call(this, recoverySlot(this, instance.id)));
	const recovered = afterGap ? undefined : await recoverEach.call(this, heard, own, mine);
	for (const [index, { instance }] of heard.entries()) {
		await cloudElementsRequest.call(this, { method: 'PATCH', path: `/instances/${instance.id}`, body: { configuration: settings[index].configuration } });
	}
	// One subscription of its own for the topics whose callback is not this trigger's already. An
	// instance's callback subscription is never deleted by hand: it follows the instance's callback.
	const left = await letGoOfInstancesLeft.call(this, all, mine, new Set(heard.map(({ instance }) => String(instance.id))));
	const callbackUrls = new Set([
		...settings.filter((setting) => setting.holdsCallback).map((setting) => setting.callbackUrl),
		...heard.map(({ instance }) => currentRegistration(instance).callbackUrl),
		...left,
	]);
	const topics = heard.filter((_one, index) => !settings[index].holdsCallback).map((one) => one.topic);
	const wanted = (subscription: NotificationSubscription) =>
		subscription.url === own.url && topics.length === subscription.topics.length && topics.every((topic) => subscription.topics.includes(topic));
	for (const stale of mine.filter((subscription) => !callbackUrls.has(subscription.url) && !wanted(subscription))) {
		await deleteSubscription.call(this, stale.id);
	}
	if (topics.length > 0 && !mine.some(wanted)) await createSubscription.call(this, topics, own.url);
	const pending = afterGap ? await recoverEach.call(this, heard, own, subscriptionsOfWebhook(await accountSubscriptions.call(this), own.webhookUrl)) : recovered;
	await recoverQuietly.call(this, async () => await releaseAfterRegistration.call(this, pending));
	return true;
}

/**
 * An instance's callback is this trigger's and it goes: another subscribing workflow takes the
 * callback over (its URL, carrying what this trigger replaced), and when that one's own
 * subscription heard only this instance it goes, so that nothing arrives twice; with nobody left,
 * what the trigger replaced comes back.
 */
async function handOverCallback(this: IHookFunctions, instance: InstanceRecord, others: NotificationSubscription[]): Promise<void> {
	const before = previousRegistrationOf(currentRegistration(instance).callbackUrl) ?? NOBODY;
	const heir = others.find((subscription) => subscriberKeyTag(subscription.url) !== undefined && subscription.topics.length === 1);
	const configuration: IDataObject = heir
		? { [CALLBACK]: withPreviousRegistration(heir.url, before) }
		: { [ENABLED]: String(before.enabled), [CALLBACK]: before.callbackUrl, [SIGNATURE_KEY]: '', ...(before.vendorType ? { [VENDOR]: before.vendorType } : {}) };
	await cloudElementsRequest.call(this, { method: 'PATCH', path: `/instances/${instance.id}`, body: { configuration } });
	if (heir) await deleteSubscription.call(this, heir.id);
}

/**
 * Removes this webhook's subscription, nothing of anyone else's: the instances' events and keys
 * serve the other subscribers, so nothing calls n8n for this workflow any more. A production
 * deactivation first notes where each instance's log stands (Options → Recover Missed Events), so
 * that the next activation runs what happened in between, and what was on its way, once.
 */
export async function deleteSubscriptionRegistration(this: IHookFunctions): Promise<boolean> {
	const pausing = this.getWorkflow().active && recoverMissedEvents(this);
	const webhookUrl = this.getNodeWebhookUrl('default') ?? '';
	const all = await accountSubscriptions.call(this);
	const mine = subscriptionsOfWebhook(all, webhookUrl);
	// Instances it no longer hears (untagged since) are let go of too; with no tagged instance left, all are.
	const listed = await settle(async () => await triggerInstanceIds.call(this));
	const heardIds = listed.ok ? listed.value : [];
	if (pausing) {
		for (const id of heardIds) {
			await recoverQuietly.call(this, async () => await pauseRecovery.call(this, id, webhookUrl, recoverySlot(this, id), mine.map((subscription) => String(subscription.id))));
		}
	}
	const held = new Set<string>();
	for (const id of heardIds) {
		const callbackUrl = await letGoOfInstance.call(this, await readInstance.call(this, id), all, mine);
		if (callbackUrl) held.add(callbackUrl);
	}
	for (const callbackUrl of await letGoOfInstancesLeft.call(this, all, mine, new Set(heardIds))) held.add(callbackUrl);
	for (const subscription of mine.filter((candidate) => !held.has(candidate.url))) await deleteSubscription.call(this, subscription.id);
	return true;
}

/**
 * Hands an instance's callback on (see `handOverCallback`) when it is this trigger's; answers that
 * callback URL, whose subscription then follows the instance's configuration, or undefined.
 */
async function letGoOfInstance(
	this: IHookFunctions,
	instance: InstanceRecord,
	all: NotificationSubscription[],
	mine: NotificationSubscription[],
): Promise<string | undefined> {
	const callbackUrl = currentRegistration(instance).callbackUrl;
	if (callbackHolder(callbackUrl, this.getNodeWebhookUrl('default') ?? '') !== 'thisSubscription') return undefined;
	const topic = topicOf(instance);
	await handOverCallback.call(this, instance, all.filter((subscription) => subscription.topics.includes(topic) && !mine.includes(subscription)));
	return callbackUrl;
}

/**
 * The instances this trigger's subscriptions still name but it no longer hears (an instance whose
 * tag was taken away): their callbacks, when this trigger's, are handed on, so that nothing keeps
 * calling it for them. Answers those callback URLs. An instance that cannot be read is gone.
 */
async function letGoOfInstancesLeft(
	this: IHookFunctions,
	all: NotificationSubscription[],
	mine: NotificationSubscription[],
	heardIds: ReadonlySet<string>,
): Promise<string[]> {
	const leftIds = new Set(mine.flatMap((subscription) => subscription.topics.map(instanceIdOfTopic)).filter((id): id is string => id !== undefined && !heardIds.has(id)));
	const handedOn: string[] = [];
	for (const id of leftIds) {
		const read = await settle(async () => await readInstance.call(this, id));
		if (!read.ok) continue;
		const callbackUrl = await letGoOfInstance.call(this, read.value, all, mine);
		if (callbackUrl) handedOn.push(callbackUrl);
	}
	return handedOn;
}

/** Callback mode again: this webhook's subscriptions go, so that nothing arrives twice. */
export async function dropWebhookSubscriptions(this: IHookFunctions, all: NotificationSubscription[]): Promise<void> {
	for (const subscription of subscriptionsOfWebhook(all, this.getNodeWebhookUrl('default') ?? '')) {
		await deleteSubscription.call(this, subscription.id);
	}
}

/**
 * The key a subscription delivery for `instanceId` is checked with (the instance read at most every
 * few minutes); undefined, so that nothing verifies, for an instance this trigger does not hear.
 */
export async function subscriptionDeliveryKey(this: IWebhookFunctions, instanceId: string): Promise<string | undefined> {
	return await rememberedForTrigger.call(this, `instance key:${instanceId}`, async () => {
		const read = await settle(
			async () =>
				await withInstance.call(this, instanceId, async (instance) =>
					hearsInstance.call(this, instance) ? await instanceKey.call(this, instance) : undefined,
				),
		);
		// An instance that cannot be read is none this trigger hears. (`withInstance.call` loses its
		// type parameter, as documentsRequest notes.)
		return read.ok ? (read.value as string | undefined) : undefined;
	});
}
