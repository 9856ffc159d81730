import { openFileDownload } from '../../../cloudElements/documents/downloadFile';
import { downloadedItem } from '../../../shared/binary/downloadedBinary';
import { documentName } from '../../../engine/documents/documentPath';
import { itemOperation } from '../documents/itemOperation';
import { readMetadata } from '../documents/getMetadata';
import { outputBinaryField } from '../../../shared/descriptions/documentFields';

/**
 * The file's bytes into a binary property, streamed from the HTTP answer into n8n's binary
 * data service (with filesystem or database binary mode, never whole in memory). The item's
 * JSON is the file's metadata, read first: it gives the name when the answer's
 * Content-Disposition does not.
 */
export const { description, execute } = itemOperation(
	'file',
	'download',
	[outputBinaryField],
	async function (call) {
		const metadata = await readMetadata.call(this, call);
		// The metadata's id is stable even when the file was addressed by a path.
		const address = typeof metadata.id === 'string' && metadata.id ? { id: metadata.id } : call.address;
		const download = await openFileDownload.call(this, call.instanceId, address, call.itemIndex);
		const fallbackName =
			(typeof metadata.name === 'string' && metadata.name ? metadata.name : undefined) ??
			documentName(String(metadata.path ?? ('path' in call.address ? call.address.path : 'file')));
		return [await downloadedItem.call(this, download, metadata, fallbackName, call.itemIndex)];
	},
);
