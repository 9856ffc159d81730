import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { markRecovering } from '../engine/webhook/recoveringDeliveries';
import {
	asSeenBy,
	eventsToRedeliver,
	nextRecoveryState,
	pausedRecoveryState,
	readRecoveryState,
	type RecoveryMode,
	type RecoveryState,
} from '../engine/webhook/recoveryPlan';
import { settle } from '../shared/settle';
import { queuedDeliveriesFor, releaseQueued, storedEventsSince } from './missedEventsLog';
import { redeliver } from './redeliver';
import { triggerKey } from '../shared/trigger/triggerKey';

/** What is left once the registration is in place: the queued deliveries to release. */
export interface PendingRelease {
	urls: string[];
	eventIds: string[];
}

interface RecoveryStaticData {
	recovery?: unknown;
	recovering?: string;
}

function startDateOf(this: IHookFunctions): string | undefined {
	if (this.getNodeParameter('startFrom', 'now') !== 'date') return undefined;
	const text = String(this.getNodeParameter('startDate', ''));
	const time = Date.parse(text);
	if (!text || Number.isNaN(time)) {
		throw new NodeOperationError(this.getNode(), `Start Date "${text}" is not a date`, {
			description: 'Pick the date to report changes from, or choose Start From → Now.',
		});
	}
	return new Date(time).toISOString();
}

export const recoverMissedEvents = (context: IHookFunctions) =>
	(context.getNodeParameter('options', {}) as IDataObject).recoverMissedEvents !== false;

/**
 * Runs from the lifecycle methods (n8n saves their static data), in production only, before the
 * registration is (re)written: takes back from the stored-event log what this trigger missed and
 * delivers it to its own webhook at `callbackUrl` (the registration's URL), signed with the
 * registration's key (`signatureKey`, worked out only when something is to be delivered), reading
 * the log as its `subscriptionIds` saw it (subscription mode). First activation: Start From → A Date delivers everything since the date, once; Now only
 * notes where the log stands. Later activations (Options → Recover Missed Events): the deliveries
 * that failed for good. Queued deliveries are left to `releaseAfterRegistration`.
 */
export async function recoverBeforeRegistration(
	this: IHookFunctions,
	instanceId: string | number,
	callbackUrl: string,
	signatureKey: () => Promise<string | undefined>,
	slot = 'recovery',
	subscriptionIds: readonly string[] = [],
): Promise<PendingRelease | undefined> {
	if (this.getMode() === 'manual') return undefined;
	const staticData = this.getWorkflowStaticData('node') as RecoveryStaticData & Record<string, unknown>;
	const stored = readRecoveryState(staticData[slot]);
	const recover = recoverMissedEvents(this);
	let mode: RecoveryMode;
	let state: RecoveryState = stored;
	if (!stored.started) {
		const startDate = startDateOf.call(this);
		mode = startDate ? 'backfill' : 'baseline';
		state = { ...stored, since: startDate };
	} else if (recover) {
		mode = stored.paused ? 'backfill' : 'reconcile';
	} else {
		return undefined;
	}
	const queued = recover ? await queuedDeliveriesFor.call(this, callbackUrl) : { urls: [], eventIds: [] };
	const examined = asSeenBy(await storedEventsSince.call(this, instanceId, state.since), new Set(subscriptionIds), callbackUrl);
	const wanted = eventsToRedeliver(examined, state, mode, new Set(queued.eventIds));
	const key = wanted.length ? await signatureKey() : undefined;
	const delivered = key ? await redeliver.call(this, callbackUrl, key, wanted) : new Set<string>();
	const next = nextRecoveryState(examined, state, wanted, delivered);
	// A gap not delivered whole stays a gap: the next activation takes it up again.
	const gapLeft = mode === 'backfill' && stored.paused && wanted.some((event) => !delivered.has(String(event.id)));
	staticData[slot] = gapLeft ? { ...next, paused: true } : next;
	return recover ? { urls: [...new Set([...queued.urls, callbackUrl])], eventIds: queued.eventIds } : undefined;
}

/**
 * Runs as a production deactivation takes the trigger's subscription away (Options → Recover
 * Missed Events): notes where the log stands for this trigger, so that the next activation
 * delivers what happens in between, and what was still on its way to the trigger (retried,
 * queued: the subscription's deliveries go with it), from the stored-event log.
 */
export async function pauseRecovery(
	this: IHookFunctions,
	instanceId: string | number,
	webhookUrl: string,
	slot = 'recovery',
	subscriptionIds: readonly string[] = [],
): Promise<void> {
	const staticData = this.getWorkflowStaticData('node') as Record<string, unknown>;
	const state = readRecoveryState(staticData[slot]);
	if (!state.started) return;
	const queued = await queuedDeliveriesFor.call(this, webhookUrl);
	const examined = asSeenBy(await storedEventsSince.call(this, instanceId, state.since), new Set(subscriptionIds), webhookUrl);
	staticData[slot] = pausedRecoveryState(examined, state, new Set(queued.eventIds));
}

/** Whether a deactivation left a gap for the activation to fill (see `pauseRecovery`). */
export function recoveryPaused(this: IHookFunctions, slot = 'recovery'): boolean {
	return readRecoveryState((this.getWorkflowStaticData('node') as Record<string, unknown>)[slot]).paused === true;
}

/**
 * Once the registration is in place: marks the queued deliveries (so their items say
 * `recovered`) and asks Cloud Elements to send them again; they arrive through `webhook()`, where
 * the replay memory lets each run once.
 */
export async function releaseAfterRegistration(this: IHookFunctions, pending: PendingRelease | undefined): Promise<void> {
	if (!pending) return;
	const staticData = this.getWorkflowStaticData('node') as RecoveryStaticData;
	const marks = markRecovering(triggerKey.call(this, 'webhook'), pending.eventIds);
	if (marks) staticData.recovering = marks;
	else if (staticData.recovering !== undefined) delete staticData.recovering;
	await releaseQueued.call(this, pending.urls);
}

/**
 * Recovery never stops an activation: Cloud Elements unreachable or refusing is logged, and what
 * was not recovered is tried again at the next activation (the state moves only past what was).
 */
export async function recoverQuietly<T>(this: IHookFunctions, step: () => Promise<T>): Promise<T | undefined> {
	const outcome = await settle(step);
	if (outcome.ok) return outcome.value;
	// A setting that cannot be used (Start Date) is the user's to fix: activation fails with it.
	if (outcome.error instanceof NodeOperationError) throw outcome.error;
	const error = outcome.error as { message?: string };
	this.logger.warn(`ShareFile Trigger: missed events could not be recovered now: ${error.message ?? String(error)}`);
	return undefined;
}
