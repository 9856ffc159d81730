/**
 * Timing for ratios measured side by side: the two sides run alternately, round after round, in
 * the same process, each after a full GC (so neither pays for the other's garbage), and the
 * ratio reported is the median of the per-round ratios. Machine noise that lasts longer than a
 * round (a busy neighbour, CPU frequency) hits both sides alike and cancels.
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

/** Time of one run of fn, in ms. */
export function timeOnce(fn: () => unknown): number {
	collectGarbage();
	const start = nowNs();
	const result = fn();
	const elapsed = (nowNs() - start) / 1e6;
	sink(result);
	return elapsed;
}

export async function timeOnceAsync(fn: () => Promise<unknown>): Promise<number> {
	collectGarbage();
	const start = nowNs();
	const result = await fn();
	const elapsed = (nowNs() - start) / 1e6;
	sink(result);
	return elapsed;
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
}

/**
 * Runs subject and baseline alternately (after `warmup` unmeasured rounds of each), and compares
 * their times. Each function does a whole workload; their results are sunk.
 */
export function compare(subject: () => unknown, baseline: () => unknown, rounds = 9, warmup = 2): Comparison {
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
			s = timeOnce(subject);
			b = timeOnce(baseline);
		} else {
			b = timeOnce(baseline);
			s = timeOnce(subject);
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
	};
}

export function peakRssMb(): number {
	// resourceUsage().maxRSS is in kilobytes.
	return process.resourceUsage().maxRSS / 1024;
}
