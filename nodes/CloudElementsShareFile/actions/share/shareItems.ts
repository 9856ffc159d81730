import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { documentAddressParameter } from '../../../shared/documents/documentAddress';
import { documentsRequest } from '../../../cloudElements/documents/documentsRequest';
import { documentUrl, type DocumentAddress, type DocumentKind } from '../../../engine/documents/hubAddress';

/**
 * The ShareFile id of an item picked by ID or by path: a share names its items by id only, so a
 * path is looked up first (which also names a missing item before the share is attempted).
 */
export async function shareItemId(
	this: IExecuteFunctions,
	instanceId: string,
	kind: DocumentKind,
	address: DocumentAddress,
	itemIndex: number,
): Promise<string> {
	if ('id' in address) return address.id;
	const { body } = await documentsRequest.call(this, instanceId, {
		method: 'GET',
		...documentUrl(kind, address, '/metadata'),
		itemIndex,
	});
	return String((body as IDataObject).id);
}

/** The item a locator parameter points at, as a ShareFile id. */
export async function shareItemIdParameter(
	this: IExecuteFunctions,
	instanceId: string,
	kind: DocumentKind,
	parameter: string,
	label: string,
	itemIndex: number,
): Promise<string> {
	const address = documentAddressParameter.call(this, parameter, label, itemIndex);
	return await shareItemId.call(this, instanceId, kind, address, itemIndex);
}
