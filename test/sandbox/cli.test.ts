import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// The sandbox must run on the machine's own Node (20), not only on the Node 24 the tests run on.
const NODE = fs.existsSync('/usr/bin/node') ? '/usr/bin/node' : process.execPath;
const CLI = path.resolve(__dirname, '../../sandbox/cli.js');

function startCli(args: string[], cwd: string): Promise<{ child: ChildProcessWithoutNullStreams; firstLine: string; output: () => string }> {
	const child = spawn(NODE, [CLI, ...args], { cwd });
	let output = '';
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`no start line; output so far: ${output}`)), 10_000);
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			const newline = output.indexOf('\n');
			if (newline >= 0) {
				clearTimeout(timer);
				resolve({ child, firstLine: output.slice(0, newline), output: () => output });
			}
		});
		child.stderr.on('data', (chunk: Buffer) => {
			output += chunk.toString();
		});
		child.on('exit', (code) => reject(new Error(`exited early with ${code}: ${output}`)));
	});
}

function exitOf(child: ChildProcessWithoutNullStreams): Promise<number | null> {
	return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

describe('sandbox: command line', () => {
	let directory: string;
	beforeEach(() => {
		directory = fs.mkdtempSync(path.join(os.tmpdir(), 'ce-sandbox-cli-'));
	});
	afterEach(() => fs.rmSync(directory, { recursive: true, force: true }));

	test('starts on a free port, prints the base URL line and how to authenticate, and stops on SIGTERM with code 0', async () => {
		const { child, firstLine, output } = await startCli(['--port', '0', '--user-secret', 'u1', '--organization-secret', 'o1'], directory);
		const match = /^Cloud Elements sandbox listening on (http:\/\/127\.0\.0\.1:(\d+)\/elements\/api-v2)$/.exec(firstLine);
		expect(match).not.toBeNull();
		const baseUrl = match![1];

		const denied = await fetch(`${baseUrl}/instances`, { headers: { authorization: 'User sandbox-user-secret, Organization sandbox-organization-secret' } });
		expect(denied.status).toBe(401);
		const allowed = await fetch(`${baseUrl}/instances`, { headers: { authorization: 'User u1, Organization o1' } });
		expect(allowed.status).toBe(200);
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(output()).toContain('Authorization: User u1, Organization o1');

		const exited = exitOf(child);
		child.kill('SIGTERM');
		expect(await exited).toBe(0);
	});

	test('keeps state in .sandbox-data/state.json under the working directory by default, and stops on SIGINT', async () => {
		const { child, firstLine } = await startCli(['--port', '0'], directory);
		const baseUrl = firstLine.replace('Cloud Elements sandbox listening on ', '');
		const created = await fetch(`${baseUrl}/instances`, {
			method: 'POST',
			headers: { authorization: 'User sandbox-user-secret, Organization sandbox-organization-secret', 'content-type': 'application/json' },
			body: JSON.stringify({
				element: { key: 'sharefile' },
				providerData: { code: 'sandbox-demo-code' },
				name: 'cli',
				configuration: {
					'oauth.api.key': 'k',
					'oauth.api.secret': 's',
					'oauth.callback.url': 'https://a.example/cb',
					'sharefile.subdomain': 'acme',
				},
			}),
		});
		expect(created.status).toBe(200);
		const exited = exitOf(child);
		child.kill('SIGINT');
		expect(await exited).toBe(0);
		const state = JSON.parse(fs.readFileSync(path.join(directory, '.sandbox-data', 'state.json'), 'utf8'));
		expect(state.instances.map((i: { name: string }) => i.name)).toEqual(['cli']);
	});

	test('--help documents every option; an unknown option exits 2', () => {
		const help = spawnSync(NODE, [CLI, '--help'], { encoding: 'utf8' });
		expect(help.status).toBe(0);
		for (const option of ['--port', '--user-secret', '--organization-secret', '--data', '--in-memory', '--time-scale']) {
			expect(help.stdout).toContain(option);
		}
		const bad = spawnSync(NODE, [CLI, '--bogus'], { encoding: 'utf8' });
		expect(bad.status).toBe(2);
		expect(bad.stderr).toContain('--bogus');
	});
});
