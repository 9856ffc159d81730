import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { NormalizedEvent } from './engine/normalizedEvent';

/** One n8n item per event, the same for both triggers. */
export function eventItems(events: NormalizedEvent[]): INodeExecutionData[] {
	return events.map((event) => ({ json: event as unknown as IDataObject }));
}
