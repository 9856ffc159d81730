import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { joinDocumentPath } from '../../../engine/documents/documentPath';
import { describeAddress } from '../../../engine/documents/hubAddress';
import { isFolderItem, shareFileItemPath } from '../../../engine/shareFile/itemOutput';
import { uploadFolderLocator } from '../../../shareFile/descriptions/itemLocators';
import { folderFor } from '../../../shareFile/items/folders';
import { uploadFile } from '../../../shareFile/items/upload';
import { binaryRawBody } from '../../../shared/binary/uploadBody';
import { overwriteField } from '../../../shared/descriptions/overwrite';
import { explainConflict } from '../../../shared/documents/conflict';
import { documentAddressParameter } from '../../../shared/documents/documentAddress';
import { settle } from '../../../shared/settle';
import { itemJson, outputItem } from '../item';
import { inputBinaryField, uploadFileName, uploadFileNameField } from '../../../shared/descriptions/documentFields';

const properties: INodeProperties[] = [
	inputBinaryField,
	uploadFolderLocator,
	uploadFileNameField,
	overwriteField('Whether to replace a file of the same name in that folder (ShareFile keeps the old one as a version)'),
];

export const description = updateDisplayOptions({ show: { resource: ['file'], operation: ['upload'] } }, properties);

/**
 * ShareFile's two-step upload (Upload2, then the bytes to its ChunkUri), the bytes streamed out of
 * n8n's binary data store. A parent folder given by path is created when missing.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const binaryPropertyName = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const binaryData = this.helpers.assertBinaryData(itemIndex, binaryPropertyName);
	const address = documentAddressParameter.call(this, 'folder', 'Parent Folder', itemIndex);
	const fileName = uploadFileName.call(this, itemIndex, binaryData);
	const overwrite = this.getNodeParameter('overwrite', itemIndex, false) as boolean;
	const folder = await folderFor.call(this, address, true, itemIndex);
	if (!isFolderItem(folder)) {
		throw new NodeOperationError(this.getNode(), `Parent Folder ${describeAddress(address)} is a file, not a folder`, {
			itemIndex,
		});
	}
	const body = await binaryRawBody.call(this, itemIndex, binaryPropertyName, binaryData);
	const uploaded = await settle(async () => await uploadFile.call(this, folder.Id, fileName, body, overwrite, itemIndex));
	if (!uploaded.ok) {
		const folderPath = shareFileItemPath(folder) ?? ('path' in address ? address.path : describeAddress(address));
		throw explainConflict(uploaded.error, this.getNode(), 'A file', joinDocumentPath(folderPath, fileName), itemIndex);
	}
	return [outputItem(itemJson(uploaded.value), itemIndex)];
}
