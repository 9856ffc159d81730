import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { itemOutput } from '../engine/shareFile/itemOutput';
import { normalizeShareFileDelivery } from '../engine/shareFile/webhook/normalize';
import { parseShareFileDelivery, shareFileDeliveryKey, type ShareFileDelivery } from '../engine/shareFile/webhook/payload';
import { verifyShareFileSignature } from '../engine/shareFile/webhook/signature';
import { claimChange } from '../engine/webhook/claimedChanges';
import { DeliveryError, readJsonBody } from '../engine/webhook/delivery';
import { isSubscriptionSecret, SUBSCRIPTION_PARAMETER } from '../engine/webhook/instanceSubscription';
import { forgetDelivery, readRecentDeliveries, rememberIfNew } from '../engine/webhook/recentDeliveries';
import { attachEventDownloads } from '../shared/binary/eventDownloads';
import { downloadSettings } from '../shared/binary/downloadSettings';
import { eventItem, markRecovered } from '../shared/eventItems';
import { settle } from '../shared/settle';
import { rememberedForTrigger } from '../shared/trigger/rememberedForTrigger';
import { triggerKey } from '../shared/trigger/triggerKey';
import { rawBodyOf, refuse } from '../shared/trigger/webhookRequest';
import { openItemDownload } from '../shareFile/items/download';
import { CREDENTIAL_TYPE } from '../shareFile/transport/request';
import { signatureKeys } from '../shareFile/webhooks/signatureKeys';
import { deliveredItem } from './deliveredItemLookup';
import { webhookSecret } from './subscription';
import { isWanted } from './webhookEvents';

/**
 * The OAuth client's signature keys, kept in this process's memory only (a few minutes), read
 * again at once when a delivery matches none: a key may have been rotated since.
 */
async function keysFor(this: IWebhookFunctions, fresh: boolean): Promise<string[]> {
	const remembered = await rememberedForTrigger.call(
		this,
		'signature keys',
		async () => {
			const credentials = await this.getCredentials(CREDENTIAL_TYPE);
			return JSON.stringify(await signatureKeys.call(this, String(credentials.clientId ?? '')));
		},
		{ fresh },
	);
	return JSON.parse(remembered ?? '[]') as string[];
}

async function isSigned(this: IWebhookFunctions, rawBody: Buffer): Promise<boolean> {
	const headers = this.getHeaderData() as IDataObject;
	const signatures = {
		primary: typeof headers['sf-webhook-primary-signature'] === 'string' ? headers['sf-webhook-primary-signature'] : undefined,
		secondary: typeof headers['sf-webhook-secondary-signature'] === 'string' ? headers['sf-webhook-secondary-signature'] : undefined,
	};
	if (!signatures.primary && !signatures.secondary) return false;
	if (verifyShareFileSignature(rawBody, signatures, await keysFor.call(this, false))) return true;
	return verifyShareFileSignature(rawBody, signatures, await keysFor.call(this, true));
}

/**
 * The item's name and path, which the payload lacks, from the item itself; a deleted item (or one
 * gone since) keeps its ids only.
 */
async function describedItem(this: IWebhookFunctions, delivery: ShareFileDelivery): Promise<INodeExecutionData> {
	const item = eventItem(normalizeShareFileDelivery(delivery, new Date()));
	if (delivery.operationName.toLowerCase() === 'delete') return item;
	const found = await deliveredItem.call(this, delivery.resourceId);
	if (found) {
		const { name, path, size, modifiedDate } = itemOutput(found);
		Object.assign(item.json, { name, ...(path ? { path } : {}), ...(size !== undefined ? { size } : {}), ...(modifiedDate ? { modifiedDate } : {}) });
	}
	return item;
}

/**
 * One delivery from ShareFile: 401 unless it came to this webhook's URL and is signed with the OAuth
 * client's key, 400 unless it is a ShareFile event; acknowledged without a run when it repeats one
 * already run or is of an event not chosen; otherwise one item.
 */
export async function receiveShareFileDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const rawBody = await rawBodyOf.call(this);
	const query = this.getQueryData() as IDataObject;
	if (!isSubscriptionSecret(query[SUBSCRIPTION_PARAMETER], await webhookSecret.call(this)) || !(await isSigned.call(this, rawBody))) {
		return refuse.call(this, 401, 'Missing or invalid ShareFile webhook signature');
	}
	let delivery: ShareFileDelivery;
	try {
		delivery = parseShareFileDelivery(readJsonBody(rawBody));
	} catch (error) {
		return refuse.call(this, 400, error instanceof DeliveryError ? error.message : 'The body could not be read');
	}
	if (!isWanted(this.getNodeParameter('events', []) as string[], delivery.resourceType, delivery.operationName)) {
		return { webhookResponse: { received: 0 } };
	}
	const staticData = this.getWorkflowStaticData('node') as { recentDeliveries?: unknown };
	const trigger = triggerKey.call(this);
	const key = shareFileDeliveryKey(delivery);
	const remembered = rememberIfNew(readRecentDeliveries(staticData.recentDeliveries), key, trigger);
	if (remembered === undefined) return { webhookResponse: { received: 0, duplicate: true } };
	// Anything that fails from here is answered 503, so ShareFile sends the delivery again, and it
	// is forgotten, so that copy runs.
	const prepared = await settle(async () => {
		const item = await describedItem.call(this, delivery);
		const settings = downloadSettings.call(this);
		if (settings) {
			const files = { provider: 'ShareFile', open: async (fileId: string) => await openItemDownload.call(this, fileId) };
			await attachEventDownloads.call(this, files, [item], settings);
		}
		return item;
	});
	if (!prepared.ok) {
		forgetDelivery(key, trigger);
		const error = prepared.error as { message?: string; description?: string };
		return refuse.call(this, 503, `The delivery could not be prepared; send it again. ${[error.message, error.description].filter(Boolean).join(' ')}`.trim());
	}
	const item = prepared.value;
	// The same upload can come by ShareFile's delivery and by the trigger's reconcile: it runs once.
	const change = typeof item.json.modifiedDate === 'string' ? `${delivery.resourceId}@${item.json.modifiedDate}` : undefined;
	if (change !== undefined && !claimChange(trigger, change, delivery.recovered ? 'recovered' : 'live')) {
		staticData.recentDeliveries = remembered;
		return { webhookResponse: { received: 0, duplicate: true } };
	}
	if (delivery.recovered) markRecovered([item]);
	staticData.recentDeliveries = remembered;
	return { workflowData: [[item]] };
}
