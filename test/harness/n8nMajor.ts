import type { WorkflowExecute } from 'n8n-core';
import type { INode, IRun, Workflow } from 'n8n-workflow';

/**
 * Where n8n 1.x and 2.x differ in what the harness calls or what a test sees of n8n itself (the
 * nodes work the same on both): the unit suite runs on both, `npm test` on the project's n8n 2.x
 * and `npm run test:n8n1` on the n8n-core and n8n-workflow of the last n8n 1.x.
 */

/** The major version of the n8n-core the suite runs on (its package.json, as jest resolves it for this run). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const N8N_MAJOR = Number((require('n8n-core/package.json') as { version: string }).version.split('.')[0]);

/** n8n 2 takes `run({ workflow, startNode })`; n8n 1 takes `run(workflow, startNode)`. */
export async function runWorkflow(executor: WorkflowExecute, workflow: Workflow, startNode: INode): Promise<IRun> {
	const run = executor.run as unknown as (...args: unknown[]) => Promise<IRun>;
	return await (N8N_MAJOR >= 2 ? run.call(executor, { workflow, startNode }) : run.call(executor, workflow, startNode));
}

/**
 * What n8n says when it refuses to run a workflow whose node parameters have issues (a value
 * failing a field's own check): n8n 2 names the issue; n8n 1 says only that the workflow has
 * issues (its editor shows them on the fields).
 */
export function refusalNaming(issue: string): string {
	return N8N_MAJOR >= 2 ? issue : 'The workflow has issues and cannot be executed';
}

/**
 * What n8n records of a stored binary's size: n8n 2 the byte count `bytes`; n8n 1 only a rounded
 * text (`fileSize`, "3.22 MB").
 */
export function recordedSize(bytes: number): { bytes: number } | { fileSize: string } {
	return N8N_MAJOR >= 2 ? { bytes } : { fileSize: expect.any(String) as unknown as string };
}

/**
 * The 401s ShareFile answers while n8n renews an expired token once: n8n 2 renews on the first;
 * n8n 1 hands that one back (it reads the node's `except: [401]` as ignoring every status) and
 * the node asks again so that n8n's helper sees a 401 it renews on.
 */
export const UNAUTHORIZED_PER_RENEWAL = N8N_MAJOR >= 2 ? 1 : 2;
