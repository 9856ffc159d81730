/**
 * `sharefile_lost`, `sharefile_duplicated`: the ShareFile Trigger (ShareFile's own webhooks) in a
 * real n8n 2.41.1 (one process, SQLite), ShareFile calling n8n straight (no gateway): a workflow on
 * a folder is active and has run a first upload, n8n is stopped, 1,000 files are uploaded below
 * the folder (200 with --quick), every delivery fails at least once, n8n is started again.
 * ShareFile's retries (15 s × 2^(x-1), sped up 1,000 times by the sandbox) bring what n8n answers
 * once its webhook is registered; what it answered while starting (404, or 200 "n8n is starting
 * up") ShareFile gives up or takes as delivered, and the trigger's reconcile at start-up lists the
 * folder's changes since the last one it ran and sends those again itself (`recovered: true`).
 * Counted from n8n's executions: uploads that never ran, and runs beyond an upload's first; what
 * was lost, if anything, is named from ShareFile's delivery log in the sandbox.
 * test/e2e/outage/sharefile-trigger.outage.js is the same scenario as a test.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { countingN8n, duplicatesOf, executionsAfter, lastStop, missingN8nPrerequisite, n8nScripts, shareFileAccount, shareFileE2e, triggerRuns, uploadShareFiles, waitForSubscriptions, type N8nLike, type SandboxClientLike } from './n8nHarness';
import { untilSettled } from './outage.bench';
import { type BenchContext, type ResultEntry } from './results';

const TIME_SCALE = 1000;
const FOLDER = '/top/Outage';

export function shareFileOutageNotRun(reason: string): ResultEntry[] {
	return [
		{ name: 'sharefile_lost', value: null, unit: 'count', goal: 0, better: 'lower', note: reason },
		{ name: 'sharefile_duplicated', value: null, unit: 'count', goal: 0, better: 'lower', note: reason },
		{ name: 'sharefile_recovery_s', value: null, unit: 's', goal: null, better: 'lower', note: reason },
	];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Delivery {
	status: string;
	reason?: string;
	event: { ResourceId: string };
	attempts: Array<{ status?: number; error?: string; answer?: string }>;
}

/** ShareFile's deliveries of these files, and how they ended: status, and the last attempt's answer. */
async function deliveryLog(sandbox: SandboxClientLike, ids: string[]) {
	const wanted = new Set(ids);
	const deliveries = ((await shareFileE2e().shareFileDeliveries(sandbox)) as Delivery[]).filter((delivery) => wanted.has(delivery.event.ResourceId));
	const count = (of: Delivery[], key: (delivery: Delivery) => string) => {
		const counts: Record<string, number> = {};
		for (const delivery of of) counts[key(delivery)] = (counts[key(delivery)] ?? 0) + 1;
		return counts;
	};
	const ending = (delivery: Delivery) => {
		const attempt = delivery.attempts.at(-1);
		const startingUp = /starting up/i.test(attempt?.answer ?? '') ? ' "n8n is starting up"' : '';
		return `${delivery.status}${delivery.reason ? ` (${delivery.reason})` : ''}: last answer ${attempt?.status ?? attempt?.error ?? 'none'}${startingUp}`;
	};
	return {
		deliveries,
		statuses: count(deliveries, (delivery) => delivery.status),
		startingUp: deliveries.filter((delivery) => delivery.attempts.some((attempt) => attempt.status === 200 && /starting up/i.test(attempt.answer ?? ''))).length,
		endings: (of: string[]) => count(deliveries.filter((delivery) => of.includes(delivery.event.ResourceId)), ending),
	};
}

