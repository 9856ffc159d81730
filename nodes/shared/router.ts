import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

export type Operation = (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]>;

/** One operation of an action node: its fields and its run for one input item. */
export interface OperationModule {
	description: INodeProperties[];
	execute: Operation;
}

/** An operation whose fields show only when its resource and operation are chosen. */
export function operationModule(resource: string, operation: string, fields: INodeProperties[], execute: Operation): OperationModule {
	return { description: updateDisplayOptions({ show: { resource: [resource], operation: [operation] } }, fields), execute };
}

export type OperationTable = Record<string, Record<string, { execute: Operation }>>;

/**
 * An action node's execute: runs the chosen operation once per input item, honouring
 * "Continue On Fail" (an error item paired with its input item).
 */
export function router(resources: OperationTable) {
	return async function (this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			const handler = resources[resource]?.[operation];
			let failure: unknown;
			try {
				if (handler) output.push(...(await handler.execute.call(this, itemIndex)));
			} catch (error) {
				failure = error;
			}
			if (!handler) {
				failure = new NodeOperationError(
					this.getNode(),
					`The operation "${operation}" is not supported for "${resource}"`,
					{ itemIndex },
				);
			}
			if (failure === undefined) continue;
			const nodeError =
				failure instanceof NodeApiError || failure instanceof NodeOperationError
					? failure
					: new NodeOperationError(this.getNode(), failure as Error, { itemIndex });
			if (!this.continueOnFail()) throw nodeError;
			output.push({ json: { error: nodeError.message }, pairedItem: { item: itemIndex } });
		}
		return [output];
	};
}
