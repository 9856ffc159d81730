import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { cloudElementsRequest, type CloudElementsContext } from '../transport';

export interface InstanceRecord extends IDataObject {
	id: number;
	name: string;
	token: string;
	disabled?: boolean;
	configuration?: IDataObject;
	tags?: string[];
}

/**
 * Reads an instance, token included. Triggers call this instead of keeping the token in
 * static data, which must hold no secrets.
 */
export async function readInstance(
	this: CloudElementsContext,
	instanceId: string,
): Promise<InstanceRecord> {
	const { body } = await cloudElementsRequest.call(this, {
		method: 'GET',
		path: `/instances/${instanceId}`,
	});
	const instance = body as InstanceRecord;
	if (!instance || typeof instance.token !== 'string' || !instance.token) {
		throw new NodeOperationError(this.getNode(), `Instance ${instanceId} came back without a token`, {
			description: 'Cloud Elements did not return the instance token; check that the credential belongs to the account that owns the instance.',
		});
	}
	return instance;
}

/** A number picked in the instance picker, or a clear error naming the field. */
export function instanceIdFrom(
	this: CloudElementsContext,
	value: unknown,
	itemIndex?: number,
): string {
	const id = String(value ?? '').trim();
	if (!/^[0-9]+$/.test(id)) {
		throw new NodeOperationError(this.getNode(), `Instance "${id}" is not an instance ID`, {
			description: 'Pick an instance from the list, or enter its numeric ID (e.g. 4242).',
			itemIndex,
		});
	}
	return id;
}
