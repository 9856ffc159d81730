import type { IBinaryKeyData, IDataObject } from 'n8n-workflow';

import { openFileDownload } from '../../../cloudElements/documents/downloadFile';
import { downloadedBinary } from '../../../shared/binary/downloadedBinary';
import { documentName } from '../../../engine/documents/documentPath';
import { itemOperation } from '../documents/itemOperation';
import { readMetadata } from '../documents/getMetadata';

/**
 * The file's bytes into a binary property, streamed from the HTTP answer into n8n's binary
 * data service (with filesystem or database binary mode, never whole in memory). The item's
 * JSON is the file's metadata, read first: it gives the name when the answer's
 * Content-Disposition does not.
 */
export const { description, execute } = itemOperation(
	'file',
	'download',
	[
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			required: true,
			default: 'data',
			hint: 'The name of the output binary field to put the file in',
		},
	],
	async function (call) {
		const binaryPropertyName = this.getNodeParameter('binaryPropertyName', call.itemIndex) as string;
		const metadata = await readMetadata.call(this, call);
		// The metadata's id is stable even when the file was addressed by a path.
		const address = typeof metadata.id === 'string' && metadata.id ? { id: metadata.id } : call.address;
		const download = await openFileDownload.call(this, call.instanceId, address, call.itemIndex);
		const { binary: file, fileName } = await downloadedBinary.call(
			this,
			download,
			(typeof metadata.name === 'string' && metadata.name ? metadata.name : undefined) ??
				documentName(String(metadata.path ?? ('path' in call.address ? call.address.path : 'file'))),
		);
		const binary: IBinaryKeyData = { [binaryPropertyName]: file };
		const size = binary[binaryPropertyName].bytes ?? download.contentLength ?? metadata.size;
		return [
			{
				json: { ...(metadata as IDataObject), fileName, mimeType: binary[binaryPropertyName].mimeType, size },
				binary,
				pairedItem: { item: call.itemIndex },
			},
		];
	},
);
