import { isoDate } from '../isoDate';
import type { NormalizedEvent } from '../normalizedEvent';
import type { FoundChange } from './pollCycle';

export interface PollEventContext {
	objectType: string;
	instanceId: number | string;
	pollDate: Date;
	elementKey?: string;
	hubKey?: string;
	/** The instance's name, when the trigger knows it. */
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
	return {
		eventType: change.eventType,
		objectType: context.objectType,
		objectId: change.objectId,
		elementKey: context.elementKey ?? 'sharefile',
		hubKey: context.hubKey ?? 'documents',
		eventDate: isoDate(change.updatedMs),
		pollDate: pollDateText,
		instanceId: context.instanceId,
		source: 'polling',
		raw: change.record,
		// Always present (undefined when not given), so every event has one shape.
		instanceName: context.instanceName,
	};
}
