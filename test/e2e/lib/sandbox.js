'use strict';
// The Cloud Elements sandbox in this process, on a free port, with its default secrets, and
// direct HTTP access to it: the tests check its state themselves rather than trusting n8n.

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
