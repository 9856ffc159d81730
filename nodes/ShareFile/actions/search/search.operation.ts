import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { normalizeDocumentPath } from '../../../engine/documents/documentPath';
import { searchResultOutput } from '../../../engine/shareFile/itemOutput';
import { getItemByPath } from '../../../shareFile/items/resolveItem';
import { searchItems } from '../../../shareFile/items/search';
import { returnAllOrLimit, returnAllOrLimitFields } from '../../../shared/descriptions/returnAllOrLimit';
import { searchOptionsField, searchTextField } from '../../../shared/descriptions/documentFields';
import { outputItem } from '../item';

export const description = updateDisplayOptions({ show: { resource: ['search'], operation: ['search'] } }, [
	searchTextField,
	...returnAllOrLimitFields,
	searchOptionsField,
]);

/** `GET Items/Search?query=` (or under one folder): ShareFile's search results, one item each. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const text = String(this.getNodeParameter('text', itemIndex, '')).trim();
	const options = this.getNodeParameter('options', itemIndex, {}) as { folderPath?: string };
	const folderPath = String(options.folderPath ?? '').trim();
	const folderId = folderPath ? (await getItemByPath.call(this, normalizeDocumentPath(folderPath), itemIndex)).Id : undefined;
	const results = await searchItems.call(this, text, folderId, returnAllOrLimit.call(this, itemIndex), itemIndex);
	return results.map((result) => outputItem(searchResultOutput(result) as IDataObject, itemIndex));
}
