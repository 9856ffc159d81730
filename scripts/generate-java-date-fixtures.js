#!/usr/bin/env node
/**
 * Regenerates, from Java itself, everything the Java date engine and its tests take from Java:
 *
 *   nodes/engine/javaDate/zoneTable.ts   zone ids, Locale-US zone names as SimpleDateFormat
 *                                               prints and parses them, DST savings and the history
 *                                               of each zone's raw (standard) offset
 *   test/fixtures/java-date/*.json              format / parse / zone-id cases with Java's answers
 *
 * Usage: node scripts/generate-java-date-fixtures.js   (needs `java` on PATH; no npm dependencies)
 *
 * Answers come from ../shared/tools/JavaDate.java (SimpleDateFormat, Locale.US, setLenient(false)),
 * run with -Duser.timezone=GMT: the JVM default zone takes part in parsing zone names and in the
 * two-digit-year window, and the Cloud Elements servers run on GMT. The zone data comes from a small
 * Java program embedded below, written to a temporary folder and run the same way.
 *
 * Tests replay the committed JSON and never need Java. Re-running changes the two-digit-year rows
 * (Java pivots them on "now minus 80 years"); the files record the moment used.
 */
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
const ORACLE = path.resolve(ROOT, '..', 'shared', 'tools', 'JavaDate.java');
const ZONE_TABLE = path.join(ROOT, 'nodes', 'shared', 'engine', 'javaDate', 'zoneTable.ts');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'java-date');
const UTC1900 = -2208988800000;

const ZONE_DUMP_JAVA = String.raw`import java.text.DateFormatSymbols;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collections;
import java.util.GregorianCalendar;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TimeZone;
import java.io.BufferedReader;
import java.io.InputStreamReader;

/**
 * Dumps what the JavaScript engine needs to know about java.util.TimeZone (Locale US), for
 * scripts/generate-java-date-fixtures.js. Run with -Duser.timezone=GMT.
 *
 *   java ZoneDump.java zones   one JSON object a line, in DateFormatSymbols.getZoneStrings() order
 *                              (the order SimpleDateFormat scans when it parses a zone name), then
 *                              the ids that have no zone-strings row
 *   java ZoneDump.java known   reads ids from stdin, prints id TAB known TAB normalized-id
 *
 * The "changes" list is the legacy calendar's view (ZONE_OFFSET, DST_OFFSET) at every instant
 * where java.time knows of a transition, from before 1900 to 2100: legacy ZoneInfo drops history
 * before 1900, and sampling through GregorianCalendar shows exactly what SimpleDateFormat sees.
 */
public class ZoneDump {
  static String q(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') b.append('\\').append(c);
      else if (c < 0x20 || c > 0x7e) b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    return b.append('"').toString();
  }

  static void zone(String id, boolean hasRow) {
    long from = -2208988800000L - 86400000L * 400, to = 4102444800000L;
    TimeZone tz = TimeZone.getTimeZone(id);
    GregorianCalendar cal = new GregorianCalendar(tz, Locale.US);
    StringBuilder sb = new StringBuilder();
    sb.append("{\"id\":").append(q(id)).append(",\"row\":").append(hasRow);
    sb.append(",\"raw\":").append(tz.getRawOffset()).append(",\"save\":").append(tz.getDSTSavings());
    sb.append(",\"names\":[").append(q(tz.getDisplayName(false, TimeZone.SHORT, Locale.US))).append(',')
      .append(q(tz.getDisplayName(true, TimeZone.SHORT, Locale.US))).append(',')
      .append(q(tz.getDisplayName(false, TimeZone.LONG, Locale.US))).append(',')
      .append(q(tz.getDisplayName(true, TimeZone.LONG, Locale.US))).append(']');
    List<Long> when = new ArrayList<>();
    when.add(from);
    when.add(-2208988800000L);
    try {
      ZoneId zid = ZoneId.of(id, ZoneId.SHORT_IDS);
      sb.append(",\"target\":").append(q(zid.getId()));
      ZoneRules rules = zid.getRules();
      // Offset transitions miss changes of the standard offset alone (London, 27 Oct 1968):
      // ZoneRules keeps those in a private array, which ZoneInfo also turns into transitions.
      java.lang.reflect.Field std = ZoneRules.class.getDeclaredField("standardTransitions");
      std.setAccessible(true);
      for (long s : (long[]) std.get(rules)) {
        if (s * 1000 > from && s * 1000 <= to) when.add(s * 1000);
      }
      Instant t = Instant.ofEpochMilli(from);
      while (true) {
        ZoneOffsetTransition tr = rules.nextTransition(t);
        if (tr == null || tr.toEpochSecond() * 1000 > to) break;
        when.add(tr.toEpochSecond() * 1000);
        t = tr.getInstant();
      }
    } catch (Exception e) {
      sb.append(",\"target\":null");
    }
    Collections.sort(when);
    sb.append(",\"changes\":[");
    int pz = Integer.MIN_VALUE, pd = Integer.MIN_VALUE;
    boolean first = true;
    for (long ms : when) {
      cal.setTimeInMillis(ms);
      int z = cal.get(Calendar.ZONE_OFFSET), d = cal.get(Calendar.DST_OFFSET);
      if (z != pz || d != pd) {
        if (!first) sb.append(',');
        first = false;
        sb.append('[').append(ms).append(',').append(z).append(',').append(d).append(']');
        pz = z;
        pd = d;
      }
    }
    sb.append("]}");
    System.out.println(sb);
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 1 && args[0].equals("zones")) {
      System.out.println("{\"java\":" + q(System.getProperty("java.version")) + ",\"tzdb\":"
          + q(java.time.zone.ZoneRulesProvider.getVersions("UTC").lastKey()) + "}");
      Set<String> seen = new LinkedHashSet<>();
      for (String[] row : DateFormatSymbols.getInstance(Locale.US).getZoneStrings()) {
        if (seen.add(row[0])) zone(row[0], true);
      }
      for (String id : TimeZone.getAvailableIDs()) {
        if (seen.add(id)) zone(id, false);
      }
    } else if (args.length == 1 && args[0].equals("known")) {
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, "UTF-8"));
      for (String id; (id = in.readLine()) != null; ) {
        String got = TimeZone.getTimeZone(id).getID();
        boolean known = !(got.equals("GMT") && !id.equals("GMT"));
        System.out.println(id + "\t" + known + "\t" + got);
      }
    } else {
      System.err.println("usage: java ZoneDump.java zones|known");
      System.exit(2);
    }
  }
}
`;

function runJava(args, input) {
	const r = spawnSync('java', ['-Duser.timezone=GMT', '--add-opens', 'java.base/java.time.zone=ALL-UNNAMED', ...args], {
		input,
		encoding: 'utf8',
		maxBuffer: 512 * 1024 * 1024,
	});
	if (r.error) throw r.error;
	if (r.status !== 0) throw new Error(`java ${args.join(' ')} failed:\n${r.stderr}`);
	return r.stdout;
}

