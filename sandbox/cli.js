#!/usr/bin/env node
// @ts-check
'use strict';

const { startSandbox, DEFAULT_USER_SECRET, DEFAULT_ORGANIZATION_SECRET, DEFAULT_USERNAME, DEFAULT_PASSWORD } = require('./index');
const { DEMO_CODE } = require('./oauth');

const HELP = `Local Cloud Elements sandbox for the Citrix ShareFile element.

Usage: node sandbox/cli.js [options]

  --port N                  port on 127.0.0.1 (default 8787; 0 picks a free port)
  --user-secret S           User secret clients must send (default ${DEFAULT_USER_SECRET})
  --organization-secret S   Organization secret clients must send (default ${DEFAULT_ORGANIZATION_SECRET})
  --username U              console login for POST /authentication (default ${DEFAULT_USERNAME})
  --password P              its password (default ${DEFAULT_PASSWORD})
  --data FILE               JSON file the state is kept in (default .sandbox-data/state.json, relative to cwd)
  --in-memory               keep state in memory only; nothing is read or written
  --time-scale N            run pollers and delivery retries N times faster (default 1)
  --sharefile-token-lifetime S  lifetime in seconds of ShareFile API v3 access tokens (default 3600)
  --help                    show this help

Authenticate with:  Authorization: User <user secret>, Organization <organization secret>
Hub calls add:      , Element <instance token>
Demo grant code:    ${DEMO_CODE} (always accepted as providerData.code)
See sandbox/README.md for every endpoint and control.`;

/** @param {string[]} argv */
function parseArguments(argv) {
	/** @type {{ port: number, userSecret: string, organizationSecret: string, username: string, password: string, dataFile?: string, timeScale: number,
	 *   shareFileTokenLifetimeSeconds?: number, help: boolean }} */
	const options = {
		port: 8787,
		userSecret: DEFAULT_USER_SECRET,
		organizationSecret: DEFAULT_ORGANIZATION_SECRET,
		username: DEFAULT_USERNAME,
		password: DEFAULT_PASSWORD,
		dataFile: '.sandbox-data/state.json',
		timeScale: 1,
		help: false,
	};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split(/=(.*)/s, 2);
		const value = () => {
			const next = inline !== undefined ? inline : argv[++i];
			if (next === undefined || next === '') throw new Error(`${flag} needs a value`);
			return next;
		};
		switch (flag) {
			case '--help':
			case '-h':
				options.help = true;
				break;
			case '--port': {
				const text = value();
				if (!/^\d+$/.test(text) || Number(text) > 65535) throw new Error(`--port must be 0-65535, not ${text}`);
				options.port = Number(text);
				break;
			}
			case '--user-secret':
				options.userSecret = value();
				break;
			case '--organization-secret':
				options.organizationSecret = value();
				break;
			case '--username':
				options.username = value();
				break;
			case '--password':
				options.password = value();
				break;
			case '--data':
				options.dataFile = value();
				break;
			case '--in-memory':
				options.dataFile = undefined;
				break;
			case '--time-scale': {
				const text = value();
				if (!(Number(text) > 0)) throw new Error(`--time-scale must be a positive number, not ${text}`);
				options.timeScale = Number(text);
				break;
			}
			case '--sharefile-token-lifetime': {
				const text = value();
				if (!(Number(text) > 0)) throw new Error(`--sharefile-token-lifetime must be a positive number of seconds, not ${text}`);
				options.shareFileTokenLifetimeSeconds = Number(text);
				break;
			}
			default:
				throw new Error(`unknown option ${argv[i]}`);
		}
	}
	return options;
}

async function main() {
	let options;
	try {
		options = parseArguments(process.argv.slice(2));
	} catch (error) {
		console.error(`sandbox: ${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
		process.exit(2);
	}
	if (options.help) {
		console.log(HELP);
		return;
	}
	const sandbox = await startSandbox(options);
	console.log(`Cloud Elements sandbox listening on ${sandbox.baseUrl}`);
	console.log(`  Authorization: User ${options.userSecret}, Organization ${options.organizationSecret}`);
	console.log(`  Hub calls add ", Element <instance token>"; demo grant code: ${DEMO_CODE}`);
	console.log(`  Login (POST /authentication): ${options.username} / ${options.password === DEFAULT_PASSWORD ? DEFAULT_PASSWORD : '(as given)'}`);
	console.log(`  State: ${sandbox.dataFile ? sandbox.dataFile : 'in memory'}; controls under ${sandbox.origin}/_sandbox`);
	console.log(`  Sandbox page: ${sandbox.origin}/ (files of each instance, uploads, and the deliveries and polls it sent)`);
	console.log(`  ShareFile API v3: ${sandbox.origin}/sharefile/<subdomain>/sf/v3, OAuth at .../oauth/authorize and /oauth/token (client sandbox-sharefile-client / sandbox-sharefile-secret)`);

	let stopping = false;
	/** @param {NodeJS.Signals} signal */
	const stop = (signal) => {
		if (stopping) return;
		stopping = true;
		sandbox.close().then(
			() => {
				console.log(`Cloud Elements sandbox stopped (${signal}).`);
				process.exit(0);
			},
			(error) => {
				console.error('sandbox: error while stopping:', error);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	console.error(`sandbox: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
});
