import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { eventItems } from '../shared/eventItems';
import { NONCE_PARAMETER } from '../shared/engine/webhook/callbackRegistration';
import { DeliveryError, normalizeDelivery, parseDelivery } from '../shared/engine/webhook/delivery';
import { rememberDelivery, wasDelivered } from '../shared/engine/webhook/recentDeliveries';
import { verifyElementsSignature } from '../shared/engine/webhook/signature';
import { pollerConfigurationFromForm, type PollResourceForm } from '../shared/engine/pollResourceForm';
import { signatureKeyFor } from './registration';

interface RawBodyRequest {
	rawBody?: Buffer;
	readRawBody?: () => Promise<void>;
}

/** The body bytes exactly as received: a signature covers bytes, not re-serialized JSON. */
async function rawBodyOf(this: IWebhookFunctions): Promise<Buffer> {
	const request = this.getRequestObject() as unknown as RawBodyRequest;
	if (!request.rawBody && request.readRawBody) await request.readRawBody();
	return request.rawBody ?? Buffer.alloc(0);
}

function refuse(this: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	this.getResponseObject().status(status).json({ message });
	return { noWebhookResponse: true };
}

function idFieldsOf(this: IWebhookFunctions): Record<string, string> {
	if (this.getNodeParameter('detection', 'webhook') !== 'polling') return {};
	const rows = this.getNodeParameter('pollResources.resource', []) as PollResourceForm[];
	const fields: Record<string, string> = {};
	for (const [name, resource] of Object.entries(pollerConfigurationFromForm(rows))) fields[name] = resource.idField;
	return fields;
}

/**
 * One delivery from Cloud Elements: refused with 401 unless signed with this registration's
 * key, 400 unless it is an event envelope; acknowledged without a run when it repeats one
 * already accepted or carries no wanted event; otherwise one item per event.
 */
export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const rawBody = await rawBodyOf.call(this);
	const query = this.getQueryData() as IDataObject;
	const key = await signatureKeyFor.call(this, query[NONCE_PARAMETER] ? String(query[NONCE_PARAMETER]) : undefined);
	const headers = this.getHeaderData() as IDataObject;
	const signature = headers['elements-webhook-signature'];
	if (!verifyElementsSignature(rawBody, typeof signature === 'string' ? signature : undefined, key ? [key] : [])) {
		return refuse.call(this, 401, 'Missing or invalid Elements-Webhook-Signature');
	}
	let delivery;
	try {
		delivery = parseDelivery(rawBody);
	} catch (error) {
		if (error instanceof DeliveryError) return refuse.call(this, 400, error.message);
		throw error;
	}
	const webhookIdHeader = headers['elements-webhook-id'];
	const webhookId = typeof webhookIdHeader === 'string' && webhookIdHeader ? webhookIdHeader : undefined;
	const deliveryId = webhookId ?? delivery.eventId;
	const staticData = this.getWorkflowStaticData('node') as { recentDeliveries?: string[] };
	const recent = staticData.recentDeliveries ?? [];
	if (deliveryId && wasDelivered(recent, deliveryId)) {
		return { webhookResponse: { received: 0, duplicate: true } };
	}
	if (deliveryId) staticData.recentDeliveries = rememberDelivery(recent, deliveryId);

	const wanted = this.getNodeParameter('eventTypes', []) as string[];
	const events = normalizeDelivery(delivery, {
		webhookId,
		receivedAt: new Date(),
		idFields: idFieldsOf.call(this),
	}).filter((event) => wanted.includes(event.eventType));
	if (events.length === 0) return { webhookResponse: { received: 0 } };
	return { workflowData: [eventItems(events)] };
}
