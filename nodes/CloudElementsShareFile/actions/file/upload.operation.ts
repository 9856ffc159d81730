import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { uploadFolderLocator } from '../../../shared/descriptions/documentLocators';
import { instanceLocator } from '../../../cloudElements/descriptions/instanceLocator';
import { explainConflict, hasStatus } from '../../../shared/documents/conflict';
import { ensureFolderChain } from '../../../cloudElements/documents/createFolder';
import { documentAddressParameter } from '../../../shared/documents/documentAddress';
import { documentsRequest } from '../../../cloudElements/documents/documentsRequest';
import { binaryUploadBody } from '../../../shared/binary/uploadBody';
import { settle } from '../../../shared/settle';
import { joinDocumentPath } from '../../../engine/documents/documentPath';
import { DOCUMENTS_HUB, documentUrl, type DocumentAddress } from '../../../engine/documents/hubAddress';
import { overwriteField } from '../documents/overwrite';
import { instanceIdParameter } from '../instance/shared';
import { inputBinaryField, uploadFileName, uploadFileNameField } from '../../../shared/descriptions/documentFields';

const properties: INodeProperties[] = [
	instanceLocator,
	inputBinaryField,
	uploadFolderLocator,
	uploadFileNameField,
	overwriteField('Whether to replace a file of the same name in that folder'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['file'], operation: ['upload'] } },
	properties,
);

/** The folder's path: as given, or read from its metadata when it was picked or given by ID. */
async function folderPath(
	this: IExecuteFunctions,
	instanceId: string,
	folder: DocumentAddress,
	itemIndex: number,
): Promise<string> {
	if ('path' in folder) return folder.path;
	const { body } = await documentsRequest.call(this, instanceId, {
		method: 'GET',
		...documentUrl('folders', folder, '/metadata'),
		itemIndex,
	});
	return String((body as IDataObject).path ?? '');
}

/**
 * `POST /files?path=<folder>/<name>[&overwrite=true]` with a multipart `file` part, streamed
 * from n8n's binary data store (see binaryUploadBody). A folder given by path that does not
 * exist yet is created (ShareFile does so itself; a hub answering 404 gets the folders made).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const instanceId = instanceIdParameter.call(this, itemIndex);
	const binaryPropertyName = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const binaryData = this.helpers.assertBinaryData(itemIndex, binaryPropertyName);
	const folder = documentAddressParameter.call(this, 'folder', 'Parent Folder', itemIndex);
	const fileName = uploadFileName.call(this, itemIndex, binaryData);
	const path = joinDocumentPath(await folderPath.call(this, instanceId, folder, itemIndex), fileName);
	const overwrite = this.getNodeParameter('overwrite', itemIndex, false) as boolean;
	const body = await binaryUploadBody.call(this, itemIndex, binaryPropertyName, binaryData, fileName);
	const upload = async () =>
		await documentsRequest.call(this, instanceId, {
			method: 'POST',
			path: `${DOCUMENTS_HUB}/files`,
			qs: { path, ...(overwrite ? { overwrite: true } : {}) },
			rawBody: body,
			itemIndex,
		});
	let outcome = await settle(upload);
	if (!outcome.ok && hasStatus(outcome.error, '404') && 'path' in folder) {
		await ensureFolderChain.call(this, instanceId, folder.path, itemIndex);
		outcome = await settle(upload);
	}
	if (!outcome.ok) throw explainConflict(outcome.error, this.getNode(), 'A file', path, itemIndex);
	return [{ json: outcome.value.body as IDataObject, pairedItem: { item: itemIndex } }];
}
