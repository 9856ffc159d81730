import { itemOperation, itemJson } from '../item';
import { openItemDownload } from '../../../shareFile/items/download';
import { downloadedItem } from '../../../shared/binary/downloadedBinary';
import { outputBinaryField } from '../../../shared/descriptions/documentFields';

/**
 * The file's bytes into a binary field, streamed from the storage host's answer into n8n's binary
 * data service (with filesystem or database binary mode, never whole in memory). The item's JSON
 * is the file's metadata plus `fileName`, `mimeType` and `size`.
 */
export const { description, execute } = itemOperation(
	'file',
	'download',
	[outputBinaryField],
	async function (call) {
		const metadata = itemJson(call.item);
		const download = await openItemDownload.call(this, call.item.Id, call.itemIndex);
		return [await downloadedItem.call(this, download, metadata, String(metadata.name || call.item.Id), call.itemIndex)];
	},
);