export async function shareFileOutageBench(context: BenchContext): Promise<void> {
	const missing = missingN8nPrerequisite();
	if (missing) {
		for (const entry of shareFileOutageNotRun(missing)) context.record({ ...entry, detail: 'not measured' });
		return;
	}
	const changes = context.quick ? 200 : 1000;
	const { n8n: lib } = n8nScripts();
	const e2e = shareFileE2e();
	const folder = mkdtempSync(join(tmpdir(), 'ce-sharefile-bench-sf-outage-'));
	const sandbox = await e2e.SandboxClient.start({ timeScale: TIME_SCALE });
	let n8n: N8nLike | undefined;
	try {
		n8n = await countingN8n(folder);
		const { instance, credential } = await shareFileAccount(n8n, sandbox, FOLDER);
		const workflowId = (await n8n.api('POST', '/workflows', e2e.shareFileTriggerWorkflow('bench: ShareFile outage', credential, { folder: FOLDER }))).id as string;
		await n8n.activate(workflowId);
		await waitForSubscriptions(sandbox, instance.id, 1);
		await e2e.uploadFile(sandbox, instance.id, `${FOLDER}/warm-up.txt`);
		await e2e.waitForFiles(n8n, [workflowId], 1);

		await n8n.stop();
		const stoppedAt = Date.now();
		const { ids } = await uploadShareFiles(sandbox, instance.id, `${FOLDER}/During`, changes, 250);
		// Every delivery has failed at least once (n8n down) before n8n starts again.
		for (let tries = 0; ; tries++) {
			const log = await deliveryLog(sandbox, ids);
			if (log.deliveries.length === changes && log.statuses.retrying === changes) break;
			if (tries > 240) throw new Error(`ShareFile's deliveries did not all fail while n8n was down: ${JSON.stringify(log.statuses)}`);
			await sleep(500);
		}
		const restartedAt = Date.now();
		await n8n.start({ timeoutMs: 300_000 });
		const startUpSeconds = (Date.now() - restartedAt) / 1000;
		// One execution per upload plus the warm-up's; what is missing after 60 s without a new one is lost.
		await untilSettled(n8n, workflowId, changes + 1, 60_000);

		const { runs, recovered } = await triggerRuns(n8n, workflowId, e2e.SHAREFILE_TRIGGER);
		const executions = await executionsAfter(n8n, workflowId, 0);
		const lostIds = ids.filter((id) => !runs.has(id));
		const log = await deliveryLog(sandbox, ids);
		const recoverySeconds = (lastStop(executions) - restartedAt) / 1000;
		const how =
			`${changes.toLocaleString('en-US')} uploads while n8n ${lib.N8N_VERSION} was stopped (one process, SQLite, no gateway) for ${((restartedAt - stoppedAt) / 1000).toFixed(1)} s, ShareFile's retries sped up ${TIME_SCALE.toLocaleString('en-US')}×; ` +
			`${recovered.toLocaleString('en-US')} items recovered by the trigger's reconcile, ${executions.filter((execution) => execution.status !== 'success').length} executions not successful; ` +
			`ShareFile's deliveries ${JSON.stringify(log.statuses)}, ${log.startingUp} answered 200 "n8n is starting up"; those ShareFile gave up ended ${JSON.stringify(log.endings(log.deliveries.filter((delivery) => delivery.status === 'failed').map((delivery) => delivery.event.ResourceId)))}`;
		const lostText = lostIds.length ? `; lost, by how ShareFile's delivery ended: ${JSON.stringify(log.endings(lostIds))} (first ids ${lostIds.slice(0, 5).join(', ')})` : '';
		context.record({ name: 'sharefile_lost', value: lostIds.length, unit: 'count', goal: 0, better: 'lower', detail: `${how}; uploads with no execution${lostText}` });
		context.record({ name: 'sharefile_duplicated', value: duplicatesOf(runs), unit: 'count', goal: 0, better: 'lower', detail: `${how}; runs beyond the first of an upload` });
		context.record({
			name: 'sharefile_recovery_s',
			value: Number(recoverySeconds.toFixed(1)),
			unit: 's',
			goal: null,
			better: 'lower',
			detail: `${how}; from starting n8n (ready after ${startUpSeconds.toFixed(1)} s) until the last execution finished (n8n's stoppedAt)`,
		});
	} catch (error) {
		const tail = n8n ? `\n${n8n.logTail(30)}` : '';
		throw new Error(`${(error as Error).message}${tail}`);
	} finally {
		await n8n?.stop().catch(() => undefined);
		await sandbox.close();
		rmSync(folder, { recursive: true, force: true });
	}
}
