import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

/**
 * Cloud Elements answers 409 when the target of a copy, move or upload is taken (INFERRED
 * status; the hub documents only "an error"). Its own message says little about what to do,
 * so the conflict is reported as what it means here, with the fix.
 */
export function explainConflict(
	error: unknown,
	node: INode,
	what: string,
	destination: string,
	itemIndex: number,
	canOverwrite = true,
): unknown {
	if (!(error instanceof NodeApiError) || error.httpCode !== '409') return error;
	return new NodeOperationError(node, `${what} already exists at ${destination}`, {
		description: `${
			canOverwrite ? 'Turn on Overwrite to replace it, or choose' : 'Delete it first, or choose'
		} another destination path. Cloud Elements said: ${error.message}`,
		itemIndex,
	});
}
