/**
 * Deliveries per second through a real n8n 2.41.1 (one process, SQLite): our ShareFile Trigger
 * (webhook) against three workflows made of n8n's own nodes, in the same n8n, in the same run,
 * with the same payloads (the benchmark corpus's Cloud Elements envelopes, signed):
 *   - the built-in Webhook node → No Op, without authentication;
 *   - the same with Header Auth (an httpHeaderAuth credential), so that both sides pay for a
 *     credential, as ours does;
 *   - what a user builds without this package to verify Cloud Elements' signature: Webhook (raw
 *     body) → Crypto (HMAC-SHA256, base64) → IF (equal to the signature header?) → No Op.
 * Rounds of four phases back to back, the order rotating, so that drift hits every side; each
 * ratio is the median of its per-round ratios. A phase posts its deliveries with a few in flight
 * and lasts from the first send until the last of its executions has finished (n8n's
 * `stoppedAt`): answering on receipt, n8n may still be running executions when the last answer
 * comes, and a longer workflow must pay for its extra nodes. Each execution is then checked to
 * have finished, one per delivery.
 *
 * Uses the real-n8n scripts (scripts/n8n/): the pinned n8n installed in the cache by
 * scripts/n8n/install.sh, our package packed and installed as a community package.
 */
import { randomBytes, randomUUID } from 'crypto';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { startSandbox } from '../sandbox';
import { deliveryCorpus } from './corpus';
import {
	AUTH_HEADER,
	builtinWorkflow,
	createSandboxInstance,
	diyWorkflow,
	executionsAfter,
	lastStop,
	maxId,
	missingN8nPrerequisite,
	n8nScripts,
	postAll,
	recordThroughput,
	registeredCallback,
	profiledSides,
	profilingEnv,
	settleAfter,
	sign,
	waitForWebhooks,
	type N8nLike,
} from './n8nHarness';
import { type BenchContext, type ResultEntry } from './results';

const CONCURRENCY = 4;
const SIDES = ['ours', 'builtin', 'builtinAuth', 'diy'] as const;
type Side = (typeof SIDES)[number];
const LABEL: Record<Side, string> = {
	ours: 'ours',
	builtin: 'built-in Webhook',
	builtinAuth: 'built-in Webhook + header auth',
	diy: 'Webhook + Crypto + IF',
};

/** The three figures, each ours ÷ one of the others. */
const FIGURES: Array<{ name: string; versus: Exclude<Side, 'ours'>; goal: number }> = [
	{ name: 'n8n_webhook_throughput_vs_builtin', versus: 'builtin', goal: 0.9 },
	{ name: 'n8n_webhook_throughput_vs_builtin_auth', versus: 'builtinAuth', goal: 1.0 },
	{ name: 'n8n_webhook_throughput_vs_diy_workflow', versus: 'diy', goal: 1.5 },
];

export function n8nWebhookNotRun(reason: string): ResultEntry[] {
	return FIGURES.map((figure) => ({ name: figure.name, value: null, unit: 'ratio', goal: figure.goal, better: 'higher', note: reason }));
}

