import { NodeOperationError } from 'n8n-workflow';

import { joinDocumentPath } from '../../../engine/documents/documentPath';
import { describeAddress } from '../../../engine/documents/hubAddress';
import { isFolderItem, itemOutput, shareFileItemPath } from '../../../engine/shareFile/itemOutput';
import { destinationFolderLocator } from '../../../shareFile/descriptions/itemLocators';
import { folderFor } from '../../../shareFile/items/folders';
import { copyItem } from '../../../shareFile/items/relocate';
import { overwriteField } from '../../../shared/descriptions/overwrite';
import { explainConflict } from '../../../shared/documents/conflict';
import { documentAddressParameter } from '../../../shared/documents/documentAddress';
import { settle } from '../../../shared/settle';
import { itemJson, itemOperation, outputItem } from '../item';

/**
 * `POST Items(id)/Copy?targetid=<folder>&overwrite=`: a copy under the same name in the
 * destination folder (ShareFile copies cannot be renamed on the way). A destination given by path
 * is created when missing. A file of that name there: refused, or with Overwrite, replaced.
 */
export const { description, execute } = itemOperation(
	'file',
	'copy',
	[destinationFolderLocator, overwriteField('Whether to replace a file of the same name in the destination folder')],
	async function (call) {
		const address = documentAddressParameter.call(this, 'destinationFolder', 'Destination Folder', call.itemIndex);
		const folder = await folderFor.call(this, address, true, call.itemIndex);
		if (!isFolderItem(folder)) {
			throw new NodeOperationError(this.getNode(), `Destination Folder ${describeAddress(address)} is a file, not a folder`, {
				itemIndex: call.itemIndex,
			});
		}
		const overwrite = this.getNodeParameter('overwrite', call.itemIndex, false) as boolean;
		const copied = await settle(async () => await copyItem.call(this, call.item.Id, folder.Id, overwrite, call.itemIndex));
		if (!copied.ok) {
			const folderPath = shareFileItemPath(folder) ?? describeAddress(address);
			const destination = joinDocumentPath(folderPath, itemOutput(call.item).name);
			throw explainConflict(copied.error, this.getNode(), 'A file', destination, call.itemIndex);
		}
		return [outputItem(itemJson(copied.value), call.itemIndex)];
	},
);
