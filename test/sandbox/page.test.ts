import { POLLER_CONFIGURATION, ORGANIZATION_SECRET, USER_SECRET, call, createInstance, useSandbox } from './helpers';
import { placeOk } from './documents-helpers';
import { eventually, useReceiver } from './receiver';
import { signedWebhookInstance } from './subscription-helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe('sandbox: the sandbox page at /', () => {
	const sandbox = useSandbox();

	const get = (path: string, method = 'GET') => fetch(`${sandbox().origin}${path}`, { method });

	test('GET / is the page; the script and stylesheet it names are served, not cached, with their content types', async () => {
		const page = await get('/');
		expect(page.status).toBe(200);
		expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
		expect(page.headers.get('cache-control')).toBe('no-store');
		expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
		const html = await page.text();
		const script = /<script type="module" src="([^"]+)"><\/script>/.exec(html)?.[1];
		const stylesheet = /<link rel="stylesheet" href="([^"]+)">/.exec(html)?.[1];
		expect(script).toBe('ui/app.js');
		expect(stylesheet).toBe('ui/style.css');
		for (const testId of ['instance-select', 'instance-subscriptions', 'upload-input', 'drop-zone', 'tree', 'activity-log', 'rename-button', 'move-button', 'delete-button', 'new-folder-button']) {
			expect(html).toContain(`data-test="${testId}"`);
		}

		const js = await get(`/${script}`);
		expect(js.status).toBe(200);
		expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
		expect(js.headers.get('cache-control')).toBe('no-store');
		const code = await js.text();
		const css = await get(`/${stylesheet}`);
		expect(css.status).toBe(200);
		expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
		expect(await css.text()).toContain('.tree-row');

		// Every module the script imports, directly or not, is served too; nothing comes from elsewhere.
		const importsOf = (source: string) => [...source.matchAll(/from '\.\/([a-z0-9-]+\.js)'/g)].map((match) => match[1]);
		const seen = new Set<string>();
		const queue = importsOf(code);
		expect(queue.length).toBeGreaterThan(0);
		while (queue.length > 0) {
			const name = queue.shift()!;
			if (seen.has(name)) continue;
			seen.add(name);
			const module = await get(`/ui/${name}`);
			expect(module.status).toBe(200);
			expect(module.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
			const source = await module.text();
			expect(source).not.toMatch(/https?:\/\//);
			queue.push(...importsOf(source));
		}
		expect(seen).toContain('dom.js');
		expect(seen).toContain('subscriptions.js');
		expect(code).not.toMatch(/https?:\/\//);
		expect(html).not.toMatch(/(src|href)="https?:/);
	});

	test('only the page\'s own files: unknown names and paths out of ui/ are 404; other methods 405; the API and controls are unchanged', async () => {
		expect((await get('/ui/missing.js')).status).toBe(404);
		expect((await get('/ui/%2e%2e%2findex.js')).status).toBe(404);
		expect((await get('/ui/..%2Findex.js')).status).toBe(404);
		expect((await get('/ui/../index.js')).status).toBe(404);
		expect((await get('/index.js')).status).toBe(404);
		const post = await get('/', 'POST');
		expect(post.status).toBe(405);
		expect(post.headers.get('allow')).toBe('GET, HEAD');
		expect((await get('/', 'HEAD')).status).toBe(200);
		expect((await get('/elements/api-v2/instances')).status).toBe(401);
		expect((await get('/_sandbox/health')).status).toBe(200);
		// The page is not a platform request: it stays out of the request log.
		expect((await call(sandbox(), 'GET', '/_sandbox/requests', { auth: null })).json.map((entry: Json) => entry.path)).toEqual(['/instances']);
	});
});

