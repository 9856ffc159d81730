// @ts-check
'use strict';

const { javaZone, readZoneName } = require('./java-zones');

/**
 * The sandbox's own java.text.SimpleDateFormat (Locale US, non-lenient), enough for Cloud Elements'
 * date patterns: letters G y Y M L w W D d F E u a H k K h m s S z Z X, 'quoted text', '' for a
 * quote. Written from Java's documented behaviour and checked against Java's answers in
 * test/sandbox/fixtures/java-date.json. Not covered: the Julian calendar before 1582, and parsing
 * of the week fields Y w W F (format only).
 */

const LETTERS = 'GyMdkHmsSEDFwWahKzZYuXL';
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const short = (/** @type {string} */ name) => name.slice(0, 3);
const DAY_MS = 86400000;

/** The message Java's exception would carry, for callers that show it. */
class JavaDateError extends Error {}

/**
 * @typedef {{ letter: string, count: number } | { text: string }} Token
 */

/** @type {Map<string, Token[]>} */
const compiled = new Map();

/**
 * Splits a pattern into fields and literal text, refusing what Java refuses.
 * @param {string} pattern
 * @returns {Token[]}
 */
function compile(pattern) {
	const known = compiled.get(pattern);
	if (known) return known;
	/** @type {Token[]} */
	const tokens = [];
	let literal = '';
	const flush = () => {
		if (literal) tokens.push({ text: literal });
		literal = '';
	};
	let i = 0;
	while (i < pattern.length) {
		const c = pattern[i];
		if (c === "'") {
			if (pattern[i + 1] === "'") {
				literal += "'";
				i += 2;
				continue;
			}
			let j = i + 1;
			for (;;) {
				if (j >= pattern.length) throw new JavaDateError('Unterminated quote');
				if (pattern[j] === "'") {
					if (pattern[j + 1] === "'") {
						literal += "'";
						j += 2;
						continue;
					}
					break;
				}
				literal += pattern[j++];
			}
			i = j + 1;
			continue;
		}
		if (/[a-zA-Z]/.test(c)) {
			if (!LETTERS.includes(c)) throw new JavaDateError(`Illegal pattern character '${c}'`);
			let j = i;
			while (pattern[j] === c) j++;
			const count = j - i;
			if (c === 'X' && count > 3) throw new JavaDateError(`invalid ISO 8601 format: length=${count}`);
			flush();
			tokens.push({ letter: c, count });
			i = j;
			continue;
		}
		literal += c;
		i++;
	}
	flush();
	compiled.set(pattern, tokens);
	return tokens;
}

/** @param {number} year */
const isLeap = (year) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
/** @param {number} year @param {number} month0 */
const daysInMonth = (year, month0) => new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
/** Midnight UTC of a Gregorian date; years below 100 stay themselves. @param {number} year @param {number} month0 @param {number} day */
const utcDate = (year, month0, day) => {
	const date = new Date(0);
	date.setUTCFullYear(year, month0, day);
	return date.getTime();
};
/** @param {number} year @param {number} month0 @param {number} day */
const dayOfYearOf = (year, month0, day) => Math.round((utcDate(year, month0, day) - utcDate(year, 0, 1)) / DAY_MS) + 1;
/** @param {number} year @param {number} month0 @param {number} day  0 = Sunday */
const weekday = (year, month0, day) => {
	const date = new Date(0);
	date.setUTCFullYear(year, month0, day);
	return date.getUTCDay();
};

/**
 * The calendar fields of an instant in a zone (Gregorian, Locale US: weeks start on Sunday and
 * week 1 is the week holding January 1).
 * @param {number} epochMs @param {import('./java-zones').JavaZone} zone
 */
