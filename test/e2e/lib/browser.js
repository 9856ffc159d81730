'use strict';
// A real Chromium (Debian's package) driven by playwright-core, the way an operator meets the
// editor: logged in as the owner, one page, a screenshot after each step into the run's
// screenshot folder (printed once, kept after the run).

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { chromium, selectors } = require('playwright-core');

// n8n marks its elements with data-test-id; getByTestId reads that attribute.
selectors.setTestIdAttribute('data-test-id');

// Without the network switches Chromium keeps calling hosts this closed network refuses.
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

function chromiumPath() {
	if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
	for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (fs.existsSync(candidate)) return candidate;
	try {
		return execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
	} catch {
		throw new Error('Chromium is not installed: `apt-get install -y chromium` (or set CHROMIUM_PATH)');
	}
}

function screenshotDir() {
	const dir = path.join(process.env.CE_E2E_RUN_DIR || os.tmpdir(), 'screenshots');
	fs.mkdirSync(dir, { recursive: true });
	return dir;
}

/**
 * Opens Chromium with a fresh profile. `shoot(name)` saves a full-page PNG as
 * <screenshots>/<suite>-<nn>-<name>.png and returns its path.
 */
async function openBrowser(suite) {
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ce-sharefile-chromium-'));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: chromiumPath(),
		headless: true,
		args: CHROMIUM_ARGS,
		viewport: { width: 1440, height: 900 },
	});
	const page = context.pages()[0] || (await context.newPage());
	page.setDefaultTimeout(30_000);
	const dir = screenshotDir();
	let step = 0;
	const shoot = async (name) => {
		step += 1;
		const file = path.join(dir, `${suite}-${String(step).padStart(2, '0')}-${name}.png`);
		await page.screenshot({ path: file });
		return file;
	};
	const close = async () => {
		await context.close();
		fs.rmSync(userDataDir, { recursive: true, force: true });
	};
	return { context, page, shoot, close, screenshotDir: dir };
}

/** Logs the browser in as n8n's owner: the session cookie then serves every page. */
async function logIn(browser, n8n) {
	const response = await browser.context.request.post(`${n8n.url}/rest/login`, {
		data: { emailOrLdapLoginId: n8n.owner.email, password: n8n.owner.password },
	});
	if (!response.ok()) throw new Error(`browser login failed: ${response.status()} ${await response.text()}`);
}

module.exports = { openBrowser, logIn, chromiumPath };
