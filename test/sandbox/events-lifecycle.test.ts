import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startSandbox, type Sandbox } from '../../sandbox';
import { POLLER_CONFIGURATION, call, createInstance } from './helpers';
import { placeOk } from './documents-helpers';
import { eventually, startReceiver } from './receiver';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

// The sandbox must also run on the machine's own Node (20).
const NODE = fs.existsSync('/usr/bin/node') ? '/usr/bin/node' : process.execPath;
const SANDBOX = path.resolve(__dirname, '../../sandbox');

describe('sandbox: the event engine\'s timers and state', () => {
	let directory: string;
	const running: Sandbox[] = [];
	beforeEach(() => {
		directory = fs.mkdtempSync(path.join(os.tmpdir(), 'ce-sandbox-events-'));
	});
	afterEach(async () => {
		await Promise.all(running.splice(0).map((sandbox) => sandbox.close()));
		fs.rmSync(directory, { recursive: true, force: true });
	});

	test('after close() nothing keeps the process alive: not a poller, not a pending retry, not an open delivery', async () => {
		const script = `
			const http = require('http');
			const { startSandbox } = require(${JSON.stringify(SANDBOX)});
			(async () => {
				let hits = 0;
				const receiver = http.createServer((req, res) => { hits++; req.resume(); req.on('end', () => { res.writeHead(500); res.end(); }); });
				await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
				const hook = 'http://127.0.0.1:' + receiver.address().port + '/hook';
				const sandbox = await startSandbox({ port: 0 });
				const auth = { authorization: 'User sandbox-user-secret, Organization sandbox-organization-secret', 'content-type': 'application/json' };
				const create = (vendor, extra) => fetch(sandbox.baseUrl + '/instances', { method: 'POST', headers: auth, body: JSON.stringify({
					element: { key: 'sharefile' }, providerData: { code: 'sandbox-demo-code' }, name: vendor,
					configuration: { 'oauth.api.key': 'k', 'oauth.api.secret': 's', 'oauth.callback.url': 'https://a.example/cb', 'sharefile.subdomain': 'acme',
						'event.notification.enabled': true, 'event.vendor.type': vendor, 'event.notification.callback.url': hook, ...extra } }) }).then((r) => r.json());
				await create('polling', { 'event.poller.refresh_interval': 1, 'event.poller.configuration': ${JSON.stringify(JSON.stringify(POLLER_CONFIGURATION))} });
				const hooks = await create('webhook', {});
				await fetch(sandbox.origin + '/_sandbox/instances/' + hooks.id + '/documents', { method: 'POST', headers: auth, body: JSON.stringify({ op: 'upload', path: '/top/a.txt' }) });
				while (hits < 1) await new Promise((resolve) => setTimeout(resolve, 5));
				await sandbox.close();
				receiver.close();
				console.log('closed ' + Date.now());
			})();
		`;
		const child = spawn(NODE, ['-e', script]);
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		// A child that does not end on its own is killed, so a failing run leaves nothing behind.
		const killer = setTimeout(() => child.kill('SIGKILL'), 8000);
		const exited = await new Promise<{ code: number | null; at: number }>((resolve) => child.on('exit', (code) => resolve({ code, at: Date.now() })));
		clearTimeout(killer);
		const closedAt = Number(/closed (\d+)/.exec(output)?.[1]);
		expect(output).toMatch(/closed \d+/);
		expect(exited.code).toBe(0);
		// The retry was due 4 s later and the poller a minute later: the process ended right away.
		expect(exited.at - closedAt).toBeLessThan(1500);
	});

	test('events state and an unsettled delivery survive a restart: the delivery is sent again, same envelope, same eventId', async () => {
		const dataFile = path.join(directory, 'state.json');
		const receiver = await startReceiver();
		try {
			receiver.answer((count) => (count === 1 ? 500 : 200));
			const first = await startSandbox({ port: 0, dataFile });
			running.push(first);
			const hooks = await createInstance(first, {}, { 'event.notification.enabled': true, 'event.vendor.type': 'webhook', 'event.notification.callback.url': receiver.url });
			const polled = await createInstance(first, {}, {
				'event.notification.enabled': true,
				'event.vendor.type': 'polling',
				'event.notification.callback.url': receiver.url,
				'event.poller.refresh_interval': 60,
				'event.poller.configuration': POLLER_CONFIGURATION,
			});
			await placeOk(first, hooks.id, { op: 'upload', path: '/top/a.txt' });
			await eventually(async () => (await call(first, 'GET', `/_sandbox/instances/${hooks.id}/deliveries`, { auth: null })).json[0]?.status === 'retrying');
			const pollState = (await call(first, 'POST', `/_sandbox/instances/${polled.id}/poll`, { auth: null })).json;
			const before = (await call(first, 'GET', `/_sandbox/instances/${polled.id}/notifications`, { auth: null })).json;
			await first.close();

			const second = await startSandbox({ port: 0, dataFile });
			running.push(second);
			const after = (await call(second, 'GET', `/_sandbox/instances/${polled.id}/notifications`, { auth: null })).json;
			expect(after).toMatchObject({ enabledAt: before.enabledAt, lastPolled: { documents: pollState.pollDate }, webhookSubscriptionId: before.webhookSubscriptionId });
			expect((await call(second, 'POST', '/_sandbox/deliveries/flush', { auth: null })).json).toEqual({ retried: 1 });
			expect(receiver.received).toHaveLength(2);
			expect(receiver.received[1].raw.equals(receiver.received[0].raw)).toBe(true);
			expect(receiver.received[1].headers['elements-webhook-id']).toBe(receiver.received[0].headers['elements-webhook-id']);
			const deliveries: Json[] = (await call(second, 'GET', `/_sandbox/instances/${hooks.id}/deliveries`, { auth: null })).json;
			expect(deliveries[0]).toMatchObject({ status: 'delivered', attempts: [expect.objectContaining({ status: 500 }), expect.objectContaining({ status: 200 })] });
			expect((await call(second, 'GET', `/instances/${hooks.id}/events`)).json[0].status).toBe('NOTIFIED');
		} finally {
			await receiver.close();
		}
	});
});
