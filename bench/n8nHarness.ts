/**
 * What the real-n8n benchmarks share: the project's n8n scripts (scripts/n8n/lib), the sandbox
 * instance our trigger registers on, the workflows compared with ours (n8n's built-in Webhook
 * node bare, with header auth, and the verify-it-yourself workflow), posting deliveries, and
 * reading back the executions they started.
 */
import { createHmac, randomUUID } from 'crypto';
import { existsSync } from 'fs';
import { join } from 'path';

import { nowNs } from './measure';
import { recordRatio, REPOSITORY_ROOT, type BenchContext } from './results';

/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */
export interface N8nLike {
	port: number;
	url: string;
	webhookBase: string;
	apiKey?: string;
	process?: { pid?: number };
	start(options?: object): Promise<unknown>;
	stop(): Promise<void>;
	createApiKey(): Promise<string>;
	api(method: string, route: string, body?: unknown): Promise<any>;
	activate(id: string): Promise<unknown>;
	deactivate(id: string): Promise<unknown>;
	logTail(lines?: number): string;
}

/** Why a real-n8n bench cannot run here, or undefined when n8n is installed and the package built. */
export function missingN8nPrerequisite(): string | undefined {
	const installDir = process.env.N8N_INSTALL_DIR;
	if (!installDir || !existsSync(join(installDir, '.installed'))) {
		return 'n8n is not installed (run `bash scripts/n8n/install.sh`; bench/run.sh does it unless --no-n8n)';
	}
	if (!existsSync(join(REPOSITORY_ROOT, 'dist', 'nodes'))) return 'the package is not built (npm run build)';
	return undefined;
}

export function n8nScripts() {
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
		queueStack: require(join(lib, 'queue-stack.js')) as {
			QueueStack: new (options: object) => QueueStackLike;
		},
		queueServices: require(join(lib, 'queue-services.js')) as {
			serviceSettings(): { postgres: object; redis: object };
			checkRedis(redis: object): Promise<void>;
			ensureDatabase(postgres: object, name: string): Promise<boolean>;
			dropDatabase(postgres: object, name: string): Promise<void>;
			deleteRedisPrefix(redis: object, prefix: string): Promise<number>;
			withPostgres<T>(postgres: object, work: (client: { query(sql: string, values?: unknown[]): Promise<{ rows: any[] }> }) => Promise<T>): Promise<T>;
		},
	};
}

/** The sandbox as the end-to-end tests drive it (test/e2e/lib/sandbox.js): its controls over HTTP. */
export interface SandboxClientLike {
	origin: string;
	baseUrl: string;
	close(): Promise<void>;
	control(method: string, route: string, body?: unknown): Promise<any>;
	change(instanceId: number, change: object): Promise<any>;
	createInstance(name: string, configuration?: object): Promise<{ id: number }>;
	items(instanceId: number): Promise<Map<string, { Id: string }>>;
}

/** A ShareFile webhook subscription as the sandbox holds it. */
export interface ShareFileSubscription {
	Id: string;
	WebhookUrl: string;
	folderPath: string;
	instanceId: number;
}

/**
 * The ShareFile Trigger's end-to-end helpers (test/e2e/lib/shareFileWebhooks.js): its credential
 * connected through n8n's OAuth flow, its workflow, the sandbox's subscriptions and deliveries, the
 * OAuth client's signature key, ShareFile's signature and upload body.
 */
