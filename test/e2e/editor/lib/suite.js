'use strict';
// One editor suite's world: its stack (a sandbox and an n8n, test/e2e/lib/stack.js; no
// credential: the suites make theirs in the editor), a Chromium logged in as n8n's owner, the
// hooks that start and close both, and `step`: a test that photographs the page when it fails.

const { openBrowser, logIn } = require('../../lib/browser');
const { startStack } = require('../../lib/stack');

/**
 * `name` names the stack's user folder, `shots` the screenshots; `prepare(stack)` runs once the
 * stack is up (e.g. sandbox instances). The returned object's `stack`, `browser` and `page` are
 * set by the time the suite's own beforeAll hooks run (jest runs hooks in the order declared).
 */
function editorSuite(name, shots, prepare = async () => {}) {
	const suite = { stack: undefined, browser: undefined, page: undefined };
	beforeAll(async () => {
		suite.stack = await startStack(name, { credential: false });
		await prepare(suite.stack);
		suite.browser = await openBrowser(shots);
		suite.page = suite.browser.page;
		await logIn(suite.browser, suite.stack.n8n);
		process.stderr.write(`editor e2e: screenshots in ${suite.browser.screenshotDir}\n`);
	});
	afterAll(async () => {
		await suite.browser?.close();
		await suite.stack?.close();
	});
	/** A test step: on failure, a screenshot of what the page showed is taken before jest reports it. */
	suite.step = (title, fn) =>
		it(title, async () => {
			try {
				await fn();
			} catch (error) {
				const file = await suite.browser?.shoot('FAILED').catch(() => undefined);
				if (file) error.message += `\n(screenshot: ${file})`;
				throw error;
			}
		});
	return suite;
}

module.exports = { editorSuite };
