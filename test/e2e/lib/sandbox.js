'use strict';
// The Cloud Elements sandbox in this process, on a free port, with its default secrets, and
// direct HTTP access to it: the tests check its state themselves rather than trusting n8n.

const crypto = require('node:crypto');
const http = require('node:http');
const path = require('node:path');

const { requestJson } = require('../../../scripts/n8n/lib/http');

const { startSandbox, DEFAULT_USER_SECRET, DEFAULT_ORGANIZATION_SECRET } = require(path.join(__dirname, '..', '..', '..', 'sandbox'));

const AUTHORIZATION = `User ${DEFAULT_USER_SECRET}, Organization ${DEFAULT_ORGANIZATION_SECRET}`;

class SandboxClient {
	static async start(options = {}) {
		return new SandboxClient(await startSandbox({ port: 0, ...options }));
	}

	constructor(sandbox) {
		this.sandbox = sandbox;
		this.baseUrl = sandbox.baseUrl;
		this.origin = sandbox.origin;
	}

	async close() {
		await this.sandbox.close();
	}

	async request(url, method, body, headers = {}) {
		const { status, body: answer } = await requestJson(url, method, body, headers);
		return { status, body: answer };
	}

	/** A platform call with the default secrets: { status, body }. */
	async platform(method, route, body) {
		return await this.request(`${this.baseUrl}${route}`, method, body, { Authorization: AUTHORIZATION });
	}

	/** A control call (/_sandbox): the body; throws on a non-2xx answer. */
	async control(method, route, body) {
		const { status, body: answer } = await this.request(`${this.origin}/_sandbox${route}`, method, body);
		if (status < 200 || status > 299) throw new Error(`${method} /_sandbox${route} → ${status}: ${JSON.stringify(answer)}`);
		return answer;
	}

	async instance(id) {
		const { status, body } = await this.platform('GET', `/instances/${id}`);
		return status === 200 ? body : undefined;
	}

	/** Creates an instance directly; `configuration` is merged over the ShareFile basics. */
	async createInstance(name, configuration = {}, tags = []) {
		const { status, body } = await this.platform('POST', '/instances', {
			element: { key: 'sharefile' },
			providerData: { code: 'sandbox-demo-code' },
			name,
			tags,
			configuration: {
				'oauth.api.key': 'e2e-client',
				'oauth.api.secret': 'e2e-client-secret',
				'oauth.callback.url': 'http://127.0.0.1/oauth/callback',
				'sharefile.subdomain': 'acme',
				...configuration,
			},
		});
		if (status !== 200) throw new Error(`creating instance ${name}: ${status} ${JSON.stringify(body)}`);
		return body;
	}

	/** Places a document change (or { changes: [...] }) as if someone made it in ShareFile. */
	async change(instanceId, change) {
		return await this.control('POST', `/instances/${instanceId}/documents`, change);
	}

	/**
	 * Uploads a file through the documents hub as a Cloud Elements client does (multipart, one
	 * `file` part), streaming `chunks` (Buffers, or a generator of them); resolves the hub's answer
	 * and the md5 of what was sent.
	 */
	async uploadFile(instanceId, filePath, chunks, { overwrite = false } = {}) {
		const { token } = await this.instance(instanceId);
		const boundary = `ce-e2e-${crypto.randomBytes(8).toString('hex')}`;
		const name = path.posix.basename(filePath);
		const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
		const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
		const url = new URL(`${this.baseUrl}/hubs/documents/files`);
		url.searchParams.set('path', filePath);
		if (overwrite) url.searchParams.set('overwrite', 'true');
		const md5 = crypto.createHash('md5');
		const answer = await new Promise((resolve, reject) => {
			const request = http.request(url, {
				method: 'POST',
				headers: { Authorization: `${AUTHORIZATION}, Element ${token}`, 'Content-Type': `multipart/form-data; boundary=${boundary}` },
			});
			request.on('error', reject);
			request.on('response', (response) => {
				const parts = [];
				response.on('data', (part) => parts.push(part));
				response.on('end', () => resolve({ status: response.statusCode, text: Buffer.concat(parts).toString('utf8') }));
			});
			(async () => {
				request.write(head);
				for (const chunk of Buffer.isBuffer(chunks) ? [chunks] : chunks) {
					md5.update(chunk);
					if (!request.write(chunk)) await new Promise((drained) => request.once('drain', drained));
				}
				request.end(tail);
			})().catch(reject);
		});
		if (answer.status !== 200) throw new Error(`uploading ${filePath}: ${answer.status} ${answer.text}`);
		return { file: JSON.parse(answer.text), md5: md5.digest('hex') };
	}

	/** Every item of an instance's ShareFile account by full path, as the sandbox holds them. */
	async items(instanceId) {
		const list = await this.control('GET', `/instances/${instanceId}/documents`);
		return new Map(list.map((item) => [`${item.Path === '/' ? '' : item.Path}/${item.Name}`, item]));
	}

	async clock() {
		return Date.parse((await this.control('GET', '/clock')).now);
	}

	async requests() {
		return await this.control('GET', '/requests');
	}

	async clearRequests() {
		await this.control('DELETE', '/requests');
	}
}

module.exports = { AUTHORIZATION, DEFAULT_ORGANIZATION_SECRET, DEFAULT_USER_SECRET, SandboxClient };
