/**
 * Our webhook trigger in the deployment teams scale to, n8n's queue mode as `npm run start:queue`
 * runs it (scripts/n8n/lib/queue-stack.js): main (activation, API), one webhook processor that
 * receives the deliveries and queues them, and workers that run them, on PostgreSQL and Redis.
 * The bench gets its own database (dropped after) and its own Redis prefix (deleted after).
 *
 * Compared with n8n's built-in Webhook node with Header Auth (so both pay for a credential),
 * both answering on receipt, both delivered to the webhook processor, both run on the workers:
 *   - throughput at saturation: a phase posts its deliveries with many in flight, faster than the
 *     workers can run them, and lasts from the first send to the last execution's `stoppedAt`;
 *   - delivery → execution finished latency at a fixed offered rate below saturation: each
 *     delivery's send time against its own execution's `stoppedAt` (n8n's API), p50 and p99;
 *   - our trigger with 2 workers ÷ with 1 (the second worker stopped and started between phases),
 *     with the CPU each process used, from /proc, to show where the time goes;
 *   - lost and duplicated: every execution of every phase read back and matched to its delivery.
 * Every ratio is the median of alternating rounds.
 */
import { randomBytes } from 'crypto';
import { mkdtempSync, rmSync } from 'fs';
import { cpus, tmpdir } from 'os';
import { join } from 'path';

import { startSandbox } from '../sandbox';
import { deliveryCorpus } from './corpus';
import {
	AUTH_HEADER,
	builtinWorkflow,
	createSandboxInstance,
	executionsAfter,
	lastStop,
	maxId,
	medianOf,
	missingN8nPrerequisite,
	n8nScripts,
	percentile,
	postAll,
	postAtRate,
	registeredCallback,
	sign,
	waitForWebhooks,
	type Execution,
	type N8nLike,
	type Posted,
	type QueueStackLike,
} from './n8nHarness';

/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */
interface PgClient {
	connect(): Promise<void>;
	end(): Promise<void>;
	query(sql: string, values?: unknown[]): Promise<{ rows: any[] }>;
}
import { machineTicks, readProcesses, TICKS_PER_SECOND, treeTicks } from './processCpu';
import { recordRatio, type BenchContext, type ResultEntry } from './results';

const SIDES = ['ours', 'builtinAuth'] as const;
type Side = (typeof SIDES)[number];
const LABEL: Record<Side, string> = { ours: 'ours', builtinAuth: 'built-in Webhook + header auth' };
/** Enough in flight that the webhook processor queues faster than the workers run. */
const SATURATING = 16;

const FIGURES: Array<Omit<ResultEntry, 'value'>> = [
	{ name: 'queue_webhook_throughput_vs_builtin', unit: 'ratio', goal: 1.0, better: 'higher' },
	{ name: 'queue_latency_p99_vs_builtin', unit: 'ratio', goal: 1.2, better: 'lower' },
	{ name: 'queue_two_workers_vs_one', unit: 'ratio', goal: 1.6, better: 'higher' },
	{ name: 'queue_lost', unit: 'count', goal: 0, better: 'lower' },
	{ name: 'queue_duplicated', unit: 'count', goal: 0, better: 'lower' },
];

export function queueWebhookNotRun(reason: string): ResultEntry[] {
	return FIGURES.map((figure) => ({ ...figure, value: null, detail: 'not measured', note: reason }));
}

// ---- CPU per process, from /proc ---------------------------------------------------------------

interface CpuSnapshot {
	at: number;
	groups: Record<string, number>;
	machine: { busy: number; total: number };
}

interface CpuGroups {
	/** name → root pid of a process tree */
	trees: Record<string, number | undefined>;
	/** PostgreSQL backends serving the bench's database */
	postgres: number[];
}