export function shareFileE2e() {
	const lib = join(REPOSITORY_ROOT, 'test', 'e2e', 'lib');
	return {
		SandboxClient: (require(join(lib, 'sandbox.js')) as { SandboxClient: { start(options?: object): Promise<SandboxClientLike> } }).SandboxClient,
		...(require(join(lib, 'shareFileWebhooks.js')) as {
			SHAREFILE_TRIGGER: string;
			connectShareFileCredential(n8n: N8nLike, sandbox: SandboxClientLike, options?: { subdomain?: string }): Promise<{ id: string; name: string }>;
			shareFileTriggerWorkflow(name: string, credential: unknown, options?: { folder?: string; events?: string[]; options?: object }): any;
			shareFileSubscriptions(sandbox: SandboxClientLike, instanceId: number): Promise<ShareFileSubscription[]>;
			shareFileDeliveries(sandbox: SandboxClientLike, query?: Record<string, string>): Promise<any[]>;
			primarySignatureKey(sandbox: SandboxClientLike, host: string, options?: { generate?: boolean }): Promise<string | null>;
			signature(body: string, key: string): string;
			uploadBody(subscription: ShareFileSubscription, event: { id: string; parentId: string; timestamp?: string }): string;
			uploadFile(sandbox: SandboxClientLike, instanceId: number, path: string): Promise<string>;
			waitForFiles(n8n: N8nLike, workflowIds: string[], count: number, options?: { timeoutMs?: number }): Promise<void>;
		}),
	};
}

/**
 * Starts `n8n` with an API key, makes the sandbox's ShareFile account `acme` with `folder` in it,
 * and connects a ShareFile OAuth2 credential to it through n8n's OAuth flow.
 */
export async function shareFileAccount(n8n: N8nLike, sandbox: SandboxClientLike, folder: string) {
	await n8n.start();
	await n8n.createApiKey();
	const instance = await sandbox.createInstance('ShareFile acme');
	await sandbox.change(instance.id, { op: 'createFolder', path: folder });
	return { instance, credential: await shareFileE2e().connectShareFileCredential(n8n, sandbox, { subdomain: 'acme' }) };
}

/** The instance's ShareFile subscriptions, once `count` stand. */
export async function waitForSubscriptions(sandbox: SandboxClientLike, instanceId: number, count: number) {
	for (let tries = 0; tries < 240; tries++) {
		const found = await shareFileE2e().shareFileSubscriptions(sandbox, instanceId);
		if (found.length >= count) return found;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`fewer than ${count} ShareFile subscriptions after 60 s`);
}

/**
 * `count` files uploaded into a new `folder` through the sandbox's controls, in batches of `batch`
 * changes as people make them; their ids and the folder's.
 */
export async function uploadShareFiles(sandbox: SandboxClientLike, instanceId: number, folder: string, count: number, batch = 500): Promise<{ ids: string[]; parentId: string }> {
	await sandbox.change(instanceId, { op: 'createFolder', path: folder });
	const ids: string[] = [];
	for (let start = 0; start < count; start += batch) {
		const changes = Array.from({ length: Math.min(batch, count - start) }, (_, i) => ({ op: 'upload', path: `${folder}/f-${start + i}.txt`, content: `${start + i}` }));
		ids.push(...((await sandbox.change(instanceId, { changes })).changes as Array<{ id: string }>).map((change) => change.id));
	}
	return { ids, parentId: (await sandbox.items(instanceId)).get(folder)!.Id };
}

export interface QueueStackLike {
	main: N8nLike;
	webhooks: N8nLike[];
	workers: N8nLike[];
	webhookUrl: string;
	start(): Promise<Record<string, number>>;
	stop(): Promise<void>;
}

export const SANDBOX_AUTH = 'User sandbox-user-secret, Organization sandbox-organization-secret';

/**
 * A one-process n8n (SQLite) with the package installed from `npm pack` as users install it, in
 * `folder`, not started yet. It keeps every execution: n8n prunes beyond 10,000 by default, and
 * every one must stay to be counted.
 */
export async function countingN8n(folder: string): Promise<N8nLike> {
	const { n8n: lib, pkg } = n8nScripts();
	const userFolder = join(folder, 'user');
	pkg.installIntoUserFolder(pkg.packRepository(join(folder, 'pack')), userFolder);
	const port = await lib.freePort();
	return new lib.N8n({
		userFolder,
		port,
		brokerPort: await lib.freePort([port]),
		owner: { email: 'bench-owner@example.com', password: lib.generatePassword() },
		env: { N8N_LOG_LEVEL: 'warn', EXECUTIONS_DATA_PRUNE: 'false', ...profilingEnv() },
	});
}

