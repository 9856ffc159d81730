import {
	CUTOVER_DAY, CUTOVER_YEAR, DAY_MS, computeDateFields, dayOfWeekOnOrBefore, firstDayOfYear, floorDiv,
	gregorianDay, julianDay, mod, newDateFields,
} from './calendar';
import { JavaZone } from './zones';

/**
 * What GregorianCalendar does with the fields a parse has set, when it is not lenient: pick the
 * fields that decide the date (Calendar.selectFields: the most recently set group wins), compute
 * the instant, then recompute every field from it and refuse the parse if any field that was set
 * comes out different (31 February, 02:30 in a spring-forward gap, a weekday that is not that
 * date's, 13 with PM...).
 */

export const ERA = 0;
export const YEAR = 1;
export const MONTH = 2;
export const WEEK_OF_YEAR = 3;
export const WEEK_OF_MONTH = 4;
export const DAY_OF_MONTH = 5;
export const DAY_OF_YEAR = 6;
export const DAY_OF_WEEK = 7;
export const DAY_OF_WEEK_IN_MONTH = 8;
export const AM_PM = 9;
export const HOUR = 10;
export const HOUR_OF_DAY = 11;
export const MINUTE = 12;
export const SECOND = 13;
export const MILLISECOND = 14;
export const ZONE_OFFSET = 15;
export const DST_OFFSET = 16;
/** CalendarBuilder's pseudo field for 'Y'. */
export const WEEK_YEAR = 17;
const FIELD_COUNT = 17;

const HOUR_MS = 3600000;
const MIN_VALUES = [0, 1, 0, 1, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, -13 * HOUR_MS, 0];
const MAX_VALUES = [1, 292278994, 11, 53, 6, 31, 366, 7, 6, 1, 11, 23, 59, 59, 999, 14 * HOUR_MS, 2 * HOUR_MS];

/** Parsed fields with Calendar's "stamps": 0 unset, then increasing in the order they were set. */
export class FieldBuilder {
	readonly stamp = new Int32Array(FIELD_COUNT + 1);
	readonly value = new Int32Array(FIELD_COUNT + 1);
	next = 2;

	reset(): void {
		this.stamp.fill(0);
		this.value.fill(0);
		this.next = 2;
	}

	set(field: number, value: number): void {
		this.stamp[field] = this.next++;
		this.value[field] = value;
	}

	clear(field: number): void {
		this.stamp[field] = 0;
		this.value[field] = 0;
	}

	addYear(years: number): void {
		this.value[YEAR] += years;
		this.value[WEEK_YEAR] += years;
	}
}

const stamp = new Int32Array(FIELD_COUNT);
const value = new Int32Array(FIELD_COUNT);
const bit = (field: number): number => 1 << field;
const offsets = new Float64Array(2);
const recomputed = newDateFields();
let nextStamp = 2;

const aggregate = (a: number, b: number): number => (a === 0 || b === 0 ? 0 : a > b ? a : b);

