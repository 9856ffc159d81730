import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { instanceLocator } from '../../../cloudElements/descriptions/instanceLocator';
import { cloudElementsRequest } from '../../../cloudElements/transport';
import { instanceIdParameter } from './shared';

/**
 * Delete, Enable and Disable are one call on one instance with nothing else to ask: a single
 * shape, each operation naming its method, path and what it reports.
 */
export function instanceCall(
	operation: string,
	method: IHttpRequestMethods,
	pathSuffix: string,
	result: (id: string) => IDataObject,
): {
	description: INodeProperties[];
	execute: (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]>;
} {
	return {
		description: updateDisplayOptions(
			{ show: { resource: ['instance'], operation: [operation] } },
			[instanceLocator],
		),
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const id = instanceIdParameter.call(this, itemIndex);
			await cloudElementsRequest.call(this, {
				method,
				path: `/instances/${id}${pathSuffix}`,
				itemIndex,
			});
			return [{ json: result(id), pairedItem: { item: itemIndex } }];
		},
	};
}