describe('sandbox: what the page may show holds no secret', () => {
	const sandbox = useSandbox({ timeScale: 1000 });
	const receiver = useReceiver();

	const SIGNATURE_KEY = 'Sig-Key-7f3a9c';
	const OAUTH_SECRET = 'OAuth-Secret-51b2';
	const BASIC_PASSWORD = 'Basic-Pass-c0ffee';

	test('GET /_sandbox/instances: id, name, tags, event mode and callback URL; no token, key, secret or password', async () => {
		const off = await createInstance(sandbox(), { name: 'quiet', tags: ['a'] }, { 'oauth.api.secret': OAUTH_SECRET });
		const hooks = await createInstance(sandbox(), { name: 'ShareFile example', tags: ['n8n-example'] }, {
			'oauth.api.secret': OAUTH_SECRET,
			'event.notification.enabled': true,
			'event.vendor.type': 'webhook',
			'event.notification.callback.url': receiver().url,
			'event.notification.signature.key': SIGNATURE_KEY,
			'event.notification.basic.username': 'n8n',
			'event.notification.basic.password': BASIC_PASSWORD,
		});
		const polled = await createInstance(sandbox(), { name: 'polled' }, {
			'event.notification.enabled': true,
			'event.vendor.type': 'polling',
			// A password in the URL itself and a credential-like query parameter are masked.
			'event.notification.callback.url': `http://n8n:${BASIC_PASSWORD}@127.0.0.1:${receiver().port}/hook?token=${OAUTH_SECRET}&run=1`,
			'event.poller.configuration': POLLER_CONFIGURATION,
		});
		const answer = await call(sandbox(), 'GET', '/_sandbox/instances', { auth: null });
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual([
			{ id: off.id, name: 'quiet', tags: ['a'], disabled: false, eventMode: 'off', callbackUrl: null, subscriptionActive: null, createdDate: off.createdDate },
			{ id: hooks.id, name: 'ShareFile example', tags: ['n8n-example'], disabled: false, eventMode: 'webhook', callbackUrl: receiver().url, subscriptionActive: true, createdDate: hooks.createdDate },
			{
				id: polled.id,
				name: 'polled',
				tags: [],
				disabled: false,
				eventMode: 'polling',
				callbackUrl: `http://n8n:********@127.0.0.1:${receiver().port}/hook?token=********&run=1`,
				subscriptionActive: true,
				createdDate: polled.createdDate,
			},
		]);
		for (const secret of [off.token, hooks.token, polled.token, SIGNATURE_KEY, OAUTH_SECRET, BASIC_PASSWORD, USER_SECRET, ORGANIZATION_SECRET]) {
			expect(answer.text).not.toContain(secret);
		}
	});

	test('GET /_sandbox/activity holds no token, signature key or password, even for a signed delivery with Basic auth', async () => {
		const instance = await createInstance(sandbox(), {}, {
			'oauth.api.secret': OAUTH_SECRET,
			'event.notification.enabled': true,
			'event.vendor.type': 'webhook',
			'event.notification.callback.url': `http://n8n:${BASIC_PASSWORD}@127.0.0.1:${receiver().port}/hook`,
			'event.notification.signature.key': SIGNATURE_KEY,
			'event.notification.basic.password': BASIC_PASSWORD,
		});
		await placeOk(sandbox(), instance.id, { op: 'upload', path: '/top/a.txt', content: 'a' });
		const [received] = await receiver().waitFor(1);
		expect(received.headers['elements-webhook-signature']).toBeDefined();
		const answer = await eventually(async () => {
			const activity = await call(sandbox(), 'GET', '/_sandbox/activity', { auth: null });
			return activity.json.entries.some((entry: Json) => entry.status === 'delivered') && activity;
		});
		expect(answer.json.entries[0].lastAttempt.url).toBe(`http://n8n:********@127.0.0.1:${receiver().port}/hook`);
		for (const secret of [instance.token, SIGNATURE_KEY, OAUTH_SECRET, BASIC_PASSWORD, USER_SECRET, ORGANIZATION_SECRET, received.headers['elements-webhook-signature'] as string]) {
			expect(answer.text).not.toContain(secret);
		}
	});

	test('GET /_sandbox/subscriptions: each subscription, whose events it hears and its deliveries by status; URLs masked', async () => {
		const instance = await signedWebhookInstance(sandbox(), receiver().url, SIGNATURE_KEY);
		const added = (await call(sandbox(), 'POST', '/notifications/subscriptions', {
			body: { channel: 'webhook', topics: [`instance-${instance.id}-sharefile-events`], config: { url: `http://127.0.0.1:${receiver().port}/other?token=${OAUTH_SECRET}` } },
		})).json;
		await placeOk(sandbox(), instance.id, { op: 'upload', path: '/top/a.txt' });
		await receiver().waitFor(2);
		const answer = await eventually(async () => {
			const list = await call(sandbox(), 'GET', '/_sandbox/subscriptions', { auth: null });
			return list.json.every((entry: Json) => entry.deliveries.delivered === 1) && list;
		});
		const counts = { total: 1, pending: 0, sending: 0, retrying: 0, delivered: 1, failed: 0, queued: 0 };
		expect(answer.json).toEqual([
			{ id: expect.any(Number), channel: 'webhook', topics: [`instance-${instance.id}-sharefile-events`], url: receiver().url, active: true, deactivatedAt: null, createdDate: expect.any(String), ownedBy: instance.id, instanceIds: [instance.id], deliveries: counts },
			{ id: added.id, channel: 'webhook', topics: added.topics, url: `http://127.0.0.1:${receiver().port}/other?token=********`, active: true, deactivatedAt: null, createdDate: added.createdDate, ownedBy: null, instanceIds: [instance.id], deliveries: counts },
		]);
		for (const secret of [instance.token, SIGNATURE_KEY, OAUTH_SECRET]) expect(answer.text).not.toContain(secret);
		// The log names each delivery's subscription.
		const entries = (await call(sandbox(), 'GET', '/_sandbox/activity', { auth: null })).json.entries.filter((entry: Json) => entry.kind === 'delivery');
		expect(entries.map((entry: Json) => entry.subscriptionId).sort()).toEqual(answer.json.map((entry: Json) => entry.id).sort());
	});
});
