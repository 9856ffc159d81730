import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { searchOptionsField, searchTextField } from '../../../shared/descriptions/documentFields';
import { instanceLocator } from '../../../cloudElements/descriptions/instanceLocator';
import { returnAllOrLimit, returnAllOrLimitFields } from '../../../shared/descriptions/returnAllOrLimit';
import { documentsRequestAll } from '../../../cloudElements/documents/documentsRequest';
import { normalizeDocumentPath } from '../../../engine/documents/documentPath';
import { DOCUMENTS_HUB } from '../../../engine/documents/hubAddress';
import { instanceIdParameter } from '../instance/shared';

export const description = updateDisplayOptions({ show: { resource: ['search'], operation: ['search'] } }, [
	instanceLocator,
	searchTextField,
	...returnAllOrLimitFields,
	searchOptionsField,
]);

/** `GET /search?text=[&path=]`: files and folders whose name contains the text, sub-folders included. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const instanceId = instanceIdParameter.call(this, itemIndex);
	const text = String(this.getNodeParameter('text', itemIndex, '')).trim();
	const options = this.getNodeParameter('options', itemIndex, {}) as { folderPath?: string };
	const folderPath = String(options.folderPath ?? '').trim();
	const records = await documentsRequestAll.call(
		this,
		instanceId,
		{
			method: 'GET',
			path: `${DOCUMENTS_HUB}/search`,
			qs: { text, ...(folderPath ? { path: normalizeDocumentPath(folderPath) } : {}) },
			itemIndex,
		},
		returnAllOrLimit.call(this, itemIndex),
	);
	return records.map((json) => ({ json, pairedItem: { item: itemIndex } }));
}
