/**
 * Fault campaign, secrets: every operation of the action node, the credential test, the
 * instance picker, the polling trigger and the webhook trigger — succeeding, failing on wrong
 * secrets, on Cloud Elements errors and on injected faults — with distinctive secret values;
 * then every output item, every error (all its fields, the stack included), every log line
 * (n8n-workflow's LoggerProxy and n8n-core's DI Logger, captured) and console write, every HTTP
 * answer of the webhook and all static data is searched for each secret, as written, URL-encoded
 * and in base64.
 *
 * Secrets: the credential's User and Organization secrets, the ShareFile OAuth client secret,
 * the credential's Event Signature Key, a signature key entered in the node, wrong secrets a user
 * typed, every instance token, and every signature key the webhook trigger derived.
 * (A key the node generates for Instance → Create is never known outside Cloud Elements, so it
 * cannot be searched for.)
 *
 * Figure (bench/results.json): secret_leaks, must be 0.
 */
import { inspect } from 'util';

import { LoggerProxy, type IDataObject } from 'n8n-workflow';

import { derivedSignatureKey, nonceOf } from '../../nodes/engine/webhook/callbackRegistration';
import { clearCachedInstances } from '../../nodes/cloudElements/instances/instanceToken';
import { DOCUMENTS_FORM_ROW } from '../harness/formRows';
import { runActionNode, searchInstancesInEditor, testCredentialInEditor } from '../harness/n8n';
import { PolledWorkflow } from '../harness/pollTrigger';
import { ORGANIZATION_SECRET, SHAREFILE_CLIENT_SECRET, useTestSandbox, USER_SECRET } from '../harness/sandboxClient';
import { WebhookTriggerHarness } from '../harness/webhookTrigger';
import { writeFigures } from './figures';

const sandbox = useTestSandbox();

const CREDENTIAL_SIGNATURE_KEY = 'campaign-credential-signature-key-3c9d1e7a';
const ENTERED_SIGNATURE_KEY = 'campaign-entered-signature-key-77ab02f9';
const WRONG_USER_SECRET = 'campaign-wrong-user-secret-51c0d2';
const WRONG_ORGANIZATION_SECRET = 'campaign-wrong-org-secret-a9e4b7';

const secrets = new Map<string, string>([
	[USER_SECRET, 'user secret'],
	[ORGANIZATION_SECRET, 'organization secret'],
	[SHAREFILE_CLIENT_SECRET, 'ShareFile client secret'],
	[CREDENTIAL_SIGNATURE_KEY, "credential's event signature key"],
	[ENTERED_SIGNATURE_KEY, 'signature key entered in the node'],
	[WRONG_USER_SECRET, 'a wrong user secret'],
	[WRONG_ORGANIZATION_SECRET, 'a wrong organization secret'],
]);

/** Everything searched: [where, text]. */
const places: Array<[string, string]> = [];
const logLines: string[] = [];

function text(value: unknown): string {
	let json = '';
	try {
		json = JSON.stringify(value) ?? '';
	} catch {
		// Circular: inspect below sees it all.
	}
	return `${json}\n${inspect(value, { depth: 12, showHidden: true, breakLength: Infinity, maxArrayLength: null, maxStringLength: null })}`;
}

function collect(where: string, value: unknown): void {
	places.push([where, text(value)]);
}

function errorText(error: unknown): string {
	const e = error as { message?: unknown; description?: unknown; stack?: unknown; cause?: unknown } | undefined;
	return [String(e?.message ?? ''), String(e?.description ?? ''), String(e?.stack ?? ''), text(e?.cause), text(error)].join('\n');
}

function collectError(where: string, error: unknown): void {
	places.push([where, errorText(error)]);
}

async function expectFailure(where: string, run: () => Promise<unknown>): Promise<void> {
	try {
		const result = await run();
		collect(`${where} (did not fail)`, result);
	} catch (error) {
		collectError(where, error);
	}
}

const credentials = (overrides: Record<string, string> = {}) =>
	sandbox().credentials({ eventSignatureSecret: CREDENTIAL_SIGNATURE_KEY, ...overrides });

