import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';

import { triggerOptions } from '../shared/descriptions/downloadFileOptions';
import { documentLocator } from '../shared/descriptions/documentLocators';
import { triggerLocator } from '../shared/descriptions/triggerLocator';
import { startFromFields } from '../shared/descriptions/startFrom';
import { searchFolders } from '../shareFile/methods/searchItems';
import { EVENT_OPTIONS, eventsField } from '../ShareFileTrigger/webhookEvents';
import { latestFolderChange, pollFolder } from './pollFolder';

/** What listing a folder can see: new and changed files (not deletions, nor downloads). */
const POLLED_EVENTS = EVENT_OPTIONS.filter((option) => option.value === 'File:Upload' || option.value === 'File:Update');

/**
 * The ShareFile Trigger's polling mode, for an n8n that ShareFile cannot reach: its own node type
 * because n8n 2.41 makes a node a poller by its type (any type with `poll()` is scheduled, with
 * the Poll Times n8n adds to every `polling: true` description) and, in the editor, runs `poll()`
 * before a webhook's items for a type that has both (see the README).
 */
export class ShareFilePollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ShareFile Polling Trigger',
		name: 'shareFilePollingTrigger',
		icon: { light: 'file:sharefile.svg', dark: 'file:sharefile.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["includeSubfolders"] === false ? "Folder" : "Folder and below"}}',
		description: "Starts the workflow when files are uploaded or changed in a ShareFile folder, by polling ShareFile's API (no public URL needed)",
		defaults: { name: 'ShareFile Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'shareFileOAuth2Api', required: true }],
		properties: [
			{
				displayName:
					'n8n lists the folder at the times set under Poll Times; each change is reported once, even across restarts and failed polls. Deletions cannot be seen by listing: they need the ShareFile Trigger (webhooks).',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			triggerLocator(documentLocator('folder', 'folder', 'Folder', 'The folder whose files start the workflow')),
			{
				displayName: 'Include Subfolders',
				name: 'includeSubfolders',
				type: 'boolean',
				default: true,
				description: 'Whether files in every folder below it count too',
			},
			eventsField(POLLED_EVENTS),
			...startFromFields('Also report files uploaded or changed since a date (backfill)'),
			triggerOptions(),
		],
	};

	methods = {
		listSearch: { searchFolders },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		if (this.getMode() === 'manual') return [await latestFolderChange.call(this)];
		const items = await pollFolder.call(this);
		return items ? [items] : null;
	}
}
