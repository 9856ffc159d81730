/**
 * Throughput of the Java date engine against luxon on the same instants and equivalent formats
 * (100,000 records, a year of instants). Not part of the test suite. Run from the repository:
 *
 *   source scripts/node24.sh
 *   npx tsc --outDir /tmp/bench --rootDir . --module commonjs --target es2022 --strict \
 *     --esModuleInterop --skipLibCheck bench/javaDate.bench.ts
 *   NODE_PATH=$PWD/node_modules node /tmp/bench/bench/javaDate.bench.js
 */
import { DateTime } from 'luxon';
import { formatJavaDateMs, parseJavaDateMs } from '../nodes/shared/engine/javaDate';

const N = 100000;
const base = Date.UTC(2024, 0, 1);
const instants: number[] = [];
for (let i = 0; i < N; i++) instants.push(base + Math.floor(((i * 7919) % N) * 315.36e3) + (i % 1000));

function time(label: string, fn: () => void): number {
	fn();
	const t0 = process.hrtime.bigint();
	fn();
	const ns = Number(process.hrtime.bigint() - t0);
	const perSec = (N / ns) * 1e9;
	console.log(`${label.padEnd(58)} ${(ns / N).toFixed(0).padStart(6)} ns/op ${Math.round(perSec).toLocaleString('en-US').padStart(12)} ops/s`);
	return perSec;
}

const cases: Array<[string, string, string, string]> = [
	// [java pattern, luxon format, zone (Java id), luxon zone]
	["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'", 'GMT', 'UTC'],
	["yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "yyyy-MM-dd'T'HH:mm:ss.SSSZZ", 'America/New_York', 'America/New_York'],
	['EEE, dd MMM yyyy HH:mm:ss Z', 'EEE, dd MMM yyyy HH:mm:ss ZZZ', 'Europe/London', 'Europe/London'],
	['yyyyMMddHHmmss', 'yyyyMMddHHmmss', 'Asia/Kolkata', 'Asia/Kolkata'],
];

for (const [javaPattern, luxonFormat, zone, luxonZone] of cases) {
	console.log(`\n${javaPattern}  (${zone})`);
	const texts = instants.map((t) => formatJavaDateMs(t, javaPattern, zone));
	const luxonTexts = instants.map((t) => DateTime.fromMillis(t, { zone: luxonZone }).toFormat(luxonFormat));
	let sink = 0;
	const ours = time('format  engine', () => {
		for (const t of instants) sink += formatJavaDateMs(t, javaPattern, zone).length;
	});
	const lux = time('format  luxon toFormat', () => {
		for (const t of instants) sink += DateTime.fromMillis(t, { zone: luxonZone }).toFormat(luxonFormat).length;
	});
	const oursP = time('parse   engine', () => {
		for (const s of texts) sink += parseJavaDateMs(s, javaPattern, zone);
	});
	const luxP = time('parse   luxon fromFormat', () => {
		for (const s of luxonTexts) sink += DateTime.fromFormat(s, luxonFormat, { zone: luxonZone }).toMillis();
	});
	console.log(`format ${(ours / lux).toFixed(1)}x luxon, parse ${(oursP / luxP).toFixed(1)}x luxon   (${sink > 0 ? 'ok' : ''})`);
}
