import { createHmac, timingSafeEqual } from 'crypto';

import { equalTexts, isStrictBase64, keyObject } from '../hmac';

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
	return createHmac(ALGORITHMS[algorithm], keyObject(key)).update(rawBody).digest();
}

/** The `Elements-Webhook-Signature` header value Cloud Elements sends for this body and key. */
export function signElementsPayload(rawBody: Buffer | string, key: string): string {
	return `sha256=${digest('sha256', toBuffer(rawBody), key).toString('base64')}`;
}

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
	let algorithm: string;
	let encoded: string;
	if (header.startsWith('sha256=')) {
		// What Cloud Elements sends; the general reading below gives the same.
		algorithm = 'sha256';
		encoded = header.slice(7).trim();
	} else {
		const separator = header.indexOf('=');
		if (separator <= 0) return false;
		algorithm = header.slice(0, separator).trim().toLowerCase();
		encoded = header.slice(separator + 1).trim();
	}
	if (algorithm !== 'sha256' && algorithm !== 'sha1') return false;
	if (!isStrictBase64(encoded)) return false;
	const body = toBuffer(rawBody);
	let valid = false;
	let received: Buffer | undefined;
	for (const key of keys) {
		if (!key) continue;
		const mac = createHmac(ALGORITHMS[algorithm as Algorithm], keyObject(key)).update(body);
		// Every key is tried, so the time taken does not tell which one matched. The usual
		// case compares base64 texts; only a mismatch decodes the header, so that an encoding
		// with stray bits in its last character (which decodes to the same bytes) still counts.
		const expected = mac.digest('base64');
		if (equalTexts(expected, encoded)) {
			valid = true;
		} else {
			received ??= Buffer.from(encoded, 'base64');
			const bytes = Buffer.from(expected, 'base64');
			if (bytes.length === received.length && timingSafeEqual(bytes, received)) valid = true;
		}
	}
	return valid;
}
