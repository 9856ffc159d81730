import { createHmac, timingSafeEqual } from 'crypto';

/**
 * Cloud Elements signs a delivery with HMAC-SHA256 of the body bytes exactly as sent, keyed
 * with the UTF-8 signature key, in standard padded base64 after `sha256=`. Before March 2016
 * it used HMAC-SHA1 after `sha1=`; both are accepted.
 */
const ALGORITHMS = { sha256: 'sha256', sha1: 'sha1' } as const;

type Algorithm = keyof typeof ALGORITHMS;

function toBuffer(rawBody: Buffer | string): Buffer {
	return typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
}

function digest(algorithm: Algorithm, rawBody: Buffer, key: string): Buffer {
	return createHmac(ALGORITHMS[algorithm], Buffer.from(key, 'utf8')).update(rawBody).digest();
}

/** The `Elements-Webhook-Signature` header value Cloud Elements sends for this body and key. */
export function signElementsPayload(rawBody: Buffer | string, key: string): string {
	return `sha256=${digest('sha256', toBuffer(rawBody), key).toString('base64')}`;
}

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Whether the header is a valid signature of the body under any of the keys (more than one
 * while a key is being rotated). Compared in constant time; a malformed header is simply false.
 */
export function verifyElementsSignature(
	rawBody: Buffer | string,
	header: string | undefined,
	keys: string[],
): boolean {
	if (!header || keys.length === 0) return false;
	const separator = header.indexOf('=');
	if (separator <= 0) return false;
	const algorithm = header.slice(0, separator).trim().toLowerCase();
	if (algorithm !== 'sha256' && algorithm !== 'sha1') return false;
	const encoded = header.slice(separator + 1).trim();
	if (!STRICT_BASE64.test(encoded)) return false;
	const received = Buffer.from(encoded, 'base64');
	const body = toBuffer(rawBody);
	let valid = false;
	for (const key of keys) {
		if (!key) continue;
		const expected = digest(algorithm, body, key);
		// Every key is tried, so the time taken does not tell which one matched.
		if (expected.length === received.length && timingSafeEqual(expected, received)) valid = true;
	}
	return valid;
}
