'use strict';
// The load balancer in front of the webhook processors, as a production queue-mode deployment
// has one (HAProxy, a Kubernetes Service with a readiness probe, ...), doing the one thing the
// docs/deployment.md asks of it: send a call only to a processor that says it is ready.
//
// Why it matters: n8n 2.41 listens before it has started. While a (re)starting process holds its
// database connection but has not finished its migration check, it answers EVERY request with
// 200 "n8n is starting up. Please wait" (abstract-server.js, setupHealthCheck); a moment later,
// before its webhook routes exist, with 404. Cloud Elements takes that 200 as delivered, and the
// event is gone. /healthz/readiness answers 200 only once the webhook routes are in place.
//
// So: a processor is taken in when /healthz/readiness answers 200 (checked every
// CHECK_INTERVAL_MS) and dropped at once when a call to it fails to connect, is cut off, or gets
// that starting-up answer (a processor restarted between two checks: the answer is read, never
// passed on); a call with no processor ready gets 503 with Retry-After, which Cloud Elements
// retries.

const http = require('node:http');

const CHECK_INTERVAL_MS = 500;
const CHECK_TIMEOUT_MS = 1000;
const RETRY_AFTER_SECONDS = 5;
/** n8n 2.41's answer to every request while it starts (with status 200). */
const STARTING_UP = Buffer.from('n8n is starting up. Please wait');

class WebhookGateway {
	/** @param {{ port: number, processors?: string[], checkIntervalMs?: number }} options processors: origins, e.g. http://127.0.0.1:5680 */
	constructor({ port, processors = [], checkIntervalMs = CHECK_INTERVAL_MS }) {
		this.port = port;
		this.checkIntervalMs = checkIntervalMs;
		/** @type {Map<string, { ready: boolean }>} */
		this.processors = new Map();
		for (const origin of processors) this.add(origin);
		this.next = 0;
		this.agent = new http.Agent({ keepAlive: true });
		/** What the gateway answered by itself, and how many calls it passed on. */
		this.counts = { forwarded: 0, noneReady: 0, cutOff: 0, startingUp: 0 };
	}

	get url() {
		return `http://127.0.0.1:${this.port}/`;
	}

	/** A processor to balance over; not sent anything before its readiness check passes. */
	add(origin) {
		this.processors.set(origin.replace(/\/$/, ''), { ready: false });
	}

	remove(origin) {
		this.processors.delete(origin.replace(/\/$/, ''));
	}

	readyOrigins() {
		return [...this.processors].filter(([, state]) => state.ready).map(([origin]) => origin);
	}

	async start() {
		this.server = http.createServer((request, response) => void this.handle(request, response));
		await new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(this.port, '127.0.0.1', resolve);
		});
		await this.check();
		this.timer = setInterval(() => void this.check(), this.checkIntervalMs);
	}

	async close() {
		clearInterval(this.timer);
		this.agent.destroy();
		if (!this.server) return;
		this.server.closeAllConnections();
		await new Promise((resolve) => this.server.close(() => resolve()));
	}

	async check() {
		await Promise.all(
			[...this.processors].map(async ([origin, state]) => {
				try {
					const answer = await fetch(`${origin}/healthz/readiness`, { signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
					await answer.arrayBuffer();
					state.ready = answer.status === 200;
				} catch {
					state.ready = false;
				}
			}),
		);
	}

	/** @param {http.IncomingMessage} request @param {http.ServerResponse} response */
	async handle(request, response) {
		const chunks = [];
		for await (const chunk of request) chunks.push(chunk);
		const body = Buffer.concat(chunks);
		// A processor that refuses the connection, or is still starting, ran nothing: the next one
		// may take the call.
		for (let tries = this.processors.size; tries > 0; tries--) {
			const origins = this.readyOrigins();
			if (origins.length === 0) break;
			const origin = origins[this.next++ % origins.length];
			const outcome = await this.forward(origin, request, body, response);
			if (outcome === 'answered') return;
			if (outcome === 'startingUp') this.counts.startingUp++;
			const state = this.processors.get(origin);
			if (state) state.ready = false;
			if (outcome === 'cutOff') {
				// It may have taken the call before it went: only the sender may decide to send it again.
				this.counts.cutOff++;
				if (!response.headersSent) unavailable(response, 502, 'The webhook processor closed the connection; send the call again.');
				else response.destroy();
				return;
			}
		}
		this.counts.noneReady++;
		unavailable(response, 503, 'No webhook processor is ready; send the call again later.');
	}

	/**
	 * Resolves 'answered', 'refused' (never connected), 'startingUp' (answered n8n's starting-up
	 * 200, not passed on) or 'cutOff' (connected, then lost).
	 */
	forward(origin, request, body, response) {
		return new Promise((resolve) => {
			const target = new URL(request.url || '/', origin);
			const headers = { ...request.headers, host: target.host, 'content-length': String(body.length) };
			delete headers['transfer-encoding'];
			let connected = false;
			const upstream = http.request(target, { method: request.method, headers, agent: this.agent }, (answer) => {
				answer.on('error', () => resolve('cutOff'));
				if (answer.statusCode === 200 && Number(answer.headers['content-length']) === STARTING_UP.length) {
					// Short enough to read whole before deciding whether to pass it on.
					const chunks = [];
					answer.on('data', (chunk) => chunks.push(chunk));
					answer.on('end', () => {
						const text = Buffer.concat(chunks);
						if (text.equals(STARTING_UP)) return resolve('startingUp');
						this.counts.forwarded++;
						response.writeHead(200, answer.headers);
						response.end(text, () => resolve('answered'));
					});
					return;
				}
				this.counts.forwarded++;
				response.writeHead(answer.statusCode || 502, answer.headers);
				answer.pipe(response);
				answer.on('end', () => resolve('answered'));
			});
			upstream.on('socket', (socket) => {
				if (!socket.connecting) connected = true;
				else socket.once('connect', () => (connected = true));
			});
			upstream.on('error', (error) => {
				const neverConnected = !connected && /** @type {NodeJS.ErrnoException} */ (error).code === 'ECONNREFUSED';
				resolve(neverConnected ? 'refused' : 'cutOff');
			});
			upstream.end(body);
		});
	}
}

/** @param {http.ServerResponse} response @param {number} status @param {string} message */
function unavailable(response, status, message) {
	response.writeHead(status, { 'Content-Type': 'application/json', 'Retry-After': String(RETRY_AFTER_SECONDS) });
	response.end(JSON.stringify({ message }));
}

module.exports = { WebhookGateway };
