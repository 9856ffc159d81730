/**
 * File → Download and File → Upload through n8n-core's real WorkflowExecute, with n8n's binary
 * data service in filesystem mode, against the local Cloud Elements sandbox running in a child
 * process (its own buffers and blob files are not this process's memory).
 *
 * - `document_download_rss_growth_mb`: one workflow run (Input → Download → Upload) moving a
 *   200 MB file of random bytes down into n8n's binary store and back up to another path; the
 *   highest RSS of this process, sampled every 10 ms (and cross-checked with the kernel's own
 *   peak, `maxRSS`), minus the RSS before the run. The copy's MD5 in the sandbox must equal the
 *   original's.
 * - `document_transfer_vs_plain_http`: the same workflow's time against the simplest correct
 *   streamed copy with Node's http (GET piped into a temp file, then that file POSTed back as
 *   multipart), same sandbox, same bytes, rounds alternating node / plain; plain ÷ node, the
 *   median of the per-round ratios.
 *
 * The random files are made and uploaded by a short-lived helper process, so this process never
 * holds them: memory freed before the baseline could otherwise be reused by the run unseen.
 *
 * For diagnosis: DOCUMENTS_BENCH_TRACE=<file> writes the RSS run's samples (RSS, heap, array
 * buffers every 10 ms) there; DOCUMENTS_BENCH_MB=<n> changes the RSS run's file size. Run alone:
 * `npm run bench -- --only documents`.
 */
import { spawn, type ChildProcess } from 'child_process';
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'fs';
import { request as httpRequest, type IncomingMessage } from 'http';
import { tmpdir } from 'os';
import { join } from 'path';
import { pipeline } from 'stream/promises';

