import { JavaDateError } from './errors';
import { IntlOffsets, UTC1900 } from './intlOffsets';
import { ZONE_NAME_SETS, ZONE_ROWS } from './zoneTable';

/**
 * java.util.TimeZone as SimpleDateFormat sees it. Total offsets of zones with daylight saving or
 * history come from the runtime's Intl; what Intl cannot tell (Java's Locale-US names, which part
 * of an offset is DST, Java's pre-1900 rule) comes from the table generated from Java.
 *
 * zoneTable.ts rows are `id;flags;names;save;offset;intlId;rawHistory` where flags has `r` if the
 * zone has a row in DateFormatSymbols.getZoneStrings() (rows keep that order: it is the order
 * Java scans when parsing a zone name) and `f` if its offset never changes; names indexes
 * ZONE_NAME_SETS (`shortStd|shortDst|longStd|longDst`); save, offset (the current raw offset,
 * or the fixed offset) and the history are in base-36 seconds; intlId is empty when it is the id
 * itself; the history lists `instant:rawOffset` from 1900 on.
 */
export interface JavaZone {
	readonly id: string;
	/** [short standard, short daylight, long standard, long daylight]; custom ids print the id. */
	readonly names: readonly string[];
	/** TimeZone.getDSTSavings(), in ms. */
	readonly dstSavings: number;
	/** Position in Java's zone-strings order, or -1. */
	readonly nameRow: number;
	/** The offset in ms when it never changes (GMT, UTC, GMT+05:30, EST...); undefined otherwise. */
	readonly fixedOffset: number | undefined;
	/** Total offset at a UTC instant. */
	offsetAt(utc: number): number;
	/** Raw (standard) part of the offset at a UTC instant; the rest is DST. */
	rawAt(utc: number): number;
	/** ZoneInfo.getOffsetsByWall: writes [raw, dst] for a local wall time into out. */
	offsetsByWall(wall: number, out: Float64Array): void;
}

class FixedZone implements JavaZone {
	readonly fixedOffset: number;

	constructor(
		readonly id: string,
		readonly names: readonly string[],
		private readonly offset: number,
		readonly nameRow: number,
		readonly dstSavings: number,
	) {
		this.fixedOffset = offset;
	}

	offsetAt(): number {
		return this.offset;
	}

	rawAt(): number {
		return this.offset;
	}

	offsetsByWall(_wall: number, out: Float64Array): void {
		out[0] = this.offset;
		out[1] = 0;
	}
}

const scratch = new Float64Array(1);

class TzdbZone implements JavaZone {
	private offsets: IntlOffsets | undefined;

	readonly fixedOffset = undefined;

	constructor(
		readonly id: string,
		readonly names: readonly string[],
		readonly nameRow: number,
		readonly dstSavings: number,
		private readonly currentRaw: number,
		private readonly intlId: string,
		private readonly rawSince: Float64Array,
		private readonly rawValue: Float64Array,
	) {}

	private intl(): IntlOffsets {
		if (this.offsets === undefined) {
			try {
				this.offsets = new IntlOffsets(this.intlId, this.currentRaw);
			} catch {
				// Reported below: the runtime's Intl does not know this zone.
			}
			if (this.offsets === undefined) {
				throw new JavaDateError(`Time zone "${this.id}" is not in this runtime's time zone database`);
			}
		}
		return this.offsets;
	}

	offsetAt(utc: number): number {
		return this.intl().offsetAt(utc);
	}

	rawAt(utc: number): number {
		if (utc < UTC1900) return this.currentRaw;
		const since = this.rawSince;
		let i = since.length - 1;
		if (utc >= since[i]) return this.rawValue[i];
		while (i > 0 && utc < since[i]) i--;
		return this.rawValue[i];
	}

	offsetsByWall(wall: number, out: Float64Array): void {
		const total = this.intl().offsetForWall(wall, scratch);
		const raw = this.rawAt(scratch[0]);
		out[0] = raw;
		out[1] = total - raw;
	}
}

const b36 = (s: string): number => (s.charCodeAt(0) === 45 ? -parseInt(s.slice(1), 36) : parseInt(s, 36));

interface RowRef {
	row: string;
	index: number;
}

let rowsById: Map<string, RowRef> | undefined;
const zones = new Map<string, JavaZone>();
const nameSets: Array<readonly string[] | undefined> = [];

function rowIndex(): Map<string, RowRef> {
	if (rowsById === undefined) {
		rowsById = new Map();
		for (let i = 0; i < ZONE_ROWS.length; i++) {
			const row = ZONE_ROWS[i];
			rowsById.set(row.slice(0, row.indexOf(';')), { row, index: i });
		}
	}
	return rowsById;
}

function namesAt(i: number): readonly string[] {
	let n = nameSets[i];
	if (n === undefined) {
		n = ZONE_NAME_SETS[i].split('|');
		nameSets[i] = n;
	}
	return n;
}

