import {
	JavaDateError,
	JavaDatePatternError,
	compileJavaDatePattern,
	formatJavaDate,
	formatJavaDateMs,
	isKnownJavaTimeZone,
	parseJavaDate,
	parseJavaDateMs,
} from '../../nodes/engine/javaDate';

const at = (iso: string): Date => new Date(iso);

describe('Java quirks the contract names (each checked against Java by the fixtures too)', () => {
	test('SSSSSS prints milliseconds zero-padded to six digits', () => {
		expect(formatJavaDate(at('2024-03-05T14:00:58.123Z'), 'ss.SSSSSS', 'GMT')).toBe('58.000123');
	});
	test('parsing ss.S with 06.5 gives 5 ms, not 500', () => {
		expect(parseJavaDate('06.5', 'ss.S', 'GMT').getTime()).toBe(6005);
	});
	test('X prints Z for UTC and -04 otherwise; Z prints -0400', () => {
		expect(formatJavaDate(at('2024-07-01T12:00:00Z'), 'X|XX|XXX', 'UTC')).toBe('Z|Z|Z');
		expect(formatJavaDate(at('2024-07-01T12:00:00Z'), 'X|XX|XXX|Z', 'America/New_York')).toBe('-04|-0400|-04:00|-0400');
	});
	test('z prints Java names, not Intl ones', () => {
		const july = at('2024-07-01T12:00:00Z');
		expect(formatJavaDate(july, 'z', 'America/New_York')).toBe('EDT');
		expect(formatJavaDate(july, 'z', 'Asia/Kolkata')).toBe('IST');
		expect(formatJavaDate(july, 'z', 'Australia/Adelaide')).toBe('ACST');
		expect(formatJavaDate(july, 'z', 'Europe/London')).toBe('BST');
		expect(formatJavaDate(july, 'z', 'GMT')).toBe('GMT');
		expect(formatJavaDate(july, 'z|zzzz', 'UTC')).toBe('UTC|Coordinated Universal Time');
		expect(formatJavaDate(july, 'z|zzzz', 'GMT+5:30')).toBe('GMT+05:30|GMT+05:30');
	});
	test('text after the pattern is ignored, as Java parse(String) does', () => {
		expect(parseJavaDate('2024-03-05xyz', 'yyyy-MM-dd', 'GMT').toISOString()).toBe('2024-03-05T00:00:00.000Z');
	});
	test('non-lenient: out-of-range fields and missing local times are refused', () => {
		expect(() => parseJavaDate('2024-02-30', 'yyyy-MM-dd', 'GMT')).toThrow(JavaDateError);
		expect(() => parseJavaDate('24:00', 'HH:mm', 'GMT')).toThrow(JavaDateError);
		expect(() => parseJavaDate('2024-03-10 02:30', 'yyyy-MM-dd HH:mm', 'America/New_York')).toThrow(JavaDateError);
	});
	test('abutting numeric fields parse by width', () => {
		expect(parseJavaDate('20240305140058', 'yyyyMMddHHmmss', 'GMT').toISOString()).toBe('2024-03-05T14:00:58.000Z');
	});
	test('two-digit years fall in the 80-years-before, 20-after window of `now`', () => {
		const now = at('2026-06-01T00:00:00Z');
		expect(parseJavaDate('45-01-01', 'yy-MM-dd', 'GMT', now).getUTCFullYear()).toBe(2045);
		expect(parseJavaDate('47-01-01', 'yy-MM-dd', 'GMT', now).getUTCFullYear()).toBe(1947);
		expect(parseJavaDate('46-01-01', 'yy-MM-dd', 'GMT', now).getUTCFullYear()).toBe(2046);
		expect(parseJavaDate('46-07-01', 'yy-MM-dd', 'GMT', now).getUTCFullYear()).toBe(1946);
	});
	test('week fields follow Locale US: weeks start Sunday, week 1 holds January 1', () => {
		expect(formatJavaDate(at('2024-12-31T12:00:00Z'), 'YYYY-ww-u', 'GMT')).toBe('2025-01-2');
		expect(parseJavaDate('2025-01-2', 'YYYY-ww-u', 'GMT').toISOString()).toBe('2024-12-31T00:00:00.000Z');
	});
	test('before 1900 a zone has its current standard offset, as java.util.TimeZone has', () => {
		expect(formatJavaDate(at('1850-06-01T12:00:00Z'), 'HH:mm Z', 'America/New_York')).toBe('07:00 -0500');
	});
});