function cpuSnapshot(groups: CpuGroups): CpuSnapshot {
	const processes = readProcesses();
	const out: Record<string, number> = {};
	for (const [name, pid] of Object.entries(groups.trees)) out[name] = treeTicks(processes, pid);
	// This process started every n8n of the stack: its own time only, not its tree's.
	out['bench client + sandbox'] = processes.get(process.pid)?.ticks ?? 0;
	out.postgres = groups.postgres.reduce((sum, pid) => sum + (processes.get(pid)?.ticks ?? 0), 0);
	out.redis = [...processes.values()].filter((stat) => stat.comm === 'redis-server').reduce((sum, stat) => sum + stat.ticks, 0);
	return { at: Date.now(), groups: out, machine: machineTicks() };
}

/** CPU seconds each group used between two snapshots, the machine's busy share, and the rest. */
function cpuBetween(a: CpuSnapshot, b: CpuSnapshot): { seconds: Record<string, number>; busyShare: number; wallSeconds: number } {
	const seconds: Record<string, number> = {};
	let accounted = 0;
	for (const name of Object.keys(b.groups)) {
		seconds[name] = Math.max(0, (b.groups[name] - (a.groups[name] ?? 0)) / TICKS_PER_SECOND);
		accounted += seconds[name];
	}
	const busy = (b.machine.busy - a.machine.busy) / TICKS_PER_SECOND;
	seconds['everything else on the machine'] = Math.max(0, busy - accounted);
	return { seconds, busyShare: (b.machine.busy - a.machine.busy) / Math.max(1, b.machine.total - a.machine.total), wallSeconds: (b.at - a.at) / 1000 };
}

// ---- the bench ---------------------------------------------------------------------------------

