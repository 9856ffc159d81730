import { registeredCallbackUrl, withPreviousRegistration, previousRegistrationOf } from '../../nodes/engine/webhook/callbackRegistration';
import {
	callbackHolder,
	instanceSignatureKey,
	instanceTopic,
	isOwnSubscriptionUrl,
	isSubscriptionSecret,
	keyFingerprint,
	keyTag,
	subscriberKeyTag,
	subscriptionSecret,
	subscriptionUrl,
} from '../../nodes/engine/webhook/instanceSubscription';

const PRODUCTION = 'https://n8n.example.com/webhook/3f2a/webhook';
const TEST = 'https://n8n.example.com/webhook-test/3f2a/webhook';
const nobody = { callbackUrl: '', enabled: false, vendorType: '' };

describe('registration by subscription (engine)', () => {
	it('names the instance topic as Cloud Elements does', () => {
		expect(instanceTopic(523232, 'sfdc')).toBe('instance-523232-sfdc-events');
	});

	it('derives one key per instance from its token: the same for every subscriber, another for another token or instance', () => {
		const key = instanceSignatureKey('token-a', 42);
		expect(instanceSignatureKey('token-a', 42)).toBe(key);
		expect(instanceSignatureKey('token-b', 42)).not.toBe(key);
		expect(instanceSignatureKey('token-a', 43)).not.toBe(key);
		expect(Buffer.from(key, 'base64')).toHaveLength(32);
	});

	it('gives each webhook (production, test, another node) its own URL secret, and compares it exactly', () => {
		const secrets = ['user', 'org'];
		const production = subscriptionSecret(secrets, { workflowId: 'w1', nodeId: 'n1', test: false });
		expect(production).toMatch(/^[\w-]{32}$/);
		expect(subscriptionSecret(secrets, { workflowId: 'w1', nodeId: 'n1', test: true })).not.toBe(production);
		expect(subscriptionSecret(secrets, { workflowId: 'w1', nodeId: 'n2', test: false })).not.toBe(production);
		expect(subscriptionSecret(['user', 'other'], { workflowId: 'w1', nodeId: 'n1', test: false })).not.toBe(production);
		expect(isSubscriptionSecret(production, production)).toBe(true);
		expect(isSubscriptionSecret(`${production}x`, production)).toBe(false);
		expect(isSubscriptionSecret(undefined, production)).toBe(false);
	});

	it('puts the secret and which key it checks in the URL, never the key, and recognizes its own URL', () => {
		expect(keyTag(undefined)).toBe('instance');
		const tag = keyTag('the-key');
		expect(tag).toMatch(/^c[\w-]{8}$/);
		expect(tag).toBe(`c${keyFingerprint('the-key')}`);
		expect(keyTag('other-key')).not.toBe(tag);
		const url = subscriptionUrl(PRODUCTION, 'secret-1', tag);
		expect(url).toBe(`${PRODUCTION}?n8n_sub=secret-1&n8n_key=${tag}`);
		expect(url).not.toContain('the-key');
		expect(subscriberKeyTag(url)).toBe(tag);
		expect(subscriberKeyTag('https://receiver.example.com/x')).toBeUndefined();
		// Carrying what it replaced does not make it another URL.
		const holding = withPreviousRegistration(url, { callbackUrl: 'https://receiver.example.com/x', enabled: false, vendorType: 'polling' });
		expect(isOwnSubscriptionUrl(holding, PRODUCTION, 'secret-1', tag)).toBe(true);
		expect(previousRegistrationOf(holding)).toEqual({ callbackUrl: 'https://receiver.example.com/x', enabled: false, vendorType: 'polling' });
		expect(isOwnSubscriptionUrl(url, PRODUCTION, 'secret-2', tag)).toBe(false);
		expect(isOwnSubscriptionUrl(url, PRODUCTION, 'secret-1', 'instance')).toBe(false);
		expect(isOwnSubscriptionUrl(url, TEST, 'secret-1', tag)).toBe(false);
	});

	it('tells who holds an instance’s callback', () => {
		expect(callbackHolder('', PRODUCTION)).toBe('none');
		expect(callbackHolder(registeredCallbackUrl(PRODUCTION, 'nonce', nobody), PRODUCTION)).toBe('thisCallbackRegistration');
		expect(callbackHolder(subscriptionUrl(PRODUCTION, 's', 'k'), PRODUCTION)).toBe('thisSubscription');
		expect(callbackHolder(registeredCallbackUrl(TEST, 'nonce', nobody), PRODUCTION)).toBe('sameTrigger');
		expect(callbackHolder(registeredCallbackUrl('https://n8n.example.com/webhook/9c1d/webhook', 'nonce', nobody), PRODUCTION)).toBe('otherCallbackTrigger');
		expect(callbackHolder(subscriptionUrl('https://n8n.example.com/webhook/9c1d/webhook', 's', 'k'), PRODUCTION)).toBe('otherSubscriber');
		expect(callbackHolder('https://receiver.example.com/events?token=1', PRODUCTION)).toBe('outside');
		expect(callbackHolder('not a url', PRODUCTION)).toBe('outside');
	});
});
