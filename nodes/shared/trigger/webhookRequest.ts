import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

interface RawBodyRequest {
	rawBody?: Buffer;
	readRawBody?: () => Promise<void>;
}

/** The body bytes exactly as received: a signature covers bytes, not re-serialized JSON. */
export async function rawBodyOf(this: IWebhookFunctions): Promise<Buffer> {
	const request = this.getRequestObject() as unknown as RawBodyRequest;
	if (!request.rawBody && request.readRawBody) await request.readRawBody();
	return request.rawBody ?? Buffer.alloc(0);
}

export function refuse(this: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	this.getResponseObject().status(status).json({ message });
	return { noWebhookResponse: true };
}
