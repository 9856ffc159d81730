import type { NormalizedEvent } from '../normalizedEvent';
import { DeliveryError, normalizeDelivery, parseDelivery, type JsonBody } from './delivery';
import { earlierAttempt } from './acceptedAttempts';
import { rememberIfNew } from './recentDeliveries';
import { verifyElementsSignature } from './signature';

export interface DeliveryInput {
	/** The body bytes exactly as received. */
	rawBody: Buffer;
	/** The same body read as JSON already (readJsonBody), so that it is not read twice. */
	jsonBody?: JsonBody;
	/** The Elements-Webhook-Signature header. */
	signature: string | undefined;
	/** The keys a valid signature may be made with (empty: nothing verifies). */
	keys: string[];
	/** The Elements-Webhook-Id header. */
	webhookIdHeader: string | undefined;
	/** Replay memory from static data (readRecentDeliveries). */
	recentDeliveries: string;
	/**
	 * Which trigger this is (workflow, node, production or test): this process then also
	 * remembers deliveries static data lost (see recentDeliveries.ts).
	 */
	trigger?: string;
	/** Event types that start the workflow. */
	eventTypes: readonly string[];
	/** Each polled resource's idField, to find an event's record in `raw`. */
	idFields: Record<string, string>;
	receivedAt: Date;
}

export type DeliveryOutcome =
	/** 401: unsigned, signed with another key, or the body is not what was signed. */
	| { kind: 'unauthorized'; message: string }
	/** 400: signed, but not a Cloud Elements event envelope. */
	| { kind: 'invalid'; message: string }
	/** 200 without a run: this delivery was accepted before. */
	| { kind: 'duplicate' }
	/**
	 * 503, come back later: a copy of an attempt this process accepted and has not answered yet
	 * (see acceptedAttempts.ts).
	 */
	| { kind: 'earlierUnanswered' }
	/** 200 without a run: accepted, but no event of a wanted type. */
	| { kind: 'ignored'; recentDeliveries: string }
	/**
	 * Start the workflow with these events. `deliveryKey` is what the replay memory now holds
	 * for the delivery, for forgetDelivery when the delivery is refused after all.
	 */
	| {
			kind: 'accepted';
			events: NormalizedEvent[];
			recentDeliveries: string;
			deliveryKey?: string;
			/** The delivery's `message.eventId`, and whether the trigger sent it from the log itself. */
			eventId?: string;
			recovered: boolean;
	  };

/**
 * What one delivery from Cloud Elements comes to, decided without n8n: nothing is taken from
 * the body before its signature verifies (a `jsonBody` read before only chose the key). A delivery is known by its `message.eventId` (inside
 * the signed body, distinct for every delivery) or, without one, by its Elements-Webhook-Id
 * header — so a captured delivery replayed under a new header id is still a replay.
 */
export function acceptDelivery(input: DeliveryInput): DeliveryOutcome {
	if (!verifyElementsSignature(input.rawBody, input.signature, input.keys)) {
		return { kind: 'unauthorized', message: 'Missing or invalid Elements-Webhook-Signature' };
	}
	let delivery;
	let refusal: string | undefined;
	try {
		delivery = parseDelivery(input.jsonBody ?? input.rawBody);
	} catch (error) {
		refusal = error instanceof DeliveryError ? error.message : 'The body could not be read';
	}
	if (refusal !== undefined || delivery === undefined) {
		return { kind: 'invalid', message: refusal ?? 'The body could not be read' };
	}
	const webhookId = input.webhookIdHeader ? input.webhookIdHeader : undefined;
	const deliveryKey = delivery.eventId || webhookId;
	let recent = input.recentDeliveries;
	if (deliveryKey) {
		let remembered = rememberIfNew(recent, deliveryKey, input.trigger);
		if (remembered === undefined && input.trigger !== undefined) {
			const earlier = earlierAttempt(input.trigger, deliveryKey, input.receivedAt.getTime());
			if (earlier === 'unanswered') return { kind: 'earlierUnanswered' };
			// Refused: earlierAttempt took it out of the replay memory, so this copy runs.
			if (earlier === 'refused') remembered = rememberIfNew(recent, deliveryKey, input.trigger);
		}
		if (remembered === undefined) return { kind: 'duplicate' };
		recent = remembered;
	}
	const events = normalizeDelivery(
		delivery,
		{ webhookId, receivedAt: input.receivedAt, idFields: input.idFields },
		input.eventTypes,
	);
	if (events.length === 0) return { kind: 'ignored', recentDeliveries: recent };
	return { kind: 'accepted', events, recentDeliveries: recent, deliveryKey, eventId: delivery.eventId, recovered: delivery.recovered };
}
