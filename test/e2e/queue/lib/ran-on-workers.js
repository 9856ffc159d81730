'use strict';
// Where a queue-mode execution ran: each worker logs the executions it starts, main none.

const fs = require('node:fs');

const { executionsOf } = require('../../lib/many-workflows');

/** Every execution of these workflows ran on one of the world's workers, none on main. */
async function expectRanOnWorkers(world, workflowIds) {
	const workerLogs = world.stack.workers.map((worker) => fs.readFileSync(worker.logFile, 'utf8')).join('\n');
	const mainLog = fs.readFileSync(world.n8n.logFile, 'utf8');
	const ids = [];
	for (const id of workflowIds) ids.push(...(await executionsOf(world.n8n, id)).map((execution) => execution.id));
	expect(ids.length).toBeGreaterThan(0);
	expect(ids.filter((id) => !workerLogs.includes(`Worker started execution ${id} `))).toEqual([]);
	expect(ids.filter((id) => mainLog.includes(`started execution ${id} `))).toEqual([]);
}

module.exports = { expectRanOnWorkers };
