import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';

/**
 * bench/results.json: one entry per figure, written by `npm run bench` and by the fault
 * campaign in the test suite. Each writer replaces its own entries by name and keeps the rest.
 */
export interface ResultEntry {
	name: string;
	/** null when the figure could not be measured this time (see note). */
	value: number | null;
	unit: string;
	/** null for figures printed for context, without a goal. */
	goal: number | null;
	better: 'lower' | 'higher';
	/** How it was measured, in a line. */
	detail?: string;
	note?: string;
	measuredAt?: string;
}

/** The repository root: the nearest folder up from here with this package's package.json. */
function repositoryRoot(): string {
	let dir = __dirname;
	for (;;) {
		const manifest = join(dir, 'package.json');
		if (existsSync(manifest) && readFileSync(manifest, 'utf8').includes('"n8n-nodes-cloud-elements-sharefile"')) return dir;
		const parent = dirname(dir);
		if (parent === dir) return process.cwd();
		dir = parent;
	}
}

export const REPOSITORY_ROOT = repositoryRoot();
export const RESULTS_FILE = join(REPOSITORY_ROOT, 'bench', 'results.json');

export function readResults(file = RESULTS_FILE): ResultEntry[] {
	if (!existsSync(file)) return [];
	try {
		const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
		return Array.isArray(parsed) ? (parsed as ResultEntry[]) : [];
	} catch {
		return [];
	}
}

/**
 * Holds a lock (a directory next to the file) while fn runs: the campaign's test files run in
 * parallel jest workers and each merges its figures into the same file.
 */
function withLock<T>(file: string, fn: () => T): T {
	const lock = `${file}.lock`;
	const deadline = Date.now() + 10_000;
	for (;;) {
		try {
			mkdirSync(lock);
			break;
		} catch {
			// A lock left by a killed process is broken after 30 s.
			try {
				if (Date.now() - statSync(lock).mtimeMs > 30_000) rmSync(lock, { recursive: true, force: true });
			} catch {
				// Gone meanwhile: try again.
			}
			if (Date.now() > deadline) throw new Error(`could not lock ${file}`);
			Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
		}
	}
	try {
		return fn();
	} finally {
		rmSync(lock, { recursive: true, force: true });
	}
}

/** Replaces entries with the same names, keeps the others in their order, appends new ones. */
export function mergeResults(entries: ResultEntry[], file = RESULTS_FILE): ResultEntry[] {
	return withLock(file, () => mergeUnlocked(entries, file));
}

/** Same figure, same account of it: a rerun that found nothing new leaves the file as it was. */
function sameFigure(a: ResultEntry, b: ResultEntry): boolean {
	// JSON.stringify leaves out a key whose value is undefined.
	return JSON.stringify({ ...a, measuredAt: undefined }) === JSON.stringify({ ...b, measuredAt: undefined });
}

function mergeUnlocked(entries: ResultEntry[], file: string): ResultEntry[] {
	const incoming = new Map(entries.map((entry) => [entry.name, entry]));
	const merged: ResultEntry[] = [];
	let changed = false;
	for (const existing of readResults(file)) {
		const replacement = incoming.get(existing.name);
		if (replacement && !sameFigure(existing, replacement)) {
			merged.push(replacement);
			changed = true;
		} else {
			merged.push(existing);
		}
		incoming.delete(existing.name);
	}
	if (incoming.size > 0) changed = true;
	merged.push(...incoming.values());
	if (!changed) return merged;
	const temporary = `${file}.${process.pid}.tmp`;
	writeFileSync(temporary, `${JSON.stringify(merged, null, 2)}\n`);
	renameSync(temporary, file);
	return merged;
}

export function meetsGoal(entry: ResultEntry): boolean | undefined {
	if (entry.goal === null || entry.value === null) return undefined;
	return entry.better === 'lower' ? entry.value <= entry.goal : entry.value >= entry.goal;
}

/** What each benchmark gets: where to put its figures, and whether to run small. */
export interface BenchContext {
	quick: boolean;
	record(entry: ResultEntry): void;
	/** An absolute figure, printed for context (not a ratio, not in results.json's goals). */
	absolute(label: string, value: number, unit: string): void;
	note(text: string): void;
}

/**
 * Records a ratio measured over rounds — its value the median of the per-round ratios — and beside
 * it `<name>_min` and `<name>_max`: the lowest and highest round, without a goal of their own.
 */
export function recordRatio(context: BenchContext, entry: ResultEntry, perRound: number[]): void {
	context.record(entry);
	const finite = perRound.filter((ratio) => Number.isFinite(ratio));
	const spread: Array<[string, number | null, string]> = [
		['_min', finite.length ? Math.min(...finite) : null, 'lowest'],
		['_max', finite.length ? Math.max(...finite) : null, 'highest'],
	];
	for (const [suffix, value, word] of spread) {
		context.record({
			name: `${entry.name}${suffix}`,
			value: value === null ? null : Number(value.toPrecision(4)),
			unit: entry.unit,
			goal: null,
			better: entry.better,
			detail: `the ${word} of the ${finite.length} rounds \`${entry.name}\` is the median of`,
		});
	}
}

/**
 * `<name>_min` / `<name>_max` entries, shown beside their figure rather than as rows of their own
 * (only when `<name>` is a figure too: `static_data_bytes_max` is a figure, not a spread).
 */
export function spreadOf(name: string, names: ReadonlySet<string>): { of: string; side: 'min' | 'max' } | undefined {
	const match = /^(.*)_(min|max)$/.exec(name);
	return match && names.has(match[1]) ? { of: match[1], side: match[2] as 'min' | 'max' } : undefined;
}
