/**
 * The file name a download's `Content-Disposition` header gives, preferring the RFC 6266
 * `filename*=UTF-8''…` form (which can carry any script) over the plain `filename="…"`.
 */
export function fileNameFromContentDisposition(header: string | undefined): string | undefined {
	if (!header) return undefined;
	const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
	if (extended) {
		try {
			return decodeURIComponent(extended[2].trim());
		} catch {
			// A malformed encoding falls back to the plain parameter below.
		}
	}
	const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header);
	if (!plain) return undefined;
	const name = plain[1] !== undefined ? plain[1].replace(/\\(.)/g, '$1') : plain[2].trim();
	return name || undefined;
}
