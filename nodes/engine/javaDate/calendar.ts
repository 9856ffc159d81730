/**
 * java.util.GregorianCalendar's arithmetic, on epoch days (1970-01-01 = 0): Julian calendar before
 * 15 October 1582, Gregorian from then on, weeks starting Sunday with one minimal day in the first
 * week (Locale US). Years are "normalized": 0 is 1 BC, -1 is 2 BC.
 */

export const DAY_MS = 86400000;
/** Epoch day of 15 October 1582, the first Gregorian day. */
export const CUTOVER_DAY = -141427;
export const CUTOVER_YEAR = 1582;

export const floorDiv = (a: number, b: number): number => Math.floor(a / b);
export const mod = (a: number, b: number): number => a - Math.floor(a / b) * b;

/** Day of week, 1 = Sunday ... 7 = Saturday. 1970-01-01 was a Thursday. */
export const dayOfWeek = (day: number): number => mod(day + 4, 7) + 1;

/** The latest day on or before `day` that falls on `dow` (1 = Sunday). */
export const dayOfWeekOnOrBefore = (day: number, dow: number): number => day - mod(day + 5 - dow, 7);

export const isGregorianLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
export const isJulianLeap = (y: number): boolean => mod(y, 4) === 0;

/** Epoch day of a proleptic Gregorian date; month 1-12, any day number (it is linear in day). */
export function gregorianDay(year: number, month: number, day: number): number {
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yoe = y - era * 400;
	const mp = (month + 9) % 12;
	const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
	return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/** Epoch day of a Julian date; month 1-12. */
export function julianDay(year: number, month: number, day: number): number {
	let fixed = -2 + 365 * (year - 1) + Math.floor((year - 1) / 4) + Math.floor((367 * month - 362) / 12) + day;
	if (month > 2) fixed -= isJulianLeap(year) ? 1 : 2;
	return fixed - 719163;
}

/** January 1 in the calendar in force that year (1582 starts Julian). */
export const firstDayOfYear = (year: number): number =>
	year > CUTOVER_YEAR ? gregorianDay(year, 1, 1) : julianDay(year, 1, 1);

/** Writes [normalized year, month 1-12, day of month] of an epoch day into out. */
export function civilFromDay(day: number, out: Int32Array | number[]): void {
	if (day >= CUTOVER_DAY) {
		const z = day + 719468;
		const era = Math.floor(z / 146097);
		const doe = z - era * 146097;
		const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
		const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
		const mp = Math.floor((5 * doy + 2) / 153);
		const m = mp < 10 ? mp + 3 : mp - 9;
		out[0] = yoe + era * 400 + (m <= 2 ? 1 : 0);
		out[1] = m;
		out[2] = doy - Math.floor((153 * mp + 2) / 5) + 1;
		return;
	}
	const fixed = day + 719163;
	const year = Math.floor((4 * (fixed + 1) + 1464) / 1461);
	const prior = fixed - (julianDay(year, 1, 1) + 719163);
	const correction = fixed < julianDay(year, 3, 1) + 719163 ? 0 : isJulianLeap(year) ? 1 : 2;
	const month = Math.floor((12 * (prior + correction) + 373) / 367);
	out[0] = year;
	out[1] = month;
	out[2] = day - julianDay(year, month, 1) + 1;
}

/** GregorianCalendar.getWeekNumber with Sunday as first day and 1 minimal day. */
export function weekNumber(firstDay: number, day: number): number {
	let weekStart = dayOfWeekOnOrBefore(firstDay + 6, 1);
	if (weekStart - firstDay >= 1) weekStart -= 7;
	return floorDiv(day - weekStart, 7) + 1;
}

/** Every calendar field Java's computeFields derives from a local date; month here is 0-11. */
export interface DateFields {
	era: number;
	year: number;
	normalizedYear: number;
	month: number;
	dayOfMonth: number;
	dayOfWeek: number;
	dayOfYear: number;
	dayOfWeekInMonth: number;
	weekOfYear: number;
	weekOfMonth: number;
	weekYear: number;
}

export function newDateFields(): DateFields {
	return {
		era: 1, year: 1970, normalizedYear: 1970, month: 0, dayOfMonth: 1, dayOfWeek: 5,
		dayOfYear: 1, dayOfWeekInMonth: 1, weekOfYear: 1, weekOfMonth: 1, weekYear: 1970,
	};
}

const ymd = new Int32Array(3);

/** Fills the year/month/day fields; withWeeks adds the week and day-of-year ones. */
export function computeDateFields(day: number, withWeeks: boolean, f: DateFields): void {
	civilFromDay(day, ymd);
	const y = ymd[0];
	f.normalizedYear = y;
	f.era = y > 0 ? 1 : 0;
	f.year = y > 0 ? y : 1 - y;
	f.month = ymd[1] - 1;
	f.dayOfMonth = ymd[2];
	f.dayOfWeek = dayOfWeek(day);
	if (!withWeeks) return;
	const jan1 = firstDayOfYear(y);
	// In October 1582 the Gregorian days count from the Julian first of the month.
	const month1 = y === CUTOVER_YEAR && ymd[1] === 10 && day >= CUTOVER_DAY ? julianDay(CUTOVER_YEAR, 10, 1) : day - ymd[2] + 1;
	f.dayOfYear = day - jan1 + 1;
	f.dayOfWeekInMonth = floorDiv(day - month1, 7) + 1;
	let woy = weekNumber(jan1, day);
	// Java looks at next year's week 1 only from week 52 on, except around the cutover.
	if (woy >= 52 || y === CUTOVER_YEAR || y === CUTOVER_YEAR - 1) {
		const nextJan1 = firstDayOfYear(y + 1);
		const nextWeek1 = dayOfWeekOnOrBefore(nextJan1 + 6, 1);
		if (nextWeek1 - nextJan1 >= 1 && day >= nextWeek1 - 7) woy = 1;
	}
	f.weekOfYear = woy;
	f.weekOfMonth = weekNumber(month1, day);
	f.weekYear = f.month === 0 && woy >= 52 ? y - 1 : f.month !== 0 && woy === 1 ? y + 1 : y;
}
