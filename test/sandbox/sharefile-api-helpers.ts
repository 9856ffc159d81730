import * as crypto from 'crypto';

import { readConsentForm, type Sandbox } from '../../sandbox';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '../harness/shareFileOAuth';
import { answerOf, call, type Answer } from './helpers';

export type { ConsentForm } from '../../sandbox';

/** The client every sandbox knows (sandbox/README.md, "ShareFile API v3"). */
export const CLIENT_ID = SANDBOX_CLIENT_ID;
export const CLIENT_SECRET = SANDBOX_CLIENT_SECRET;
export const REDIRECT_URI = 'https://n8n.example.com/rest/oauth2-credential/callback';

export { readConsentForm };

/** `<sandbox>/sharefile/<host>`: the sandbox's stand-in for `https://<host>`. */
export const hostBase = (sandbox: Sandbox, host = 'acme') => `${sandbox.origin}/sharefile/${host}`;

export interface AuthorizeOptions {
	host?: string;
	clientId?: string;
	redirectUri?: string;
	state?: string;
	decision?: 'consent' | 'deny';
	/** The account option to pick; default the preselected one. */
	account?: string;
}

/** Opens the authorize page, then presses Consent (or Deny) and returns the redirect it answers. */
export async function authorize(sandbox: Sandbox, options: AuthorizeOptions = {}) {
	const query = new URLSearchParams({
		response_type: 'code',
		client_id: options.clientId ?? CLIENT_ID,
		redirect_uri: options.redirectUri ?? REDIRECT_URI,
		state: options.state ?? 'state-1',
	});
	const page = await fetch(`${hostBase(sandbox, options.host)}/oauth/authorize?${query}`);
	expect(page.status).toBe(200);
	const form = readConsentForm(await page.text());
	const fields = new URLSearchParams(form.fields);
	fields.set('account', options.account ?? form.accounts.find((account) => account.selected)!.value);
	fields.set('decision', options.decision ?? 'consent');
	const answer = await fetch(`${sandbox.origin}${form.action}`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: fields.toString(),
		redirect: 'manual',
	});
	expect(answer.status).toBe(302);
	return { location: new URL(answer.headers.get('location')!), form };
}

/** A form POST to the token endpoint. */
export async function tokenRequest(sandbox: Sandbox, form: Record<string, string>, options: { host?: string; basic?: string } = {}) {
	const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
	if (options.basic) headers.authorization = `Basic ${Buffer.from(options.basic).toString('base64')}`;
	return answerOf(await fetch(`${hostBase(sandbox, options.host)}/oauth/token`, { method: 'POST', headers, body: new URLSearchParams(form).toString() }));
}

/** The whole dance: consent, then the code for tokens. */
export async function login(sandbox: Sandbox, options: AuthorizeOptions = {}) {
	const { location } = await authorize(sandbox, options);
	const code = location.searchParams.get('code')!;
	const answer = await tokenRequest(
		sandbox,
		{ grant_type: 'authorization_code', code, client_id: options.clientId ?? CLIENT_ID, client_secret: CLIENT_SECRET },
		{ host: options.host },
	);
	if (answer.status !== 200) throw new Error(`token request failed: ${answer.status} ${answer.text}`);
	return answer.json as { access_token: string; refresh_token: string; expires_in: number; subdomain: string; apicp: string; appcp: string; token_type: string };
}

/** A call to ShareFile's API v3 with a Bearer token; `path` is after `/sf/v3/`. */
export async function sf(sandbox: Sandbox, token: string | null, method: string, path: string, body?: unknown, host = 'acme'): Promise<Answer> {
	const headers: Record<string, string> = {};
	if (token !== null) headers.authorization = `Bearer ${token}`;
	if (body !== undefined) headers['content-type'] = 'application/json';
	const url = path.startsWith('http') ? path : `${hostBase(sandbox, host)}/sf/v3/${path}`;
	return answerOf(await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'manual' }));
}

/** Like sf, but fails the test on anything but a 2xx. */
export async function sfOk(sandbox: Sandbox, token: string, method: string, path: string, body?: unknown) {
	const answer = await sf(sandbox, token, method, path, body);
	if (answer.status < 200 || answer.status > 299) throw new Error(`${method} ${path} failed: ${answer.status} ${answer.text}`);
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	return answer.json as any;
}

/** Asserts ShareFile's error shape `{ code, message: { lang, value }, reason }`. */
export function expectShareFileError(answer: Answer, status: number, code: string, message?: RegExp) {
	expect(answer.status).toBe(status);
	expect(answer.json.code).toBe(code);
	expect(answer.json.message.lang).toBe('en-US');
	expect(typeof answer.json.message.value).toBe('string');
	expect(typeof answer.json.reason).toBe('string');
	if (message) expect(answer.json.message.value).toMatch(message);
}

export interface UploadOptions {
	raw?: boolean;
	overwrite?: boolean;
	/** Appends `&fmt=json` to the ChunkUri. */
	json?: boolean;
}

/** The two-step upload: Upload2 for a ChunkUri, then the bytes to it (raw, or multipart Filedata). */
export async function upload(sandbox: Sandbox, token: string, folderId: string, name: string, bytes: Buffer, options: UploadOptions = {}) {
	const raw = options.raw ?? true;
	const spec = await sfOk(sandbox, token, 'POST', `Items(${folderId})/Upload2`, {
		Method: 'Standard',
		Raw: raw,
		FileName: name,
		FileSize: bytes.length,
		Overwrite: options.overwrite ?? false,
	});
	const chunkUri = `${spec.ChunkUri}${options.json === false ? '' : '&fmt=json'}`;
	let response: Response;
	if (raw) {
		response = await fetch(chunkUri, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: bytes });
	} else {
		const form = new FormData();
		form.append('Filedata', new Blob([bytes]), name);
		response = await fetch(chunkUri, { method: 'POST', body: form });
	}
	return { spec, answer: await answerOf(response) };
}

/** Follows Items(id)/Download's 302 to the storage link (which needs no token) and reads the bytes. */
export async function download(sandbox: Sandbox, token: string, id: string): Promise<{ bytes: Buffer; headers: Headers; link: string }> {
	const first = await fetch(`${hostBase(sandbox)}/sf/v3/Items(${id})/Download`, { headers: { authorization: `Bearer ${token}` }, redirect: 'manual' });
	expect(first.status).toBe(302);
	const link = first.headers.get('location')!;
	const second = await fetch(link);
	expect(second.status).toBe(200);
	return { bytes: Buffer.from(await second.arrayBuffer()), headers: second.headers, link };
}

export const md5 = (bytes: Buffer) => crypto.createHash('md5').update(bytes).digest('hex');

/** Moves the sandbox clock by `ms` (tokens age with it). */
export async function moveClock(sandbox: Sandbox, ms: number) {
	const answer = await call(sandbox, 'PUT', '/_sandbox/clock', { body: { offsetMs: ms }, auth: null });
	expect(answer.status).toBe(200);
}