function fieldsOf(epochMs, zone) {
	const offsetMs = zone.offsetAt(epochMs);
	const local = new Date(epochMs + offsetMs);
	const year = local.getUTCFullYear();
	const month0 = local.getUTCMonth();
	const day = local.getUTCDate();
	const dayOfWeek = local.getUTCDay();
	const dayOfYear = dayOfYearOf(year, month0, day);
	const jan1Weekday = weekday(year, 0, 1);
	let weekOfYear = Math.floor((dayOfYear - 1 + jan1Weekday) / 7) + 1;
	let weekYear = year;
	const daysInYear = isLeap(year) ? 366 : 365;
	const nextJan1Weekday = (jan1Weekday + daysInYear) % 7;
	// The last days of December share a week with next January 1: that week is week 1 of next year.
	if (nextJan1Weekday !== 0 && dayOfYear > daysInYear - nextJan1Weekday) {
		weekOfYear = 1;
		weekYear = year + 1;
	}
	return {
		offsetMs,
		daylight: zone.isDaylight(epochMs),
		era: year > 0 ? 1 : 0,
		year: year > 0 ? year : 1 - year,
		weekYear: weekYear > 0 ? weekYear : 1 - weekYear,
		month0,
		day,
		dayOfWeek,
		dayOfYear,
		weekOfYear,
		weekOfMonth: Math.floor((day - 1 + weekday(year, month0, 1)) / 7) + 1,
		dayOfWeekInMonth: Math.floor((day - 1) / 7) + 1,
		hour: local.getUTCHours(),
		minute: local.getUTCMinutes(),
		second: local.getUTCSeconds(),
		millisecond: local.getUTCMilliseconds(),
	};
}

/** @param {number} value @param {number} digits */
const pad = (value, digits) => String(value).padStart(digits, '0');

/** `-0800` (Z), or `-08`, `-0800`, `-08:00` (X with 1, 2, 3 letters; `Z` for zero). @param {number} offsetMs @param {'Z' | 'X'} letter @param {number} count */
function offsetField(offsetMs, letter, count) {
	const minutes = Math.trunc(offsetMs / 60000);
	if (letter === 'X' && minutes === 0) return 'Z';
	const sign = minutes < 0 ? '-' : '+';
	const hh = pad(Math.floor(Math.abs(minutes) / 60), 2);
	const mm = pad(Math.abs(minutes) % 60, 2);
	if (letter === 'Z') return `${sign}${hh}${mm}`;
	return count === 1 ? `${sign}${hh}` : count === 2 ? `${sign}${hh}${mm}` : `${sign}${hh}:${mm}`;
}

/**
 * `new SimpleDateFormat(pattern, Locale.US)` with `setTimeZone(zone)`, then `format(new Date(epochMs))`.
 * @param {number} epochMs @param {string} pattern @param {string} [zoneId] default GMT
 */
function formatJavaDate(epochMs, pattern, zoneId = 'GMT') {
	const zone = javaZone(zoneId);
	const f = fieldsOf(epochMs, zone);
	let out = '';
	for (const token of compile(pattern)) {
		if ('text' in token) {
			out += token.text;
			continue;
		}
		const { letter, count } = token;
		switch (letter) {
			case 'G':
				out += f.era ? 'AD' : 'BC';
				break;
			case 'y':
				out += count === 2 ? pad(f.year % 100, 2) : pad(f.year, count);
				break;
			case 'Y':
				out += count === 2 ? pad(f.weekYear % 100, 2) : pad(f.weekYear, count);
				break;
			case 'M':
			case 'L':
				out += count >= 4 ? MONTHS[f.month0] : count === 3 ? short(MONTHS[f.month0]) : pad(f.month0 + 1, count);
				break;
			case 'E':
				out += count >= 4 ? DAYS[f.dayOfWeek] : short(DAYS[f.dayOfWeek]);
				break;
			case 'u':
				out += pad(f.dayOfWeek === 0 ? 7 : f.dayOfWeek, count);
				break;
			case 'a':
				out += f.hour < 12 ? 'AM' : 'PM';
				break;
			case 'z': {
				const [stdShort, stdLong, dstShort, dstLong] = zone.names;
				out += f.daylight ? (count >= 4 ? dstLong : dstShort) : count >= 4 ? stdLong : stdShort;
				break;
			}
			case 'Z':
			case 'X':
				out += offsetField(f.offsetMs, letter, count);
				break;
			default:
				out += pad(numericField(letter, f), count);
		}
	}
	return out;
}

/** @param {string} letter @param {ReturnType<typeof fieldsOf>} f */
function numericField(letter, f) {
	switch (letter) {
		case 'd':
			return f.day;
		case 'H':
			return f.hour;
		case 'k':
			return f.hour === 0 ? 24 : f.hour;
		case 'K':
			return f.hour % 12;
		case 'h':
			return f.hour % 12 === 0 ? 12 : f.hour % 12;
		case 'm':
			return f.minute;
		case 's':
			return f.second;
		case 'S':
			return f.millisecond;
		case 'D':
			return f.dayOfYear;
		case 'F':
			return f.dayOfWeekInMonth;
		case 'w':
			return f.weekOfYear;
		default:
			return f.weekOfMonth; // W
	}
}

