import { DAY_MS, gregorianDay } from './calendar';

/** Offsets before this instant are not asked of Intl: Java's legacy zones start in 1900 too. */
export const UTC1900 = -2208988800000;

interface Transition {
	at: number;
	before: number;
	after: number;
}

type Bucket = number | Transition;

const MAX_BUCKETS = 20000;
const WINDOW_MS = 18 * 3600000;

/**
 * A zone's total UTC offset from the runtime's tz database (Intl), cached per UTC day: a day holds
 * either one offset or one transition (zones never change twice within a week, checked by the
 * generator), so a poll over a few months costs a few hundred Intl calls, not one per record.
 * Before 1900 the offset is `before1900`, which is what java.util.TimeZone does.
 */
export class IntlOffsets {
	private readonly dtf: Intl.DateTimeFormat;
	private readonly starts = new Map<number, number>();
	private readonly buckets = new Map<number, Bucket>();
	private lastIndex = NaN;
	private lastBucket: Bucket = 0;

	constructor(
		intlZone: string,
		private readonly before1900: number,
	) {
		this.dtf = new Intl.DateTimeFormat('en-US', {
			timeZone: intlZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		});
	}

	/** Total offset (ms) in force at a UTC instant. */
	offsetAt(utc: number): number {
		if (utc < UTC1900) return this.before1900;
		const b = this.bucket(Math.floor(utc / DAY_MS));
		return typeof b === 'number' ? b : utc < b.at ? b.before : b.after;
	}

	/**
	 * Offset Java picks for a local wall time: that of the last transition whose own wall time
	 * (instant + new offset) is not after it. In a gap that is the old offset, in an overlap the
	 * new one (standard time). Also returns, through `instantOut[0]`, an instant inside the chosen
	 * offset's span, for looking up the raw offset of that span.
	 */
	offsetForWall(wall: number, instantOut: Float64Array): number {
		const lo = wall - WINDOW_MS;
		const hi = wall + WINDOW_MS;
		let offset = this.offsetAt(lo);
		let spanStart = -Infinity;
		let spanEnd = Infinity;
		if (hi >= UTC1900) {
			const last = Math.floor(hi / DAY_MS);
			for (let d = Math.max(Math.floor(lo / DAY_MS), UTC1900 / DAY_MS); d <= last; d++) {
				const b = this.bucket(d);
				if (typeof b === 'number' || b.at <= lo || b.at > hi) continue;
				if (b.at + b.after <= wall) {
					offset = b.after;
					spanStart = b.at;
				} else if (spanEnd === Infinity) {
					spanEnd = b.at;
				}
			}
		}
		let instant = wall - offset;
		if (instant < spanStart) instant = spanStart;
		if (instant >= spanEnd) instant = spanEnd - 1;
		instantOut[0] = instant;
		return offset;
	}

	private bucket(index: number): Bucket {
		if (index === this.lastIndex) return this.lastBucket;
		let b = this.buckets.get(index);
		if (b === undefined) {
			if (this.buckets.size >= MAX_BUCKETS) {
				this.buckets.clear();
				this.starts.clear();
			}
			b = this.computeBucket(index);
			this.buckets.set(index, b);
		}
		this.lastIndex = index;
		this.lastBucket = b;
		return b;
	}

	private computeBucket(index: number): Bucket {
		const start = index * DAY_MS;
		const end = start + DAY_MS;
		const first = this.startOffset(index);
		const next = this.startOffset(index + 1);
		if (start === UTC1900 && first !== this.before1900) {
			return { at: start, before: this.before1900, after: first };
		}
		if (first === next) return first;
		// One transition inside the day; tz transitions fall on whole seconds.
		let lo = start;
		let hi = end;
		while (hi - lo > 1000) {
			const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
			if (this.intlOffset(mid) === first) lo = mid;
			else hi = mid;
		}
		return { at: hi, before: first, after: next };
	}

	private startOffset(index: number): number {
		let o = this.starts.get(index);
		if (o === undefined) {
			o = this.intlOffset(index * DAY_MS);
			this.starts.set(index, o);
		}
		return o;
	}

	/** Offset = the wall clock Intl shows minus the instant, both to the second. */
	private intlOffset(utc: number): number {
		const s = this.dtf.format(utc);
		const n = [0, 0, 0, 0, 0, 0];
		let k = -1;
		let inNumber = false;
		for (let i = 0; i < s.length && k < 6; i++) {
			const c = s.charCodeAt(i) - 48;
			if (c >= 0 && c <= 9) {
				if (!inNumber) {
					k++;
					inNumber = true;
				}
				if (k < 6) n[k] = n[k] * 10 + c;
			} else {
				inNumber = false;
			}
		}
		// en-US numeric order: month/day/year, hour:minute:second.
		const wall = gregorianDay(n[2], n[0], n[1]) * DAY_MS + ((n[3] * 60 + n[4]) * 60 + n[5]) * 1000;
		return wall - (utc - (((utc % 1000) + 1000) % 1000));
	}
}
