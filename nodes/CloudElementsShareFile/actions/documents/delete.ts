import { documentsRequest } from '../../../cloudElements/documents/documentsRequest';
import { documentUrl } from '../../../engine/documents/hubAddress';
import { itemOperation, type DocumentResource, type Operation } from './itemOperation';

/** `DELETE /{kind}/{id}` or `/{kind}?path=`; a folder goes with everything in it. */
export function deleteOperation(resource: DocumentResource): Operation {
	return itemOperation(resource, 'delete', [], async function (call) {
		await documentsRequest.call(this, call.instanceId, {
			method: 'DELETE',
			...documentUrl(call.kind, call.address),
			itemIndex: call.itemIndex,
		});
		return [{ json: { ...call.address, deleted: true }, pairedItem: { item: call.itemIndex } }];
	});
}
