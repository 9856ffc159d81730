/**
 * The envelope of a `multipart/form-data` body with a single file part, the way the documents
 * hub takes an upload (a part named `file`). The file's bytes go between `head` and `tail`,
 * so they can be streamed and never have to be joined with the envelope in memory.
 */
export interface MultipartEnvelope {
	head: Buffer;
	tail: Buffer;
	contentType: string;
}

/**
 * Form-data file names are written raw in UTF-8, with only `"`, CR and LF percent-encoded, as
 * browsers do: RFC 7578 §4.2 rules out the `filename*=` form for multipart/form-data.
 */
function quoteFormDataName(name: string): string {
	return name.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function multipartFileEnvelope(options: {
	boundary: string;
	fieldName: string;
	fileName: string;
	contentType: string;
}): MultipartEnvelope {
	const { boundary } = options;
	const head =
		`--${boundary}\r\n` +
		`Content-Disposition: form-data; name="${quoteFormDataName(options.fieldName)}"; filename="${quoteFormDataName(options.fileName)}"\r\n` +
		`Content-Type: ${options.contentType.replace(/[\r\n]/g, '')}\r\n\r\n`;
	return {
		head: Buffer.from(head, 'utf8'),
		tail: Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'),
		contentType: `multipart/form-data; boundary=${boundary}`,
	};
}

/** The whole body as chunks, the file's own chunks passed through untouched. */
export async function* multipartChunks(
	envelope: MultipartEnvelope,
	file: AsyncIterable<Uint8Array | string>,
): AsyncGenerator<Buffer> {
	yield envelope.head;
	for await (const chunk of file) yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
	yield envelope.tail;
}
