import { isoDate } from '../isoDate';
import type { NormalizedEvent } from '../normalizedEvent';
import type { FoundChange } from '../poll/pollCycle';
import { itemOutput } from './itemOutput';

/**
 * A file change found by listing a folder, in the shape the ShareFile Trigger's deliveries have
 * (`source: 'sharefile'`, the account as `instanceId`, `name`, `path`, `size`), with the listed
 * Item under `raw` (a delivery has ShareFile's webhook body there).
 */
export function polledShareFileEvent(change: FoundChange, accountId: string, pollDate: string): NormalizedEvent {
	const { name, path, size, parentFolderId } = itemOutput(change.record as Record<string, unknown>);
	return {
		eventType: change.eventType,
		objectType: 'file',
		objectId: change.objectId,
		...(parentFolderId ? { parentId: parentFolderId } : {}),
		elementKey: 'sharefile',
		hubKey: 'documents',
		eventDate: isoDate(change.updatedMs),
		pollDate,
		instanceId: accountId,
		source: 'sharefile',
		raw: change.record,
		name,
		...(path ? { path } : {}),
		...(size !== undefined ? { size } : {}),
	};
}
