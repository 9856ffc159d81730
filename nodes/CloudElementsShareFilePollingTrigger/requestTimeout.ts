import { NodeOperationError } from 'n8n-workflow';
import type { IPollFunctions } from 'n8n-workflow';

import { REQUEST_TIMEOUT_SECONDS_DEFAULT } from '../cloudElements/descriptions/requestTimeout';

/** Options → Request Timeout, in milliseconds for the transport; a clear error when it is unusable. */
export function pollRequestTimeoutMs(this: IPollFunctions): number {
	const seconds = this.getNodeParameter('options.requestTimeout', REQUEST_TIMEOUT_SECONDS_DEFAULT) as unknown;
	if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) {
		throw new NodeOperationError(this.getNode(), `Request Timeout "${String(seconds)}" is not a number of seconds`, {
			description: 'Set Options → Request Timeout (Seconds) to a number such as 60, or remove the option.',
		});
	}
	return Math.round(seconds * 1000);
}
