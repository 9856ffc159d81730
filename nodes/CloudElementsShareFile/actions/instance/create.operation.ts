import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { eventsFields } from '../../../cloudElements/descriptions/eventsFields';
import { maskInstance } from '../../../engine/instanceOutput';
import { cloudElementsRequest, CREDENTIAL_TYPE } from '../../../cloudElements/transport';
import {
	checkInstanceConfiguration,
	eventsConfigurationParameter,
	withWarnings,
} from './eventsParameters';
import { rawConfigurationParameter, tagsFromText } from './shared';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. ShareFile production',
	},
	{
		displayName: 'Authorization Code',
		name: 'authorizationCode',
		type: 'string',
		default: '',
		required: true,
		description:
			'The OAuth authorization grant code ShareFile returned to your redirect URI (see Instance → Get OAuth Authorization URL). Each code works once.',
	},
	{
		displayName: 'ShareFile Subdomain',
		name: 'subdomain',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. acme for acme.sharefile.com',
	},
	{
		displayName: 'Root Folder',
		name: 'rootFolder',
		type: 'string',
		default: '/top',
		description: 'The folder the instance sees as its root; /top is the top of the account',
	},
	{
		displayName: 'Tags',
		name: 'tags',
		type: 'string',
		default: '',
		placeholder: 'e.g. prod, finance',
		description: 'Comma-separated tags to find the instance by later',
	},
	...eventsFields({}, false),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Raw Configuration (JSON)',
				name: 'rawConfiguration',
				type: 'json',
				default: '{}',
				description:
					'Configuration keys sent as they are, over the fields above, such as settings the form does not offer',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['instance'], operation: ['create'] } },
	properties,
);

function credentialValue(
	this: IExecuteFunctions,
	credentials: IDataObject,
	key: string,
	label: string,
	itemIndex: number,
): string {
	const value = String(credentials[key] ?? '').trim();
	if (!value) {
		throw new NodeOperationError(this.getNode(), `The Cloud Elements credential has no ${label}`, {
			description: `Creating a ShareFile instance needs the ${label} of your ShareFile API application: add it to the credential.`,
			itemIndex,
		});
	}
	return value;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const required = (name: string, label: string) => {
		const value = String(this.getNodeParameter(name, itemIndex, '')).trim();
		if (!value) {
			throw new NodeOperationError(this.getNode(), `${label} is empty`, {
				description: `Enter the ${label} to create the instance.`,
				itemIndex,
			});
		}
		return value;
	};
	const name = required('name', 'Name');
	const code = required('authorizationCode', 'Authorization Code');
	const subdomain = required('subdomain', 'ShareFile Subdomain');
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;

	const configuration: IDataObject = {
		'oauth.api.key': credentialValue.call(this, credentials, 'sharefileClientId', 'ShareFile OAuth Client ID', itemIndex),
		'oauth.api.secret': credentialValue.call(this, credentials, 'sharefileClientSecret', 'ShareFile OAuth Client Secret', itemIndex),
		'oauth.callback.url': credentialValue.call(this, credentials, 'sharefileRedirectUri', 'ShareFile OAuth Redirect URI', itemIndex),
		'sharefile.subdomain': subdomain,
		'document.root.folder.name': String(this.getNodeParameter('rootFolder', itemIndex, '/top')).trim() || '/top',
		...eventsConfigurationParameter.call(this, itemIndex),
		...rawConfigurationParameter.call(this, options.rawConfiguration, itemIndex),
	};
	const warnings = checkInstanceConfiguration.call(this, configuration, itemIndex, true);

	const { body } = await cloudElementsRequest.call(this, {
		method: 'POST',
		path: '/instances',
		body: {
			element: { key: 'sharefile' },
			providerData: { code },
			configuration,
			tags: tagsFromText(this.getNodeParameter('tags', itemIndex, '')),
			name,
		},
		itemIndex,
	});
	return [
		{
			json: withWarnings.call(this, maskInstance(body as IDataObject), warnings),
			pairedItem: { item: itemIndex },
		},
	];
}