/** Calendar.selectFields. */
function selectFields(): number {
	let mask = bit(YEAR);
	if (stamp[ERA] !== 0) mask |= bit(ERA);
	const dowStamp = stamp[DAY_OF_WEEK];
	let domStamp = stamp[DAY_OF_MONTH];
	let womStamp = aggregate(stamp[WEEK_OF_MONTH], dowStamp);
	let dowimStamp = aggregate(stamp[DAY_OF_WEEK_IN_MONTH], dowStamp);
	const doyStamp = stamp[DAY_OF_YEAR];
	let woyStamp = aggregate(stamp[WEEK_OF_YEAR], dowStamp);
	let best = Math.max(domStamp, womStamp, dowimStamp, doyStamp, woyStamp);
	if (best === 0) {
		womStamp = stamp[WEEK_OF_MONTH];
		dowimStamp = Math.max(stamp[DAY_OF_WEEK_IN_MONTH], dowStamp);
		woyStamp = stamp[WEEK_OF_YEAR];
		best = Math.max(womStamp, dowimStamp, woyStamp);
		if (best === 0) best = domStamp = stamp[MONTH];
	}
	if (
		best === domStamp ||
		(best === womStamp && stamp[WEEK_OF_MONTH] >= stamp[WEEK_OF_YEAR]) ||
		(best === dowimStamp && stamp[DAY_OF_WEEK_IN_MONTH] >= stamp[WEEK_OF_YEAR])
	) {
		mask |= bit(MONTH);
		if (best === domStamp) {
			mask |= bit(DAY_OF_MONTH);
		} else {
			if (dowStamp !== 0) mask |= bit(DAY_OF_WEEK);
			if (womStamp === dowimStamp) {
				mask |= stamp[WEEK_OF_MONTH] >= stamp[DAY_OF_WEEK_IN_MONTH] ? bit(WEEK_OF_MONTH) : bit(DAY_OF_WEEK_IN_MONTH);
			} else if (best === womStamp) {
				mask |= bit(WEEK_OF_MONTH);
			} else if (stamp[DAY_OF_WEEK_IN_MONTH] !== 0) {
				mask |= bit(DAY_OF_WEEK_IN_MONTH);
			}
		}
	} else if (best === doyStamp) {
		mask |= bit(DAY_OF_YEAR);
	} else {
		if (dowStamp !== 0) mask |= bit(DAY_OF_WEEK);
		mask |= bit(WEEK_OF_YEAR);
	}
	const hourOfDayStamp = stamp[HOUR_OF_DAY];
	const hourStamp = aggregate(stamp[HOUR], stamp[AM_PM]);
	let bestHour = hourStamp > hourOfDayStamp ? hourStamp : hourOfDayStamp;
	if (bestHour === 0) bestHour = Math.max(stamp[HOUR], stamp[AM_PM]);
	if (bestHour !== 0) {
		if (bestHour === hourOfDayStamp) {
			mask |= bit(HOUR_OF_DAY);
		} else {
			mask |= bit(HOUR);
			if (stamp[AM_PM] !== 0) mask |= bit(AM_PM);
		}
	}
	for (const f of [MINUTE, SECOND, MILLISECOND]) if (stamp[f] !== 0) mask |= bit(f);
	if (stamp[ZONE_OFFSET] >= 2) mask |= bit(ZONE_OFFSET);
	if (stamp[DST_OFFSET] >= 2) mask |= bit(DST_OFFSET);
	return mask;
}

/** GregorianCalendar.getFixedDate, as an epoch day, in one calendar system. */
function dayFromFields(julian: boolean, year: number, mask: number): number {
	let month = 0;
	if (mask & bit(MONTH)) {
		month = value[MONTH];
		if (month > 11 || month < 0) {
			year += floorDiv(month, 12);
			month = mod(month, 12);
		}
	}
	const toDay = julian ? julianDay : gregorianDay;
	let day = toDay(year, month + 1, 1);
	if (mask & bit(MONTH)) {
		if (mask & bit(DAY_OF_MONTH)) {
			if (stamp[DAY_OF_MONTH] !== 0) day += value[DAY_OF_MONTH] - 1;
		} else if (mask & bit(WEEK_OF_MONTH)) {
			let weekStart = dayOfWeekOnOrBefore(day + 6, 1);
			if (weekStart - day >= 1) weekStart -= 7;
			if (mask & bit(DAY_OF_WEEK)) weekStart = dayOfWeekOnOrBefore(weekStart + 6, value[DAY_OF_WEEK]);
			day = weekStart + 7 * (value[WEEK_OF_MONTH] - 1);
		} else {
			const dow = mask & bit(DAY_OF_WEEK) ? value[DAY_OF_WEEK] : 1;
			const dowim = mask & bit(DAY_OF_WEEK_IN_MONTH) ? value[DAY_OF_WEEK_IN_MONTH] : 1;
			if (dowim >= 0) {
				day = dayOfWeekOnOrBefore(day + 7 * dowim - 1, dow);
			} else {
				const monthLength = toDay(year, month + 2, 1) - day;
				day = dayOfWeekOnOrBefore(day + monthLength + 7 * (dowim + 1) - 1, dow);
			}
		}
	} else if (mask & bit(DAY_OF_YEAR)) {
		day += value[DAY_OF_YEAR] - 1;
	} else {
		let weekStart = dayOfWeekOnOrBefore(day + 6, 1);
		if (weekStart - day >= 1) weekStart -= 7;
		if (mask & bit(DAY_OF_WEEK) && value[DAY_OF_WEEK] !== 1) {
			weekStart = dayOfWeekOnOrBefore(weekStart + 6, value[DAY_OF_WEEK]);
		}
		day = weekStart + 7 * (value[WEEK_OF_YEAR] - 1);
	}
	return day;
}

