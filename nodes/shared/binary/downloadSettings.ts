import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';

import { MAX_FILE_SIZE_MB_DEFAULT } from '../descriptions/downloadFileOptions';

export const BYTES_PER_MB = 1024 * 1024;

/** Options → Download File, when on. */
export interface DownloadSettings {
	maxMb: number;
	maxBytes: number;
}

/**
 * The trigger's Options → Download File and Max File Size (MB), read once per poll or
 * delivery (one parameter read: the collection); undefined when the option is off, so a
 * trigger without it does nothing more per event.
 */
export function downloadSettings(this: IPollFunctions | IWebhookFunctions): DownloadSettings | undefined {
	const options = this.getNodeParameter('options', {}) as IDataObject;
	if (options?.downloadFile !== true) return undefined;
	const maxMb = options.maxFileSize ?? MAX_FILE_SIZE_MB_DEFAULT;
	if (typeof maxMb !== 'number' || !Number.isFinite(maxMb) || maxMb <= 0) {
		throw new NodeOperationError(this.getNode(), `Max File Size "${String(maxMb)}" is not a number of megabytes`, {
			description: 'Set Options → Max File Size (MB) to a number such as 25, or remove the option.',
		});
	}
	return { maxMb, maxBytes: Math.floor(maxMb * BYTES_PER_MB) };
}
