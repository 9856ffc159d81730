import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { instanceFiles } from '../cloudElements/documents/downloadFile';
import { attachEventDownloads } from '../shared/binary/eventDownloads';
import { downloadSettings } from '../shared/binary/downloadSettings';
import { eventItems, markRecovered } from '../shared/eventItems';
import { NONCE_PARAMETER } from '../engine/webhook/callbackRegistration';
import { acceptDelivery } from '../engine/webhook/acceptDelivery';
import { readJsonBody, type JsonBody } from '../engine/webhook/delivery';
import { noteAcceptedAttempt } from '../engine/webhook/acceptedAttempts';
import { forgetDelivery, readRecentDeliveries } from '../engine/webhook/recentDeliveries';
import { isRecovering } from '../engine/webhook/recoveringDeliveries';
import { pollerConfigurationFromForm, type PollResourceForm } from '../engine/pollResourceForm';
import { instanceIdFrom } from '../cloudElements/instances/instanceToken';
import { settle } from '../shared/settle';
import { isSubscriptionSecret, SUBSCRIPTION_PARAMETER } from '../engine/webhook/instanceSubscription';
import { signatureKeyFor } from './registration';
import { subscriptionDeliveryKey, webhookSecret } from './subscription';
import { triggerKey } from '../shared/trigger/triggerKey';
import { rawBodyOf, refuse } from '../shared/trigger/webhookRequest';

function idFieldsOf(this: IWebhookFunctions): Record<string, string> {
	if (this.getNodeParameter('detection', 'webhook') !== 'polling') return {};
	const rows = this.getNodeParameter('pollResources.resource', []) as PollResourceForm[];
	const fields: Record<string, string> = {};
	for (const [name, resource] of Object.entries(pollerConfigurationFromForm(rows))) fields[name] = resource.idField;
	return fields;
}

/**
 * Options → Download File: the files the items' events created or updated, attached. A
 * download that fails in a way worth trying again (5xx, timeout, dropped connection) refuses
 * the whole delivery with 503, so Cloud Elements sends it again; the replay memory forgets it,
 * so that copy runs. Undefined when there was nothing to refuse.
 */
async function refusalForDownloads(
	this: IWebhookFunctions,
	instanceId: string | undefined,
	items: INodeExecutionData[],
	deliveryKey: string | undefined,
	trigger: string,
): Promise<IWebhookResponseData | undefined> {
	// Inside settle: an option that cannot be used refuses the delivery too, rather than
	// throwing after the replay memory took it.
	const outcome = await settle(async () => {
		const settings = downloadSettings.call(this);
		if (!settings) return;
		// A callback registration hears its one instance; a subscription the one the delivery named.
		const instance = instanceId ?? instanceIdFrom.call(this, this.getNodeParameter('instance', undefined, { extractValue: true }));
		await attachEventDownloads.call(this, instanceFiles(this, instance), items, settings);
	});
	if (outcome.ok) return undefined;
	if (deliveryKey) forgetDelivery(deliveryKey, trigger);
	const error = outcome.error as { message?: string; description?: string };
	const detail = [error.message, error.description].filter(Boolean).join(' ');
	return refuse.call(this, 503, `The delivery's files could not be downloaded; send it again. ${detail}`.trim());
}

/**
 * Which instance a delivery says it is about (`message.instanceId`), read before its signature is
 * checked only to choose the key to check it with: nothing else is taken from an unverified body.
 */
function claimedInstanceId(body: JsonBody): string | undefined {
	if (!body.json) return undefined;
	const message = (body.value as { message?: { instanceId?: unknown; instance_id?: unknown } } | null)?.message;
	const id = message?.instanceId ?? message?.instance_id;
	return typeof id === 'number' || (typeof id === 'string' && /^[0-9]+$/.test(id)) ? String(id) : undefined;
}

