import type { IDataObject } from 'n8n-workflow';

import { documentsRequest } from '../../../cloudElements/documents/documentsRequest';
import { documentUrl } from '../../../engine/documents/hubAddress';
import type { CloudElementsContext } from '../../../cloudElements/transport';
import type { DocumentResource, ItemCall, Operation } from './itemOperation';
import { readSubResourceOperation } from './readSubResource';

/** The hub's CloudFile for an item: id, name, path, directory, size, dates. */
export async function readMetadata(
	this: CloudElementsContext,
	call: ItemCall,
): Promise<IDataObject> {
	const { body } = await documentsRequest.call(this, call.instanceId, {
		method: 'GET',
		...documentUrl(call.kind, call.address, '/metadata'),
		itemIndex: call.itemIndex,
	});
	return body as IDataObject;
}

export function getMetadataOperation(resource: DocumentResource): Operation {
	return readSubResourceOperation(resource, 'getMetadata', '/metadata');
}
