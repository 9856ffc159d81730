import { cloudElementsAuthorization } from '../../nodes/cloudElements/transport/authorization';
import { cloudElementsBaseUrl } from '../../nodes/cloudElements/transport/baseUrl';
import { redactSecrets } from '../../nodes/shared/http/redact';
import {
	DEFAULT_RETRY_POLICY,
	isRetryableStatus,
	nextRetryDelay,
	parseRetryAfter,
} from '../../nodes/shared/http/retryPolicy';
import { maskConfigurationRecord, maskInstance } from '../../nodes/engine/instanceOutput';

describe('retry policy', () => {
	it('retries rate limits and gateway failures only', () => {
		expect([429, 502, 503, 504].every(isRetryableStatus)).toBe(true);
		expect([400, 401, 403, 404, 409, 500].some(isRetryableStatus)).toBe(false);
	});

	it('reads Retry-After as seconds or as an HTTP date', () => {
		expect(parseRetryAfter('3', 0)).toBe(3000);
		expect(parseRetryAfter('0.5', 0)).toBe(500);
		const now = Date.parse('2024-03-05T14:00:00Z');
		expect(parseRetryAfter('Tue, 05 Mar 2024 14:00:10 GMT', now)).toBe(10_000);
		expect(parseRetryAfter('soon', now)).toBeUndefined();
		expect(parseRetryAfter(undefined, now)).toBeUndefined();
	});

	it('backs off exponentially with jitter, honours Retry-After, and gives up within its bounds', () => {
		const low = () => 0;
		const high = () => 0.999;
		expect(nextRetryDelay(DEFAULT_RETRY_POLICY, 1, 0, undefined, low)).toBe(250);
		expect(nextRetryDelay(DEFAULT_RETRY_POLICY, 1, 0, undefined, high)).toBe(500);
		expect(nextRetryDelay(DEFAULT_RETRY_POLICY, 3, 0, undefined, low)).toBe(1000);
		expect(nextRetryDelay(DEFAULT_RETRY_POLICY, 2, 0, 7000, low)).toBe(7000);
		expect(nextRetryDelay(DEFAULT_RETRY_POLICY, 5, 0, undefined, low)).toBeUndefined();
		expect(nextRetryDelay(DEFAULT_RETRY_POLICY, 1, 59_900, undefined, low)).toBeUndefined();
		expect(nextRetryDelay(DEFAULT_RETRY_POLICY, 1, 0, 120_000, low)).toBeUndefined();
	});
});

describe('credential helpers', () => {
	it('builds the platform header and adds the instance token for hub calls', () => {
		const credentials = { userSecret: 'u', organizationSecret: 'o' };
		expect(cloudElementsAuthorization(credentials, undefined)).toBe('User u, Organization o');
		expect(cloudElementsAuthorization(credentials, 'Element t')).toBe('User u, Organization o, Element t');
		expect(cloudElementsAuthorization(credentials, 'Bearer x')).toBe('User u, Organization o');
	});

	it('maps each environment to its API root', () => {
		expect(cloudElementsBaseUrl({ environment: 'us' })).toBe('https://api.cloud-elements.com/elements/api-v2');
		expect(cloudElementsBaseUrl({ environment: 'eu' })).toBe('https://api.cloud-elements.co.uk/elements/api-v2');
		expect(cloudElementsBaseUrl({ environment: 'staging' })).toBe('https://staging.cloud-elements.com/elements/api-v2');
		expect(cloudElementsBaseUrl({ environment: 'openConnectors', region: 'eu10' })).toBe(
			'https://api.openconnectors.eu10.ext.hana.ondemand.com/elements/api-v2',
		);
		expect(cloudElementsBaseUrl({ environment: 'custom', baseUrl: ' http://127.0.0.1:8787/elements/api-v2/ ' })).toBe(
			'http://127.0.0.1:8787/elements/api-v2',
		);
	});
});

describe('secrets in output', () => {
	it('replaces every occurrence of a secret, leaving short values alone', () => {
		expect(redactSecrets('a s3cret and s3cret', ['s3cret'])).toBe('a ******** and ********');
		expect(redactSecrets('abc', ['ab', undefined, ''])).toBe('abc');
	});

	it('masks the token and secret configuration of an instance', () => {
		const masked = maskInstance({
			id: 1,
			token: 'tok',
			configuration: {
				'oauth.api.secret': 'x',
				'event.notification.signature.key': 'k',
				'oauth.user.refresh_token': 'r',
				'sharefile.subdomain': 'acme',
				'event.notification.basic.password': '',
			},
		});
		expect(masked.token).toBe('********');
		expect(masked.configuration).toEqual({
			'oauth.api.secret': '********',
			'event.notification.signature.key': '********',
			'oauth.user.refresh_token': '********',
			'sharefile.subdomain': 'acme',
			'event.notification.basic.password': '',
		});
		expect(maskConfigurationRecord({ key: 'oauth.api.secret', propertyValue: 'x' }).propertyValue).toBe('********');
		expect(maskConfigurationRecord({ key: 'oauth.api.key', propertyValue: 'x' }).propertyValue).toBe('x');
	});
});
