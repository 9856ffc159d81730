/**
 * Replays every row Java answered (test/fixtures/java-date, made by
 * scripts/generate-java-date-fixtures.js from SimpleDateFormat, Locale.US, non-lenient, JVM zone
 * GMT). Rows are grouped by pattern so a failure names the pattern and lists each differing row.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
	JavaDateError,
	formatJavaDate,
	isKnownJavaTimeZone,
	parseJavaDate,
} from '../../nodes/engine/javaDate';

type Row = [string, number | string, string, string];

interface Fixture {
	oracleStartedAtMs: number;
	rows: Row[];
}

const load = (name: string): Fixture =>
	JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'java-date', name), 'utf8')) as Fixture;

const format = load('format.json');
const parse = load('parse.json');
const zones = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'java-date', 'zones.json'), 'utf8')) as {
	rows: Array<[string, boolean, string]>;
};

function byPattern(rows: Row[]): Array<[string, Row[]]> {
	const groups = new Map<string, Row[]>();
	for (const r of rows) {
		const list = groups.get(r[0]) ?? [];
		list.push(r);
		groups.set(r[0], list);
	}
	return [...groups.entries()];
}

/** Our answer in the oracle's terms: the text / epoch ms, or "ERROR" for a JavaDateError. */
function attempt(run: () => string): string {
	try {
		return run();
	} catch (e) {
		if (e instanceof JavaDateError) return 'ERROR';
		throw e;
	}
}

const expected = (java: string): string => (java.startsWith('ERROR') ? 'ERROR' : java);
// Java can return instants a JavaScript Date cannot hold; the engine refuses those.
const expectedParse = (java: string): string =>
	java.startsWith('ERROR') || Math.abs(Number(java)) > 8.64e15 ? 'ERROR' : java;

describe('formatJavaDate agrees with Java', () => {
	test('fixture is substantial', () => {
		expect(format.rows.length).toBeGreaterThan(1000);
	});
	test.each(byPattern(format.rows))('format %j', (_pattern, rows) => {
		const diffs = rows
			.map(([pattern, ms, zone, java]) => {
				const ours = attempt(() => formatJavaDate(new Date(ms as number), pattern, zone));
				return ours === expected(java) ? null : `${new Date(ms as number).toISOString()} ${zone}: java ${java} | ours ${ours}`;
			})
			.filter((d) => d !== null);
		expect(diffs).toEqual([]);
	});
});

describe('parseJavaDate agrees with Java', () => {
	const now = new Date(parse.oracleStartedAtMs);
	test('fixture is substantial and has failures too', () => {
		expect(parse.rows.length).toBeGreaterThan(1000);
		expect(parse.rows.filter((r) => r[3].startsWith('ERROR')).length).toBeGreaterThan(100);
	});
	test.each(byPattern(parse.rows))('parse %j', (_pattern, rows) => {
		const diffs = rows
			.map(([pattern, text, zone, java]) => {
				const ours = attempt(() => String(parseJavaDate(text as string, pattern, zone, now).getTime()));
				return ours === expectedParse(java) ? null : `${JSON.stringify(text)} ${zone}: java ${java} | ours ${ours}`;
			})
			.filter((d) => d !== null);
		expect(diffs).toEqual([]);
	});
});

describe('isKnownJavaTimeZone agrees with TimeZone.getTimeZone', () => {
	// Java's own SystemV/* zones are known to Java but deliberately not supported.
	test.each(zones.rows.filter(([id]) => !id.startsWith('SystemV/')))('%j known: %j', (id, known) => {
		expect(isKnownJavaTimeZone(id)).toBe(known);
	});
	test('custom ids print as Java normalizes them', () => {
		for (const [id, known, javaId] of zones.rows) {
			if (known && id.startsWith('GMT') && /[+-]/.test(id)) {
				expect(formatJavaDate(new Date(0), 'zzzz', id)).toBe(javaId);
			}
		}
	});
});