/** The Julian/Gregorian choice of GregorianCalendar.computeTime; NaN for a day that never was. */
function resolveDay(year: number, mask: number, extraDays: number): number {
	let gregorian: number;
	let julian: number;
	if (year > CUTOVER_YEAR) {
		gregorian = extraDays + dayFromFields(false, year, mask);
		if (gregorian >= CUTOVER_DAY) return gregorian;
		julian = extraDays + dayFromFields(true, year, mask);
	} else if (year < CUTOVER_YEAR) {
		julian = extraDays + dayFromFields(true, year, mask);
		if (julian < CUTOVER_DAY) return julian;
		gregorian = julian;
	} else {
		julian = extraDays + dayFromFields(true, year, mask);
		gregorian = extraDays + dayFromFields(false, year, mask);
	}
	if (mask & (bit(DAY_OF_YEAR) | bit(WEEK_OF_YEAR))) return julian;
	if (gregorian >= CUTOVER_DAY) return gregorian;
	if (julian < CUTOVER_DAY) return julian;
	return NaN;
}

/** GregorianCalendar.setWeekDate for 'Y' parsed after 'y': false when the week date is not real. */
function setWeekDate(weekYear: number): boolean {
	const weekOfYear = stamp[WEEK_OF_YEAR] !== 0 ? value[WEEK_OF_YEAR] : 1;
	const dayOfWeek = stamp[DAY_OF_WEEK] !== 0 ? value[DAY_OF_WEEK] : 1;
	if (dayOfWeek < 1 || dayOfWeek > 7) return false;
	const era = stamp[ERA] !== 0 ? value[ERA] : 1;
	const jan1 = firstDayOfYear(era === 0 ? 1 - weekYear : weekYear);
	let weekStart = dayOfWeekOnOrBefore(jan1 + 6, 1);
	if (weekStart - jan1 >= 1) weekStart -= 7;
	const day = weekStart + (dayOfWeek - 1) + 7 * (weekOfYear - 1);
	computeDateFields(day, true, recomputed);
	if (recomputed.weekYear !== weekYear || recomputed.weekOfYear !== weekOfYear || recomputed.dayOfWeek !== dayOfWeek) return false;
	const set = (f: number, v: number): void => {
		stamp[f] = nextStamp++;
		value[f] = v;
	};
	set(ERA, recomputed.era);
	set(YEAR, recomputed.year);
	set(MONTH, recomputed.month);
	set(DAY_OF_MONTH, recomputed.dayOfMonth);
	value[WEEK_OF_YEAR] = weekOfYear;
	return true;
}

/** The value computeFields gives field f; hourOfDay and the offsets are passed in. */
function fieldValue(f: number, hourOfDay: number, timeOfDay: number, raw: number, dst: number): number {
	switch (f) {
		case ERA: return recomputed.era;
		case YEAR: return recomputed.year;
		case MONTH: return recomputed.month;
		case WEEK_OF_YEAR: return recomputed.weekOfYear;
		case WEEK_OF_MONTH: return recomputed.weekOfMonth;
		case DAY_OF_MONTH: return recomputed.dayOfMonth;
		case DAY_OF_YEAR: return recomputed.dayOfYear;
		case DAY_OF_WEEK: return recomputed.dayOfWeek;
		case DAY_OF_WEEK_IN_MONTH: return recomputed.dayOfWeekInMonth;
		case AM_PM: return hourOfDay < 12 ? 0 : 1;
		case HOUR: return hourOfDay % 12;
		case HOUR_OF_DAY: return hourOfDay;
		case MINUTE: return Math.floor(timeOfDay / 60000) % 60;
		case SECOND: return Math.floor(timeOfDay / 1000) % 60;
		case MILLISECOND: return timeOfDay % 1000;
		case ZONE_OFFSET: return raw;
		default: return dst;
	}
}

