import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

/** Whether a call failed with this HTTP status. */
export function hasStatus(error: unknown, status: string): boolean {
	return error instanceof NodeApiError && error.httpCode === status;
}

/**
 * Both backends answer 409 when the target of a copy, move, upload or new folder is taken (Cloud
 * Elements: INFERRED status; ShareFile: its Conflict). The service's own message says little about
 * what to do, so the conflict is reported as what it means here, with the fix; the service's
 * words (already prefixed with its name) follow.
 */
export function explainConflict(
	error: unknown,
	node: INode,
	what: string,
	destination: string,
	itemIndex: number,
	canOverwrite = true,
): unknown {
	if (!hasStatus(error, '409')) return error;
	return new NodeOperationError(node, `${what} already exists at ${destination}`, {
		description: `${
			canOverwrite ? 'Turn on Overwrite to replace it, or choose' : 'Delete it first, or choose'
		} another destination. ${(error as NodeApiError).message}`,
		itemIndex,
	});
}