describe('errors', () => {
	test('unparseable text names the text and the pattern', () => {
		let error: unknown;
		try {
			parseJavaDate('2024-13-01', 'yyyy-MM-dd', 'GMT');
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(JavaDateError);
		expect((error as Error).message).toContain('"2024-13-01"');
		expect((error as Error).message).toContain('"yyyy-MM-dd"');
	});
	test('a text that stops early names where', () => {
		expect(() => parseJavaDate('2024-03', 'yyyy-MM-dd', 'GMT')).toThrow(/at position 7/);
	});
	test.each([
		['yyyy-MM-dd q', "'q'", 11],
		['yyyy-MM-ddTHH:mm', "'T'", 10],
		["yyyy-MM-dd'T", 'unterminated quote', 10],
		['HH:mm XXXX', "'X'", 6],
	])('pattern %j is refused naming %s at %d', (pattern, what, position) => {
		let error: unknown;
		try {
			compileJavaDatePattern(pattern);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(JavaDatePatternError);
		expect(error).toBeInstanceOf(JavaDateError);
		expect((error as JavaDatePatternError).position).toBe(position);
		expect((error as Error).message).toContain(JSON.stringify(pattern));
		expect((error as Error).message).toContain(what);
		expect((error as Error).message).toContain(`position ${position}`);
		expect(() => formatJavaDate(new Date(0), pattern, 'GMT')).toThrow(JavaDatePatternError);
		expect(() => parseJavaDate('x', pattern, 'GMT')).toThrow(JavaDatePatternError);
	});
	test('an unknown zone is refused, not turned into GMT as Java does', () => {
		expect(isKnownJavaTimeZone('Mars/Olympus')).toBe(false);
		expect(() => formatJavaDate(new Date(0), 'HH', 'Mars/Olympus')).toThrow(/Unknown Java time zone id "Mars\/Olympus"/);
		expect(() => parseJavaDate('00', 'HH', 'america/new_york')).toThrow(JavaDateError);
	});
	test('an invalid Date is refused', () => {
		expect(() => formatJavaDate(new Date(NaN), 'yyyy', 'GMT')).toThrow(JavaDateError);
	});
	test('an instant beyond JavaScript dates is refused', () => {
		expect(() => parseJavaDate('300000-01-01', 'yyyy-MM-dd', 'GMT')).toThrow(/outside the range/);
	});
});

describe('zones', () => {
	test.each(['GMT', 'UTC', 'EST', 'GMT+05:30', 'GMT-3', 'America/New_York', 'Asia/Calcutta', 'Etc/GMT+5', 'PST'])(
		'%s is known',
		(zone) => expect(isKnownJavaTimeZone(zone)).toBe(true),
	);
	test.each(['', 'gmt', 'UTC+1', 'Z', 'GMT+24', 'EDT', 'SystemV/EST5EDT'])('%j is not', (zone) =>
		expect(isKnownJavaTimeZone(zone)).toBe(false),
	);
});

describe('compiled patterns are cached', () => {
	test('the same pattern compiles once', () => {
		expect(compileJavaDatePattern('yyyy-MM-dd HH:mm')).toBe(compileJavaDatePattern('yyyy-MM-dd HH:mm'));
	});
	test('ms variants agree with the Date ones', () => {
		const t = Date.UTC(2024, 2, 5, 14, 0, 58, 123);
		const text = formatJavaDateMs(t, "yyyy-MM-dd'T'HH:mm:ss.SSSXXX", 'Australia/Adelaide');
		expect(text).toBe('2024-03-06T00:30:58.123+10:30');
		expect(parseJavaDateMs(text, "yyyy-MM-dd'T'HH:mm:ss.SSSXXX", 'GMT')).toBe(t);
	});
	test('a poll-sized batch in a DST zone stays consistent', () => {
		const pattern = 'yyyy-MM-dd HH:mm:ss.SSS';
		const start = Date.UTC(2023, 0, 1);
		let repeated = 0;
		for (let i = 0; i < 20000; i++) {
			const t = start + i * 1579123;
			const text = formatJavaDateMs(t, pattern, 'America/New_York');
			const back = parseJavaDateMs(text, pattern, 'America/New_York');
			// A local time in the repeated autumn hour comes back as the later (standard) instant.
			if (back !== t) {
				expect(back - t).toBe(3600000);
				expect(formatJavaDateMs(back, pattern, 'America/New_York')).toBe(text);
				repeated++;
			}
		}
		expect(repeated).toBeGreaterThan(0);
		expect(repeated).toBeLessThan(10);
	});
});
