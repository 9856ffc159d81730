import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { cloudElementsRequest, CREDENTIAL_TYPE } from '../../../cloudElements/transport';

const properties: INodeProperties[] = [
	{
		displayName: 'State',
		name: 'state',
		type: 'string',
		default: '',
		description:
			'Optional value ShareFile sends back with the code to your redirect URI, to tie the answer to this request',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['instance'], operation: ['getOAuthUrl'] } },
	properties,
);

const CREDENTIAL_FIELDS = [
	['sharefileClientId', 'apiKey', 'ShareFile OAuth Client ID'],
	['sharefileClientSecret', 'apiSecret', 'ShareFile OAuth Client Secret'],
	['sharefileRedirectUri', 'callbackUrl', 'ShareFile OAuth Redirect URI'],
] as const;

/** Step one of authorizing a new instance: the ShareFile page where a user grants access. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const qs: IDataObject = {};
	for (const [field, query, label] of CREDENTIAL_FIELDS) {
		const value = String(credentials[field] ?? '').trim();
		if (!value) {
			throw new NodeOperationError(this.getNode(), `The Cloud Elements credential has no ${label}`, {
				description: `The authorization URL is built from your ShareFile API application: add its ${label} to the credential.`,
				itemIndex,
			});
		}
		qs[query] = value;
	}
	const state = String(this.getNodeParameter('state', itemIndex, '')).trim();
	if (state) qs.state = state;
	const { body } = await cloudElementsRequest.call(this, {
		method: 'GET',
		path: '/elements/sharefile/oauth/url',
		qs,
		itemIndex,
	});
	const answer = (body ?? {}) as IDataObject;
	return [
		{
			json: { oauthUrl: answer.oauthUrl, element: answer.element ?? 'sharefile' },
			pairedItem: { item: itemIndex },
		},
	];
}
