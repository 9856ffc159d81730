import type { IDataObject, IHttpRequestMethods, INodeProperties } from 'n8n-workflow';

import { explainConflict, hasStatus } from '../../../shared/documents/conflict';
import { ensureFolderChain } from '../../../cloudElements/documents/createFolder';
import { documentPathParameter } from '../../../shared/documents/documentAddress';
import { documentsRequest } from '../../../cloudElements/documents/documentsRequest';
import { parentDocumentPath } from '../../../engine/documents/documentPath';
import { documentUrl } from '../../../engine/documents/hubAddress';
import { settle } from '../../../shared/settle';
import { itemOperation, type DocumentResource, type Operation } from './itemOperation';
import { overwriteField, overwriteQuery } from './overwrite';
import { recordItems } from '../../../shared/outputItems';

interface Relocation {
	operation: string;
	method: IHttpRequestMethods;
	subResource: string;
	field: { name: string; displayName: string; description: string; placeholders: Record<DocumentResource, string> };
	overwriteDescription: string;
}

/**
 * Copy and Move/Rename both send an item to a new full path (`{ path }` in a JSON body) and
 * both fail when that path is taken. ShareFile creates missing folders on the way. Files take
 * `overwrite=true` (a query parameter, as on upload; INFERRED for copy); folders cannot be
 * overwritten.
 */
function relocateOperation(resource: DocumentResource, relocation: Relocation): Operation {
	const { field } = relocation;
	const fields: INodeProperties[] = [
		{
			displayName: field.displayName,
			name: field.name,
			type: 'string',
			required: true,
			default: '',
			placeholder: field.placeholders[resource],
			description: field.description.replace('{kind}', resource),
		},
		...(resource === 'file' ? [overwriteField(relocation.overwriteDescription)] : []),
	];
	return itemOperation(resource, relocation.operation, fields, async function (call) {
		const destination = documentPathParameter.call(this, field.name, field.displayName, call.itemIndex);
		const url = documentUrl(call.kind, call.address, relocation.subResource);
		const relocate = async () =>
			await documentsRequest.call(this, call.instanceId, {
				method: relocation.method,
				path: url.path,
				qs: { ...url.qs, ...overwriteQuery.call(this, resource, call.itemIndex) },
				body: { path: destination },
				itemIndex: call.itemIndex,
			});
		let outcome = await settle(relocate);
		// ShareFile makes missing folders on the way for an item addressed by path only; one
		// addressed by ID gets a 404 when the destination's folder is missing. If the item itself
		// is there, make the folders and go again.
		if (!outcome.ok && hasStatus(outcome.error, '404')) {
			const source = await settle(async () => await documentsRequest.call(this, call.instanceId, {
				method: 'GET',
				...documentUrl(call.kind, call.address, '/metadata'),
				itemIndex: call.itemIndex,
			}));
			if (source.ok) {
				await ensureFolderChain.call(this, call.instanceId, parentDocumentPath(destination), call.itemIndex);
				outcome = await settle(relocate);
			}
		}
		if (outcome.ok) return recordItems(outcome.value.body as IDataObject, call.itemIndex);
		throw explainConflict(
			outcome.error,
			this.getNode(),
			`A ${call.label.toLowerCase()}`,
			destination,
			call.itemIndex,
			resource === 'file',
		);
	});
}

/** `POST /{kind}/{id}/copy` (or `/{kind}/copy?path=`): the source stays. */
export function copyOperation(resource: DocumentResource): Operation {
	return relocateOperation(resource, {
		operation: 'copy',
		method: 'POST',
		subResource: '/copy',
		field: {
			name: 'destinationPath',
			displayName: 'Destination Path',
			description: 'Full path of the copy, its name included; missing folders on the way are created',
			placeholders: { file: 'e.g. /top/Archive/report.pdf', folder: 'e.g. /top/Archive/Reports' },
		},
		overwriteDescription: 'Whether to replace a file that already exists at the destination',
	});
}

/** `PATCH /{kind}/{id}/metadata` with the new path: another folder moves, another name renames. */
export function moveOperation(resource: DocumentResource): Operation {
	return relocateOperation(resource, {
		operation: 'move',
		method: 'PATCH',
		subResource: '/metadata',
		field: {
			name: 'newPath',
			displayName: 'New Path',
			description: 'Full path the {kind} gets: another folder moves it, another name renames it',
			placeholders: { file: 'e.g. /top/Archive/report-2024.pdf', folder: 'e.g. /top/Archive/Reports 2024' },
		},
		overwriteDescription: 'Whether to replace a file that already exists at the new path',
	});
}
