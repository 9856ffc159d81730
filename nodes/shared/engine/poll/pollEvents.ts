import { isoDate } from '../isoDate';
import type { NormalizedEvent } from '../normalizedEvent';
import { isUnderPath } from './pathPrefix';
import type { FoundChange } from './pollCycle';

export interface PollEventContext {
	objectType: string;
	instanceId: number | string;
	pollDate: Date;
	elementKey?: string;
	hubKey?: string;
	/** Added last to each event when given (the triggers name the instance). */
	instanceName?: string;
}

/** Which polled changes a trigger reports. */
export interface PollEventFilter {
	eventTypes: readonly string[];
	/** Only items in this folder or below it; empty for everything. */
	pathPrefix: string;
}

/** A polled change in the shape both triggers emit. */
export function pollEvent(change: FoundChange, context: PollEventContext, pollDateText = context.pollDate.toISOString()): NormalizedEvent {
	const eventDate = isoDate(change.updatedMs);
	// Two literal shapes rather than a property added later: every event of a poll shares one.
	if (context.instanceName === undefined) {
		return {
			eventType: change.eventType,
			objectType: context.objectType,
			objectId: change.objectId,
			elementKey: context.elementKey ?? 'sharefile',
			hubKey: context.hubKey ?? 'documents',
			eventDate,
			pollDate: pollDateText,
			instanceId: context.instanceId,
			source: 'polling',
			raw: change.record,
		};
	}
	return {
		eventType: change.eventType,
		objectType: context.objectType,
		objectId: change.objectId,
		elementKey: context.elementKey ?? 'sharefile',
		hubKey: context.hubKey ?? 'documents',
		eventDate,
		pollDate: pollDateText,
		instanceId: context.instanceId,
		source: 'polling',
		raw: change.record,
		instanceName: context.instanceName,
	};
}

/** The events of one poll of one resource that pass the filter, appended to `out`, oldest first. */
export function pollEvents(
	changes: readonly FoundChange[],
	context: PollEventContext,
	filter: PollEventFilter,
	out: NormalizedEvent[] = [],
): NormalizedEvent[] {
	const pollDateText = context.pollDate.toISOString();
	const wantCreated = filter.eventTypes.includes('CREATED');
	const wantUpdated = filter.eventTypes.includes('UPDATED');
	for (const change of changes) {
		if (!(change.eventType === 'CREATED' ? wantCreated : wantUpdated)) continue;
		if (filter.pathPrefix && !isUnderPath(change.record, filter.pathPrefix)) continue;
		out.push(pollEvent(change, context, pollDateText));
	}
	return out;
}
