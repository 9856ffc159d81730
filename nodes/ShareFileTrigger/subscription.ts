import { NodeOperationError } from 'n8n-workflow';
import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import type { DocumentAddress } from '../engine/documents/hubAddress';
import { callbackTarget } from '../engine/webhook/callbackRegistration';
import { SUBSCRIPTION_PARAMETER } from '../engine/webhook/instanceSubscription';
import { documentAddressOf } from '../shared/documents/documentAddress';
import { webhookSecretFrom } from '../shared/trigger/webhookSecret';
import { resolveItem, type ShareFileItem } from '../shareFile/items/resolveItem';
import { CREDENTIAL_TYPE } from '../shareFile/transport/request';
import { ensureSignatureKey, signatureKeys } from '../shareFile/webhooks/signatureKeys';
import {
	createWebhookSubscription,
	deleteWebhookSubscription,
	listWebhookSubscriptions,
	type SubscriptionContext,
	type WebhookSubscription,
} from '../shareFile/webhooks/webhookSubscriptions';
import { reconcileFolder } from './reconcile';
import { sameEvents, webhookEvents } from './webhookEvents';

type Context = IHookFunctions | IWebhookFunctions;

/** This webhook's URL secret, from the credential (production and test listen each have their own). */
export async function webhookSecret(this: Context): Promise<string> {
	return await webhookSecretFrom.call(this, CREDENTIAL_TYPE, ['clientId', 'clientSecret']);
}

async function subscriptionUrl(this: IHookFunctions): Promise<string> {
	const webhookUrl = this.getNodeWebhookUrl('default');
	if (!webhookUrl) throw new NodeOperationError(this.getNode(), 'n8n did not provide a webhook URL');
	const url = new URL(webhookUrl);
	url.searchParams.set(SUBSCRIPTION_PARAMETER, await webhookSecret.call(this));
	return url.toString();
}

/** The folder the trigger listens to (undefined: the whole account). */
async function watchedFolder(this: IHookFunctions): Promise<ShareFileItem | undefined> {
	if (this.getNodeParameter('listenTo', 'folder') === 'account') return undefined;
	const address: DocumentAddress = documentAddressOf(this.getNode(), this.getNodeParameter('folder', undefined), 'Folder');
	return await resolveItem.call(this, address);
}

/** The folder (by its ID: ShareFile subscribes to an id) or the account the trigger listens to. */
const contextOf = (folder: ShareFileItem | undefined): SubscriptionContext =>
	folder ? { ResourceType: 'Folder', ResourceId: folder.Id } : { ResourceType: 'Account' };

function chosenEvents(this: IHookFunctions) {
	const values = this.getNodeParameter('events', []) as string[];
	if (values.length === 0) {
		throw new NodeOperationError(this.getNode(), 'No event chosen', { description: 'Pick at least one change under Events, e.g. File Uploaded.' });
	}
	return webhookEvents(values);
}

const isThisWebhook = (context: IHookFunctions) => (subscription: WebhookSubscription) =>
	callbackTarget(subscription.WebhookUrl) === callbackTarget(context.getNodeWebhookUrl('default') ?? '');

function sameContext(subscription: WebhookSubscription, context: SubscriptionContext): boolean {
	const theirs = subscription.SubscriptionContext ?? {};
	return (
		String(theirs.ResourceType ?? '').toLowerCase() === context.ResourceType.toLowerCase() &&
		(context.ResourceType === 'Account' || String(theirs.ResourceId ?? '') === context.ResourceId)
	);
}

/** This webhook's subscription stands as the node's settings ask (URL, folder or account, events). */
export async function checkSubscriptionExists(this: IHookFunctions): Promise<boolean> {
	const url = await subscriptionUrl.call(this);
	const folder = await watchedFolder.call(this);
	const events = chosenEvents.call(this);
	const mine = (await listWebhookSubscriptions.call(this)).filter(isThisWebhook(this));
	const stands = mine.length === 1 && mine[0].WebhookUrl === url && sameContext(mine[0], contextOf(folder)) && sameEvents(mine[0].Events ?? [], events);
	// n8n starting again (startUpHook) or the workflow activated again: what no delivery brought.
	if (stands && folder) await reconcile.call(this, folder, mine[0].Id, url);
	return stands;
}

/** Reconciles a folder subscription with the OAuth client's key (reconcile.ts). */
async function reconcile(this: IHookFunctions, folder: ShareFileItem, subscriptionId: string, url: string): Promise<void> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const [signatureKey] = await signatureKeys.call(this, String(credentials.clientId ?? ''));
	if (!signatureKey) return;
	await reconcileFolder.call(this, { folder, subscriptionId, url, signatureKey, subdomain: String(credentials.subdomain ?? '') });
}

/**
 * Subscribes this webhook (its own subscription: other workflows and a test listen on the same
 * folder have theirs), after making sure the OAuth client signs its deliveries. Whatever of this
 * webhook's stood with other settings goes first, so that nothing arrives twice.
 */
export async function createSubscription(this: IHookFunctions): Promise<boolean> {
	const url = await subscriptionUrl.call(this);
	const folder = await watchedFolder.call(this);
	const events = chosenEvents.call(this);
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const keys = await ensureSignatureKey.call(this, String(credentials.clientId ?? ''));
	if (keys.length === 0) {
		throw new NodeOperationError(this.getNode(), 'ShareFile gave the OAuth client no webhook signature key', {
			description: 'Without a key no delivery can be checked, so none would run. Generate one for the API client in ShareFile, then activate again.',
		});
	}
	for (const stale of (await listWebhookSubscriptions.call(this)).filter(isThisWebhook(this))) {
		await deleteWebhookSubscription.call(this, stale.Id);
	}
	const created = await createWebhookSubscription.call(this, { WebhookUrl: url, SubscriptionContext: contextOf(folder), Events: events });
	// Subscribed first, so that a change made while reconciling is delivered too (and runs once).
	if (folder) await reconcile.call(this, folder, created.Id, url);
	return true;
}

/** Deletes this webhook's subscriptions, nobody else's. */
export async function deleteSubscription(this: IHookFunctions): Promise<boolean> {
	for (const mine of (await listWebhookSubscriptions.call(this)).filter(isThisWebhook(this))) {
		await deleteWebhookSubscription.call(this, mine.Id);
	}
	return true;
}
