import { createHmac } from 'crypto';

import { equalTexts, keyObject } from '../../hmac';

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

/** A SHA-256 digest in hex (ShareFile's encoding is not documented; base64 is the other taken). */
const isHexDigest = (text: string | undefined) => text !== undefined && text.length === 64 && /^[0-9a-fA-F]+$/.test(text);

/**
 * Whether a header carries this digest, compared as text in constant time: the digest's canonical
 * base64 (so nothing but standard padded base64 matches), or its hex in either case.
 */
function carries(header: string | undefined, base64: string, hex: string | undefined): boolean {
	if (header === undefined) return false;
	return hex !== undefined && header.length === hex.length ? equalTexts(header.toLowerCase(), hex) : equalTexts(header, base64);
}

/**
 * Whether either header is the signature of the body under any of the keys: while a key is being
 * rotated ShareFile may sign with the new one and the receiver still knows the old. Every pair is
 * compared, in constant time, so the time taken does not tell which one matched. The digest is
 * compared in the header's own encoding: cheaper than decoding the header into bytes.
 */
export function verifyShareFileSignature(rawBody: Buffer | string, headers: ShareFileSignatureHeaders, keys: readonly string[]): boolean {
	const primary = headers.primary?.trim() || undefined;
	const secondary = headers.secondary?.trim() || undefined;
	if (primary === undefined && secondary === undefined) return false;
	const wantsHex = isHexDigest(primary) || isHexDigest(secondary);
	let valid = false;
	for (const key of keys) {
		if (key === '') continue;
		const hmac = createHmac('sha256', keyObject(key)).update(rawBody);
		let base64: string;
		let hex: string | undefined;
		if (wantsHex) {
			const digest = hmac.digest();
			[base64, hex] = [digest.toString('base64'), digest.toString('hex')];
		} else {
			base64 = hmac.digest('base64');
		}
		if (carries(primary, base64, hex)) valid = true;
		if (carries(secondary, base64, hex)) valid = true;
	}
	return valid;
}

/** The header value ShareFile sends for this body and key (base64). */
export function signShareFilePayload(rawBody: Buffer | string, key: string): string {
	return createHmac('sha256', keyObject(key)).update(rawBody).digest('base64');
}