/** Once n8n runs: an API key, and a Cloud Elements credential for the sandbox at `sandboxBaseUrl`. */
export async function sandboxCredential(n8n: N8nLike, sandboxBaseUrl: string): Promise<unknown> {
	await n8n.createApiKey();
	const data = n8nScripts().workflows.sandboxCredentialData(sandboxBaseUrl);
	return await n8n.api('POST', '/credentials', { name: 'Cloud Elements sandbox', type: 'cloudElementsApi', data });
}

/** A ShareFile instance in the sandbox, for our trigger to register its callback on. */
export async function createSandboxInstance(sandboxBaseUrl: string, name = 'bench'): Promise<number> {
	const created = await fetch(`${sandboxBaseUrl}/instances`, {
		method: 'POST',
		headers: { Authorization: SANDBOX_AUTH, 'Content-Type': 'application/json' },
		body: JSON.stringify({
			element: { key: 'sharefile' },
			providerData: { code: 'sandbox-demo-code' },
			name,
			configuration: { 'oauth.api.key': 'k', 'oauth.api.secret': 's', 'oauth.callback.url': 'https://example.com/cb', 'sharefile.subdomain': 'acme' },
		}),
	});
	return ((await created.json()) as { id: number }).id;
}

/**
 * The callback URL our trigger registered on the instance, and the key its deliveries are signed
 * with: derived, as the trigger derives it, from the credential's secrets and the URL's nonce.
 */
export async function registeredCallback(sandboxBaseUrl: string, instanceId: number): Promise<{ url: string; key: string }> {
	const answer = await fetch(`${sandboxBaseUrl}/instances/${instanceId}`, { headers: { Authorization: SANDBOX_AUTH } });
	const url = ((await answer.json()) as { configuration: Record<string, string> }).configuration['event.notification.callback.url'];
	const nonce = new URL(url).searchParams.get('n8n_sig')!;
	const key = createHmac('sha256', 'sandbox-user-secret\nsandbox-organization-secret').update(`cloud-elements-sharefile-trigger:${nonce}`).digest('base64');
	return { url, key };
}

export const sign = (body: string, key: string): string => `sha256=${createHmac('sha256', key).update(body).digest('base64')}`;

/** The header n8n's Header Auth credential checks on the built-in Webhook node. */
export const AUTH_HEADER = 'x-bench-webhook-auth';

const node = (name: string, type: string, typeVersion: number, x: number, parameters: object, extra: object = {}) => ({
	id: randomUUID(),
	name,
	type,
	typeVersion,
	position: [x, 300],
	parameters,
	...extra,
});

const credentialRef = (type: string, credential: { id: string; name: string }) => ({ [type]: { id: String(credential.id), name: credential.name } });

/**
 * n8n's built-in Webhook node (typeVersion 2.1, answering on receipt) → No Op; with `auth`, its
 * Header Auth on an httpHeaderAuth credential.
 */
