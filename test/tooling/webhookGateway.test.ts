/**
 * scripts/n8n/lib/webhook-gateway.js, the load balancer in front of the queue stack's webhook
 * processors, over real HTTP against small stand-ins for processors: one that says whether it is
 * ready on /healthz/readiness and answers calls the way a starting n8n does.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

// scripts/n8n/lib is plain CommonJS with no .d.ts: require it and state the shape used here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePort } = require('../../scripts/n8n/lib/n8n') as { freePort: () => Promise<number> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { WebhookGateway } = require('../../scripts/n8n/lib/webhook-gateway') as {
	WebhookGateway: new (options: { port: number; processors?: string[]; checkIntervalMs?: number }) => Gateway;
};

interface Gateway {
	url: string;
	counts: { forwarded: number; noneReady: number; cutOff: number; startingUp: number };
	add(origin: string): void;
	start(): Promise<void>;
	close(): Promise<void>;
}

interface Processor {
	origin: string;
	ready: boolean;
	/** What each call brought: method, path and body bytes. */
	calls: Array<{ method?: string; url?: string; body: Buffer }>;
	/** Drop the connection on the next call instead of answering. */
	cutNext: boolean;
	/** Answer calls as a starting n8n does even though the last readiness check passed (restarted in between). */
	restarted: boolean;
	close(): Promise<void>;
}

const CHECK_MS = 30;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function listen(server: http.Server): Promise<number> {
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return (server.address() as AddressInfo).port;
}

async function processor(name: string): Promise<Processor> {
	const state = { ready: false, calls: [] as Processor['calls'], cutNext: false, restarted: false };
	const server = http.createServer(async (request, response) => {
		if (request.url === '/healthz/readiness') {
			response.writeHead(state.ready ? 200 : 503).end();
			return;
		}
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		state.calls.push({ method: request.method, url: request.url, body: Buffer.concat(chunks) });
		if (state.cutNext) {
			state.cutNext = false;
			request.socket.destroy();
			return;
		}
		// What n8n answers while it starts, whether or not it could run anything (Express's send: with its length).
		if (!state.ready || state.restarted) response.writeHead(200, { 'Content-Length': '31' }).end('n8n is starting up. Please wait');
		else response.writeHead(201, { 'X-Processor': name }).end(`taken by ${name}`);
	});
	const port = await listen(server);
	return Object.assign(state, {
		origin: `http://127.0.0.1:${port}`,
		close: async () => {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		},
	});
}

