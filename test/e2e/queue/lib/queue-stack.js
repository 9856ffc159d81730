'use strict';
// One queue-mode test suite's world: a sandbox, a fresh PostgreSQL database and Redis prefix of
// its own (dropped and deleted by close()), and n8n main + webhook processor + two workers
// (scripts/n8n/lib/queue-stack.js) on free ports, the processor behind the gateway that WEBHOOK_URL names, sharing a fresh user folder with our package,
// with an API key on main and a credential for the sandbox.

const crypto = require('node:crypto');

const { freePort, generatePassword } = require('../../../../scripts/n8n/lib/n8n');
const { QueueStack } = require('../../../../scripts/n8n/lib/queue-stack');
const { checkRedis, deleteRedisPrefix, dropDatabase, ensureDatabase, serviceSettings } = require('../../../../scripts/n8n/lib/queue-services');
const { sandboxCredentialData } = require('../../../../scripts/n8n/lib/workflows');
const { SandboxClient } = require('../../lib/sandbox');
const { freshUserFolder } = require('../../lib/stack');

/** [port, broker port] pairs, all different. */
async function portPairs(count, used = []) {
	const pairs = [];
	for (let i = 0; i < count; i++) {
		const port = await freePort(used);
		used.push(port);
		const broker = await freePort(used);
		used.push(broker);
		pairs.push([port, broker]);
	}
	return pairs;
}

/** `sandbox`: options for the sandbox (e.g. timeScale); `env`: more environment for every n8n. */
async function startQueueStack(name, { sandbox: sandboxOptions = {}, env = {}, workers = 2 } = {}) {
	const services = serviceSettings();
	await checkRedis(services.redis);
	const id = `${name}_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
	const database = `ce_e2e_${id}`;
	const prefix = `ce-e2e-${id}`;
	await ensureDatabase(services.postgres, database);
	const sandbox = await SandboxClient.start(sandboxOptions);
	const used = [];
	const [main, webhook, ...workerPorts] = await portPairs(2 + workers, used);
	const gateway = await freePort(used);
	used.push(gateway);
	const userFolder = freshUserFolder(`queue-${name}`);
	const stack = new QueueStack({
		userFolder,
		ports: { main, webhooks: [webhook], workers: workerPorts, gateway },
		services,
		database,
		prefix,
		owner: { email: `${name}-owner@example.com`, password: generatePassword() },
		env,
	});
	const world = { name, sandbox, stack, n8n: stack.main, credential: undefined, services, database, startTimes: undefined };
	/** A second webhook processor on the same queue, started, behind the gateway. */
	world.addWebhookProcessor = async () => {
		const [ports] = await portPairs(1, used);
		const processor = stack.addWebhookProcessor(ports);
		await processor.start({ timeoutMs: 180_000 });
		return processor;
	};
	world.close = async () => {
		await stack.stop().catch(() => {});
		await sandbox.close().catch(() => {});
		await dropDatabase(services.postgres, database);
		await deleteRedisPrefix(services.redis, prefix);
	};
	try {
		world.startTimes = await stack.start();
		await stack.main.createApiKey();
		world.credential = await stack.main.api('POST', '/credentials', {
			name: 'Cloud Elements sandbox',
			type: 'cloudElementsApi',
			data: sandboxCredentialData(sandbox.baseUrl),
		});
	} catch (error) {
		await world.close();
		throw error;
	}
	return world;
}

module.exports = { startQueueStack };
