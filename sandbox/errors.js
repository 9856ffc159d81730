// @ts-check
'use strict';

/**
 * A failure the platform answers in Cloud Elements' error shape. Handlers throw it; the server turns it
 * into `{ requestId, message, providerMessage? }` so every error path looks the same on the wire.
 */
class CeError extends Error {
	/**
	 * @param {number} status
	 * @param {string} message
	 * @param {{ providerMessage?: string, headers?: Record<string, string> }} [extra]
	 */
	constructor(status, message, extra = {}) {
		super(message);
		this.name = 'CeError';
		this.status = status;
		this.providerMessage = extra.providerMessage;
		this.headers = extra.headers || {};
	}
}

/** @param {string} message @param {{ providerMessage?: string }} [extra] */
const badRequest = (message, extra) => new CeError(400, message, extra);
/** @param {string} message */
const unauthorized = (message) => new CeError(401, message);
/** @param {string} message */
const forbidden = (message) => new CeError(403, message);
/** @param {string} message */
const notFound = (message) => new CeError(404, message);

/**
 * @param {string} requestId
 * @param {CeError} error
 */
function errorBody(requestId, error) {
	/** @type {{ requestId: string, message: string, providerMessage?: string }} */
	const body = { requestId, message: error.message };
	if (error.providerMessage !== undefined) body.providerMessage = error.providerMessage;
	return body;
}

module.exports = { CeError, badRequest, unauthorized, forbidden, notFound, errorBody };