/**
 * The key a delivery must be signed with, and its instance, by the URL it came to: a
 * subscription's URL (its secret checked first: without it nothing verifies) takes the key of
 * the instance the delivery names, if the trigger hears it — so a delivery for one instance
 * signed with another's key does not verify; a callback registration's URL the key its nonce
 * gives. Deliveries already on their way when a trigger changed mode still verify. No key:
 * nothing verifies.
 */
async function deliveryKeyOf(this: IWebhookFunctions, query: IDataObject, body: JsonBody): Promise<{ key?: string; instanceId?: string }> {
	if (query[SUBSCRIPTION_PARAMETER] !== undefined) {
		if (!isSubscriptionSecret(query[SUBSCRIPTION_PARAMETER], await webhookSecret.call(this))) return {};
		const instanceId = claimedInstanceId(body);
		return instanceId ? { key: await subscriptionDeliveryKey.call(this, instanceId), instanceId } : {};
	}
	return { key: await signatureKeyFor.call(this, query[NONCE_PARAMETER] ? String(query[NONCE_PARAMETER]) : undefined) };
}

/**
 * One delivery from Cloud Elements: refused with 401 unless signed with this registration's
 * key, 400 unless it is an event envelope; acknowledged without a run when it repeats one
 * already accepted or carries no wanted event; otherwise one item per event.
 */
export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const rawBody = await rawBodyOf.call(this);
	const jsonBody = readJsonBody(rawBody);
	const { key, instanceId } = await deliveryKeyOf.call(this, this.getQueryData() as IDataObject, jsonBody);
	const headers = this.getHeaderData() as IDataObject;
	const signature = headers['elements-webhook-signature'];
	const webhookIdHeader = headers['elements-webhook-id'];
	const staticData = this.getWorkflowStaticData('node') as { recentDeliveries?: unknown; recovering?: unknown };
	const recentDeliveries = readRecentDeliveries(staticData.recentDeliveries);
	const trigger = triggerKey.call(this);
	const outcome = acceptDelivery({
		rawBody,
		jsonBody,
		signature: typeof signature === 'string' ? signature : undefined,
		keys: key ? [key] : [],
		webhookIdHeader: typeof webhookIdHeader === 'string' && webhookIdHeader ? webhookIdHeader : undefined,
		recentDeliveries,
		trigger,
		eventTypes: this.getNodeParameter('eventTypes', []) as string[],
		idFields: idFieldsOf.call(this),
		receivedAt: new Date(),
	});
	switch (outcome.kind) {
		case 'unauthorized':
			return refuse.call(this, 401, outcome.message);
		case 'invalid':
			return refuse.call(this, 400, outcome.message);
		case 'duplicate':
			return { webhookResponse: { received: 0, duplicate: true } };
		case 'earlierUnanswered':
			this.getResponseObject().setHeader('Retry-After', '5');
			return refuse.call(this, 503, 'An earlier attempt of this delivery is still being handled; send it again later.');
		case 'ignored':
			if (outcome.recentDeliveries !== recentDeliveries) staticData.recentDeliveries = outcome.recentDeliveries;
			return { webhookResponse: { received: 0 } };
		default: {
			if (outcome.deliveryKey) {
				const response = this.getResponseObject();
				// n8n ends the response once the execution is stored: until then a copy must wait.
				noteAcceptedAttempt(trigger, outcome.deliveryKey, () => (response.writableEnded ? response.statusCode : undefined), Date.now());
			}
			const items = eventItems(outcome.events);
			// Sent from the log by the trigger, or a queued delivery it released (recovery.ts).
			if (outcome.recovered || isRecovering(trigger, outcome.eventId, staticData.recovering)) markRecovered(items);
			const refusal = await refusalForDownloads.call(this, instanceId, items, outcome.deliveryKey, trigger);
			if (refusal) return refusal;
			// Saved only once the delivery is accepted for good: a refused one is not remembered.
			if (outcome.recentDeliveries !== recentDeliveries) staticData.recentDeliveries = outcome.recentDeliveries;
			return { workflowData: [items] };
		}
	}
}
