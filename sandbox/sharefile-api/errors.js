// @ts-check
'use strict';

const http = require('node:http');
const { CeError } = require('../errors');

/**
 * ShareFile's error shapes. The Items API answers `{ code, message: { lang, value }, reason }`
 * (SHAREFILE_API.md §4: lower-case keys on the wire, CONFIRMED); its OAuth token endpoint answers
 * `{ error, error_description }` (CONFIRMED, §1.1). Handlers throw the sandbox's CeError (the
 * shared file store throws it too) and this module dresses it in ShareFile's clothes.
 */

/**
 * `code` is the .NET HttpStatusCode name, e.g. "NotFound" (INFERRED from "e.g. Forbidden, Not Found"
 * and the SDK reading it into that enum).
 */
const STATUS_NAMES = /** @type {Record<number, string>} */ ({
	400: 'BadRequest',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'NotFound',
	405: 'MethodNotAllowed',
	409: 'Conflict',
	413: 'RequestEntityTooLarge',
	429: 'TooManyRequests',
	500: 'InternalServerError',
	501: 'NotImplemented',
	502: 'BadGateway',
	503: 'ServiceUnavailable',
	504: 'GatewayTimeout',
});

/** An OAuth failure: RFC 6749's error code travels with the status. */
class OAuthError extends CeError {
	/** @param {number} status @param {string} error @param {string} description */
	constructor(status, error, description) {
		super(status, description);
		this.error = error;
	}
}

/** @param {number} status @param {string} message */
function shareFileErrorBody(status, message) {
	// INFERRED: `reason` is the HTTP reason phrase (rclone reads the field, no source shows a value).
	return { code: STATUS_NAMES[status] || String(status), message: { lang: 'en-US', value: message }, reason: http.STATUS_CODES[status] || 'Error' };
}

/**
 * The answer for anything a ShareFile route threw. An unexpected error is a sandbox bug: it is
 * logged and still answered in ShareFile's shape.
 * @param {unknown} error
 * @returns {import('../http-io').Result}
 */
function shareFileErrorResult(error) {
	if (error instanceof OAuthError) return { status: error.status, body: { error: error.error, error_description: error.message }, headers: error.headers };
	if (error instanceof CeError) return { status: error.status, body: shareFileErrorBody(error.status, error.message), headers: error.headers };
	console.error('[sandbox] unexpected error in the ShareFile API:', error);
	return { status: 500, body: shareFileErrorBody(500, 'An unexpected error occurred in the sandbox.') };
}

/** A 401 from the Items API, with the challenge a Bearer-protected resource sends (RFC 6750; INFERRED). @param {string} message */
const unauthorizedBearer = (message) => new CeError(401, message, { headers: { 'www-authenticate': 'Bearer realm="ShareFile"' } });

module.exports = { OAuthError, shareFileErrorBody, shareFileErrorResult, unauthorizedBearer, STATUS_NAMES };