function decodeRow(ref: RowRef): JavaZone {
	const [id, flags, names, save, offset, intlId, history] = ref.row.split(';');
	const nameRow = flags.includes('r') ? ref.index : -1;
	const nameList = namesAt(Number(names));
	if (flags.includes('f')) return new FixedZone(id, nameList, b36(offset) * 1000, nameRow, b36(save) * 1000);
	const entries = history.split(',');
	const since = new Float64Array(entries.length);
	const value = new Float64Array(entries.length);
	entries.forEach((e, i) => {
		const colon = e.indexOf(':');
		since[i] = b36(e.slice(0, colon)) * 1000;
		value[i] = b36(e.slice(colon + 1)) * 1000;
	});
	return new TzdbZone(id, nameList, nameRow, b36(save) * 1000, b36(offset) * 1000, intlId || id, since, value);
}

/**
 * TimeZone.parseCustomTimeZone of Java 17: `GMT` then a sign, then `h`, `hh`, `hmm`, `hhmm`
 * (any digit run: the last two are minutes) or `[h]h:mm` (also `:mm` alone); hours <= 23,
 * minutes <= 59. Returns the offset in ms, or undefined. Java's id becomes `GMT±hh:mm`.
 */
export function parseCustomZoneId(id: string): number | undefined {
	const length = id.length;
	if (length < 5 || !id.startsWith('GMT')) return undefined;
	const sign = id.charCodeAt(3);
	if (sign !== 43 && sign !== 45) return undefined;
	let hours = 0;
	let num = 0;
	let len = 0;
	let delimiters = 0;
	for (let i = 4; i < length; i++) {
		const c = id.charCodeAt(i);
		if (c === 58) {
			if (delimiters > 0 || len > 2) return undefined;
			hours = num;
			delimiters++;
			num = 0;
			len = 0;
			continue;
		}
		if (c < 48 || c > 57) return undefined;
		num = (Math.imul(num, 10) + (c - 48)) | 0;
		len++;
	}
	let minutes: number;
	if (delimiters === 0) {
		if (len <= 2) {
			hours = num;
			minutes = 0;
		} else {
			hours = (num / 100) | 0;
			minutes = num % 100;
		}
	} else {
		if (len !== 2) return undefined;
		minutes = num;
	}
	if (hours > 23 || minutes > 59) return undefined;
	const offset = (hours * 60 + minutes) * 60000;
	return sign === 45 ? -offset : offset;
}

const two = (n: number): string => (n < 10 ? '0' : '') + n;

function customZone(id: string, offset: number): JavaZone {
	const abs = Math.abs(offset) / 60000;
	const name = `GMT${id.charCodeAt(3) === 45 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
	return new FixedZone(name, [name, name, name, name], offset, -1, 0);
}

/**
 * Whether java.util.TimeZone.getTimeZone knows the id (Java silently turns an unknown id into
 * GMT; configuration must refuse it instead). Ids are case-sensitive, as in Java. Java's own
 * SystemV/* zones are not supported: no tz database the runtime could use has them.
 */
export function isKnownJavaTimeZone(zone: string): boolean {
	if (typeof zone !== 'string') return false;
	const ref = rowIndex().get(zone);
	if (ref === undefined) return parseCustomZoneId(zone) !== undefined;
	try {
		// A zone with history needs the runtime's tz database to have it too.
		resolveJavaZone(zone).offsetAt(0);
		return true;
	} catch {
		return false;
	}
}

/** The zone for an id, cached; throws JavaDateError for an id isKnownJavaTimeZone refuses. */
export function resolveJavaZone(id: string): JavaZone {
	let zone = zones.get(id);
	if (zone !== undefined) return zone;
	const ref = rowIndex().get(id);
	if (ref !== undefined) {
		zone = decodeRow(ref);
	} else {
		const custom = typeof id === 'string' ? parseCustomZoneId(id) : undefined;
		if (custom === undefined) throw new JavaDateError(`Unknown Java time zone id "${String(id)}"`);
		zone = customZone(id, custom);
	}
	zones.set(id, zone);
	return zone;
}

/** The zone of Java's zone-strings row i (the order SimpleDateFormat scans), for zone-name parsing. */
export function zoneAtRow(i: number): JavaZone {
	const row = ZONE_ROWS[i];
	return resolveJavaZone(row.slice(0, row.indexOf(';')));
}

export const ZONE_ROW_COUNT = ZONE_ROWS.length;

/** Names of row i without building its zone: [shortStd, shortDst, longStd, longDst]. */
export function namesOfRow(i: number): readonly string[] | undefined {
	const row = ZONE_ROWS[i];
	const parts = row.split(';', 3);
	if (!parts[1].includes('r')) return undefined;
	return namesAt(Number(parts[2]));
}
