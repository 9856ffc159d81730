import type { NormalizedEvent } from '../normalizedEvent';
import type { FoundChange } from './pollCycle';

export interface PollEventContext {
	objectType: string;
	instanceId: number | string;
	pollDate: Date;
	elementKey?: string;
	hubKey?: string;
}

/** A polled change in the shape both triggers emit. */
export function pollEvent(change: FoundChange, context: PollEventContext): NormalizedEvent {
	return {
		eventType: change.eventType,
		objectType: context.objectType,
		objectId: change.objectId,
		elementKey: context.elementKey ?? 'sharefile',
		hubKey: context.hubKey ?? 'documents',
		eventDate: new Date(change.updatedMs).toISOString(),
		pollDate: context.pollDate.toISOString(),
		instanceId: context.instanceId,
		source: 'polling',
		raw: change.record,
	};
}
