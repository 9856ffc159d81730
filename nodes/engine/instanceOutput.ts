export const MASK = '********';

/** Configuration keys whose values are secrets, whatever the server returned for them. */
const SECRET_CONFIGURATION_KEYS = new Set([
	'oauth.api.secret',
	'event.notification.signature.key',
	'event.notification.basic.password',
	'oauth.user.token',
	'oauth.user.refresh_token',
	'oauth.access.token',
	'oauth.refresh.token',
]);

function isSecretKey(key: string): boolean {
	return SECRET_CONFIGURATION_KEYS.has(key) || /secret|password|token/i.test(key);
}

/** An instance as node output: the same record with its token and secret settings masked. */
export function maskInstance<T extends Record<string, unknown>>(instance: T): T {
	const masked: Record<string, unknown> = { ...instance };
	if ('token' in masked) masked.token = MASK;
	const configuration = masked.configuration;
	if (configuration && typeof configuration === 'object' && !Array.isArray(configuration)) {
		const copy: Record<string, unknown> = {};
		for (const [key, value] of Object.entries(configuration as Record<string, unknown>)) {
			copy[key] = isSecretKey(key) && value !== null && value !== '' ? MASK : value;
		}
		masked.configuration = copy;
	}
	return masked as T;
}

/** Configuration records (`GET /instances/{id}/configuration`) with secret values masked. */
export function maskConfigurationRecord<T extends Record<string, unknown>>(record: T): T {
	const key = String(record.key ?? '');
	if (isSecretKey(key) && record.propertyValue) return { ...record, propertyValue: MASK };
	return record;
}
