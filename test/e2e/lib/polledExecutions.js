'use strict';
// What an active polling workflow has run so far, and the waits the polling suites share.

const { nodeItems } = require('../../../scripts/n8n/lib/workflows');
const { sleep, waitFor } = require('./wait');

const sorted = (labels) => [...labels].sort();

/**
 * `label` names an item ("EVENTTYPE Name"); `isPoll` tells a sandbox request of the trigger's
 * poll (logged by the sandbox) from the others.
 */
function polledExecutions(stack, workflowId, triggerName, { label, isPoll }) {
	/** Items of every execution so far (all must have succeeded). */
	async function reported() {
		const executions = await stack.n8n.executions(workflowId);
		const failed = executions.filter((execution) => execution.status !== 'success');
		if (failed.length > 0) throw new Error(`executions failed: ${JSON.stringify(failed.map((e) => e.data?.resultData?.error?.message ?? e.status))}`);
		return executions.flatMap((execution) => nodeItems(execution, triggerName).map((item) => ({ ...item, executionId: execution.id })));
	}

	/** Waits until everything expected has been reported, then a little longer to see nothing more comes. */
	async function expectReportedOnce(expected, timeoutMs = 30_000) {
		await waitFor(`executions reporting ${JSON.stringify(sorted(expected))}`, async () => (await reported()).length >= expected.length, { timeoutMs });
		await sleep(1500);
		const items = await reported();
		expect(sorted(items.map(label))).toEqual(sorted(expected));
		return items;
	}

	/** n8n polls at activation: deactivating and reactivating makes it poll now. */
	async function pollNow() {
		await stack.n8n.deactivate(workflowId);
		await stack.sandbox.clearRequests();
		await stack.n8n.activate(workflowId);
		await waitFor('a poll of the sandbox', async () => (await stack.sandbox.requests()).some((request) => isPoll(request) && request.status === 200));
	}

	return { reported, expectReportedOnce, pollNow };
}

module.exports = { polledExecutions };
