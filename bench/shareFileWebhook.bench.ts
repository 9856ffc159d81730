/**
 * `sharefile_webhook_throughput_vs_builtin`: deliveries per second through a real n8n 2.41.1 (one
 * process, SQLite) into the ShareFile Trigger (ShareFile's own signed webhooks, its ShareFile OAuth2
 * credential connected to the sandbox through n8n's OAuth flow) against n8n's built-in Webhook node
 * with Header Auth, in the same n8n, with the same ShareFile bodies. Ours does per delivery what
 * it does for ShareFile: checks the signature, parses, looks the file up (GET Items(id) in the
 * sandbox: the payload has ids only), and its execute() notes the change for the next reconcile
 * in static data, which n8n saves after the execution. A third side, the same trigger with
 * Reconcile Missed Changes off, shows what that note costs (`..._vs_no_reconcile`, no goal); a
 * fourth, the built-in Webhook followed by an HTTP Request node reading the same file, what a user
 * builds for the same item without this package (`..._vs_builtin_lookup`, no goal). Each phase
 * also reports the CPU the n8n process tree spent per delivery.
 *
 * The deliveries are posted by hand to each subscription's URL, signed with the OAuth client's key
 * as the sandbox's ShareFile signs them, each about a different real file (in a folder no
 * subscription watches, so the sandbox sends nothing itself). Rounds and timing as
 * bench/n8nWebhook.bench.ts: phases back to back, the order rotating, each from its first send to
 * its last execution's stoppedAt; every delivery must have run exactly one successful execution.
 */
import { randomBytes, randomUUID } from 'crypto';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import {
	AUTH_HEADER,
	builtinLookupWorkflow,
	builtinWorkflow,
	countingN8n,
	executionsAfter,
	lastStop,
	maxId,
	medianOf,
	missingN8nPrerequisite,
	n8nScripts,
	postAll,
	recordThroughput,
	profiledSides,
	settleAfter,
	shareFileAccount,
	shareFileE2e,
	uploadShareFiles,
	waitForSubscriptions,
	waitForWebhooks,
	type N8nLike,
	type ThroughputFigure,
} from './n8nHarness';
import { processTreeCpuMs } from './processCpu';
import { type BenchContext, type ResultEntry } from './results';

const CONCURRENCY = 4;
const SIDES = ['ours', 'oursNoReconcile', 'builtinAuth', 'builtinLookup'] as const;
type Side = (typeof SIDES)[number];
const LABEL: Record<Side, string> = {
	ours: 'ShareFile Trigger',
	oursNoReconcile: 'ShareFile Trigger, Reconcile Missed Changes off',
	builtinAuth: 'built-in Webhook + header auth',
	builtinLookup: 'built-in Webhook + header auth → HTTP Request looking the file up',
};
const FIGURES: Array<ThroughputFigure<Side>> = [
	{ name: 'sharefile_webhook_throughput_vs_builtin', of: 'ours', versus: 'builtinAuth', goal: 1.0 },
	{ name: 'sharefile_webhook_throughput_vs_no_reconcile', of: 'ours', versus: 'oursNoReconcile', goal: null },
	{ name: 'sharefile_webhook_throughput_vs_builtin_lookup', of: 'ours', versus: 'builtinLookup', goal: null },
];

export function shareFileWebhookNotRun(reason: string): ResultEntry[] {
	return FIGURES.map((figure) => ({ name: figure.name, value: null, unit: 'ratio', goal: figure.goal, better: 'higher', note: reason }));
}