/** @param {Token | undefined} token */
const isNumeric = (token) => Boolean(token && 'letter' in token && ('yYdkHmsSDFwWKhu'.includes(token.letter) || ('ML'.includes(token.letter) && token.count <= 2)));

/**
 * The longest of `names` at `pos` (any case), long names tried before short ones as Java does.
 * @param {string} text @param {number} pos @param {string[][]} lists
 */
function matchName(text, pos, lists) {
	const rest = text.slice(pos).toLowerCase();
	for (const names of lists) {
		let best = -1;
		for (let i = 0; i < names.length; i++) if (rest.startsWith(names[i].toLowerCase()) && (best < 0 || names[i].length > names[best].length)) best = i;
		if (best >= 0) return { index: best, end: pos + names[best].length };
	}
	return undefined;
}

/**
 * `±hh[[:]mm]` after the sign, Java's subParseNumericZone: two hour digits unless a colon form
 * allows one; minutes unless `hoursOnly`.
 * @param {string} text @param {number} pos @param {{ colon: boolean, hoursOnly: boolean, oneHourDigit: boolean }} how
 */
function readNumericOffset(text, pos, how) {
	const sign = text[pos] === '-' ? -1 : text[pos] === '+' ? 1 : 0;
	if (!sign) return undefined;
	const pattern = how.hoursOnly ? /^(\d{2})/ : how.colon ? (how.oneHourDigit ? /^(\d{1,2}):(\d{2})/ : /^(\d{2}):(\d{2})/) : /^(\d{2})(\d{2})/;
	const match = pattern.exec(text.slice(pos + 1));
	if (!match) return undefined;
	const hours = Number(match[1]);
	const minutes = Number(match[2] || 0);
	if (hours > 23 || minutes > 59) return undefined;
	return { end: pos + 1 + match[0].length, offsetMs: sign * (hours * 60 + minutes) * 60000 };
}

/**
 * `new SimpleDateFormat(pattern, Locale.US)`, `setTimeZone(zone)`, `setLenient(false)`, then
 * `parse(text)`: text after the pattern is ignored, as `DateFormat.parse(String)` does.
 * @param {string} text @param {string} pattern @param {string} [zoneId] default GMT
 * @param {number} [nowMs] for the two-digit-year window (now − 80 years)
 * @returns {number} epoch ms
 */
function parseJavaDate(text, pattern, zoneId = 'GMT', nowMs = Date.now()) {
	const zone = javaZone(zoneId);
	const tokens = compile(pattern);
	const fail = () => new JavaDateError(`Unparseable date: "${text}"`);
	/** @type {Record<string, number>} */
	const set = {};
	let pos = 0;
	for (let t = 0; t < tokens.length; t++) {
		const token = tokens[t];
		if ('text' in token) {
			if (!text.startsWith(token.text, pos)) throw fail();
			pos += token.text.length;
			continue;
		}
		const { letter, count } = token;
		// Java skips spaces and tabs before a field.
		while (text[pos] === ' ' || text[pos] === '\t') pos++;
		if (isNumeric(token)) {
			const abutting = isNumeric(tokens[t + 1]);
			const digits = (abutting ? new RegExp(`^\\d{1,${count}}`) : /^\d+/).exec(text.slice(pos));
			if (!digits) throw fail();
			let value = Number(digits[0]);
			if ('YwWF'.includes(letter)) throw new JavaDateError(`The sandbox does not parse the week field '${letter}'.`);
			if (letter === 'y' && count <= 2 && digits[0].length === 2) {
				const startYear = new Date(nowMs).getUTCFullYear() - 80;
				value += Math.floor(startYear / 100) * 100 + (value < startYear % 100 ? 100 : 0);
			}
			set[letter === 'L' ? 'M' : letter] = value;
			pos += digits[0].length;
			continue;
		}
		if (letter === 'M' || letter === 'L') {
			const found = matchName(text, pos, [MONTHS, MONTHS.map(short)]);
			if (!found) throw fail();
			set.M = found.index + 1;
			pos = found.end;
		} else if (letter === 'E') {
			const found = matchName(text, pos, [DAYS, DAYS.map(short)]);
			if (!found) throw fail();
			set.E = found.index;
			pos = found.end;
		} else if (letter === 'a') {
			const found = matchName(text, pos, [['AM', 'PM']]);
			if (!found) throw fail();
			set.a = found.index;
			pos = found.end;
		} else if (letter === 'G') {
			const found = matchName(text, pos, [['BC', 'AD']]);
			if (!found) throw fail();
			set.G = found.index;
			pos = found.end;
		} else if (letter === 'X') {
			if (text[pos] === 'Z') {
				set.offset = 0;
				pos += 1;
			} else {
				const found = readNumericOffset(text, pos, { colon: count === 3, hoursOnly: count === 1, oneHourDigit: false });
				if (!found) throw fail();
				set.offset = found.offsetMs;
				pos = found.end;
			}
		} else {
			// z and Z read the same: +hhmm, GMT, GMT+h:mm, or a zone name.
			let found;
			if (text[pos] === '+' || text[pos] === '-') found = readNumericOffset(text, pos, { colon: false, hoursOnly: false, oneHourDigit: false });
			else if (text.startsWith('GMT', pos) || text.slice(pos, pos + 3).toUpperCase() === 'GMT') {
				const after = pos + 3;
				if (text[after] === '+' || text[after] === '-') found = readNumericOffset(text, after, { colon: true, hoursOnly: false, oneHourDigit: true });
				else found = { end: after, offsetMs: 0 };
			} else found = readZoneName(text, pos, zone);
			if (!found) throw fail();
			set.offset = found.offsetMs;
			pos = found.end;
		}
	}
	return resolve(set, zone, fail);
}

