import type { INodeProperties } from 'n8n-workflow';

import { pollResourcesField } from './pollResources';

const KEEP = { name: "Don't Change", value: 'keep' };

const eventsMode: INodeProperties = {
	displayName: 'Events',
	name: 'events',
	type: 'options',
	options: [
		{
			name: 'Off',
			value: 'off',
			description: 'The instance reports no changes',
		},
		{
			name: 'Polling',
			value: 'polling',
			description: 'Cloud Elements polls ShareFile every few minutes and reports what changed',
		},
		{
			name: 'Webhook',
			value: 'webhook',
			description: 'ShareFile tells Cloud Elements of uploads, updates and deletions as they happen',
		},
	],
	default: 'off',
};

const callbackUrl: INodeProperties = {
	displayName: 'Callback URL',
	name: 'callbackUrl',
	type: 'string',
	default: '',
	placeholder: 'e.g. https://n8n.example.com/webhook/sharefile',
	description: 'Where Cloud Elements POSTs events',
	required: true,
};

const signatureKeyMode: INodeProperties = {
	displayName: 'Signature Key',
	name: 'signatureKeyMode',
	type: 'options',
	options: [
		{ name: 'None', value: 'none', description: 'Deliveries are not signed' },
		{
			name: 'Generate One',
			value: 'generate',
			description: 'A random 256-bit key is set on the instance; it is never shown',
		},
		{ name: 'Enter One', value: 'custom' },
	],
	default: 'none',
};

const signatureKey: INodeProperties = {
	displayName: 'Signature Key Value',
	name: 'signatureKey',
	type: 'string',
	typeOptions: { password: true },
	default: '',
	required: true,
	description: 'Cloud Elements signs each delivery with HMAC-SHA256 of this key',
};

const refreshInterval: INodeProperties = {
	displayName: 'Refresh Interval (Minutes)',
	name: 'refreshInterval',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 15,
	description: 'How often Cloud Elements polls ShareFile',
};

/**
 * How an instance reports changes: the fields shared by Instance → Create and Update, shown
 * under `show`. Update (`forUpdate`) adds "Don't Change" and keeps an empty callback as it is.
 */
export function eventsFields(show: Record<string, string[]>, forUpdate: boolean): INodeProperties[] {
	const when = (modes: string[], extra: Record<string, string[]> = {}) => ({
		show: { ...show, events: modes, ...extra },
	});
	const withEvents = ['polling', 'webhook'];
	return [
		forUpdate
			? { ...eventsMode, options: [KEEP, ...eventsMode.options!], default: 'keep', displayOptions: { show } }
			: { ...eventsMode, displayOptions: { show } },
		forUpdate
			? {
					...callbackUrl,
					required: false,
					description: 'Where Cloud Elements POSTs events. Leave empty to keep the current one.',
					displayOptions: when(withEvents),
				}
			: { ...callbackUrl, displayOptions: when(withEvents) },
		forUpdate
			? {
					...signatureKeyMode,
					options: [KEEP, ...signatureKeyMode.options!],
					default: 'keep',
					displayOptions: when(withEvents),
				}
			: { ...signatureKeyMode, displayOptions: when(withEvents) },
		{ ...signatureKey, displayOptions: when(withEvents, { signatureKeyMode: ['custom'] }) },
		{ ...refreshInterval, displayOptions: when(['polling']) },
		{ ...pollResourcesField, displayOptions: when(['polling']) },
	];
}
