import type { INodeProperties } from 'n8n-workflow';

/**
 * A file or folder picker: browse the account's folders (From List), give the ID
 * (By ID), or type the full path (By Path). Picking or typing an ID addresses the item with
 * `/{id}` URLs, a path with `?path=`.
 */
export function documentLocator(
	kind: 'file' | 'folder',
	name: string,
	displayName: string,
	description: string,
): INodeProperties {
	const example = kind === 'file' ? '/top/Reports/report.pdf' : '/top/Reports';
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Browse, or type a folder path such as /top/Reports/ to look inside it`,
				typeOptions: {
					searchListMethod: kind === 'file' ? 'searchFiles' : 'searchFolders',
					searchable: true,
				},
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: kind === 'file' ? 'e.g. fi3c2b5b0e-4d8a-4f0c' : 'e.g. fo8d1e2f3a-4b5c-6d7e',
			},
			{
				displayName: 'By Path',
				name: 'path',
				type: 'string',
				placeholder: `e.g. ${example}`,
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\s*/.*', errorMessage: 'A path starts with /, e.g. /top/Reports' },
					},
				],
			},
		],
	};
}

export const fileLocator = documentLocator('file', 'file', 'File', 'The ShareFile file');

export const folderLocator = documentLocator('folder', 'folder', 'Folder', 'The ShareFile folder');

/** Where an upload goes. */
export const uploadFolderLocator = documentLocator(
	'folder',
	'folder',
	'Parent Folder',
	'The folder the file is uploaded into; missing folders on its path are created',
);
