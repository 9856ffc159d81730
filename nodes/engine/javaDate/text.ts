/** Java's String.regionMatches(ignoreCase = true), character by character. */

const upperCache = new Map<number, number>();
function foldUpper(c: number): number {
	if (c < 128) return c >= 97 && c <= 122 ? c - 32 : c;
	let u = upperCache.get(c);
	if (u === undefined) {
		const s = String.fromCharCode(c).toUpperCase();
		u = s.length === 1 ? s.charCodeAt(0) : c;
		upperCache.set(c, u);
	}
	return u;
}
function foldLower(c: number): number {
	if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c;
	const s = String.fromCharCode(c).toLowerCase();
	return s.length === 1 ? s.charCodeAt(0) : c;
}

export function regionMatchesIgnoreCase(text: string, start: number, name: string): boolean {
	if (start < 0 || start + name.length > text.length) return false;
	for (let i = 0; i < name.length; i++) {
		const a = text.charCodeAt(start + i);
		const b = name.charCodeAt(i);
		if (a === b) continue;
		const ua = foldUpper(a);
		const ub = foldUpper(b);
		if (ua === ub || foldLower(ua) === foldLower(ub)) continue;
		return false;
	}
	return true;
}