export async function n8nWebhookBench(context: BenchContext): Promise<void> {
	const notMeasured = (note: string) => {
		for (const entry of n8nWebhookNotRun(note)) context.record({ ...entry, detail: 'not measured' });
	};
	const missing = missingN8nPrerequisite();
	if (missing) {
		notMeasured(missing);
		return;
	}
	const { n8n: lib, pkg, workflows } = n8nScripts();
	const rounds = context.quick ? 2 : 7;
	const perPhase = context.quick ? 100 : 300;
	const folder = mkdtempSync(join(tmpdir(), 'ce-sharefile-bench-n8n-'));
	const sandbox = await startSandbox({ port: 0 });
	let n8n: N8nLike | undefined;
	try {
		const tarball = pkg.packRepository(join(folder, 'pack'));
		const userFolder = join(folder, 'user');
		pkg.installIntoUserFolder(tarball, userFolder);
		const port = await lib.freePort();
		n8n = new lib.N8n({
			userFolder,
			port,
			brokerPort: await lib.freePort([port]),
			owner: { email: 'bench-owner@example.com', password: lib.generatePassword() },
			// Every workflow alike: executions saved as n8n saves them by default.
			env: { N8N_LOG_LEVEL: 'warn', ...profilingEnv() },
		});
		await n8n.start();
		await n8n.createApiKey();
		const credential = await n8n.api('POST', '/credentials', {
			name: 'Cloud Elements sandbox',
			type: 'cloudElementsApi',
			data: workflows.sandboxCredentialData(sandbox.baseUrl),
		});
		const authValue = randomBytes(24).toString('base64url');
		const headerAuth = await n8n.api('POST', '/credentials', { name: 'bench header auth', type: 'httpHeaderAuth', data: { name: AUTH_HEADER, value: authValue } });
		// The key a user would set as the instance's Event Signature Key and copy into n8n.
		const diyKey = randomBytes(32).toString('base64');
		const cryptoCredential = await n8n.api('POST', '/credentials', { name: 'bench signature key', type: 'crypto', data: { hmacSecret: diyKey } });
		const instanceId = await createSandboxInstance(sandbox.baseUrl);

		// Ours: every event type, so every delivery starts an execution.
		const ids: Record<Side, string> = { ours: '', builtin: '', builtinAuth: '', diy: '' };
		const urls: Record<Side, string> = { ours: '', builtin: '', builtinAuth: '', diy: '' };
		ids.ours = (await n8n.api('POST', '/workflows', workflows.webhookWorkflow('bench: ShareFile Trigger', credential, instanceId, {
			parameters: { eventTypes: ['CREATED', 'UPDATED', 'DELETED', 'MOVED', 'RETRIEVED', 'UNKNOWN'] },
		}))).id;
		const paths = { builtin: `bench-builtin-${randomUUID()}`, builtinAuth: `bench-builtin-auth-${randomUUID()}`, diy: `bench-diy-${randomUUID()}` };
		ids.builtin = (await n8n.api('POST', '/workflows', builtinWorkflow('bench: built-in Webhook', paths.builtin))).id;
		ids.builtinAuth = (await n8n.api('POST', '/workflows', builtinWorkflow('bench: built-in Webhook, header auth', paths.builtinAuth, headerAuth))).id;
		ids.diy = (await n8n.api('POST', '/workflows', diyWorkflow('bench: Webhook + Crypto + IF', paths.diy, cryptoCredential))).id;
		for (const side of SIDES) await n8n.activate(ids[side]);
		const callback = await registeredCallback(sandbox.baseUrl, instanceId);
		urls.ours = callback.url;
		urls.builtin = `${n8n.webhookBase}${paths.builtin}`;
		urls.builtinAuth = `${n8n.webhookBase}${paths.builtinAuth}`;
		urls.diy = `${n8n.webhookBase}${paths.diy}`;
		await waitForWebhooks(Object.values(urls));

		const corpus = deliveryCorpus(perPhase * rounds * SIDES.length + 4 * 150 + 10, 2024);
		const ourSignatures = corpus.bodies.map((body) => sign(body, callback.key));
		const diySignatures = corpus.bodies.map((body) => sign(body, diyKey));
		const headersFor = (side: Side, start: number) => (i: number): Record<string, string> => ({
			'elements-webhook-signature': side === 'diy' ? diySignatures[start + i] : ourSignatures[start + i],
			'elements-webhook-id': corpus.ids[start + i],
			...(side === 'builtinAuth' ? { [AUTH_HEADER]: authValue } : {}),
		});
		let cursor = 0;
		const slice = (count: number) => {
			const start = cursor;
			cursor += count;
			return { bodies: corpus.bodies.slice(start, start + count), start };
		};
		const afterId: Record<Side, number> = { ours: 0, builtin: 0, builtinAuth: 0, diy: 0 };
		const started: Record<Side, number> = { ours: 0, builtin: 0, builtinAuth: 0, diy: 0 };
		let failed = 0;
		let unfinished = 0;

		// Warm up every side (JIT, connections, the database).
		const WARM = context.quick ? 20 : 150;
		for (const side of SIDES) {
			const warm = slice(WARM);
			await postAll(urls[side], warm.bodies, headersFor(side, warm.start), CONCURRENCY);
		}
		await new Promise((resolve) => setTimeout(resolve, 1000));
		for (const side of SIDES) afterId[side] = maxId(await settleAfter(n8n, ids[side], 0, WARM), 0);

		// The DIY workflow must verify, or it is no baseline: one delivery signed with another key
		// takes the IF's false branch, one signed right its true branch.
		const verification = await checkDiyVerifies(n8n, ids.diy, urls.diy, afterId.diy, corpus.bodies[cursor], diySignatures[cursor], corpus.ids[cursor]);
		cursor++;
		afterId.diy = verification.lastId;

		const rates: Record<Side, number[]> = { ours: [], builtin: [], builtinAuth: [], diy: [] };
		for (let round = 0; round < rounds; round++) {
			for (const side of profiledSides(SIDES, round)) {
				const phase = slice(perPhase);
				const posted = await postAll(urls[side], phase.bodies, headersFor(side, phase.start), CONCURRENCY);
				failed += posted.failed;
				started[side] += perPhase;
				// The next phase starts only when this one's executions are done.
				const executions = await settleAfter(n8n, ids[side], afterId[side], perPhase);
				unfinished += Math.abs(executions.length - perPhase) + executions.filter((e) => e.status !== 'success').length;
				const end = Math.max(lastStop(executions), posted.firstSentAt + posted.seconds * 1000);
				rates[side].push(perPhase / ((end - posted.firstSentAt) / 1000));
				afterId[side] = maxId(executions, afterId[side]);
			}
		}
		// Every measured DIY delivery was signed right: all must have taken the true branch.
		const diyRejected = await diyBranchCounts(n8n, ids.diy, verification.lastId);
		const complete = unfinished === 0 && failed === 0 && diyRejected.rejected === 0;
		recordThroughput(context, {
			rates,
			labels: LABEL,
			figures: FIGURES.map((figure) => ({ ...figure, of: 'ours' as const })),
			how: `n8n ${lib.N8N_VERSION}, one process on SQLite`,
			rounds: `${rounds} rounds of ${SIDES.length} back-to-back phases (order rotating) of ${perPhase} deliveries, ${CONCURRENCY} in flight`,
			outcome:
				`${started.ours * SIDES.length} deliveries, ${unfinished} executions missing, extra or not successful, ${failed} non-2xx answers; ` +
				`the DIY workflow sent a bad signature to "${verification.badBranch}", a good one to "${verification.goodBranch}", and ${diyRejected.rejected} of ${diyRejected.total} measured deliveries to "Rejected"`,
			note: complete ? undefined : 'not every delivery ran exactly one successful execution (or the DIY workflow rejected a good one): see detail',
		});
	} catch (error) {
		notMeasured(`the real-n8n run failed: ${String((error as Error)?.message ?? error).slice(0, 500)}${n8n ? `; n8n log tail: ${n8n.logTail(15).slice(-800)}` : ''}`);
	} finally {
		await n8n?.stop().catch(() => undefined);
		await sandbox.close();
		rmSync(folder, { recursive: true, force: true });
	}
}

