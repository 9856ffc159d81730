/**
 * `npm run bench`: every benchmark, one process, one table; figures merged into
 * bench/results.json (the fault campaign's entries there are kept).
 *
 *   --only <text>   run the benchmarks whose name contains text (poll, date, webhook, sandbox, scaling, n8n, sharefile)
 *   --quick         smaller workloads (a smoke run; figures are noisier)
 *   --no-n8n        skip the real-n8n throughput comparison
 */
import { spawnSync } from 'child_process';
import { existsSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { cpus, loadavg, totalmem, type as osType, release } from 'os';

import { documentsBench } from './documents.bench';
import { shareFileBench } from './sharefile.bench';
import { shareFileOutageBench, shareFileOutageNotRun } from './shareFileOutage.bench';
import { shareFileSignatureBench } from './shareFileSignature.bench';
import { shareFileWebhookBench, shareFileWebhookNotRun } from './shareFileWebhook.bench';
import { fanoutBench, fanoutNotRun } from './fanout.bench';
import { javaDateBench } from './javaDate.bench';
import { median, peakRssMb } from './measure';
import { n8nWebhookBench, n8nWebhookNotRun } from './n8nWebhook.bench';
import { outageBench, outageNotRun } from './outage.bench';
import { pollEngineBench, pollScaling } from './pollEngine.bench';
import { pollNodeBench } from './pollNode.bench';
import { queueWebhookBench, queueWebhookNotRun } from './queueWebhook.bench';
import { mergeResults, meetsGoal, recordRatio, REPOSITORY_ROOT, RESULTS_FILE, spreadOf, type BenchContext, type ResultEntry } from './results';
import { webhookBench } from './webhook.bench';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;
const skipN8n = args.includes('--no-n8n');
const childAt = args.indexOf('--child');
/** Set in a child process: run this one benchmark and hand its figures back on stdout. */
const child = childAt >= 0 ? args[childAt + 1] : undefined;
const CHILD_MARK = '@@bench-child@@';
/** Fresh processes a garbage-collector-sensitive benchmark is run in (at least); the median counts. */
const PROCESSES = quick ? 1 : 3;

const entries: ResultEntry[] = [];
let scalingPoints: ReturnType<typeof pollScaling>['points'] = [];
const absolutes: Array<{ label: string; value: number; unit: string }> = [];
const notes: string[] = [];
const measuredAt = new Date().toISOString();

const context: BenchContext = {
	quick,
	record(entry) {
		entries.push({ ...entry, measuredAt });
		const verdict = meetsGoal(entry);
		const mark = verdict === undefined ? '' : verdict ? '  ok' : '  MISSED';
		console.log(`  ${entry.name} = ${entry.value === null ? 'not measured' : formatValue(entry.value)}${mark}`);
	},
	absolute(label, value, unit) {
		absolutes.push({ label, value, unit });
	},
	note(text) {
		notes.push(text);
		console.log(`  note: ${text}`);
	},
};

function formatValue(value: number): string {
	if (Number.isInteger(value)) return value.toLocaleString('en-US');
	return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

interface Bench {
	name: string;
	run: (context: BenchContext) => unknown;
	/**
	 * Run in PROCESSES fresh processes and take the median: figures that depend on how the
	 * garbage collector sized its heap so far differ more between processes than within one.
	 * A number: how many processes (else PROCESSES).
	 */
	isolate?: boolean | number;
}

const scalingBench: Bench = {
	name: 'scaling',
	run: (ctx) => {
		const { points, rounds } = pollScaling(ctx);
		scalingPoints = points;
		console.log('\n  one poll of N records (pages of 500; per size, the median of the rounds):');
		console.log('  records     ns/record  retained B/record  parsed-only B/record  peak RSS MB');
		for (const p of points) {
			console.log(
				`  ${p.records.toLocaleString('en-US').padStart(9)}  ${p.nsPerRecord.toFixed(0).padStart(10)}  ${p.retainedBytesPerRecord.toFixed(0).padStart(17)}  ${p.parsedBytesPerRecord.toFixed(0).padStart(20)}  ${p.peakRssMb.toFixed(0).padStart(11)}`,
			);
		}
		const first = points[0];
		const last = points[points.length - 1];
		const growth = rounds.map((round) => round[round.length - 1].nsPerRecord / round[0].nsPerRecord);
		const memory = rounds.map((round) => round[round.length - 1].retainedBytesPerRecord / round[round.length - 1].parsedBytesPerRecord);
		const listed = (values: number[]) => values.map((v) => v.toFixed(2)).join(', ');
		recordRatio(
			ctx,
			{
				name: 'poll_cost_per_record_growth',
				value: median(growth),
				unit: 'ratio',
				goal: null,
				better: 'lower',
				detail: `ns/record at ${last.records.toLocaleString('en-US')} records ÷ at ${first.records.toLocaleString('en-US')} (1.0 = linear), median of ${rounds.length} rounds (${listed(growth)}); per size, the median round: ${points.map((p) => `${p.records}: ${p.nsPerRecord.toFixed(0)} ns`).join(', ')}`,
			},
			growth,
		);
		recordRatio(
			ctx,
			{
				name: 'poll_memory_vs_output',
				value: median(memory),
				unit: 'ratio',
				goal: null,
				better: 'lower',
				detail: `heap a poll of ${last.records.toLocaleString('en-US')} records retains (its output included) ÷ heap of the parsed records alone, median of ${rounds.length} rounds (${listed(memory)}): ${points.map((p) => `${p.records}: ${p.retainedBytesPerRecord.toFixed(0)}/${p.parsedBytesPerRecord.toFixed(0)} B`).join(', ')}`,
			},
			memory,
		);
		return points;
	},
};

const benches: Bench[] = [
	// About one process in five lands in a slower garbage-collection pattern for the whole run.
	{ name: 'poll engine', run: pollEngineBench, isolate: true },
	scalingBench,
	{ name: 'java date', run: javaDateBench },
	{ name: 'webhook', run: webhookBench, isolate: true },
	{ name: 'sandbox poll', run: pollNodeBench },
	// Fresh processes: RSS must not start from what the benchmarks before left behind, and where
	// V8's collections land in a transfer moves the peak by several MB from one process to the next.
	{ name: 'documents', run: documentsBench, isolate: 3 },
	// The same for the ShareFile node, on ShareFile's own API v3.
	{ name: 'sharefile', run: shareFileBench, isolate: 3 },
	// The ShareFile Trigger's signature check per delivery, against a bare HMAC of the same bytes.
	{ name: 'sharefile signature', run: shareFileSignatureBench, isolate: true },
	{ name: 'n8n webhook', run: (ctx) => (skipN8n ? notRun(ctx, n8nWebhookNotRun('skipped with --no-n8n')) : n8nWebhookBench(ctx)) },
	// n8n in queue mode on PostgreSQL and Redis: main, a webhook processor and two workers.
	{ name: 'n8n queue webhook', run: (ctx) => (skipN8n ? notRun(ctx, queueWebhookNotRun('skipped with --no-n8n')) : queueWebhookBench(ctx)) },
	// n8n stopped while 10,000 changes happen, then started again: the outage suite, larger.
	{ name: 'n8n outage', run: (ctx) => (skipN8n ? notRun(ctx, outageNotRun('skipped with --no-n8n')) : outageBench(ctx)) },
	// 10 workflows subscribed to one instance: every upload runs in each, once, and as fast.
	{ name: 'n8n fanout', run: (ctx) => (skipN8n ? notRun(ctx, fanoutNotRun('skipped with --no-n8n')) : fanoutBench(ctx)) },
	// The ShareFile Trigger (ShareFile's own signed webhooks) against n8n's Webhook node with header auth.
	{ name: 'n8n sharefile webhook', run: (ctx) => (skipN8n ? notRun(ctx, shareFileWebhookNotRun('skipped with --no-n8n')) : shareFileWebhookBench(ctx)) },
	// n8n stopped during 1,000 uploads, ShareFile calling it straight, then started again.
	{ name: 'n8n sharefile outage', run: (ctx) => (skipN8n ? notRun(ctx, shareFileOutageNotRun('skipped with --no-n8n')) : shareFileOutageBench(ctx)) },
];

function notRun(ctx: BenchContext, figures: ResultEntry[]): void {
	for (const figure of figures) ctx.record(figure);
}

function printTable(): void {
	const rows = entries.map((e) => [
		e.name,
		e.value === null ? 'n/a' : formatValue(e.value),
		e.unit,
		e.goal === null ? '' : `${e.better === 'lower' ? '<=' : '>='} ${e.goal}`,
		meetsGoal(e) === undefined ? (e.value === null ? 'not measured' : '') : meetsGoal(e) ? 'met' : 'MISSED',
	]);
	const header = ['figure', 'value', 'unit', 'goal', ''];
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
	const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 1 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
	console.log(`\n${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
	for (const r of rows) console.log(line(r));
	console.log('\nabsolute figures:');
	for (const a of absolutes) console.log(`  ${a.label.padEnd(56)} ${a.value.toLocaleString('en-US').padStart(14)} ${a.unit}`);
	console.log(`  ${'peak RSS of this benchmark process'.padEnd(56)} ${peakRssMb().toFixed(0).padStart(14)} MB`);
}

/** Runs one benchmark in PROCESSES fresh processes; records the median of each figure. */
function runIsolated(bench: Bench): void {
	const runs: Array<{ entries: ResultEntry[]; absolutes: typeof absolutes }> = [];
	const processes = quick ? 1 : typeof bench.isolate === 'number' ? bench.isolate : PROCESSES;
	for (let i = 0; i < processes; i++) {
		// Node's default heap limits, as n8n runs with: the young generation V8 sizes from them
		// decides how often records are copied (the parent's larger limit is for the 1M scaling run).
		const execArgv = process.execArgv.filter((arg) => !arg.startsWith('--max-old-space-size'));
		const result = spawnSync(process.execPath, [...execArgv, __filename, '--child', bench.name, ...(quick ? ['--quick'] : [])], {
			encoding: 'utf8',
			maxBuffer: 64 * 1024 * 1024,
			env: process.env,
		});
		const line = result.stdout.split('\n').find((l) => l.startsWith(CHILD_MARK));
		if (result.status !== 0 || !line) throw new Error(`child run of ${bench.name} failed: ${result.stderr || result.stdout}`);
		runs.push(JSON.parse(line.slice(CHILD_MARK.length)) as (typeof runs)[number]);
	}
	const names = runs[0].entries.map((entry) => entry.name);
	const nameSet = new Set(names);
	for (const name of names) {
		const values = runs.map((run) => run.entries.find((entry) => entry.name === name)!).sort((a, b) => (a.value ?? 0) - (b.value ?? 0));
		const spread = spreadOf(name, nameSet);
		if (spread && values.length > 1) {
			// A figure's spread over several processes: every round of every process.
			const extreme = spread.side === 'min' ? values[0] : values[values.length - 1];
			context.record({ ...extreme, detail: `${extreme.detail ?? ''}, over ${values.length} fresh processes` });
			continue;
		}
		const middle = values[values.length >> 1];
		context.record({
			...middle,
			detail: `${middle.detail ?? ''}${values.length > 1 ? ` [median of ${values.length} fresh processes: ${values.map((v) => formatValue(v.value ?? NaN)).join(', ')}]` : ''}`,
		});
	}
	const middleRun = runs[runs.length >> 1];
	for (const a of middleRun.absolutes) context.absolute(a.label, a.value, a.unit);
}

async function runChild(name: string): Promise<void> {
	const bench = benches.find((b) => b.name === name);
	if (!bench) throw new Error(`no benchmark named ${name}`);
	await bench.run(context);
	process.stdout.write(`\n${CHILD_MARK}${JSON.stringify({ entries, absolutes })}\n`);
}

let startLoad = '';

/** Rewrites the block between the results markers in BENCHMARKS.md from the figures just merged. */
function updateBenchmarksDoc(all: ResultEntry[], loadAtStart: string): void {
	const file = join(REPOSITORY_ROOT, 'BENCHMARKS.md');
	if (!existsSync(file)) return;
	const text = readFileSync(file, 'utf8');
	const start = text.indexOf('<!-- results:start -->');
	const end = text.indexOf('<!-- results:end -->');
	if (start < 0 || end < start) return;
	const cell = (value: string) => value.replace(/\|/g, '\\|');
	const goalText = (e: ResultEntry) => (e.goal === null ? '' : `${e.better === 'lower' ? '≤' : '≥'} ${e.goal.toLocaleString('en-US')}`);
	const verdict = (e: ResultEntry) => {
		const met = meetsGoal(e);
		return met === undefined ? (e.value === null ? 'not measured' : '') : met ? 'met' : '**missed**';
	};
	const names = new Set(all.map((e) => e.name));
	const main = all.filter((e) => !e.name.includes('[') && !spreadOf(e.name, names));
	const context = all.filter((e) => e.name.includes('['));
	const byName = new Map(all.map((e) => [e.name, e]));
	const spreadText = (e: ResultEntry) => {
		const low = byName.get(`${e.name}_min`)?.value;
		const high = byName.get(`${e.name}_max`)?.value;
		return low === undefined || high === undefined || low === null || high === null ? '' : `${formatValue(low)}–${formatValue(high)}`;
	};
	const lines = [
		'<!-- results:start -->',
		`Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GB, ${osType()} ${release()}, Node ${process.version}; load average ${loadAtStart} at the start, ${loadavg().map((l) => l.toFixed(2)).join(' ')} at the end. Campaign figures: from the last \`npm test\` (${all.find((e) => e.name === 'poll_lost')?.measuredAt?.slice(0, 16).replace('T', ' ') ?? 'not yet run'}).`,
		'',
		'| figure | value | rounds min–max | goal | | how (from `bench/results.json`) |',
		'|---|---:|---:|---|---|---|',
		...main.map((e) => `| \`${e.name}\` | ${e.value === null ? 'n/a' : formatValue(e.value)} ${e.unit === 'ratio' || e.unit === 'count' ? '' : e.unit} | ${spreadText(e)} | ${goalText(e)} | ${verdict(e)} | ${cell(e.detail ?? '')}${e.note ? ` — **note:** ${cell(e.note)}` : ''} |`),
		'',
		'Context: the Java date engine on other patterns and zones (throughput ÷ luxon).',
		'',
		'| pattern (zone) | parse | format |',
		'|---|---:|---:|',
		...context
			.filter((e) => e.name.startsWith('java_date_parse_vs_luxon['))
			.map((e) => {
				const label = e.name.slice('java_date_parse_vs_luxon['.length, -1);
				const format = context.find((f) => f.name === `java_date_format_vs_luxon[${label}]`);
				return `| \`${cell(label)}\` | ${formatValue(e.value ?? NaN)}× | ${format ? `${formatValue(format.value ?? NaN)}×` : ''} |`;
			}),
		'',
		'Absolute figures (same run):',
		'',
		'| | |',
		'|---|---:|',
		...absolutes.map((a) => `| ${cell(a.label)} | ${a.value.toLocaleString('en-US')} ${a.unit} |`),
		`| peak RSS of the benchmark process | ${peakRssMb().toFixed(0)} MB |`,
		'',
		'How one poll grows with its size (pages of 500; the heap retained includes the output):',
		'',
		'| records | engine ns/record | heap retained B/record | parsed records alone B/record | peak RSS MB |',
		'|---:|---:|---:|---:|---:|',
		...scalingPoints.map((p) => `| ${p.records.toLocaleString('en-US')} | ${p.nsPerRecord.toFixed(0)} | ${p.retainedBytesPerRecord.toFixed(0)} | ${p.parsedBytesPerRecord.toFixed(0)} | ${p.peakRssMb.toFixed(0)} |`),
		'<!-- results:end -->',
	];
	writeFileSync(file, text.slice(0, start) + lines.join('\n') + text.slice(end + '<!-- results:end -->'.length));
}

async function main(): Promise<void> {
	if (child !== undefined) return await runChild(child);
	if (!(globalThis as { gc?: unknown }).gc) console.log('(run with --expose-gc for steadier figures: npm run bench does)');
	console.log(`machine: ${cpus()[0]?.model ?? 'unknown CPU'} x${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, ${osType()} ${release()}, Node ${process.version}`);
	const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
	startLoad = load();
	console.log(`load average at start: ${startLoad} (other processes on the machine skew garbage-collector-heavy figures)`);
	for (const bench of benches) {
		if (only && !bench.name.includes(only)) continue;
		console.log(`\n== ${bench.name}`);
		const started = Date.now();
		try {
			if (bench.isolate) runIsolated(bench);
			else await bench.run(context);
		} catch (error) {
			console.log(`  FAILED: ${(error as Error).stack ?? String(error)}`);
			process.exitCode = 1;
		}
		console.log(`  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
	}
	printTable();
	console.log(`\nload average at end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
	if (entries.length > 0) {
		const all = mergeResults(entries);
		console.log(`\nwrote ${entries.length} figures to ${RESULTS_FILE}`);
		if (!only && !quick) {
			updateBenchmarksDoc(all, startLoad);
			console.log('updated the table in BENCHMARKS.md');
		}
	}
	if (notes.length) console.log(`\nnotes:\n${notes.map((n) => `  - ${n}`).join('\n')}`);
}

void main();
