import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { DocumentResource } from './itemOperation';

/** The Overwrite switch of file uploads, copies and moves (folders cannot be overwritten). */
export function overwriteField(description: string): INodeProperties {
	return {
		displayName: 'Overwrite',
		name: 'overwrite',
		type: 'boolean',
		default: false,
		description,
	};
}

/** `overwrite=true` when the switch is on; nothing otherwise (the hub's default is false). */
export function overwriteQuery(
	this: IExecuteFunctions,
	resource: DocumentResource,
	itemIndex: number,
): IDataObject {
	if (resource !== 'file') return {};
	return this.getNodeParameter('overwrite', itemIndex, false) ? { overwrite: true } : {};
}
