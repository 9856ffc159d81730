import type { ChangeEventType, NormalizedEvent } from '../../normalizedEvent';
import type { ShareFileDelivery } from './payload';

/** ShareFile's operation names (case as documented) in the words all our triggers use. */
const EVENT_TYPES: Record<string, ChangeEventType> = {
	upload: 'CREATED',
	update: 'UPDATED',
	delete: 'DELETED',
	download: 'RETRIEVED',
};

export function shareFileEventType(operationName: string): ChangeEventType {
	return EVENT_TYPES[operationName.toLowerCase()] ?? 'UNKNOWN';
}

/**
 * A ShareFile delivery in the shape every trigger of this package emits. The ShareFile account stands
 * where a Cloud Elements instance stands (`instanceId`); the path and name, which the payload lacks,
 * are added by the trigger where it can look them up.
 */
export function normalizeShareFileDelivery(delivery: ShareFileDelivery, receivedAt: Date): NormalizedEvent {
	return {
		eventType: shareFileEventType(delivery.operationName),
		objectType: delivery.resourceType.toLowerCase(),
		objectId: delivery.resourceId,
		...(delivery.parentId ? { parentId: delivery.parentId } : {}),
		elementKey: 'sharefile',
		hubKey: 'documents',
		eventDate: delivery.timestamp,
		pollDate: receivedAt.toISOString(),
		instanceId: delivery.accountId,
		subdomain: delivery.subdomain,
		subscriptionId: delivery.subscriptionId,
		source: 'sharefile',
		raw: delivery.raw,
	};
}
