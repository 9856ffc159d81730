import { DAY_MS, civilFromDay, gregorianDay, isGregorianLeap } from './calendar';
import { JavaDateError } from './errors';
import { isJavaDigit, parseJavaInt, parsedNumber } from './numbers';
import { CompiledPattern, FixedWidthPlan, Tag, Token, compileJavaDatePattern } from './pattern';
import {
	AM_PM, DAY_OF_MONTH, DAY_OF_WEEK, DAY_OF_WEEK_IN_MONTH, DAY_OF_YEAR, DST_OFFSET, ERA, FieldBuilder, HOUR,
	HOUR_OF_DAY, MILLISECOND, MINUTE, MONTH, SECOND, WEEK_OF_MONTH, WEEK_OF_YEAR, WEEK_YEAR, YEAR, ZONE_OFFSET,
	establish,
} from './resolve';
import { AM_PM as AM_PM_NAMES, ERAS, MONTHS, SHORT_MONTHS, SHORT_WEEKDAYS, WEEKDAYS } from './symbols';
import { regionMatchesIgnoreCase } from './text';
import { matchZoneName } from './zoneNames';
import { JavaZone, resolveJavaZone } from './zones';

/**
 * SimpleDateFormat.parse(String), non-lenient, field by field as Java's subParse does it: blanks
 * before a field are skipped (but text fields still match at the blank, so fail), numbers are
 * DecimalFormat's, a number abutting another numeric field takes exactly its letter count
 * (counted from before the blanks), text beyond the pattern is ignored, and the fields then go
 * through GregorianCalendar's validation (resolve.ts).
 */

const builder = new FieldBuilder();
let zone: JavaZone;
let ambiguousYear = false;

const FIELD_OF_TAG: readonly number[] = [
	ERA, YEAR, MONTH, DAY_OF_MONTH, HOUR_OF_DAY, HOUR_OF_DAY, MINUTE, SECOND, MILLISECOND, DAY_OF_WEEK,
	DAY_OF_YEAR, DAY_OF_WEEK_IN_MONTH, WEEK_OF_YEAR, WEEK_OF_MONTH, AM_PM, HOUR, HOUR, ZONE_OFFSET, ZONE_OFFSET,
	WEEK_YEAR, DAY_OF_WEEK, ZONE_OFFSET, MONTH,
];

/** SimpleDateFormat.matchString: the longest name matching at start; sets field to its index. */
function matchName(text: string, start: number, field: number, names: readonly string[]): number {
	let best = -1;
	let bestLength = 0;
	for (let i = field === DAY_OF_WEEK ? 1 : 0; i < names.length; i++) {
		const n = names[i];
		if (n.length > bestLength && regionMatchesIgnoreCase(text, start, n)) {
			best = i;
			bestLength = n.length;
		}
	}
	if (best < 0) return -1;
	builder.set(field, best);
	return start + bestLength;
}

const isAsciiDigit = (c: number): boolean => c >= 48 && c <= 57;

/** SimpleDateFormat.subParseNumericZone: [h]h[[:]mm]; returns the end, or -1. */
function numericZone(text: string, start: number, sign: number, count: number, colon: boolean): number {
	let i = start;
	const at = (k: number): number => (k < text.length ? text.charCodeAt(k) : -1);
	let c = at(i++);
	if (!isAsciiDigit(c)) return -1;
	let hours = c - 48;
	c = at(i++);
	if (isAsciiDigit(c)) {
		hours = hours * 10 + (c - 48);
	} else {
		if (count > 0 || !colon || c < 0) return -1;
		i--;
	}
	if (hours > 23) return -1;
	let minutes = 0;
	if (count !== 1) {
		c = at(i++);
		if (colon) {
			if (c !== 58) return -1;
			c = at(i++);
		}
		if (!isAsciiDigit(c)) return -1;
		minutes = c - 48;
		c = at(i++);
		if (!isAsciiDigit(c)) return -1;
		minutes = minutes * 10 + (c - 48);
		if (minutes > 59) return -1;
	}
	builder.set(ZONE_OFFSET, (hours * 60 + minutes) * 60000 * sign);
	builder.set(DST_OFFSET, 0);
	return i;
}

