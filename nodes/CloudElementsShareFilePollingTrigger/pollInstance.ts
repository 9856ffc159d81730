import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import type { NormalizedEvent } from '../engine/normalizedEvent';
import { PollCycle, PollRecordError, type FoundChange } from '../engine/poll/pollCycle';
import { pollEvent, type PollEventFilter } from '../engine/poll/pollEvents';
import { pollSettingsFrom } from '../engine/poll/pollSettings';
import { initialPollState, readPollState, type PollState } from '../engine/poll/pollState';
import { newestInTestWindows, TEST_WINDOWS_DAYS } from '../engine/poll/testWindows';
import type { PollerConfiguration, PollResourceConfiguration } from '../engine/pollResource';
import { renderPollUrl } from '../engine/pollUrl';
import { eventItem } from '../shared/eventItems';
import type { InstanceRecord } from '../cloudElements/instances/instanceToken';
import { readPollPages } from './readPollPages';

/** What the node keeps in static data: no token, no secret, just where each resource stands. */
interface TriggerStaticData extends IDataObject {
	instanceId?: string;
	resources?: IDataObject;
}

export type EventFilter = PollEventFilter;

function asNodeError(this: IPollFunctions, error: unknown): unknown {
	if (error instanceof PollRecordError) {
		return new NodeOperationError(this.getNode(), error.message);
	}
	return error;
}

/** Reads every page of one resource since the state's floor; the cycle then says what is new. */
async function pollResource(
	this: IPollFunctions,
	name: string,
	resource: PollResourceConfiguration,
	state: PollState,
	instance: InstanceRecord,
	maxPages?: number,
): Promise<PollCycle> {
	const settings = pollSettingsFrom(name, resource);
	const cycle = new PollCycle(settings, state);
	const path = renderPollUrl(resource.url, cycle.since);
	try {
		await readPollPages.call(
			this,
			path,
			settings.pageSize,
			instance.token,
			(page) => {
				if (page.serverDateMs !== undefined) cycle.setServerStart(page.serverDateMs);
				cycle.acceptPage(page.records);
			},
			maxPages,
		);
	} catch (error) {
		throw asNodeError.call(this, error);
	}
	return cycle;
}

/** Where a resource starts on its first poll: the server's "now", or the backfill date. */
async function startingState(
	this: IPollFunctions,
	resource: PollResourceConfiguration,
	instance: InstanceRecord,
	startDate: Date | undefined,
): Promise<PollState> {
	if (startDate) return initialPollState(startDate.getTime());
	// The server's own clock decides "now", so a clock that differs from n8n's loses nothing.
	let serverNow: number | undefined;
	await readPollPages.call(this, renderPollUrl(resource.url, new Date()), 1, instance.token, (page) => {
		serverNow = page.serverDateMs;
	}, 1);
	return initialPollState(serverNow ?? Date.now());
}

/**
 * One poll of every resource, as the trigger's output items (one per event). Static data
 * changes only when every resource was read in full and `beforeCommit` (the file downloads)
 * succeeded: a poll that fails part-way reports nothing and moves nothing.
 */
export async function pollInstance(
	this: IPollFunctions,
	instance: InstanceRecord,
	resources: PollerConfiguration,
	filter: EventFilter,
	startDate: Date | undefined,
	beforeCommit?: (items: INodeExecutionData[]) => Promise<void>,
): Promise<INodeExecutionData[]> {
	const staticData = this.getWorkflowStaticData('node') as TriggerStaticData;
	const instanceId = String(instance.id);
	const stored = staticData.instanceId === instanceId ? (staticData.resources ?? {}) : {};
	const states: IDataObject = {};
	const items: INodeExecutionData[] = [];
	const pollDate = new Date();
	for (const [name, resource] of Object.entries(resources)) {
		const previous = readPollState(stored[name]);
		if (!previous) {
			const start = await startingState.call(this, resource, instance, startDate);
			if (!startDate) {
				states[name] = start as unknown as IDataObject;
				continue;
			}
		}
		const cycle = await pollResource.call(
			this,
			name,
			resource,
			previous ?? initialPollState(startDate!.getTime()),
			instance,
		);
		const { state } = cycle.finishEvents(
			{ objectType: name, instanceId: instance.id, instanceName: instance.name, pollDate },
			filter,
			items,
			eventItem,
		);
		states[name] = state as unknown as IDataObject;
	}
	if (beforeCommit && items.length > 0) await beforeCommit(items);
	staticData.instanceId = instanceId;
	staticData.resources = states;
	return items;
}

const TEST_MAX_PAGES = 20;

/**
 * "Fetch Test Event": the newest real change, as the trigger would report it, without touching
 * the trigger's state.
 */
export async function latestEvent(
	this: IPollFunctions,
	instance: InstanceRecord,
	resources: PollerConfiguration,
): Promise<NormalizedEvent> {
	const pollDate = new Date();
	const latest = await newestInTestWindows(pollDate.getTime(), async (sinceMs) => {
		let newestFound: { name: string; change: FoundChange } | undefined;
		for (const [name, resource] of Object.entries(resources)) {
			const since = initialPollState(sinceMs);
			const { changes } = (await pollResource.call(this, name, resource, since, instance, TEST_MAX_PAGES)).finish();
			const newest = changes[changes.length - 1];
			if (newest && (!newestFound || newest.updatedMs > newestFound.change.updatedMs)) {
				newestFound = { name, change: newest };
			}
		}
		return newestFound;
	});
	if (latest) {
		return pollEvent(latest.change, {
			objectType: latest.name,
			instanceId: instance.id,
			instanceName: instance.name,
			pollDate,
		});
	}
	throw new NodeOperationError(
		this.getNode(),
		`No changes found in the last ${TEST_WINDOWS_DAYS[TEST_WINDOWS_DAYS.length - 1]} days for ${Object.keys(resources).join(', ')}`,
		{ description: 'Upload or edit a file in ShareFile, then fetch a test event again.' },
	);
}
