import * as http from 'http';
import type { AddressInfo } from 'net';

/** One POST the receiver got, with the body bytes exactly as they arrived. */
export interface Received {
	at: number;
	path: string;
	headers: http.IncomingHttpHeaders;
	raw: Buffer;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	json: any;
}

/**
 * A tiny callback receiver on 127.0.0.1: records every request and answers with `status` (a
 * number, or a function of the request count, 1-based) and the body `text` (empty unless set).
 */
export async function startReceiver() {
	const received: Received[] = [];
	let status: number | ((count: number) => number) = 200;
	let text: (count: number) => string = () => '';
	const waiters: Array<{ count: number; resolve: () => void }> = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const raw = Buffer.concat(chunks);
			let json: unknown;
			try {
				json = JSON.parse(raw.toString('utf8'));
			} catch {
				json = undefined;
			}
			received.push({ at: Date.now(), path: req.url || '/', headers: req.headers, raw, json });
			res.writeHead(typeof status === 'function' ? status(received.length) : status);
			res.end(text(received.length));
			for (const waiter of [...waiters]) {
				if (received.length >= waiter.count) {
					waiters.splice(waiters.indexOf(waiter), 1);
					waiter.resolve();
				}
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	return {
		url: `http://127.0.0.1:${port}/hook`,
		port,
		received,
		answer(next: number | ((count: number) => number), body?: (count: number) => string) {
			status = next;
			if (body) text = body;
		},
		/** Resolves once `count` requests have arrived; fails after `timeoutMs`. */
		waitFor(count: number, timeoutMs = 5000): Promise<Received[]> {
			if (received.length >= count) return Promise.resolve(received);
			return new Promise((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error(`only ${received.length} of ${count} deliveries arrived in ${timeoutMs} ms`)), timeoutMs);
				waiters.push({
					count,
					resolve: () => {
						clearTimeout(timer);
						resolve(received);
					},
				});
			});
		},
		clear() {
			received.length = 0;
			status = 200;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** Waits until `check` returns a truthy value (polling every 10 ms). */
export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 5000): Promise<T> {
	const until = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > until) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

/** A receiver for a test file: started once, emptied before each test, closed at the end. */
export function useReceiver(): () => Receiver {
	let receiver: Receiver;
	beforeAll(async () => {
		receiver = await startReceiver();
	});
	afterAll(() => receiver.close());
	beforeEach(() => receiver.clear());
	return () => receiver;
}
