import type { IDataObject, IHttpRequestOptions, IWebhookFunctions } from 'n8n-workflow';

import { itemUrl } from '../engine/shareFile/itemUrl';
import { settle } from '../shared/settle';
import { rememberedForTrigger } from '../shared/trigger/rememberedForTrigger';
import { getItem, type ShareFileItem } from '../shareFile/items/resolveItem';
import { shareFileApiBase } from '../shareFile/transport/apiBase';
import { CREDENTIAL_TYPE, DEFAULT_REQUEST_TIMEOUT_MS } from '../shareFile/transport/request';

interface ApiAccess {
	base: string;
	token: string;
}

/**
 * The API root and access token, kept in this process's memory for minutes (never in static
 * data), as the signature keys are: n8n reads and decrypts the credential from its database for
 * every call made through it, most of what a delivery's lookup costs.
 */
async function apiAccess(this: IWebhookFunctions, fresh: boolean): Promise<ApiAccess | undefined> {
	const remembered = await rememberedForTrigger.call(
		this,
		'api access',
		async () => {
			const credentials = await this.getCredentials(CREDENTIAL_TYPE);
			const token = (credentials.oauthTokenData as IDataObject | undefined)?.access_token;
			return typeof token === 'string' && token ? JSON.stringify({ base: shareFileApiBase(credentials), token }) : undefined;
		},
		{ fresh },
	);
	return remembered ? (JSON.parse(remembered) as ApiAccess) : undefined;
}

/**
 * The item a delivery names, `undefined` when ShareFile has none (deleted since). One GET with the
 * remembered token; any other answer than 200 or 404 (an expired token, a rate limit, a failure)
 * goes the regular way — n8n renews the token and saves it, retries, errors in ShareFile's words —
 * and the token is read again for the next delivery.
 */
export async function deliveredItem(this: IWebhookFunctions, id: string): Promise<ShareFileItem | undefined> {
	const access = await apiAccess.call(this, false);
	if (access) {
		const request: IHttpRequestOptions = {
			method: 'GET',
			url: `${access.base}${itemUrl(id)}`,
			headers: { Accept: 'application/json', Authorization: `Bearer ${access.token}` },
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: DEFAULT_REQUEST_TIMEOUT_MS,
		};
		const quick = await settle(async () => (await this.helpers.httpRequest(request)) as { statusCode: number; body: unknown });
		if (quick.ok && quick.value.statusCode === 200 && typeof (quick.value.body as IDataObject)?.Id === 'string') {
			return quick.value.body as ShareFileItem;
		}
		if (quick.ok && quick.value.statusCode === 404) return undefined;
	}
	const read = await settle(async () => await getItem.call(this, id));
	await apiAccess.call(this, true);
	if (read.ok) return read.value;
	if (String((read.error as { httpCode?: unknown }).httpCode ?? '') === '404') return undefined;
	throw read.error;
}