export async function queueWebhookBench(context: BenchContext): Promise<void> {
	const notMeasured = (note: string) => {
		for (const entry of queueWebhookNotRun(note)) context.record(entry);
	};
	const missing = missingN8nPrerequisite();
	if (missing) {
		notMeasured(missing);
		return;
	}
	const { n8n: lib, pkg, workflows, queueStack, queueServices } = n8nScripts();
	const services = queueServices.serviceSettings();
	try {
		await queueServices.checkRedis(services.redis);
		await queueServices.withPostgres(services.postgres, async () => undefined);
	} catch (error) {
		notMeasured(`PostgreSQL or Redis unavailable: ${(error as Error).message}`);
		return;
	}
	const quick = context.quick;
	const rounds = quick ? 2 : 5;
	const perThroughputPhase = quick ? 150 : 400;
	const latencySeconds = quick ? 5 : 10;
	const name = `ce_sharefile_bench_${randomBytes(4).toString('hex')}`;
	const folder = mkdtempSync(join(tmpdir(), 'ce-sharefile-bench-queue-'));
	const sandbox = await startSandbox({ port: 0 });
	let stack: QueueStackLike | undefined;
	let db: PgClient | undefined;
	try {
		await queueServices.ensureDatabase(services.postgres, name);
		const tarball = pkg.packRepository(join(folder, 'pack'));
		const userFolder = join(folder, 'user');
		pkg.installIntoUserFolder(tarball, userFolder);
		const taken: number[] = [];
		const port = async () => {
			const chosen = await lib.freePort(taken);
			taken.push(chosen);
			return chosen;
		};
		const pair = async () => [await port(), await port()];
		stack = new queueStack.QueueStack({
			userFolder,
			ports: { main: await pair(), webhooks: [await pair()], workers: [await pair(), await pair()] },
			services,
			database: name,
			prefix: name,
			owner: { email: 'bench-owner@example.com', password: lib.generatePassword() },
			logDir: folder,
			env: { N8N_LOG_LEVEL: 'warn' },
		});
		const startTimes = await stack.start();
		const { Client } = require(join(process.env.N8N_INSTALL_DIR as string, 'node_modules', 'pg')) as { Client: new (options: object) => PgClient };
		const postgres = services.postgres as { host: string; port: number; user: string; password?: string };
		const connection = new Client({ host: postgres.host, port: postgres.port, user: postgres.user, password: postgres.password || undefined, database: name });
		db = connection;
		await connection.connect();
		const main = stack.main;
		await main.createApiKey();
		const credential = await main.api('POST', '/credentials', { name: 'Cloud Elements sandbox', type: 'cloudElementsApi', data: workflows.sandboxCredentialData(sandbox.baseUrl) });
		const authValue = randomBytes(24).toString('base64url');
		const headerAuth = await main.api('POST', '/credentials', { name: 'bench header auth', type: 'httpHeaderAuth', data: { name: AUTH_HEADER, value: authValue } });
		const instanceId = await createSandboxInstance(sandbox.baseUrl);
		const ids: Record<Side, string> = {
			ours: (await main.api('POST', '/workflows', workflows.webhookWorkflow('bench: ShareFile Trigger', credential, instanceId, {
				parameters: { eventTypes: ['CREATED', 'UPDATED', 'DELETED', 'MOVED', 'RETRIEVED', 'UNKNOWN'] },
			}))).id,
			builtinAuth: '',
		};
		const builtinPath = `bench-queue-builtin-auth-${randomBytes(6).toString('hex')}`;
		ids.builtinAuth = (await main.api('POST', '/workflows', builtinWorkflow('bench: built-in Webhook, header auth', builtinPath, headerAuth))).id;
		for (const side of SIDES) await main.activate(ids[side]);
		const callback = await registeredCallback(sandbox.baseUrl, instanceId);
		const urls: Record<Side, string> = { ours: callback.url, builtinAuth: `${stack.webhookUrl}webhook/${builtinPath}` };
		if (!callback.url.startsWith(stack.webhookUrl)) throw new Error(`our trigger registered ${callback.url}, not the webhook processor's ${stack.webhookUrl}`);
		await waitForWebhooks(Object.values(urls));

		const corpus = deliveryCorpus(rounds * 2 * perThroughputPhase * 2 + rounds * 2 * 60 * latencySeconds + 400, 4242);
		const signatures = corpus.bodies.map((body) => sign(body, callback.key));
		// A delivery is recognised in its execution by its events' object ids (random, one delivery each).
		const deliveryOf = new Map<string, number>();
		const firstObjectId = (index: number) => (JSON.parse(corpus.bodies[index]) as { message: { events: Array<{ objectId: string }> } }).message.events.map((e) => e.objectId);
		const headersFor = (side: Side, start: number) => (i: number): Record<string, string> => ({
			'elements-webhook-signature': signatures[start + i],
			'elements-webhook-id': corpus.ids[start + i],
			...(side === 'builtinAuth' ? { [AUTH_HEADER]: authValue } : {}),
		});
		let cursor = 0;
		const afterId: Record<Side, number> = { ours: 0, builtinAuth: 0 };
		const sentTo: Record<Side, number[]> = { ours: [], builtinAuth: [] };
		const executionsPerDelivery = new Map<number, number>();
		let unmatched = 0;
		let notSuccessful = 0;
		let failedAnswers = 0;

		/** The object ids an execution's trigger output carries: ours' items, or the built-in's body. */
		const objectIdsIn = (side: Side, execution: Execution): string[] => {
			const runData = execution.data?.resultData?.runData ?? {};
			const trigger = side === 'ours' ? runData['ShareFile Trigger'] : runData.Webhook;
			const items: Array<{ json: any }> = trigger?.[0]?.data?.main?.[0] ?? [];
			if (side === 'ours') return items.map((item) => String(item.json.objectId));
			return (items[0]?.json?.body?.message?.events ?? []).map((event: { objectId: string }) => String(event.objectId));
		};

		/**
		 * One phase: posts `count` deliveries to a side, waits for their executions, reads them back
		 * and matches each to its delivery. Resolves the posting, the executions, and for each
		 * delivery its execution's stoppedAt.
		 */
		const phase = async (
			side: Side,
			count: number,
			send: (url: string, bodies: string[], headers: (i: number) => Record<string, string>) => Promise<Posted>,
			onSettled?: () => unknown,
		) => {
			const start = cursor;
			cursor += count;
			for (let i = start; i < start + count; i++) for (const objectId of firstObjectId(i)) deliveryOf.set(objectId, i);
			const posted = await send(urls[side], corpus.bodies.slice(start, start + count), headersFor(side, start));
			failedAnswers += posted.failed;
			for (let i = start; i < start + count; i++) sentTo[side].push(i);
			await settleInDatabase(ids[side], afterId[side], count);
			await onSettled?.();
			const settled = await executionsAfter(main, ids[side], afterId[side], true);
			afterId[side] = maxId(settled, afterId[side]);
			const stoppedAt = new Map<number, number>();
			const startedAt = new Map<number, number>();
			for (const execution of settled) {
				if (execution.status !== 'success') notSuccessful++;
				const delivery = objectIdsIn(side, execution).map((id) => deliveryOf.get(id)).find((d) => d !== undefined);
				if (delivery === undefined) {
					unmatched++;
					continue;
				}
				executionsPerDelivery.set(delivery, (executionsPerDelivery.get(delivery) ?? 0) + 1);
				if (execution.stoppedAt) stoppedAt.set(delivery, Date.parse(execution.stoppedAt));
				if (execution.startedAt) startedAt.set(delivery, Date.parse(execution.startedAt));
			}
			const latencies: number[] = [];
			/** The two parts of a latency: sent → a worker started it, and its run on the worker. */
			const toStart: number[] = [];
			const running: number[] = [];
			for (let i = 0; i < count; i++) {
				const stopped = stoppedAt.get(start + i);
				const begun = startedAt.get(start + i);
				if (stopped !== undefined) latencies.push(stopped - posted.sentAt[i]);
				if (stopped !== undefined && begun !== undefined) {
					toStart.push(begun - posted.sentAt[i]);
					running.push(stopped - begun);
				}
			}
			const end = Math.max(lastStop(settled), posted.firstSentAt + posted.seconds * 1000);
			return { posted, executions: settled, rate: count / ((end - posted.firstSentAt) / 1000), latencies, toStart, running };
		};
		/**
		 * Waits for a phase's executions by asking PostgreSQL (one indexed count on a kept
		 * connection) rather than n8n's API: settling runs while the workers are still busy, and
		 * paging the API there would take main's and this process's CPU from the phase.
		 */
		const settleInDatabase = async (workflowId: string, after: number, expected: number, timeoutMs = 300_000) => {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const { rows } = await connection.query(
					`SELECT count(*)::int AS total, count(*) FILTER (WHERE "stoppedAt" IS NULL OR status IN ('new', 'running'))::int AS open
					 FROM execution_entity WHERE "workflowId" = $1 AND id > $2`,
					[workflowId, after],
				);
				if ((rows[0].total >= expected && rows[0].open === 0) || Date.now() > deadline) return;
				await new Promise((resolve) => setTimeout(resolve, 250));
			}
		};
		const saturate = (url: string, bodies: string[], headers: (i: number) => Record<string, string>) => postAll(url, bodies, headers, SATURATING);

		// Warm-up: JIT, connections, both workers taking jobs.
		for (const side of SIDES) await phase(side, quick ? 30 : 100, saturate);

		const pids = () => ({
			main: main.process?.pid,
			'webhook processor': stack!.webhooks[0].process?.pid,
			'worker 1': stack!.workers[0].process?.pid,
			'worker 2': stack!.workers[1].process?.pid,
		});
		const postgresPids = async () =>
			(await queueServices.withPostgres(services.postgres, (client) => client.query('SELECT pid FROM pg_stat_activity WHERE datname = $1', [name]))).rows.map((row) => Number(row.pid));

		// ---- throughput at saturation, 2 workers, alternating sides
		const rates: Record<Side, number[]> = { ours: [], builtinAuth: [] };
		for (let round = 0; round < rounds; round++) {
			for (const side of round % 2 === 0 ? SIDES : [...SIDES].reverse()) rates[side].push((await phase(side, perThroughputPhase, saturate)).rate);
		}
		const throughputPerRound = rates.ours.map((rate, i) => rate / rates.builtinAuth[i]);

		// ---- latency at a fixed rate below saturation
		const offered = Math.min(60, Math.max(2, Math.floor(0.5 * Math.min(medianOf(rates.ours), medianOf(rates.builtinAuth)))));
		const perLatencyPhase = offered * latencySeconds;
		const p50: Record<Side, number[]> = { ours: [], builtinAuth: [] };
		const p99: Record<Side, number[]> = { ours: [], builtinAuth: [] };
		const allLatencies: Record<Side, number[]> = { ours: [], builtinAuth: [] };
		const allToStart: Record<Side, number[]> = { ours: [], builtinAuth: [] };
		const allRunning: Record<Side, number[]> = { ours: [], builtinAuth: [] };
		for (let round = 0; round < rounds; round++) {
			for (const side of round % 2 === 0 ? SIDES : [...SIDES].reverse()) {
				const result = await phase(side, perLatencyPhase, (url, bodies, headers) => postAtRate(url, bodies, headers, offered));
				p50[side].push(percentile(result.latencies, 50));
				p99[side].push(percentile(result.latencies, 99));
				allLatencies[side].push(...result.latencies);
				allToStart[side].push(...result.toStart);
				allRunning[side].push(...result.running);
			}
		}
		const p99PerRound = p99.ours.map((value, i) => value / p99.builtinAuth[i]);
		const p50PerRound = p50.ours.map((value, i) => value / p50.builtinAuth[i]);

		// ---- 2 workers vs 1: our trigger; the second worker stopped between phases (AB BA AB ...)
		const workerRates: { two: number[]; one: number[] } = { two: [], one: [] };
		const cpu: { two: Array<ReturnType<typeof cpuBetween>>; one: Array<ReturnType<typeof cpuBetween>> } = { two: [], one: [] };
		let running = 2;
		const measuredWith = async (workers: 'one' | 'two') => {
			if (workers === 'one' && running === 2) {
				await stack!.workers[1].stop();
				running = 1;
			}
			if (workers === 'two' && running === 1) {
				await stack!.workers[1].start({ timeoutMs: 180_000 });
				running = 2;
			}
			const groups: CpuGroups = { trees: pids(), postgres: await postgresPids() };
			const before = cpuSnapshot(groups);
			let after = before;
			// Up to the moment the phase's executions are all done, before they are read back.
			const result = await phase('ours', perThroughputPhase, saturate, async () => {
				after = cpuSnapshot({ trees: pids(), postgres: [...new Set([...groups.postgres, ...(await postgresPids())])] });
			});
			workerRates[workers].push(result.rate);
			cpu[workers].push(cpuBetween(before, after));
		};
		for (let round = 0; round < rounds; round++) {
			for (const workers of round % 2 === 0 ? (['two', 'one'] as const) : (['one', 'two'] as const)) await measuredWith(workers);
		}
		if (running === 1) await stack.workers[1].start({ timeoutMs: 180_000 });
		const workersPerRound = workerRates.two.map((rate, i) => rate / workerRates.one[i]);

		// ---- lost and duplicated, over every delivery of every phase
		let lost = 0;
		let duplicated = 0;
		let deliveries = 0;
		for (const side of SIDES) {
			for (const delivery of sentTo[side]) {
				deliveries++;
				const count = executionsPerDelivery.get(delivery) ?? 0;
				if (count === 0) lost++;
				else duplicated += count - 1;
			}
		}

		// What each execution stores: the worker reads it from PostgreSQL and writes it back.
		const stored = new Map<string, number>();
		for (const row of (
			await connection.query(
				`SELECT e."workflowId" AS workflow, avg(length(d.data))::float AS bytes FROM execution_data d JOIN execution_entity e ON e.id = d."executionId" GROUP BY 1`,
			)
		).rows) {
			stored.set(String(row.workflow), Number(row.bytes));
		}
		const storedKb = (side: Side) => ((stored.get(ids[side]) ?? NaN) / 1024).toFixed(1);

		// ---- records
		const version = `n8n ${lib.N8N_VERSION} queue mode (main + 1 webhook processor + 2 workers, --concurrency 10 each, PostgreSQL, Redis; started in ${Math.round(Math.max(...Object.values(startTimes)) / 1000)} s)`;
		const fmt = (values: number[], digits = 0) => values.map((v) => v.toFixed(digits)).join(', ');
		recordRatio(
			context,
			{
				name: 'queue_webhook_throughput_vs_builtin',
				value: medianOf(throughputPerRound),
				unit: 'ratio',
				goal: 1.0,
				better: 'higher',
				detail:
					`${version}: our trigger ÷ the built-in Webhook with header auth, deliveries per second from the first send to the last execution's stoppedAt, ${SATURATING} in flight to the webhook processor; ` +
					`${rounds} rounds of two back-to-back phases (order alternating) of ${perThroughputPhase} deliveries; per-round ratios ${fmt(throughputPerRound, 2)}; ` +
					`ours ${medianOf(rates.ours).toFixed(1)}/s (${fmt(rates.ours)}), built-in + header auth ${medianOf(rates.builtinAuth).toFixed(1)}/s (${fmt(rates.builtinAuth)})`,
			},
			throughputPerRound,
		);
		const split = (values: number[]) => `${percentile(values, 50)}/${percentile(values, 99)} ms`;
		const p = (side: Side) => `${LABEL[side]} p50 ${medianOf(p50[side]).toFixed(0)} ms (${fmt(p50[side])}), p99 ${medianOf(p99[side]).toFixed(0)} ms (${fmt(p99[side])})`;
		recordRatio(
			context,
			{
				name: 'queue_latency_p99_vs_builtin',
				value: medianOf(p99PerRound),
				unit: 'ratio',
				goal: 1.2,
				better: 'lower',
				detail:
					`${version}: p99 of delivery sent → its execution's stoppedAt, ours ÷ the built-in Webhook with header auth, at ${offered} deliveries/s offered (half the slower side's saturated throughput, open loop), ` +
					`${rounds} rounds of two phases (order alternating) of ${perLatencyPhase} deliveries; per-round ratios ${fmt(p99PerRound, 2)}; per phase: ${p('ours')}; ${p('builtinAuth')}; ` +
					`over all phases: ours p50 ${percentile(allLatencies.ours, 50)} ms, p99 ${percentile(allLatencies.ours, 99)} ms; built-in p50 ${percentile(allLatencies.builtinAuth, 50)} ms, p99 ${percentile(allLatencies.builtinAuth, 99)} ms. ` +
					`Split at the execution's startedAt (sent → a worker started it / the run on the worker), p50 and p99 over all phases: ours ${split(allToStart.ours)} / ${split(allRunning.ours)}; built-in ${split(allToStart.builtinAuth)} / ${split(allRunning.builtinAuth)}. ` +
					`Execution data stored per delivery (execution_data, mean): ours ${storedKb('ours')} KB, built-in ${storedKb('builtinAuth')} KB`,
			},
			p99PerRound,
		);
		recordRatio(
			context,
			{
				name: 'queue_latency_p50_vs_builtin',
				value: medianOf(p50PerRound),
				unit: 'ratio',
				goal: null,
				better: 'lower',
				detail: `the same phases' p50, ours ÷ built-in + header auth; per-round ratios ${fmt(p50PerRound, 2)}`,
			},
			p50PerRound,
		);
		const cpuText = (which: 'one' | 'two') => {
			const list = cpu[which];
			const names = Object.keys(list[0]?.seconds ?? {});
			const perThousand = names
				.map((group) => [group, medianOf(list.map((c) => (c.seconds[group] / perThroughputPhase) * 1000))] as const)
				.filter(([, value]) => value >= 0.05)
				.sort((a, b) => b[1] - a[1])
				.map(([group, value]) => `${group} ${value.toFixed(1)}`)
				.join(', ');
			return `machine ${(medianOf(list.map((c) => c.busyShare)) * 100).toFixed(0)}% busy of ${cpus().length} cores; CPU s per 1000 deliveries: ${perThousand}`;
		};
		recordRatio(
			context,
			{
				name: 'queue_two_workers_vs_one',
				value: medianOf(workersPerRound),
				unit: 'ratio',
				goal: 1.6,
				better: 'higher',
				detail:
					`${version}: our trigger's saturated throughput with 2 workers ÷ with 1 (the second stopped between phases), ${rounds} rounds of two phases (order alternating) of ${perThroughputPhase} deliveries; ` +
					`per-round ratios ${fmt(workersPerRound, 2)}; 2 workers ${medianOf(workerRates.two).toFixed(1)}/s (${fmt(workerRates.two)}), 1 worker ${medianOf(workerRates.one).toFixed(1)}/s (${fmt(workerRates.one)}). ` +
					`Where the time goes (/proc, median phase) — 2 workers: ${cpuText('two')}; 1 worker: ${cpuText('one')}` +
					' (PostgreSQL: the backends serving the bench database; Redis: every redis-server on the machine)',
			},
			workersPerRound,
		);
		const accounting = `${deliveries.toLocaleString('en-US')} deliveries over every phase (${sentTo.ours.length} ours, ${sentTo.builtinAuth.length} built-in), each matched by its events' object ids to the executions read back from n8n's API; ${unmatched} executions matched no delivery, ${notSuccessful} not successful, ${failedAnswers} non-2xx answers`;
		context.record({ name: 'queue_lost', value: lost, unit: 'count', goal: 0, better: 'lower', detail: `deliveries without an execution: ${accounting}` });
		context.record({ name: 'queue_duplicated', value: duplicated, unit: 'count', goal: 0, better: 'lower', detail: `executions beyond one per delivery: ${accounting}` });
		context.absolute('queue mode: our webhook trigger, deliveries/s (2 workers)', Math.round(medianOf(rates.ours)), 'deliveries/s');
		context.absolute('queue mode: built-in Webhook + header auth, deliveries/s (2 workers)', Math.round(medianOf(rates.builtinAuth)), 'deliveries/s');
		context.absolute('queue mode: our webhook trigger, deliveries/s with 1 worker', Math.round(medianOf(workerRates.one)), 'deliveries/s');
		context.absolute(`queue mode: ours, delivery → finished p50 at ${offered}/s`, Math.round(medianOf(p50.ours)), 'ms');
		context.absolute(`queue mode: ours, delivery → finished p99 at ${offered}/s`, Math.round(medianOf(p99.ours)), 'ms');
		context.absolute(`queue mode: built-in + header auth, delivery → finished p50 at ${offered}/s`, Math.round(medianOf(p50.builtinAuth)), 'ms');
		context.absolute(`queue mode: built-in + header auth, delivery → finished p99 at ${offered}/s`, Math.round(medianOf(p99.builtinAuth)), 'ms');
	} catch (error) {
		const tails = stack ? [stack.main, ...stack.webhooks, ...stack.workers].map((n8n: N8nLike) => n8n.logTail(6).slice(-300)).join(' | ') : '';
		notMeasured(`the queue-mode run failed: ${String((error as Error)?.message ?? error).slice(0, 500)}${tails ? `; n8n log tails: ${tails}` : ''}`);
	} finally {
		await db?.end().catch(() => undefined);
		await stack?.stop().catch(() => undefined);
		await sandbox.close();
		await queueServices.dropDatabase(services.postgres, name).catch(() => undefined);
		await queueServices.deleteRedisPrefix(services.redis, name).catch(() => undefined);
		if (!process.env.CE_BENCH_KEEP_LOGS) rmSync(folder, { recursive: true, force: true });
	}
}
