import type { IWebhookDescription } from 'n8n-workflow';

/** The one webhook each webhook trigger has: deliveries are POSTed, and answered as they arrive. */
export const POST_WEBHOOK: IWebhookDescription = {
	name: 'default',
	httpMethod: 'POST',
	responseMode: 'onReceived',
	path: 'webhook',
};