import { Container } from '@n8n/di';
import { BinaryDataConfig, BinaryDataService, WorkflowExecute } from 'n8n-core';
import { Workflow, type IDataObject, type INode, type IRun, type IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import { ACTION_NODE_TYPE, additionalData, manualExecutionHooks, nodeTypes } from '../test/harness/n8n';
import { collectGarbage, median, nowNs } from './measure';
import { recordRatio, REPOSITORY_ROOT, type BenchContext } from './results';

const USER_SECRET = 'bench-user-secret-41c2';
const ORGANIZATION_SECRET = 'bench-org-secret-9d07';
const MB = 1024 * 1024;
const SAMPLE_MS = 10;

export interface SandboxChild {
	process: ChildProcess;
	baseUrl: string;
	origin: string;
	stop: () => Promise<void>;
}

/** `node sandbox/cli.js --port 0 --in-memory` in a child; its URL is read from its first line. */
export async function startSandboxChild(): Promise<SandboxChild> {
	const child = spawn(
		process.execPath,
		[join(REPOSITORY_ROOT, 'sandbox', 'cli.js'), '--port', '0', '--in-memory', '--user-secret', USER_SECRET, '--organization-secret', ORGANIZATION_SECRET],
		{ stdio: ['ignore', 'pipe', 'pipe'] },
	);
	let stderr = '';
	child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
	const baseUrl = await new Promise<string>((resolve, reject) => {
		let stdout = '';
		const onData = (chunk: Buffer) => {
			stdout += chunk.toString('utf8');
			const found = /listening on (\S+)/.exec(stdout);
			if (found) {
				child.stdout!.off('data', onData);
				// Keep draining, so the child never blocks on a full pipe.
				child.stdout!.resume();
				resolve(found[1]);
			}
		};
		child.stdout!.on('data', onData);
		child.once('exit', (code) => reject(new Error(`the sandbox exited (${code}) before listening: ${stderr}`)));
		setTimeout(() => reject(new Error(`the sandbox did not start in 20 s: ${stdout} ${stderr}`)), 20_000).unref();
	});
	return {
		process: child,
		baseUrl,
		origin: new URL(baseUrl).origin,
		stop: async () => {
			if (child.exitCode !== null) return;
			const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
			child.kill('SIGTERM');
			await exited;
		},
	};
}

/** Uploads `megabytes` of random bytes to `path` from a helper process; returns their MD5. */
export async function placeRandomFile(sandbox: SandboxChild, token: string, path: string, megabytes: number): Promise<string> {
	const script = `
const { randomFillSync, createHash } = require('crypto');
const http = require('http');
const [url, auth, megabytes] = process.argv.slice(1);
const boundary = '----benchSource' + Date.now();
const head = Buffer.from('--' + boundary + '\\r\\nContent-Disposition: form-data; name="file"; filename="source.bin"\\r\\nContent-Type: application/octet-stream\\r\\n\\r\\n');
const tail = Buffer.from('\\r\\n--' + boundary + '--\\r\\n');
const size = Number(megabytes) * 1048576;
const md5 = createHash('md5');
const req = http.request(url, { method: 'POST', headers: { Authorization: auth, 'Content-Type': 'multipart/form-data; boundary=' + boundary, 'Content-Length': head.length + size + tail.length } });
req.on('response', (res) => {
  let body = '';
  res.on('data', (c) => (body += c));
  res.on('end', () => {
    if (res.statusCode !== 200) { console.error('upload answered ' + res.statusCode + ': ' + body); process.exit(1); }
    console.log(md5.digest('hex'));
  });
});
req.on('error', (e) => { console.error(e); process.exit(1); });
(async () => {
  req.write(head);
  for (let sent = 0; sent < size; sent += 1048576) {
    const chunk = randomFillSync(Buffer.allocUnsafe(1048576));
    md5.update(chunk);
    if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
  }
  req.end(tail);
})();
`;
	const url = `${sandbox.baseUrl}/hubs/documents/files?path=${encodeURIComponent(path)}&overwrite=true`;
	const helper = spawn(process.execPath, ['-e', script, url, hubAuth(token), String(megabytes)], { stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	let err = '';
	helper.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
	helper.stderr!.on('data', (c: Buffer) => (err += c.toString('utf8')));
	const code = await new Promise<number | null>((resolve) => helper.once('exit', resolve));
	if (code !== 0) throw new Error(`placing ${path} failed: ${err}`);
	return out.trim();
}

export function hubAuth(token: string): string {
	return `User ${USER_SECRET}, Organization ${ORGANIZATION_SECRET}, Element ${token}`;
}

export async function platform(sandbox: SandboxChild, method: string, path: string, body?: unknown, token?: string) {
	const response = await fetch(`${sandbox.baseUrl}${path}`, {
		method,
		headers: {
			Authorization: token ? hubAuth(token) : `User ${USER_SECRET}, Organization ${ORGANIZATION_SECRET}`,
			'Content-Type': 'application/json',
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, body: text ? (JSON.parse(text) as IDataObject) : undefined };
}

/** The sandbox's record of a file: its size and MD5 (ShareFile's `Hash`), or undefined. */
async function storedFile(sandbox: SandboxChild, token: string, path: string): Promise<{ size: number; md5: string } | undefined> {
	const answer = await platform(sandbox, 'GET', `/hubs/documents/files/metadata?path=${encodeURIComponent(path)}`, undefined, token);
	if (answer.status !== 200 || !answer.body) return undefined;
	return { size: Number(answer.body.size), md5: String((answer.body.raw as IDataObject | undefined)?.Hash ?? '') };
}

async function deleteFile(sandbox: SandboxChild, token: string, path: string): Promise<void> {
	const answer = await platform(sandbox, 'DELETE', `/hubs/documents/files?path=${encodeURIComponent(path)}`, undefined, token);
	if (answer.status !== 200 && answer.status !== 404) throw new Error(`deleting ${path} answered ${answer.status}`);
}

/** A plain GET with Node's http: the answer, its body unread. */
export async function httpGet(url: string, headers: Record<string, string> = {}): Promise<IncomingMessage> {
	return await new Promise<IncomingMessage>((resolve, reject) => {
		const req = httpRequest(url, { headers });
		req.on('response', resolve);
		req.on('error', reject);
		req.end();
	});
}

/**
 * The plain copy: GET streamed into a temp file, then the file POSTed back as multipart,
 * streamed, with its Content-Length. What a careful script with Node's http would do.
 */
async function plainCopy(sandbox: SandboxChild, token: string, from: string, to: string, tempFile: string): Promise<{ getMs: number; postMs: number }> {
	const auth = hubAuth(token);
	const started = nowNs();
	const download = await httpGet(`${sandbox.baseUrl}/hubs/documents/files?path=${encodeURIComponent(from)}`, { Authorization: auth });
	if (download.statusCode !== 200) throw new Error(`plain download answered ${download.statusCode}`);
	await pipeline(download, createWriteStream(tempFile));
	const downloaded = nowNs();

	const boundary = `----plainCopy${Date.now()}`;
	const head = Buffer.from(
		`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="copy.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
	);
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
	const req = httpRequest(`${sandbox.baseUrl}/hubs/documents/files?path=${encodeURIComponent(to)}`, {
		method: 'POST',
		headers: {
			Authorization: auth,
			'Content-Type': `multipart/form-data; boundary=${boundary}`,
			'Content-Length': head.length + statSync(tempFile).size + tail.length,
		},
	});
	const answered = new Promise<IncomingMessage>((resolve, reject) => {
		req.on('response', resolve);
		req.on('error', reject);
	});
	await pipeline(async function* () {
		yield head;
		yield* createReadStream(tempFile);
		yield tail;
	}, req);
	const upload = await answered;
	let body = '';
	for await (const chunk of upload) body += (chunk as Buffer).toString('utf8');
	if (upload.statusCode !== 200) throw new Error(`plain upload answered ${upload.statusCode}: ${body.slice(0, 300)}`);
	return { getMs: (downloaded - started) / 1e6, postMs: (nowNs() - downloaded) / 1e6 };
}

/** A node that copies a file down into n8n's binary store and back up: its type, credential and parameters. */
export interface NodeSide {
	type: string;
	credentials: INode['credentials'];
	download: (from: string) => IDataObject;
	upload: (toFolder: string, toName: string) => IDataObject;
	/** The credential data n8n hands the node, and what else the run needs (a credentials helper). */
	credentialData: IDataObject;
	additionalData?: Partial<IWorkflowExecuteAdditionalData>;
}

/** The Cloud Elements node on one instance. */
function cloudElementsSide(credentialData: IDataObject, instanceId: number): NodeSide {
	const instance = { __rl: true, mode: 'id', value: String(instanceId) };
	return {
		type: ACTION_NODE_TYPE,
		credentials: { cloudElementsApi: { id: '1', name: 'Cloud Elements' } },
		download: (from) => ({ resource: 'file', operation: 'download', instance, file: { __rl: true, mode: 'path', value: from }, binaryPropertyName: 'data' }),
		upload: (toFolder, toName) => ({
			resource: 'file',
			operation: 'upload',
			instance,
			binaryPropertyName: 'data',
			folder: { __rl: true, mode: 'path', value: toFolder },
			fileName: toName,
		}),
		credentialData,
	};
}

/** Input → File → Download → File → Upload, one item, through WorkflowExecute. */
async function runNodeCopy(
	side: NodeSide,
	from: string,
	toFolder: string,
	toName: string,
): Promise<{ run: IRun; downloadedBytes: number; downloadMs: number; uploadMs: number }> {
	const nodes: INode[] = [
		{ id: 'input', name: 'Input', type: 'test.input', typeVersion: 1, position: [0, 0], parameters: { items: '[{}]' } },
		{ id: 'download', name: 'Download', type: side.type, typeVersion: 1, position: [200, 0], parameters: side.download(from) as INode['parameters'], credentials: side.credentials },
		{ id: 'upload', name: 'Upload', type: side.type, typeVersion: 1, position: [400, 0], parameters: side.upload(toFolder, toName) as INode['parameters'], credentials: side.credentials },
	] as INode[];
	const connections = {
		Input: { main: [[{ node: 'Download', type: 'main', index: 0 }]] },
		Download: { main: [[{ node: 'Upload', type: 'main', index: 0 }]] },
	};
	const workflow = new Workflow({ id: 'bench-workflow', name: 'Bench', nodes, connections: connections as never, active: false, nodeTypes, staticData: {} });
	const hooks = manualExecutionHooks('bench-execution', { id: 'bench-workflow', name: 'Bench', nodes, connections });
	const data = additionalData(side.credentialData as never, { ...side.additionalData, hooks, executionId: 'bench-execution' } as Partial<IWorkflowExecuteAdditionalData>);
	const run = await new WorkflowExecute(data, 'manual').run({ workflow, startNode: nodes[0] });
	const runData = run.data.resultData.runData;
	const failed = run.data.resultData.error ?? runData.Download?.[0]?.error ?? runData.Upload?.[0]?.error;
	if (failed) throw new Error(`the workflow failed: ${failed.message} ${(failed as { description?: string }).description ?? ''}`);
	const downloaded = runData.Download?.[0]?.data?.main?.[0]?.[0];
	const uploaded = runData.Upload?.[0]?.data?.main?.[0]?.[0];
	if (!downloaded?.binary?.data?.id) throw new Error('the download left no binary in the store');
	if (!uploaded) throw new Error('the upload produced no item');
	return {
		run,
		downloadedBytes: Number(downloaded.binary.data.bytes ?? NaN),
		downloadMs: runData.Download[0].executionTime,
		uploadMs: runData.Upload[0].executionTime,
	};
}

/**
 * The highest RSS seen while fn runs, sampled every SAMPLE_MS, with the heap and buffers at that
 * peak. With DOCUMENTS_BENCH_TRACE=<file>, every sample is written there (a timeline to read).
 */
async function withRssSampling<T>(fn: () => Promise<T>) {
	const traceFile = process.env.DOCUMENTS_BENCH_TRACE;
	const trace: string[] = [];
	const started = nowNs();
	let peak = process.memoryUsage();
	let samples = 0;
	const sample = () => {
		const now = process.memoryUsage();
		samples++;
		if (now.rss > peak.rss) peak = now;
		if (traceFile) {
			const mb = (bytes: number) => (bytes / MB).toFixed(0);
			trace.push(`${((nowNs() - started) / 1e6).toFixed(0)} ms rss=${mb(now.rss)} heapTotal=${mb(now.heapTotal)} heapUsed=${mb(now.heapUsed)} external=${mb(now.external)} arrayBuffers=${mb(now.arrayBuffers)}`);
		}
	};
	const timer = setInterval(sample, SAMPLE_MS);
	try {
		const result = await fn();
		sample();
		if (traceFile) writeFileSync(traceFile, `${trace.join('\n')}\n`);
		return { result, peak, samples, ms: (nowNs() - started) / 1e6 };
	} finally {
		clearInterval(timer);
	}
}

function emptyFolder(folder: string): void {
	for (const entry of readdirSync(folder)) rmSync(join(folder, entry), { recursive: true, force: true });
}

/** What bench/main.ts prefixes a child's figures with on its stdout. */
const CHILD_MARK = '@@bench-child@@';

/**
 * The same RSS measurement with the plain streamed copy in place of the workflow, in a fresh
 * process set up the same way (this file again, through main.ts's `--child`): what Node and V8
 * themselves cost for streaming these bytes, to read the node's figure against.
 */
async function plainRssInFreshProcess(backend: TransferBackend, quick: boolean): Promise<{ growthMb: number; detail: string } | { error: string }> {
	// Not spawnSync: this process's idle keep-alive sockets must see the sandbox close them meanwhile.
	const child = spawn(process.execPath, [...process.execArgv, process.argv[1], '--child', backend.benchName, ...(quick ? ['--quick'] : [])], {
		env: { ...process.env, DOCUMENTS_BENCH_RSS_SIDE: 'plain', DOCUMENTS_BENCH_TRACE: '' },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
	child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
	const timer = setTimeout(() => child.kill('SIGTERM'), 300_000);
	const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
	clearTimeout(timer);
	const line = stdout.split('\n').find((l) => l.startsWith(CHILD_MARK));
	if (code !== 0 || !line) return { error: `exit ${code}: ${stderr || stdout}`.slice(-500) };
	const entry = (JSON.parse(line.slice(CHILD_MARK.length)) as { entries: Array<{ name: string; value: number; detail: string }> }).entries.find(
		(e) => e.name === backend.rssMetric,
	);
	return entry ? { growthMb: entry.value, detail: entry.detail } : { error: 'no figure' };
}

/** A plain streamed copy of a file from one path to another, through a temp file, timed in its two halves. */
export type PlainCopy = (from: string, to: string, tempFile: string) => Promise<{ getMs: number; postMs: number }>;

/** What one backend's transfer benchmark needs: its figures' names and words, its node and its plain copy. */
export interface TransferBackend {
	/** bench/main.ts's name for the benchmark (the fresh process for the plain RSS figure runs it). */
	benchName: string;
	rssMetric: string;
	ratioMetric: string;
	/** The node's copy, and the plain one, in the figures' details. */
	nodeWords: string;
	plainWords: string;
	open: (sandbox: SandboxChild, instance: { id: number; token: string }) => Promise<{ node: NodeSide; plainCopy: PlainCopy }>;
}

const cloudElementsBackend: TransferBackend = {
	benchName: 'documents',
	rssMetric: 'document_download_rss_growth_mb',
	ratioMetric: 'document_transfer_vs_plain_http',
	nodeWords: 'File → Download + File → Upload of the ShareFile (Cloud Elements) node',
	plainWords: "Node's http: GET into a temp file, POST it back multipart, through the documents hub",
	open: async (sandbox, instance) => ({
		node: cloudElementsSide(
			{
				environment: 'custom',
				baseUrl: sandbox.baseUrl,
				userSecret: USER_SECRET,
				organizationSecret: ORGANIZATION_SECRET,
				sharefileClientId: 'sharefile-client-id',
				sharefileClientSecret: 'sharefile-client-secret',
				sharefileRedirectUri: 'https://example.com/oauth/callback',
			},
			instance.id,
		),
		plainCopy: async (from, to, tempFile) => await plainCopy(sandbox, instance.token, from, to, tempFile),
	}),
};

export async function documentsBench(context: BenchContext): Promise<void> {
	await transferBench(context, cloudElementsBackend);
}

/**
 * Both figures of one backend: the RSS growth of one big copy through the node, and the node's
 * copy time against a plain streamed copy's, in alternating rounds.
 */
export async function transferBench(context: BenchContext, backend: TransferBackend): Promise<void> {
	const bigMb = Number(process.env.DOCUMENTS_BENCH_MB) || (context.quick ? 32 : 200);
	const ratioMb = context.quick ? 16 : 64;
	const rounds = context.quick ? 3 : 7;
	/** Set in the fresh process that measures the plain copy's RSS instead of the workflow's. */
	const plainSide = process.env.DOCUMENTS_BENCH_RSS_SIDE === 'plain';
	const sandbox = await startSandboxChild();
	const work = mkdtempSync(join(tmpdir(), 'ce-bench-documents-'));
	try {
		const created = await platform(sandbox, 'POST', '/instances', {
			element: { key: 'sharefile' },
			providerData: { code: 'sandbox-demo-code' },
			configuration: {
				'oauth.api.key': 'sharefile-client-id',
				'oauth.api.secret': 'sharefile-client-secret',
				'oauth.callback.url': 'https://example.com/oauth/callback',
				'sharefile.subdomain': 'acme',
			},
			tags: [],
			name: 'bench-documents',
		});
		if (created.status !== 200) throw new Error(`creating the instance failed: ${JSON.stringify(created.body)}`);
		const instanceId = Number(created.body!.id);
		const token = String(created.body!.token);
		const side = await backend.open(sandbox, { id: instanceId, token });

		const bigMd5 = await placeRandomFile(sandbox, token, '/top/in/big.bin', bigMb);
		const ratioMd5 = plainSide ? '' : await placeRandomFile(sandbox, token, '/top/in/ratio.bin', ratioMb);
		const warmMd5 = await placeRandomFile(sandbox, token, '/top/in/warm.bin', 1);

		// n8n's binary data service in filesystem mode, as an n8n with N8N_DEFAULT_BINARY_DATA_MODE=filesystem.
		const store = join(work, 'binary-data');
		mkdirSync(store);
		const config = Container.get(BinaryDataConfig);
		config.mode = 'filesystem';
		config.localStoragePath = store;
		await Container.get(BinaryDataService).init();

		/** The copy must be in the sandbox, whole: same size, same MD5 as what was placed. */
		const check = async (path: string, md5: string, megabytes: number) => {
			const copy = await storedFile(sandbox, token, path);
			if (!copy || copy.md5 !== md5 || copy.size !== megabytes * MB) {
				throw new Error(`${path}: ${JSON.stringify(copy)} in the sandbox, expected ${megabytes * MB} bytes with MD5 ${md5}`);
			}
		};
		const tempFile = join(work, 'plain-copy.bin');
		const nodeCopy = async (from: string, name: string) => {
			await deleteFile(sandbox, token, `/top/out/${name}`);
			return await runNodeCopy(side.node, from, '/top/out', name);
		};
		const plain = async (from: string, name: string) => {
			await deleteFile(sandbox, token, `/top/out/${name}`);
			const timing = await side.plainCopy(from, `/top/out/${name}`, tempFile);
			rmSync(tempFile, { force: true });
			return timing;
		};

		// Warm-up, the same in both processes: the code paths loaded and compiled once (n8n-core
		// loads some lazily), the HTTP agents' sockets open.
		for (let i = 0; i < 2; i++) {
			await nodeCopy('/top/in/warm.bin', 'warm.bin');
			await check('/top/out/warm.bin', warmMd5, 1);
			emptyFolder(store);
			await plain('/top/in/warm.bin', 'warm-plain.bin');
			await check('/top/out/warm-plain.bin', warmMd5, 1);
		}

		// ---- RSS: one run of bigMb down and back up.
		await deleteFile(sandbox, token, '/top/out/big.bin');
		collectGarbage();
		await new Promise((resolve) => setTimeout(resolve, 200));
		collectGarbage();
		const before = process.memoryUsage();
		const maxRssBefore = process.resourceUsage().maxRSS * 1024;
		const measured = await withRssSampling(async () => {
			if (plainSide) {
				const timing = await side.plainCopy('/top/in/big.bin', '/top/out/big.bin', tempFile);
				return { downloadedBytes: statSync(tempFile).size, downloadMs: timing.getMs, uploadMs: timing.postMs };
			}
			return await runNodeCopy(side.node, '/top/in/big.bin', '/top/out', 'big.bin');
		});
		const maxRssAfter = process.resourceUsage().maxRSS * 1024;
		if (measured.result.downloadedBytes !== bigMb * MB) throw new Error(`the download stored ${measured.result.downloadedBytes} bytes, not ${bigMb * MB}`);
		await check('/top/out/big.bin', bigMd5, bigMb);
		emptyFolder(store);
		rmSync(tempFile, { force: true });
		await deleteFile(sandbox, token, '/top/out/big.bin');
		// maxRSS is the process's lifetime peak: it says something only if this run set a new one.
		const kernelPeak = maxRssAfter > maxRssBefore ? maxRssAfter : 0;
		const growthMb = Math.round((Math.max(measured.peak.rss, kernelPeak) - before.rss) / MB * 10) / 10;
		const f = (bytes: number) => (bytes / MB).toFixed(0);
		const seconds = (ms: number) => (ms / 1000).toFixed(1);
		const how =
			`RSS ${f(before.rss)} MB before, peak ${f(measured.peak.rss)} MB (${measured.samples} samples every ${SAMPLE_MS} ms; kernel maxRSS ${f(maxRssAfter)} MB); ` +
			`at the peak: heap used ${f(measured.peak.heapUsed)} MB (${f(before.heapUsed)} before), array buffers ${f(measured.peak.arrayBuffers)} MB (${f(before.arrayBuffers)} before)`;
		if (plainSide) {
			context.record({
				name: backend.rssMetric,
				value: growthMb,
				unit: 'MB',
				goal: null,
				better: 'lower',
				detail: `plain streamed HTTP copy (${backend.plainWords}), ${seconds(measured.ms)} s; ${how}`,
			});
			return;
		}
		const plainRss = await plainRssInFreshProcess(backend, context.quick);
		context.record({
			name: backend.rssMetric,
			value: growthMb,
			unit: 'MB',
			goal: 64,
			better: 'lower',
			detail:
				`${bigMb} MB of random bytes down into n8n's filesystem binary store and back up to another path (${backend.nodeWords}) in one WorkflowExecute run, ` +
				`${seconds(measured.ms)} s (download ${seconds(measured.result.downloadMs)} s, upload ${seconds(measured.result.uploadMs)} s); the copy's size and MD5 in the sandbox matched; sandbox in a child process; ` +
				`${how}. ` +
				('error' in plainRss
					? `The plain streamed HTTP copy's own figure could not be measured: ${plainRss.error}`
					: `The same bytes through a plain streamed HTTP copy (${backend.plainWords}), in a fresh process set up the same way: ${plainRss.growthMb} MB (${plainRss.detail})`),
		});
		context.absolute(`File → Download of ${bigMb} MB into n8n's filesystem binary store`, Math.round(bigMb / (measured.result.downloadMs / 1000)), 'MB/s');
		context.absolute(`File → Upload of ${bigMb} MB from n8n's filesystem binary store`, Math.round(bigMb / (measured.result.uploadMs / 1000)), 'MB/s');

		// ---- Throughput: node vs a plain streamed copy, alternating rounds.
		const nodeRound = async () => {
			await deleteFile(sandbox, token, '/top/out/node.bin');
			collectGarbage();
			const started = nowNs();
			const outcome = await runNodeCopy(side.node, '/top/in/ratio.bin', '/top/out', 'node.bin');
			const ms = (nowNs() - started) / 1e6;
			await check('/top/out/node.bin', ratioMd5, ratioMb);
			emptyFolder(store);
			return { ms, down: outcome.downloadMs, up: outcome.uploadMs };
		};
		const plainRound = async () => {
			await deleteFile(sandbox, token, '/top/out/plain.bin');
			collectGarbage();
			const started = nowNs();
			const timing = await side.plainCopy('/top/in/ratio.bin', '/top/out/plain.bin', tempFile);
			const ms = (nowNs() - started) / 1e6;
			await check('/top/out/plain.bin', ratioMd5, ratioMb);
			rmSync(tempFile, { force: true });
			return { ms, down: timing.getMs, up: timing.postMs };
		};
		// One unmeasured round of each.
		await nodeRound();
		await plainRound();
		const nodeRuns: Array<Awaited<ReturnType<typeof nodeRound>>> = [];
		const plainRuns: Array<Awaited<ReturnType<typeof plainRound>>> = [];
		const ratios: number[] = [];
		for (let round = 0; round < rounds; round++) {
			// Alternate which goes first in a round.
			let n;
			let p;
			if (round % 2 === 0) {
				n = await nodeRound();
				p = await plainRound();
			} else {
				p = await plainRound();
				n = await nodeRound();
			}
			nodeRuns.push(n);
			plainRuns.push(p);
			ratios.push(p.ms / n.ms);
		}
		const ratio = median(ratios);
		const med = (runs: Array<{ ms: number; down: number; up: number }>, key: 'ms' | 'down' | 'up') => median(runs.map((r) => r[key]));
		const mbps = (megabytes: number, ms: number) => (megabytes / (ms / 1000)).toFixed(0);
		recordRatio(context, {
			name: backend.ratioMetric,
			value: ratio,
			unit: 'ratio',
			goal: 0.8,
			better: 'higher',
			detail:
				`${ratioMb} MB of random bytes down and back up (a smaller file than the RSS run's ${bigMb} MB, to keep ${2 * rounds + 2} copies short), ` +
				`time of a plain streamed HTTP copy (${backend.plainWords}) ÷ time of the workflow (${backend.nodeWords} in one WorkflowExecute run, filesystem binary mode); ` +
				`median of ${rounds} alternating rounds (after one unmeasured round), per-round ratios ${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)} (${ratios.map((r) => r.toFixed(2)).join(', ')}); ` +
				`medians: workflow ${med(nodeRuns, 'ms').toFixed(0)} ms (download ${med(nodeRuns, 'down').toFixed(0)} ms, upload ${med(nodeRuns, 'up').toFixed(0)} ms), ` +
				`plain ${med(plainRuns, 'ms').toFixed(0)} ms (GET ${med(plainRuns, 'down').toFixed(0)} ms, POST ${med(plainRuns, 'up').toFixed(0)} ms); every copy's size and MD5 checked`,
		}, ratios);
		context.absolute(`workflow copy of ${ratioMb} MB (download + upload), median`, Number(mbps(2 * ratioMb, med(nodeRuns, 'ms'))), 'MB/s moved');
		context.absolute(`plain streamed HTTP copy of ${ratioMb} MB, median`, Number(mbps(2 * ratioMb, med(plainRuns, 'ms'))), 'MB/s moved');
	} finally {
		await sandbox.stop();
		rmSync(work, { recursive: true, force: true });
	}
}
