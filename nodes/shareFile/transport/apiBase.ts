/** What the credential holds that says where the account's API is. */
export interface ShareFileAccountFields {
	subdomain?: unknown;
	controlPlane?: unknown;
	customHostPrefix?: unknown;
	oauthTokenData?: unknown;
}

/** The API control plane a region has when the token does not say (INFERRED from SHAREFILE_API.md §1.1). */
const API_CONTROL_PLANES: Record<string, string> = {
	'sharefile.com': 'sf-api.com',
	'sharefile.eu': 'sf-api.eu',
};

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/**
 * The account's API root, `https://<subdomain>.<apicp>/sf/v3`, from the token answer ShareFile
 * gave (`subdomain`, `apicp`: n8n keeps them in `oauthTokenData`, across refreshes too), else from
 * the credential's subdomain and region. For a custom host (the sandbox), its prefix stands where
 * `https://` does.
 */
export function shareFileApiBase(credentials: ShareFileAccountFields): string {
	const token = (credentials.oauthTokenData && typeof credentials.oauthTokenData === 'object'
		? credentials.oauthTokenData
		: {}) as Record<string, unknown>;
	const controlPlane = text(credentials.controlPlane) || 'sharefile.com';
	const subdomain = text(token.subdomain) || text(credentials.subdomain) || 'secure';
	const apicp = text(token.apicp) || API_CONTROL_PLANES[controlPlane] || 'sf-api.com';
	const prefix = controlPlane === 'custom' ? text(credentials.customHostPrefix) || 'https://' : 'https://';
	return `${prefix}${subdomain}.${apicp}/sf/v3`;
}
