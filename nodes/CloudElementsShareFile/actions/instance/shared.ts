import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { instanceIdFrom } from '../../../cloudElements/instances/instanceToken';

/** The instance ID chosen in the picker, checked to be a number. */
export function instanceIdParameter(this: IExecuteFunctions, itemIndex: number): string {
	const value = this.getNodeParameter('instance', itemIndex, '', { extractValue: true });
	return instanceIdFrom.call(this, value, itemIndex);
}

/** Comma-separated tags, trimmed, empty ones dropped. */
export function tagsFromText(text: unknown): string[] {
	return String(text ?? '')
		.split(',')
		.map((tag) => tag.trim())
		.filter(Boolean);
}

/** The expert's raw JSON configuration, which must be an object of configuration keys. */
export function rawConfigurationParameter(
	this: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
): IDataObject {
	if (value === undefined || value === null || value === '') return {};
	let parsed: unknown = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			throw new NodeOperationError(this.getNode(), 'Raw Configuration (JSON) is not valid JSON', {
				description: `${(error as Error).message}. Enter an object such as {"event.poller.refresh_interval": "5"}.`,
				itemIndex,
			});
		}
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new NodeOperationError(this.getNode(), 'Raw Configuration (JSON) must be a JSON object', {
			description: 'Enter an object of configuration keys, such as {"document.root.folder.name": "/top"}.',
			itemIndex,
		});
	}
	return parsed as IDataObject;
}
