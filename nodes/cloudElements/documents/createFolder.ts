import type { IDataObject } from 'n8n-workflow';

import { documentPathChain } from '../../engine/documents/documentPath';
import { DOCUMENTS_HUB } from '../../engine/documents/hubAddress';
import { settle } from '../../shared/settle';
import { hasStatus } from '../../shared/documents/conflict';
import type { CloudElementsContext } from '../transport';
import { documentsRequest, documentsRoot } from './documentsRequest';

async function postFolder(
	this: CloudElementsContext,
	instanceId: string,
	path: string,
	itemIndex: number,
): Promise<IDataObject> {
	const { body } = await documentsRequest.call(this, instanceId, {
		method: 'POST',
		path: `${DOCUMENTS_HUB}/folders`,
		qs: { path },
		body: { path },
		itemIndex,
	});
	return body as IDataObject;
}

/**
 * Makes sure the folders on `path` below the root exist, top down, each already there (409)
 * taken as it is. ShareFile creates missing parents itself (release 2.134); this is for a hub
 * that answers 404 instead.
 */
export async function ensureFolderChain(
	this: CloudElementsContext,
	instanceId: string,
	path: string,
	itemIndex: number,
): Promise<void> {
	const rootChain = new Set(documentPathChain(await documentsRoot.call(this, instanceId)));
	for (const folder of documentPathChain(path)) {
		if (rootChain.has(folder)) continue;
		const outcome = await settle(async () => await postFolder.call(this, instanceId, folder, itemIndex));
		if (!outcome.ok && !hasStatus(outcome.error, '409')) throw outcome.error;
	}
}

/** `POST /folders` with `{ path }`, missing parent folders included. A taken path stays an error (409). */
export async function createFolder(
	this: CloudElementsContext,
	instanceId: string,
	path: string,
	itemIndex: number,
): Promise<IDataObject> {
	const outcome = await settle(async () => await postFolder.call(this, instanceId, path, itemIndex));
	if (outcome.ok) return outcome.value;
	if (!hasStatus(outcome.error, '404')) throw outcome.error;
	const parents = documentPathChain(path).slice(0, -1);
	await ensureFolderChain.call(this, instanceId, parents[parents.length - 1] ?? '/', itemIndex);
	return await postFolder.call(this, instanceId, path, itemIndex);
}
