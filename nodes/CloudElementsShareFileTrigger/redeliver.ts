import type { IHookFunctions } from 'n8n-workflow';

import { redeliveryBody, type StoredEventEntry } from '../engine/webhook/recoveryPlan';
import { signElementsPayload } from '../engine/webhook/signature';
import { settle } from '../shared/settle';

const REDELIVERY_TIMEOUT_MS = 60_000;

/**
 * Delivers stored events to the trigger's own webhook, one at a time, oldest first, signed with
 * the registration's key as Cloud Elements would sign them: each then runs through `webhook()`
 * like any delivery (the same items, the replay memory, Options → Download File), marked
 * `recovered`. Stops at the first that is not accepted (2xx), so what follows it is tried again at
 * the next activation. Answers the stored-event ids that were accepted.
 */
export async function redeliver(
	this: IHookFunctions,
	callbackUrl: string,
	signatureKey: string,
	events: StoredEventEntry[],
): Promise<Set<string>> {
	const delivered = new Set<string>();
	for (const event of events) {
		const body = redeliveryBody(event);
		// Settled, not thrown: what was accepted before a dropped connection must still be recorded.
		const outcome = await settle(async () => (await this.helpers.httpRequest({
			method: 'POST',
			url: callbackUrl,
			body,
			headers: {
				'Content-Type': 'application/json',
				'Elements-Webhook-Id': String(event.id),
				'Elements-Webhook-Signature': signElementsPayload(body, signatureKey),
			},
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: REDELIVERY_TIMEOUT_MS,
		})) as { statusCode: number });
		const status = outcome.ok ? outcome.value.statusCode : undefined;
		if (status === undefined || status < 200 || status >= 300) {
			const why = status === undefined ? 'could not be sent' : `was refused with ${status}`;
			this.logger.warn(`ShareFile Trigger: missed event ${String(event.id)} ${why}; it is tried again at the next activation`);
			break;
		}
		delivered.add(String(event.id));
	}
	return delivered;
}