export function builtinWorkflow(name: string, path: string, auth?: { id: string; name: string }) {
	return {
		name,
		nodes: [
			node('Webhook', 'n8n-nodes-base.webhook', 2.1, 250, {
				httpMethod: 'POST',
				path,
				responseMode: 'onReceived',
				...(auth ? { authentication: 'headerAuth' } : {}),
				options: {},
			}, { webhookId: randomUUID(), ...(auth ? { credentials: credentialRef('httpHeaderAuth', auth) } : {}) }),
			node('Delivered Event', 'n8n-nodes-base.noOp', 1, 470, {}),
		],
		connections: { Webhook: { main: [[{ node: 'Delivered Event', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/**
 * What a user builds without this package to get a ShareFile upload's file name and path: the
 * built-in Webhook node with Header Auth → the HTTP Request node reading `GET Items(<id>)` with the
 * same ShareFile OAuth2 credential (n8n's predefined credential type: n8n adds and renews the token).
 */
export function builtinLookupWorkflow(name: string, path: string, auth: { id: string; name: string }, shareFile: { id: string; name: string }, apiBase: string) {
	return {
		name,
		nodes: [
			node('Webhook', 'n8n-nodes-base.webhook', 2.1, 250, { httpMethod: 'POST', path, responseMode: 'onReceived', authentication: 'headerAuth', options: {} }, {
				webhookId: randomUUID(),
				credentials: credentialRef('httpHeaderAuth', auth),
			}),
			node('Look the file up', 'n8n-nodes-base.httpRequest', 4.2, 470, {
				method: 'GET',
				url: `=${apiBase}/Items({{ $json.body.Event.Resource.Id }})`,
				authentication: 'predefinedCredentialType',
				nodeCredentialType: 'shareFileOAuth2Api',
				options: {},
			}, { credentials: credentialRef('shareFileOAuth2Api', shareFile) }),
		],
		connections: { Webhook: { main: [[{ node: 'Look the file up', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/**
 * What a user builds without this package to check Cloud Elements' signature: the built-in
 * Webhook node keeping the raw body, a Crypto node (HMAC-SHA256 of that body in base64, the key
 * in a Crypto credential), and an IF node comparing `sha256=<it>` with the
 * Elements-Webhook-Signature header: true → the events, false → rejected.
 */
export function diyWorkflow(name: string, path: string, crypto: { id: string; name: string }) {
	return {
		name,
		nodes: [
			node('Webhook', 'n8n-nodes-base.webhook', 2.1, 250, { httpMethod: 'POST', path, responseMode: 'onReceived', options: { rawBody: true } }, { webhookId: randomUUID() }),
			node('HMAC of the body', 'n8n-nodes-base.crypto', 2, 470, {
				action: 'hmac',
				binaryData: true,
				binaryPropertyName: 'data',
				type: 'SHA256',
				encoding: 'base64',
				dataPropertyName: 'signature',
			}, { credentials: credentialRef('crypto', crypto) }),
			node('Signature matches?', 'n8n-nodes-base.if', 2.2, 690, {
				conditions: {
					options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
					conditions: [
						{
							id: randomUUID(),
							leftValue: '={{ $json.headers["elements-webhook-signature"] }}',
							rightValue: '=sha256={{ $json.signature }}',
							operator: { type: 'string', operation: 'equals' },
						},
					],
					combinator: 'and',
				},
				options: {},
			}),
			node('Delivered Event', 'n8n-nodes-base.noOp', 1, 910, {}),
			node('Rejected', 'n8n-nodes-base.noOp', 1, 910, {}),
		],
		connections: {
			Webhook: { main: [[{ node: 'HMAC of the body', type: 'main', index: 0 }]] },
			'HMAC of the body': { main: [[{ node: 'Signature matches?', type: 'main', index: 0 }]] },
			'Signature matches?': { main: [[{ node: 'Delivered Event', type: 'main', index: 0 }], [{ node: 'Rejected', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** Waits until every URL stops answering 404 (n8n registers webhooks a moment after activation). */
export async function waitForWebhooks(urls: string[]): Promise<void> {
	for (let tries = 0; tries < 120; tries++) {
		const statuses = await Promise.all(
			urls.map(async (url) => {
				// An empty body: our trigger refuses it unsigned, the built-in ones start an execution
				// (counted from the ids the phases start after, so it is not a delivery).
				const answer = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
				await answer.text();
				return answer.status;
			}),
		);
		if (statuses.every((status) => status !== 404)) return;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`webhooks still answer 404: ${urls.join(', ')}`);
}

export interface Posted {
	seconds: number;
	failed: number;
	/** Date.now() when each body was sent. */
	sentAt: number[];
	firstSentAt: number;
}

/** Posts every body with `concurrency` in flight (closed loop). */
export async function postAll(url: string, bodies: string[], headers: (i: number) => Record<string, string>, concurrency: number): Promise<Posted> {
	let next = 0;
	let failed = 0;
	const sentAt: number[] = new Array(bodies.length);
	const firstSentAt = Date.now();
	const started = nowNs();
	const worker = async () => {
		while (next < bodies.length) {
			const i = next++;
			sentAt[i] = Date.now();
			const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers(i) }, body: bodies[i] });
			await response.text();
			if (response.status < 200 || response.status > 299) failed++;
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	return { seconds: (nowNs() - started) / 1e9, failed, sentAt, firstSentAt };
}

/**
 * Posts the bodies at a fixed rate (open loop: a slow answer does not delay the next send, as
 * with a real sender), at most `maxInFlight` unanswered.
 */
export async function postAtRate(url: string, bodies: string[], headers: (i: number) => Record<string, string>, perSecond: number, maxInFlight = 64): Promise<Posted> {
	let failed = 0;
	let inFlight = 0;
	const sentAt: number[] = new Array(bodies.length);
	const pending: Array<Promise<void>> = [];
	const firstSentAt = Date.now();
	const started = nowNs();
	for (let i = 0; i < bodies.length; i++) {
		const due = firstSentAt + (i * 1000) / perSecond;
		const wait = due - Date.now();
		if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
		while (inFlight >= maxInFlight) await new Promise((resolve) => setTimeout(resolve, 1));
		inFlight++;
		sentAt[i] = Date.now();
		pending.push(
			fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers(i) }, body: bodies[i] })
				.then(async (response) => {
					await response.text();
					if (response.status < 200 || response.status > 299) failed++;
				})
				.catch(() => {
					failed++;
				})
				.finally(() => {
					inFlight--;
				}),
		);
	}
	await Promise.all(pending);
	return { seconds: (nowNs() - started) / 1e9, failed, sentAt, firstSentAt };
}

export interface Execution {
	id: string;
	status: string;
	startedAt: string;
	stoppedAt: string | null;
	data?: any;
}

/** A workflow's executions with an id above `afterId` (n8n lists newest first). */
export async function executionsAfter(n8n: N8nLike, workflowId: string, afterId: number, includeData = false): Promise<Execution[]> {
	const found: Execution[] = [];
	let cursor: string | undefined;
	do {
		const query = new URLSearchParams({ workflowId, includeData: String(includeData), limit: includeData ? '100' : '250' });
		if (cursor) query.set('cursor', cursor);
		const page = await n8n.api('GET', `/executions?${query}`);
		const fresh = (page.data as Execution[]).filter((execution) => Number(execution.id) > afterId);
		found.push(...fresh);
		if (fresh.length < page.data.length) break;
		cursor = page.nextCursor;
	} while (cursor);
	return found.sort((a, b) => Number(a.id) - Number(b.id));
}

/**
 * What a trigger's executions after `afterId` ran: objectId → runs, and how many items were marked
 * recovered (sent again by the trigger itself, not by the service).
 */
export async function triggerRuns(n8n: N8nLike, workflowId: string, trigger: string, afterId = 0): Promise<{ runs: Map<string, number>; recovered: number }> {
	const runs = new Map<string, number>();
	let recovered = 0;
	for (const execution of await executionsAfter(n8n, workflowId, afterId, true)) {
		const items = (execution.data?.resultData?.runData?.[trigger]?.[0]?.data?.main?.[0] ?? []) as Array<{ json: { objectId?: string; recovered?: boolean } }>;
		for (const { json } of items) {
			runs.set(String(json.objectId), (runs.get(String(json.objectId)) ?? 0) + 1);
			if (json.recovered === true) recovered++;
		}
	}
	return { runs, recovered };
}

/** Runs beyond the first of each object. */
export const duplicatesOf = (runs: Map<string, number>): number => [...runs.values()].reduce((sum, count) => sum + Math.max(0, count - 1), 0);

/** Waits until `expected` executions after `afterId` exist and none is still running. */
export async function settleAfter(n8n: N8nLike, workflowId: string, afterId: number, expected: number, timeoutMs = 180_000): Promise<Execution[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const found = await executionsAfter(n8n, workflowId, afterId);
		const running = found.filter((execution) => !execution.stoppedAt || execution.status === 'running' || execution.status === 'new').length;
		if ((found.length >= expected && running === 0) || Date.now() > deadline) return found;
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
}

export const maxId = (executions: Execution[], floor: number): number => executions.reduce((max, execution) => Math.max(max, Number(execution.id)), floor);
export const lastStop = (executions: Execution[]): number => executions.reduce((max, execution) => Math.max(max, execution.stoppedAt ? Date.parse(execution.stoppedAt) : 0), 0);

/** Rounds of several sides: each round a rotation of the sides, every other one reversed. */
export function roundOrder<T>(sides: readonly T[], round: number): T[] {
	const shift = Math.floor(round / 2) % sides.length;
	const rotated = [...sides.slice(shift), ...sides.slice(0, shift)];
	return round % 2 === 0 ? rotated : rotated.reverse();
}

/**
 * To profile one side in n8n: CE_BENCH_N8N_ONLY=<side> drives that side only, and
 * CE_BENCH_N8N_NODE_OPTIONS (e.g. --cpu-prof --cpu-prof-dir=/tmp/p) goes to n8n's NODE_OPTIONS.
 */
export function profiledSides<T>(sides: readonly T[], round: number): T[] {
	const only = process.env.CE_BENCH_N8N_ONLY;
	return roundOrder(sides, round).filter((side) => !only || side === only);
}

export function profilingEnv(): Record<string, string> {
	const nodeOptions = process.env.CE_BENCH_N8N_NODE_OPTIONS;
	return nodeOptions ? { NODE_OPTIONS: nodeOptions } : {};
}

export function medianOf(values: number[]): number {
	const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
	if (sorted.length === 0) return NaN;
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(values: number[], p: number): number {
	const sorted = values.slice().sort((a, b) => a - b);
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** One throughput figure: side `of`'s deliveries per second ÷ side `versus`'s, round by round. */
export interface ThroughputFigure<S extends string> {
	name: string;
	of: S;
	versus: S;
	goal: number | null;
}

/**
 * Records each figure as the median of its per-round ratios (with their spread), and each side's
 * mean rate as an absolute figure. `how` opens each figure's detail (where and what), `rounds`
 * says how the phases ran, `outcome` what the executions and answers were; `note` when the run
 * was not complete.
 */
export function recordThroughput<S extends string>(
	context: BenchContext,
	run: { rates: Record<S, number[]>; labels: Record<S, string>; figures: Array<ThroughputFigure<S>>; how: string; rounds: string; outcome: string; note?: string },
): void {
	const sides = Object.keys(run.rates) as S[];
	const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
	const perSide = sides.map((side) => `${run.labels[side]} ${mean(run.rates[side]).toFixed(0)}/s (${run.rates[side].map((r) => r.toFixed(0)).join(', ')})`).join('; ');
	for (const figure of run.figures) {
		const perRound = run.rates[figure.of].map((rate, i) => rate / (run.rates[figure.versus][i] ?? NaN));
		recordRatio(
			context,
			{
				name: figure.name,
				value: medianOf(perRound),
				unit: 'ratio',
				goal: figure.goal,
				better: 'higher',
				detail:
					`${run.how}: ${run.labels[figure.of]} ÷ ${run.labels[figure.versus]}, deliveries per second from the first send to the last execution's stoppedAt; ` +
					`${run.rounds}; median of the per-round ratios (${perRound.map((r) => r.toFixed(2)).sort().join(', ')}); ${perSide}; ${run.outcome}`,
				...(run.note ? { note: run.note } : {}),
			},
			perRound,
		);
	}
	for (const side of sides) context.absolute(`real n8n: ${run.labels[side]}, deliveries/s`, Math.round(mean(run.rates[side])), 'deliveries/s');
}
