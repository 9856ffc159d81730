import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import type { FoundChange } from '../engine/poll/pollCycle';
import { initialPollState, noteReported } from '../engine/poll/pollState';
import { reconciledDeliveryBody } from '../engine/shareFile/webhook/reconciledDelivery';
import { signShareFilePayload } from '../engine/shareFile/webhook/signature';
import { deliverToSelf } from '../shared/trigger/deliverToSelf';
import { currentAccount } from '../shareFile/accounts/currentAccount';
import { changedFilesSince, FILE_CHANGES } from '../shareFile/items/changedFiles';
import type { ShareFileItem } from '../shareFile/items/resolveItem';
import { readReconcileState, saveReconcileState } from './reconcileState';
import { isWanted } from './webhookEvents';

export const reconcileMissedChanges = (context: IHookFunctions) =>
	(context.getNodeParameter('options', {}) as IDataObject).reconcileMissedChanges !== false;

interface Target {
	folder: ShareFileItem;
	subscriptionId: string;
	/** This webhook's URL, with its secret: where ShareFile delivers. */
	url: string;
	/** The OAuth client's signature key, as ShareFile signs with it. */
	signatureKey: string;
	/** The account's subdomain, as ShareFile's deliveries name it. */
	subdomain: string;
}

/** Sends one change to the trigger's own webhook; whether it was accepted (2xx). */
async function redeliver(this: IHookFunctions, target: Target, change: FoundChange, accountId: string): Promise<boolean> {
	const record = change.record as ShareFileItem;
	const parent = record.Parent as IDataObject | undefined;
	const body = reconciledDeliveryBody({
		subscriptionId: target.subscriptionId,
		accountId,
		subdomain: target.subdomain,
		fileId: change.objectId,
		parentId: typeof parent?.Id === 'string' ? parent.Id : undefined,
		changedAt: new Date(change.updatedMs).toISOString(),
		created: change.eventType === 'CREATED',
	});
	const headers = { 'SF-WEBHOOK-PRIMARY-SIGNATURE': signShareFilePayload(body, target.signatureKey) };
	return await deliverToSelf.call(this, target.url, body, headers, `the missed change of file ${change.objectId}`);
}

/**
 * Runs from the lifecycle methods (n8n saves their static data), in production only, once the
 * subscription stands: the files of the folder (and below) that changed since the last change
 * this trigger ran, which no delivery brought (the workflow was inactive, or n8n was down longer
 * than ShareFile retries, or answered ShareFile 404 while starting), are delivered to the
 * trigger's own webhook, oldest first, each marked `recovered`; the webhook runs a change once
 * even when ShareFile's own delivery of it comes too. Stops at the first one not accepted, so it
 * and what follows are tried again at the next activation. The first activation only notes where
 * the folder stands (ShareFile's clock). A deleted file leaves nothing in a listing to find.
 */
export async function reconcileFolder(this: IHookFunctions, target: Target): Promise<void> {
	if (this.getMode() === 'manual' || !reconcileMissedChanges(this)) return;
	const state = readReconcileState.call(this, target.folder.Id);
	const account = await currentAccount.call(this);
	if (state === undefined) {
		saveReconcileState.call(this, target.folder.Id, initialPollState(account.serverDateMs ?? Date.now()));
		return;
	}
	const { changes, state: next } = (await changedFilesSince.call(this, target.folder, true, state)).finish();
	const events = this.getNodeParameter('events', []) as string[];
	const wanted = changes.filter((change) => isWanted(events, 'File', change.eventType === 'CREATED' ? 'Upload' : 'Update'));
	const delivered: FoundChange[] = [];
	for (const change of wanted) {
		if (!(await redeliver.call(this, target, change, account.id))) {
			const runs = delivered.map((done) => ({ id: done.objectId, updatedMs: done.updatedMs }));
			saveReconcileState.call(this, target.folder.Id, noteReported(state, runs, FILE_CHANGES.overlapMs, FILE_CHANGES.maxRemembered));
			return;
		}
		delivered.push(change);
	}
	if (delivered.length > 0) this.logger.info(`ShareFile Trigger: ${delivered.length} missed change(s) of folder ${target.folder.Id} delivered again`);
	saveReconcileState.call(this, target.folder.Id, next);
}
