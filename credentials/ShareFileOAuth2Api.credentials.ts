import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

// ShareFile has no fixed token host: each account has its own
// (https://<subdomain>.<control plane>/oauth/token), so both OAuth URLs are expressions over the
// account fields. The API host comes later, from the token answer (subdomain, apicp).
const accountUrl = (path: string) =>
	`={{ $self["controlPlane"] === "custom" ? $self["customHostPrefix"] + $self["subdomain"] + "${path}" : "https://" + $self["subdomain"] + "." + $self["controlPlane"] + "${path}" }}`;

// The API of the account a token opens, for the credential's test: https://<subdomain>.<apicp>/sf/v3
// from ShareFile's token answer (n8n keeps it in oauthTokenData), else from the credential's own
// fields; a custom host prefix stands in for https://. The same rule as the node's
// shareFileApiBase (nodes/shareFile/transport/apiBase.ts), written as an n8n expression because
// n8n runs a credential's test declaratively; a unit test holds the two to the same answers.
export const API_BASE_EXPRESSION =
	'={{ ($credentials.controlPlane === "custom" ? ($credentials.customHostPrefix || "").trim() || "https://" : "https://") + ((($credentials.oauthTokenData || {}).subdomain || "").trim() || ($credentials.subdomain || "").trim() || "secure") + "." + ((($credentials.oauthTokenData || {}).apicp || "").trim() || { "sharefile.com": "sf-api.com", "sharefile.eu": "sf-api.eu" }[($credentials.controlPlane || "").trim() || "sharefile.com"] || "sf-api.com") + "/sf/v3" }}';

export class ShareFileOAuth2Api implements ICredentialType {
	name = 'shareFileOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'ShareFile OAuth2 API';

	documentationUrl =
		'https://github.com/cloud-elements-sharefile/n8n-nodes-cloud-elements-sharefile/blob/main/docs/credentials.md#sharefile-oauth2-api';

	icon = { light: 'file:sharefile.svg', dark: 'file:sharefile.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Account Subdomain',
			name: 'subdomain',
			type: 'string',
			default: 'secure',
			required: true,
			placeholder: 'e.g. acme',
			description:
				'The first part of your ShareFile address: acme for acme.sharefile.com. "secure" works for every account.',
		},
		{
			displayName: 'Region',
			name: 'controlPlane',
			type: 'options',
			options: [
				{ name: 'ShareFile (sharefile.com)', value: 'sharefile.com' },
				{ name: 'ShareFile EU (sharefile.eu)', value: 'sharefile.eu' },
				{ name: 'Custom Host (e.g. the Local Sandbox)', value: 'custom' },
			],
			default: 'sharefile.com',
		},
		{
			displayName: 'Custom Host Prefix',
			name: 'customHostPrefix',
			type: 'string',
			default: 'http://127.0.0.1:8787/sharefile/',
			placeholder: 'e.g. http://127.0.0.1:8787/sharefile/',
			description:
				'What stands in place of https:// before the account host, ending with a slash. The local sandbox answers at http://127.0.0.1:8787/sharefile/.',
			displayOptions: { show: { controlPlane: ['custom'] } },
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: accountUrl('/oauth/authorize'),
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: accountUrl('/oauth/token'),
		},
		{
			// ShareFile has no scopes: a token carries the user's own permissions.
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			// ShareFile reads client_id and client_secret from the form body.
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
	];

	// n8n runs this with the stored token (refreshing it on a 401) when a test is asked through its
	// API (POST /rest/credentials/test, POST /api/v1/credentials/{id}/test); its editor tests no
	// OAuth2 credential and shows "Account connected" instead. ShareFile's GET Accounts answers the
	// account the token opens (CompanyName, Subdomain).
	test: ICredentialTestRequest = {
		request: {
			baseURL: API_BASE_EXPRESSION,
			url: '/Accounts',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'ShareFile refused the access token: reconnect the credential with Connect my account',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'No ShareFile account answers at this address: check the account subdomain and the region',
				},
			},
		],
	};
}
