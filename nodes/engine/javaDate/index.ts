/**
 * Java SimpleDateFormat (Locale.US, setLenient(false)) in plain TypeScript: Cloud Elements poll
 * configurations carry Java date patterns and zone ids, and their answers must be Java's to the
 * character. Behaviour is checked against Java itself by the fixtures under test/fixtures/java-date.
 *
 * Deliberate differences from Java:
 * - an unknown zone id throws (Java silently uses GMT); check ids with isKnownJavaTimeZone;
 * - offsets of zones with DST or history come from the runtime's tz database (Intl), which may
 *   be newer than the JDK's; Java's own SystemV/* zones are not supported;
 * - instants outside JavaScript's Date range (about ±275,760 years) are refused.
 */
import { JavaDateError } from './errors';
import { formatEpochMs } from './format';
import { epochMsParser, fixedWidthParser, parseToEpochMs } from './parse';

export { JavaDateError, JavaDatePatternError } from './errors';
export { compileJavaDatePattern } from './pattern';
export type { CompiledPattern } from './pattern';
export { isKnownJavaTimeZone } from './zones';

/** SimpleDateFormat.format(instant) in timeZone. */
export function formatJavaDate(instant: Date, pattern: string, timeZone: string): string {
	if (!(instant instanceof Date)) throw new JavaDateError(`Cannot format ${String(instant)} with pattern "${pattern}": not a Date`);
	return formatEpochMs(instant.getTime(), pattern, timeZone);
}

/** formatJavaDate for an epoch-millisecond number, without a Date. */
export function formatJavaDateMs(epochMs: number, pattern: string, timeZone: string): string {
	return formatEpochMs(epochMs, pattern, timeZone);
}

/**
 * SimpleDateFormat.parse(text) in timeZone, non-lenient. Like Java, text after the pattern is
 * ignored ("2024-03-05xyz" parses with "yyyy-MM-dd"). `now` sets the two-digit-year window
 * (80 years before it to 20 after), as the moment Java's formatter is made does.
 */
export function parseJavaDate(text: string, pattern: string, timeZone: string, now?: Date): Date {
	return new Date(parseToEpochMs(text, pattern, timeZone, now?.getTime()));
}

/** parseJavaDate as epoch milliseconds, without a Date. */
export function parseJavaDateMs(text: string, pattern: string, timeZone: string, now?: number): number {
	return parseToEpochMs(text, pattern, timeZone, now);
}

/**
 * A parser for one pattern and zone, both checked now: for reading the same field of many
 * records. Each call is parseJavaDateMs(text, pattern, timeZone, now).
 */
export function javaDateMsParser(pattern: string, timeZone: string): (text: string, now?: number) => number {
	return epochMsParser(pattern, timeZone);
}

/**
 * For patterns of fixed-width numbers (such as `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'`) in zones with a
 * fixed offset: a parser that answers only for text in the pattern's canonical layout and
 * returns NaN for anything else, with the zone's offset. Undefined for other patterns or zones.
 * What it answers is what javaDateMsParser answers.
 */
export function javaDateFastParser(pattern: string, timeZone: string): { parse: (text: string) => number; offset: number } | undefined {
	return fixedWidthParser(pattern, timeZone);
}
