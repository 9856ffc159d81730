import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { instanceLocator } from '../../../cloudElements/descriptions/instanceLocator';
import { postShare } from './postShare';
import { instanceIdParameter, tagsFromText } from '../instance/shared';

const DEFAULT_EXPIRATION_DAYS = 30;
const DAY_MS = 86_400_000;

export const description = updateDisplayOptions({ show: { resource: ['share'], operation: ['send'] } }, [
	instanceLocator,
	{
		displayName: 'Item IDs',
		name: 'itemIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. fi3c2b5b0e, fi8d1e2f3a',
		description: 'Comma-separated IDs of the files (or folders) to share',
	},
	{
		displayName: 'Recipients',
		name: 'recipients',
		type: 'string',
		default: '',
		placeholder: 'e.g. anna@example.com, ben@example.com',
		description: 'Comma-separated email addresses ShareFile sends the share to',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Expires After (Days)',
				name: 'expirationDays',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_EXPIRATION_DAYS,
				description: 'How many days the share keeps working',
			},
			{
				displayName: 'Message',
				name: 'message',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				description: 'Text of the email sent with the share',
			},
			{
				displayName: 'Subject',
				name: 'subject',
				type: 'string',
				default: '',
				description: 'Subject of the email sent with the share',
			},
		],
	},
]);

/**
 * Share → Send as nodes of version 1 saved it: the same share as Create's Send, on the real
 * endpoint. The days become an expiration date; the recipients go in ShareFile's share model
 * (INFERRED), whose email ShareFile writes itself, so a message of our own has nowhere to go.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const instanceId = instanceIdParameter.call(this, itemIndex);
	const itemIds = tagsFromText(this.getNodeParameter('itemIds', itemIndex, ''));
	if (itemIds.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Item IDs is empty', {
			description: 'Enter the IDs of the files or folders to share, separated by commas.',
			itemIndex,
		});
	}
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	if (String(additional.message ?? '').trim()) {
		throw new NodeOperationError(this.getNode(), 'Message cannot be sent with a ShareFile share', {
			description:
				'ShareFile writes the email of a share itself. Remove Message, or send the share’s link in an email node of your own.',
			itemIndex,
		});
	}
	const days = Number(additional.expirationDays ?? DEFAULT_EXPIRATION_DAYS);
	return await postShare.call(
		this,
		instanceId,
		{
			shareType: 'Send',
			title: String(additional.subject ?? '').trim() || undefined,
			itemIds,
			expirationDate: new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10),
			recipients: tagsFromText(this.getNodeParameter('recipients', itemIndex, '')),
		},
		itemIndex,
	);
}
