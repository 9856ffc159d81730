import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { fileLocator, folderLocator } from '../../../shared/descriptions/documentLocators';
import { instanceLocator } from '../../../cloudElements/descriptions/instanceLocator';
import type { ShareType } from '../../../engine/documents/shareBody';
import { shareOptionsField, shareSettings } from '../../../shared/descriptions/shareOptions';
import { instanceIdParameter } from '../instance/shared';
import { postShare } from './postShare';
import { shareItemIdParameter } from './shareItems';

const sendOnly = { show: { shareType: ['Send'] } };
const requestOnly = { show: { shareType: ['Request'] } };

const properties: INodeProperties[] = [
	instanceLocator,
	{
		displayName: 'Share Type',
		name: 'shareType',
		type: 'options',
		options: [
			{ name: 'Send', value: 'Send', description: 'A link that lets people download the files and folders' },
			{ name: 'Request', value: 'Request', description: 'A link that lets people upload files into a folder' },
		],
		default: 'Send',
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		placeholder: 'e.g. Q3 invoices',
		description: 'What the share is called in ShareFile and on its page',
	},
	{
		displayName: 'Files and Folders',
		name: 'shareItems',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add File or Folder',
		default: {},
		required: true,
		displayOptions: sendOnly,
		description: 'What the share hands out',
		options: [
			{
				displayName: 'Item',
				name: 'item',
				values: [
					{
						displayName: 'Type',
						name: 'kind',
						type: 'options',
						options: [
							{ name: 'File', value: 'file' },
							{ name: 'Folder', value: 'folder' },
						],
						default: 'file',
					},
					{ ...fileLocator, displayOptions: { show: { kind: ['file'] } } },
					{ ...folderLocator, displayOptions: { show: { kind: ['folder'] } } },
				],
			},
		],
	},
	{
		...folderLocator,
		displayName: 'Upload Folder',
		description: 'The folder the uploaded files land in',
		displayOptions: requestOnly,
	},
	shareOptionsField(),
];

export const description = updateDisplayOptions({ show: { resource: ['share'], operation: ['create'] } }, properties);

interface ShareItemEntry {
	kind?: string;
}

/** The Send share's items, each picked from the list, by ID or by path, as ShareFile ids. */
async function sendItemIds(this: IExecuteFunctions, instanceId: string, itemIndex: number): Promise<string[]> {
	const entries = (this.getNodeParameter('shareItems.item', itemIndex, []) as ShareItemEntry[]) ?? [];
	if (entries.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Files and Folders is empty', {
			description: 'Add at least one file or folder for the share to hand out.',
			itemIndex,
		});
	}
	const ids: string[] = [];
	for (const [index, entry] of entries.entries()) {
		const kind = entry.kind === 'folder' ? 'folder' : 'file';
		const label = `${kind === 'file' ? 'File' : 'Folder'} ${index + 1} of Files and Folders`;
		ids.push(
			await shareItemIdParameter.call(
				this,
				instanceId,
				kind === 'file' ? 'files' : 'folders',
				`shareItems.item[${index}].${kind}`,
				label,
				itemIndex,
			),
		);
	}
	return ids;
}

/** `POST /hubs/documents/share` with ShareFile's share model; answers ShareFile's share. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const instanceId = instanceIdParameter.call(this, itemIndex);
	const shareType = this.getNodeParameter('shareType', itemIndex, 'Send') as ShareType;
	const itemIds =
		shareType === 'Request'
			? [await shareItemIdParameter.call(this, instanceId, 'folders', 'folder', 'Upload Folder', itemIndex)]
			: await sendItemIds.call(this, instanceId, itemIndex);
	return await postShare.call(
		this,
		instanceId,
		{
			shareType,
			title: String(this.getNodeParameter('title', itemIndex, '') ?? '').trim() || undefined,
			itemIds,
			...shareSettings.call(this, itemIndex),
		},
		itemIndex,
	);
}
