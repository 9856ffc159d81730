import type { IHookFunctions } from 'n8n-workflow';

import { settle } from '../settle';

const REDELIVERY_TIMEOUT_MS = 60_000;

/**
 * POSTs a missed delivery to the trigger's own webhook URL, signed as the service signs, so that it
 * runs through `webhook()` like any delivery; whether it was accepted (2xx). Settled, not thrown:
 * what was accepted before a dropped connection must still be recorded by the caller. `what` names
 * the delivery in the warning logged when it was not accepted (never a secret).
 */
export async function deliverToSelf(
	this: IHookFunctions,
	url: string,
	body: string,
	signatureHeaders: Record<string, string>,
	what: string,
): Promise<boolean> {
	const sent = await settle(async () => (await this.helpers.httpRequest({
		method: 'POST',
		url,
		body,
		headers: { 'Content-Type': 'application/json', ...signatureHeaders },
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: REDELIVERY_TIMEOUT_MS,
	})) as { statusCode: number });
	const status = sent.ok ? sent.value.statusCode : undefined;
	if (status !== undefined && status >= 200 && status < 300) return true;
	const why = status === undefined ? 'could not be sent' : `was refused with ${status}`;
	this.logger.warn(`${this.getNode().name}: ${what} ${why}; it is tried again at the next activation`);
	return false;
}
