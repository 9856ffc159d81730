import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INode, INodeParameterResourceLocator } from 'n8n-workflow';

import { normalizeDocumentPath } from '../../engine/documents/documentPath';
import type { DocumentAddress } from '../../engine/documents/hubAddress';

/**
 * The file or folder a resource locator points at: picked from the list or given by ID (the
 * hub id), or given by path. `label` names the field in errors ("File", "Folder").
 */
export function documentAddressParameter(
	this: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): DocumentAddress {
	return documentAddressOf(this.getNode(), this.getNodeParameter(name, itemIndex), label, itemIndex);
}

/** The same for a locator's value read already (a trigger's lifecycle methods have no item). */
export function documentAddressOf(node: INode, locator: unknown, label: string, itemIndex?: number): DocumentAddress {
	const picked = typeof locator === 'object' && locator !== null ? (locator as INodeParameterResourceLocator) : undefined;
	const mode = picked ? picked.mode : 'id';
	const value = String((picked ? picked.value : locator) ?? '').trim();
	if (!value) {
		throw new NodeOperationError(node, `${label} is empty`, {
			description: `Pick the ${label.toLowerCase()} from the list, or enter its ID or its path (e.g. /top/Reports).`,
			itemIndex,
		});
	}
	if (mode !== 'path') return { id: value };
	if (!value.startsWith('/')) {
		throw new NodeOperationError(node, `${label} path "${value}" does not start with /`, {
			description: 'Enter the full path from the root folder, e.g. /top/Reports/report.pdf.',
			itemIndex,
		});
	}
	return { path: normalizeDocumentPath(value) };
}

/** A path typed into a plain field (a destination, a new folder), checked and normalized. */
export function documentPathParameter(
	this: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): string {
	const value = String(this.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (!value.startsWith('/') || normalizeDocumentPath(value) === '/') {
		throw new NodeOperationError(this.getNode(), `${label} "${value}" is not a full path`, {
			description: `Enter ${label} as a full path from the root folder, e.g. /top/Archive/report.pdf.`,
			itemIndex,
		});
	}
	return normalizeDocumentPath(value);
}
