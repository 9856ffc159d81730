/**
 * The ShareFile node (ShareFile's own API v3, OAuth2 through n8n) moving files through n8n's
 * filesystem binary store, measured as bench/documents.bench.ts measures the Cloud Elements node
 * (the same sandbox child, files, checks and rounds):
 *
 * - `sharefile_download_rss_growth_mb`: one WorkflowExecute run (Input → File → Download → File →
 *   Upload) moving a 200 MB file down (Download spec, then the storage host's link) and back up
 *   (Upload2, then the bytes raw to its ChunkUri); the highest RSS of this process minus the RSS
 *   before. The copy's MD5 in the sandbox must equal the original's.
 * - `sharefile_transfer_vs_plain_http`: that workflow's time for 64 MB against a plain streamed
 *   copy with Node's http speaking the same API (ByPath, Download spec, GET the link into a temp
 *   file; ByPath, Upload2, POST the file raw to the ChunkUri), rounds alternating; plain ÷ node,
 *   the median of the per-round ratios.
 *
 * Run alone: `npm run bench -- --only sharefile`.
 */
import { createReadStream, createWriteStream, statSync } from 'fs';
import { request as httpRequest, type IncomingMessage } from 'http';
import { pipeline } from 'stream/promises';

import type { IDataObject, IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import { documentName, parentDocumentPath } from '../nodes/engine/documents/documentPath';
import { TestCredentialsHelper } from '../test/harness/credentialsHelper';
import { CREDENTIAL_TYPES, SHAREFILE_NODE_TYPE } from '../test/harness/n8n';
import { connectSandboxAccount, sandboxShareFileCredential } from '../test/harness/shareFileOAuth';
import { nowNs } from './measure';
import { httpGet, transferBench, type PlainCopy, type SandboxChild, type TransferBackend } from './documents.bench';
import type { BenchContext } from './results';

/** One call to ShareFile's API v3 with the access token; its JSON answer, or an error naming it. */
async function api(base: string, token: string, method: string, path: string, body?: IDataObject): Promise<IDataObject> {
	const response = await fetch(`${base}${path}`, {
		method,
		headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
		body: body ? JSON.stringify(body) : undefined,
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
	return text ? (JSON.parse(text) as IDataObject) : {};
}

const byPath = async (base: string, token: string, path: string) =>
	String((await api(base, token, 'GET', `/Items/ByPath?path=${encodeURIComponent(path)}`)).Id);

/** The plain copy: what a careful script with Node's http would do against ShareFile's API. */
function plainShareFileCopy(base: string, token: string): PlainCopy {
	return async (from, to, tempFile) => {
		const started = nowNs();
		const id = await byPath(base, token, from);
		const spec = await api(base, token, 'GET', `/Items(${id})/Download?redirect=false`);
		const download = await httpGet(String(spec.DownloadUrl));
		if (download.statusCode !== 200) throw new Error(`plain download answered ${download.statusCode}`);
		await pipeline(download, createWriteStream(tempFile));
		const downloaded = nowNs();

		const folderId = await byPath(base, token, parentDocumentPath(to));
		const size = statSync(tempFile).size;
		const upload = await api(base, token, 'POST', `/Items(${folderId})/Upload2`, {
			Method: 'Standard',
			Raw: true,
			FileName: documentName(to),
			FileSize: size,
			Overwrite: true,
		});
		const req = httpRequest(`${String(upload.ChunkUri)}&fmt=json`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': size },
		});
		const answered = new Promise<IncomingMessage>((resolve, reject) => {
			req.on('response', resolve);
			req.on('error', reject);
		});
		await pipeline(createReadStream(tempFile), req);
		const answer = await answered;
		let text = '';
		for await (const chunk of answer) text += (chunk as Buffer).toString('utf8');
		if (answer.statusCode !== 200 || (JSON.parse(text) as { error?: boolean }).error) {
			throw new Error(`plain upload answered ${answer.statusCode}: ${text.slice(0, 300)}`);
		}
		return { getMs: (downloaded - started) / 1e6, postMs: (nowNs() - downloaded) / 1e6 };
	};
}

const shareFileBackend: TransferBackend = {
	benchName: 'sharefile',
	rssMetric: 'sharefile_download_rss_growth_mb',
	ratioMetric: 'sharefile_transfer_vs_plain_http',
	nodeWords: "File → Download + File → Upload of the ShareFile node, ShareFile's API v3 with OAuth2 through n8n",
	plainWords: "Node's http against ShareFile's API v3: ByPath, the Download spec's link into a temp file, Upload2 and the file POSTed raw to its ChunkUri",
	open: async (sandbox: SandboxChild) => {
		const tokens = await connectSandboxAccount(sandbox.origin);
		const helper = new TestCredentialsHelper(CREDENTIAL_TYPES);
		helper.set('shareFileOAuth2Api', sandboxShareFileCredential(sandbox.origin, tokens) as never);
		const file = (path: string) => ({ __rl: true, mode: 'path', value: path });
		return {
			node: {
				type: SHAREFILE_NODE_TYPE,
				credentials: { shareFileOAuth2Api: { id: '1', name: 'ShareFile' } },
				download: (from) => ({ resource: 'file', operation: 'download', file: file(from), binaryPropertyName: 'data' }),
				upload: (toFolder, toName) => ({ resource: 'file', operation: 'upload', binaryPropertyName: 'data', folder: file(toFolder), fileName: toName }),
				credentialData: {},
				additionalData: { credentialsHelper: helper } as Partial<IWorkflowExecuteAdditionalData>,
			},
			plainCopy: plainShareFileCopy(`${sandbox.origin}/sharefile/acme.${tokens.apicp}/sf/v3`, tokens.access_token),
		};
	},
};

export async function shareFileBench(context: BenchContext): Promise<void> {
	await transferBench(context, shareFileBackend);
}
