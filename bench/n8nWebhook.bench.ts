/**
 * Deliveries per second through a real n8n 2.41.1: our ShareFile Trigger (webhook) against
 * n8n's built-in Webhook node, in the same n8n, in the same run, with the same payloads (the
 * benchmark corpus's Cloud Elements envelopes, signed), each workflow followed by a No Op.
 * Rounds of two phases back to back (ours then built-in, then the other way round) so that
 * drift hits both; the figure is the median of the per-round ratios. Each phase
 * posts its deliveries with a few in flight and counts until every one has been answered 2xx
 * (both answer when the execution has started: responseMode onReceived), and the executions
 * are then checked to have started, one per delivery.
 *
 * Uses the real-n8n scripts (scripts/n8n/): the pinned n8n installed in the cache by
 * scripts/n8n/install.sh, our package packed and installed as a community package.
 */
import { createHmac, randomUUID } from 'crypto';
import { existsSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { startSandbox } from '../sandbox';
import { deliveryCorpus } from './corpus';
import { nowNs } from './measure';
import { REPOSITORY_ROOT, type BenchContext } from './results';

/* eslint-disable @typescript-eslint/no-require-imports */
interface N8nLike {
	port: number;
	webhookBase: string;
	start(): Promise<unknown>;
	stop(): Promise<void>;
	createApiKey(): Promise<string>;
	api(method: string, route: string, body?: unknown): Promise<any>;
	activate(id: string): Promise<unknown>;
	logTail(lines?: number): string;
}

const CONCURRENCY = 4;

function n8nScripts() {
	const lib = join(REPOSITORY_ROOT, 'scripts', 'n8n', 'lib');
	return {
		n8n: require(join(lib, 'n8n.js')) as {
			N8n: new (options: object) => N8nLike;
			freePort(avoid?: number[]): Promise<number>;
			generatePassword(): string;
			N8N_VERSION: string;
		},
		pkg: require(join(lib, 'community-package.js')) as {
			packRepository(destination: string): string;
			installIntoUserFolder(tarball: string, userFolder: string): string;
		},
		workflows: require(join(lib, 'workflows.js')) as {
			webhookWorkflow(name: string, credential: unknown, instanceId: number, options?: object): any;
			sandboxCredentialData(baseUrl: string): object;
		},
	};
}

/** Posts every body with CONCURRENCY in flight; the seconds until all were answered. */
async function post(url: string, bodies: string[], headers: (i: number) => Record<string, string>): Promise<{ seconds: number; failed: number }> {
	let next = 0;
	let failed = 0;
	const started = nowNs();
	const worker = async () => {
		while (next < bodies.length) {
			const i = next++;
			const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers(i) }, body: bodies[i] });
			await response.text();
			if (response.status < 200 || response.status > 299) failed++;
		}
	};
	await Promise.all(Array.from({ length: CONCURRENCY }, worker));
	return { seconds: (nowNs() - started) / 1e9, failed };
}

async function countExecutions(n8n: N8nLike, workflowId: string): Promise<{ total: number; unfinished: number }> {
	let total = 0;
	let unfinished = 0;
	let cursor: string | undefined;
	do {
		const query = new URLSearchParams({ workflowId, includeData: 'false', limit: '250' });
		if (cursor) query.set('cursor', cursor);
		const page = await n8n.api('GET', `/executions?${query}`);
		total += page.data.length;
		unfinished += page.data.filter((execution: { finished?: boolean; status?: string }) => execution.status !== 'success').length;
		cursor = page.nextCursor;
	} while (cursor);
	return { total, unfinished };
}

