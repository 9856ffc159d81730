import { NodeOperationError } from 'n8n-workflow';
import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import type { DocumentAddress } from '../engine/documents/hubAddress';
import { callbackTarget } from '../engine/webhook/callbackRegistration';
import { SUBSCRIPTION_PARAMETER } from '../engine/webhook/instanceSubscription';
import { documentAddressOf } from '../shared/documents/documentAddress';
import { webhookSecretFrom } from '../shared/trigger/webhookSecret';
import { resolveItem } from '../shareFile/items/resolveItem';
import { CREDENTIAL_TYPE } from '../shareFile/transport/request';
import { ensureSignatureKey } from '../shareFile/webhooks/signatureKeys';
import {
	createWebhookSubscription,
	deleteWebhookSubscription,
	listWebhookSubscriptions,
	type SubscriptionContext,
	type WebhookSubscription,
} from '../shareFile/webhooks/webhookSubscriptions';
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

/** The folder (by its ID: ShareFile subscribes to an id) or the account the trigger listens to. */
async function subscriptionContext(this: IHookFunctions): Promise<SubscriptionContext> {
	if (this.getNodeParameter('listenTo', 'folder') === 'account') return { ResourceType: 'Account' };
	const address: DocumentAddress = documentAddressOf(this.getNode(), this.getNodeParameter('folder', undefined), 'Folder');
	const folder = 'id' in address ? address.id : (await resolveItem.call(this, address)).Id;
	return { ResourceType: 'Folder', ResourceId: folder };
}

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
	const context = await subscriptionContext.call(this);
	const events = chosenEvents.call(this);
	const mine = (await listWebhookSubscriptions.call(this)).filter(isThisWebhook(this));
	return mine.length === 1 && mine[0].WebhookUrl === url && sameContext(mine[0], context) && sameEvents(mine[0].Events ?? [], events);
}

/**
 * Subscribes this webhook (its own subscription: other workflows and a test listen on the same
 * folder have theirs), after making sure the OAuth client signs its deliveries. Whatever of this
 * webhook's stood with other settings goes first, so that nothing arrives twice.
 */
export async function createSubscription(this: IHookFunctions): Promise<boolean> {
	const url = await subscriptionUrl.call(this);
	const context = await subscriptionContext.call(this);
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
	await createWebhookSubscription.call(this, { WebhookUrl: url, SubscriptionContext: context, Events: events });
	return true;
}

/** Deletes this webhook's subscriptions, nobody else's. */
export async function deleteSubscription(this: IHookFunctions): Promise<boolean> {
	for (const mine of (await listWebhookSubscriptions.call(this)).filter(isThisWebhook(this))) {
		await deleteWebhookSubscription.call(this, mine.Id);
	}
	return true;
}
