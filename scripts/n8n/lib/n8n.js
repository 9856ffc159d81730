'use strict';
// One real n8n (the pinned release scripts/n8n/install.sh put in the cache), driven the way a
// headless user would: its CLI (`import:*`, `publish:workflow`, `execute`, `export:nodes`), its
// server (`n8n start`), and the public REST API with an API key made for the owner.
// Shared by `npm start` (scripts/n8n/start.js) and the end-to-end tests (test/e2e/).

const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const { requestJson } = require('./http');

const N8N_VERSION = '2.41.1';

/** Where scripts/n8n/install.sh put n8n: from the environment the shell scripts export. */
function n8nInstall() {
	const dir = process.env.N8N_INSTALL_DIR;
	const bin = process.env.N8N_BIN || (dir && path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'));
	if (!dir || !bin || !fs.existsSync(bin)) {
		throw new Error(
			'n8n is not installed where N8N_INSTALL_DIR/N8N_BIN say. Run `bash scripts/n8n/install.sh` ' +
				'(or `npm run test:e2e` / `npm start`, which run it) first.',
		);
	}
	const major = Number(process.versions.node.split('.')[0]);
	if (major < 24) {
		throw new Error(`n8n ${N8N_VERSION} needs Node.js 24; this is ${process.version}. Source scripts/node24.sh first.`);
	}
	return { dir, bin };
}

/** A free TCP port on 127.0.0.1, different from every port in `avoid`. */
async function freePort(avoid = []) {
	for (let attempt = 0; attempt < 20; attempt++) {
		const port = await new Promise((resolve, reject) => {
			const server = net.createServer();
			server.unref();
			server.on('error', reject);
			server.listen(0, '127.0.0.1', () => {
				const { port: chosen } = server.address();
				server.close(() => resolve(chosen));
			});
		});
		// 5679 is the task-runner broker's default: never hand it out as an n8n port.
		if (!avoid.includes(port) && port !== 5679) return port;
	}
	throw new Error('could not find a free port');
}

/** Is something already listening on 127.0.0.1:port? */
function portInUse(port) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** bcrypt hash with n8n's own bcryptjs, for N8N_INSTANCE_OWNER_PASSWORD_HASH. */
function bcryptHash(password) {
	const { dir } = n8nInstall();
	const bcrypt = require(path.join(dir, 'node_modules', 'bcryptjs'));
	return bcrypt.hashSync(password, 10);
}

/** A password n8n accepts (8+ characters, a digit, an upper-case letter). */
function generatePassword() {
	return `Ce-${crypto.randomBytes(9).toString('base64url')}-7Q`;
}

/** Everything n8n reads from the environment that a parent process could leak into it. */
function isN8nVariable(name) {
	return (
		/^(N8N_|DB_|EXECUTIONS_|WEBHOOK_URL$|GENERIC_TIMEZONE$|QUEUE_|CREDENTIALS_|NODES_|EXTERNAL_)/.test(name) ||
		name === 'NODE_FUNCTION_ALLOW_BUILTIN' ||
		name === 'NODE_FUNCTION_ALLOW_EXTERNAL' ||
		// jest sets NODE_ENV=test, which makes n8n's CLI skip its work silently.
		name === 'NODE_ENV' ||
		name.startsWith('JEST_')
	);
}

class N8nError extends Error {}

const ROLE_COMMANDS = { main: 'start', webhook: 'webhook', worker: 'worker' };

class N8n {
	/**
	 * @param {object} options
	 * @param {string} options.userFolder  N8N_USER_FOLDER (n8n keeps `.n8n/` in it)
	 * @param {number} options.port        N8N_PORT
	 * @param {number} options.brokerPort  N8N_RUNNERS_BROKER_PORT of the server (must differ from port)
	 * @param {{ email: string, password: string, firstName?: string, lastName?: string }} options.owner
	 * @param {string} [options.logFile]   where the server's output goes (default userFolder/n8n.log)
	 * @param {Record<string,string>} [options.env] extra environment
	 * @param {'main'|'webhook'|'worker'} [options.role] queue mode's processes: `n8n start` (main,
	 *   the default), `n8n webhook` (production webhooks only) or `n8n worker` (executions only;
	 *   `port` is then its health server's, the one HTTP port a worker opens)
	 * @param {string[]} [options.args] extra command-line arguments (e.g. `--concurrency=5`)
	 */
	constructor(options) {
		this.install = n8nInstall();
		this.userFolder = path.resolve(options.userFolder);
		this.port = options.port;
		this.brokerPort = options.brokerPort;
		if (this.port === this.brokerPort) throw new Error('N8N_PORT and N8N_RUNNERS_BROKER_PORT must differ');
		this.owner = { firstName: 'Sandbox', lastName: 'Owner', ...options.owner };
		this.ownerHash = options.ownerHash || bcryptHash(this.owner.password);
		this.logFile = options.logFile || path.join(this.userFolder, 'n8n.log');
		this.role = options.role || 'main';
		if (!ROLE_COMMANDS[this.role]) throw new Error(`unknown n8n role ${this.role}`);
		this.args = [ROLE_COMMANDS[this.role], ...(options.args || [])];
		this.extraEnv = { ...(this.role === 'worker' ? this.workerHealthEnv() : {}), ...(options.env || {}) };
		this.process = undefined;
		this.exited = undefined;
		this.cookie = undefined;
		this.apiKey = options.apiKey;
		this.browserId = `ce-sharefile-${crypto.randomBytes(6).toString('hex')}`;
		fs.mkdirSync(this.userFolder, { recursive: true });
	}

	/** A worker has no N8N_PORT server: its health server (readiness included) stands in for it. */
	workerHealthEnv() {
		return {
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(this.port),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		};
	}

	get url() {
		return `http://127.0.0.1:${this.port}`;
	}

	/** The production webhook base n8n gives nodes (what the webhook trigger registers). */
	get webhookBase() {
		return `${this.url}/webhook/`;
	}

	env(overrides = {}) {
		const env = {};
		for (const [name, value] of Object.entries(process.env)) if (!isN8nVariable(name)) env[name] = value;
		Object.assign(env, {
			N8N_USER_FOLDER: this.userFolder,
			N8N_PORT: String(this.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			WEBHOOK_URL: `${this.url}/`,
			N8N_EDITOR_BASE_URL: `${this.url}/`,
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_EXPRESSION_ENGINE: 'legacy',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
			N8N_INSTANCE_OWNER_EMAIL: this.owner.email,
			N8N_INSTANCE_OWNER_PASSWORD_HASH: this.ownerHash,
			N8N_INSTANCE_OWNER_FIRST_NAME: this.owner.firstName,
			N8N_INSTANCE_OWNER_LAST_NAME: this.owner.lastName,
			GENERIC_TIMEZONE: 'UTC',
			N8N_LOG_LEVEL: 'info',
			...this.extraEnv,
			...overrides,
		});
		return env;
	}

	/**
	 * Runs one CLI command to completion (the server may be running: the CLI gets its own broker
	 * port). Resolves { code, signal, stdout, stderr, ms }; never rejects on a non-zero exit.
	 */
	async cli(args, { timeoutMs = 180_000, env = {} } = {}) {
		const brokerPort = await freePort([this.port, this.brokerPort]);
		const started = Date.now();
		// Files, not pipes: n8n exits as soon as a command is done, and what it wrote to a pipe
		// and had not flushed yet (a large --rawOutput) would be lost; writes to a file are not.
		const base = path.join(this.userFolder, `cli-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`);
		const outFile = fs.openSync(`${base}.out`, 'w');
		const errFile = fs.openSync(`${base}.err`, 'w');
		const read = (suffix) => {
			const text = fs.readFileSync(`${base}.${suffix}`, 'utf8');
			fs.rmSync(`${base}.${suffix}`, { force: true });
			return text;
		};
		return await new Promise((resolve, reject) => {
			const child = spawn(process.execPath, [this.install.bin, ...args], {
				cwd: this.userFolder,
				env: this.env({ N8N_RUNNERS_BROKER_PORT: String(brokerPort), ...env }),
				stdio: ['ignore', outFile, errFile],
			});
			fs.closeSync(outFile);
			fs.closeSync(errFile);
			const timer = setTimeout(() => {
				child.kill('SIGKILL');
				reject(new N8nError(`n8n ${args.join(' ')} did not finish within ${timeoutMs} ms`));
			}, timeoutMs);
			child.on('error', (error) => {
				clearTimeout(timer);
				reject(error);
			});
			child.on('close', (code, signal) => {
				clearTimeout(timer);
				resolve({ code, signal, stdout: read('out'), stderr: read('err'), ms: Date.now() - started });
			});
		});
	}

	/** `n8n execute --id=<id> --rawOutput`: { code, result (parsed JSON or undefined), stdout, stderr }. */
	async execute(workflowId, options = {}) {
		const run = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], options);
		return { ...run, result: parseRawOutput(run.stdout) };
	}

	/** The node types n8n loads, from `n8n export:nodes` (no server needed). */
	async exportNodes() {
		const file = path.join(this.userFolder, `export-nodes-${process.pid}-${Date.now()}.json`);
		const run = await this.cli(['export:nodes', `--output=${file}`]);
		if (run.code !== 0 || !fs.existsSync(file)) {
			throw new N8nError(`n8n export:nodes failed (exit ${run.code}):\n${tail(run.stdout + run.stderr)}`);
		}
		try {
			return JSON.parse(fs.readFileSync(file, 'utf8'));
		} finally {
			fs.rmSync(file, { force: true });
		}
	}

	get running() {
		return Boolean(this.process) && this.process.exitCode === null && this.process.signalCode === null;
	}

	/** `n8n start` (or `webhook`, `worker`: the role); resolves when /healthz/readiness answers 200. */
	async start({ timeoutMs = 120_000, stdio } = {}) {
		if (this.running) throw new N8nError('n8n is already running');
		if (await portInUse(this.port)) throw new N8nError(`port ${this.port} is already in use`);
		const log = fs.openSync(this.logFile, 'a');
		fs.writeSync(log, `\n===== n8n ${this.args.join(' ')} ${new Date().toISOString()} port ${this.port} =====\n`);
		const child = spawn(process.execPath, [this.install.bin, ...this.args], {
			cwd: this.userFolder,
			env: this.env(),
			stdio: stdio || ['ignore', log, log],
		});
		fs.closeSync(log);
		this.process = child;
		// Never leave an n8n behind when whoever started it goes away.
		const killOnExit = () => child.kill('SIGKILL');
		process.once('exit', killOnExit);
		child.once('exit', () => process.removeListener('exit', killOnExit));
		this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
		const started = Date.now();
		while (Date.now() - started < timeoutMs) {
			if (!this.running) {
				const { code, signal } = await this.exited;
				throw new N8nError(`n8n exited during start-up (${signal || `exit ${code}`}); log ${this.logFile}:\n${this.logTail()}`);
			}
			try {
				const response = await fetch(`${this.url}/healthz/readiness`, { signal: AbortSignal.timeout(2000) });
				if (response.status === 200) {
					this.startedInMs = Date.now() - started;
					return this;
				}
			} catch {
				// not listening yet
			}
			await sleep(250);
		}
		await this.stop();
		throw new N8nError(`n8n was not ready within ${timeoutMs} ms; log ${this.logFile}:\n${this.logTail()}`);
	}

	/** SIGTERM, then SIGKILL after timeoutMs. */
	async stop({ timeoutMs = 30_000 } = {}) {
		const child = this.process;
		if (!child) return;
		if (this.running) {
			child.kill('SIGTERM');
			let timer;
			const timeout = new Promise((resolve) => {
				timer = setTimeout(() => resolve('timeout'), timeoutMs);
			});
			const killed = await Promise.race([this.exited, timeout]);
			clearTimeout(timer);
			if (killed === 'timeout') {
				child.kill('SIGKILL');
				await this.exited;
			}
		}
		this.process = undefined;
		this.cookie = undefined;
	}

	/** Kills the process without letting it clean up (SIGKILL by default): a crash. */
	async kill(signal = 'SIGKILL') {
		const child = this.process;
		if (!child) return;
		if (this.running) {
			child.kill(signal);
			await this.exited;
		}
		this.process = undefined;
		this.cookie = undefined;
	}

	async restart() {
		await this.stop();
		await this.start();
	}

	logTail(lines = 60) {
		try {
			return tail(fs.readFileSync(this.logFile, 'utf8'), lines);
		} catch {
			return '(no log)';
		}
	}

	// --- the owner's session and the public API ---------------------------------------------

	async login() {
		const response = await fetch(`${this.url}/rest/login`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', 'browser-id': this.browserId },
			body: JSON.stringify({ emailOrLdapLoginId: this.owner.email, password: this.owner.password }),
		});
		if (!response.ok) throw new N8nError(`login as ${this.owner.email} failed: ${response.status} ${await response.text()}`);
		const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
		this.cookie = cookies.join('; ');
		return this.cookie;
	}

	/** A call to the editor's internal REST API (/rest) with the owner's session. */
	async rest(method, route, body) {
		if (!this.cookie) await this.login();
		const response = await fetch(`${this.url}/rest${route}`, {
			method,
			headers: { 'Content-Type': 'application/json', cookie: this.cookie, 'browser-id': this.browserId },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new N8nError(`${method} /rest${route} → ${response.status}: ${text.slice(0, 500)}`);
		return text ? JSON.parse(text) : undefined;
	}

	/**
	 * What the editor loads: /types/nodes.json or /types/credentials.json (`name` nodes or
	 * credentials), which n8n writes again whenever it (re)loads node packages. It rewrites the
	 * file in place (18 MB of nodes), so a read during a reload can get half of it: retried.
	 */
	async typeFile(name, { attempts = 20 } = {}) {
		if (!this.cookie) await this.login();
		for (let attempt = 1; ; attempt++) {
			const response = await fetch(`${this.url}/types/${name}.json`, { headers: { cookie: this.cookie, 'browser-id': this.browserId } });
			if (!response.ok) throw new N8nError(`GET /types/${name}.json → ${response.status}`);
			const text = await response.text();
			try {
				return JSON.parse(text);
			} catch {
				if (attempt >= attempts) throw new N8nError(`GET /types/${name}.json: ${text.length} characters of incomplete JSON ${attempts} times`);
			}
			await sleep(250);
		}
	}

	/** Makes an API key with every scope the owner may have; kept on this object. */
	async createApiKey(label = `ce-sharefile ${new Date().toISOString()}`) {
		const scopes = (await this.rest('GET', '/api-keys/scopes')).data;
		const created = await this.rest('POST', '/api-keys', { label, scopes, expiresAt: null });
		this.apiKey = created.data.rawApiKey;
		return this.apiKey;
	}

	/** Does the API key on this object still work? */
	async apiKeyWorks() {
		if (!this.apiKey) return false;
		const response = await fetch(`${this.url}/api/v1/workflows?limit=1`, { headers: { 'X-N8N-API-KEY': this.apiKey } });
		return response.ok;
	}

	/** The public REST API (/api/v1). Answers { status, body } when `raw`, else the body (throws on non-2xx). */
	async api(method, route, body, { raw = false } = {}) {
		if (!this.apiKey) await this.createApiKey();
		const answer = await requestJson(`${this.url}/api/v1${route}`, method, body, { 'X-N8N-API-KEY': this.apiKey });
		if (raw) return { status: answer.status, body: answer.body };
		if (!answer.ok) throw new N8nError(`${method} /api/v1${route} → ${answer.status}: ${answer.text.slice(0, 800)}`);
		return answer.body;
	}

	/**
	 * n8n 2.41 applies (un)publishing asynchronously, through its publication outbox: the API
	 * answers at once, the triggers come up a moment later. This is the editor's view of that.
	 */
	async publicationStatus(workflowId) {
		return (await this.rest('GET', `/workflows/${workflowId}/publication-status`)).data;
	}

	async waitForPublication(workflowId, wanted, { timeoutMs = 60_000 } = {}) {
		const started = Date.now();
		let last;
		while (Date.now() - started < timeoutMs) {
			last = await this.publicationStatus(workflowId);
			if (last.status === wanted) return last;
			if (wanted === 'published' && (last.status === 'failed' || last.status === 'partial')) {
				const errors = last.triggers.map((trigger) => trigger.errorMessage).filter(Boolean).join('; ');
				throw new N8nError(`activating workflow ${workflowId} failed: ${errors || last.status}`);
			}
			await sleep(200);
		}
		throw new N8nError(`workflow ${workflowId} did not reach "${wanted}" within ${timeoutMs} ms (last: ${JSON.stringify(last)})`);
	}

	/** Activates (publishes) through the public API and waits until its triggers are live. */
	async activate(workflowId) {
		await this.api('POST', `/workflows/${workflowId}/activate`);
		return await this.waitForPublication(workflowId, 'published');
	}

	/** Deactivates through the public API and waits until its triggers are down. */
	async deactivate(workflowId) {
		await this.api('POST', `/workflows/${workflowId}/deactivate`);
		return await this.waitForPublication(workflowId, 'not_published');
	}

	/** Every execution of a workflow, oldest first, with its data. */
	async executions(workflowId) {
		const all = [];
		let cursor;
		do {
			const query = new URLSearchParams({ workflowId: String(workflowId), includeData: 'true', limit: '100' });
			if (cursor) query.set('cursor', cursor);
			const page = await this.api('GET', `/executions?${query}`);
			all.push(...page.data);
			cursor = page.nextCursor;
		} while (cursor);
		return all.sort((a, b) => Number(a.id) - Number(b.id));
	}
}

/** `--rawOutput` prints log lines first; the JSON starts at the first line beginning with `{`. */
function parseRawOutput(stdout) {
	const lines = stdout.split('\n');
	const first = lines.findIndex((line) => line.startsWith('{'));
	if (first === -1) return undefined;
	const text = lines.slice(first).join('\n');
	try {
		return JSON.parse(text);
	} catch {
		// Trailing log lines after the JSON: cut at the last closing brace that parses.
		for (let end = text.lastIndexOf('}'); end > 0; end = text.lastIndexOf('}', end - 1)) {
			try {
				return JSON.parse(text.slice(0, end + 1));
			} catch {
				// keep looking
			}
		}
		return undefined;
	}
}

function tail(text, lines = 40) {
	return text.split('\n').slice(-lines).join('\n');
}

module.exports = {
	N8N_VERSION,
	N8n,
	N8nError,
	bcryptHash,
	freePort,
	generatePassword,
	n8nInstall,
	parseRawOutput,
	portInUse,
	sleep,
	tail,
};
