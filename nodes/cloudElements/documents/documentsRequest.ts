import type { IDataObject } from 'n8n-workflow';

import { withInstance } from '../instances/instanceToken';
import {
	cloudElementsRequest,
	cloudElementsRequestAll,
	DOCUMENTS_PAGE_SIZE,
	type CloudElementsContext,
	type CloudElementsRequest,
	type CloudElementsResponse,
} from '../transport';

export type DocumentsRequest = Omit<CloudElementsRequest, 'instanceToken'>;

// `withInstance.call` loses its type parameter (TypeScript infers `unknown` through `call`),
// so the results below are typed where they are produced.

/**
 * One documents-hub call with the instance's token (`, Element <token>`), the token read once
 * and kept in memory for a few minutes, never in output; a refused cached token is read again.
 */
export async function documentsRequest<T = unknown>(
	this: CloudElementsContext,
	instanceId: string,
	request: DocumentsRequest,
): Promise<CloudElementsResponse<T>> {
	return (await withInstance.call(
		this,
		instanceId,
		async (instance) => await cloudElementsRequest.call(this, { ...request, instanceToken: instance.token }),
	)) as CloudElementsResponse<T>;
}

/** A paged hub listing (folder contents, search), in ShareFile-sized pages, up to `limit`. */
export async function documentsRequestAll(
	this: CloudElementsContext,
	instanceId: string,
	request: DocumentsRequest,
	limit?: number,
): Promise<IDataObject[]> {
	return (await withInstance.call(
		this,
		instanceId,
		async (instance) =>
			await cloudElementsRequestAll.call(
				this,
				{ ...request, instanceToken: instance.token },
				limit,
				DOCUMENTS_PAGE_SIZE,
			),
	)) as IDataObject[];
}

/** The instance's root folder (`document.root.folder.name`; ShareFile's is `/top`). */
export async function documentsRoot(this: CloudElementsContext, instanceId: string): Promise<string> {
	const configured = (await withInstance.call(
		this,
		instanceId,
		async (instance) => instance.configuration?.['document.root.folder.name'],
	)) as unknown;
	return typeof configured === 'string' && configured.trim() ? configured.trim() : '/top';
}
