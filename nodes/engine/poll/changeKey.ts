/**
 * A change is a record id at an updated time. Its key in the poll state is a 48-bit FNV-1a
 * hash of the id in 8 base64url characters, so a thousand remembered changes fit in a few KB;
 * a collision (odds about 1 in 10^11 per lookup) could hide one change, never repeat one.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LANE = 16777216; // 2^24: each lane gives 24 bits
const INDEX = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) INDEX[ALPHABET.charCodeAt(i)] = i;

/** The 48-bit hash of an id as a number (exact in a double): high lane × 2^24 + low lane. */
export function idHashNumber(id: string): number {
	// Two independent 32-bit FNV-1a lanes (different offset bases); 24 bits of each are kept.
	let a = 0x811c9dc5;
	let b = 0x050c5d1f;
	for (let i = 0; i < id.length; i++) {
		const c = id.charCodeAt(i);
		a = Math.imul(a ^ c, 0x01000193);
		b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
	}
	return (a & 0xffffff) * LANE + (b & 0xffffff);
}

const CODES = Int32Array.from(ALPHABET, (c) => c.charCodeAt(0));

/** The 8 characters of a hash number: six bits of the high lane, then of the low, four times. */
export function hashText(hash: number): string {
	const high = Math.floor(hash / LANE);
	const low = hash - high * LANE;
	return String.fromCharCode(
		CODES[high & 63], CODES[low & 63],
		CODES[(high >>> 6) & 63], CODES[(low >>> 6) & 63],
		CODES[(high >>> 12) & 63], CODES[(low >>> 12) & 63],
		CODES[(high >>> 18) & 63], CODES[(low >>> 18) & 63],
	);
}

/** The hash number of 8 characters written by hashText; NaN for anything else. */
export function hashNumber(text: string): number {
	return text.length === 8 ? hashNumberAt(text, 0) : NaN;
}

/** hashNumber of the 8 characters of text at `at` (which must exist); NaN if they are not a hash. */
export function hashNumberAt(text: string, at: number): number {
	let high = 0;
	let low = 0;
	for (let i = 3; i >= 0; i--) {
		const h = text.charCodeAt(at + 2 * i);
		const l = text.charCodeAt(at + 2 * i + 1);
		const hv = h < 128 ? INDEX[h] : -1;
		const lv = l < 128 ? INDEX[l] : -1;
		if (hv < 0 || lv < 0) return NaN;
		high = high * 64 + hv;
		low = low * 64 + lv;
	}
	return high * LANE + low;
}

export function idHash(id: string): string {
	return hashText(idHashNumber(id));
}

/**
 * A set of changes (hash number, updated time), as an open-addressing hash table over two
 * Float64Arrays: no string or object per change, which matters when a poll reads 100,000.
 */
export class ChangeKeySet {
	private hashes = new Float64Array(64);

	private times = new Float64Array(64);

	private used = new Uint8Array(64);

	private mask = 63;

	private count = 0;

	get size(): number {
		return this.count;
	}

	private slot(hash: number, updatedMs: number): number {
		// The hash's low lane is already well mixed; the time's low bits spread equal hashes.
		return (Math.imul((hash | 0) ^ Math.imul(updatedMs | 0, 0x9e3779b1), 0x85ebca6b) >>> 7) & this.mask;
	}

	has(hash: number, updatedMs: number): boolean {
		const { hashes, times, used, mask } = this;
		for (let i = this.slot(hash, updatedMs); used[i] === 1; i = (i + 1) & mask) {
			if (hashes[i] === hash && times[i] === updatedMs) return true;
		}
		return false;
	}

	/** Adds the change; false when it was already there. */
	add(hash: number, updatedMs: number): boolean {
		const { hashes, times, used, mask } = this;
		let i = this.slot(hash, updatedMs);
		for (; used[i] === 1; i = (i + 1) & mask) {
			if (hashes[i] === hash && times[i] === updatedMs) return false;
		}
		used[i] = 1;
		hashes[i] = hash;
		times[i] = updatedMs;
		if (++this.count * 2 > mask) this.grow();
		return true;
	}

	private grow(): void {
		const { hashes, times, used } = this;
		const capacity = used.length * 2;
		this.hashes = new Float64Array(capacity);
		this.times = new Float64Array(capacity);
		this.used = new Uint8Array(capacity);
		this.mask = capacity - 1;
		for (let i = 0; i < used.length; i++) {
			if (used[i] !== 1) continue;
			let j = this.slot(hashes[i], times[i]);
			while (this.used[j] === 1) j = (j + 1) & this.mask;
			this.used[j] = 1;
			this.hashes[j] = hashes[i];
			this.times[j] = times[i];
		}
	}
}
