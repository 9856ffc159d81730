import { NodeOperationError } from 'n8n-workflow';
import type { IBinaryData, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** Fields and operation entries that mean the same in both action nodes' File, Folder and Search. */

export const outputBinaryField: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	required: true,
	default: 'data',
	hint: 'The name of the output binary field to put the file in',
};

export const inputBinaryField: INodeProperties = {
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	required: true,
	default: 'data',
	hint: 'The name of the input binary field holding the file to upload',
};

export const uploadFileNameField: INodeProperties = {
	displayName: 'File Name',
	name: 'fileName',
	type: 'string',
	default: '',
	placeholder: 'e.g. report.pdf',
	description: "Name of the file in ShareFile. Leave empty to use the binary's own file name.",
};

export const newFolderPathField: INodeProperties = {
	displayName: 'Folder Path',
	name: 'folderPath',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. /top/Reports/2024',
	description: 'Full path of the new folder; missing folders on the way are created too',
};

export const searchTextField: INodeProperties = {
	displayName: 'Text',
	name: 'text',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. invoice',
	description: 'Part of the file or folder name to look for (names only, not contents)',
};

export const searchOptionsField: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Folder Path',
			name: 'folderPath',
			type: 'string',
			default: '',
			placeholder: 'e.g. /top/Reports',
			description: 'Only look in this folder and the folders below it',
		},
	],
};

/** The Search resource's one operation, with the fields given. */
export function searchResourceDescription(fields: INodeProperties[]): INodeProperties[] {
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: ['search'] } },
			options: [
				{
					name: 'Search',
					value: 'search',
					description: 'Find files and folders whose name contains a text',
					action: 'Search files and folders',
				},
			],
			default: 'search',
		},
		...fields,
	];
}

/** The upload's file name: the one entered, else the binary's own; never empty, never with `/`. */
export function uploadFileName(this: IExecuteFunctions, itemIndex: number, binaryData: IBinaryData): string {
	const fileName = String(this.getNodeParameter('fileName', itemIndex, '') || binaryData.fileName || '').trim();
	if (!fileName || fileName.includes('/')) {
		throw new NodeOperationError(this.getNode(), `File Name "${fileName}" cannot be used`, {
			description: 'Enter a file name without "/", or give the input binary a file name.',
			itemIndex,
		});
	}
	return fileName;
}
