// @ts-check
// The page talks only to the sandbox's own controls under /_sandbox (same origin, no auth). Their
// errors arrive as { requestId, message }; the page shows the message, never a raw answer.

export class SandboxError extends Error {
	/** @param {number} status 0 when the sandbox did not answer @param {string} message */
	constructor(status, message) {
		super(message);
		this.status = status;
	}
}

/**
 * @param {string} method
 * @param {string} path under /_sandbox, e.g. `/instances`
 * @param {unknown} [body] sent as JSON
 */
export async function control(method, path, body) {
	let response;
	try {
		response = await fetch(`/_sandbox${path}`, {
			method,
			cache: 'no-store',
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
	} catch {
		throw new SandboxError(0, 'The sandbox did not answer. Is it still running?');
	}
	const text = await response.text();
	let data;
	try {
		data = text ? JSON.parse(text) : undefined;
	} catch {
		data = undefined;
	}
	if (!response.ok) {
		const message = data && typeof data.message === 'string' ? data.message : `The sandbox answered HTTP ${response.status}.`;
		throw new SandboxError(response.status, message);
	}
	return data;
}

/** What to tell the user about a failure: the sandbox's words, or a plain sentence for a page bug. @param {unknown} error */
export function describe(error) {
	if (error instanceof SandboxError) return error.message;
	const detail = error instanceof Error ? error.message : String(error);
	return `Something went wrong in the page (${detail}). Reload the page and try again.`;
}

/** Places one change in the instance's ShareFile account, as if someone made it in ShareFile. @param {number} instanceId @param {Record<string, unknown>} change */
export function placeChange(instanceId, change) {
	return control('POST', `/instances/${instanceId}/documents`, change);
}
