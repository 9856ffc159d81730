import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { documentName, parentDocumentPath } from '../../../engine/documents/documentPath';
import { ensureFolderPath, postFolder } from '../../../shareFile/items/folders';
import { explainConflict } from '../../../shared/documents/conflict';
import { documentPathParameter } from '../../../shared/documents/documentAddress';
import { settle } from '../../../shared/settle';
import { itemJson, outputItem } from '../item';
import { newFolderPathField } from '../../../shared/descriptions/documentFields';

export const description = updateDisplayOptions({ show: { resource: ['folder'], operation: ['create'] } }, [
	newFolderPathField,
]);

/** `POST Items(parent)/Folder`, the parents made first; a folder already there is an error. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const path = documentPathParameter.call(this, 'folderPath', 'Folder Path', itemIndex);
	const parent = await ensureFolderPath.call(this, parentDocumentPath(path), itemIndex);
	const made = await settle(async () => await postFolder.call(this, parent.Id, documentName(path), itemIndex));
	if (!made.ok) throw explainConflict(made.error, this.getNode(), 'A folder', path, itemIndex, false);
	return [outputItem(itemJson(made.value), itemIndex)];
}
