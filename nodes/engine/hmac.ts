/** What both backends' signature checks share: HMAC keys kept ready, strict base64, constant-time compare. */
import { createSecretKey, type KeyObject } from 'crypto';

/**
 * The key as a KeyObject, kept for the next delivery (process memory only, a handful of
 * keys): Node's HMAC starts several times faster from a KeyObject than from a Buffer.
 */
const keyObjects = new Map<string, KeyObject>();
const MAX_KEY_OBJECTS = 32;

export function keyObject(key: string): KeyObject {
	let object = keyObjects.get(key);
	if (object === undefined) {
		object = createSecretKey(Buffer.from(key, 'utf8'));
		if (keyObjects.size >= MAX_KEY_OBJECTS) keyObjects.delete(keyObjects.keys().next().value as string);
		keyObjects.set(key, object);
	}
	return object;
}

const isBase64Char = (c: number): boolean =>
	(c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;

/** Standard base64 with its padding, nothing else: /^(?:[A-Za-z0-9+\/]{4})*(?:[A-Za-z0-9+\/]{2}==|[A-Za-z0-9+\/]{3}=)?$/. */
export function isStrictBase64(text: string): boolean {
	const length = text.length;
	if (length % 4 !== 0) return false;
	let end = length;
	if (length > 0 && text.charCodeAt(length - 1) === 61) end = text.charCodeAt(length - 2) === 61 ? length - 2 : length - 1;
	for (let i = 0; i < end; i++) if (!isBase64Char(text.charCodeAt(i))) return false;
	return true;
}

/** Equal texts, in time that depends only on their lengths. */
export function equalTexts(a: string, b: string): boolean {
	if (a.length !== b.length) return false;
	let difference = 0;
	for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
	return difference === 0;
}
