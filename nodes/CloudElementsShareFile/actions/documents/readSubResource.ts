import { documentsRequest } from '../../../cloudElements/documents/documentsRequest';
import { documentUrl } from '../../../engine/documents/hubAddress';
import { itemOperation, type DocumentResource, type Operation } from './itemOperation';
import { recordItems } from '../../../shared/outputItems';

/** An operation that reads one sub-resource of an item (`/links`, `/revisions`) as it comes. */
export function readSubResourceOperation(
	resource: DocumentResource,
	operation: string,
	subResource: string,
): Operation {
	return itemOperation(resource, operation, [], async function (call) {
		const { body } = await documentsRequest.call(this, call.instanceId, {
			method: 'GET',
			...documentUrl(call.kind, call.address, subResource),
			itemIndex: call.itemIndex,
		});
		return recordItems(body, call.itemIndex);
	});
}
