#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * Asks Java (the oracle for Cloud Elements' date patterns) for what the sandbox's own date code
 * must reproduce, and writes it down so neither the sandbox nor its tests need Java later:
 *
 *   sandbox/java-zone-names.json        per java.util.TimeZone id: the zone whose rules it uses,
 *                                       its raw offset and its Locale-US display names (`z`, `zzzz`);
 *                                       per display name: the offset Java gives it when parsing
 *   test/sandbox/fixtures/java-date.json SimpleDateFormat answers (format and parse) that
 *                                       test/sandbox/java-date.test.ts replays
 *
 * Usage: node sandbox/tools/generate-java-data.js   (needs `java`; ../shared/tools/JavaDate.java)
 * Java runs with -Duser.timezone=GMT, the zone Cloud Elements' servers run in.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const ORACLE = path.resolve(ROOT, '..', 'shared', 'tools', 'JavaDate.java');
const NAMES_FILE = path.join(ROOT, 'sandbox', 'java-zone-names.json');
const FIXTURE_FILE = path.join(ROOT, 'test', 'sandbox', 'fixtures', 'java-date.json');

// A small program of our own: each TimeZone id, the ZoneId it resolves to, and its four names.
const ZONE_NAMES_JAVA = String.raw`import java.util.Locale;
import java.util.TimeZone;

public class ZoneNames {
  public static void main(String[] args) {
    for (String id : TimeZone.getAvailableIDs()) {
      TimeZone tz = TimeZone.getTimeZone(id);
      System.out.println(String.join("\t", id, tz.toZoneId().getId(), Integer.toString(tz.getRawOffset()),
        tz.getDisplayName(false, TimeZone.SHORT, Locale.US), tz.getDisplayName(false, TimeZone.LONG, Locale.US),
        tz.getDisplayName(true, TimeZone.SHORT, Locale.US), tz.getDisplayName(true, TimeZone.LONG, Locale.US)));
    }
  }
}
`;

/** @param {string[]} args @param {string} [input] */
function java(args, input) {
	const run = spawnSync('java', ['-Duser.timezone=GMT', ...args], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	if (run.status !== 0) throw new Error(`java ${args.join(' ')} failed: ${run.stderr}`);
	return run.stdout;
}

function zoneNames() {
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'zone-names-'));
	try {
		const source = path.join(directory, 'ZoneNames.java');
		fs.writeFileSync(source, ZONE_NAMES_JAVA);
		/** @type {Record<string, [string, number, string, string, string, string]>} */
		const table = {};
		for (const line of java([source]).trim().split('\n')) {
			const [id, rules, rawOffset, stdShort, stdLong, dstShort, dstLong] = line.split('\t');
			table[id] = [rules, Number(rawOffset), stdShort, stdLong, dstShort, dstLong];
		}
		return table;
	} finally {
		fs.rmSync(directory, { recursive: true, force: true });
	}
}

const INSTANTS = [
	Date.UTC(2024, 2, 5, 14, 0, 58, 123), // the contract's sample instant
	Date.UTC(2024, 6, 3, 9, 46, 40, 5), // summer in the north
	Date.UTC(2024, 11, 31, 23, 59, 59, 999), // week-year boundary (YYYY, ww)
	Date.UTC(2021, 0, 1, 0, 0, 0, 0), // Friday Jan 1: week 1 starts in December
	Date.UTC(2024, 1, 29, 12, 30, 0, 500), // leap day, noon
	Date.UTC(2024, 2, 10, 7, 0, 0, 0), // 3 am EDT: right after New York springs forward
	Date.UTC(2024, 10, 3, 5, 30, 0, 0), // 1:30 am EDT, the first of two in New York
	Date.UTC(2024, 10, 3, 6, 30, 0, 0), // 1:30 am EST, the second
	Date.UTC(1970, 0, 1, 0, 0, 0, 0),
	Date.UTC(1999, 11, 31, 23, 0, 0, 0),
	Date.UTC(2038, 0, 19, 3, 14, 8, 0),
	Date.UTC(2099, 5, 15, 18, 5, 9, 87),
];

