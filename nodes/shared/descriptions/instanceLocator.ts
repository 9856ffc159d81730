import type { INodeProperties } from 'n8n-workflow';

/** The element instance picker every node shares: a searchable list, or an ID typed in. */
export const instanceLocator: INodeProperties = {
	displayName: 'Instance',
	name: 'instance',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The ShareFile element instance in Cloud Elements',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchInstances', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 4242',
			validation: [
				{
					type: 'regex',
					properties: { regex: '^\\s*[0-9]+\\s*$', errorMessage: 'An instance ID is a number' },
				},
			],
		},
	],
};

/**
 * The same picker for the triggers, without the ID mode's regex: n8n checks a resource
 * locator's regex before every execution, and does it in a sandbox (its safe-regex runs each
 * test in a vm context), about 0.6 ms a time — the largest cost a webhook delivery adds in n8n.
 * The triggers check the ID themselves on activation and on every poll (instanceIdFrom), with
 * the same kind of message.
 */
export const triggerInstanceLocator: INodeProperties = {
	...instanceLocator,
	modes: instanceLocator.modes!.map((mode) => (mode.name === 'id' ? { ...mode, validation: undefined } : mode)),
};
