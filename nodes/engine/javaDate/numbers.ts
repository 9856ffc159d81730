/**
 * The integer parsing SimpleDateFormat gets from its DecimalFormat (Locale US, integer only, no
 * grouping): an optional '-', digits of any script, an optional exponent ("1E1" is ten), a '.'
 * or anything else ends the number; the result is Number.intValue() of what was read, so 2^32+1
 * wraps to 1 and anything past Long becomes Integer.MAX_VALUE.
 */

const ND = /\p{Nd}/u;
const digitCache = new Map<number, number>();

/** Character.digit(c, 10) for a non-ASCII UTF-16 unit: its place in its run of decimal digits. */
function unicodeDigit(c: number): number {
	let d = digitCache.get(c);
	if (d === undefined) {
		d = -1;
		if (ND.test(String.fromCharCode(c))) {
			let start = c;
			while (start > 0 && c - start < 9 && ND.test(String.fromCharCode(start - 1))) start--;
			d = (c - start) % 10;
		}
		digitCache.set(c, d);
	}
	return d;
}

/** Character.isDigit for one UTF-16 unit. */
export function isJavaDigit(c: number): boolean {
	return (c >= 48 && c <= 57) || (c >= 128 && unicodeDigit(c) >= 0);
}

const digitAt = (c: number): number => (c >= 48 && c <= 57 ? c - 48 : c < 128 ? -1 : unicodeDigit(c));

/** Result of the last successful parseJavaInt: the int value and the index after the number. */
export const parsedNumber = { value: 0, end: 0 };

const KEEP = 20;
const kept = new Uint8Array(KEEP);
const LONG_MAX = '9223372036854775807';

/** Parses a number in text[pos, limit); false when there is none. */
export function parseJavaInt(text: string, pos: number, limit: number): boolean {
	let p = pos;
	const negative = p < limit && text.charCodeAt(p) === 45;
	if (negative) p++;
	let sawDigit = false;
	let count = 0; // significant digits (after leading zeros)
	let lastNonZero = -1;
	let exponent = 0;
	for (; p < limit; p++) {
		const c = text.charCodeAt(p);
		const d = digitAt(c);
		if (d >= 0) {
			sawDigit = true;
			if (d === 0 && count === 0) continue;
			if (count < KEEP) kept[count] = d;
			if (d !== 0) lastNonZero = count;
			count++;
			continue;
		}
		if (c === 69) {
			// "E": an exponent, if digits follow; otherwise the number ends before the E.
			let q = p + 1;
			const expNegative = q < limit && text.charCodeAt(q) === 45;
			if (expNegative) q++;
			let e = 0;
			let any = false;
			for (; q < limit; q++) {
				const ed = digitAt(text.charCodeAt(q));
				if (ed < 0) break;
				any = true;
				if (e < 1e12) e = e * 10 + ed;
			}
			if (any) {
				exponent = expNegative ? -e : e;
				p = q;
			}
		}
		break;
	}
	if (!sawDigit) return false;
	parsedNumber.end = p;
	parsedNumber.value = toInt(negative, lastNonZero + 1, count + exponent);
	return true;
}

/** Number.intValue() of ±0.d1d2...dn × 10^decimalAt, the way DigitList/DecimalFormat get there. */
function toInt(negative: boolean, significant: number, decimalAt: number): number {
	if (significant === 0) return 0;
	let fitsLong = decimalAt >= significant && decimalAt <= 19;
	if (fitsLong && decimalAt === 19) {
		let digits = '';
		for (let i = 0; i < 19; i++) digits += i < significant && i < KEEP ? kept[i] : 0;
		fitsLong = digits <= LONG_MAX || (negative && digits === '9223372036854775808');
	}
	if (fitsLong) {
		// Exact long, then its low 32 bits as Java's (int) cast takes them.
		let v = 0;
		for (let i = 0; i < decimalAt; i++) v = (v * 10 + (i < significant ? kept[i] : 0)) % 4294967296;
		return (negative ? (4294967296 - v) % 4294967296 : v) | 0;
	}
	// A double: (int) truncates toward zero and saturates.
	if (decimalAt <= 0) return 0;
	if (decimalAt > 10) return negative ? -2147483648 : 2147483647;
	let v = 0;
	for (let i = 0; i < decimalAt; i++) v = v * 10 + (i < significant ? kept[i] : 0);
	if (v > 2147483647) return negative ? -2147483648 : 2147483647;
	return negative ? -v : v;
}
