/**
 * Many workflows on one ShareFile instance, in a real n8n 2.41.1 (one process, SQLite) with our
 * package installed as users install it: 10 ShareFile Trigger workflows, each with its own
 * subscription to the instance's events (Receive Events Through → Own Subscription).
 *
 * - `fanout_lost`, `fanout_duplicated`: 1,000 uploads, so 10,000 executions expected: uploads a
 *   workflow never ran, and runs beyond the first of an upload in a workflow.
 * - `fanout_executions_per_s_vs_single`: executions per second with 10 subscribers ÷ with 1 (the
 *   others deactivated), each from the uploads until the last execution stopped; the median of
 *   alternating rounds, with min and max.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { startSandbox } from '../sandbox';
import {
	countingN8n,
	createSandboxInstance,
	duplicatesOf,
	executionsAfter,
	lastStop,
	maxId,
	medianOf,
	missingN8nPrerequisite,
	n8nScripts,
	roundOrder,
	sandboxCredential,
	settleAfter,
	triggerRuns,
	type N8nLike,
} from './n8nHarness';
import { recordRatio, type BenchContext, type ResultEntry } from './results';

const TRIGGER = 'ShareFile Trigger';
const SUBSCRIBERS = 10;

export function fanoutNotRun(reason: string): ResultEntry[] {
	return [
		{ name: 'fanout_lost', value: null, unit: 'count', goal: 0, better: 'lower', note: reason },
		{ name: 'fanout_duplicated', value: null, unit: 'count', goal: 0, better: 'lower', note: reason },
		{ name: 'fanout_executions_per_s_vs_single', value: null, unit: 'ratio', goal: 0.9, better: 'higher', note: reason },
	];
}

/** Uploads `count` files under a fresh folder in one batch of changes; their ShareFile ids. */
async function upload(origin: string, instanceId: number, folder: string, count: number): Promise<string[]> {
	const changes = [{ op: 'createFolder', path: `/top/${folder}` }];
	for (let i = 0; i < count; i++) changes.push({ op: 'upload', path: `/top/${folder}/f-${i}.txt`, content: `${i}` } as never);
	const answer = await fetch(`${origin}/_sandbox/instances/${instanceId}/documents`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ changes }),
	});
	if (!answer.ok) throw new Error(`uploads → ${answer.status}: ${(await answer.text()).slice(0, 300)}`);
	const applied = (await answer.json()) as { changes: Array<{ op: string; id: string }> };
	return applied.changes.filter((change) => change.op === 'upload').map((change) => change.id);
}

/** Executions per second of one round: `uploads` changes heard by `workflowIds`, each once. */
async function roundRate(n8n: N8nLike, origin: string, instanceId: number, workflowIds: string[], uploads: number, round: string): Promise<number> {
	const after = new Map<string, number>();
	for (const id of workflowIds) after.set(id, maxId(await executionsAfter(n8n, id, 0), 0));
	const started = Date.now();
	await upload(origin, instanceId, `Round-${round}`, uploads);
	let stopped = 0;
	for (const id of workflowIds) stopped = Math.max(stopped, lastStop(await settleAfter(n8n, id, after.get(id)!, uploads, 300_000)));
	return (workflowIds.length * uploads) / Math.max(0.001, (stopped - started) / 1000);
}

export async function fanoutBench(context: BenchContext): Promise<void> {
	const missing = missingN8nPrerequisite();
	if (missing) {
		for (const entry of fanoutNotRun(missing)) context.record({ ...entry, detail: 'not measured' });
		return;
	}
	const changes = context.quick ? 100 : 1000;
	const rounds = context.quick ? 2 : 5;
	const perRound = context.quick ? 20 : 100;
	const { n8n: lib, workflows } = n8nScripts();
	const folder = mkdtempSync(join(tmpdir(), 'ce-sharefile-bench-fanout-'));
	const sandbox = await startSandbox({ port: 0 });
	let n8n: N8nLike | undefined;
	try {
		n8n = await countingN8n(folder);
		await n8n.start();
		const credential = await sandboxCredential(n8n, sandbox.baseUrl);
		const instanceId = await createSandboxInstance(sandbox.baseUrl, 'bench fan-out');
		const ids: string[] = [];
		for (let i = 0; i < SUBSCRIBERS; i++) {
			const workflow = workflows.webhookWorkflow(`bench: subscriber ${i + 1}`, credential, instanceId, {
				parameters: { registration: 'subscription', eventTypes: ['CREATED'], options: { recoverMissedEvents: false } },
			});
			ids.push((await n8n.api('POST', '/workflows', workflow)).id as string);
			await n8n.activate(ids[i]);
		}

		const uploaded = await upload(sandbox.origin, instanceId, 'Fan-out', changes);
		let lost = 0;
		let duplicated = 0;
		for (const id of ids) {
			await settleAfter(n8n, id, 0, changes, 600_000);
			const { runs } = await triggerRuns(n8n, id, TRIGGER);
			lost += uploaded.filter((file) => !runs.has(file)).length;
			duplicated += duplicatesOf(runs);
		}
		const how = `${SUBSCRIBERS} workflows subscribed to one instance, ${changes.toLocaleString('en-US')} uploads, ${(SUBSCRIBERS * changes).toLocaleString('en-US')} executions expected, n8n ${lib.N8N_VERSION} (one process, SQLite)`;
		context.record({ name: 'fanout_lost', value: lost, unit: 'count', goal: 0, better: 'lower', detail: `${how}; uploads a workflow never ran` });
		context.record({ name: 'fanout_duplicated', value: duplicated, unit: 'count', goal: 0, better: 'lower', detail: `${how}; runs beyond the first of an upload in a workflow` });

		// Alternating rounds: 1 subscriber (the others deactivated), then 10, or the other way round.
		const ratios: number[] = [];
		const rates = { single: [] as number[], fanout: [] as number[] };
		for (let round = 0; round < rounds; round++) {
			const measured: Record<string, number> = {};
			for (const side of roundOrder(['single', 'fanout'] as const, round)) {
				const active = side === 'single' ? ids.slice(0, 1) : ids;
				for (const id of ids.slice(1)) {
					if (side === 'single') await n8n.deactivate(id);
					else await n8n.activate(id);
				}
				measured[side] = await roundRate(n8n, sandbox.origin, instanceId, active, perRound, `${round}-${side}`);
				rates[side].push(measured[side]);
			}
			ratios.push(measured.fanout / measured.single);
		}
		recordRatio(
			context,
			{
				name: 'fanout_executions_per_s_vs_single',
				value: Number(medianOf(ratios).toFixed(3)),
				unit: 'ratio',
				goal: 0.9,
				better: 'higher',
				detail: `executions per second, ${SUBSCRIBERS} subscribers ÷ 1, each round ${perRound} uploads timed from the uploads until the last execution stopped; median of ${rounds} alternating rounds; medians ${medianOf(rates.fanout).toFixed(1)}/s vs ${medianOf(rates.single).toFixed(1)}/s`,
			},
			ratios,
		);
		context.absolute('fan-out: executions per second, 10 subscribers (median round)', Math.round(medianOf(rates.fanout)), '/s');
		context.absolute('fan-out: executions per second, 1 subscriber (median round)', Math.round(medianOf(rates.single)), '/s');
	} catch (error) {
		const tail = n8n ? `\n${n8n.logTail(30)}` : '';
		throw new Error(`${(error as Error).message}${tail}`);
	} finally {
		await n8n?.stop();
		await sandbox.close();
		rmSync(folder, { recursive: true, force: true });
	}
}