/** The IF's branch an execution took: the No Op that ran. */
function branchOf(execution: { data?: { resultData?: { runData?: Record<string, unknown> } } }): string {
	const ran = Object.keys(execution.data?.resultData?.runData ?? {});
	return ran.includes('Delivered Event') ? 'Delivered Event' : ran.includes('Rejected') ? 'Rejected' : `neither (ran: ${ran.join(', ')})`;
}

async function checkDiyVerifies(n8n: N8nLike, workflowId: string, url: string, afterId: number, body: string, signature: string, id: string) {
	const send = async (header: string) => {
		const answer = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'elements-webhook-signature': header, 'elements-webhook-id': id }, body });
		await answer.text();
	};
	// Right length and form, wrong key: only the comparison can tell.
	const forged = sign(body, randomBytes(32).toString('base64'));
	await send(forged);
	const [bad] = await settleAfter(n8n, workflowId, afterId, 1);
	await send(signature);
	const [good] = await settleAfter(n8n, workflowId, Number(bad.id), 1);
	const [badRun] = await executionsAfter(n8n, workflowId, Number(bad.id) - 1, true);
	const [goodRun] = await executionsAfter(n8n, workflowId, Number(good.id) - 1, true);
	const badBranch = branchOf(badRun);
	const goodBranch = branchOf(goodRun);
	if (badBranch !== 'Rejected' || goodBranch !== 'Delivered Event') {
		throw new Error(`the DIY workflow does not verify: a forged signature went to "${badBranch}", a good one to "${goodBranch}"`);
	}
	return { badBranch, goodBranch, lastId: Number(good.id) };
}

async function diyBranchCounts(n8n: N8nLike, workflowId: string, afterId: number): Promise<{ total: number; rejected: number }> {
	const executions = await executionsAfter(n8n, workflowId, afterId, true);
	return { total: executions.length, rejected: executions.filter((execution) => branchOf(execution) !== 'Delivered Event').length };
}
