import type { IHookFunctions } from 'n8n-workflow';

import { redeliveryBody, type StoredEventEntry } from '../engine/webhook/recoveryPlan';
import { signElementsPayload } from '../engine/webhook/signature';
import { deliverToSelf } from '../shared/trigger/deliverToSelf';

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
		const headers = { 'Elements-Webhook-Id': String(event.id), 'Elements-Webhook-Signature': signElementsPayload(body, signatureKey) };
		if (!(await deliverToSelf.call(this, callbackUrl, body, headers, `missed event ${String(event.id)}`))) break;
		delivered.add(String(event.id));
	}
	return delivered;
}
