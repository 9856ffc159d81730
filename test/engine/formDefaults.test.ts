import { pollResourcesField } from '../../nodes/cloudElements/descriptions/pollResources';
import type { INodeProperties } from 'n8n-workflow';

describe('the Poll Resources form', () => {
	it('prefills every field with the value of the collection default, the ShareFile documents resource', () => {
		const collection = pollResourcesField.default as { resource: Array<Record<string, unknown>> };
		const row = collection.resource[0];
		const values = (pollResourcesField.options![0] as { values: INodeProperties[] }).values;
		expect(values.map((field) => field.name).sort()).toEqual(Object.keys(row).sort());
		for (const field of values) expect([field.name, field.default]).toEqual([field.name, row[field.name]]);
	});
});