/** GregorianCalendar.computeTime, non-lenient: the instant, or NaN when Java would throw. */
function computeTime(zone: JavaZone): number {
	for (let f = 0; f < FIELD_COUNT; f++) {
		if (stamp[f] >= 2 && (value[f] < MIN_VALUES[f] || value[f] > MAX_VALUES[f])) return NaN;
	}
	const mask = selectFields();
	let year = stamp[YEAR] !== 0 ? value[YEAR] : 1970;
	if (stamp[ERA] !== 0 && value[ERA] === 0) year = 1 - year;

	let timeOfDay = mask & bit(HOUR_OF_DAY) ? value[HOUR_OF_DAY] : value[HOUR] + (mask & bit(AM_PM) ? 12 * value[AM_PM] : 0);
	timeOfDay = ((timeOfDay * 60 + value[MINUTE]) * 60 + value[SECOND]) * 1000 + value[MILLISECOND];
	const extraDays = floorDiv(timeOfDay, DAY_MS);
	timeOfDay -= extraDays * DAY_MS;
	const day = resolveDay(year, mask, extraDays);
	if (Number.isNaN(day)) return NaN;
	const wall = day * DAY_MS + timeOfDay;

	const zoneMask = mask & (bit(ZONE_OFFSET) | bit(DST_OFFSET));
	const both = bit(ZONE_OFFSET) | bit(DST_OFFSET);
	let raw = 0;
	let dst = 0;
	if (zoneMask !== both) {
		zone.offsetsByWall(wall, offsets);
		raw = offsets[0];
		dst = offsets[1];
	}
	if (zoneMask & bit(ZONE_OFFSET)) raw = value[ZONE_OFFSET];
	if (zoneMask & bit(DST_OFFSET)) dst = value[DST_OFFSET];
	const utc = wall - raw - dst;

	// Recompute the fields from the instant and compare those that were set.
	if (zoneMask !== both) {
		const total = zone.offsetAt(utc);
		raw = zone.rawAt(utc);
		dst = total - raw;
	}
	if (zoneMask & bit(ZONE_OFFSET)) raw = value[ZONE_OFFSET];
	if (zoneMask & bit(DST_OFFSET)) dst = value[DST_OFFSET];
	const local = utc + raw + dst;
	const localDay = Math.floor(local / DAY_MS);
	const localTime = local - localDay * DAY_MS;
	const weeks =
		stamp[WEEK_OF_YEAR] >= 2 || stamp[WEEK_OF_MONTH] >= 2 || stamp[DAY_OF_YEAR] >= 2 || stamp[DAY_OF_WEEK_IN_MONTH] >= 2;
	computeDateFields(localDay, weeks, recomputed);
	const hourOfDay = Math.floor(localTime / HOUR_MS);
	for (let f = 0; f < FIELD_COUNT; f++) {
		if (stamp[f] >= 2 && value[f] !== fieldValue(f, hourOfDay, localTime, raw, dst)) return NaN;
	}
	return utc;
}

/**
 * CalendarBuilder.establish then Calendar.getTime(): the parsed instant in `zone`, or NaN when
 * Java's calendar would refuse the fields.
 */
export function establish(builder: FieldBuilder, zone: JavaZone): number {
	for (let f = 0; f < FIELD_COUNT; f++) {
		stamp[f] = builder.stamp[f];
		value[f] = builder.stamp[f] !== 0 ? builder.value[f] : 0;
	}
	nextStamp = builder.next;
	const weekYearStamp = builder.stamp[WEEK_YEAR];
	if (weekYearStamp !== 0 && weekYearStamp > builder.stamp[YEAR]) {
		if (!setWeekDate(builder.value[WEEK_YEAR])) return NaN;
	}
	return computeTime(zone);
}
