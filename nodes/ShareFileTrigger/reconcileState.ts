import type { IDataObject, IExecuteFunctions, IHookFunctions, INodeExecutionData } from 'n8n-workflow';

import { parseIsoInstant } from '../engine/isoDate';
import { noteReported, readPollState, type PollState } from '../engine/poll/pollState';
import { FILE_CHANGES } from '../shareFile/items/changedFiles';

/**
 * Where the trigger stands for reconciling, in static data: the folder it is for and the changes
 * it ran, as a poll state (the newest change's time and the changes at that edge). No token.
 */
export interface ReconcileData extends IDataObject {
	folderId?: string;
	state?: IDataObject;
}

const SLOT = 'reconcile';

export function readReconcileState(this: IHookFunctions | IExecuteFunctions, folderId: string): PollState | undefined {
	const stored = (this.getWorkflowStaticData('node') as { [SLOT]?: ReconcileData })[SLOT];
	return stored?.folderId === folderId ? readPollState(stored.state) : undefined;
}

export function saveReconcileState(this: IHookFunctions | IExecuteFunctions, folderId: string, state: PollState): void {
	(this.getWorkflowStaticData('node') as { [SLOT]?: ReconcileData })[SLOT] = { folderId, state: { ...state } };
}

/** A file change an item stands for: its id at its `modifiedDate` (ShareFile's ProgenyEditDate). */
function changeOf(item: INodeExecutionData): { id: string; updatedMs: number } | undefined {
	const { objectId, modifiedDate, eventType } = item.json;
	if (typeof objectId !== 'string' || typeof modifiedDate !== 'string') return undefined;
	if (eventType !== 'CREATED' && eventType !== 'UPDATED') return undefined;
	const updatedMs = parseIsoInstant(modifiedDate);
	return updatedMs === updatedMs ? { id: objectId, updatedMs } : undefined;
}

/**
 * Notes the changes a production run ran, so that the next reconcile starts after them. Runs in
 * `execute()`: n8n saves what an execution changes in static data (not what `webhook()` does).
 */
export function noteRunChanges(this: IExecuteFunctions, items: INodeExecutionData[]): void {
	if (this.getMode() === 'manual') return;
	const stored = (this.getWorkflowStaticData('node') as { [SLOT]?: ReconcileData })[SLOT];
	const state = stored?.folderId ? readPollState(stored.state) : undefined;
	if (!stored?.folderId || !state) return;
	const changes = items.map(changeOf).filter((change): change is { id: string; updatedMs: number } => change !== undefined);
	const next = noteReported(state, changes, FILE_CHANGES.overlapMs, FILE_CHANGES.maxRemembered);
	if (next !== state) saveReconcileState.call(this, stored.folderId, next);
}
