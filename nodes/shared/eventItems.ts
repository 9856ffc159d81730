import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { NormalizedEvent } from './engine/normalizedEvent';

/** An event as an n8n item, the same for both triggers. */
export function eventItem(event: NormalizedEvent): INodeExecutionData {
	return { json: event as unknown as IDataObject };
}

/** One n8n item per event. */
export function eventItems(events: NormalizedEvent[]): INodeExecutionData[] {
	return events.map(eventItem);
}
