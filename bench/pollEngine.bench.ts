/**
 * The polling trigger's work per poll, outside n8n and the network: the raw page bodies of a
 * poll turned into the items the trigger emits — JSON.parse of each page, then the real
 * PollCycle (dates with the Java date engine, classification, dedupe against the remembered
 * edge, the next state, the events: what pollInstance runs) and eventItems — against
 * JSON.parse of the same bodies alone.
 */
import type { NormalizedEvent } from '../nodes/engine/normalizedEvent';
import { PollCycle } from '../nodes/engine/poll/pollCycle';
import { pollSettingsFrom } from '../nodes/engine/poll/pollSettings';
import { initialPollState, type PollState } from '../nodes/engine/poll/pollState';
import { SHAREFILE_DOCUMENTS_RESOURCE } from '../nodes/engine/pollResource';
import { pollCorpus, type PollCorpus } from './corpus';
import { collectGarbage, compare, nowNs, peakRssMb } from './measure';
import { recordRatio, type BenchContext } from './results';

const POLLS_PER_BLOCK = 5;
const settings = pollSettingsFrom('documents', SHAREFILE_DOCUMENTS_RESOURCE.configuration);
const FILTER = { eventTypes: ['CREATED', 'UPDATED'], pathPrefix: '' };
/** The trigger's output item for an event (pollInstance's asItem, eventItems' shape). */
const asItem = (event: NormalizedEvent) => ({ json: event });
/** What pollInstance passes for one resource of one instance. */
const CONTEXT = () => ({ objectType: 'documents', instanceId: 4242, instanceName: 'ShareFile prod', pollDate: new Date() });

/** One poll over pre-read page bodies, exactly as pollInstance runs it; returns the items. */
export function runPoll(bodies: readonly string[], state: PollState) {
	const cycle = new PollCycle(settings, state);
	for (const body of bodies) cycle.acceptPage(JSON.parse(body) as unknown[]);
	// As pollInstance does: the items made as the events are.
	const { events: items, state: next } = cycle.finishEvents(CONTEXT(), FILTER, [], asItem);
	return { items, state: next };
}

/**
 * The baseline: JSON.parse of every page body, the parsed pages kept — what "the bodies,
 * parsed" is, and what any poll that emits the records must at least do and hold.
 */
function parseAll(bodies: readonly string[]): unknown[][] {
	const pages: unknown[][] = new Array(bodies.length);
	for (let i = 0; i < bodies.length; i++) pages[i] = JSON.parse(bodies[i]) as unknown[];
	return pages;
}

/** JSON.parse of every page body, each dropped at once (nothing survives to be collected). */
function parseAndDrop(bodies: readonly string[]): number {
	let n = 0;
	for (const body of bodies) n += (JSON.parse(body) as unknown[]).length;
	return n;
}

export function pollEngineBench(context: BenchContext): void {
	const records = context.quick ? 20_000 : 100_000;
	const corpus: PollCorpus = pollCorpus(records, 100);
	const state = initialPollState(corpus.floorMs);
	const emitted = runPoll(corpus.bodies, state).items.length;
	if (emitted !== records) throw new Error(`poll engine emitted ${emitted} of ${records} records`);
	const rounds = context.quick ? 3 : 7;
	// Polls back to back, as a running trigger makes them (see compare): one poll after a full GC
	// would make the figure flip with V8's pretenuring of the 100,000 output items.
	const result = compare(() => runPoll(corpus.bodies, state), () => parseAll(corpus.bodies), rounds, 1, POLLS_PER_BLOCK);
	const shape = `${records.toLocaleString('en-US')} records in ${corpus.bodies.length} pages of 100 (${(corpus.bytes / records).toFixed(0)} B/record avg)`;
	recordRatio(context, {
		name: 'poll_engine_vs_json_parse',
		value: result.ratio,
		unit: 'ratio',
		goal: 1.5,
		better: 'lower',
		detail: `${shape}: engine ${result.subjectMs.toFixed(0)} ms, JSON.parse of the pages (kept) ${result.baselineMs.toFixed(0)} ms per poll; ${rounds} rounds of ${POLLS_PER_BLOCK} polls per side, per-round ratios ${result.spread[0].toFixed(2)}-${result.spread[1].toFixed(2)}`,
	}, result.ratios);
	const dropping = compare(() => runPoll(corpus.bodies, state), () => parseAndDrop(corpus.bodies), rounds, 1, POLLS_PER_BLOCK);
	recordRatio(context, {
		name: 'poll_engine_vs_json_parse_dropping',
		value: dropping.ratio,
		unit: 'ratio',
		goal: null,
		better: 'lower',
		detail: `${shape}: the same engine time ÷ JSON.parse with each page dropped at once (${dropping.baselineMs.toFixed(0)} ms): the difference is mostly the garbage collector copying the records a poll must keep for its output; ${rounds} rounds, per-round ratios ${dropping.spread[0].toFixed(2)}-${dropping.spread[1].toFixed(2)}`,
	}, dropping.ratios);
	context.absolute('poll engine records/s', Math.round(records / (result.subjectMs / 1000)), 'records/s');
	context.absolute('JSON.parse of the same pages (kept), records/s', Math.round(records / (result.baselineMs / 1000)), 'records/s');
	context.absolute('JSON.parse of the same pages (dropped), records/s', Math.round(records / (dropping.baselineMs / 1000)), 'records/s');
	context.absolute('poll engine MB/s of page bodies', Math.round(corpus.bytes / 1e6 / (result.subjectMs / 1000)), 'MB/s');
}