const instanceLocator = (id: number | string) => ({ __rl: true, mode: 'id', value: String(id) });

async function rememberToken(id: number | string): Promise<void> {
	const answer = await sandbox().platform('GET', `/instances/${id}`);
	if (answer.status === 200 && answer.body?.token) secrets.set(answer.body.token as string, `token of instance ${id}`);
}

async function action(where: string, parameters: IDataObject, options: Parameters<typeof runActionNode>[2] = {}, overrides: Record<string, string> = {}) {
	const run = await runActionNode(credentials(overrides), parameters, options);
	collect(`${where}: items`, run.items);
	if (run.error) collectError(`${where}: error`, run.error);
	collect(`${where}: n8n's stored run data`, run.run?.data.resultData);
	return run;
}

let restoreLogs: () => void = () => {};

beforeAll(() => {
	const capture = (level: string) => (message: unknown, meta?: unknown) => {
		logLines.push(`${level} ${String(message)} ${text(meta)}`);
	};
	const logger = {
		error: capture('error'),
		warn: capture('warn'),
		info: capture('info'),
		debug: capture('debug'),
		verbose: capture('verbose'),
		scoped() {
			return logger;
		},
	};
	LoggerProxy.init(logger as never);
	// n8n-core's node contexts log through the DI container's Logger.
	try {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { Container } = require('@n8n/di') as { Container: { set(token: unknown, value: unknown): void } };
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { Logger } = require('@n8n/backend-common') as { Logger: unknown };
		Container.set(Logger, logger);
	} catch (error) {
		logLines.push(`(could not capture n8n-core's DI logger: ${String(error)})`);
	}
	const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
		jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
			logLines.push(`console.${method} ${args.map((arg) => text(arg)).join(' ')}`);
		}),
	);
	restoreLogs = () => spies.forEach((spy) => spy.mockRestore());
});

afterAll(() => restoreLogs());

