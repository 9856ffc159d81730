import type { IExecuteFunctions, INodeExecutionData, ITriggerFunctions, ITriggerResponse } from 'n8n-workflow';

/**
 * Why a webhook node has `trigger()`: n8n 2.41 (its workflow publication service, on by default)
 * brings back at start-up only the nodes it held in memory as triggers or pollers; a webhook alone
 * stays in its database and none of its lifecycle methods run. A node that is also a trigger is
 * activated again with activation `init`, its webhook included, so `checkExists` runs and can
 * recover what was missed while n8n was down (each webhook trigger's recovery or reconcile). n8n runs `trigger()` next to the webhook
 * methods, at the same time, so it emits nothing: recovery stays in one place, once per activation.
 * It must answer something: n8n counts a trigger that answers nothing as missing and activates
 * the workflow again every 10 seconds.
 */
export async function startUpHook(this: ITriggerFunctions): Promise<ITriggerResponse> {
	return {};
}

/**
 * Why `execute()`: with `trigger()` present, n8n's engine would run a manual execution (the
 * editor's "Listen for test event") through `trigger()` and wait for an emit that never comes,
 * instead of taking the webhook's items. It looks for `execute()` first: the webhook's items, as
 * they came, in every mode.
 */
export async function passThrough(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return [this.getInputData()];
}
