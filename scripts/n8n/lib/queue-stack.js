'use strict';
// n8n in queue mode on one machine: main (`n8n start`: editor, API, activation, polling
// triggers), webhook processors (`n8n webhook`: production webhooks, each delivery queued as a
// job) and workers (`n8n worker`: the executions), sharing one user folder (so one installed
// community package), one PostgreSQL database, one Redis queue prefix and one encryption key.
// Every process gets its own ports: N8N_PORT (a worker's health server stands in for it) and its
// task-runner broker's N8N_RUNNERS_BROKER_PORT. Used by `npm run start:queue` and the queue e2e.

const crypto = require('node:crypto');
const path = require('node:path');

const { N8n, bcryptHash } = require('./n8n');
const { WebhookGateway } = require('./webhook-gateway');

/**
 * The environment every process shares. `WEBHOOK_URL` is the address triggers register (main
 * activates them; a webhook processor receives the calls): the gateway's, or without one the
 * first webhook processor's.
 */
function queueEnv({ postgres, redis, database, prefix, encryptionKey, webhookUrl }) {
	const env = {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_DATABASE: database,
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		QUEUE_BULL_REDIS_DB: String(redis.db),
		// Several stacks may share one Redis: each keeps its jobs and messages under its prefix,
		// and its leader election too (N8N_REDIS_KEY_PREFIX, default "n8n"): a main that loses the
		// election to another stack's main adds no pollers.
		QUEUE_BULL_PREFIX: prefix,
		N8N_REDIS_KEY_PREFIX: prefix,
		N8N_ENCRYPTION_KEY: encryptionKey,
		WEBHOOK_URL: webhookUrl,
	};
	if (postgres.password) env.DB_POSTGRESDB_PASSWORD = postgres.password;
	if (redis.username) env.QUEUE_BULL_REDIS_USERNAME = redis.username;
	if (redis.password) env.QUEUE_BULL_REDIS_PASSWORD = redis.password;
	return env;
}

class QueueStack {
	/**
	 * @param {object} options
	 * @param {string} options.userFolder   shared by every process
	 * @param {{ main: number[], webhooks: number[][], workers: number[][], gateway?: number }} options.ports
	 *   [N8N_PORT (a worker: its health port), N8N_RUNNERS_BROKER_PORT] per process; `gateway`:
	 *   the port of the load balancer in front of the webhook processors (webhook-gateway.js),
	 *   which WEBHOOK_URL then names. Without it calls go straight to the first processor, which
	 *   loses calls that reach it while it starts: only benchmarks of the processors themselves
	 *   go without.
	 * @param {object} options.services      serviceSettings() of queue-services.js
	 * @param {string} options.database      the PostgreSQL database (made beforehand)
	 * @param {string} options.prefix        QUEUE_BULL_PREFIX
	 * @param {{ email: string, password: string }} options.owner
	 * @param {string} [options.encryptionKey]
	 * @param {number} [options.concurrency] each worker's `--concurrency`
	 * @param {Record<string,string>} [options.env] more environment for every process
	 * @param {string} [options.logDir]      one log per process (default the user folder)
	 */
	constructor(options) {
		this.options = options;
		this.encryptionKey = options.encryptionKey || crypto.randomBytes(24).toString('base64url');
		this.ownerHash = bcryptHash(options.owner.password);
		const [webhookPort] = options.ports.webhooks[0];
		if (options.ports.gateway) this.gateway = new WebhookGateway({ port: options.ports.gateway });
		this.webhookUrl = this.gateway ? this.gateway.url : `http://127.0.0.1:${webhookPort}/`;
		this.env = {
			...queueEnv({ ...options.services, database: options.database, prefix: options.prefix, encryptionKey: this.encryptionKey, webhookUrl: this.webhookUrl }),
			...options.env,
		};
		this.main = this.process('main', options.ports.main, 'main', {
			// Production webhooks are the webhook processors' job, never main's.
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
		});
		this.webhooks = options.ports.webhooks.map((ports, index) => this.process('webhook', ports, `webhook-${index + 1}`));
		for (const processor of this.webhooks) this.gateway?.add(processor.url);
		this.workers = options.ports.workers.map((ports, index) => this.process('worker', ports, `worker-${index + 1}`));
	}

	process(role, [port, brokerPort], name, env = {}) {
		const { userFolder, owner, logDir, concurrency } = this.options;
		return new N8n({
			role,
			userFolder,
			port,
			brokerPort,
			owner,
			ownerHash: this.ownerHash,
			logFile: path.join(logDir || userFolder, `n8n-${name}.log`),
			args: role === 'worker' && concurrency ? [`--concurrency=${concurrency}`] : [],
			env: { ...this.env, ...env },
		});
	}

	/** Another webhook processor on the same queue (not started); the gateway sends it calls once it is ready. */
	addWebhookProcessor([port, brokerPort]) {
		const processor = this.process('webhook', [port, brokerPort], `webhook-${this.webhooks.length + 1}`);
		this.webhooks.push(processor);
		this.gateway?.add(processor.url);
		return processor;
	}

	/** Takes a processor out of the stack (and the gateway), e.g. once stopped. */
	removeWebhookProcessor(processor) {
		this.webhooks = this.webhooks.filter((candidate) => candidate !== processor);
		this.gateway?.remove(processor.url);
	}

	get all() {
		return [this.main, ...this.webhooks, ...this.workers];
	}

	/**
	 * Main first (it runs the migrations on an empty database; the others would race it), then
	 * the webhook processors and workers together. Resolves each process's start time in ms.
	 */
	async start() {
		const times = {};
		const started = Date.now();
		await this.gateway?.start();
		await this.main.start({ timeoutMs: 180_000 });
		times.main = Date.now() - started;
		await Promise.all(
			[...this.webhooks, ...this.workers].map(async (n8n) => {
				await n8n.start({ timeoutMs: 180_000 });
				times[path.basename(n8n.logFile, '.log').replace(/^n8n-/, '')] = Date.now() - started;
			}),
		);
		return times;
	}

	async stop() {
		// Workers and webhook processors first: main's shutdown then finds the queue quiet.
		await Promise.all([...this.webhooks, ...this.workers].map((n8n) => n8n.stop()));
		await this.main.stop();
		await this.gateway?.close();
	}
}

module.exports = { QueueStack, queueEnv };
