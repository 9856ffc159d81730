/**
 * Timing for ratios measured side by side: the two sides run alternately, round after round, in
 * the same process, and the ratio reported is the median of the per-round ratios. Machine noise
 * that lasts longer than a round (a busy neighbour, CPU frequency) hits both sides alike and
 * cancels.
 *
 * Each round times a block of runs of one side after a full GC, so neither side pays for the
 * other's garbage. A block of several runs (`runsPerBlock`) measures a side as a running n8n
 * sees it, poll after poll, each paying the collections its own garbage causes. A single run
 * after a full GC instead starts every round from the same heap, and whether a collection lands
 * inside the run becomes a threshold that V8's heuristics flip per process: a workload that
 * allocates a lot of long-lived output reads as two different figures from one process to the
 * next.
 */

const gc: (() => void) | undefined = (globalThis as { gc?: () => void }).gc;

export function collectGarbage(): void {
	if (gc) {
		gc();
		gc();
	}
}

export function nowNs(): number {
	return Number(process.hrtime.bigint());
}

/** Mean time of `runs` back-to-back runs of fn after a full GC, in ms. */
export function timeBlock(fn: () => unknown, runs: number): number {
	collectGarbage();
	const start = nowNs();
	for (let i = 0; i < runs; i++) sink(fn());
	return (nowNs() - start) / 1e6 / runs;
}

let sunk = 0;
/** Keeps results alive enough that the optimizer cannot drop the work that made them. */
export function sink(value: unknown): void {
	if (typeof value === 'number') sunk += value;
	else if (value && typeof value === 'object') sunk += 1;
	else if (typeof value === 'string') sunk += value.length;
}
export function sunkValue(): number {
	return sunk;
}

export function median(values: number[]): number {
	const sorted = values.slice().sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export interface Comparison {
	/** Median of time(subject) / time(baseline) over the rounds. */
	ratio: number;
	subjectMs: number;
	baselineMs: number;
	rounds: number;
	/** Lowest and highest per-round ratio: the spread the median came from. */
	spread: [number, number];
	/** Every round's ratio, in the order measured. */
	ratios: number[];
}

/**
 * Runs subject and baseline alternately (after `warmup` unmeasured rounds of each), and compares
 * their times. Each function does a whole workload; their results are sunk. Each round times
 * `runsPerBlock` runs of a side back to back.
 */
export function compare(subject: () => unknown, baseline: () => unknown, rounds = 9, warmup = 2, runsPerBlock = 1): Comparison {
	for (let i = 0; i < warmup; i++) {
		sink(subject());
		sink(baseline());
	}
	const ratios: number[] = [];
	const subjects: number[] = [];
	const baselines: number[] = [];
	for (let i = 0; i < rounds; i++) {
		// Alternate which goes first, so neither always runs on a freshly collected heap.
		let s: number;
		let b: number;
		if (i % 2 === 0) {
			s = timeBlock(subject, runsPerBlock);
			b = timeBlock(baseline, runsPerBlock);
		} else {
			b = timeBlock(baseline, runsPerBlock);
			s = timeBlock(subject, runsPerBlock);
		}
		subjects.push(s);
		baselines.push(b);
		ratios.push(s / b);
	}
	return {
		ratio: median(ratios),
		subjectMs: median(subjects),
		baselineMs: median(baselines),
		rounds,
		spread: [Math.min(...ratios), Math.max(...ratios)],
		ratios,
	};
}

export function peakRssMb(): number {
	// resourceUsage().maxRSS is in kilobytes.
	return process.resourceUsage().maxRSS / 1024;
}
