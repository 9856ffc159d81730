import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_REQUEST_TIMEOUT_MS } from '../transport';

export const REQUEST_TIMEOUT_SECONDS_DEFAULT = DEFAULT_REQUEST_TIMEOUT_MS / 1000;

/** An entry of a node's Options collection; the node turns it into the transport's timeoutMs. */
export const requestTimeoutOption: INodeProperties = {
	displayName: 'Request Timeout (Seconds)',
	name: 'requestTimeout',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 600 },
	default: REQUEST_TIMEOUT_SECONDS_DEFAULT,
	description:
		'How long to wait for Cloud Elements to answer one request before trying again. Lower it to fail fast when the service stalls.',
};
