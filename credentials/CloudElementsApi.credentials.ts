import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { cloudElementsAuthorization } from '../nodes/cloudElements/transport/authorization';

export class CloudElementsApi implements ICredentialType {
	name = 'cloudElementsApi';

	displayName = 'Cloud Elements API';

	documentationUrl =
		'https://github.com/cloud-elements-sharefile/n8n-nodes-cloud-elements-sharefile/blob/main/docs/credentials.md#cloud-elements-api';

	icon = { light: 'file:sharefile.svg', dark: 'file:sharefile.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Cloud Elements US', value: 'us' },
				{ name: 'Cloud Elements EU', value: 'eu' },
				{ name: 'Cloud Elements Staging', value: 'staging' },
				{ name: 'SAP Open Connectors', value: 'openConnectors' },
				{ name: 'Custom Base URL (e.g. the Local Sandbox)', value: 'custom' },
			],
			default: 'us',
		},
		{
			displayName: 'Open Connectors Region',
			name: 'region',
			type: 'string',
			default: 'us2',
			placeholder: 'e.g. us2 or eu10',
			description:
				'The region part of your tenant host, api.openconnectors.<region>.ext.hana.ondemand.com',
			displayOptions: { show: { environment: ['openConnectors'] } },
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'http://127.0.0.1:8787/elements/api-v2',
			placeholder: 'e.g. http://127.0.0.1:8787/elements/api-v2',
			description: 'Everything before /instances, including /elements/api-v2',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'User Secret',
			name: 'userSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Organization Secret',
			name: 'organizationSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'ShareFile OAuth Client ID',
			name: 'sharefileClientId',
			type: 'string',
			default: '',
			description:
				'The client ID of your ShareFile API application; used to authorize new element instances',
		},
		{
			displayName: 'ShareFile OAuth Client Secret',
			name: 'sharefileClientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'ShareFile OAuth Redirect URI',
			name: 'sharefileRedirectUri',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://example.com/oauth/callback',
			description: 'The redirect URI registered with your ShareFile API application',
		},
		{
			displayName: 'Event Signature Key',
			name: 'eventSignatureSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional. A key the webhook trigger can use instead of generating its own, to verify that deliveries come from Cloud Elements.',
		},
	];

	// A function rather than a generic header template: hub calls must extend the same header
	// with the instance token, and a generic template would overwrite it.
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const headers = { ...(requestOptions.headers ?? {}) };
		headers.Authorization = cloudElementsAuthorization(credentials, headers.Authorization);
		return { ...requestOptions, headers };
	};
}