/** Runs rows [op, pattern, value, zone] through the oracle; returns its answers in order. */
function oracle(rows) {
	for (const r of rows) {
		if (r.some((c) => /[\t\n\r]/.test(c))) throw new Error(`row cannot be sent to the oracle: ${JSON.stringify(r)}`);
	}
	const out = runJava([ORACLE, 'batch'], rows.map((r) => r.join('\t')).join('\n') + '\n');
	const lines = out.split('\n');
	if (lines[lines.length - 1] === '') lines.pop();
	if (lines.length !== rows.length) throw new Error(`oracle answered ${lines.length} of ${rows.length} rows`);
	return lines.map((line, i) => {
		const sent = rows[i].join('\t') + '\t';
		if (!line.startsWith(sent)) throw new Error(`oracle answer out of order at row ${i}`);
		return line.slice(sent.length);
	});
}

// ---------------------------------------------------------------- zone table

const b36 = (n) => (n < 0 ? '-' + (-n).toString(36) : n.toString(36));

function intlOffsetMs(zone, ms) {
	const f = new Intl.DateTimeFormat('en-US', {
		timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
		hour: 'numeric', minute: 'numeric', second: 'numeric',
	});
	const p = {};
	for (const x of f.formatToParts(new Date(ms))) p[x.type] = x.value;
	const wall = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
	return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

function intlKnows(zone) {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}

/**
 * Java's offsets against the runtime's Intl offsets, zone by zone, from 1900 on: where they differ
 * the two tz databases differ (Java's is older, or the zone is Java's own, like SystemV/*).
 */
function compareWithIntl(z, intlId) {
	const ch = z.changes.filter((c) => c[0] >= UTC1900);
	for (let i = 0; i < ch.length; i++) {
		const next = i + 1 < ch.length ? ch[i + 1][0] : 4102444800000;
		for (const probe of [ch[i][0], Math.floor((ch[i][0] + next) / 2), next - 1]) {
			const want = ch[i][1] + ch[i][2];
			if (intlOffsetMs(intlId, probe) !== want) return new Date(probe).toISOString();
		}
	}
	return null;
}

const asciiJson = (s) => JSON.stringify(s).replace(/[\u0080-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));

function buildZoneTable() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'java-date-'));
	const src = path.join(dir, 'ZoneDump.java');
	fs.writeFileSync(src, ZONE_DUMP_JAVA);
	const lines = runJava([src, 'zones']).trim().split('\n').map((l) => JSON.parse(l));
	const meta = lines.shift();
	const nameSets = [];
	const nameIndex = new Map();
	const rows = [];
	const excluded = [];
	const differing = [];
	for (const z of lines) {
		const totals = new Set(z.changes.map((c) => c[1] + c[2]));
		const fixed = totals.size === 1 && z.changes.every((c) => c[2] === 0);
		const intlId = fixed ? '' : z.target && !/^[+-]/.test(z.target) ? z.target : z.id;
		if (z.id.startsWith('SystemV/')) {
			// Java's own fixed-rule zones: no tz database has them, so no runtime can follow them.
			excluded.push(z.id);
			continue;
		}
		if (!fixed && !intlKnows(intlId)) {
			excluded.push(z.id);
			continue;
		}
		if (!fixed) {
			const at = compareWithIntl(z, intlId);
			if (at) differing.push(`${z.id} (${at})`);
		}
		const names = z.names.join('|');
		if (!nameIndex.has(names)) {
			nameIndex.set(names, nameSets.length);
			nameSets.push(names);
		}
		let raws = '';
		if (!fixed) {
			const parts = [];
			let prev = null;
			for (const [t, raw] of z.changes) {
				if (t < UTC1900 || raw === prev) continue;
				parts.push(`${b36(t / 1000)}:${b36(raw / 1000)}`);
				prev = raw;
			}
			raws = parts.join(',');
		}
		const total = fixed ? z.changes[0][1] : z.raw;
		const fields = [
			z.id,
			(z.row ? 'r' : '') + (fixed ? 'f' : ''),
			nameIndex.get(names),
			b36(z.save / 1000),
			b36(total / 1000),
			intlId === z.id ? '' : intlId,
			raws,
		];
		rows.push(fields.join(';'));
	}
	const out = [
		'/*',
		' * GENERATED by scripts/generate-java-date-fixtures.js from Java ' + meta.java + ' (tzdb ' + meta.tzdb + ').',
		' * Do not edit. What java.util.TimeZone knows and Intl cannot tell: Locale-US names, DST savings,',
		' * raw-offset history. Layout is documented in zones.ts, which decodes it.',
		' */',
		'',
		'export const JAVA_VERSION = ' + JSON.stringify(meta.java) + ';',
		'export const JAVA_TZDB_VERSION = ' + JSON.stringify(meta.tzdb) + ';',
		'',
		'export const ZONE_NAME_SETS: readonly string[] = [',
		...nameSets.map((s) => '\t' + asciiJson(s) + ','),
		'];',
		'',
		'export const ZONE_ROWS: readonly string[] = [',
		...rows.map((s) => '\t' + asciiJson(s) + ','),
		'];',
		'',
	].join('\n');
	fs.mkdirSync(path.dirname(ZONE_TABLE), { recursive: true });
	fs.writeFileSync(ZONE_TABLE, out);
	fs.rmSync(dir, { recursive: true, force: true });
	return { meta, rows: rows.length, excluded, differing };
}

function knownZoneCases() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'java-date-'));
	const src = path.join(dir, 'ZoneDump.java');
	fs.writeFileSync(src, ZONE_DUMP_JAVA);
	const ids = [
		'GMT', 'UTC', 'EST', 'MST', 'HST', 'PST', 'IST', 'CST', 'BST', 'ECT', 'America/New_York', 'Europe/London',
		'Asia/Kolkata', 'Asia/Calcutta', 'Australia/Adelaide', 'Asia/Tokyo', 'US/Eastern', 'Etc/GMT+5', 'Etc/UTC',
		'GMT0', 'UCT', 'Universal', 'Zulu', 'EST5EDT', 'CET', 'WET', 'America/Argentina/Buenos_Aires',
		'GMT+05:30', 'GMT-03:30', 'GMT+5', 'GMT+05', 'GMT+0530', 'GMT+123', 'GMT+00123', 'GMT+:30', 'GMT+1:05',
		'GMT+23:59', 'GMT-23:59', 'GMT+0', 'GMT-0', 'GMT-00:00', 'GMT+00:00',
		'GMT+24', 'GMT+24:00', 'GMT+1:5', 'GMT+10:5', 'GMT+1:', 'GMT+', 'GMT-', 'GMT+a', 'GMT+1x', 'GMT+00:60',
		'GMT+01:30:00', 'GMT+05:30:15', 'GMT+1:30:', 'GMT +1', 'GMT+12345', 'UTC+1', 'UTC+05:30', 'Z', 'utc', 'gmt',
		'america/new_york', 'America/New_york', 'Mars/Olympus', '', ' ', 'GMT ', ' GMT', 'EDT', 'CEST', 'AEST',
		'+05:30', '-0400', 'Etc/GMT+15', 'Etc/GMT-14', 'SystemV/EST5EDT',
	];
	const out = runJava([src, 'known'], ids.join('\n') + '\n').split('\n').filter((l) => l !== '');
	fs.rmSync(dir, { recursive: true, force: true });
	return out.map((line, i) => {
		const [id, known, normalized] = line.split('\t');
		if (id !== ids[i]) throw new Error('zone answers out of order');
		return { id, known: known === 'true', normalized };
	});
}

