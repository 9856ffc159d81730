/**
 * A change is a record id at an updated time. Its key in the poll state is a 48-bit FNV-1a
 * hash of the id in 8 base64url characters, so a thousand remembered changes fit in a few KB;
 * a collision (odds about 1 in 10^11 per lookup) could hide one change, never repeat one.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function idHash(id: string): string {
	// Two independent 32-bit FNV-1a lanes (different offset bases) give 48 usable bits.
	let a = 0x811c9dc5;
	let b = 0x050c5d1f;
	for (let i = 0; i < id.length; i++) {
		const c = id.charCodeAt(i);
		a = Math.imul(a ^ c, 0x01000193);
		b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
	}
	let out = '';
	let high = a >>> 0;
	let low = b >>> 0;
	for (let i = 0; i < 4; i++) {
		out += ALPHABET[high & 63];
		high >>>= 6;
		out += ALPHABET[low & 63];
		low >>>= 6;
	}
	return out;
}
