import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { eventsFields } from '../../../cloudElements/descriptions/eventsFields';
import { instanceLocator } from '../../../cloudElements/descriptions/instanceLocator';
import { maskInstance } from '../../../engine/instanceOutput';
import { cloudElementsRequest } from '../../../cloudElements/transport';
import {
	checkInstanceConfiguration,
	eventsConfigurationParameter,
	withWarnings,
} from './eventsParameters';
import { instanceIdParameter, rawConfigurationParameter, tagsFromText } from './shared';

const show = { resource: ['instance'], operation: ['update'] };

const properties: INodeProperties[] = [
	instanceLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string',
				default: '',
				description: 'Comma-separated; replaces all of the instance’s tags',
			},
			{
				displayName: 'Raw Configuration (JSON)',
				name: 'rawConfiguration',
				type: 'json',
				default: '{}',
				description: 'Configuration keys to change, sent as they are',
			},
		],
	},
];

export const description: INodeProperties[] = [
	...updateDisplayOptions({ show }, properties),
	...eventsFields(show, true),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const id = instanceIdParameter.call(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const configuration: IDataObject = {
		...eventsConfigurationParameter.call(this, itemIndex),
		...rawConfigurationParameter.call(this, fields.rawConfiguration, itemIndex),
	};
	const warnings = checkInstanceConfiguration.call(this, configuration, itemIndex, false);

	const patch: IDataObject = {};
	if (fields.name !== undefined) {
		const name = String(fields.name).trim();
		if (!name) {
			throw new NodeOperationError(this.getNode(), 'Name is empty', {
				description: 'Enter the new name, or remove the Name field to keep the current one.',
				itemIndex,
			});
		}
		patch.name = name;
	}
	if (fields.tags !== undefined) patch.tags = tagsFromText(fields.tags);
	if (Object.keys(configuration).length > 0) patch.configuration = configuration;
	if (Object.keys(patch).length === 0) {
		throw new NodeOperationError(this.getNode(), 'Nothing to update', {
			description: 'Add a field under Update Fields, or choose an Events setting other than "Don\'t Change".',
			itemIndex,
		});
	}

	const { body } = await cloudElementsRequest.call(this, {
		method: 'PATCH',
		path: `/instances/${id}`,
		body: patch,
		itemIndex,
	});
	return [
		{
			json: withWarnings.call(this, maskInstance(body as IDataObject), warnings),
			pairedItem: { item: itemIndex },
		},
	];
}
