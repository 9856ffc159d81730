const FIXED_ENVIRONMENTS: Record<string, string> = {
	us: 'https://api.cloud-elements.com/elements/api-v2',
	eu: 'https://api.cloud-elements.co.uk/elements/api-v2',
	staging: 'https://staging.cloud-elements.com/elements/api-v2',
};

/** The API root for the credential's environment, without a trailing slash. */
export function cloudElementsBaseUrl(credentials: {
	environment?: unknown;
	region?: unknown;
	baseUrl?: unknown;
}): string {
	const environment = String(credentials.environment ?? 'us');
	if (FIXED_ENVIRONMENTS[environment]) return FIXED_ENVIRONMENTS[environment];
	if (environment === 'openConnectors') {
		const region = String(credentials.region ?? '').trim() || 'us2';
		return `https://api.openconnectors.${region}.ext.hana.ondemand.com/elements/api-v2`;
	}
	return String(credentials.baseUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
}
