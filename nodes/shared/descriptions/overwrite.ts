import type { INodeProperties } from 'n8n-workflow';

/** The Overwrite switch of file uploads, copies and moves. */
export function overwriteField(description: string): INodeProperties {
	return {
		displayName: 'Overwrite',
		name: 'overwrite',
		type: 'boolean',
		default: false,
		description,
	};
}
