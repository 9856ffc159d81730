import { CUTOVER_DAY, DAY_MS, civilFromDay } from './javaDate/calendar';

/** "00" to "99". */
const TWO = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : String(i)));
const THREE = Array.from({ length: 1000 }, (_, i) => (i < 10 ? `00${i}` : i < 100 ? `0${i}` : String(i)));
// civilFromDay is Gregorian from 15 October 1582 on (before, it is Java's Julian calendar).
const FIRST_MS = CUTOVER_DAY * DAY_MS;
const LAST_MS = 253402300799999; // 9999-12-31T23:59:59.999Z
const ymd = new Int32Array(3);

/**
 * `new Date(ms).toISOString()`, to the character, without making a Date: polls write one per
 * event. Times before 15 October 1582 or after
 * 9999 (and invalid ones) go to the built-in.
 */
export function isoDate(ms: number): string {
	if (!(ms >= FIRST_MS && ms <= LAST_MS) || ms !== Math.floor(ms)) return new Date(ms).toISOString();
	const day = Math.floor(ms / DAY_MS);
	let time = ms - day * DAY_MS;
	civilFromDay(day, ymd);
	const year = ymd[0];
	const millis = time % 1000;
	time = (time - millis) / 1000;
	const second = time % 60;
	time = (time - second) / 60;
	const minute = time % 60;
	const hour = (time - minute) / 60;
	return `${TWO[(year / 100) | 0]}${TWO[year % 100]}-${TWO[ymd[1]]}-${TWO[ymd[2]]}T${TWO[hour]}:${TWO[minute]}:${TWO[second]}.${THREE[millis]}Z`;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * An ISO 8601 date and time with any number of fraction digits (`…:20Z`, `….45Z`, `….1234567Z`,
 * as .NET writes them) as epoch ms; without a zone it is UTC. NaN for anything else.
 */
export function parseIsoInstant(text: string): number {
	const match = ISO_INSTANT.exec(text);
	if (!match) return Number.NaN;
	return Date.parse(match[1] === undefined ? `${text}Z` : text);
}
