import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { callbackTarget } from '../engine/webhook/callbackRegistration';
import { isBeforeWindow, type StoredEventEntry } from '../engine/webhook/recoveryPlan';
import { cloudElementsRequest, cloudElementsRequestAll } from '../cloudElements/transport';

const PAGE_SIZE = 200;

/**
 * The instance's stored events from `since` on (all of the 7 days kept without it). The log
 * lists newest first, so the walk stops at the first page that reaches past `since`; a page that
 * comes oldest first is never taken as the end.
 */
export async function storedEventsSince(
	this: IHookFunctions,
	instanceId: string | number,
	since: string | undefined,
): Promise<StoredEventEntry[]> {
	const events: StoredEventEntry[] = [];
	let nextPage: string | undefined;
	for (;;) {
		const qs: IDataObject = { pageSize: PAGE_SIZE, ...(nextPage ? { nextPage } : {}) };
		const response = await cloudElementsRequest.call(this, { method: 'GET', path: `/instances/${instanceId}/events`, qs });
		const page = Array.isArray(response.body) ? (response.body as StoredEventEntry[]) : [];
		events.push(...page);
		nextPage = response.headers['elements-next-page-token'];
		const last = page[page.length - 1];
		const newestFirst = page.length > 1 && Date.parse(page[0].eventDate) >= Date.parse(last.eventDate);
		if (!nextPage || page.length < PAGE_SIZE || (newestFirst && isBeforeWindow(last, since))) break;
	}
	return events.filter((event) => !isBeforeWindow(event, since));
}

const QUEUED_WHERE = "channel='webhook' and status='queued'";

/** A CEQL string literal: quotes doubled. */
const quoted = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * The queued deliveries made for this webhook (any registration of it: the nonce in the URL
 * changes with every activation), by their `config.url`, and their eventIds.
 */
export async function queuedDeliveriesFor(
	this: IHookFunctions,
	webhookUrl: string,
): Promise<{ urls: string[]; eventIds: string[] }> {
	const listed = await cloudElementsRequestAll.call<IHookFunctions, Parameters<typeof cloudElementsRequestAll>, Promise<IDataObject[]>>(this, {
		method: 'GET',
		path: '/notifications/subscriptions/deliveries',
		qs: { where: QUEUED_WHERE },
	});
	const target = callbackTarget(webhookUrl);
	const urls = new Set<string>();
	const eventIds: string[] = [];
	for (const delivery of listed) {
		const url = String((delivery.config as IDataObject | undefined)?.url ?? '');
		if (!url || callbackTarget(url) !== target) continue;
		urls.add(url);
		if (delivery.eventId !== undefined && delivery.eventId !== null) eventIds.push(String(delivery.eventId));
	}
	return { urls: [...urls], eventIds };
}

/**
 * Asks Cloud Elements to send this webhook's queued deliveries again, one `config.url` at a time,
 * so only this trigger's are taken. Naming the current callback URL also takes up a subscription
 * deactivated by a delivery that failed for good, when nothing of it was queued.
 */
export async function releaseQueued(this: IHookFunctions, urls: string[]): Promise<void> {
	for (const url of urls) {
		await cloudElementsRequest.call(this, {
			method: 'PUT',
			path: '/notifications/subscriptions/deliveries',
			qs: { where: `${QUEUED_WHERE} and config.url=${quoted(url)}` },
		});
	}
}