export async function shareFileWebhookBench(context: BenchContext): Promise<void> {
	const missing = missingN8nPrerequisite();
	if (missing) {
		for (const entry of shareFileWebhookNotRun(missing)) context.record({ ...entry, detail: 'not measured' });
		return;
	}
	const { n8n: lib } = n8nScripts();
	const e2e = shareFileE2e();
	const rounds = context.quick ? 3 : 7;
	const perPhase = context.quick ? 100 : 300;
	const warm = context.quick ? 20 : 150;
	const folder = mkdtempSync(join(tmpdir(), 'ce-sharefile-bench-sf-webhook-'));
	const sandbox = await e2e.SandboxClient.start();
	let n8n: N8nLike | undefined;
	try {
		n8n = await countingN8n(folder);
		const { instance, credential } = await shareFileAccount(n8n, sandbox, '/top/Bench');
		const authValue = randomBytes(24).toString('base64url');
		const headerAuth = await n8n.api('POST', '/credentials', { name: 'bench header auth', type: 'httpHeaderAuth', data: { name: AUTH_HEADER, value: authValue } });
		const builtinPath = `bench-sharefile-builtin-${randomUUID()}`;
		const builtinLookupPath = `bench-sharefile-builtin-lookup-${randomUUID()}`;
		const apiBase = `${sandbox.origin}/sharefile/acme.sharefile.com/sf/v3`;
		const ids: Record<Side, string> = {
			ours: (await n8n.api('POST', '/workflows', e2e.shareFileTriggerWorkflow('bench: ShareFile Trigger', credential, { folder: '/top/Bench' }))).id,
			oursNoReconcile: (await n8n.api('POST', '/workflows', e2e.shareFileTriggerWorkflow('bench: ShareFile Trigger, no reconcile', credential, { folder: '/top/Bench', options: { reconcileMissedChanges: false } }))).id,
			builtinAuth: (await n8n.api('POST', '/workflows', builtinWorkflow('bench: built-in Webhook, header auth', builtinPath, headerAuth))).id,
			builtinLookup: (await n8n.api('POST', '/workflows', builtinLookupWorkflow('bench: built-in Webhook → HTTP Request', builtinLookupPath, headerAuth, credential, apiBase))).id,
		};
		for (const side of SIDES) await n8n.activate(ids[side]);
		const subscriptions = await waitForSubscriptions(sandbox, instance.id, 2);
		const subscriptionOf = async (side: Side) => {
			const { nodes } = await n8n!.api('GET', `/workflows/${ids[side]}`);
			const webhookId = (nodes as Array<{ webhookId?: string }>).find((node) => node.webhookId)!.webhookId!;
			return subscriptions.find((subscription) => subscription.WebhookUrl.includes(webhookId))!;
		};
		const subscription = { ours: await subscriptionOf('ours'), oursNoReconcile: await subscriptionOf('oursNoReconcile') };
		const urls: Record<Side, string> = {
			ours: subscription.ours.WebhookUrl,
			oursNoReconcile: subscription.oursNoReconcile.WebhookUrl,
			builtinAuth: `${n8n.webhookBase}${builtinPath}`,
			builtinLookup: `${n8n.webhookBase}${builtinLookupPath}`,
		};
		await waitForWebhooks(Object.values(urls));
		const key = await e2e.primarySignatureKey(sandbox, 'acme');
		if (!key) throw new Error('the ShareFile Trigger left its OAuth client without a signature key');

		// A different real file for every delivery to our two sides; the built-in side gets the same bodies.
		const perSide = warm + rounds * perPhase;
		const files = await uploadShareFiles(sandbox, instance.id, '/top/Files', 2 * perSide);
		const bodiesOf = (side: 'ours' | 'oursNoReconcile', offset: number) =>
			files.ids.slice(offset, offset + perSide).map((id, i) => e2e.uploadBody(subscription[side], { id, parentId: files.parentId, timestamp: new Date(Date.UTC(2026, 0, 1) + i).toISOString() }));
		const ours = bodiesOf('ours', 0);
		const bodies: Record<Side, string[]> = { ours, oursNoReconcile: bodiesOf('oursNoReconcile', perSide), builtinAuth: ours, builtinLookup: ours };
		const headersFor = (side: Side, start: number) => (i: number): Record<string, string> =>
			side === 'builtinAuth' || side === 'builtinLookup'
				? { [AUTH_HEADER]: authValue }
				: { 'SF-WEBHOOK-PRIMARY-SIGNATURE': e2e.signature(bodies[side][start + i], key) };
		const cursor: Record<Side, number> = { ours: 0, oursNoReconcile: 0, builtinAuth: 0, builtinLookup: 0 };
		const slice = (side: Side, count: number) => {
			const start = cursor[side];
			cursor[side] += count;
			return { bodies: bodies[side].slice(start, start + count), start };
		};
		const afterId: Record<Side, number> = { ours: 0, oursNoReconcile: 0, builtinAuth: 0, builtinLookup: 0 };
		let failed = 0;
		let unfinished = 0;

		// Warm up every side (JIT, connections, the token, the database).
		for (const side of SIDES) {
			const phase = slice(side, warm);
			failed += (await postAll(urls[side], phase.bodies, headersFor(side, phase.start), CONCURRENCY)).failed;
		}
		for (const side of SIDES) afterId[side] = maxId(await settleAfter(n8n, ids[side], 0, warm), 0);

		const rates: Record<Side, number[]> = { ours: [], oursNoReconcile: [], builtinAuth: [], builtinLookup: [] };
		// What each delivery cost n8n's processes in CPU, per round: where a side loses throughput.
		const cpuMs: Record<Side, number[]> = { ours: [], oursNoReconcile: [], builtinAuth: [], builtinLookup: [] };
		const n8nPid = n8n.process?.pid;
		for (let round = 0; round < rounds; round++) {
			for (const side of profiledSides(SIDES, round)) {
				const phase = slice(side, perPhase);
				const cpuBefore = processTreeCpuMs(n8nPid);
				const posted = await postAll(urls[side], phase.bodies, headersFor(side, phase.start), CONCURRENCY);
				failed += posted.failed;
				const executions = await settleAfter(n8n, ids[side], afterId[side], perPhase);
				unfinished += Math.abs(executions.length - perPhase) + executions.filter((e) => e.status !== 'success').length;
				const end = Math.max(lastStop(executions), posted.firstSentAt + posted.seconds * 1000);
				rates[side].push(perPhase / ((end - posted.firstSentAt) / 1000));
				cpuMs[side].push((processTreeCpuMs(n8nPid) - cpuBefore) / perPhase);
				afterId[side] = maxId(executions, afterId[side]);
			}
		}
		// Ours must really have looked each file up: its last item carries the file's path.
		const [last] = (await executionsAfter(n8n, ids.ours, afterId.ours - 1, true)).slice(-1);
		const item = last?.data?.resultData?.runData?.[e2e.SHAREFILE_TRIGGER]?.[0]?.data?.main?.[0]?.[0]?.json as { path?: string } | undefined;
		if (!item?.path?.startsWith('/top/Files/')) throw new Error(`the trigger's item has no path of the file: ${JSON.stringify(item)}`);

		// What n8n saves after each execution of ours: the reconcile note (bounded: the changes of the newest minute, at most 600).
		for (const side of ['ours', 'oursNoReconcile'] as const) {
			const { staticData } = await n8n.api('GET', `/workflows/${ids[side]}`);
			context.absolute(`real n8n: ${LABEL[side]}, workflow static data after the run`, JSON.stringify(staticData ?? {}).length, 'bytes');
		}
		// The built-in lookup must really have read each file: its last item is ShareFile's item.
		const [lastLookup] = (await executionsAfter(n8n, ids.builtinLookup, afterId.builtinLookup - 1, true)).slice(-1);
		const looked = lastLookup?.data?.resultData?.runData?.['Look the file up']?.[0]?.data?.main?.[0]?.[0]?.json as { Id?: string } | undefined;
		if (typeof looked?.Id !== 'string') throw new Error(`the HTTP Request node did not read the file: ${JSON.stringify(looked)?.slice(0, 300)}`);
		for (const side of SIDES) {
			if (cpuMs[side].every((value) => value > 0)) {
				context.absolute(`real n8n: ${LABEL[side]}, n8n CPU per delivery (median round)`, Number(medianOf(cpuMs[side]).toFixed(1)), 'ms');
			}
		}
		recordThroughput(context, {
			rates,
			labels: LABEL,
			figures: FIGURES,
			how: `n8n ${lib.N8N_VERSION}, one process on SQLite`,
			rounds: `${rounds} rounds of ${SIDES.length} back-to-back phases (order rotating) of ${perPhase} signed ShareFile deliveries, ${CONCURRENCY} in flight`,
			outcome: `${unfinished} executions missing, extra or not successful, ${failed} non-2xx answers`,
			note: unfinished === 0 && failed === 0 ? undefined : 'not every delivery ran exactly one successful execution: see detail',
		});
	} catch (error) {
		for (const entry of shareFileWebhookNotRun(`the real-n8n run failed: ${String((error as Error)?.message ?? error).slice(0, 500)}${n8n ? `; n8n log tail: ${n8n.logTail(15).slice(-800)}` : ''}`)) {
			context.record({ ...entry, detail: 'not measured' });
		}
	} finally {
		await n8n?.stop().catch(() => undefined);
		await sandbox.close();
		rmSync(folder, { recursive: true, force: true });
	}
}
