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
	/** Sent by the trigger itself from Cloud Elements' stored-event log (recoveryPlan.ts). */
	recovered: boolean;
}

/** A body read as JSON once, for everyone who needs it (the key to check it with, then its events). */
export type JsonBody = { json: true; value: unknown } | { json: false };

export function readJsonBody(rawBody: Buffer | string): JsonBody {
	try {
		return { json: true, value: JSON.parse(typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8')) };
	} catch {
		return { json: false };
	}
}

/** Parses the raw body (or takes it read already); anything that is not a Cloud Elements event envelope is refused. */
export function parseDelivery(rawBody: Buffer | string | JsonBody): Delivery {
	const read = typeof rawBody === 'string' || Buffer.isBuffer(rawBody) ? readJsonBody(rawBody) : rawBody;
	if (!read.json) throw new DeliveryError('The body is not JSON');
	const body = read.value;
	const envelope = body as { id?: unknown; message?: unknown; recovered?: unknown };
	if (!envelope || typeof envelope !== 'object' || !envelope.message || typeof envelope.message !== 'object') {
		throw new DeliveryError('The body is not a Cloud Elements event envelope (no message)');
	}
	const message = envelope.message as EnvelopeMessage;
	if (!Array.isArray(message.events)) {
		throw new DeliveryError('The body is not a Cloud Elements event envelope (message.events is not a list)');
	}
	// Usually every entry is an event object: the list is then used as it is.
	const listed = message.events as unknown[];
	const isEvent = (event: unknown): event is DeliveredEvent => !!event && typeof event === 'object';
	const events = listed.every(isEvent) ? listed : listed.filter(isEvent);
	return {
		deliveryId: envelope.id === undefined || envelope.id === null ? undefined : String(envelope.id),
		eventId: message.eventId === undefined || message.eventId === null ? undefined : String(message.eventId),
		message,
		events,
		recovered: envelope.recovered === true,
	};
}

const KNOWN_TYPES = new Set(['CREATED', 'UPDATED', 'DELETED', 'MOVED', 'RETRIEVED', 'UNKNOWN']);
const ID_FIELDS = ['Id', 'id', 'ID'];

/**
 * Where each id is first found in `raw.<objectType>`: the text of any id field → the lowest
 * position of a record with that text. Built once per delivery and object type, and only for
 * deliveries with many events and records (a few are found faster by looking). Fields a record
 * does not have read as "undefined" (String(undefined)), the way a scan compares them; they
 * are not put in the map one by one but kept as the first position where any is missing.
 */
interface RecordIndex {
	positions: Map<string, number>;
	/** The first position where some id field is undefined (or null: `nullAt`), or Infinity. */
	undefinedAt: number;
	nullAt: number;
}

function indexRecords(list: readonly unknown[], fields: readonly string[]): RecordIndex {
	const positions = new Map<string, number>();
	let undefinedAt = Infinity;
	let nullAt = Infinity;
	for (const field of fields) {
		for (let position = 0; position < list.length; position++) {
			const value = readDotPath(list[position], field);
			if (value === undefined) {
				if (position < undefinedAt) undefinedAt = position;
				continue;
			}
			if (value === null) {
				if (position < nullAt) nullAt = position;
				continue;
			}
			const key = typeof value === 'string' ? value : String(value);
			const known = positions.get(key);
			if (known === undefined || known > position) positions.set(key, position);
		}
	}
	return { positions, undefinedAt, nullAt };
}

function firstPosition(index: RecordIndex, wanted: string): number {
	const position = index.positions.get(wanted) ?? Infinity;
	if (wanted === 'undefined') return Math.min(position, index.undefinedAt);
	if (wanted === 'null') return Math.min(position, index.nullAt);
	return position;
}

/**
 * The record an event is about: for polling-type deliveries, the `raw.<objectType>` entry
 * whose id is the event's objectId (the first one, in list order, any of the id fields
 * matches); for webhook-type ones, the provider's own body.
 */
function recordFor(
	raw: unknown,
	event: DeliveredEvent,
	idFields: Record<string, string>,
	indexes: Map<string, RecordIndex>,
	eventCount: number,
): unknown {
	if (!raw || typeof raw !== 'object') return raw;
	const objectType = String(event.objectType ?? '');
	const list = (raw as Record<string, unknown>)[objectType];
	if (!Array.isArray(list)) return raw;
	const wanted = String(event.objectId ?? '');
	const fields = idFields[objectType] ? [idFields[objectType]] : ID_FIELDS;
	if (eventCount * list.length <= 16) {
		for (const record of list) {
			for (const field of fields) if (String(readDotPath(record, field)) === wanted) return record ?? null;
		}
		return null;
	}
	let index = indexes.get(objectType);
	if (index === undefined) {
		index = indexRecords(list, fields);
		indexes.set(objectType, index);
	}
	const position = firstPosition(index, wanted);
	return position === Infinity ? null : list[position];
}

const DAYS_IN_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const twoDigits = (text: string, at: number): number => {
	const high = text.charCodeAt(at) - 48;
	const low = text.charCodeAt(at + 1) - 48;
	return high >= 0 && high <= 9 && low >= 0 && low <= 9 ? high * 10 + low : -1;
};

/**
 * `YYYY-MM-DDTHH:mm:ssZ` or `YYYY-MM-DDTHH:mm:ss.sssZ` with every field in range: what
 * Date.parse then toISOString makes of it, written directly; undefined for anything else.
 */
function canonicalIso(text: string): string | undefined {
	const length = text.length;
	if (length !== 20 && length !== 24) return undefined;
	if (
		text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 ||
		text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58 || text.charCodeAt(length - 1) !== 90
	) {
		return undefined;
	}
	const century = twoDigits(text, 0);
	const yearInCentury = twoDigits(text, 2);
	const month = twoDigits(text, 5);
	const day = twoDigits(text, 8);
	if (century < 0 || yearInCentury < 0 || month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month]) return undefined;
	if (month === 2 && day === 29) {
		const year = century * 100 + yearInCentury;
		if (!((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0)) return undefined;
	}
	const hour = twoDigits(text, 11);
	const minute = twoDigits(text, 14);
	const second = twoDigits(text, 17);
	if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
	if (length === 20) return `${text.slice(0, 19)}.000Z`;
	const millis = text.charCodeAt(19) === 46 ? twoDigits(text, 20) : -1;
	const last = text.charCodeAt(22) - 48;
	return millis >= 0 && last >= 0 && last <= 9 ? text : undefined;
}

function isoOrText(value: unknown): string {
	if (typeof value === 'number') return new Date(value).toISOString();
	const text = String(value ?? '');
	const canonical = canonicalIso(text);
	if (canonical !== undefined) return canonical;
	const time = Date.parse(text);
	return Number.isNaN(time) ? text : new Date(time).toISOString();
}

export interface DeliveryContext {
	webhookId?: string;
	receivedAt: Date;
	/** Each polled resource's idField, when known, to find an event's record in `raw`. */
	idFields?: Record<string, string>;
}

/**
 * One normalized event per delivered event, in the shape the polling trigger emits too; with
 * `eventTypes`, only the events of those types (the others are not even built).
 */
export function normalizeDelivery(
	delivery: Delivery,
	context: DeliveryContext,
	eventTypes?: readonly string[],
): NormalizedEvent[] {
	const { message, events } = delivery;
	const instanceId = (message.instanceId ?? message.instance_id ?? '') as number | string;
	const instanceName = message.instanceName === undefined ? undefined : String(message.instanceName);
	const tags = Array.isArray(message.instanceTags) ? message.instanceTags.map(String) : [];
	const idFields = context.idFields ?? {};
	let indexes: Map<string, RecordIndex> | undefined;
	let receivedAt: string | undefined;
	// Polling deliveries repeat one pollDate on every event.
	let lastPollDate: unknown;
	let lastPollDateText = '';
	const out: NormalizedEvent[] = [];
	for (let position = 0; position < events.length; position++) {
		const event = events[position];
		const given = String(event.eventType ?? 'UNKNOWN');
		const upper = KNOWN_TYPES.has(given) ? given : given.toUpperCase();
		const eventType = (KNOWN_TYPES.has(upper) ? upper : 'UNKNOWN') as ChangeEventType;
		if (eventTypes !== undefined && !eventTypes.includes(eventType)) continue;
		let pollDate: string;
		if (event.pollDate === undefined) {
			pollDate = receivedAt ??= context.receivedAt.toISOString();
		} else {
			if (position === 0 || event.pollDate !== lastPollDate) {
				lastPollDate = event.pollDate;
				lastPollDateText = isoOrText(event.pollDate);
			}
			pollDate = lastPollDateText;
		}
		out.push({
			eventType,
			objectType: String(event.objectType ?? ''),
			objectId: String(event.objectId ?? ''),
			elementKey: String(event.elementKey ?? message.elementKey ?? 'sharefile'),
			hubKey: String(event.hubKey ?? 'documents'),
			eventDate: isoOrText(event.date),
			pollDate,
			instanceId,
			source: 'webhook',
			raw: recordFor(message.raw, event, idFields, (indexes ??= new Map()), events.length),
			instanceName,
			// Each event has its own copy, as each item is changed on its own downstream.
			instanceTags: out.length === 0 ? tags : tags.slice(),
			eventId: delivery.eventId,
			deliveryId: delivery.deliveryId,
			webhookId: context.webhookId,
		});
	}
	return out;
}
