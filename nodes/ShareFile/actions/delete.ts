import { NodeOperationError } from 'n8n-workflow';

import { ROOT_FOLDER_ID } from '../../engine/shareFile/itemUrl';
import { deleteItem } from '../../shareFile/items/relocate';
import { itemOperation, outputItem, type ItemResource, type Operation } from './item';

/** `DELETE Items(id)`; a folder goes with everything in it. The account's top folder is refused. */
export function deleteOperation(resource: ItemResource): Operation {
	return itemOperation(resource, 'delete', [], async function (call) {
		const parent = call.item.Parent as { Id?: unknown } | null | undefined;
		if (call.item.Id === ROOT_FOLDER_ID || parent === null) {
			throw new NodeOperationError(this.getNode(), 'The top folder of the account cannot be deleted', {
				itemIndex: call.itemIndex,
			});
		}
		await deleteItem.call(this, call.item.Id, call.itemIndex);
		return [outputItem({ ...call.address, id: call.item.Id, deleted: true }, call.itemIndex)];
	});
}