/** 'z' and 'Z' parse the same: GMT[±h[h]:mm], ±hhmm, or a zone name. */
function parseZone(text: string, start: number, pos: number): number {
	let c = text.charCodeAt(pos);
	let sign = c === 43 ? 1 : c === 45 ? -1 : 0;
	if (sign !== 0) return numericZone(text, pos + 1, sign, 0, false);
	if ((c === 71 || c === 103) && text.length - start >= 3 && regionMatchesIgnoreCase(text, start, 'GMT')) {
		let p = start + 3;
		if (p < text.length) {
			c = text.charCodeAt(p);
			sign = c === 43 ? 1 : c === 45 ? -1 : 0;
		}
		if (sign === 0) {
			builder.set(ZONE_OFFSET, 0);
			builder.set(DST_OFFSET, 0);
			return p;
		}
		p++;
		return numericZone(text, p, sign, 0, true);
	}
	const m = matchZoneName(text, pos, zone);
	if (m === undefined) return -1;
	zone = m.zone;
	// Java leaves the offset to the zone when its standard and daylight names are the same, or
	// for a daylight name of a zone without DST; otherwise the name decides standard vs daylight.
	const dst = m.daylight ? zone.dstSavings : 0;
	if (!(m.sameName || (m.daylight && dst === 0))) {
		builder.clear(ZONE_OFFSET);
		builder.set(DST_OFFSET, dst);
	}
	return pos + m.length;
}

/** 'X': Z, or ±hh / ±hhmm / ±hh:mm by letter count. */
function parseIsoZone(text: string, pos: number, count: number): number {
	const c = text.charCodeAt(pos);
	if (c === 90) {
		builder.set(ZONE_OFFSET, 0);
		builder.set(DST_OFFSET, 0);
		return pos + 1;
	}
	if (c !== 43 && c !== 45) return -1;
	return numericZone(text, pos + 1, c === 43 ? 1 : -1, count, count === 3);
}

let twoDigitYearStart = 0;
let twoDigitYearStartYear = 0;

/** SimpleDateFormat.subParse for one field; returns the index after it, or -1. */
function subParse(text: string, start: number, t: Token): number {
	const tag = t.tag;
	const count = t.count;
	let pos = start;
	for (;;) {
		if (pos >= text.length) return -1;
		const c = text.charCodeAt(pos);
		if (c !== 32 && c !== 9) break;
		pos++;
	}
	const actualStart = pos;
	let value = 0;
	if (tag === Tag.HourOfDay1 || tag === Tag.Hour1 || ((tag === Tag.Month || tag === Tag.MonthStandalone) && count <= 2) || tag === Tag.Year || tag === Tag.WeekYear) {
		if (!readNumber(text, start, pos, t)) return -1;
		value = parsedNumber.value;
		pos = parsedNumber.end;
	}
	switch (tag) {
		case Tag.Era:
			return matchName(text, start, ERA, ERAS);
		case Tag.Year:
		case Tag.WeekYear:
			if (count <= 2 && pos - actualStart === 2 && isJavaDigit(text.charCodeAt(actualStart)) && isJavaDigit(text.charCodeAt(actualStart + 1))) {
				const ambiguous = twoDigitYearStartYear % 100;
				ambiguousYear = value === ambiguous;
				value += Math.floor(twoDigitYearStartYear / 100) * 100 + (value < ambiguous ? 100 : 0);
			}
			builder.set(FIELD_OF_TAG[tag], value);
			return pos;
		case Tag.Month:
		case Tag.MonthStandalone:
			if (count <= 2) {
				builder.set(MONTH, value - 1);
				return pos;
			}
			{
				const end = matchName(text, start, MONTH, MONTHS);
				return end >= 0 ? end : matchName(text, start, MONTH, SHORT_MONTHS);
			}
		case Tag.HourOfDay1:
			if (value < 1 || value > 24) return -1;
			builder.set(HOUR_OF_DAY, value === 24 ? 0 : value);
			return pos;
		case Tag.Hour1:
			if (value < 1 || value > 12) return -1;
			builder.set(HOUR, value === 12 ? 0 : value);
			return pos;
		case Tag.DayOfWeek: {
			const end = matchName(text, start, DAY_OF_WEEK, WEEKDAYS);
			return end >= 0 ? end : matchName(text, start, DAY_OF_WEEK, SHORT_WEEKDAYS);
		}
		case Tag.AmPm:
			return matchName(text, start, AM_PM, AM_PM_NAMES);
		case Tag.ZoneName:
		case Tag.ZoneValue:
			return parseZone(text, start, pos);
		case Tag.IsoZone:
			return parseIsoZone(text, pos, count);
		default: {
			if (!readNumber(text, start, pos, t)) return -1;
			let v = parsedNumber.value;
			// 'u' is ISO (Monday = 1); out-of-range values are left for validation to refuse.
			if (tag === Tag.IsoDayOfWeek && v >= 1 && v <= 7) v = v === 7 ? 1 : v + 1;
			builder.set(FIELD_OF_TAG[tag], v);
			return parsedNumber.end;
		}
	}
}

