import type { BinaryHelperFunctions, IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { fileNameFromContentDisposition } from '../../engine/documents/contentDisposition';
import type { FileDownload } from './fileDownload';

/** A download answer that says nothing about the type; n8n then guesses from the file name. */
const UNTYPED = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

/**
 * An opened download as n8n binary data, streamed into n8n's binary data service (with
 * filesystem or database binary mode, never whole in memory). The name is the answer's
 * Content-Disposition, else `fallbackName` (what the caller knows from metadata).
 */
export async function downloadedBinary(
	this: { helpers: Pick<BinaryHelperFunctions, 'prepareBinaryData'> },
	download: FileDownload,
	fallbackName: string,
): Promise<{ binary: IBinaryData; fileName: string }> {
	const fileName = fileNameFromContentDisposition(download.contentDisposition) ?? fallbackName;
	const contentType = (download.contentType ?? '').split(';')[0].trim().toLowerCase();
	const binary = await this.helpers.prepareBinaryData(
		download.stream,
		fileName,
		UNTYPED.has(contentType) ? undefined : (download.contentType as string),
	);
	return { binary, fileName };
}

/**
 * A File → Download output item: the file's metadata plus `fileName`, `mimeType` and `size`,
 * the bytes in the binary field the node's "Put Output File in Field" names.
 */
export async function downloadedItem(
	this: IExecuteFunctions,
	download: FileDownload,
	metadata: IDataObject,
	fallbackName: string,
	itemIndex: number,
): Promise<INodeExecutionData> {
	const binaryPropertyName = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const { binary, fileName } = await downloadedBinary.call(this, download, fallbackName);
	const size = binary.bytes ?? download.contentLength ?? metadata.size;
	return {
		json: { ...metadata, fileName, mimeType: binary.mimeType, size },
		binary: { [binaryPropertyName]: binary },
		pairedItem: { item: itemIndex },
	};
}
