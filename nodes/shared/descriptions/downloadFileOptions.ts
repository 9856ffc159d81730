import type { INodeProperties } from 'n8n-workflow';

export const MAX_FILE_SIZE_MB_DEFAULT = 25;

/** Entries of a trigger's Options collection: attach each created or updated file's content. */
export const downloadFileOptions: INodeProperties[] = [
	{
		displayName: 'Download File',
		name: 'downloadFile',
		type: 'boolean',
		default: false,
		description:
			'Whether to attach the content of each created or updated file to its item, as binary field "data". Folders, deletions, moves and downloads get none.',
	},
	{
		displayName: 'Max File Size (MB)',
		name: 'maxFileSize',
		type: 'number',
		typeOptions: { minValue: 0.001, numberPrecision: 3 },
		default: MAX_FILE_SIZE_MB_DEFAULT,
		description:
			'Larger files are not downloaded: their item says so under "download" instead. 1 MB is 1,048,576 bytes.',
		displayOptions: { show: { downloadFile: [true] } },
	},
];

/** A trigger's Options collection: Download File and Max File Size, then the trigger's own. */
export function triggerOptions(...more: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [...downloadFileOptions, ...more],
	};
}