const ZONES = ['GMT', 'UTC', 'America/New_York', 'EST', 'America/Los_Angeles', 'PST', 'Europe/London', 'Europe/Paris', 'Asia/Kolkata', 'IST',
	'Australia/Adelaide', 'Asia/Tokyo', 'BST', 'GMT+5:30', 'GMT-08:00', 'Foo/Bar', 'America/St_Johns', 'Asia/Kathmandu', 'Pacific/Auckland'];

const FORMAT_PATTERNS = [
	"yyyy-MM-dd'T'HH:mm:ss'Z'",
	"yyyy-MM-dd'T'HH:mm:ss.SSS'Z'",
	"yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
	"yyyy-MM-dd'T'HH:mm:ssZ",
	"yyyy-MM-dd'T'HH:mm:ss.SSSSSSX",
	'EEE MMM dd HH:mm:ss zzz yyyy',
	'EEEE, MMMM d, y G h:mm a zzzz',
	'GGGG yy yyy yyyyy MMMMM LLL L',
	'YYYY-ww W F D u E k K h a',
	"S SS SSS SSSS 'lit''s' ''",
	'z zz zzz zzzz Z ZZZZ X XX XXX',
	'dd/MM/yyyy HH:mm',
	'yyyyMMddHHmmss',
];

const BAD_PATTERNS = ["yyyy-MM-dd'T'HH:mm:ss'Z", 'yyyy-qq', 'XXXX', "HH:mm 'o''clock"];

