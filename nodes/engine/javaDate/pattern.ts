import { JavaDatePatternError } from './errors';

/** SimpleDateFormat's pattern letters; a field's tag is its index here, as in Java. */
export const PATTERN_LETTERS = 'GyMdkHmsSEDFwWahKzZYuXL';

export enum Tag {
	Era = 0, Year, Month, DayOfMonth, HourOfDay1, HourOfDay0, Minute, Second, Millisecond, DayOfWeek,
	DayOfYear, DayOfWeekInMonth, WeekOfYear, WeekOfMonth, AmPm, Hour1, Hour0, ZoneName, ZoneValue,
	WeekYear, IsoDayOfWeek, IsoZone, MonthStandalone,
}

export interface Token {
	/** -1 for literal text, else the field's Tag. */
	readonly tag: number;
	readonly count: number;
	readonly text: string;
	/** Parsing: the next token is a numeric field, so this number takes exactly `count` characters. */
	readonly obeyCount: boolean;
}

export interface CompiledPattern {
	readonly pattern: string;
	readonly tokens: readonly Token[];
	/** Some field needs day-of-year or week numbers. */
	readonly needsWeeks: boolean;
	/** 'y' or 'Y' with one or two letters: parsing needs the two-digit-year window. */
	readonly twoDigitYear: boolean;
	/** Set when the pattern is all fixed-width numbers and literals (see FixedWidthPlan). */
	readonly fixedWidth?: FixedWidthPlan;
}

/** The fields a fixed-width plan reads, in FixedWidthPlan.field. */
export enum FixedField {
	Year = 0, Month, Day, Hour, Minute, Second, Millisecond,
}

/**
 * How to read a pattern such as `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'` when the text has exactly the
 * canonical layout: each field's digits at a known offset, each literal character at its own.
 * Only the letters yyyy, MM, dd, HH, mm, ss and SSS qualify, each at most once, with y, M and d
 * present. Text in any other layout goes the general way, which decides what Java would do.
 */
export interface FixedWidthPlan {
	/** Characters the canonical text has (text beyond it is ignored, as Java ignores it). */
	readonly length: number;
	readonly literalOffset: Int32Array;
	readonly literalCode: Int32Array;
	readonly fieldOffset: Int32Array;
	readonly fieldCount: Int32Array;
	readonly field: Int32Array;
	/**
	 * 1 when Java reads the field's number on past its width (no numeric field abuts it) and
	 * what follows in the pattern does not already guarantee the number ends there: the
	 * character after the digits must then end the number, or the general way decides.
	 */
	readonly fieldOpenEnded: Int32Array;
	/** Exactly `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'` (ISO 8601 in UTC with milliseconds): read by hand. */
	readonly isoMillis: boolean;
}

const FIXED_WIDTH: ReadonlyArray<[tag: number, count: number, field: FixedField]> = [
	[Tag.Year, 4, FixedField.Year],
	[Tag.Month, 2, FixedField.Month],
	[Tag.DayOfMonth, 2, FixedField.Day],
	[Tag.HourOfDay0, 2, FixedField.Hour],
	[Tag.Minute, 2, FixedField.Minute],
	[Tag.Second, 2, FixedField.Second],
	[Tag.Millisecond, 3, FixedField.Millisecond],
];

function fixedWidthPlan(tokens: readonly Token[]): FixedWidthPlan | undefined {
	const literalOffset: number[] = [];
	const literalCode: number[] = [];
	const fieldOffset: number[] = [];
	const fieldCount: number[] = [];
	const field: number[] = [];
	const fieldOpenEnded: number[] = [];
	let seen = 0;
	let offset = 0;
	for (const t of tokens) {
		if (t.tag < 0) {
			for (let k = 0; k < t.text.length; k++) {
				literalOffset.push(offset++);
				literalCode.push(t.text.charCodeAt(k));
			}
			continue;
		}
		const spec = FIXED_WIDTH.find(([tag, count]) => tag === t.tag && count === t.count);
		if (spec === undefined || seen & (1 << spec[2])) return undefined;
		seen |= 1 << spec[2];
		fieldOffset.push(offset);
		fieldCount.push(t.count);
		field.push(spec[2]);
		fieldOpenEnded.push(t.obeyCount ? 0 : 1);
		offset += t.count;
	}
	// A field followed by a literal character that is checked in place, and that no number
	// can run into (not a digit, not E, ASCII), needs no check of its own.
	for (let f = 0; f < fieldOffset.length; f++) {
		if (fieldOpenEnded[f] === 0) continue;
		const next = literalOffset.indexOf(fieldOffset[f] + fieldCount[f]);
		const code = next >= 0 ? literalCode[next] : -1;
		if (code >= 0 && code < 128 && code !== 69 && (code < 48 || code > 57)) fieldOpenEnded[f] = 0;
	}
	const required = (1 << FixedField.Year) | (1 << FixedField.Month) | (1 << FixedField.Day);
	if ((seen & required) !== required) return undefined;
	return {
		length: offset,
		literalOffset: Int32Array.from(literalOffset),
		literalCode: Int32Array.from(literalCode),
		fieldOffset: Int32Array.from(fieldOffset),
		fieldCount: Int32Array.from(fieldCount),
		field: Int32Array.from(field),
		fieldOpenEnded: Int32Array.from(fieldOpenEnded),
		isoMillis: tokens.map((t) => (t.tag < 0 ? `'${t.text}'` : PATTERN_LETTERS[t.tag].repeat(t.count))).join('') === "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'SSS'Z'",
	};
}

