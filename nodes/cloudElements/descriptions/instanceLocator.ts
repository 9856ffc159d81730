import type { INodeProperties } from 'n8n-workflow';

import { triggerLocator } from '../../shared/descriptions/triggerLocator';

/** Cloud Elements names an instance by its API URL (`.../elements/api-v2/instances/4242`). */
const INSTANCE_URL_REGEX = 'https?://\\S+/instances/([0-9]+)(?:[/?#]\\S*)?$';

/** The element instance picker every node shares: a searchable list, an ID, or an instance URL. */
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
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: 'e.g. https://api.cloud-elements.com/elements/api-v2/instances/4242',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: `^\\s*${INSTANCE_URL_REGEX}`,
						errorMessage: 'An instance URL ends in /instances/ and the instance ID, e.g. …/instances/4242',
					},
				},
			],
			extractValue: { type: 'regex', regex: INSTANCE_URL_REGEX },
		},
	],
};

/** The same picker for the triggers, which check the ID themselves (instanceIdFrom). */
export const triggerInstanceLocator: INodeProperties = triggerLocator(instanceLocator);

/**
 * The triggers' canvas subtitle. In the editor `$parameter["instance"]` is the picked value
 * itself (an ID, or the URL typed in By URL), not the resource locator object.
 */
const ONE_INSTANCE =
	'$parameter["instance"] ? "Instance " + String($parameter["instance"]).replace(/^.*\\/instances\\/([0-9]+).*$/, "$1") : "No instance picked"';

export const instanceSubtitle = `={{ ${ONE_INSTANCE} }}`;

/** The webhook trigger's: one instance, several, or those with a tag. */
export const triggerInstancesSubtitle = `={{ $parameter["instanceSource"] === "several" ? ($parameter["instanceIds"] || []).length + " instances" : $parameter["instanceSource"] === "tag" ? "Instances tagged " + $parameter["instanceTag"] : ${ONE_INSTANCE} }}`;
