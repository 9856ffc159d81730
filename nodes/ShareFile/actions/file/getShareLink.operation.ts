import type { IDataObject } from 'n8n-workflow';

import { shareOptionsField, shareSettings } from '../../../shared/descriptions/shareOptions';
import { createShare } from '../../../shareFile/items/shares';
import { itemOperation, outputItem } from '../item';

/**
 * A ShareFile Send share of the file (`POST Shares`, ShareFile's share model): its `Uri` is a
 * link that downloads the file, with the options ShareFile's shares have. The item is the share,
 * with the link also under `link`.
 */
export const { description, execute } = itemOperation(
	'file',
	'getShareLink',
	[
		shareOptionsField([
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: '',
				description: 'What the share is called in ShareFile',
			},
		]),
	],
	async function (call) {
		const options = this.getNodeParameter('shareOptions', call.itemIndex, {}) as IDataObject;
		const share = await createShare.call(
			this,
			{
				shareType: 'Send',
				itemIds: [call.item.Id],
				title: String(options.title ?? '').trim() || undefined,
				...shareSettings.call(this, call.itemIndex),
			},
			call.itemIndex,
		);
		return [outputItem({ link: share.Uri, ...share }, call.itemIndex)];
	},
);