describe('fault campaign: secrets', () => {
	jest.setTimeout(300_000);

	it('shows no secret in any output, error, log or static data', async () => {
		// --- credential and picker ---------------------------------------------------------------
		collect('credential test', await testCredentialInEditor(credentials()));
		collect('credential test, wrong secret', await testCredentialInEditor(credentials({ userSecret: WRONG_USER_SECRET })));

		// --- action node: every operation --------------------------------------------------------
		const created = await action('create (polling, no key)', {
			resource: 'instance', operation: 'create', name: 'secret polling', authorizationCode: 'sandbox-demo-code', subdomain: 'acme',
			rootFolder: '/top', tags: 'campaign', events: 'polling', callbackUrl: 'https://hooks.example.com/x', signatureKeyMode: 'none',
			refreshInterval: 5, pollResources: { resource: [DOCUMENTS_FORM_ROW] },
		});
		const pollingId = created.items[0].json.id as number;
		await rememberToken(pollingId);
		const webhookInstance = await action('create (webhook, entered key)', {
			resource: 'instance', operation: 'create', name: 'secret webhook', authorizationCode: 'sandbox-demo-code', subdomain: 'acme',
			rootFolder: '/top', tags: 'campaign', events: 'webhook', callbackUrl: 'https://hooks.example.com/y', signatureKeyMode: 'custom',
			signatureKey: ENTERED_SIGNATURE_KEY,
		});
		const webhookId = webhookInstance.items[0].json.id as number;
		await rememberToken(webhookId);
		const generated = await action('create (webhook, generated key)', {
			resource: 'instance', operation: 'create', name: 'secret generated', authorizationCode: 'sandbox-demo-code', subdomain: 'acme',
			rootFolder: '/top', tags: '', events: 'webhook', callbackUrl: 'https://hooks.example.com/z', signatureKeyMode: 'generate',
		});
		await rememberToken(generated.items[0].json.id as number);
		await action('create with a used grant code', {
			resource: 'instance', operation: 'create', name: 'bad code', authorizationCode: 'not-a-real-code', subdomain: 'acme',
			rootFolder: '/top', tags: '', events: 'off',
		});
		await action('get', { resource: 'instance', operation: 'get', instance: instanceLocator(pollingId) });
		await action('get many', { resource: 'instance', operation: 'getMany', returnAll: true, filters: { tags: 'campaign' } });
		await action('update (entered key, polling)', {
			resource: 'instance', operation: 'update', instance: instanceLocator(webhookId), updateFields: { name: 'renamed', tags: 'campaign, x' },
			events: 'polling', callbackUrl: 'https://hooks.example.com/w', signatureKeyMode: 'custom', signatureKey: ENTERED_SIGNATURE_KEY,
			refreshInterval: 3, pollResources: { resource: [DOCUMENTS_FORM_ROW] },
		});
		await action('update (keep key)', {
			resource: 'instance', operation: 'update', instance: instanceLocator(webhookId), updateFields: {}, events: 'webhook',
			callbackUrl: 'https://hooks.example.com/v', signatureKeyMode: 'keep',
		});
		await action('get OAuth URL', { resource: 'instance', operation: 'getOAuthUrl', state: 'campaign' });
		await sandbox().control('POST', `/instances/${pollingId}/events`, { status: 'NOTIFIED', notifiedData: { campaign: true } });
		await action('event get many', { resource: 'event', operation: 'getMany', instance: instanceLocator(pollingId), returnAll: true });
		await action('disable', { resource: 'instance', operation: 'disable', instance: instanceLocator(webhookId) });
		await action('enable', { resource: 'instance', operation: 'enable', instance: instanceLocator(webhookId) });
		await action('get, continue on fail, one missing', { resource: 'instance', operation: 'get', instance: { __rl: true, mode: 'id', value: '={{ $json.id }}' } }, {
			inputItems: [{ id: pollingId }, { id: 999_999 }],
			node: { continueOnFail: true },
		});
		await action('get many, wrong organization secret', { resource: 'instance', operation: 'getMany', returnAll: true }, {}, { organizationSecret: WRONG_ORGANIZATION_SECRET });
		await action('get many, wrong user secret', { resource: 'instance', operation: 'getMany', returnAll: true }, {}, { userSecret: WRONG_USER_SECRET });
		await sandbox().control('POST', '/faults', { kind: '500', count: 1 });
		await action('get, 500', { resource: 'instance', operation: 'get', instance: instanceLocator(pollingId) });
		await sandbox().control('POST', '/faults', { kind: 'broken', count: 1, method: 'POST' });
		await action('create, connection cut', {
			resource: 'instance', operation: 'create', name: 'cut', authorizationCode: 'sandbox-demo-code', subdomain: 'acme', rootFolder: '/top', tags: '', events: 'off',
		});
		await sandbox().control('POST', '/faults', { kind: '429', count: 6, retryAfter: 0 });
		await action('get, rate limited throughout', { resource: 'instance', operation: 'get', instance: instanceLocator(pollingId) });
		await sandbox().control('DELETE', '/faults');
		collect('instance picker', await searchInstancesInEditor(credentials()));
		await expectFailure('instance picker, wrong secret', () => searchInstancesInEditor(credentials({ organizationSecret: WRONG_ORGANIZATION_SECRET })));

		// --- polling trigger -----------------------------------------------------------------------
		const pollParameters = {
			instance: instanceLocator(pollingId), resourceSource: 'form', pollResources: { resource: [DOCUMENTS_FORM_ROW] },
			eventTypes: ['CREATED', 'UPDATED'], pathPrefix: '', startFrom: 'now',
		};
		let polled = new PolledWorkflow(credentials(), pollParameters);
		collect('poll: activation', await polled.poll());
		const now = Date.parse((await sandbox().control('GET', '/clock')).now);
		await sandbox().control('POST', `/instances/${pollingId}/documents`, { changes: [
			{ op: 'createFolder', path: '/top/Secret', at: now + 1000 },
			{ op: 'upload', path: '/top/Secret/a.txt', content: 'hello', at: now + 2000 },
		] });
		collect('poll: changes', await polled.poll());
		collect('poll: fetch test event', await polled.poll('manual'));
		await sandbox().control('POST', '/faults', { kind: '500', count: 1, pathPrefix: '/hubs/' });
		await expectFailure('poll: 500', () => polled.poll());
		await sandbox().control('POST', '/faults', { kind: 'broken', count: 1, pathPrefix: '/hubs/' });
		collect('poll: body cut off, retried', await polled.poll());
		await action('disable for the poll', { resource: 'instance', operation: 'disable', instance: instanceLocator(pollingId) });
		await expectFailure('poll: disabled instance (403)', () => polled.poll());
		await action('enable after the poll', { resource: 'instance', operation: 'enable', instance: instanceLocator(pollingId) });
		clearCachedInstances();
		await expectFailure('poll: wrong secret', () => new PolledWorkflow(credentials({ userSecret: WRONG_USER_SECRET }), pollParameters).poll());
		await expectFailure('poll: bad date format', () => new PolledWorkflow(credentials(), {
			...pollParameters, pollResources: { resource: [{ ...DOCUMENTS_FORM_ROW, updatedDateFormat: 'yyyy-MM-dd HH:mm' }] },
		}).restart().poll());
		polled = polled.restart();
		collect('poll: after restart', await polled.poll());
		collect('poll: static data', polled.staticDataJson);

		// --- webhook trigger -----------------------------------------------------------------------
		const hooks: WebhookTriggerHarness[] = [];
		try {
			const generatedKeys = new WebhookTriggerHarness(credentials(), {
				instance: instanceLocator(webhookId), detection: 'webhook', eventTypes: ['CREATED', 'UPDATED', 'DELETED', 'MOVED'], signatureKeySource: 'generate', registration: 'callback',
			});
			hooks.push(await generatedKeys.start());
			collect('webhook: checkExists', await generatedKeys.hook('checkExists'));
			collect('webhook: create', await generatedKeys.hook('create'));
			const registered = async () => (await sandbox().platform('GET', `/instances/${webhookId}`)).body.configuration['event.notification.callback.url'] as string;
			const productionUrl = await registered();
			const productionKey = derivedSignatureKey([USER_SECRET, ORGANIZATION_SECRET], nonceOf(productionUrl)!);
			secrets.set(productionKey, 'derived signature key (production)');
			collect('webhook: create in an editor test session', await generatedKeys.hook('create', true));
			const testUrl = await registered();
			const testKey = derivedSignatureKey([USER_SECRET, ORGANIZATION_SECRET], nonceOf(testUrl)!);
			secrets.set(testKey, 'derived signature key (test session)');

			const { createHmac } = await import('crypto');
			const sign = (body: string, key: string) => `sha256=${createHmac('sha256', key).update(body).digest('base64')}`;
			const envelope = (id: string) => JSON.stringify({
				id, severity: 'medium', createdDate: 'Tue Mar 05 14:02:11 UTC 2024', topic: 't', action: 'create', user: 'u',
				message: { elementKey: 'sharefile', eventId: `ev-${id}`, instanceId: webhookId, instanceName: 'renamed', instanceTags: [],
					raw: { WebhookSubscriptionId: 's', Event: { OperationName: 'Upload', ResourceType: 'File', Resource: { Id: 'fi1' } } },
					events: [{ eventType: 'CREATED', objectType: 'File', objectId: 'fi1', date: '2024-03-05T14:00:58Z' }] },
			});
			const post = async (where: string, url: string, body: string, headers: Record<string, string>) => {
				const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
				collect(where, { status: response.status, headers: [...response.headers.entries()], body: await response.text() });
			};
			await post('webhook: good delivery', productionUrl, envelope('1'), { 'elements-webhook-signature': sign(envelope('1'), productionKey), 'elements-webhook-id': '1' });
			await post('webhook: replay', productionUrl, envelope('1'), { 'elements-webhook-signature': sign(envelope('1'), productionKey), 'elements-webhook-id': '1' });
			await post('webhook: test session delivery', testUrl, envelope('2'), { 'elements-webhook-signature': sign(envelope('2'), testKey) });
			await post('webhook: wrong key', productionUrl, envelope('3'), { 'elements-webhook-signature': sign(envelope('3'), 'wrong') });
			await post('webhook: unsigned', productionUrl, envelope('4'), {});
			await post('webhook: not JSON', productionUrl, 'nope', { 'elements-webhook-signature': sign('nope', productionKey) });
			await post('webhook: signed with a secret as the key', productionUrl, envelope('5'), { 'elements-webhook-signature': sign(envelope('5'), USER_SECRET) });
			collect('webhook: delete test session', await generatedKeys.hook('delete', true));
			collect('webhook: delete', await generatedKeys.hook('delete'));
			collect('webhook: started items', generatedKeys.started);
			collect('webhook: answers', generatedKeys.answers);
			collect('webhook: static data (production)', generatedKeys.staticData());
			collect('webhook: static data (test)', generatedKeys.staticData(true));

			const credentialKey = new WebhookTriggerHarness(credentials(), {
				instance: instanceLocator(webhookId), detection: 'polling', refreshInterval: 2, pollResources: { resource: [DOCUMENTS_FORM_ROW] },
				eventTypes: ['CREATED', 'UPDATED'], signatureKeySource: 'credential', registration: 'callback',
			});
			hooks.push(await credentialKey.start());
			collect('webhook (credential key): create', await credentialKey.hook('create'));
			const credentialUrl = await registered();
			await post('webhook (credential key): delivery', credentialUrl, envelope('6'), { 'elements-webhook-signature': sign(envelope('6'), CREDENTIAL_SIGNATURE_KEY) });
			collect('webhook (credential key): delete', await credentialKey.hook('delete'));
			collect('webhook (credential key): started', credentialKey.started);
			collect('webhook (credential key): static data', credentialKey.staticData());

			const noKey = new WebhookTriggerHarness(sandbox().credentials(), {
				instance: instanceLocator(webhookId), detection: 'webhook', eventTypes: ['CREATED'], signatureKeySource: 'credential', registration: 'callback',
			});
			hooks.push(await noKey.start());
			await expectFailure('webhook: credential without a key', () => noKey.hook('create'));
			const wrongSecret = new WebhookTriggerHarness(credentials({ userSecret: WRONG_USER_SECRET }), {
				instance: instanceLocator(webhookId), detection: 'webhook', eventTypes: ['CREATED'], signatureKeySource: 'generate', registration: 'callback',
			});
			hooks.push(await wrongSecret.start());
			await expectFailure('webhook: create with a wrong secret', () => wrongSecret.hook('create'));
		} finally {
			for (const hook of hooks) await hook.close();
		}
		await action('delete', { resource: 'instance', operation: 'delete', instance: instanceLocator(pollingId) });
		await action('get after delete', { resource: 'instance', operation: 'get', instance: instanceLocator(pollingId) });

		// --- the search ------------------------------------------------------------------------------
		// Every instance still there (one made by a request whose answer was cut off, too).
		for (const listed of (await sandbox().platform('GET', '/instances?pageSize=200')).body as Array<{ id: number; token?: string }>) {
			if (listed.token) secrets.set(listed.token, `token of instance ${listed.id}`);
		}
		places.push(['logs', logLines.join('\n')]);
		const leaks: string[] = [];
		for (const [secret, label] of secrets) {
			const forms = new Set([secret, encodeURIComponent(secret), Buffer.from(secret, 'utf8').toString('base64'), Buffer.from(secret, 'utf8').toString('base64url')]);
			for (const [where, haystack] of places) {
				for (const form of forms) if (haystack.includes(form)) leaks.push(`${label} in ${where}`);
			}
		}
		// The search must be able to find what it looks for: a token is in the sandbox's own answer.
		const control = (await sandbox().platform('GET', `/instances/${webhookId}`)).body;
		expect(text(control)).toContain(control.token);
		expect(secrets.has(control.token)).toBe(true);
		expect(logLines.length).toBeGreaterThan(0);

		writeFigures([
			{
				name: 'secret_leaks',
				value: leaks.length,
				detail: `${secrets.size} secrets (as written, URL-encoded, base64) searched in ${places.length} places: outputs, errors (stack included), n8n's stored run data, webhook answers, static data and ${logLines.length} captured log lines${leaks.length ? `; found: ${leaks.slice(0, 20).join('; ')}` : ''}`,
			},
		]);
		expect(leaks).toEqual([]);
	});
});