/** numberFormat.parse over the whole text, or over text.substring(0, start + count) when abutting. */
function readNumber(text: string, start: number, pos: number, t: Token): boolean {
	let limit = text.length;
	if (t.obeyCount) {
		limit = start + t.count;
		if (limit > text.length) return false;
	}
	return parseJavaInt(text, pos, limit);
}

/** Date minus 80 years in GMT (Calendar.add keeps the day, or the month's last day). */
function setTwoDigitYearWindow(now: number): void {
	const day = Math.floor(now / DAY_MS);
	const ymd = [0, 0, 0];
	civilFromDay(day, ymd);
	const year = ymd[0] - 80;
	const dom = ymd[1] === 2 && ymd[2] === 29 && !isGregorianLeap(year) ? 28 : ymd[2];
	twoDigitYearStart = gregorianDay(year, ymd[1], dom) * DAY_MS + (now - day * DAY_MS);
	twoDigitYearStartYear = year;
}

function fail(text: string, compiled: CompiledPattern, at: number): never {
	throw new JavaDateError(
		`Unparseable date: "${text}" does not match Java date pattern "${compiled.pattern}"` + (at >= 0 ? ` (at position ${at})` : ''),
	);
}

const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The fast way for a fixed-width pattern in a fixed-offset zone: when the text has exactly the
 * canonical layout (ASCII digits where the fields are, each literal character in place, and no
 * digit, exponent or non-ASCII character where Java's number reading would carry on past a
 * field) and every field is valid, the instant is plain arithmetic. Anything else — another
 * layout, a value Java's calendar refuses, a year before 1600 (Julian calendar territory) —
 * returns NaN, and the general way, which follows Java step by step, decides.
 */
