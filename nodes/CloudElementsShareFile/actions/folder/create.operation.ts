import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { instanceLocator } from '../../../cloudElements/descriptions/instanceLocator';
import { explainConflict } from '../../../shared/documents/conflict';
import { createFolder } from '../../../cloudElements/documents/createFolder';
import { documentPathParameter } from '../../../shared/documents/documentAddress';
import { instanceIdParameter } from '../instance/shared';
import { newFolderPathField } from '../../../shared/descriptions/documentFields';

export const description = updateDisplayOptions({ show: { resource: ['folder'], operation: ['create'] } }, [
	instanceLocator,
	newFolderPathField,
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const instanceId = instanceIdParameter.call(this, itemIndex);
	const path = documentPathParameter.call(this, 'folderPath', 'Folder Path', itemIndex);
	try {
		const folder = await createFolder.call(this, instanceId, path, itemIndex);
		return [{ json: folder, pairedItem: { item: itemIndex } }];
	} catch (error) {
		throw explainConflict(error, this.getNode(), 'A folder', path, itemIndex, false);
	}
}
