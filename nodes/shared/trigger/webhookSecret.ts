import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { subscriptionSecret } from '../../engine/webhook/instanceSubscription';
import { rememberedForTrigger } from './rememberedForTrigger';

/**
 * A webhook's URL secret (the second factor beside a delivery's signature), worked out from the
 * credential's own secrets (`fields`) and which webhook this is: the production webhook and a test
 * listen each have their own, and nothing is stored.
 */
export async function webhookSecretFrom(
	this: IHookFunctions | IWebhookFunctions,
	credentialType: string,
	fields: readonly string[],
): Promise<string> {
	const test = this.getMode() === 'manual';
	const secret = await rememberedForTrigger.call(this, `secret:${test ? 'test' : 'production'}`, async () => {
		const credentials = await this.getCredentials(credentialType);
		const node = this.getNode();
		return subscriptionSecret(
			fields.map((field) => String(credentials[field] ?? '')),
			{ workflowId: String(this.getWorkflow().id ?? ''), nodeId: node.id ?? node.name, test },
		);
	});
	return secret ?? '';
}