function parseFixedWidth(text: string, plan: FixedWidthPlan, offset: number): number {
	if (plan.isoMillis) return parseIsoMillis(text, offset);
	if (text.length < plan.length) return NaN;
	const literalOffset = plan.literalOffset;
	const literalCode = plan.literalCode;
	for (let i = 0; i < literalOffset.length; i++) {
		if (text.charCodeAt(literalOffset[i]) !== literalCode[i]) return NaN;
	}
	let year = 0;
	let month = 1;
	let day = 1;
	let hour = 0;
	let minute = 0;
	let second = 0;
	let millis = 0;
	const fieldOffset = plan.fieldOffset;
	for (let f = 0; f < fieldOffset.length; f++) {
		const start = fieldOffset[f];
		const end = start + plan.fieldCount[f];
		let value = 0;
		for (let p = start; p < end; p++) {
			const d = text.charCodeAt(p) - 48;
			if (d < 0 || d > 9) return NaN;
			value = value * 10 + d;
		}
		if (plan.fieldOpenEnded[f] === 1 && end < text.length) {
			const next = text.charCodeAt(end);
			// A digit (of any script) or an E (exponent) would be read on by Java's number parsing.
			if ((next >= 48 && next <= 57) || next === 69 || next >= 128) return NaN;
		}
		switch (plan.field[f]) {
			case 0: year = value; break;
			case 1: month = value; break;
			case 2: day = value; break;
			case 3: hour = value; break;
			case 4: minute = value; break;
			case 5: second = value; break;
			default: millis = value;
		}
	}
	if (year < 1600 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59 || millis > 999) return NaN;
	if (day > DAYS_IN_MONTH[month] && !(month === 2 && day === 29 && isGregorianLeap(year))) return NaN;
	return gregorianDay(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + millis - offset;
}

/** The ASCII digit at i, or NaN (which fails every range check it reaches). */
function digit(text: string, i: number): number {
	const d = text.charCodeAt(i) - 48;
	return d >= 0 && d <= 9 ? d : NaN;
}

/** parseFixedWidth for `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'`, the layout every ShareFile date has. */
function parseIsoMillis(text: string, offset: number): number {
	if (
		text.length < 24 ||
		text.charCodeAt(4) !== 45 ||
		text.charCodeAt(7) !== 45 ||
		text.charCodeAt(10) !== 84 ||
		text.charCodeAt(13) !== 58 ||
		text.charCodeAt(16) !== 58 ||
		text.charCodeAt(19) !== 46 ||
		text.charCodeAt(23) !== 90
	) {
		return NaN;
	}
	const year = digit(text, 0) * 1000 + digit(text, 1) * 100 + digit(text, 2) * 10 + digit(text, 3);
	const month = digit(text, 5) * 10 + digit(text, 6);
	const day = digit(text, 8) * 10 + digit(text, 9);
	const hour = digit(text, 11) * 10 + digit(text, 12);
	const minute = digit(text, 14) * 10 + digit(text, 15);
	const second = digit(text, 17) * 10 + digit(text, 18);
	const millis = digit(text, 20) * 100 + digit(text, 21) * 10 + digit(text, 22);
	if (!(year >= 1600 && month >= 1 && month <= 12 && day >= 1 && hour <= 23 && minute <= 59 && second <= 59 && millis >= 0)) return NaN;
	if (day > DAYS_IN_MONTH[month] && !(month === 2 && day === 29 && isGregorianLeap(year))) return NaN;
	return gregorianDay(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + millis - offset;
}

/**
 * Parses text as SimpleDateFormat(pattern, Locale.US), non-lenient, in zone; returns epoch ms.
 * `now` places two-digit years (Java: within 80 years before and 20 after the current time).
 */
export function parseToEpochMs(text: string, pattern: string, zoneId: string, now?: number): number {
	const compiled = compileJavaDatePattern(pattern);
	const resolved = resolveJavaZone(zoneId);
	if (compiled.fixedWidth !== undefined && resolved.fixedOffset !== undefined && typeof text === 'string') {
		const ms = parseFixedWidth(text, compiled.fixedWidth, resolved.fixedOffset);
		if (ms === ms) return ms;
	}
	return parseGeneral(text, compiled, resolved, now);
}

/** The general way, field by field as Java does it; exported for tests of the fast way. */
export function parseGeneral(text: string, compiled: CompiledPattern, resolved: JavaZone, now?: number): number {
	zone = resolved;
	if (typeof text !== 'string') fail(String(text), compiled, -1);
	builder.reset();
	ambiguousYear = false;
	if (compiled.twoDigitYear) setTwoDigitYearWindow(now ?? Date.now());
	let pos = 0;
	const tokens = compiled.tokens;
	for (let i = 0; i < tokens.length; i++) {
		const t = tokens[i];
		if (t.tag < 0) {
			const s = t.text;
			for (let k = 0; k < s.length; k++, pos++) {
				if (pos >= text.length || text.charCodeAt(pos) !== s.charCodeAt(k)) fail(text, compiled, pos);
			}
			continue;
		}
		const end = subParse(text, pos, t);
		if (end < 0) fail(text, compiled, pos);
		pos = end;
	}
	if (pos === 0) fail(text, compiled, 0);
	let ms = establish(builder, zone);
	if (ambiguousYear && ms < twoDigitYearStart) {
		builder.addYear(100);
		ms = establish(builder, zone);
	}
	if (Number.isNaN(ms)) fail(text, compiled, -1);
	if (Math.abs(ms) > 8.64e15) {
		throw new JavaDateError(`"${text}" (pattern "${compiled.pattern}") is outside the range of JavaScript dates`);
	}
	return ms;
}

/**
 * parseToEpochMs with the pattern and zone resolved once (throwing now for a pattern or zone
 * that would fail every parse): for reading the same field of many records.
 */
export function epochMsParser(pattern: string, zoneId: string): (text: string, now?: number) => number {
	const compiled = compileJavaDatePattern(pattern);
	const resolved = resolveJavaZone(zoneId);
	const plan = compiled.fixedWidth;
	const offset = resolved.fixedOffset;
	if (plan !== undefined && offset !== undefined) {
		return (text, now) => {
			if (typeof text === 'string') {
				const ms = parseFixedWidth(text, plan, offset);
				if (ms === ms) return ms;
			}
			return parseGeneral(text, compiled, resolved, now);
		};
	}
	return (text, now) => parseGeneral(text, compiled, resolved, now);
}

/**
 * The fast way alone, for a pattern and zone that have one: NaN for text it does not decide
 * (then parseToEpochMs must be asked). Undefined when the pattern or zone has no fast way.
 */
export function fixedWidthParser(pattern: string, zoneId: string): { parse: (text: string) => number; offset: number } | undefined {
	const plan = compileJavaDatePattern(pattern).fixedWidth;
	const offset = resolveJavaZone(zoneId).fixedOffset;
	if (plan === undefined || offset === undefined) return undefined;
	return { parse: (text) => parseFixedWidth(text, plan, offset), offset };
}
