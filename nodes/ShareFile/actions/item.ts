import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { DocumentAddress } from '../../engine/documents/hubAddress';
import { describeAddress } from '../../engine/documents/hubAddress';
import { isFolderItem, itemOutput } from '../../engine/shareFile/itemOutput';
import { fileLocator, folderLocator } from '../../shareFile/descriptions/itemLocators';
import { resolveItem, type ShareFileItem } from '../../shareFile/items/resolveItem';
import { documentAddressParameter } from '../../shared/documents/documentAddress';
import { ITEM_LABEL, type ItemResource } from '../../shared/documents/itemResource';
import { operationModule, type OperationModule } from '../../shared/router';

export type { ItemResource };

/** What every file and folder operation is handed: the item, read and checked to be of its kind. */
export interface ItemCall {
	address: DocumentAddress;
	item: ShareFileItem;
	itemIndex: number;
}

export type Operation = OperationModule;

/**
 * The item a picker names, read from ShareFile (by ID, or by path), and refused when it is not
 * of the kind the operation works on (a folder for a File operation, or the other way round).
 */
export async function pickedItem(
	this: IExecuteFunctions,
	resource: ItemResource,
	parameter: string,
	label: string,
	itemIndex: number,
): Promise<{ address: DocumentAddress; item: ShareFileItem }> {
	const address = documentAddressParameter.call(this, parameter, label, itemIndex);
	const item = await resolveItem.call(this, address, itemIndex);
	if (isFolderItem(item) !== (resource === 'folder')) {
		throw new NodeOperationError(
			this.getNode(),
			`${label} ${describeAddress(address)} is a ${resource === 'folder' ? 'file' : 'folder'}, not a ${resource}`,
			{ description: `Pick a ${resource} in "${label}".`, itemIndex },
		);
	}
	return { address, item };
}

/** One output item, paired with its input item. */
export function outputItem(json: IDataObject, itemIndex: number): INodeExecutionData {
	return { json, pairedItem: { item: itemIndex } };
}

/** An item as output: the documents fields, ShareFile's item under `raw`. */
export function itemJson(item: ShareFileItem): IDataObject {
	return itemOutput(item) as IDataObject;
}

/**
 * The shape of an operation on one file or folder: the item picker, the operation's own fields,
 * and a run that gets the item already read and checked.
 */
export function itemOperation(
	resource: ItemResource,
	operation: string,
	fields: INodeProperties[],
	run: (this: IExecuteFunctions, call: ItemCall) => Promise<INodeExecutionData[]>,
): Operation {
	const locator = resource === 'file' ? fileLocator : folderLocator;
	return operationModule(resource, operation, [locator, ...fields], async function (itemIndex) {
		const { address, item } = await pickedItem.call(this, resource, locator.name, ITEM_LABEL[resource], itemIndex);
		return await run.call(this, { address, item, itemIndex });
	});
}

/** Get: the item as output. */
export function getOperation(resource: ItemResource, operation: string): Operation {
	return itemOperation(resource, operation, [], async function (call) {
		return [outputItem(itemJson(call.item), call.itemIndex)];
	});
}
