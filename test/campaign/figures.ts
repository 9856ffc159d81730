import { mergeResults, type ResultEntry } from '../../bench/results';

/**
 * The campaign's figures go into bench/results.json next to the benchmarks' (merged by name,
 * nothing else touched), whether the tests pass or not: a figure that is not 0 is the point.
 */
export function writeFigures(figures: Array<{ name: string; value: number; detail: string; note?: string }>): void {
	// The run on n8n 1.x (scripts/n8n1/test.sh) asserts the same counts but leaves the recorded
	// figures to the run on the project's own n8n.
	if (process.env.CE_CAMPAIGN_FIGURES === 'off') return;
	const measuredAt = new Date().toISOString();
	const entries: ResultEntry[] = figures.map((figure) => ({
		name: figure.name,
		value: figure.value,
		unit: 'count',
		goal: 0,
		better: 'lower',
		detail: figure.detail,
		...(figure.note ? { note: figure.note } : {}),
		measuredAt,
	}));
	mergeResults(entries);
}

export { seededRandom } from '../harness/seededRandom';

export const CAMPAIGN_SEED = Number(process.env.CAMPAIGN_SEED ?? 20261127);
