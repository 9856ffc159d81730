import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import type { FoundChange } from '../engine/poll/pollCycle';
import { initialPollState, readPollState } from '../engine/poll/pollState';
import { newestInTestWindows, TEST_WINDOWS_DAYS } from '../engine/poll/testWindows';
import { polledShareFileEvent } from '../engine/shareFile/polledItem';
import { shareFileEventType } from '../engine/shareFile/webhook/normalize';
import { attachEventDownloads } from '../shared/binary/eventDownloads';
import { downloadSettings } from '../shared/binary/downloadSettings';
import { documentAddressOf } from '../shared/documents/documentAddress';
import { eventItem } from '../shared/eventItems';
import { currentAccount } from '../shareFile/accounts/currentAccount';
import { openItemDownload } from '../shareFile/items/download';
import { resolveItem, type ShareFileItem } from '../shareFile/items/resolveItem';
import { changedFilesSince } from '../shareFile/items/changedFiles';

/** What the node keeps in static data: which folder it watches and where it stands; no token. */
interface FolderPollData extends IDataObject {
	folderId?: string;
	recursive?: boolean;
	accountId?: string;
	state?: IDataObject;
}

interface Watched {
	folder: ShareFileItem;
	recursive: boolean;
	/** The chosen Events, as eventTypes (CREATED, UPDATED). */
	eventTypes: Set<string>;
}

async function watchedFolder(this: IPollFunctions): Promise<Watched> {
	const events = this.getNodeParameter('events', []) as string[];
	if (events.length === 0) {
		throw new NodeOperationError(this.getNode(), 'No event chosen', { description: 'Pick File Uploaded, File Updated or both under Events.' });
	}
	const address = documentAddressOf(this.getNode(), this.getNodeParameter('folder', undefined), 'Folder');
	const folder = await resolveItem.call(this, address);
	return {
		folder,
		recursive: this.getNodeParameter('includeSubfolders', true) as boolean,
		eventTypes: new Set(events.map((event) => shareFileEventType(event.split(':')[1] ?? ''))),
	};
}

function startDateOf(this: IPollFunctions): number | undefined {
	if (this.getNodeParameter('startFrom', 'now') !== 'date') return undefined;
	const text = String(this.getNodeParameter('startDate', ''));
	const ms = new Date(text).getTime();
	if (!text || Number.isNaN(ms)) {
		throw new NodeOperationError(this.getNode(), `Start Date "${text}" is not a date`, {
			description: 'Pick the date to report changes from, or choose Start From → Now.',
		});
	}
	return ms;
}

/** The items of the changes, each file attached when Download File is on (a failure fails the poll). */
async function itemsOf(this: IPollFunctions, changes: FoundChange[], accountId: string): Promise<INodeExecutionData[]> {
	const pollDate = new Date().toISOString();
	const items = changes.map((change) => eventItem(polledShareFileEvent(change, accountId, pollDate)));
	const settings = downloadSettings.call(this);
	if (settings && items.length > 0) {
		const files = { provider: 'ShareFile', open: async (fileId: string) => await openItemDownload.call(this, fileId) };
		await attachEventDownloads.call(this, files, items, settings);
	}
	return items;
}

/**
 * One poll: the files changed in the folder since the last poll, each change (file id + its
 * `ProgenyEditDate`) once. Static data moves only when the whole tree was read and the downloads
 * are done: a poll that fails part-way reports nothing and moves nothing. The first poll only
 * notes where it starts (Start From → Now: ShareFile's clock) unless it starts from a date.
 */
export async function pollFolder(this: IPollFunctions): Promise<INodeExecutionData[] | null> {
	const watched = await watchedFolder.call(this);
	const staticData = this.getWorkflowStaticData('node') as FolderPollData;
	const same = staticData.folderId === watched.folder.Id && staticData.recursive === watched.recursive;
	let state = same ? readPollState(staticData.state) : undefined;
	let accountId = same ? staticData.accountId : undefined;
	if (state === undefined || accountId === undefined) {
		const startMs = startDateOf.call(this);
		const account = await currentAccount.call(this);
		accountId = account.id;
		state = initialPollState(startMs ?? account.serverDateMs ?? Date.now());
		if (startMs === undefined) {
			Object.assign(staticData, { folderId: watched.folder.Id, recursive: watched.recursive, accountId, state });
			return null;
		}
	}
	const { changes, state: next } = (await changedFilesSince.call(this, watched.folder, watched.recursive, state)).finish();
	const items = await itemsOf.call(
		this,
		changes.filter((change) => watched.eventTypes.has(change.eventType)),
		accountId,
	);
	Object.assign(staticData, { folderId: watched.folder.Id, recursive: watched.recursive, accountId, state: next });
	return items.length > 0 ? items : null;
}

/**
 * "Fetch Test Event": the newest change of the chosen events in the folder, as a poll would
 * report it, without touching the trigger's state.
 */
export async function latestFolderChange(this: IPollFunctions): Promise<INodeExecutionData[]> {
	const watched = await watchedFolder.call(this);
	const newest = await newestInTestWindows(Date.now(), async (sinceMs) => {
		const { changes } = (await changedFilesSince.call(this, watched.folder, watched.recursive, initialPollState(sinceMs))).finish();
		return changes.filter((change) => watched.eventTypes.has(change.eventType)).pop();
	});
	if (newest === undefined) {
		throw new NodeOperationError(this.getNode(), `No file changed in the last ${TEST_WINDOWS_DAYS[TEST_WINDOWS_DAYS.length - 1]} days in ${String(watched.folder.Name ?? watched.folder.Id)}`, {
			description: 'Upload or edit a file in the folder, then fetch a test event again.',
		});
	}
	return await itemsOf.call(this, [newest], (await currentAccount.call(this)).id);
}