/** @type {Array<[string, string, string]>} */
const PARSE_CASES = [
	["yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", '2024-03-05T14:00:58.123Z', 'GMT'],
	["yyyy-MM-dd'T'HH:mm:ss'Z'", '2024-03-05T14:00:58Z', 'GMT'],
	["yyyy-MM-dd'T'HH:mm:ss'Z'", '2024-03-05T14:00:58.123Z', 'GMT'],
	["yyyy-MM-dd'T'HH:mm:ss", '2024-03-05T14:00:58.123Z', 'GMT'],
	["yyyy-MM-dd'T'HH:mm:ss.SSSX", '2024-03-05T14:00:58.123Z', 'GMT'],
	["yyyy-MM-dd'T'HH:mm:ss.SSSXXX", '2024-03-05T09:00:58.123-05:00', 'GMT'],
	["yyyy-MM-dd'T'HH:mm:ss.SSSZ", '2024-03-05T14:00:58.123Z', 'GMT'],
	["yyyy-MM-dd'T'HH:mm:ss.SSSZ", '2024-03-05T14:00:58.123+0530', 'GMT'],
	["yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", '2024-03-05T14:00:58.123Z', 'America/New_York'],
	["yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", '2024-07-05T14:00:58.123Z', 'EST'],
	["yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", '2024-07-05T14:00:58.123Z', 'America/New_York'],
	['ss.S', '06.5', 'GMT'],
	['ss.SSS', '06.5', 'GMT'],
	['yyyyMMddHHmmss', '20240305140058', 'GMT'],
	['yy-MM-dd', '24-03-05', 'GMT'],
	['yyyy-M-d', '2024-3-5', 'GMT'],
	['yyyy-MM-dd', '2024-02-30', 'GMT'],
	['yyyy-MM-dd', '2024-13-01', 'GMT'],
	['yyyy-MM-dd HH:mm', '2024-03-05 24:00', 'GMT'],
	['yyyy-MM-dd HH:mm', '2024-03-10 02:30', 'America/New_York'],
	['yyyy-MM-dd HH:mm', '2024-11-03 01:30', 'America/New_York'],
	['yyyy-MM-dd  HH:mm', '2024-03-05   14:00', 'GMT'],
	['EEE MMM dd HH:mm:ss zzz yyyy', 'Tue Mar 05 14:02:11 UTC 2024', 'GMT'],
	['EEE MMM dd HH:mm:ss zzz yyyy', 'Tue Mar 05 09:02:11 EST 2024', 'GMT'],
	['EEE MMM dd HH:mm:ss zzz yyyy', 'Tue Jul 02 09:02:11 EDT 2024', 'GMT'],
	['EEEE, MMMM d, yyyy h:mm a', 'Tuesday, March 5, 2024 2:00 PM', 'GMT'],
	['MMM d yyyy hh:mm a', 'mar 5 2024 12:15 am', 'GMT'],
	['yyyy-MM-dd HH:mm z', '2024-03-05 14:00 GMT+05:30', 'GMT'],
	['yyyy-MM-dd HH:mm Z', '2024-03-05 14:00 -0800', 'GMT'],
	['yyyy-MM-dd HH:mm XXX', '2024-03-05 14:00 +05:30', 'GMT'],
	['yyyy-MM-dd HH:mm X', '2024-03-05 14:00 -08', 'GMT'],
	['yyyy-MM-dd', 'not a date', 'GMT'],
	['yyyy-MM-dd', '2024-03-05 trailing text', 'GMT'],
	['dd/MM/yyyy', '05/03/2024', 'Asia/Kolkata'],
	['yyyy-MM-dd HH:mm z', '2024-03-05 14:00 BST', 'GMT'],
	['yyyy-MM-dd HH:mm z', '2024-03-05 14:00 IST', 'GMT'],
	['yyyy-MM-dd HH:mm z', '2024-03-05 14:00 IST', 'Europe/Dublin'],
	['yyyy-MM-dd HH:mm z', '2024-03-05 14:00 Eastern Daylight Time', 'GMT'],
	['yyyy-MM-dd HH:mm z', '2024-03-05 14:00 +0530', 'GMT'],
	['yyyy-MM-dd HH:mm Z', '2024-03-05 14:00 GMT+05:30', 'GMT'],
	['yyyy-MM-dd HH:mm Z', '2024-03-05 14:00 Z', 'GMT'],
	['yyyy-MM-dd HH:mm:ss.SSS', '2024-03-05 14:00:00.1234', 'GMT'],
	['yyyy-MM-dd k:mm', '2024-03-05 24:00', 'GMT'],
	['yyyy-MM-dd h:mm', '2024-03-05 12:00', 'GMT'],
	['EEE yyyy-MM-dd', 'Mon 2024-03-05', 'GMT'],
	['EEE yyyy-MM-dd', 'Tue 2024-03-05', 'GMT'],
	['yyyy-MM-dd D', '2024-03-05 65', 'GMT'],
	['yyyy-MM-dd D', '2024-03-05 66', 'GMT'],
	['yyyy D', '2024 65', 'GMT'],
	['yyyy-MM-dd HH:mm:ss', '2024-03-05 14:60:00', 'GMT'],
	['yyyy-MM-dd hh:mm a', '2024-03-05 13:00 PM', 'GMT'],
];

/** A fixed-seed generator, so the fixture changes only when this file does. */
function seeded(seed = 20240305) {
	let state = seed;
	return () => {
		state = (Math.imul(state, 1103515245) + 12345) >>> 0;
		return state / 2 ** 32;
	};
}

/**
 * Random instants 1970-2025 in random zones (Java's whole id list), with the patterns above. Not
 * wider: before 1970 (war time, year-round DST, backzone history) and after today (predicted
 * Ramadan rules of Morocco and Gaza) Java, Node 20 and Node 24 each carry different tz data.
 */
function randomFormatLines(/** @type {string[]} */ zoneIds) {
	const random = seeded();
	const from = Date.UTC(1970, 0, 1);
	const to = Date.UTC(2025, 11, 31);
	const lines = [];
	for (let i = 0; i < 600; i++) {
		const ms = Math.floor(from + random() * (to - from));
		const zone = zoneIds[Math.floor(random() * zoneIds.length)];
		const pattern = FORMAT_PATTERNS[Math.floor(random() * FORMAT_PATTERNS.length)];
		lines.push(['format', pattern, String(ms), zone].join('\t'));
	}
	return lines;
}

