import { clearCachedInstances } from '../../nodes/cloudElements/instances/instanceToken';
import { startSandbox, type Sandbox } from '../../sandbox';

export const USER_SECRET = 'user-secret-7f3a9c';
export const ORGANIZATION_SECRET = 'org-secret-b81d24';
export const SHAREFILE_CLIENT_SECRET = 'sharefile-client-secret-5e6f';

/** A sandbox on a free port with distinctive secrets, and direct HTTP access to it for checks. */
export async function startTestSandbox(options: { timeScale?: number } = {}): Promise<SandboxClient> {
	const sandbox = await startSandbox({
		port: 0,
		userSecret: USER_SECRET,
		organizationSecret: ORGANIZATION_SECRET,
		...options,
	});
	return new SandboxClient(sandbox);
}

export class SandboxClient {
	constructor(readonly sandbox: Sandbox) {}

	/** The credential a user would create for this sandbox. */
	credentials(overrides: Record<string, string> = {}) {
		return {
			environment: 'custom',
			baseUrl: this.sandbox.baseUrl,
			userSecret: USER_SECRET,
			organizationSecret: ORGANIZATION_SECRET,
			sharefileClientId: 'sharefile-client-id',
			sharefileClientSecret: SHAREFILE_CLIENT_SECRET,
			sharefileRedirectUri: 'https://example.com/oauth/callback',
			...overrides,
		};
	}

	async platform(method: string, path: string, body?: unknown) {
		const response = await fetch(`${this.sandbox.baseUrl}${path}`, {
			method,
			headers: {
				Authorization: `User ${USER_SECRET}, Organization ${ORGANIZATION_SECRET}`,
				'Content-Type': 'application/json',
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
	}

	async hub(method: string, path: string, token: string) {
		const response = await fetch(`${this.sandbox.baseUrl}${path}`, {
			method,
			headers: {
				Authorization: `User ${USER_SECRET}, Organization ${ORGANIZATION_SECRET}, Element ${token}`,
			},
		});
		return { status: response.status, body: await response.text() };
	}

	async control(method: string, path: string, body?: unknown) {
		const response = await fetch(`${this.sandbox.origin}/_sandbox${path}`, {
			method,
			headers: { 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		return text ? JSON.parse(text) : undefined;
	}

	/** Creates an instance directly (not through the node), for tests of the other operations. */
	async createInstance(name: string, tags: string[] = [], configuration: Record<string, unknown> = {}) {
		const created = await this.platform('POST', '/instances', {
			element: { key: 'sharefile' },
			providerData: { code: 'sandbox-demo-code' },
			configuration: {
				'oauth.api.key': 'sharefile-client-id',
				'oauth.api.secret': SHAREFILE_CLIENT_SECRET,
				'oauth.callback.url': 'https://example.com/oauth/callback',
				'sharefile.subdomain': 'acme',
				...configuration,
			},
			tags,
			name,
		});
		if (created.status !== 200) throw new Error(`create failed: ${JSON.stringify(created.body)}`);
		return created.body as { id: number; token: string; name: string };
	}

	async requests(): Promise<Array<{ method: string; path: string; status: number; query?: Record<string, unknown> }>> {
		const log = await this.control('GET', '/requests');
		return Array.isArray(log) ? log : log.requests;
	}

	async close() {
		await this.sandbox.close();
	}
}

/**
 * A sandbox for a test file: started once, reset before each test (state, faults, request
 * log, clock), closed at the end. Call the returned function to reach it.
 */
export function useTestSandbox(options: { timeScale?: number } = {}): () => SandboxClient {
	let client: SandboxClient | undefined;
	beforeAll(async () => {
		client = await startTestSandbox(options);
	});
	afterAll(async () => {
		await client?.close();
	});
	beforeEach(async () => {
		await client!.control('POST', '/reset');
		// A reset sandbox gives out the same instance ids again, to other instances: the
		// triggers' in-memory copies of instances (and their tokens) belong to the old ones.
		clearCachedInstances();
		await client!.control('DELETE', '/faults');
		await client!.control('DELETE', '/requests');
	});
	return () => client!;
}
