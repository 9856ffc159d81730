// @ts-check
'use strict';

const http = require('node:http');

/**
 * @typedef {{ status: number, headers: import('node:http').IncomingHttpHeaders, text: string }} ClientAnswer
 */

/**
 * The sandbox's outgoing HTTP: the poller calling the sandbox's own hub, and deliveries to callback
 * URLs (only on this machine). No keep-alive (`agent: false`), so no pooled socket outlives a call;
 * every request in flight can be cut by `abortAll()` when the sandbox closes.
 */
function createHttpClient() {
	/** @type {Set<import('node:http').ClientRequest>} */
	const inFlight = new Set();

	/**
	 * @param {{ method: string, url: string, headers?: Record<string, string>, body?: Buffer, timeoutMs: number }} request
	 * @returns {Promise<ClientAnswer>}
	 */
	function send(request) {
		return new Promise((resolve, reject) => {
			const url = new URL(request.url);
			const headers = { ...(request.headers || {}) };
			if (request.body) headers['content-length'] = String(request.body.length);
			const outgoing = http.request(
				{ method: request.method, hostname: url.hostname.replace(/^\[|\]$/g, ''), port: url.port || 80, path: `${url.pathname}${url.search}`, headers, agent: false },
				(response) => {
					/** @type {Buffer[]} */
					const chunks = [];
					response.on('data', (chunk) => chunks.push(chunk));
					response.on('end', () => {
						inFlight.delete(outgoing);
						resolve({ status: response.statusCode || 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') });
					});
					response.on('error', (error) => {
						inFlight.delete(outgoing);
						reject(error);
					});
				},
			);
			inFlight.add(outgoing);
			outgoing.setTimeout(request.timeoutMs, () => outgoing.destroy(new Error(`no answer within ${request.timeoutMs} ms`)));
			outgoing.on('error', (error) => {
				inFlight.delete(outgoing);
				reject(error);
			});
			outgoing.end(request.body);
		});
	}

	function abortAll() {
		for (const outgoing of inFlight) outgoing.destroy(new Error('the sandbox is closing'));
		inFlight.clear();
	}

	return { send, abortAll };
}

/** Deliveries leave only for this machine: it has no other network, and a sandbox should not call out. */
function isLocalUrl(/** @type {string} */ text) {
	try {
		const url = new URL(text);
		return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
	} catch {
		return false;
	}
}

module.exports = { createHttpClient, isLocalUrl };