/** SimpleDateFormat.shouldObeyCount: numeric fields, which abut without a delimiter. */
function isNumericField(tag: number, count: number): boolean {
	switch (tag) {
		case Tag.Month:
		case Tag.MonthStandalone:
			return count <= 2;
		case Tag.Year:
		case Tag.DayOfMonth:
		case Tag.HourOfDay1:
		case Tag.HourOfDay0:
		case Tag.Minute:
		case Tag.Second:
		case Tag.Millisecond:
		case Tag.DayOfYear:
		case Tag.DayOfWeekInMonth:
		case Tag.WeekOfYear:
		case Tag.WeekOfMonth:
		case Tag.Hour1:
		case Tag.Hour0:
		case Tag.WeekYear:
		case Tag.IsoDayOfWeek:
			return true;
		default:
			return false;
	}
}

const isAsciiLetter = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

interface Draft {
	tag: number;
	count: number;
	text: string;
}

/** SimpleDateFormat.compile: quotes, letter runs and literal text; throws what Java refuses. */
function compile(pattern: string): CompiledPattern {
	const drafts: Draft[] = [];
	let literal = '';
	let inQuote = false;
	let quoteAt = -1;
	let runTag = -1;
	let runCount = 0;
	let runAt = 0;

	const endRun = (): void => {
		if (runCount === 0) return;
		if (runTag === Tag.IsoZone && runCount >= 4) {
			throw new JavaDatePatternError(pattern, runAt, `invalid ISO 8601 zone 'X' repeated ${runCount} times at position ${runAt} (at most 3)`);
		}
		drafts.push({ tag: runTag, count: runCount, text: '' });
		runCount = 0;
		runTag = -1;
	};
	const endLiteral = (): void => {
		if (literal === '') return;
		drafts.push({ tag: -1, count: 0, text: literal });
		literal = '';
	};

	for (let i = 0; i < pattern.length; i++) {
		const c = pattern.charCodeAt(i);
		if (c === 39) {
			// '' is a quote character, in or out of quoted text.
			if (i + 1 < pattern.length && pattern.charCodeAt(i + 1) === 39) {
				i++;
				endRun();
				literal += "'";
				continue;
			}
			if (!inQuote) {
				endRun();
				quoteAt = i;
			}
			inQuote = !inQuote;
			continue;
		}
		if (inQuote || !isAsciiLetter(c)) {
			endRun();
			literal += pattern[i];
			continue;
		}
		const tag = PATTERN_LETTERS.indexOf(pattern[i]);
		if (tag < 0) {
			throw new JavaDatePatternError(pattern, i, `illegal pattern letter '${pattern[i]}' at position ${i} (quote literal text: 'T')`);
		}
		endLiteral();
		if (runCount > 0 && runTag !== tag) endRun();
		if (runCount === 0) runAt = i;
		runTag = tag;
		runCount++;
	}
	if (inQuote) throw new JavaDatePatternError(pattern, quoteAt, `unterminated quote starting at position ${quoteAt}`);
	endRun();
	endLiteral();

	let needsWeeks = false;
	const tokens: Token[] = drafts.map((d, i) => {
		const next = drafts[i + 1];
		if (d.tag === Tag.DayOfYear || d.tag === Tag.DayOfWeekInMonth || d.tag === Tag.WeekOfYear || d.tag === Tag.WeekOfMonth || d.tag === Tag.WeekYear) {
			needsWeeks = true;
		}
		return {
			tag: d.tag,
			count: d.count,
			text: d.text,
			obeyCount: d.tag >= 0 && next !== undefined && next.tag >= 0 && isNumericField(next.tag, next.count),
		};
	});
	const twoDigitYear = tokens.some((t) => t.count <= 2 && (t.tag === Tag.Year || t.tag === Tag.WeekYear));
	return { pattern, tokens, needsWeeks, twoDigitYear, fixedWidth: fixedWidthPlan(tokens) };
}

const MAX_CACHED = 1000;
const cache = new Map<string, CompiledPattern>();

/**
 * Compiles a Java SimpleDateFormat pattern once and caches it; throws JavaDatePatternError
 * (naming the pattern, the bad letter and its position) for a pattern Java would refuse.
 */
export function compileJavaDatePattern(pattern: string): CompiledPattern {
	let compiled = cache.get(pattern);
	if (compiled === undefined) {
		if (typeof pattern !== 'string') throw new JavaDatePatternError(String(pattern), 0, 'a pattern must be a string');
		compiled = compile(pattern);
		if (cache.size >= MAX_CACHED) cache.clear();
		cache.set(pattern, compiled);
	}
	return compiled;
}
