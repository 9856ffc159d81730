import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { instanceLocator } from '../../../shared/descriptions/instanceLocator';
import { documentsRequest } from '../../../shared/documents/documentsRequest';
import { DOCUMENTS_HUB } from '../../../shared/engine/documents/hubAddress';
import { instanceIdParameter, tagsFromText } from '../instance/shared';

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
				default: 30,
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
 * ShareFile's "Send" share: a link to the items, emailed to the recipients.
 *
 * The endpoint and its body are INFERRED: the documents hub's published description has no
 * share resource. `POST /hubs/documents/shares` with `{ items: [ids], recipients: [emails],
 * expirationDays?, subject?, message? }` answers the share, `{ id, uri, ... }`.
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
	const recipients = tagsFromText(this.getNodeParameter('recipients', itemIndex, ''));
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = { items: itemIds, recipients };
	for (const key of ['subject', 'message', 'expirationDays']) {
		if (additional[key] !== undefined && additional[key] !== '') body[key] = additional[key];
	}
	const { body: share } = await documentsRequest.call(this, instanceId, {
		method: 'POST',
		path: `${DOCUMENTS_HUB}/shares`,
		body,
		itemIndex,
	});
	return [{ json: share as IDataObject, pairedItem: { item: itemIndex } }];
}
