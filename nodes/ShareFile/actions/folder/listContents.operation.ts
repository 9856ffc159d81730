import type { IDataObject } from 'n8n-workflow';

import { itemOutput } from '../../../engine/shareFile/itemOutput';
import { listChildren } from '../../../shareFile/items/children';
import { returnAllOrLimit, returnAllOrLimitFields } from '../../../shared/descriptions/returnAllOrLimit';
import { itemOperation, outputItem } from '../item';

/** The files and sub-folders directly in a folder, one item each, every page of `Items(id)/Children`. */
export const { description, execute } = itemOperation(
	'folder',
	'listContents',
	returnAllOrLimitFields,
	async function (call) {
		const children = await listChildren.call(this, call.item.Id, returnAllOrLimit.call(this, call.itemIndex), call.itemIndex);
		return children.map((child) => outputItem(itemOutput(child) as IDataObject, call.itemIndex));
	},
);
