/**
 * The one shape both triggers emit, whichever way Cloud Elements learned of the change.
 * Dates are ISO 8601 in UTC.
 */
export type ChangeEventType = 'CREATED' | 'UPDATED' | 'DELETED' | 'MOVED' | 'RETRIEVED' | 'UNKNOWN';

export interface NormalizedEvent {
	eventType: ChangeEventType;
	/** The polled resource (`documents`) or the provider's resource type. */
	objectType: string;
	objectId: string;
	elementKey: string;
	hubKey: string;
	/** When the change happened, by the record's own clock. */
	eventDate: string;
	/** When the change was found (poll) or delivered (webhook). */
	pollDate: string;
	instanceId: number | string;
	/** `polling` for the polling trigger, `webhook` for Cloud Elements' deliveries, `sharefile` for ShareFile's own. */
	source: 'polling' | 'webhook' | 'sharefile';
	/** The ShareFile record (polling) or the record the event belongs to (webhook). */
	raw: unknown;
	[extra: string]: unknown;
}
