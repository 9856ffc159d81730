'use strict';
// The one-n8n starts, `npm start` (scripts/n8n/start.js) and `npm run dev` (scripts/n8n/dev.js):
// the ports checked, the package put into n8n's user folder (each its own way), the sandbox and
// n8n started, the owner, credentials and examples set up, the welcome text printed; everything
// stopped on Ctrl-C. They differ only in how the package gets there (`preparePackage`).

const path = require('node:path');

const { N8n, N8N_VERSION } = require('./n8n');
const { ROOT } = require('./community-package');
const { checkPorts, owner, setUpExamples, settings, storedApiKey, welcomeText } = require('./local-examples');
const { foreground, runMain } = require('./foreground');
const { startSandbox } = require('../../../sandbox');

/** A path under the repository relative to it, any other in full. */
const shown = (file) => (file.startsWith(`${ROOT}${path.sep}`) ? path.relative(ROOT, file) : file);

/**
 * @param {object} options
 * @param {string} options.name           prefix of the lines written (`start`, `dev`)
 * @param {string} options.defaultFolder  n8n's user folder unless CE_N8N_FOLDER says
 * @param {(config, log) => Promise<object>} options.preparePackage  puts the package into
 *   `config.folder`, and answers what else the start needs, all optional: `env` for n8n,
 *   `beforeStart(n8n)` and `afterStart(n8n)` (checks that n8n loads the package), `watch(log)`
 *   (starts what runs beside n8n; returns { stop() }), `headline` (lines under the welcome
 *   text's first)
 */
function runLocal({ name, defaultFolder, preparePackage }) {
	const log = (message) => process.stderr.write(`${name}: ${message}\n`);
	const main = async () => {
		const config = settings(defaultFolder);
		await checkPorts([
			['the sandbox (SANDBOX_PORT)', config.sandboxPort],
			['n8n (N8N_PORT)', config.n8nPort],
			["n8n's task-runner broker (N8N_RUNNERS_BROKER_PORT)", config.brokerPort],
		]);
		const prepared = await preparePackage(config, log);
		const n8n = new N8n({
			userFolder: config.folder,
			port: config.n8nPort,
			brokerPort: config.brokerPort,
			owner: owner(config.folder),
			apiKey: storedApiKey(config.folder),
			env: prepared.env,
		});
		if (prepared.beforeStart) await prepared.beforeStart(n8n);

		const sandbox = await startSandbox({ port: config.sandboxPort, dataFile: config.sandboxData });
		const beside = prepared.watch ? prepared.watch(log) : undefined;
		const { stop, watch } = foreground(name, 'n8n and the sandbox', async () => {
			beside?.stop();
			await n8n.stop().catch(() => {});
			await sandbox.close();
		});

		try {
			log(`starting n8n ${N8N_VERSION} on http://127.0.0.1:${config.n8nPort} (log: ${shown(n8n.logFile)})`);
			await n8n.start();
			watch(n8n);
			if (prepared.afterStart) await prepared.afterStart(n8n);
			const setup = await setUpExamples(n8n, sandbox, config.folder);
			const text = { n8n, sandbox, folder: config.folder, sandboxData: config.sandboxData, setup, headline: prepared.headline };
			process.stdout.write(welcomeText(text));
		} catch (error) {
			log(error.message);
			await stop(1);
		}
	};
	runMain(name, main);
}

module.exports = { runLocal, shown };