function fixture(/** @type {string[]} */ zoneIds) {
	/** @type {string[]} */
	const lines = randomFormatLines(zoneIds);
	for (const pattern of FORMAT_PATTERNS) for (const zone of ZONES) for (const ms of INSTANTS) lines.push(['format', pattern, String(ms), zone].join('\t'));
	for (const pattern of BAD_PATTERNS) lines.push(['format', pattern, String(INSTANTS[0]), 'GMT'].join('\t'));
	for (const [pattern, text, zone] of PARSE_CASES) lines.push(['parse', pattern, text, zone].join('\t'));
	const answers = java([ORACLE, 'batch'], `${lines.join('\n')}\n`).trimEnd().split('\n');
	const format = [];
	const parse = [];
	for (const line of answers) {
		const [op, pattern, value, zone, answer] = line.split('\t');
		const result = answer.startsWith('ERROR: ') ? { error: answer.slice(7) } : { text: answer };
		if (op === 'format') format.push({ pattern, epochMs: Number(value), zone, ...result });
		else parse.push({ pattern, text: value, zone, ...(answer.startsWith('ERROR: ') ? { error: answer.slice(7) } : { epochMs: Number(answer) }) });
	}
	return { generatedBy: 'sandbox/tools/generate-java-data.js', java: javaVersion(), format, parse };
}

function javaVersion() {
	const run = spawnSync('java', ['-version'], { encoding: 'utf8' });
	return (run.stderr || '').split('\n')[0];
}

/**
 * What offset Java reads each display name as (`z` parsing, formatter zone GMT): the zone Java picks
 * for an abbreviation several zones share (IST: Israel, not India) is Java's choice, so ask it.
 */
function nameOffsets(/** @type {Record<string, Array<string | number>>} */ zones) {
	const names = [...new Set(Object.values(zones).flatMap((row) => row.slice(2).map(String)))].filter((name) => !/^GMT[+-]/.test(name)).sort();
	const local = Date.UTC(2024, 0, 15, 12, 0);
	const lines = names.map((name) => ['parse', 'yyyy-MM-dd HH:mm z', `2024-01-15 12:00 ${name}`, 'GMT'].join('\t'));
	/** @type {Record<string, number>} */
	const offsets = {};
	for (const line of java([ORACLE, 'batch'], `${lines.join('\n')}\n`).trimEnd().split('\n')) {
		const columns = line.split('\t');
		if (!columns[4].startsWith('ERROR')) offsets[columns[2].slice('2024-01-15 12:00 '.length)] = local - Number(columns[4]);
	}
	return offsets;
}

const names = zoneNames();
const table = { generatedBy: 'sandbox/tools/generate-java-data.js', java: javaVersion(), zones: names, nameOffsets: nameOffsets(names) };
fs.writeFileSync(NAMES_FILE, `${JSON.stringify(table)}\n`);
fs.mkdirSync(path.dirname(FIXTURE_FILE), { recursive: true });
const cases = fixture(Object.keys(names));
// One case a line: small diffs when Java or the case list changes.
const lines = (/** @type {unknown[]} */ list) => list.map((entry) => `  ${JSON.stringify(entry)}`).join(',\n');
fs.writeFileSync(
	FIXTURE_FILE,
	`{\n "generatedBy": ${JSON.stringify(cases.generatedBy)},\n "java": ${JSON.stringify(cases.java)},\n "format": [\n${lines(cases.format)}\n ],\n "parse": [\n${lines(cases.parse)}\n ]\n}\n`,
);
console.log(`wrote ${Object.keys(names).length} zones to ${path.relative(ROOT, NAMES_FILE)} and the fixture to ${path.relative(ROOT, FIXTURE_FILE)}`);
