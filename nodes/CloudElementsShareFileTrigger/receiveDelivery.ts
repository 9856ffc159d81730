import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { eventItems } from '../shared/eventItems';
import { NONCE_PARAMETER } from '../shared/engine/webhook/callbackRegistration';
import { acceptDelivery } from '../shared/engine/webhook/acceptDelivery';
import { readRecentDeliveries } from '../shared/engine/webhook/recentDeliveries';
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
	const webhookIdHeader = headers['elements-webhook-id'];
	const staticData = this.getWorkflowStaticData('node') as { recentDeliveries?: unknown };
	const recentDeliveries = readRecentDeliveries(staticData.recentDeliveries);
	const outcome = acceptDelivery({
		rawBody,
		signature: typeof signature === 'string' ? signature : undefined,
		keys: key ? [key] : [],
		webhookIdHeader: typeof webhookIdHeader === 'string' && webhookIdHeader ? webhookIdHeader : undefined,
		recentDeliveries,
		trigger: `${this.getWorkflow().id ?? ''}\n${this.getNode().id ?? this.getNode().name}\n${this.getMode()}`,
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
		default:
			if (outcome.recentDeliveries !== recentDeliveries) staticData.recentDeliveries = outcome.recentDeliveries;
			if (outcome.kind === 'ignored') return { webhookResponse: { received: 0 } };
			return { workflowData: [eventItems(outcome.events)] };
	}
}
