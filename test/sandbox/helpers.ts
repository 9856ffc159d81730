import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox';

export const USER_SECRET = 'sandbox-user-secret';
export const ORGANIZATION_SECRET = 'sandbox-organization-secret';
export const AUTH = `User ${USER_SECRET}, Organization ${ORGANIZATION_SECRET}`;
export const DEMO_CODE = 'sandbox-demo-code';

export interface Answer {
	status: number;
	headers: Headers;
	text: string;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	json: any;
}

export interface CallOptions {
	body?: unknown;
	/** Sent as is, not JSON-encoded. */
	rawBody?: string;
	/** Authorization header; null sends none. Defaults to the platform secrets. */
	auth?: string | null;
	/** Instance token appended as `, Element <token>`. */
	element?: string;
}

/** One HTTP call to the sandbox; `path` is relative to baseUrl unless it starts with `/_sandbox`. */
export async function call(sandbox: Sandbox, method: string, path: string, options: CallOptions = {}): Promise<Answer> {
	const url = path.startsWith('/_sandbox') ? `${sandbox.origin}${path}` : `${sandbox.baseUrl}${path}`;
	const headers: Record<string, string> = {};
	let auth = options.auth === undefined ? AUTH : options.auth;
	if (auth !== null && options.element !== undefined) auth = `${auth}, Element ${options.element}`;
	if (auth !== null) headers.authorization = auth;
	let body: string | undefined;
	if (options.rawBody !== undefined) body = options.rawBody;
	else if (options.body !== undefined) body = JSON.stringify(options.body);
	if (body !== undefined) headers['content-type'] = 'application/json';
	return answerOf(await fetch(url, { method, headers, body, redirect: 'manual' }));
}

/** A response read whole: its text, and its JSON when it has some. */
export async function answerOf(response: Response): Promise<Answer> {
	const text = await response.text();
	let json: unknown;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: response.headers, text, json };
}

/** The instance fields the tests read; the answer has more. */
export interface InstanceView {
	id: number;
	name: string;
	token: string;
	tags: string[];
	configuration: Record<string, string>;
	eventsEnabled: boolean;
	disabled: boolean;
	createdDate: string;
	updatedDate: string;
	[key: string]: unknown;
}

export function sharefileConfiguration(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		'oauth.api.key': 'client-id-123',
		'oauth.api.secret': 'client-secret-456',
		'oauth.callback.url': 'https://app.example.com/oauth/callback',
		'sharefile.subdomain': 'acme',
		...overrides,
	};
}

export const POLLER_CONFIGURATION = {
	documents: {
		url: "/hubs/documents/events/poll/documents?where=lastmodifieddate='${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}'",
		idField: 'Id',
		datesConfiguration: {
			updatedDateField: 'ProgenyEditDate',
			updatedDateFormat: "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'",
			updatedDateTimezone: 'GMT',
			createdDateField: 'CreationDate',
			createdDateFormat: "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'",
			createdDateTimezone: 'GMT',
		},
	},
};

export function instanceBody(overrides: Record<string, unknown> = {}, configuration: Record<string, unknown> = {}) {
	return {
		element: { key: 'sharefile' },
		providerData: { code: DEMO_CODE },
		configuration: sharefileConfiguration(configuration),
		tags: [],
		name: 'ShareFile test',
		...overrides,
	};
}

export async function createInstance(
	sandbox: Sandbox,
	overrides: Record<string, unknown> = {},
	configuration: Record<string, unknown> = {},
) {
	const answer = await call(sandbox, 'POST', '/instances', { body: instanceBody(overrides, configuration) });
	if (answer.status !== 200) throw new Error(`instance creation failed: ${answer.status} ${answer.text}`);
	return answer.json as InstanceView;
}

/** Starts a sandbox for the file's tests and resets it before each test. */
export function useSandbox(options: SandboxOptions = {}): () => Sandbox {
	let sandbox: Sandbox | undefined;
	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, ...options });
	});
	afterAll(async () => {
		await sandbox?.close();
	});
	beforeEach(async () => {
		const answer = await call(sandbox!, 'POST', '/_sandbox/reset');
		expect(answer.status).toBe(200);
	});
	return () => sandbox!;
}

/** Asserts Cloud Elements' error shape and that the header carries the body's request id. */
export function expectCeError(answer: Answer, status: number, message?: RegExp) {
	expect(answer.status).toBe(status);
	expect(typeof answer.json?.requestId).toBe('string');
	expect(answer.json.requestId.length).toBeGreaterThan(0);
	expect(typeof answer.json.message).toBe('string');
	expect(answer.headers.get('elements-request-id')).toBe(answer.json.requestId);
	if (message) expect(answer.json.message).toMatch(message);
}

/** Follows the OAuth dance through the sandbox's authorize page and returns the issued code. */
export async function authorizeThroughPage(
	sandbox: Sandbox,
	apiKey = 'client-id-123',
	callbackUrl = 'https://app.example.com/oauth/callback',
	state = 'st-1',
) {
	const url = await call(
		sandbox,
		'GET',
		`/elements/sharefile/oauth/url?apiKey=${encodeURIComponent(apiKey)}&apiSecret=shh&callbackUrl=${encodeURIComponent(callbackUrl)}&state=${state}`,
	);
	expect(url.status).toBe(200);
	const page = new URL(url.json.oauthUrl);
	const approve = await fetch(`${sandbox.origin}/_sandbox/oauth/authorize/approve${page.search}`, { redirect: 'manual' });
	expect(approve.status).toBe(302);
	const location = new URL(approve.headers.get('location')!);
	return { code: location.searchParams.get('code')!, location };
}

/**
 * Sandboxes that keep their state in a data file, for restart tests: each test gets a fresh
 * folder; `start()` starts another sandbox on the same file; all are closed and the folder
 * removed after each test.
 */
export function useDataFileSandboxes(relativeFile = 'state.json') {
	let directory = '';
	const running: Sandbox[] = [];
	beforeEach(() => {
		directory = fs.mkdtempSync(path.join(os.tmpdir(), 'ce-sandbox-'));
	});
	afterEach(async () => {
		await Promise.all(running.splice(0).map((sandbox) => sandbox.close()));
		fs.rmSync(directory, { recursive: true, force: true });
	});
	const dataFile = () => path.join(directory, relativeFile);
	return {
		dataFile,
		/** Another sandbox on the test's data file; `{ dataFile: undefined }` keeps it in memory. */
		async start(options: SandboxOptions = {}): Promise<Sandbox> {
			const sandbox = await startSandbox({ port: 0, dataFile: dataFile(), ...options });
			running.push(sandbox);
			return sandbox;
		},
	};
}
