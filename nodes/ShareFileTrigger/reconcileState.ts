import type { IDataObject, IExecuteFunctions, IHookFunctions, INodeExecutionData } from 'n8n-workflow';

import { parseIsoInstant } from '../engine/isoDate';
import { noteReported, readPollState, type PollState } from '../engine/poll/pollState';
import { joinProcessNote, keepProcessNote, type ReconcileNote } from '../engine/webhook/reconcileNotes';
import { triggerKey } from '../shared/trigger/triggerKey';
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

type NoteContext = IHookFunctions | IExecuteFunctions;

function storedNote(this: NoteContext): ReconcileNote | undefined {
	const stored = (this.getWorkflowStaticData('node') as { [SLOT]?: ReconcileData })[SLOT];
	const folderId = stored?.folderId;
	const state = folderId ? readPollState(stored.state) : undefined;
	return folderId && state ? { folderId, state } : undefined;
}

/** The production webhook's key for this process's notes, whether a lifecycle method or an execution asks. */
const productionTrigger = (context: NoteContext) => triggerKey.call(context, 'webhook');

function joined(trigger: string, note: ReconcileNote | undefined): ReconcileNote | undefined {
	return joinProcessNote(trigger, note, FILE_CHANGES.overlapMs, FILE_CHANGES.maxRemembered);
}

function writeNote(this: NoteContext, trigger: string, note: ReconcileNote): void {
	keepProcessNote(trigger, note);
	(this.getWorkflowStaticData('node') as { [SLOT]?: ReconcileData })[SLOT] = { folderId: note.folderId, state: { ...note.state } };
}

export function readReconcileState(this: IHookFunctions, folderId: string): PollState | undefined {
	const note = joined(productionTrigger(this), storedNote.call(this));
	return note?.folderId === folderId ? note.state : undefined;
}

/** Saves where a reconcile left the folder, with what this process's executions noted meanwhile. */
export function saveReconcileState(this: IHookFunctions, folderId: string, state: PollState): void {
	const trigger = productionTrigger(this);
	writeNote.call(this, trigger, joined(trigger, { folderId, state })!);
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
 * `execute()`: n8n 2.41 saves what an execution changes in static data when it ends, but not what
 * `webhook()` changes when a run follows (its runner resets the change mark first). Each
 * execution read the note when it started, so the one saved last lacks what executions that ran
 * at the same time noted: this process's memory of its notes is joined in.
 */
export function noteRunChanges(this: IExecuteFunctions, items: INodeExecutionData[]): void {
	if (this.getMode() === 'manual') return;
	const trigger = productionTrigger(this);
	const note = joined(trigger, storedNote.call(this));
	if (!note) return;
	const changes = items.map(changeOf).filter((change): change is { id: string; updatedMs: number } => change !== undefined);
	const next = noteReported(note.state, changes, FILE_CHANGES.overlapMs, FILE_CHANGES.maxRemembered);
	if (next !== note.state) writeNote.call(this, trigger, { folderId: note.folderId, state: next });
}
