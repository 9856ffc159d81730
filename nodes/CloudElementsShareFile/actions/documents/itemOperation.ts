import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { fileLocator, folderLocator } from '../../../shared/descriptions/documentLocators';
import { instanceLocator } from '../../../cloudElements/descriptions/instanceLocator';
import { documentAddressParameter } from '../../../shared/documents/documentAddress';
import type { DocumentAddress, DocumentKind } from '../../../engine/documents/hubAddress';
import { ITEM_LABEL, type ItemResource } from '../../../shared/documents/itemResource';
import { operationModule, type OperationModule } from '../../../shared/router';
import { instanceIdParameter } from '../instance/shared';

export type DocumentResource = ItemResource;

/** What every file and folder operation is handed: the instance and the addressed item. */
export interface ItemCall {
	instanceId: string;
	address: DocumentAddress;
	kind: DocumentKind;
	/** "File" or "Folder", for messages. */
	label: string;
	itemIndex: number;
}

export type Operation = OperationModule;

export const KIND: Record<DocumentResource, DocumentKind> = { file: 'files', folder: 'folders' };
export const LABEL = ITEM_LABEL;

/**
 * The shape of an operation on one file or folder: the instance picker, the item picker, the
 * operation's own fields, and a run that gets both already read and checked.
 */
export function itemOperation(
	resource: DocumentResource,
	operation: string,
	fields: INodeProperties[],
	run: (this: IExecuteFunctions, call: ItemCall) => Promise<INodeExecutionData[]>,
): Operation {
	const locator = resource === 'file' ? fileLocator : folderLocator;
	return operationModule(resource, operation, [instanceLocator, locator, ...fields], async function (itemIndex) {
		const instanceId = instanceIdParameter.call(this, itemIndex);
		const address = documentAddressParameter.call(this, locator.name, LABEL[resource], itemIndex);
		return await run.call(this, { instanceId, address, kind: KIND[resource], label: LABEL[resource], itemIndex });
	});
}
