import { idHash } from '../poll/changeKey';

/**
 * Ids of deliveries already accepted, newest last, kept short for static data. Cloud Elements
 * retries whatever did not get a 2xx, so the same delivery can arrive twice.
 */
export const MAX_RECENT_DELIVERIES = 500;

export function wasDelivered(recent: readonly string[], deliveryId: string): boolean {
	return recent.includes(idHash(deliveryId));
}

export function rememberDelivery(recent: readonly string[], deliveryId: string): string[] {
	const next = [...recent, idHash(deliveryId)];
	return next.length > MAX_RECENT_DELIVERIES ? next.slice(next.length - MAX_RECENT_DELIVERIES) : next;
}
