import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { NormalizedEvent } from '../engine/normalizedEvent';

/** An event as an n8n item, the same for both triggers. */
export function eventItem(event: NormalizedEvent): INodeExecutionData {
	return { json: event as unknown as IDataObject };
}

/** One n8n item per event. */
export function eventItems(events: NormalizedEvent[]): INodeExecutionData[] {
	return events.map(eventItem);
}

/**
 * Items of events the webhook trigger recovered after n8n missed them (down, restarting, the
 * workflow inactive): the same shape plus `recovered: true`. Live items have no such field.
 */
export function markRecovered(items: INodeExecutionData[]): void {
	for (const item of items) item.json.recovered = true;
}
