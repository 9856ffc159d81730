import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/** Hub records as output items, each paired with the input item they came from. */
export function recordItems(records: unknown, itemIndex: number): INodeExecutionData[] {
	const list = Array.isArray(records) ? records : records === undefined || records === null || records === '' ? [] : [records];
	return list.map((record) => ({
		json: (typeof record === 'object' && record !== null ? record : { value: record }) as IDataObject,
		pairedItem: { item: itemIndex },
	}));
}
