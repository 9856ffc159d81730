/**
 * The outage suite's scenario (test/e2e/outage/) at 10,000 changes, in a real n8n 2.41.1 (one
 * process, SQLite) with our package installed as users install it: a ShareFile Trigger workflow is
 * active, n8n is stopped, 10,000 files are uploaded while it is down, Cloud Elements' retries
 * (4^x seconds, sped up 100,000 times by the sandbox) run out on the first delivery and the rest
 * are held (the account's default `retry` failure policy), then n8n is started again. Counted from
 * n8n's own executions: changes that never ran (`outage_lost`), runs beyond the first of a change
 * (`outage_duplicated`), and the seconds from starting n8n until the last missed change's
 * execution finished (`outage_recovery_s`, n8n's start-up included).
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
	missingN8nPrerequisite,
	n8nScripts,
	SANDBOX_AUTH,
	sandboxCredential,
	triggerRuns,
	type Execution,
	type N8nLike,
} from './n8nHarness';
import { type BenchContext, type ResultEntry } from './results';

const TIME_SCALE = 100_000;
const TRIGGER = 'ShareFile Trigger';

export function outageNotRun(reason: string): ResultEntry[] {
	return [
		{ name: 'outage_lost', value: null, unit: 'count', goal: 0, better: 'lower', note: reason },
		{ name: 'outage_duplicated', value: null, unit: 'count', goal: 0, better: 'lower', note: reason },
		{ name: 'outage_recovery_s', value: null, unit: 's', goal: null, better: 'lower', note: reason },
	];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function sandboxCall(url: string, method: string, body?: unknown, auth = false): Promise<unknown> {
	const answer = await fetch(url, {
		method,
		headers: { 'Content-Type': 'application/json', ...(auth ? { Authorization: SANDBOX_AUTH } : {}) },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	if (!answer.ok) throw new Error(`${method} ${url} → ${answer.status}: ${(await answer.text()).slice(0, 300)}`);
	return await answer.json();
}

/** Uploads `count` files in batches of 1,000 changes; the ShareFile ids of the files. */
async function uploadAll(origin: string, instanceId: number, count: number): Promise<string[]> {
	const ids: string[] = [];
	const url = `${origin}/_sandbox/instances/${instanceId}/documents`;
	await sandboxCall(url, 'POST', { op: 'createFolder', path: '/top/Outage' });
	for (let start = 0; start < count; start += 1000) {
		const changes = Array.from({ length: Math.min(1000, count - start) }, (_, i) => ({ op: 'upload', path: `/top/Outage/f-${start + i}.txt`, content: `${start + i}` }));
		const applied = (await sandboxCall(url, 'POST', { changes })) as { changes: Array<{ op: string; id: string }> };
		ids.push(...applied.changes.filter((change) => change.op === 'upload').map((change) => change.id));
	}
	return ids;
}

/** Waits until Cloud Elements holds the instance's deliveries: its retries ran out. */
async function untilHeld(baseUrl: string, instanceId: number): Promise<void> {
	const where = encodeURIComponent(`channel='webhook' and status='queued' and instanceId='${instanceId}'`);
	for (let tries = 0; tries < 600; tries++) {
		const held = (await sandboxCall(`${baseUrl}/notifications/subscriptions/deliveries?where=${where}&pageSize=1`, 'GET', undefined, true)) as unknown[];
		if (held.length > 0) return;
		await sleep(100);
	}
	throw new Error('Cloud Elements never held a delivery');
}

/**
 * Waits until `expected` executions exist and none is running, or until none has been added for
 * `stallMs` (what is missing then is lost).
 */
export async function untilSettled(n8n: N8nLike, workflowId: string, expected: number, stallMs: number): Promise<Execution[]> {
	let count = -1;
	let changedAt = Date.now();
	for (;;) {
		const found = await executionsAfter(n8n, workflowId, 0);
		const running = found.some((execution) => !execution.stoppedAt);
		if (found.length >= expected && !running) return found;
		if (found.length !== count) {
			count = found.length;
			changedAt = Date.now();
		} else if (Date.now() - changedAt > stallMs) {
			return found;
		}
		await sleep(5000);
	}
}

export async function outageBench(context: BenchContext): Promise<void> {
	const notMeasured = (note: string) => {
		for (const entry of outageNotRun(note)) context.record({ ...entry, detail: 'not measured' });
	};
	const missing = missingN8nPrerequisite();
	if (missing) {
		notMeasured(missing);
		return;
	}
	const changes = context.quick ? 1000 : 10_000;
	const { n8n: lib, workflows } = n8nScripts();
	const folder = mkdtempSync(join(tmpdir(), 'ce-sharefile-bench-outage-'));
	const sandbox = await startSandbox({ port: 0, timeScale: TIME_SCALE });
	let n8n: N8nLike | undefined;
	try {
		n8n = await countingN8n(folder);
		await n8n.start();
		const credential = await sandboxCredential(n8n, sandbox.baseUrl);
		const instanceId = await createSandboxInstance(sandbox.baseUrl, 'bench outage');
		const workflow = await n8n.api('POST', '/workflows', workflows.webhookWorkflow('bench: outage', credential, instanceId, { parameters: { eventTypes: ['CREATED'] } }));
		await n8n.activate(workflow.id);

		await n8n.stop();
		const ids = await uploadAll(sandbox.origin, instanceId, changes);
		await untilHeld(sandbox.baseUrl, instanceId);
		const started = Date.now();
		await n8n.start({ timeoutMs: 300_000 });
		const startUpSeconds = (Date.now() - started) / 1000;
		await untilSettled(n8n, workflow.id, changes, 120_000);

		const { runs, recovered } = await triggerRuns(n8n, workflow.id, TRIGGER);
		const stoppedAt = lastStop(await executionsAfter(n8n, workflow.id, 0));
		const lost = ids.filter((id) => !runs.has(id)).length;
		const duplicated = duplicatesOf(runs);
		const recoverySeconds = (stoppedAt - started) / 1000;
		const how = `${changes.toLocaleString('en-US')} uploads while n8n ${lib.N8N_VERSION} was stopped (one process, SQLite), Cloud Elements' retry policy with retries sped up ${TIME_SCALE.toLocaleString('en-US')}×; ${recovered.toLocaleString('en-US')} items marked recovered`;
		context.record({ name: 'outage_lost', value: lost, unit: 'count', goal: 0, better: 'lower', detail: `${how}; changes with no execution` });
		context.record({ name: 'outage_duplicated', value: duplicated, unit: 'count', goal: 0, better: 'lower', detail: `${how}; executions beyond the first of a change` });
		context.record({
			name: 'outage_recovery_s',
			value: Number(recoverySeconds.toFixed(1)),
			unit: 's',
			goal: null,
			better: 'lower',
			detail: `${how}; from starting n8n (ready after ${startUpSeconds.toFixed(1)} s) until the last execution finished (n8n's stoppedAt)`,
		});
		context.absolute('outage: missed changes recovered per second after n8n was ready', Math.round(changes / Math.max(0.001, recoverySeconds - startUpSeconds)), '/s');
	} catch (error) {
		const tail = n8n ? `\n${n8n.logTail(30)}` : '';
		throw new Error(`${(error as Error).message}${tail}`);
	} finally {
		await n8n?.stop();
		await sandbox.close();
		rmSync(folder, { recursive: true, force: true });
	}
}
