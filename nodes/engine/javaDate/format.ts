import { DAY_MS, computeDateFields, newDateFields } from './calendar';
import { JavaDateError } from './errors';
import { Tag, compileJavaDatePattern } from './pattern';
import { AM_PM, ERAS, MONTHS, SHORT_MONTHS, SHORT_WEEKDAYS, WEEKDAYS } from './symbols';
import { JavaZone, resolveJavaZone } from './zones';

const fields = newDateFields();

/** SimpleDateFormat.zeroPaddingNumber with no upper limit: at least `min` digits, sign first. */
function pad(value: number, min: number): string {
	if (value >= 0 && value < 10 && min <= 1) return String.fromCharCode(48 + value);
	const s = String(value < 0 ? -value : value);
	const padded = s.length >= min ? s : '0'.repeat(min - s.length) + s;
	return value < 0 ? '-' + padded : padded;
}

/** zeroPaddingNumber(value, 2, 2): DecimalFormat keeps the two low-order digits. */
function pad2Max2(value: number): string {
	const abs = (value < 0 ? -value : value) % 100;
	return (value < 0 ? '-' : '') + (abs < 10 ? '0' : '') + abs;
}

const two = (n: number): string => (n < 10 ? '0' : '') + n;
const four = (n: number): string => (n < 10 ? '000' : n < 100 ? '00' : n < 1000 ? '0' : '') + n;

/** 'Z': sign and hhmm of the offset in whole minutes (Java truncates seconds). */
function rfc822(offset: number): string {
	const minutes = Math.trunc(offset / 60000);
	const num = Math.trunc(minutes / 60) * 100 + (minutes % 60);
	return num >= 0 && minutes >= 0 ? '+' + four(num) : '-' + four(-num);
}

/** 'X', 'XX', 'XXX': Z for a zero offset, else ±hh, ±hhmm, ±hh:mm. */
function iso8601(offset: number, count: number): string {
	if (offset === 0) return 'Z';
	let minutes = Math.trunc(offset / 60000);
	let sign = '+';
	if (minutes < 0) {
		sign = '-';
		minutes = -minutes;
	}
	const hh = sign + two(Math.trunc(minutes / 60));
	if (count === 1) return hh;
	return hh + (count === 3 ? ':' : '') + two(minutes % 60);
}

/** Formats an epoch-ms instant exactly as SimpleDateFormat(pattern, Locale.US) in `zone` does. */
export function formatEpochMs(ms: number, pattern: string, zoneId: string): string {
	if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) throw new JavaDateError(`Cannot format an invalid date with pattern "${pattern}"`);
	const compiled = compileJavaDatePattern(pattern);
	const zone: JavaZone = resolveJavaZone(zoneId);
	const offset = zone.offsetAt(ms);
	const local = ms + offset;
	const day = Math.floor(local / DAY_MS);
	const timeOfDay = local - day * DAY_MS;
	computeDateFields(day, compiled.needsWeeks, fields);
	const hourOfDay = Math.floor(timeOfDay / 3600000);

	let out = '';
	const tokens = compiled.tokens;
	for (let i = 0; i < tokens.length; i++) {
		const t = tokens[i];
		const count = t.count;
		switch (t.tag) {
			case -1:
				out += t.text;
				break;
			case Tag.Era:
				out += ERAS[fields.era];
				break;
			case Tag.Year:
				out += count === 2 ? pad2Max2(fields.year) : pad(fields.year, count);
				break;
			case Tag.WeekYear:
				out += count === 2 ? pad2Max2(fields.weekYear) : pad(fields.weekYear, count);
				break;
			case Tag.Month:
			case Tag.MonthStandalone:
				out += count >= 4 ? MONTHS[fields.month] : count === 3 ? SHORT_MONTHS[fields.month] : pad(fields.month + 1, count);
				break;
			case Tag.DayOfMonth:
				out += pad(fields.dayOfMonth, count);
				break;
			case Tag.HourOfDay1:
				out += pad(hourOfDay === 0 ? 24 : hourOfDay, count);
				break;
			case Tag.HourOfDay0:
				out += pad(hourOfDay, count);
				break;
			case Tag.Minute:
				out += pad(Math.floor(timeOfDay / 60000) % 60, count);
				break;
			case Tag.Second:
				out += pad(Math.floor(timeOfDay / 1000) % 60, count);
				break;
			case Tag.Millisecond:
				out += pad(timeOfDay % 1000, count);
				break;
			case Tag.DayOfWeek:
				out += (count >= 4 ? WEEKDAYS : SHORT_WEEKDAYS)[fields.dayOfWeek];
				break;
			case Tag.IsoDayOfWeek:
				out += pad(fields.dayOfWeek === 1 ? 7 : fields.dayOfWeek - 1, count);
				break;
			case Tag.DayOfYear:
				out += pad(fields.dayOfYear, count);
				break;
			case Tag.DayOfWeekInMonth:
				out += pad(fields.dayOfWeekInMonth, count);
				break;
			case Tag.WeekOfYear:
				out += pad(fields.weekOfYear, count);
				break;
			case Tag.WeekOfMonth:
				out += pad(fields.weekOfMonth, count);
				break;
			case Tag.AmPm:
				out += AM_PM[hourOfDay < 12 ? 0 : 1];
				break;
			case Tag.Hour1:
				out += pad(hourOfDay % 12 === 0 ? 12 : hourOfDay % 12, count);
				break;
			case Tag.Hour0:
				out += pad(hourOfDay % 12, count);
				break;
			case Tag.ZoneName: {
				const daylight = offset !== zone.rawAt(ms);
				out += zone.names[(count >= 4 ? 2 : 0) + (daylight ? 1 : 0)];
				break;
			}
			case Tag.ZoneValue:
				out += rfc822(offset);
				break;
			case Tag.IsoZone:
				out += iso8601(offset, count);
				break;
		}
	}
	return out;
}
