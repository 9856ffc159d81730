/**
 * scripts/n8n/rebuild-native.sh compiles n8n's sqlite3 in the cached n8n install. It is launched
 * by `npm start`, `npm run test:e2e` and `.ci/run` through npm, which exports the project's
 * `.npmrc` (ignore-scripts=true) to it: a fresh machine once got an n8n whose sqlite3 was never
 * built. A stand-in native module whose install script leaves a mark shows whether the build ran.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');
const SCRIPT = path.join(ROOT, 'scripts/n8n/rebuild-native.sh');
const MODULE = 'ce-native-probe';

/** An install folder like n8n's cache holding one module whose "build" writes built.txt. */
function installFolder(): { dir: string; mark: string } {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ce-sharefile-rebuild-'));
	const moduleDir = path.join(dir, 'node_modules', MODULE);
	fs.mkdirSync(moduleDir, { recursive: true });
	fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'probe-host', private: true, dependencies: { [MODULE]: '1.0.0' } }));
	fs.writeFileSync(
		path.join(moduleDir, 'package.json'),
		JSON.stringify({
			name: MODULE,
			version: '1.0.0',
			scripts: { install: `node -e "require('fs').writeFileSync('built.txt', 'built')"` },
		}),
	);
	return { dir, mark: path.join(moduleDir, 'built.txt') };
}

/** Runs a shell command the way `npm run <script>` runs it from the project root. */
function throughNpm(command: string): string {
	return execFileSync('npm', ['exec', '--no', '-c', command], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

const folders: string[] = [];
afterAll(() => folders.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe('rebuild-native.sh', () => {
	it('launched through npm, sees the project setting that once skipped the build', () => {
		expect(throughNpm('node -p process.env.npm_config_ignore_scripts').trim()).toBe('true');
	});

	it('a bare `npm rebuild` launched through npm skips the build (the failure this script prevents)', () => {
		const { dir, mark } = installFolder();
		folders.push(dir);
		throughNpm(`cd '${dir}' && npm rebuild ${MODULE}`);
		expect(fs.existsSync(mark)).toBe(false);
	});

	it('launched through npm, runs the module build', () => {
		const { dir, mark } = installFolder();
		folders.push(dir);
		throughNpm(`bash '${SCRIPT}' '${dir}' ${MODULE}`);
		expect(fs.readFileSync(mark, 'utf8')).toBe('built');
	});

	it('launched from a plain shell, runs the module build', () => {
		const { dir, mark } = installFolder();
		folders.push(dir);
		const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('npm_')));
		execFileSync('bash', [SCRIPT, dir, MODULE], { env, stdio: 'ignore' });
		expect(fs.readFileSync(mark, 'utf8')).toBe('built');
	});

	it('names its usage when no module is given', () => {
		expect(() => execFileSync('bash', [SCRIPT, os.tmpdir()], { stdio: 'pipe' })).toThrow(/name at least one module/);
	});
});
