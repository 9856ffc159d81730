/* eslint-disable n8n-nodes-base/node-param-default-missing -- Create and Update share these
   fields and differ only in their defaults ("Don't Change" for Update), which the rule cannot
   see through; every field has a default. */
import type { INodeProperties } from 'n8n-workflow';

import { pollResourcesField } from './pollResources';

/**
 * How an instance reports changes: the fields shared by Instance → Create and Update.
 * `show` is the displayOptions.show under which they appear; `keepOption` adds "Don't Change".
 */
export function eventsFields(
	show: Record<string, string[]>,
	keepOption: boolean,
): INodeProperties[] {
	const withEvents = (modes: string[]) => ({ show: { ...show, events: modes } });
	return [
		{
			displayName: 'Events',
			name: 'events',
			type: 'options',
			displayOptions: { show },
			options: [
				...(keepOption ? [{ name: "Don't Change", value: 'keep' }] : []),
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
			default: keepOption ? 'keep' : 'off',
		},
		{
			displayName: 'Callback URL',
			name: 'callbackUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://n8n.example.com/webhook/sharefile',
			description: keepOption
				? 'Where Cloud Elements POSTs events. Leave empty to keep the current one.'
				: 'Where Cloud Elements POSTs events',
			required: !keepOption,
			displayOptions: withEvents(['polling', 'webhook']),
		},
		{
			displayName: 'Signature Key',
			name: 'signatureKeyMode',
			type: 'options',
			options: [
				...(keepOption ? [{ name: "Don't Change", value: 'keep' }] : []),
				{ name: 'None', value: 'none', description: 'Deliveries are not signed' },
				{
					name: 'Generate One',
					value: 'generate',
					description:
						'A random 256-bit key is set on the instance; it is never shown, only its fingerprint',
				},
				{ name: 'Enter One', value: 'custom' },
			],
			default: keepOption ? 'keep' : 'none',
			displayOptions: withEvents(['polling', 'webhook']),
		},
		{
			displayName: 'Signature Key Value',
			name: 'signatureKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Cloud Elements signs each delivery with HMAC-SHA256 of this key',
			displayOptions: { show: { ...show, events: ['polling', 'webhook'], signatureKeyMode: ['custom'] } },
		},
		{
			displayName: 'Refresh Interval (Minutes)',
			name: 'refreshInterval',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 15,
			description: 'How often Cloud Elements polls ShareFile',
			displayOptions: withEvents(['polling']),
		},
		{ ...pollResourcesField, displayOptions: withEvents(['polling']) },
	];
}
