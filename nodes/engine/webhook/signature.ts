import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'crypto';

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

/**
 * The key as a KeyObject, kept for the next delivery (process memory only, a handful of
 * keys): Node's HMAC starts several times faster from a KeyObject than from a Buffer.
 */
const keyObjects = new Map<string, KeyObject>();
const MAX_KEY_OBJECTS = 32;

function keyObject(key: string): KeyObject {
	let object = keyObjects.get(key);
	if (object === undefined) {
		object = createSecretKey(Buffer.from(key, 'utf8'));
		if (keyObjects.size >= MAX_KEY_OBJECTS) keyObjects.delete(keyObjects.keys().next().value as string);
		keyObjects.set(key, object);
	}
	return object;
}

function digest(algorithm: Algorithm, rawBody: Buffer, key: string): Buffer {
	return createHmac(ALGORITHMS[algorithm], keyObject(key)).update(rawBody).digest();
}

/** The `Elements-Webhook-Signature` header value Cloud Elements sends for this body and key. */
export function signElementsPayload(rawBody: Buffer | string, key: string): string {
	return `sha256=${digest('sha256', toBuffer(rawBody), key).toString('base64')}`;
}

const isBase64Char = (c: number): boolean =>
	(c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;

/** Standard base64 with its padding, nothing else: /^(?:[A-Za-z0-9+\/]{4})*(?:[A-Za-z0-9+\/]{2}==|[A-Za-z0-9+\/]{3}=)?$/. */
function isStrictBase64(text: string): boolean {
	const length = text.length;
	if (length % 4 !== 0) return false;
	let end = length;
	if (length > 0 && text.charCodeAt(length - 1) === 61) end = text.charCodeAt(length - 2) === 61 ? length - 2 : length - 1;
	for (let i = 0; i < end; i++) if (!isBase64Char(text.charCodeAt(i))) return false;
	return true;
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

/** Equal texts, in time that depends only on their lengths. */
function equalTexts(a: string, b: string): boolean {
	if (a.length !== b.length) return false;
	let difference = 0;
	for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
	return difference === 0;
}
