/**
 * The Java date engine against luxon, on the same instants and texts with equivalent formats.
 * The headline figures are for the pattern every ShareFile record is read with
 * (`yyyy-MM-dd'T'HH:mm:ss.SSS'Z'` in GMT); the other patterns are printed for context.
 */
import { DateTime } from 'luxon';

import { formatJavaDateMs, parseJavaDate } from '../nodes/engine/javaDate';
import { compare } from './measure';
import { recordRatio, type BenchContext, type ResultEntry } from './results';

interface DateCase {
	javaPattern: string;
	luxonFormat: string;
	javaZone: string;
	luxonZone: string;
	headline?: boolean;
}

const CASES: DateCase[] = [
	{ javaPattern: "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", luxonFormat: "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", javaZone: 'GMT', luxonZone: 'UTC', headline: true },
	{ javaPattern: "yyyy-MM-dd'T'HH:mm:ss'Z'", luxonFormat: "yyyy-MM-dd'T'HH:mm:ss'Z'", javaZone: 'GMT', luxonZone: 'UTC' },
	{ javaPattern: "yyyy-MM-dd'T'HH:mm:ss.SSSXXX", luxonFormat: "yyyy-MM-dd'T'HH:mm:ss.SSSZZ", javaZone: 'America/New_York', luxonZone: 'America/New_York' },
	{ javaPattern: 'EEE, dd MMM yyyy HH:mm:ss Z', luxonFormat: 'EEE, dd MMM yyyy HH:mm:ss ZZZ', javaZone: 'Europe/London', luxonZone: 'Europe/London' },
	{ javaPattern: 'yyyyMMddHHmmss', luxonFormat: 'yyyyMMddHHmmss', javaZone: 'Asia/Kolkata', luxonZone: 'Asia/Kolkata' },
];

function instants(count: number): number[] {
	const base = Date.UTC(2024, 0, 1);
	const out: number[] = [];
	// Spread over a year (both sides of DST changes), with varying milliseconds.
	for (let i = 0; i < count; i++) out.push(base + Math.floor(((i * 7919) % count) * (31_536_000_000 / count)) + (i % 1000));
	return out;
}

export function javaDateBench(context: BenchContext): void {
	for (const c of CASES) {
		// The headline pattern on 100,000 texts; the others, printed for context, on fewer.
		const count = context.quick ? 20_000 : c.headline ? 100_000 : 25_000;
		const rounds = context.quick || !c.headline ? 5 : 9;
		const times = instants(count);
		const texts = times.map((t) => formatJavaDateMs(t, c.javaPattern, c.javaZone));
		const luxonTexts = times.map((t) => DateTime.fromMillis(t, { zone: c.luxonZone }).toFormat(c.luxonFormat));
		// Equivalent formats must agree on the instant, or the comparison means nothing.
		for (let i = 0; i < 100; i++) {
			const ours = parseJavaDate(texts[i], c.javaPattern, c.javaZone).getTime();
			const theirs = DateTime.fromFormat(luxonTexts[i], c.luxonFormat, { zone: c.luxonZone }).toMillis();
			if (ours !== theirs) throw new Error(`${c.javaPattern}: engine ${ours} vs luxon ${theirs} for ${texts[i]}`);
		}
		const parse = compare(
			() => {
				let s = 0;
				for (const text of texts) s += parseJavaDate(text, c.javaPattern, c.javaZone).getTime();
				return s;
			},
			() => {
				let s = 0;
				for (const text of luxonTexts) s += DateTime.fromFormat(text, c.luxonFormat, { zone: c.luxonZone }).toMillis();
				return s;
			},
			rounds,
		);
		const format = compare(
			() => {
				let s = 0;
				for (const t of times) s += formatJavaDateMs(t, c.javaPattern, c.javaZone).length;
				return s;
			},
			() => {
				let s = 0;
				for (const t of times) s += DateTime.fromMillis(t, { zone: c.luxonZone }).toFormat(c.luxonFormat).length;
				return s;
			},
			rounds,
		);
		// Throughput ratio = time(luxon) / time(engine).
		const parseRatio = 1 / parse.ratio;
		const formatRatio = 1 / format.ratio;
		const label = `${c.javaPattern} (${c.javaZone})`;
		const opsPerSec = (ms: number) => Math.round(count / (ms / 1000));
		// Context patterns keep one row each; the headline figures get their spread beside them.
		const recordOne = (entry: ResultEntry, timeRatios: number[]) =>
			c.headline ? recordRatio(context, entry, timeRatios.map((ratio) => 1 / ratio)) : context.record(entry);
		recordOne(
			{
				name: c.headline ? 'java_date_parse_vs_luxon' : `java_date_parse_vs_luxon[${label}]`,
				value: parseRatio,
				unit: 'x',
				goal: c.headline ? 10 : null,
				better: 'higher',
				detail: `${label}: engine ${opsPerSec(parse.subjectMs).toLocaleString('en-US')}/s, luxon fromFormat ${opsPerSec(parse.baselineMs).toLocaleString('en-US')}/s; median of ${rounds} alternating rounds`,
			},
			parse.ratios,
		);
		recordOne(
			{
				name: c.headline ? 'java_date_format_vs_luxon' : `java_date_format_vs_luxon[${label}]`,
				value: formatRatio,
				unit: 'x',
				goal: c.headline ? 3 : null,
				better: 'higher',
				detail: `${label}: engine ${opsPerSec(format.subjectMs).toLocaleString('en-US')}/s, luxon toFormat ${opsPerSec(format.baselineMs).toLocaleString('en-US')}/s; median of ${rounds} alternating rounds`,
			},
			format.ratios,
		);
		if (c.headline) {
			context.absolute('parseJavaDate (ShareFile pattern) dates/s', opsPerSec(parse.subjectMs), 'dates/s');
			context.absolute('formatJavaDate (ShareFile pattern) dates/s', opsPerSec(format.subjectMs), 'dates/s');
		}
	}
}