/**
 * Turns parsed fields into an instant, refusing what a non-lenient GregorianCalendar refuses:
 * out-of-range values, fields that contradict each other, a wall time skipped by a DST change.
 * In a repeated wall time Java takes standard time (the later instant).
 * @param {Record<string, number>} set @param {import('./java-zones').JavaZone} zone @param {() => Error} fail
 */
function resolve(set, zone, fail) {
	const era = set.G ?? 1;
	if (set.y !== undefined && set.y < 1) throw fail();
	let year = set.y ?? 1970;
	if (era === 0) year = 1 - year;
	let month0;
	let day;
	if (set.M === undefined && set.d === undefined && set.D !== undefined) {
		if (set.D < 1 || set.D > (isLeap(year) ? 366 : 365)) throw fail();
		const date = new Date(0);
		date.setUTCFullYear(year, 0, set.D);
		month0 = date.getUTCMonth();
		day = date.getUTCDate();
	} else {
		month0 = (set.M ?? 1) - 1;
		day = set.d ?? 1;
		if (month0 < 0 || month0 > 11 || day < 1 || day > daysInMonth(year, month0)) throw fail();
	}
	let hour = 0;
	if (set.H !== undefined) hour = set.H;
	else if (set.k !== undefined) hour = set.k === 24 ? 0 : set.k;
	else if (set.h !== undefined || set.K !== undefined) {
		const twelve = set.h !== undefined ? (set.h === 12 ? 0 : set.h) : /** @type {number} */ (set.K);
		hour = twelve + (set.a === 1 ? 12 : 0);
	}
	const { m: minute = 0, s: second = 0, S: millisecond = 0 } = set;
	const outOfRange =
		(set.H !== undefined && set.H > 23) ||
		(set.k !== undefined && (set.k < 1 || set.k > 24)) ||
		(set.h !== undefined && (set.h < 1 || set.h > 12)) ||
		(set.K !== undefined && set.K > 11) ||
		minute > 59 ||
		second > 59 ||
		millisecond > 999 ||
		(set.u !== undefined && (set.u < 1 || set.u > 7));
	if (outOfRange) throw fail();
	const date = new Date(0);
	date.setUTCFullYear(year, month0, day);
	date.setUTCHours(hour, minute, second, millisecond);
	const wall = date.getTime();
	const dayOfWeek = date.getUTCDay();
	if (set.E !== undefined && set.E !== dayOfWeek) throw fail();
	if (set.u !== undefined && set.u % 7 !== dayOfWeek) throw fail();
	if (set.D !== undefined && dayOfYearOf(year, month0, day) !== set.D) throw fail();
	if (set.offset !== undefined) return wall - set.offset;
	const candidates = [...new Set([zone.offsetAt(wall - DAY_MS), zone.offsetAt(wall + DAY_MS), zone.offsetAt(wall - zone.offsetAt(wall))])];
	const fitting = candidates.filter((offset) => zone.offsetAt(wall - offset) === offset);
	if (fitting.length === 0) throw fail();
	return wall - Math.min(...fitting);
}

module.exports = { formatJavaDate, parseJavaDate, JavaDateError };