async function call(gateway: Gateway, body = '{"message":{"eventId":"e-1"}}') {
	const response = await fetch(`${gateway.url}webhook/abc/webhook?n8n_sig=x`, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
	return { status: response.status, text: await response.text(), headers: response.headers };
}

let gateway: Gateway;
const processors: Processor[] = [];

/** `ready`: which processors say they are ready at the gateway's first check. */
async function start(count: number, { ready = [] as boolean[], checkIntervalMs = CHECK_MS } = {}): Promise<Processor[]> {
	for (let i = 0; i < count; i++) processors.push(await processor(`p${i + 1}`));
	processors.forEach((p, i) => (p.ready = ready[i] ?? false));
	gateway = new WebhookGateway({ port: await freePort(), processors: processors.map((p) => p.origin), checkIntervalMs });
	await gateway.start();
	return processors;
}

afterEach(async () => {
	await gateway?.close();
	await Promise.all(processors.splice(0).map((p) => p.close()));
});

describe('the webhook gateway', () => {
	it('answers 503 with Retry-After and passes nothing on while no processor says it is ready', async () => {
		const [starting] = await start(1);
		const answer = await call(gateway);
		expect(answer.status).toBe(503);
		expect(answer.headers.get('retry-after')).toBe('5');
		expect(JSON.parse(answer.text).message).toContain('No webhook processor is ready');
		// The starting processor would have answered 200: it never saw the call.
		expect(starting.calls).toEqual([]);
		expect(gateway.counts.noneReady).toBe(1);
	});

	it('takes a processor in once its readiness check passes, and passes calls on byte for byte', async () => {
		const [processor1] = await start(1);
		processor1.ready = true;
		await sleep(CHECK_MS * 4);
		const body = '{"message":{"eventId":"e-2","note":"caf\u00e9  spaced"}}';
		const answer = await call(gateway, body);
		expect([answer.status, answer.text, answer.headers.get('x-processor')]).toEqual([201, 'taken by p1', 'p1']);
		expect(processor1.calls.map((c) => [c.method, c.url, c.body.toString('utf8')])).toEqual([['POST', '/webhook/abc/webhook?n8n_sig=x', body]]);
	});

	it('sends a call a processor refuses to connect to on to another ready one, and drops the refusing one', async () => {
		// No second check: only the refused call can tell the gateway that the first one went.
		const [gone, other] = await start(2, { ready: [true, true], checkIntervalMs: 60_000 });
		await gone.close();
		const answers = [await call(gateway), await call(gateway)];
		expect(answers.map((a) => a.text)).toEqual(['taken by p2', 'taken by p2']);
		expect(other.calls).toHaveLength(2);
	});

	it("never passes on a starting processor's 200 (restarted since its last check): the call goes to another, or gets 503", async () => {
		const [restarted, other] = await start(2, { ready: [true, true], checkIntervalMs: 60_000 });
		restarted.restarted = true;
		const answers = [await call(gateway), await call(gateway)];
		expect(answers.map((a) => [a.status, a.text])).toEqual([
			[201, 'taken by p2'],
			[201, 'taken by p2'],
		]);
		// It saw one call, ran nothing, and was dropped until a check passes again.
		expect(restarted.calls).toHaveLength(1);
		expect(gateway.counts.startingUp).toBe(1);
		other.cutNext = true;
		const alone = await call(gateway);
		expect(alone.status).toBe(502);
		const none = await call(gateway);
		expect([none.status, restarted.calls.length]).toEqual([503, 1]);
	});

	it('passes on a 200 of the same length that is not the starting-up answer', async () => {
		const [processor1] = await start(1, { ready: [true] });
		processor1.restarted = false;
		const server = http.createServer((_request, response) => response.writeHead(200, { 'Content-Length': '31' }).end('x'.repeat(31)));
		const port = await listen(server);
		gateway.add(`http://127.0.0.1:${port}`);
		processors.push({ origin: '', ready: true, calls: [], cutNext: false, restarted: false, close: async () => void server.close() });
		await sleep(CHECK_MS * 4);
		const texts = [(await call(gateway)).text, (await call(gateway)).text].sort();
		expect(texts).toEqual(['taken by p1', 'x'.repeat(31)]);
	});

	it('answers 502 when a processor drops a call it received, without sending it to another', async () => {
		const [cutting, other] = await start(2);
		cutting.ready = true;
		other.ready = false;
		await sleep(CHECK_MS * 4);
		cutting.cutNext = true;
		const answer = await call(gateway);
		expect(answer.status).toBe(502);
		expect(cutting.calls).toHaveLength(1);
		expect(other.calls).toEqual([]);
		expect(gateway.counts.cutOff).toBe(1);
	});

	it('balances calls over the ready processors in turn', async () => {
		const [first, second] = await start(2);
		first.ready = true;
		second.ready = true;
		await sleep(CHECK_MS * 4);
		const answers = [];
		for (let i = 0; i < 4; i++) answers.push((await call(gateway)).text);
		expect(answers.sort()).toEqual(['taken by p1', 'taken by p1', 'taken by p2', 'taken by p2']);
	});

	it('drops a processor whose readiness check fails again (restarting), until it passes', async () => {
		const [processor1] = await start(1);
		processor1.ready = true;
		await sleep(CHECK_MS * 4);
		expect((await call(gateway)).status).toBe(201);
		processor1.ready = false;
		await sleep(CHECK_MS * 4);
		expect((await call(gateway)).status).toBe(503);
		expect(processor1.calls).toHaveLength(1);
	});
});
