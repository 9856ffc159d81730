import { returnAllOrLimit, returnAllOrLimitFields } from '../../../shared/descriptions/returnAllOrLimit';
import { documentsRequestAll } from '../../../cloudElements/documents/documentsRequest';
import { documentUrl } from '../../../engine/documents/hubAddress';
import { itemOperation } from '../documents/itemOperation';
import { recordItems } from '../../../shared/outputItems';

/**
 * The files and sub-folders directly in a folder (`GET /folders/{id}/contents` or
 * `/folders/contents?path=`), one item each, paged with `nextPage` until a short page.
 */
export const { description, execute } = itemOperation(
	'folder',
	'listContents',
	returnAllOrLimitFields,
	async function (call) {
		const records = await documentsRequestAll.call(
			this,
			call.instanceId,
			{ method: 'GET', ...documentUrl(call.kind, call.address, '/contents'), itemIndex: call.itemIndex },
			returnAllOrLimit.call(this, call.itemIndex),
		);
		return recordItems(records, call.itemIndex);
	},
);
