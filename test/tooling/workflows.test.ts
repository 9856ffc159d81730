/**
 * The GitHub Actions workflows: `npm run lint:workflows` (actionlint, in .ci/run) passes them and
 * fails a broken one, and the release workflow publishes the way n8n's verification requires
 * (from a tag, with an npm provenance statement, which needs the OIDC token).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');
const WORKFLOWS = path.join(ROOT, '.github', 'workflows');
const read = (name: string) => fs.readFileSync(path.join(WORKFLOWS, name), 'utf8');

function lint(dir?: string) {
	const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts/lint-workflows.js'), ...(dir ? [dir] : [])], { cwd: ROOT, encoding: 'utf8' });
	return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** A folder holding the real workflows with `name` changed by `edit`. */
function withEdited(name: string, edit: (text: string) => string): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ce-sharefile-workflows-'));
	for (const file of fs.readdirSync(WORKFLOWS)) fs.copyFileSync(path.join(WORKFLOWS, file), path.join(dir, file));
	const edited = edit(read(name));
	expect(edited).not.toBe(read(name));
	fs.writeFileSync(path.join(dir, name), edited);
	return dir;
}

describe('npm run lint:workflows', () => {
	const made: string[] = [];
	afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

	it('passes ci.yml and publish.yml', () => {
		expect(fs.readdirSync(WORKFLOWS).sort()).toEqual(['ci.yml', 'publish.yml']);
		const { status, output } = lint();
		expect({ status, output }).toEqual({ status: 0, output: expect.stringContaining('ci.yml, publish.yml: no problems') });
	});

	it.each([
		['a misspelt permission', 'publish.yml', (t: string) => t.replace('id-token: write', 'id-tokn: write'), /publish\.yml:\d+:\d+ unknown permission scope "id-tokn"/],
		['an input setup-node does not have', 'publish.yml', (t: string) => t.replace('registry-url:', 'registry-uri:'), /input "registry-uri" is not defined in action "actions\/setup-node@v4"/],
		['an expression on an unknown context', 'ci.yml', (t: string) => t.replace('${{ github.ref }}', '${{ gihtub.ref }}'), /ci\.yml:\d+:\d+ undefined variable "gihtub"/],
		['a job needing one that does not exist', 'publish.yml', (t: string) => t.replace('needs: ci', 'needs: checks'), /job "publish" needs job "checks" which does not exist/],
	])('fails %s', (_what, name, edit, message) => {
		const dir = withEdited(name, edit);
		made.push(dir);
		const { status, output } = lint(dir);
		expect(status).toBe(1);
		expect(output).toMatch(message);
	});

	it('fails when there is no workflow to lint', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ce-sharefile-workflows-'));
		made.push(dir);
		expect(lint(dir)).toEqual({ status: 1, output: expect.stringContaining('nothing was linted') });
	});
});

describe('the workflows', () => {
	it('CI runs .ci/run with PostgreSQL and Redis beside it', () => {
		const ci = read('ci.yml');
		expect(ci).toMatch(/^\s+run: bash \.ci\/run$/m);
		expect(ci).toMatch(/^\s+postgres:\n\s+image: postgres:/m);
		expect(ci).toMatch(/^\s+redis:\n\s+image: redis:/m);
		expect(ci).toMatch(/- 5432:5432/);
		expect(ci).toMatch(/- 6379:6379/);
		expect(ci).toMatch(/^ {2}workflow_call:$/m);
	});

	it('a v* tag runs CI, then install, build, lint, test and npm publish with provenance', () => {
		const publish = read('publish.yml');
		expect(publish).toMatch(/^ {4}tags: \['v\*'\]$/m);
		expect(publish).toMatch(/uses: \.\/\.github\/workflows\/ci\.yml/);
		expect(publish).toMatch(/^ {6}id-token: write$/m);
		expect(publish).toMatch(/^ {6}contents: read$/m);
		expect(publish).toMatch(/registry-url: https:\/\/registry\.npmjs\.org$/m);
		const steps = ['npm ci', 'npm run build', 'npm run lint', 'npm test', 'npm publish --provenance --access public'];
		const at = steps.map((step) => publish.indexOf(step));
		expect(at.every((index) => index > 0)).toBe(true);
		// In that order.
		expect([...at].sort((a, b) => a - b)).toEqual(at);
		expect(publish).toMatch(/NODE_AUTH_TOKEN: \$\{\{ secrets\.NPM_TOKEN \}\}/);
	});
});
