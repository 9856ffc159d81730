import vectors from '../fixtures/signature-vectors.json';
import {
	signElementsPayload,
	verifyElementsSignature,
} from '../../nodes/engine/webhook/signature';

const PUBLISHED_KEY = 'MySecretEventSignatureKey';
const PUBLISHED_BODY = '<INSERT_EVENT_NOTIFICATION_RESPONSE_BODY>';
const PUBLISHED_HEADER = 'sha256=jHdbRx5EZAsOfTwAPJOGkNUzQMVVdu5VJlxcsk+G6jQ=';

describe('delivery signatures', () => {
	it("matches Cloud Elements' published vector", () => {
		expect(PUBLISHED_BODY).toHaveLength(41);
		expect(signElementsPayload(PUBLISHED_BODY, PUBLISHED_KEY)).toBe(PUBLISHED_HEADER);
		expect(verifyElementsSignature(PUBLISHED_BODY, PUBLISHED_HEADER, [PUBLISHED_KEY])).toBe(true);
	});

	it.each(vectors.vectors.map((vector) => [vector.algorithm, vector.key.slice(0, 12), vector]))(
		'agrees with openssl (%s, key %s…)',
		(_algorithm, _key, vector) => {
			const { algorithm, key, body, header } = vector as (typeof vectors.vectors)[number];
			if (algorithm === 'sha256') expect(signElementsPayload(Buffer.from(body, 'utf8'), key)).toBe(header);
			expect(verifyElementsSignature(Buffer.from(body, 'utf8'), header, [key])).toBe(true);
		},
	);

	const body = Buffer.from('{"message":{"events":[{"eventType":"CREATED","objectId":"fi1"}]},"id":"7"}');
	const key = 'rotating-key-2';
	const header = signElementsPayload(body, key);

	it('refuses a body with one byte changed', () => {
		for (const index of [0, 10, body.length - 1]) {
			const tampered = Buffer.from(body);
			tampered[index] ^= 1;
			expect(verifyElementsSignature(tampered, header, [key])).toBe(false);
		}
	});

	it('refuses the same JSON serialized again', () => {
		const reserialized = JSON.stringify(JSON.parse(body.toString()), null, 1);
		expect(verifyElementsSignature(reserialized, header, [key])).toBe(false);
	});

	it('refuses hex instead of base64, a wrong key, a missing or malformed header', () => {
		const hex = `sha256=${Buffer.from(header.slice(7), 'base64').toString('hex')}`;
		expect(verifyElementsSignature(body, hex, [key])).toBe(false);
		expect(verifyElementsSignature(body, header, ['another-key'])).toBe(false);
		expect(verifyElementsSignature(body, undefined, [key])).toBe(false);
		expect(verifyElementsSignature(body, '', [key])).toBe(false);
		expect(verifyElementsSignature(body, header.slice(7), [key])).toBe(false);
		expect(verifyElementsSignature(body, `md5=${header.slice(7)}`, [key])).toBe(false);
		expect(verifyElementsSignature(body, `${header}x`, [key])).toBe(false);
		expect(verifyElementsSignature(body, header, [])).toBe(false);
	});

	it('accepts the second of two keys, for rotation with an overlap', () => {
		expect(verifyElementsSignature(body, header, ['rotating-key-1', key])).toBe(true);
	});
});