async function settle(n8n: N8nLike, workflowId: string, expected: number): Promise<{ total: number; unfinished: number }> {
	const deadline = Date.now() + 120_000;
	for (;;) {
		const counted = await countExecutions(n8n, workflowId);
		if ((counted.total >= expected && counted.unfinished === 0) || Date.now() > deadline) return counted;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

export async function n8nWebhookBench(context: BenchContext): Promise<void> {
	const record = (value: number | null, detail: string, note?: string) =>
		context.record({ name: 'n8n_webhook_throughput_vs_builtin', value, unit: 'ratio', goal: 0.9, better: 'higher', detail, ...(note ? { note } : {}) });
	const installDir = process.env.N8N_INSTALL_DIR;
	if (!installDir || !existsSync(join(installDir, '.installed'))) {
		record(null, 'not measured', `n8n is not installed (run \`bash scripts/n8n/install.sh\`; bench/run.sh does it unless --no-n8n)`);
		return;
	}
	if (!existsSync(join(REPOSITORY_ROOT, 'dist', 'nodes'))) {
		record(null, 'not measured', 'the package is not built (npm run build)');
		return;
	}
	const { n8n: lib, pkg, workflows } = n8nScripts();
	const rounds = context.quick ? 2 : 9;
	const perPhase = context.quick ? 150 : 300;
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
			// Both workflows alike: executions saved as n8n saves them by default.
			// CE_BENCH_N8N_NODE_OPTIONS: e.g. --cpu-prof --cpu-prof-dir=/tmp/p, to see where n8n spends.
			env: { N8N_LOG_LEVEL: 'warn', ...(process.env.CE_BENCH_N8N_NODE_OPTIONS ? { NODE_OPTIONS: process.env.CE_BENCH_N8N_NODE_OPTIONS } : {}) },
		});
		await n8n.start();
		await n8n.createApiKey();
		const credential = await n8n.api('POST', '/credentials', {
			name: 'Cloud Elements sandbox',
			type: 'cloudElementsApi',
			data: workflows.sandboxCredentialData(sandbox.baseUrl),
		});
		const auth = 'User sandbox-user-secret, Organization sandbox-organization-secret';
		const created = await fetch(`${sandbox.baseUrl}/instances`, {
			method: 'POST',
			headers: { Authorization: auth, 'Content-Type': 'application/json' },
			body: JSON.stringify({
				element: { key: 'sharefile' },
				providerData: { code: 'sandbox-demo-code' },
				name: 'bench',
				configuration: { 'oauth.api.key': 'k', 'oauth.api.secret': 's', 'oauth.callback.url': 'https://example.com/cb', 'sharefile.subdomain': 'acme' },
			}),
		});
		const instance = (await created.json()) as { id: number };

		// Ours: every event type, so every delivery starts an execution.
		const ours = await n8n.api('POST', '/workflows', workflows.webhookWorkflow('bench: ShareFile Trigger', credential, instance.id, {
			parameters: { eventTypes: ['CREATED', 'UPDATED', 'DELETED', 'MOVED', 'RETRIEVED', 'UNKNOWN'] },
		}));
		const builtinPath = `bench-builtin-${randomUUID()}`;
		const builtin = await n8n.api('POST', '/workflows', {
			name: 'bench: built-in Webhook',
			nodes: [
				{ id: randomUUID(), name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2.1, position: [250, 300], webhookId: randomUUID(), parameters: { httpMethod: 'POST', path: builtinPath, responseMode: 'onReceived', options: {} } },
				{ id: randomUUID(), name: 'Delivered Event', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [470, 300], parameters: {} },
			],
			connections: { Webhook: { main: [[{ node: 'Delivered Event', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		});
		await n8n.activate(ours.id);
		await n8n.activate(builtin.id);
		const answer = await fetch(`${sandbox.baseUrl}/instances/${instance.id}`, { headers: { Authorization: auth } });
		const callbackUrl = ((await answer.json()) as { configuration: Record<string, string> }).configuration['event.notification.callback.url'];
		const nonce = new URL(callbackUrl).searchParams.get('n8n_sig')!;
		const key = createHmac('sha256', 'sandbox-user-secret\nsandbox-organization-secret').update(`cloud-elements-sharefile-trigger:${nonce}`).digest('base64');
		const builtinUrl = `${n8n.webhookBase}${builtinPath}`;
		for (let tries = 0; ; tries++) {
			const probe = await fetch(builtinUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
			await probe.text();
			const probeOurs = await fetch(callbackUrl, { method: 'POST', body: '{}' });
			await probeOurs.text();
			if ((probe.status !== 404 && probeOurs.status !== 404) || tries > 60) break;
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		const corpus = deliveryCorpus(perPhase * rounds * 2 + 400, 2024);
		const signatures = corpus.bodies.map((body) => `sha256=${createHmac('sha256', key).update(body).digest('base64')}`);
		let cursor = 0;
		const slice = (count: number) => {
			const start = cursor;
			cursor += count;
			return { bodies: corpus.bodies.slice(start, start + count), start };
		};
		// Warm up both (JIT, connections, the database).
		const WARM = context.quick ? 20 : 150;
		const warm = slice(2 * WARM);
		await post(callbackUrl, warm.bodies.slice(0, WARM), (i) => ({ 'elements-webhook-signature': signatures[warm.start + i], 'elements-webhook-id': corpus.ids[warm.start + i] }));
		await post(builtinUrl, warm.bodies.slice(WARM), (i) => ({ 'elements-webhook-signature': signatures[warm.start + WARM + i], 'elements-webhook-id': corpus.ids[warm.start + WARM + i] }));
		let expectedOurs = WARM;
		await settle(n8n, ours.id, expectedOurs);
		// The probes started built-in executions too (ours refused them, unsigned): count from here.
		await new Promise((resolve) => setTimeout(resolve, 1000));
		let expectedBuiltin = (await settle(n8n, builtin.id, WARM + 1)).total;

		const rates = { ours: [] as number[], builtin: [] as number[] };
		let failed = 0;
		for (let round = 0; round < rounds; round++) {
			// CE_BENCH_N8N_ONLY=ours|builtin drives one side only (with CE_BENCH_N8N_NODE_OPTIONS, to profile it).
			const only = process.env.CE_BENCH_N8N_ONLY;
			for (const side of (round % 2 === 0 ? (['ours', 'builtin'] as const) : (['builtin', 'ours'] as const)).filter((s) => !only || s === only)) {
				const phase = slice(perPhase);
				const result =
					side === 'ours'
						? await post(callbackUrl, phase.bodies, (i) => ({ 'elements-webhook-signature': signatures[phase.start + i], 'elements-webhook-id': corpus.ids[phase.start + i] }))
						: await post(builtinUrl, phase.bodies, (i) => ({ 'elements-webhook-signature': signatures[phase.start + i], 'elements-webhook-id': corpus.ids[phase.start + i] }));
				failed += result.failed;
				rates[side].push(perPhase / result.seconds);
				if (side === 'ours') expectedOurs += perPhase;
				else expectedBuiltin += perPhase;
				// Let this side's executions finish before the other side is timed.
				await settle(n8n, side === 'ours' ? ours.id : builtin.id, side === 'ours' ? expectedOurs : expectedBuiltin);
			}
		}
		const oursCount = await settle(n8n, ours.id, expectedOurs);
		const builtinCount = await settle(n8n, builtin.id, expectedBuiltin);
		const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
		const oursRate = sum(rates.ours) / rates.ours.length;
		const builtinRate = sum(rates.builtin) / rates.builtin.length;
		// Each round's two phases ran back to back: their ratio, then the median over rounds.
		const perRound = rates.ours.map((rate, i) => rate / (rates.builtin[i] ?? NaN)).sort((a, b) => a - b);
		const ratio = perRound[perRound.length >> 1];
		const detail =
			`n8n ${lib.N8N_VERSION}, ${rounds} rounds of two back-to-back phases (order alternating) of ${perPhase} deliveries per side, ${CONCURRENCY} in flight; ` +
			`median of the per-round ratios (${perRound.map((r) => r.toFixed(2)).join(', ')}); ours ${oursRate.toFixed(0)}/s ` +
			`(${rates.ours.map((r) => r.toFixed(0)).join(', ')}), built-in Webhook ${builtinRate.toFixed(0)}/s (${rates.builtin.map((r) => r.toFixed(0)).join(', ')}); ` +
			`executions started: ours ${oursCount.total}/${expectedOurs}, built-in ${builtinCount.total}/${expectedBuiltin}; ${failed} non-2xx answers`;
		const complete = oursCount.total === expectedOurs && builtinCount.total === expectedBuiltin && failed === 0;
		record(ratio, detail, complete ? undefined : 'not every delivery started exactly one execution: see detail');
		context.absolute('real n8n: our webhook trigger, deliveries/s', Math.round(oursRate), 'deliveries/s');
		context.absolute("real n8n: n8n's built-in Webhook node, deliveries/s", Math.round(builtinRate), 'deliveries/s');
	} catch (error) {
		record(null, 'not measured', `the real-n8n run failed: ${String((error as Error)?.message ?? error).slice(0, 500)}${n8n ? `; n8n log tail: ${n8n.logTail(15).slice(-800)}` : ''}`);
	} finally {
		await n8n?.stop().catch(() => undefined);
		await sandbox.close();
		rmSync(folder, { recursive: true, force: true });
	}
}
