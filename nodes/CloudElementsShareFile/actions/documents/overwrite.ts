import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { DocumentResource } from './itemOperation';

export { overwriteField } from '../../../shared/descriptions/overwrite';

/** `overwrite=true` when the switch is on; nothing otherwise (the hub's default is false). */
export function overwriteQuery(
	this: IExecuteFunctions,
	resource: DocumentResource,
	itemIndex: number,
): IDataObject {
	if (resource !== 'file') return {};
	return this.getNodeParameter('overwrite', itemIndex, false) ? { overwrite: true } : {};
}