// ---------------------------------------------------------------- cases

/** Deterministic PRNG (mulberry32) so a re-run builds the same rows. */
function rng(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const iso = (s) => {
	const t = Date.parse(s);
	if (Number.isNaN(t)) throw new Error(`bad instant ${s}`);
	return t;
};

const EDGE_INSTANTS = [
	0, -1, 1, 999, 1000, 86399999, 86400000, -86400000,
	iso('2024-03-10T06:59:59.999Z'), iso('2024-03-10T07:00:00.000Z'), // New York spring forward
	iso('2024-11-03T05:59:59.999Z'), iso('2024-11-03T06:00:00.000Z'), iso('2024-11-03T06:30:00.000Z'), // and back
	iso('2024-03-31T00:59:59.999Z'), iso('2024-03-31T01:00:00.000Z'), // London
	iso('2024-10-27T00:59:59.999Z'), iso('2024-10-27T01:00:00.000Z'),
	iso('2024-04-06T16:29:59.999Z'), iso('2024-04-06T16:30:00.000Z'), // Adelaide
	iso('2024-10-05T16:29:59.999Z'), iso('2024-10-05T16:30:00.000Z'),
	iso('2023-12-31T23:59:59.999Z'), iso('2024-01-01T00:00:00.000Z'), iso('2024-12-31T12:00:00.000Z'),
	iso('2024-02-29T12:00:00.123Z'), iso('2000-02-29T23:59:59.999Z'), iso('1900-02-28T12:00:00.000Z'),
	iso('1900-03-01T00:00:00.000Z'), iso('2100-03-01T00:00:00.000Z'),
	iso('2020-12-27T12:00:00.000Z'), iso('2021-01-01T12:00:00.000Z'), iso('2021-01-03T12:00:00.000Z'), // week years
	iso('2016-01-01T12:00:00.000Z'), iso('2016-12-31T12:00:00.000Z'), iso('2017-01-01T12:00:00.000Z'),
	iso('2022-01-01T12:00:00.000Z'), iso('2026-12-27T12:00:00.000Z'), iso('2027-12-31T12:00:00.000Z'),
	iso('2024-09-01T12:00:00.000Z'), iso('2024-09-30T12:00:00.000Z'), iso('2024-06-15T00:00:00.000Z'),
	iso('1969-12-31T23:59:59.999Z'), iso('1945-08-15T03:00:00.000Z'), iso('1918-03-31T12:00:00.000Z'),
	iso('1900-01-01T00:00:00.000Z'), iso('1899-12-31T23:59:59.999Z'), iso('1850-06-01T12:00:00.000Z'),
	iso('1601-01-01T00:00:00.000Z'), iso('1582-10-15T00:00:00.000Z'), iso('1582-10-14T23:59:59.999Z'),
	iso('1582-12-31T12:00:00.000Z'), iso('1583-01-01T12:00:00.000Z'), iso('1000-03-01T12:00:00.000Z'),
	iso('0001-01-01T00:00:00.000Z'), iso('-000001-06-01T00:00:00.000Z'), iso('-001000-12-31T00:00:00.000Z'),
	iso('9999-12-31T23:59:59.999Z'), iso('+010000-01-01T00:00:00.000Z'), iso('+099999-07-04T12:34:56.789Z'),
	iso('2038-01-19T03:14:08.000Z'), iso('2037-07-01T12:00:00.000Z'), iso('2060-07-01T12:00:00.000Z'),
	1709647258123, 1720000000007, 1735689599999,
];

function randomInstants(seed, n, from, to) {
	const r = rng(seed);
	const out = [];
	for (let i = 0; i < n; i++) out.push(Math.floor(from + r() * (to - from)));
	return out;
}

const MAIN_ZONES = [
	'GMT', 'UTC', 'America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Adelaide', 'Asia/Tokyo',
	'EST', 'GMT+05:30',
];
const MORE_ZONES = [
	'GMT-03:30', 'GMT+0', 'GMT-00:00', 'GMT+123', 'Europe/Dublin', 'America/Phoenix', 'Asia/Kathmandu',
	'Pacific/Chatham', 'America/St_Johns', 'Australia/Lord_Howe', 'Pacific/Kiritimati', 'Pacific/Pago_Pago',
	'Europe/Amsterdam', 'US/Eastern', 'PST', 'IST', 'Etc/GMT+5', 'America/Sao_Paulo', 'Asia/Dubai',
	'America/Los_Angeles', 'Europe/Paris', 'Africa/Johannesburg', 'Asia/Shanghai', 'Europe/Moscow',
];

const ALL_LETTERS = [
	'G GG GGGG y yy yyy yyyy yyyyy Y YY YYY YYYY M MM MMM MMMM MMMMM L LL LLL LLLL w ww W D DD DDD d dd F E EEE EEEE u uu',
	"a H HH k kk K KK h hh m mm s ss S SS SSS SSSS SSSSSS z zzz zzzz zzzzz Z ZZZZ X XX XXX 'q''t' ''",
];

const COMMON_PATTERNS = [
	"yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", "yyyy-MM-dd'T'HH:mm:ssXXX",
	"yyyy-MM-dd'T'HH:mm:ss.SSSZ", 'EEE, dd MMM yyyy HH:mm:ss zzz', 'EEE, d MMM yyyy HH:mm:ss Z',
	'EEEE, MMMM d, yyyy h:mm:ss a zzzz', 'yyyyMMddHHmmss', 'yyyyMMddHHmmssSSS', 'yyyy-MM-dd HH:mm:ss',
	'MM/dd/yyyy hh:mm:ss a', 'dd-MMM-yy HH.mm.ss', "yyyy-DDD'T'HH:mm", "YYYY-'W'ww-u HH:mm", 'G yyyy-MM-dd HH:mm:ss',
	'yyyy-MM-dd kk:mm:ss', 'yyyy-MM-dd KK:mm:ss a', 'yyyy-MM-dd HH:mm:ss zzzz', "yyyy-MM-dd'T'HH:mm:ssX",
	"yyyy-MM-dd'T'HH:mm:ss.SSSSSS", "yyyy-MM-dd'T'HH:mm:ss.S", "yyyy-MM-dd'T'HH:mm:ss.SSSXX", 'yy-M-d H:m:s',
	'MMM d yyyy', "h 'o''clock' a, zzzz", "'Week' w 'of' YYYY, 'day' u", 'yyyy年MM月dd日 HH時mm分', 'd/M/yy h:mm a',
	"yyyy-MM-dd'T'HH:mm:ss.SSSXXX'['zzzz']'", 'yyyy.MM.dd G \'at\' HH:mm:ss z', "EEE, MMM d, ''yy",
	'yyyyy.MMMMM.dd GGG hh:mm aaa', 'F E W w D', '', "'literal only'", "''''", '--',
];

const BAD_PATTERNS = [
	'q', 'yyyy-MM-dd q', "yyyy-MM-dd'T", "'", 'XXXX', 'yyyy-MM-ddTHH:mm', 'b', 'abc', 'EEEE c', 'yyyyI', 'hh:mm:ss A',
	"yyyy-MM-dd'T'HH:mm:ss'Z", 'XXXXX', 'ee', 'B', 'n', 'VV', 'O', 'x', 'Q', 'yyyy-MM-dd HH:mm:ss.fff',
];

function formatCases() {
	const rows = [];
	const coreInstants = [...EDGE_INSTANTS, ...randomInstants(1, 30, iso('1900-01-01T00:00:00Z'), iso('2100-01-01T00:00:00Z'))];
	const farInstants = randomInstants(2, 15, iso('-002000-01-01T00:00:00Z'), iso('+050000-01-01T00:00:00Z'));
	for (const zone of MAIN_ZONES) {
		for (const t of [...coreInstants, ...farInstants]) {
			for (const p of ALL_LETTERS) rows.push(['format', p, String(t), zone]);
		}
	}
	const sub = [...EDGE_INSTANTS.filter((_, i) => i % 3 === 0), ...randomInstants(3, 12, iso('1900-01-01T00:00:00Z'), iso('2100-01-01T00:00:00Z'))];
	for (const zone of MORE_ZONES) {
		for (const t of sub) rows.push(['format', ALL_LETTERS[0] + ' ' + ALL_LETTERS[1], String(t), zone]);
	}
	const few = [0, iso('2024-03-05T14:00:58.123Z'), iso('2024-07-04T03:04:05.006Z'), iso('1999-12-31T23:59:59.999Z'), iso('0005-05-05T05:05:05.005Z')];
	for (const zone of ['GMT', 'America/New_York', 'Asia/Kolkata', 'GMT-03:30']) {
		for (const p of COMMON_PATTERNS) for (const t of few) rows.push(['format', p, String(t), zone]);
	}
	for (const p of BAD_PATTERNS) rows.push(['format', p, '0', 'GMT']);
	// Letter counts well past the usual.
	for (const l of 'GyYMLwWDdFEuaHkKhmsSzZ') rows.push(['format', l.repeat(7), String(iso('2024-03-05T04:00:58.123Z')), 'America/New_York']);
	return rows;
}

/** Patterns whose output determines the instant, so formatting then parsing must give it back. */
const ROUND_TRIP_PATTERNS = [
	"yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "yyyy-MM-dd'T'HH:mm:ss.SSSZ",
	'EEE, dd MMM yyyy HH:mm:ss.SSS zzz', 'EEEE, MMMM d, yyyy h:mm:ss.SSS a zzzz', 'yyyyMMddHHmmssSSS',
	'yyyy-MM-dd HH:mm:ss.SSS', 'MM/dd/yyyy hh:mm:ss.SSS a', "yyyy-DDD'T'HH:mm:ss.SSS", "YYYY-'W'ww-u HH:mm:ss.SSS",
	'G yyyy-MM-dd HH:mm:ss.SSS', 'yyyy-MM-dd kk:mm:ss.SSS', 'yyyy-MM-dd KK:mm:ss.SSS a', "yyyy-MM-dd'T'HH:mm:ss.SSSX",
	"yyyy-MM-dd'T'HH:mm:ss.SSSSSS", "yyyy-MM-dd'T'HH:mm:ss.SSSXX", 'dd-MMM-yyyy HH.mm.ss.SSS z',
	'yyyy-MM-W-E HH:mm:ss.SSS', 'yyyy-MM-F-E HH:mm:ss.SSS', "yyyy-'w'w-E HH:mm:ss.SSS", 'EEE yyyy-MM-dd HH:mm:ss.SSS',
	'yyyy-MM-dd HH:mm:ss.SSS a', 'yyyy-MM-dd hh:mm:ss.SSS', "yyyy-MM-dd'T'HH:mm:ss.SSSzzzz", 'yy-MM-dd HH:mm:ss.SSS',
	"yyyy-MM-dd'T'HH:mm:ss.S", 'yyyyMMdd', 'HH:mm:ss', 'MMM yyyy', 'D yyyy',
];

const PARSE_CASES = [
	// [pattern, text, zones]
	['ss.S', '06.5', ['GMT']], ['ss.SSS', '06.5', ['GMT']], ['ss.S', '06.500', ['GMT']], ['ss.SSS', '06.0500', ['GMT']],
	['yyyy-MM-dd', '2024-03-05', ['GMT', 'America/New_York']], ['yyyy-MM-dd', '2024-03-05xyz', ['GMT']],
	['yyyy-MM-dd', '2024-03-05T10:00:00Z', ['GMT']], ['yyyy-MM-dd', '2024-3-5', ['GMT']], ['yyyy-MM-dd', ' 2024-03-05', ['GMT']],
	['yyyy-MM-dd', '2024-03- 5', ['GMT']], ['yyyy-MM-dd', '2024 -03-05', ['GMT']],
	['yyyy-MM-dd', '2024-02-29', ['GMT']], ['yyyy-MM-dd', '2023-02-29', ['GMT']], ['yyyy-MM-dd', '2024-02-30', ['GMT']],
	['yyyy-MM-dd', '2024-13-01', ['GMT']], ['yyyy-MM-dd', '2024-00-10', ['GMT']], ['yyyy-MM-dd', '2024-01-00', ['GMT']],
	['yyyy-MM-dd', '2024-01-32', ['GMT']], ['yyyy-MM-dd', '0000-01-01', ['GMT']], ['yyyy-MM-dd', '0001-01-01', ['GMT']],
	['yyyy-MM-dd', '-2024-01-01', ['GMT']], ['yyyy-MM-dd', '+2024-01-01', ['GMT']], ['yyyy-MM-dd', '99999-01-01', ['GMT']],
	['yyyy-MM-dd', '2024-01-01 ', ['GMT']], ['yyyy-MM-dd', '2024-1-001', ['GMT']], ['yyyy-MM-dd', '2024/01/01', ['GMT']],
	['yyyy-MM-dd', '', ['GMT']], ['yyyy-MM-dd', '2024', ['GMT']], ['yyyy-MM-dd', '2024-01-', ['GMT']],
	['yyyy-MM-dd', '1582-10-10', ['GMT']], ['yyyy-MM-dd', '1582-10-04', ['GMT']], ['yyyy-MM-dd', '1582-10-15', ['GMT']],
	['yyyy-MM-dd', '1500-02-29', ['GMT']], ['yyyy-MM-dd', '1600-02-29', ['GMT']], ['yyyy-MM-dd', '1700-02-29', ['GMT']],
	['yyyyMMddHHmmss', '20240305140058', ['GMT', 'Asia/Kolkata']], ['yyyyMMddHHmmss', '2024030514005', ['GMT']],
	['yyyyMMddHHmmss', '202403051400589', ['GMT']], ['yyyyMMdd', '20240230', ['GMT']], ['yyyyMMdd', ' 20240101', ['GMT']],
	['yyyyMMdd', '2024010', ['GMT']], ['yyyyMMdd', '2024-101', ['GMT']], ['yyyyMMdd', '24010101', ['GMT']], ['yyMMdd', '240101', ['GMT']],
	['yyyyMMdd', '٢٠٢٤٠١٠١', ['GMT']], ['yyyy', '٢٠٢٤', ['GMT']], ['dd', '١٢', ['GMT']], ['dd', '１２', ['GMT']],
	['dd', '1E1', ['GMT']], ['dd', '15E-1', ['GMT']], ['dd', '1E-1', ['GMT']], ['dd', 'E5', ['GMT']], ['dd', '1Ex', ['GMT']],
	['dd', '4294967297', ['GMT']], ['dd', '99999999999999999999', ['GMT']], ['dd', '1,5', ['GMT']], ['dd', '-1', ['GMT']],
	['dd', '1.5', ['GMT']], ['dd', '0005', ['GMT']], ['dd', '000000000000000000000000005', ['GMT']], ['dd', '-0', ['GMT']],
	['yyyy-MM-dd HH:mm', '2024-03-10 02:30', ['America/New_York', 'GMT']], ['yyyy-MM-dd HH:mm', '2024-03-10 03:00', ['America/New_York']],
	['yyyy-MM-dd HH:mm', '2024-03-10 01:59', ['America/New_York']], ['yyyy-MM-dd HH:mm', '2024-11-03 01:30', ['America/New_York']],
	['yyyy-MM-dd HH:mm', '2024-11-03 00:59', ['America/New_York']], ['yyyy-MM-dd HH:mm', '2024-11-03 02:00', ['America/New_York']],
	['yyyy-MM-dd HH:mm', '2024-03-31 01:30', ['Europe/London']], ['yyyy-MM-dd HH:mm', '2024-10-27 01:30', ['Europe/London']],
	['yyyy-MM-dd HH:mm', '2024-10-06 02:30', ['Australia/Adelaide']], ['yyyy-MM-dd HH:mm', '2024-04-07 02:30', ['Australia/Adelaide']],
	['yyyy-MM-dd HH:mm', '2024-10-06 02:15', ['Australia/Lord_Howe']], ['yyyy-MM-dd HH:mm', '2024-04-07 01:45', ['Australia/Lord_Howe']],
	['yyyy-MM-dd HH:mm', '1899-06-01 12:00', ['America/New_York', 'Asia/Kolkata', 'Asia/Dubai']],
	['yyyy-MM-dd HH:mm', '1900-01-01 00:00', ['America/New_York', 'Asia/Kolkata', 'Europe/Amsterdam']],
	['yyyy-MM-dd HH:mm', '1942-09-01 12:00', ['Asia/Kolkata']], ['yyyy-MM-dd HH:mm', '2600-07-01 12:00', ['America/New_York']],
	['yyyy-MM-dd HH:mm Z', '2024-07-01 12:00 -0500', ['America/New_York']], ['yyyy-MM-dd HH:mm Z', '2024-07-01 12:00 -05:00', ['America/New_York']],
	['yyyy-MM-dd HH:mm Z', '2024-07-01 12:00 +0530', ['GMT']], ['yyyy-MM-dd HH:mm Z', '2024-07-01 12:00 +053', ['GMT']],
	['yyyy-MM-dd HH:mm Z', '2024-07-01 12:00 +2300', ['GMT']], ['yyyy-MM-dd HH:mm Z', '2024-07-01 12:00 +1400', ['GMT']],
	['yyyy-MM-dd HH:mm Z', '2024-07-01 12:00 -1300', ['GMT']], ['yyyy-MM-dd HH:mm Z', '2024-07-01 12:00 -1301', ['GMT']],
	['yyyy-MM-dd HH:mm Z', '2024-07-01 12:00 +0560', ['GMT']], ['yyyy-MM-dd HH:mm Z', '2024-07-01 12:00 Z', ['GMT']],
	['yyyy-MM-dd HH:mm Z', '2024-07-01 12:00 GMT', ['America/New_York']], ['yyyy-MM-dd HH:mm Z', '2024-07-01 12:00 GMT+5:30', ['GMT']],
	['yyyy-MM-dd HH:mm Z', '2024-07-01 12:00 EDT', ['GMT']], ['yyyy-MM-dd HH:mm Z', '2024-07-01 12:00 gmt-0530', ['GMT']],
	['yyyy-MM-dd HH:mm X', '2024-07-01 12:00 Z', ['America/New_York']], ['yyyy-MM-dd HH:mm X', '2024-07-01 12:00 -04', ['GMT']],
	['yyyy-MM-dd HH:mm X', '2024-07-01 12:00 -0430', ['GMT']], ['yyyy-MM-dd HH:mm X', '2024-07-01 12:00 -4', ['GMT']],
	['yyyy-MM-dd HH:mm XX', '2024-07-01 12:00 -0430', ['GMT']], ['yyyy-MM-dd HH:mm XX', '2024-07-01 12:00 -04:30', ['GMT']],
	['yyyy-MM-dd HH:mm XX', '2024-07-01 12:00 -04', ['GMT']], ['yyyy-MM-dd HH:mm XXX', '2024-07-01 12:00 -04:30', ['GMT']],
	['yyyy-MM-dd HH:mm XXX', '2024-07-01 12:00 -0430', ['GMT']], ['yyyy-MM-dd HH:mm XXX', '2024-07-01 12:00 z', ['GMT']],
	['yyyy-MM-dd HH:mm XXX', '2024-07-01 12:00 +24:00', ['GMT']], ['yyyy-MM-dd HH:mm XXX', '2024-07-01 12:00  +01:00', ['GMT']],
	['yyyy-MM-dd HH:mmXXX', '2024-07-01 12:00Z', ['Asia/Kolkata']], ['yyyy-MM-dd HH:mmXXX', '2024-07-01 12:00+05:30trailing', ['GMT']],
	["yyyy-MM-dd'T'HH:mm:ss'Z'", '2024-03-05T14:00:58Z', ['GMT', 'America/New_York']],
	["yyyy-MM-dd'T'HH:mm:ss'Z'", '2024-03-05T14:00:58.123Z', ['GMT']], ["yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", '2024-03-05T14:00:58.123Z', ['GMT']],
	["yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", '2024-03-05T14:00:58.12Z', ['GMT']], ["yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", '2024-03-05T14:00:58.1234Z', ['GMT']],
	["yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", '2024-03-05t14:00:58.123z', ['GMT']], ["yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", '2024-03-05T14:00:58.123', ['GMT']],
	["yyyy-MM-dd'T'HH:mm:ss.SSSX", '2024-03-05T14:00:58.123Z', ['America/New_York']],
	["yyyy-MM-dd'T'HH:mm:ss.SSSSSS", '2024-03-05T14:00:58.000123', ['GMT']], ["yyyy-MM-dd'T'HH:mm:ss.SSSSSS", '2024-03-05T14:00:58.123456', ['GMT']],
	['HH:mm', '24:00', ['GMT']], ['HH:mm', '23:60', ['GMT']], ['HH:mm', '23:59', ['GMT']], ['kk:mm', '24:00', ['GMT']], ['kk:mm', '00:00', ['GMT']],
	['kk:mm', '25:00', ['GMT']], ['hh:mm a', '12:00 AM', ['GMT']], ['hh:mm a', '12:00 PM', ['GMT']], ['hh:mm a', '00:00 AM', ['GMT']],
	['hh:mm a', '13:00 PM', ['GMT']], ['hh:mm a', '11:59 pm', ['GMT']], ['hh:mm a', '11:59 p.m.', ['GMT']], ['hh:mm', '12:30', ['GMT']],
	['KK:mm a', '00:00 PM', ['GMT']], ['KK:mm a', '12:00 PM', ['GMT']], ['KK:mm a', '11:00 AM', ['GMT']], ['HH:mm a', '13:00 PM', ['GMT']],
	['HH:mm a', '13:00 AM', ['GMT']], ['a HH:mm', 'AM 13:00', ['GMT']], ['a hh:mm', 'PM 01:00', ['GMT']], ['hh a HH', '01 PM 13', ['GMT']],
	['HH hh a', '13 01 PM', ['GMT']], ['HH hh a', '13 01 AM', ['GMT']], ['a', 'PM', ['GMT']], ['h', '5', ['GMT']],
	['mm:ss', '60:00', ['GMT']], ['mm:ss', '00:60', ['GMT']], ['SSS', '999', ['GMT']], ['SSS', '1000', ['GMT']],
	['yy-MM-dd', '45-01-01', ['GMT']], ['yy-MM-dd', '47-01-01', ['GMT']], ['yy-MM-dd', '99-12-31', ['GMT']], ['yy-MM-dd', '00-01-01', ['GMT']],
	['yy-MM-dd', '2045-01-01', ['GMT']], ['yy-MM-dd', '5-01-01', ['GMT']], ['yy-MM-dd', '005-01-01', ['GMT']], ['y-MM-dd', '45-01-01', ['GMT']],
	['yyy-MM-dd', '45-01-01', ['GMT']], ['yy-MM-dd', '٤٥-01-01', ['GMT']], ['yyMMdd', '450101', ['GMT']], ['yy', '-5', ['GMT']],
	['YY-ww-u', '24-10-3', ['GMT']], ['YYYY-ww-u', '2024-10-3', ['GMT']], ['YYYY-ww-u', '2025-01-1', ['GMT']], ['YYYY-ww-u', '2024-01-1', ['GMT']],
	['YYYY-ww-u', '2024-53-1', ['GMT']], ['YYYY-ww-u', '2024-54-1', ['GMT']], ['YYYY-ww-u', '2024-00-1', ['GMT']], ['YYYY-ww-u', '2024-10-8', ['GMT']],
	['YYYY-ww-u', '2024-10-0', ['GMT']], ['YYYY-ww-u', '2020-53-5', ['GMT']], ['YYYY-ww-u', '2021-01-1', ['GMT']], ['YYYY-ww-E', '2021-01-Fri', ['GMT']],
	['YYYY-ww', '2021-05', ['GMT']], ['YYYY', '2021', ['GMT']], ['YYYY yyyy', '2021 2020', ['GMT']], ['yyyy YYYY', '2020 2021', ['GMT']],
	['YYYY-MM-dd', '2024-12-30', ['GMT']], ['YYYY-MM-dd', '2025-12-30', ['GMT']], ['yyyy-ww', '2024-10', ['GMT']], ['yyyy-ww-E', '2024-10-Wed', ['GMT']],
	['yyyy-ww-E', '2024-01-Sun', ['GMT']], ['yyyy-ww-E', '2024-01-Mon', ['GMT']], ['yyyy-ww-E', '2024-53-Tue', ['GMT']], ['yyyy-ww-u', '2024-1-7', ['GMT']],
	['yyyy-MM-W-E', '2024-03-2-Tue', ['GMT']], ['yyyy-MM-W-E', '2024-03-1-Mon', ['GMT']], ['yyyy-MM-W-E', '2024-03-0-Mon', ['GMT']],
	['yyyy-MM-W-E', '2024-03-6-Mon', ['GMT']], ['yyyy-MM-W', '2024-03-3', ['GMT']], ['yyyy-MM-F-E', '2024-03-2-Tue', ['GMT']],
	['yyyy-MM-F-E', '2024-03-5-Fri', ['GMT']], ['yyyy-MM-F-E', '2024-03-5-Tue', ['GMT']], ['yyyy-MM-F', '2024-03-2', ['GMT']],
	['yyyy-MM-E', '2024-03-Wed', ['GMT']], ['yyyy-E', '2024-Wed', ['GMT']], ['E', 'Thu', ['GMT']], ['E', 'Fri', ['GMT']], ['u', '4', ['GMT']],
	['yyyy-MM-dd E', '2024-03-05 Tue', ['GMT']], ['yyyy-MM-dd E', '2024-03-05 Wed', ['GMT']], ['yyyy-MM-dd EEEE', '2024-03-05 tuesday', ['GMT']],
	['yyyy-MM-dd EEE', '2024-03-05 Tuesday', ['GMT']], ['yyyy-MM-dd E', '2024-03-05 Tues', ['GMT']], ['yyyy-MM-dd u', '2024-03-05 2', ['GMT']],
	['E yyyy-MM-dd', 'Tue 2024-03-05', ['GMT']], ['E yyyy-MM-dd', 'Mon 2024-03-05', ['GMT']], ['yyyy-MM-dd D', '2024-03-05 65', ['GMT']],
	['yyyy-MM-dd D', '2024-03-05 66', ['GMT']], ['yyyy D', '2024 366', ['GMT']], ['yyyy D', '2023 366', ['GMT']], ['yyyy D', '2024 0', ['GMT']],
	['D yyyy-MM-dd', '66 2024-03-05', ['GMT']], ['yyyy-MM-dd w', '2024-03-05 10', ['GMT']], ['yyyy-MM-dd w', '2024-03-05 11', ['GMT']],
	['dd MMM yyyy', '05 Mar 2024', ['GMT']], ['dd MMM yyyy', '05 mar 2024', ['GMT']], ['dd MMM yyyy', '05 MARCH 2024', ['GMT']],
	['dd MMM yyyy', '05 Marc 2024', ['GMT']], ['dd MMM yyyy', '05 03 2024', ['GMT']], ['dd MMMM yyyy', '05 Mar 2024', ['GMT']],
	['dd MM yyyy', '05 Mar 2024', ['GMT']], ['dd LLL yyyy', '05 Mar 2024', ['GMT']], ['dd LLLL yyyy', '05 march 2024', ['GMT']],
	['dd LL yyyy', '05 03 2024', ['GMT']], ['dd MMM yyyy', '05 Sept 2024', ['GMT']], ['dd MMM yyyy', '05 ſep 2024', ['GMT']],
	['dd MMM yyyy', '05  Mar 2024', ['GMT']], ['MMMyyyy', 'May2024', ['GMT']], ['MMMMyyyy', 'May2024', ['GMT']], ['MMyyyy', '052024', ['GMT']],
	['Myyyy', '52024', ['GMT']], ['Myyyy', '122024', ['GMT']], ['dMyyyy', '1122024', ['GMT']],
	['G yyyy-MM-dd', 'AD 2024-03-05', ['GMT']], ['G yyyy-MM-dd', 'BC 0044-03-15', ['GMT']], ['G yyyy-MM-dd', 'bc 0001-12-31', ['GMT']],
	['G yyyy-MM-dd', 'BC 0000-01-01', ['GMT']], ['yyyy-MM-dd G', '0044-03-15 BC', ['GMT']], ['G yyyy', 'A.D. 2024', ['GMT']],
	['yyyy-MM-dd HH:mm z', '2024-07-01 12:00 EST', ['GMT', 'America/New_York']], ['yyyy-MM-dd HH:mm z', '2024-07-01 12:00 EDT', ['GMT', 'America/New_York', 'Asia/Tokyo']],
	['yyyy-MM-dd HH:mm z', '2024-01-01 12:00 EDT', ['GMT']], ['yyyy-MM-dd HH:mm z', '2024-07-01 12:00 CST', ['GMT', 'Asia/Shanghai', 'America/Chicago']],
	['yyyy-MM-dd HH:mm z', '2024-07-01 12:00 IST', ['GMT', 'Asia/Kolkata', 'Europe/Dublin', 'Asia/Jerusalem']],
	['yyyy-MM-dd HH:mm z', '2024-07-01 12:00 BST', ['GMT', 'Europe/London', 'Asia/Dhaka']], ['yyyy-MM-dd HH:mm z', '2024-01-01 12:00 BST', ['Europe/London']],
	['yyyy-MM-dd HH:mm z', '2024-07-01 12:00 PST', ['GMT']], ['yyyy-MM-dd HH:mm z', '2024-07-01 12:00 PDT', ['GMT']],
	['yyyy-MM-dd HH:mm z', '2024-07-01 12:00 ACST', ['GMT']], ['yyyy-MM-dd HH:mm z', '2024-01-01 12:00 ACDT', ['GMT', 'Australia/Adelaide']],
	['yyyy-MM-dd HH:mm z', '2024-07-01 12:00 JST', ['GMT']], ['yyyy-MM-dd HH:mm z', '2024-07-01 12:00 CEST', ['GMT']],
	['yyyy-MM-dd HH:mm z', '2024-07-01 12:00 CET', ['GMT']], ['yyyy-MM-dd HH:mm z', '2024-07-01 12:00 GMT', ['America/New_York']],
	['yyyy-MM-dd HH:mm z', '2024-07-01 12:00 UTC', ['America/New_York', 'GMT']], ['yyyy-MM-dd HH:mm z', '2024-07-01 12:00 utc', ['GMT']],
	['yyyy-MM-dd HH:mm z', '2024-07-01 12:00 est', ['GMT']], ['yyyy-MM-dd HH:mm z', '2024-07-01 12:00 Eastern Standard Time', ['GMT']],
	['yyyy-MM-dd HH:mm z', '2024-07-01 12:00 Eastern Daylight Time', ['GMT']], ['yyyy-MM-dd HH:mm z', '2024-07-01 12:00 India Standard Time', ['GMT']],
	['yyyy-MM-dd HH:mm z', '2024-07-01 12:00 Coordinated Universal Time', ['America/New_York']],
	['yyyy-MM-dd HH:mm z', '2024-07-01 12:00 Greenwich Mean Time', ['America/New_York']],
	['yyyy-MM-dd HH:mm z', '2024-07-01 12:00 GMT+05:30', ['GMT']], ['yyyy-MM-dd HH:mm z', '2024-07-01 12:00 GMT+5:30', ['GMT']],
	['yyyy-MM-dd HH:mm z', '2024-07-01 12:00 GMT+0530', ['GMT']], ['yyyy-MM-dd HH:mm z', '2024-07-01 12:00 GMT-3', ['GMT']],
	['yyyy-MM-dd HH:mm z', '2024-07-01 12:00 GMT+24:00', ['GMT']], ['yyyy-MM-dd HH:mm z', '2024-07-01 12:00 +0530', ['GMT']],
	['yyyy-MM-dd HH:mm z', '2024-07-01 12:00 -04:00', ['GMT']], ['yyyy-MM-dd HH:mm z', '2024-07-01 12:00  gmt', ['GMT']],
	['yyyy-MM-dd HH:mm z', '2024-07-01 12:00 XYZ', ['GMT']], ['yyyy-MM-dd HH:mm z', '2024-07-01 12:00 ESTX', ['GMT']],
	['yyyy-MM-dd HH:mm z', '2024-03-10 02:30 EST', ['GMT', 'America/New_York']], ['yyyy-MM-dd HH:mm z', '2024-03-10 02:30 EDT', ['GMT']],
	['yyyy-MM-dd HH:mm z', '2024-11-03 01:30 EST', ['GMT']], ['yyyy-MM-dd HH:mm z', '2024-11-03 01:30 EDT', ['GMT']],
	['yyyy-MM-dd HH:mm z', '2024-07-01 12:00 MST', ['GMT', 'America/Phoenix']], ['yyyy-MM-dd HH:mm z', '2024-07-01 12:00 HST', ['GMT']],
	['yyyy-MM-dd HH:mm z', '2024-07-01 12:00 GMT-03:30', ['GMT']], ['yyyy-MM-dd HH:mm z', '2024-07-01 12:00 NZST', ['GMT']],
	['yyyy-MM-dd HH:mm zzzz', '2024-07-01 12:00 British Summer Time', ['GMT']], ['yyyy-MM-dd HH:mm z Z', '2024-07-01 12:00 EST -0300', ['GMT']],
	['yyyy-MM-dd HH:mm Z z', '2024-07-01 12:00 -0300 EST', ['GMT']], ['yyyy-MM-dd HH:mm:ss', '2024-07-01 12:00:00', ['Etc/GMT+5', 'GMT-00:00', 'IST', 'PST']],
	['', '', ['GMT']], ['', 'abc', ['GMT']], ["'abc'", 'abc', ['GMT']], ["'abc'", 'ABC', ['GMT']], ["''", "'", ['GMT']], ['--', '--', ['GMT']],
	['yyyy-MM-dd', '2024‐03‐05', ['GMT']], ['yyyy年MM月dd日', '2024年03月05日', ['GMT']], 
	['yyyy-MM-dd HH', '2024-03-05 7', ['GMT']], ['HH', '', ['GMT']], ['yyyy-MM-dd q', '2024-03-05 q', ['GMT']], ["yyyy-MM-dd'T", '2024-03-05T', ['GMT']],
	['XXXX', 'Z', ['GMT']], ['yyyy-MM-ddTHH:mm', '2024-03-05T10:00', ['GMT']], ['MM/dd/yyyy', '03/05/2024', ['GMT']],
	['MM/dd/yyyy', '3/5/2024', ['GMT']], ['M/d/yy', '3/5/24', ['GMT']], ['d-M-yyyy H:m', '5-3-2024 9:7', ['GMT']],
	['yyyy-MM-dd HH:mm:ss.SSS', '2024-03-05 14:00:58.1', ['GMT']], ['yyyy-MM-dd HH:mm:ss.SSS', '2024-03-05 14:00:58.01', ['GMT']],
	['yyyy-MM-dd HH:mm:ss.SSS', '2024-03-05 14:00:58.001', ['GMT']], ['yyyy-MM-dd HH:mm:ss.SSS', '2024-03-05 14:00:58.-1', ['GMT']],
	['yyyy-MM-dd', '9999-12-31', ['GMT', 'Pacific/Kiritimati']], ['yyyy-MM-dd', '10000-01-01', ['GMT']], ['yyyy-MM-dd HH:mm', '275760-09-13 00:00', ['GMT']],
	['yyyy-MM-dd', '1000-02-29', ['GMT']], ['yyyy-MM-dd E', '1000-03-01 Sat', ['GMT']], ['yyyy-MM-dd E', '1582-10-04 Thu', ['GMT']],
	['yyyy-D', '1582-288', ['GMT']], ['yyyy-D', '1582-355', ['GMT']], ['yyyy-D', '1582-356', ['GMT']], ['yyyy-ww-E', '1582-42-Fri', ['GMT']],
];

/** Small deterministic edits of good texts: most break them, some do not. */
function mutations(text, r) {
	const out = [];
	const pick = () => Math.floor(r() * text.length);
	if (text.length === 0) return out;
	const i = pick();
	const c = text.charCodeAt(i);
	if (c >= 48 && c <= 57) out.push(text.slice(0, i) + String((c - 48 + 1 + Math.floor(r() * 8)) % 10) + text.slice(i + 1));
	out.push(text.slice(0, i) + text.slice(i + 1));
	out.push(text.slice(0, i) + ' ' + text.slice(i));
	out.push(text + ' trailing');
	out.push(text.slice(0, Math.max(0, text.length - 1)));
	const j = pick();
	if (j + 1 < text.length) out.push(text.slice(0, j) + text[j + 1] + text[j] + text.slice(j + 2));
	out.push(r() < 0.5 ? text.toUpperCase() : text.toLowerCase());
	return out;
}

// ---------------------------------------------------------------- main

function main() {
	const zoneInfo = buildZoneTable();
	fs.mkdirSync(FIXTURES, { recursive: true });
	const known = knownZoneCases();

	const startedAt = Date.now();
	const fRows = formatCases();
	const fAnswers = oracle(fRows);

	// Round trips: Java's own output parsed back, plus edits of it.
	const rtRows = [];
	const rtInstants = [...EDGE_INSTANTS.filter((t, i) => i % 4 === 1 && t > iso('1583-01-01T00:00:00Z') && t < iso('9999-01-01T00:00:00Z')),
		...randomInstants(4, 8, iso('1900-01-01T00:00:00Z'), iso('2100-01-01T00:00:00Z'))];
	for (const zone of ['GMT', 'America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Adelaide', 'GMT+05:30', 'Australia/Lord_Howe']) {
		for (const p of ROUND_TRIP_PATTERNS) for (const t of rtInstants) rtRows.push(['format', p, String(t), zone]);
	}
	const rtTexts = oracle(rtRows);
	const pRows = [];
	const r = rng(5);
	rtRows.forEach((row, i) => {
		if (rtTexts[i].startsWith('ERROR')) return;
		pRows.push(['parse', row[1], rtTexts[i], row[3]]);
		if (i % 5 === 0) for (const m of mutations(rtTexts[i], r)) if (!/[\t\n\r]/.test(m)) pRows.push(['parse', row[1], m, row[3]]);
	});
	for (const [p, text, zones] of PARSE_CASES) for (const z of zones) pRows.push(['parse', p, text, z]);
	// Two-digit years around the 80-year window Java opens at "now".
	const now = new Date(startedAt);
	const pivotYear = now.getUTCFullYear() - 80;
	const yy = String(pivotYear % 100).padStart(2, '0');
	const mmdd = (d) => `${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
	for (const shift of [-40, -1, 1, 40]) {
		const d = new Date(startedAt + shift * 86400000);
		pRows.push(['parse', 'yy-MM-dd', `${yy}-${mmdd(d)}`, 'GMT']);
	}
	for (const y of [pivotYear - 1, pivotYear + 1]) pRows.push(['parse', 'yy-MM-dd', `${String(y % 100).padStart(2, '0')}-06-15`, 'GMT']);
	for (const p of BAD_PATTERNS) pRows.push(['parse', p, '2024-03-05', 'GMT']);
	const pAnswers = oracle(pRows);
	const finishedAt = Date.now();

	// One row a line: [pattern, epochMs (format) or text (parse), zone, Java's answer or "ERROR: ..."].
	const shape = (rows, answers) => rows.map((row, i) => [row[1], row[0] === 'format' ? Number(row[2]) : row[2], row[3], answers[i]]);
	const header = {
		generatedBy: 'scripts/generate-java-date-fixtures.js',
		java: zoneInfo.meta.java,
		tzdb: zoneInfo.meta.tzdb,
		jvmDefaultZone: 'GMT',
		// Java's two-digit-year window opens 80 years before the moment each formatter is made.
		oracleStartedAtMs: startedAt,
		oracleFinishedAtMs: finishedAt,
	};
	const write = (name, columns, rows) => {
		const head = JSON.stringify({ ...header, columns }, null, '\t').replace(/\n\}$/, ',\n\t"rows": [\n');
		fs.writeFileSync(path.join(FIXTURES, name), head + rows.map((r) => '\t\t' + JSON.stringify(r)).join(',\n') + '\n\t]\n}\n');
	};
	write('format.json', ['pattern', 'epochMs', 'zone', 'java'], shape(fRows, fAnswers));
	write('parse.json', ['pattern', 'text', 'zone', 'java'], shape(pRows, pAnswers));
	write('zones.json', ['id', 'known', 'javaId'], known.map((k) => [k.id, k.known, k.normalized]));

	const fixtureZones = new Set([...MAIN_ZONES, ...MORE_ZONES]);
	const unsafe = zoneInfo.differing.filter((d) => fixtureZones.has(d.split(' ')[0]));
	if (unsafe.length > 0) console.warn(`WARNING: fixture zones whose tz data differ between Java and Intl: ${unsafe.join(', ')}`);
	const errors = (a) => a.filter((x) => x.startsWith('ERROR')).length;
	console.log(`zone table: ${zoneInfo.rows} zones; left out (no runtime data): ${zoneInfo.excluded.join(' ') || 'none'}`);
	console.log(`zones whose Java ${zoneInfo.meta.tzdb} offsets differ from this runtime's Intl: ${zoneInfo.differing.join(', ') || 'none'}`);
	console.log(`format rows: ${fRows.length} (${errors(fAnswers)} errors), parse rows: ${pRows.length} (${errors(pAnswers)} errors), zone ids: ${known.length}`);
}

main();
