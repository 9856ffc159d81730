import type { INodeProperties } from 'n8n-workflow';

import type { WebhookEvent } from '../shareFile/webhooks/webhookSubscriptions';

/**
 * The changes a trigger can subscribe to, as the Events parameter names them (`File:Upload`), and
 * what ShareFile calls them. A Folder context offers exactly these (SHAREFILE_API.md §3.1).
 */
export const EVENT_OPTIONS = [
	{ name: 'File Uploaded', value: 'File:Upload' },
	{ name: 'File Updated', value: 'File:Update' },
	{ name: 'File Downloaded', value: 'File:Download' },
	{ name: 'File Deleted', value: 'File:Delete' },
	{ name: 'Folder Deleted', value: 'Folder:Delete' },
];

/** The Events parameter, offering `options` (some of EVENT_OPTIONS), uploads and updates chosen. */
export function eventsField(options: typeof EVENT_OPTIONS): INodeProperties {
	return {
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options,
		default: ['File:Upload', 'File:Update'],
		required: true,
		description: 'The changes that start the workflow',
	};
}

export function webhookEvents(values: readonly string[]): WebhookEvent[] {
	return values.map((value) => {
		const [ResourceType, OperationName] = value.split(':');
		return { ResourceType, OperationName };
	});
}

const eventName = (event: WebhookEvent) => `${event.ResourceType}:${event.OperationName}`.toLowerCase();

/** Whether a subscription asks for exactly these events (in any order or case). */
export function sameEvents(a: readonly WebhookEvent[], b: readonly WebhookEvent[]): boolean {
	const names = new Set(a.map(eventName));
	return names.size === new Set(b.map(eventName)).size && b.every((event) => names.has(eventName(event)));
}

/** Whether a delivery is of an event the trigger asked for. */
export function isWanted(values: readonly string[], resourceType: string, operationName: string): boolean {
	return values.some((value) => value.toLowerCase() === `${resourceType}:${operationName}`.toLowerCase());
}
