import type { ChangeEventType, NormalizedEvent } from '../normalizedEvent';
import { readDotPath } from '../poll/dotPath';

/** Why a delivery was refused, in words fit for the HTTP answer. */
export class DeliveryError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'DeliveryError';
	}
}

interface DeliveredEvent {
	eventType?: unknown;
	objectType?: unknown;
	objectId?: unknown;
	elementKey?: unknown;
	hubKey?: unknown;
	date?: unknown;
	pollDate?: unknown;
}

interface EnvelopeMessage {
	eventId?: unknown;
	instanceId?: unknown;
	instance_id?: unknown;
	instanceName?: unknown;
	instanceTags?: unknown;
	elementKey?: unknown;
	raw?: unknown;
	events?: unknown;
}

/** A parsed Cloud Elements delivery: the envelope's identity and its events. */
export interface Delivery {
	deliveryId: string | undefined;
	eventId: string | undefined;
	message: EnvelopeMessage;
	events: DeliveredEvent[];
}

/** Parses the raw body; anything that is not a Cloud Elements event envelope is refused. */
export function parseDelivery(rawBody: Buffer | string): Delivery {
	let body: unknown;
	try {
		body = JSON.parse(typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8'));
	} catch {
		throw new DeliveryError('The body is not JSON');
	}
	const envelope = body as { id?: unknown; message?: unknown };
	if (!envelope || typeof envelope !== 'object' || !envelope.message || typeof envelope.message !== 'object') {
		throw new DeliveryError('The body is not a Cloud Elements event envelope (no message)');
	}
	const message = envelope.message as EnvelopeMessage;
	if (!Array.isArray(message.events)) {
		throw new DeliveryError('The body is not a Cloud Elements event envelope (message.events is not a list)');
	}
	const events = message.events.filter(
		(event): event is DeliveredEvent => !!event && typeof event === 'object',
	);
	return {
		deliveryId: envelope.id === undefined || envelope.id === null ? undefined : String(envelope.id),
		eventId: message.eventId === undefined || message.eventId === null ? undefined : String(message.eventId),
		message,
		events,
	};
}

const KNOWN_TYPES = new Set(['CREATED', 'UPDATED', 'DELETED', 'MOVED', 'RETRIEVED', 'UNKNOWN']);
const ID_FIELDS = ['Id', 'id', 'ID'];

/**
 * The record an event is about: for polling-type deliveries, the `raw.<objectType>` entry
 * whose id is the event's objectId; for webhook-type ones, the provider's own body.
 */
function recordFor(raw: unknown, event: DeliveredEvent, idFields: Record<string, string>): unknown {
	if (!raw || typeof raw !== 'object') return raw;
	const objectType = String(event.objectType ?? '');
	const list = (raw as Record<string, unknown>)[objectType];
	if (!Array.isArray(list)) return raw;
	const wanted = String(event.objectId ?? '');
	const fields = idFields[objectType] ? [idFields[objectType]] : ID_FIELDS;
	return list.find((record) => fields.some((field) => String(readDotPath(record, field)) === wanted)) ?? null;
}

function isoOrText(value: unknown): string {
	if (typeof value === 'number') return new Date(value).toISOString();
	const text = String(value ?? '');
	const time = Date.parse(text);
	return Number.isNaN(time) ? text : new Date(time).toISOString();
}

export interface DeliveryContext {
	webhookId?: string;
	receivedAt: Date;
	/** Each polled resource's idField, when known, to find an event's record in `raw`. */
	idFields?: Record<string, string>;
}

/** One normalized event per delivered event, in the shape the polling trigger emits too. */
export function normalizeDelivery(delivery: Delivery, context: DeliveryContext): NormalizedEvent[] {
	const { message } = delivery;
	const instanceId = (message.instanceId ?? message.instance_id ?? '') as number | string;
	return delivery.events.map((event) => {
		const type = String(event.eventType ?? 'UNKNOWN').toUpperCase();
		return {
			eventType: (KNOWN_TYPES.has(type) ? type : 'UNKNOWN') as ChangeEventType,
			objectType: String(event.objectType ?? ''),
			objectId: String(event.objectId ?? ''),
			elementKey: String(event.elementKey ?? message.elementKey ?? 'sharefile'),
			hubKey: String(event.hubKey ?? 'documents'),
			eventDate: isoOrText(event.date),
			pollDate: event.pollDate === undefined ? context.receivedAt.toISOString() : isoOrText(event.pollDate),
			instanceId,
			source: 'webhook',
			raw: recordFor(message.raw, event, context.idFields ?? {}),
			instanceName: message.instanceName === undefined ? undefined : String(message.instanceName),
			instanceTags: Array.isArray(message.instanceTags) ? message.instanceTags.map(String) : [],
			eventId: delivery.eventId,
			deliveryId: delivery.deliveryId,
			webhookId: context.webhookId,
		};
	});
}
