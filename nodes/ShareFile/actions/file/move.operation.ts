import { documentName, parentDocumentPath } from '../../../engine/documents/documentPath';
import { itemOutput } from '../../../engine/shareFile/itemOutput';
import { ensureFolderPath } from '../../../shareFile/items/folders';
import { deleteItem, patchItem } from '../../../shareFile/items/relocate';
import { getItemByPath } from '../../../shareFile/items/resolveItem';
import { overwriteField } from '../../../shared/descriptions/overwrite';
import { explainConflict, hasStatus } from '../../../shared/documents/conflict';
import { documentPathParameter } from '../../../shared/documents/documentAddress';
import { settle } from '../../../shared/settle';
import { itemJson, itemOperation, outputItem } from '../item';

/**
 * `PATCH Items(id)` with the new name and/or parent folder, read from a new full path: another
 * folder moves the file (made when missing), another name renames it; its own path changes
 * nothing. A file already at the new path: refused, or with Overwrite deleted first.
 */
export const { description, execute } = itemOperation(
	'file',
	'move',
	[
		{
			displayName: 'New Path',
			name: 'newPath',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. /top/Archive/report-2024.pdf',
			description: 'Full path the file gets: another folder moves it, another name renames it',
		},
		overwriteField('Whether to replace a file that already exists at the new path'),
	],
	async function (call) {
		const newPath = documentPathParameter.call(this, 'newPath', 'New Path', call.itemIndex);
		const overwrite = this.getNodeParameter('overwrite', call.itemIndex, false) as boolean;
		const parent = await ensureFolderPath.call(this, parentDocumentPath(newPath), call.itemIndex);
		const current = itemOutput(call.item);
		const name = documentName(newPath);
		const changes = {
			...(name !== current.name ? { name } : {}),
			...(parent.Id !== current.parentFolderId ? { parentId: parent.Id } : {}),
		};
		// Already there (another workflow may have moved it first): nothing to change, nothing sent.
		if (Object.keys(changes).length === 0) return [outputItem(itemJson(call.item), call.itemIndex)];
		const move = async () => await patchItem.call(this, call.item.Id, changes, call.itemIndex);
		let moved = await settle(move);
		if (!moved.ok && overwrite && hasStatus(moved.error, '409')) {
			const taken = await getItemByPath.call(this, newPath, call.itemIndex);
			if (taken.Id !== call.item.Id && !itemOutput(taken).directory) {
				await deleteItem.call(this, taken.Id, call.itemIndex);
				moved = await settle(move);
			}
		}
		if (!moved.ok) throw explainConflict(moved.error, this.getNode(), 'A file', newPath, call.itemIndex);
		return [outputItem(itemJson(moved.value), call.itemIndex)];
	},
);
