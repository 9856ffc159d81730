import type { INodeExecutionData } from 'n8n-workflow';

import type { SandboxClient } from './sandboxClient';

/** The ids of the files whose content was asked for (`GET /hubs/documents/files/{id}`), in order. */
export async function fileDownloads(sandbox: SandboxClient): Promise<string[]> {
	return (await sandbox.requests())
		.filter((request) => request.method === 'GET' && /^\/hubs\/documents\/files\/[^/]+$/.test(request.path))
		.map((request) => decodeURIComponent(request.path.split('/').pop()!));
}

/** The ShareFile name of a polled item's record. */
export const nameOf = (item: INodeExecutionData) => (item.json.raw as { Name?: string } | undefined)?.Name;
