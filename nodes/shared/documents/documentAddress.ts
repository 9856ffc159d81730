import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';

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
	const locator = this.getNodeParameter(name, itemIndex) as INodeParameterResourceLocator | string;
	const mode = typeof locator === 'object' && locator !== null ? locator.mode : 'id';
	const value = String((typeof locator === 'object' && locator !== null ? locator.value : locator) ?? '').trim();
	if (!value) {
		throw new NodeOperationError(this.getNode(), `${label} is empty`, {
			description: `Pick the ${label.toLowerCase()} from the list, or enter its ID or its path (e.g. /top/Reports).`,
			itemIndex,
		});
	}
	if (mode !== 'path') return { id: value };
	if (!value.startsWith('/')) {
		throw new NodeOperationError(this.getNode(), `${label} path "${value}" does not start with /`, {
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
