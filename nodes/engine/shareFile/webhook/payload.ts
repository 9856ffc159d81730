import { DeliveryError, readJsonBody, type JsonBody } from '../../webhook/delivery';

/**
 * One ShareFile webhook delivery, as its documented payload has it:
 * `{ WebhookSubscriptionId, AccountInfo { AccountId, Subdomain, ... }, Event { Timestamp,
 * OperationName, ResourceType, Resource { Id, Parent { Id } } } }`. The payload carries ids only,
 * and no event or delivery id.
 */
export interface ShareFileDelivery {
	subscriptionId: string;
	accountId: string;
	subdomain: string;
	timestamp: string;
	operationName: string;
	resourceType: string;
	resourceId: string;
	parentId?: string;
	resource: Record<string, unknown>;
	raw: Record<string, unknown>;
	/** Sent by the trigger itself from the folder's listing (reconciledDelivery.ts), not by ShareFile. */
	recovered: boolean;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined);
const record = (value: unknown): Record<string, unknown> | undefined =>
	value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/** Reads a delivery's body (or takes it read already); anything that is not a ShareFile event is refused. */
export function parseShareFileDelivery(body: Buffer | string | JsonBody): ShareFileDelivery {
	const read = typeof body === 'string' || Buffer.isBuffer(body) ? readJsonBody(body) : body;
	if (!read.json) throw new DeliveryError('The body is not JSON');
	const payload = record(read.value);
	const event = record(payload?.Event);
	const resource = record(event?.Resource);
	if (!payload || !event || !resource) throw new DeliveryError('The body is not a ShareFile webhook event (no Event.Resource)');
	const timestamp = text(event.Timestamp);
	const operationName = text(event.OperationName);
	const resourceType = text(event.ResourceType);
	const resourceId = text(resource.Id);
	if (!timestamp || Number.isNaN(Date.parse(timestamp))) throw new DeliveryError('The ShareFile event has no valid Event.Timestamp');
	if (!operationName || !resourceType || !resourceId) {
		throw new DeliveryError('The ShareFile event lacks Event.OperationName, Event.ResourceType or Event.Resource.Id');
	}
	const account = record(payload.AccountInfo) ?? {};
	return {
		subscriptionId: text(payload.WebhookSubscriptionId) ?? '',
		accountId: text(account.AccountId) ?? '',
		subdomain: text(account.Subdomain) ?? '',
		timestamp: new Date(Date.parse(timestamp)).toISOString(),
		operationName,
		resourceType,
		resourceId,
		parentId: text(record(resource.Parent)?.Id),
		resource,
		raw: payload,
		recovered: payload.recovered === true,
	};
}

/**
 * What makes a delivery the same event when ShareFile sends it again (it has no id of its own): the
 * subscription, the moment, what happened and to what.
 */
export function shareFileDeliveryKey(delivery: ShareFileDelivery): string {
	return [delivery.subscriptionId, delivery.timestamp, delivery.resourceType, delivery.operationName, delivery.resourceId].join('|');
}