export interface ScalePoint {
	records: number;
	nsPerRecord: number;
	/** Heap held after the poll, with its output alive, per record. */
	retainedBytesPerRecord: number;
	/** The same for the records alone (JSON.parse of the pages, kept): the output's own size. */
	parsedBytesPerRecord: number;
	peakRssMb: number;
}

/**
 * How a single poll's cost grows with its size. Pages are generated one at a time from a seed
 * (their generation is not timed), so the only pages in memory are the one being read and the
 * output the poll builds; the heap the poll retains is compared with what the parsed records
 * alone take.
 */
export function pollScaling(context: BenchContext): { points: ScalePoint[]; rounds: ScalePoint[][] } {
	const sizes = context.quick ? [1_000, 10_000, 100_000] : [1_000, 10_000, 100_000, 1_000_000];
	const PAGE = 500;
	const template = pollCorpus(PAGE * 20, PAGE, 99);
	// Once unmeasured, so that the first size does not pay for the JIT compiler.
	measure(20_000);
	// Every size in each round, smallest first: the growth figures are per-round ratios of the
	// largest size to the smallest, and the RSS peak (the process's maximum so far) only means
	// something in the first round.
	const roundCount = context.quick ? 1 : 5;
	const rounds: ScalePoint[][] = [];
	for (let round = 0; round < roundCount; round++) {
		const points: ScalePoint[] = [];
		for (const records of sizes) {
			// Small polls take a few milliseconds: the median of several.
			const runs = records <= 10_000 ? Array.from({ length: 7 }, () => measure(records)) : [measure(records)];
			runs.sort((a, b) => a.nsPerRecord - b.nsPerRecord);
			points.push(runs[runs.length >> 1]);
		}
		rounds.push(points);
	}
	const points = sizes.map((_, index) => {
		const list = rounds.map((round) => round[index]).sort((a, b) => a.nsPerRecord - b.nsPerRecord);
		return { ...list[list.length >> 1], peakRssMb: rounds[0][index].peakRssMb };
	});
	return { points, rounds };

	function measure(records: number): ScalePoint {
		// Records generated page by page with a fixed layout; one page is built, read, dropped.
		const pages = Math.ceil(records / PAGE);
		const pageBody = (p: number): string => {
			// Distinct ids and later dates on each page, from a template page: cheap to make.
			const base = template.bodies[p % template.bodies.length];
			const shift = Math.floor(p / template.bodies.length);
			return shift === 0 ? base : base.replace(/"Id":"(f[io])([0-9a-f]{6})/g, (_m, kind: string, hex: string) => `"Id":"${kind}${(parseInt(hex, 16) ^ shift).toString(16).padStart(6, '0')}`);
		};
		collectGarbage();
		const heapBefore = process.memoryUsage().heapUsed;
		const cycle = new PollCycle(settings, initialPollState(template.floorMs));
		let engineNs = 0;
		let read = 0;
		for (let p = 0; p < pages; p++) {
			const body = pageBody(p);
			const started = nowNs();
			const page = JSON.parse(body) as unknown[];
			read += page.length;
			cycle.acceptPage(page);
			engineNs += nowNs() - started;
		}
		const started = nowNs();
		const { events: items } = cycle.finishEvents(CONTEXT(), FILTER, [], asItem);
		engineNs += nowNs() - started;
		collectGarbage();
		const retained = process.memoryUsage().heapUsed - heapBefore;
		if (items.length === 0) throw new Error('no items');
		// The output alone: the same records parsed and kept.
		const kept: unknown[][] = [];
		collectGarbage();
		const before = process.memoryUsage().heapUsed;
		for (let p = 0; p < pages; p++) kept.push(JSON.parse(pageBody(p)) as unknown[]);
		collectGarbage();
		const parsed = process.memoryUsage().heapUsed - before;
		const point = {
			records: read,
			nsPerRecord: engineNs / read,
			retainedBytesPerRecord: retained / read,
			parsedBytesPerRecord: parsed / read,
			peakRssMb: peakRssMb(),
		};
		kept.length = 0;
		void items.length;
		return point;
	}
}
