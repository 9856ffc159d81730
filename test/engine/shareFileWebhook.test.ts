import { createHmac } from 'crypto';

import { normalizeShareFileDelivery, shareFileEventType } from '../../nodes/engine/shareFile/webhook/normalize';
import { parseShareFileDelivery, shareFileDeliveryKey } from '../../nodes/engine/shareFile/webhook/payload';
import { signShareFilePayload, verifyShareFileSignature } from '../../nodes/engine/shareFile/webhook/signature';
import { DeliveryError } from '../../nodes/engine/webhook/delivery';

// The payload of ShareFile's documentation, as it arrives.
const body = JSON.stringify({
	WebhookSubscriptionId: 'w123',
	AccountInfo: { AccountId: 'a123', Subdomain: 'mycompany', AppControlPlane: 'sharefile.com', ApiControlPlane: 'sf-api.com' },
	Event: { Timestamp: '2000-01-01T20:20:20Z', OperationName: 'Upload', ResourceType: 'File', Resource: { Id: 'fi123', Parent: { Id: 'fo123' } } },
});
const hmac = (key: string, payload = body) => createHmac('sha256', Buffer.from(key, 'utf8')).update(payload);

describe('verifyShareFileSignature', () => {
	const primaryKey = 'primary-key-0123456789';
	const secondaryKey = 'secondary-key-9876543210';

	it('takes the primary or the secondary header, in base64 or hex, under either key', () => {
		expect(verifyShareFileSignature(body, { primary: hmac(primaryKey).digest('base64') }, [primaryKey, secondaryKey])).toBe(true);
		expect(verifyShareFileSignature(body, { primary: hmac(primaryKey).digest('hex') }, [primaryKey])).toBe(true);
		expect(verifyShareFileSignature(body, { secondary: hmac(secondaryKey).digest('base64') }, [primaryKey, secondaryKey])).toBe(true);
		// Rotation: the new primary key signs, the receiver still knows it as well as the old one.
		expect(verifyShareFileSignature(Buffer.from(body), { primary: 'garbage', secondary: hmac(secondaryKey).digest('hex').toUpperCase() }, [secondaryKey])).toBe(true);
		expect(signShareFilePayload(body, primaryKey)).toBe(hmac(primaryKey).digest('base64'));
	});

	it('refuses a missing or malformed signature, another key, and a tampered body', () => {
		expect(verifyShareFileSignature(body, {}, [primaryKey])).toBe(false);
		expect(verifyShareFileSignature(body, { primary: hmac(primaryKey).digest('base64') }, [])).toBe(false);
		expect(verifyShareFileSignature(body, { primary: hmac(primaryKey).digest('base64') }, [''])).toBe(false);
		expect(verifyShareFileSignature(body, { primary: 'not a signature!' }, [primaryKey])).toBe(false);
		expect(verifyShareFileSignature(body, { primary: hmac('another-account-key').digest('base64') }, [primaryKey, secondaryKey])).toBe(false);
		expect(verifyShareFileSignature(body.replace('fi123', 'fi999'), { primary: hmac(primaryKey).digest('base64') }, [primaryKey])).toBe(false);
		expect(verifyShareFileSignature(body, { primary: hmac(primaryKey).digest('base64').slice(0, 40) }, [primaryKey])).toBe(false);
		// Only standard, padded base64 (or hex): not unpadded, not the URL-safe alphabet.
		const signature = hmac(primaryKey).digest('base64');
		expect(verifyShareFileSignature(body, { primary: signature.replace(/=+$/, '') }, [primaryKey])).toBe(false);
		expect(verifyShareFileSignature(body, { primary: hmac(primaryKey).digest('base64url') }, [primaryKey])).toBe(false);
		expect(verifyShareFileSignature(body, { primary: ` ${signature}\n` }, [primaryKey])).toBe(true);
		expect(verifyShareFileSignature(body, { primary: hmac(primaryKey).digest('hex').slice(0, 63) + 'g' }, [primaryKey])).toBe(false);
	});
});

describe('parseShareFileDelivery and its key', () => {
	it('reads the documented payload', () => {
		const delivery = parseShareFileDelivery(body);
		expect(delivery).toMatchObject({
			subscriptionId: 'w123',
			accountId: 'a123',
			subdomain: 'mycompany',
			timestamp: '2000-01-01T20:20:20.000Z',
			operationName: 'Upload',
			resourceType: 'File',
			resourceId: 'fi123',
			parentId: 'fo123',
		});
		expect(shareFileDeliveryKey(delivery)).toBe('w123|2000-01-01T20:20:20.000Z|File|Upload|fi123');
		// The same event sent again is the same key; another operation on the same file is not.
		expect(shareFileDeliveryKey(parseShareFileDelivery(Buffer.from(body)))).toBe(shareFileDeliveryKey(delivery));
		expect(shareFileDeliveryKey(parseShareFileDelivery(body.replace('"Upload"', '"Download"')))).not.toBe(shareFileDeliveryKey(delivery));
	});

	it.each([
		['not json', 'The body is not JSON'],
		['{"Event":{}}', 'The body is not a ShareFile webhook event (no Event.Resource)'],
		['{"Event":{"Timestamp":"yesterday","OperationName":"Upload","ResourceType":"File","Resource":{"Id":"fi1"}}}', 'The ShareFile event has no valid Event.Timestamp'],
		['{"Event":{"Timestamp":"2000-01-01T00:00:00Z","ResourceType":"File","Resource":{"Id":"fi1"}}}', 'The ShareFile event lacks Event.OperationName, Event.ResourceType or Event.Resource.Id'],
	])('refuses %s with a message that says what is wrong', (text, message) => {
		expect(() => parseShareFileDelivery(text)).toThrow(new DeliveryError(message));
	});
});

describe('normalizeShareFileDelivery', () => {
	it('emits the shape every trigger of the package emits', () => {
		const receivedAt = new Date('2000-01-01T20:20:21.500Z');
		expect(normalizeShareFileDelivery(parseShareFileDelivery(body), receivedAt)).toEqual({
			eventType: 'CREATED',
			objectType: 'file',
			objectId: 'fi123',
			parentId: 'fo123',
			elementKey: 'sharefile',
			hubKey: 'documents',
			eventDate: '2000-01-01T20:20:20.000Z',
			pollDate: '2000-01-01T20:20:21.500Z',
			instanceId: 'a123',
			subdomain: 'mycompany',
			subscriptionId: 'w123',
			source: 'sharefile',
			raw: JSON.parse(body),
		});
	});

	it.each([
		['Upload', 'CREATED'],
		['Update', 'UPDATED'],
		['Delete', 'DELETED'],
		['Download', 'RETRIEVED'],
		['upgradetopaid', 'UNKNOWN'],
	])('%s is %s', (operation, eventType) => {
		expect(shareFileEventType(operation)).toBe(eventType);
	});
});
