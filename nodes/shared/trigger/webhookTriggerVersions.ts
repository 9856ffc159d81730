import type { INodeTypeDescription } from 'n8n-workflow';

/**
 * The webhook triggers' versions: 1.1 behaves as 1. For every delivery to a version-1 webhook
 * node, n8n evaluates the first Webhook node's binary-data body option as an expression (about
 * 0.2 ms a delivery); from 1.1 on it does not. New nodes are 1.1; saved version-1 nodes keep
 * working as they are.
 */
export const WEBHOOK_TRIGGER_VERSIONS: Pick<INodeTypeDescription, 'version' | 'defaultVersion'> = {
	version: [1, 1.1],
	defaultVersion: 1.1,
};
