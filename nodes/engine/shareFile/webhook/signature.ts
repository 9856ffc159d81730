import { createHmac, timingSafeEqual } from 'crypto';

import { isStrictBase64, keyObject } from '../../hmac';

/**
 * ShareFile signs a webhook delivery with HMAC-SHA256 of the payload under each signature key of
 * the OAuth client (`SF-WEBHOOK-PRIMARY-SIGNATURE`, `SF-WEBHOOK-SECONDARY-SIGNATURE`). What exactly
 * is hashed and how it is encoded is not documented: the raw body, keyed with the key's UTF-8
 * bytes, in base64 or hex, are both taken.
 */
export interface ShareFileSignatureHeaders {
	primary?: string;
	secondary?: string;
}

const isHex = (text: string) => text.length === 64 && /^[0-9a-fA-F]+$/.test(text);

function receivedDigest(header: string | undefined): Buffer | undefined {
	const text = header?.trim();
	if (!text) return undefined;
	if (isHex(text)) return Buffer.from(text, 'hex');
	return isStrictBase64(text) ? Buffer.from(text, 'base64') : undefined;
}

/**
 * Whether either header is the signature of the body under any of the keys: while a key is being
 * rotated ShareFile may sign with the new one and the receiver still knows the old. Every pair is
 * compared, in constant time, so the time taken does not tell which one matched.
 */
export function verifyShareFileSignature(rawBody: Buffer | string, headers: ShareFileSignatureHeaders, keys: readonly string[]): boolean {
	const received = [headers.primary, headers.secondary].map(receivedDigest).filter((digest): digest is Buffer => digest !== undefined);
	const usable = keys.filter((key) => key !== '');
	if (received.length === 0 || usable.length === 0) return false;
	const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
	let valid = false;
	for (const key of usable) {
		const expected = createHmac('sha256', keyObject(key)).update(body).digest();
		for (const digest of received) {
			if (digest.length === expected.length && timingSafeEqual(digest, expected)) valid = true;
		}
	}
	return valid;
}

/** The header value ShareFile sends for this body and key (base64). */
export function signShareFilePayload(rawBody: Buffer | string, key: string): string {
	return createHmac('sha256', keyObject(key)).update(rawBody).digest('base64');
}
