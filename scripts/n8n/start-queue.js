'use strict';
// `npm run start:queue` after scripts/start.sh has installed and built everything: `npm start`'s
// set-up (sandbox, packed package, owner, credential, sandbox instances, example workflows
// active) on n8n in queue mode: main, one webhook processor and two workers, with PostgreSQL and
// Redis from the environment. Stays in the foreground; Ctrl-C stops everything.
//
// Environment: as `npm start` (SANDBOX_PORT, SANDBOX_DATA, N8N_PORT, N8N_RUNNERS_BROKER_PORT,
// CE_N8N_OWNER_*), CE_N8N_FOLDER defaulting to .n8n-queue-local; the webhook processor listens on
// N8N_PORT + 2 (broker + 3), the workers' health servers on N8N_PORT + 4 and + 6 (brokers + 5,
// + 7), and the gateway in front of the webhook processor (WEBHOOK_URL) on N8N_PORT + 8. PostgreSQL: DB_POSTGRESDB_HOST/PORT/USER/PASSWORD (127.0.0.1:5432, postgres) and
// DB_POSTGRESDB_DATABASE (ce_sharefile_n8n, created when missing); Redis: QUEUE_BULL_REDIS_HOST/
// PORT/PASSWORD (127.0.0.1:6379) and QUEUE_BULL_PREFIX (ce_sharefile_n8n).

const fs = require('node:fs');
const path = require('node:path');

const { N8N_VERSION } = require('./lib/n8n');
const { ROOT, checkLoadedNodes, installIntoUserFolder, packRepository } = require('./lib/community-package');
const { checkPorts, owner, setUpExamples, settings, storedApiKey, welcomeText } = require('./lib/local-examples');
const { QueueStack } = require('./lib/queue-stack');
const { checkRedis, ensureDatabase, serviceSettings } = require('./lib/queue-services');
const { foreground, runMain } = require('./lib/foreground');
const { startSandbox } = require('../../sandbox');

const WORKERS = 2;
const log = (message) => process.stderr.write(`start:queue: ${message}\n`);

/** The key n8n kept in the user folder on an earlier start, so that its credentials still decrypt. */
function keptEncryptionKey(folder) {
	try {
		return JSON.parse(fs.readFileSync(path.join(folder, '.n8n', 'config'), 'utf8')).encryptionKey;
	} catch {
		return undefined;
	}
}

function queuePorts(config) {
	const base = config.n8nPort;
	return {
		main: [base, config.brokerPort],
		webhooks: [[base + 2, base + 3]],
		workers: Array.from({ length: WORKERS }, (_, index) => [base + 4 + 2 * index, base + 5 + 2 * index]),
		gateway: base + 4 + 2 * WORKERS,
	};
}

async function main() {
	const config = settings('.n8n-queue-local');
	const ports = queuePorts(config);
	await checkPorts([
		['the sandbox (SANDBOX_PORT)', config.sandboxPort],
		['n8n main (N8N_PORT)', ports.main[0]],
		["main's task-runner broker (N8N_RUNNERS_BROKER_PORT)", ports.main[1]],
		['the webhook processor (N8N_PORT + 2)', ports.webhooks[0][0]],
		["the webhook processor's broker (N8N_PORT + 3)", ports.webhooks[0][1]],
		...ports.workers.flatMap(([health, broker], index) => [
			[`worker ${index + 1}'s health server (N8N_PORT + ${health - config.n8nPort})`, health],
			[`worker ${index + 1}'s broker (N8N_PORT + ${broker - config.n8nPort})`, broker],
		]),
		[`the gateway in front of the webhook processor (N8N_PORT + ${ports.gateway - config.n8nPort})`, ports.gateway],
	]);
	const services = serviceSettings();
	const database = process.env.DB_POSTGRESDB_DATABASE || 'ce_sharefile_n8n';
	const prefix = process.env.QUEUE_BULL_PREFIX || 'ce_sharefile_n8n';
	await checkRedis(services.redis);
	if (await ensureDatabase(services.postgres, database)) log(`created the PostgreSQL database ${database}`);

	log(`installing the package into n8n's user folder ${path.relative(ROOT, config.folder)}/.n8n/nodes from npm pack`);
	const tarball = packRepository(path.join(config.folder, 'pack'));
	const installedDir = installIntoUserFolder(tarball, config.folder);
	const stack = new QueueStack({
		userFolder: config.folder,
		ports,
		services,
		database,
		prefix,
		owner: owner(config.folder),
		encryptionKey: keptEncryptionKey(config.folder),
	});
	stack.main.apiKey = storedApiKey(config.folder);
	checkLoadedNodes(await stack.main.exportNodes(), installedDir);

	const sandbox = await startSandbox({ port: config.sandboxPort, dataFile: config.sandboxData });
	const { stop, watch } = foreground('start:queue', 'n8n (workers, webhook processor, main) and the sandbox', async () => {
		await stack.stop().catch(() => {});
		await sandbox.close();
	});

	try {
		log(`starting n8n ${N8N_VERSION} in queue mode: main, ${stack.webhooks.length} webhook processor, ${stack.workers.length} workers (logs: ${path.relative(ROOT, config.folder)}/n8n-*.log)`);
		const times = await stack.start();
		log(`ready after ${Object.entries(times).map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)} s`).join(', ')}`);
		for (const n8n of stack.all) watch(n8n);
		const setup = await setUpExamples(stack.main, sandbox, config.folder);
		const { postgres, redis } = services;
		const processes = [
			`Webhooks:    ${stack.webhookUrl}webhook/...  (WEBHOOK_URL, what the trigger registers: a gateway that passes calls to the n8n webhook processor at ${stack.webhooks[0].url} once it is ready)`,
			`Workers:     ${stack.workers.map((worker) => `${worker.url}/healthz`).join(', ')}  (n8n worker: every execution)`,
			`Database:    PostgreSQL ${postgres.host}:${postgres.port}/${database}; queue: Redis ${redis.host}:${redis.port}, prefix ${prefix}`,
		];
		process.stdout.write(
			welcomeText({ n8n: stack.main, sandbox, folder: config.folder, sandboxData: config.sandboxData, setup, processes, delivery: 'the webhook processor, a worker runs it' }),
		);
	} catch (error) {
		log(error.message);
		await stop(1);
	}
}

runMain('start:queue', main);
