// @ts-check
'use strict';

const { CeError, errorBody, unauthorized, forbidden, notFound } = require('./errors');
const { readBody, parseJsonBody, json, writeResult, writeBroken } = require('./http-io');
const { isMultipart } = require('./multipart');
const { parseAuthorization, requirePlatformCredentials, INVALID_CREDENTIALS_MESSAGE } = require('./auth');
const { faultError } = require('./faults');
const { newRequestId } = require('./random');
const { pageFileName, pageFile } = require('./page-files');

/** @typedef {import('./http-io').Result} Result */

const BASE_PATH = '/elements/api-v2';
const CONTROL_PATH = '/_sandbox';

/**
 * @param {unknown} error
 * @param {string} requestId
 * @returns {Result}
 */
function errorResult(error, requestId) {
	if (error instanceof CeError) return json(error.status, errorBody(requestId, error), error.headers);
	// A sandbox bug must still answer in the platform's shape, and be visible to whoever runs it.
	console.error('[sandbox] unexpected error:', error);
	return json(500, errorBody(requestId, new CeError(500, 'An unexpected error occurred in the sandbox.')));
}

/** @param {string} method @param {string[]} allowed */
function methodNotAllowed(method, allowed) {
	return new CeError(405, `Request method '${method}' is not supported here; use ${allowed.join(', ')}.`, {
		headers: { allow: allowed.join(', ') },
	});
}

/**
 * Holds a request unanswered until the client gives up and closes the connection, or `maxMs`
 * passes; then the connection is dropped without a byte of answer, as a stalled gateway does.
 * @param {import('node:http').ServerResponse} res
 * @param {number} maxMs
 */
function hang(res, maxMs) {
	return new Promise((resolve) => {
		const release = () => {
			clearTimeout(timer);
			res.destroy();
			resolve(undefined);
		};
		const timer = setTimeout(release, maxMs);
		timer.unref();
		res.once('close', release);
	});
}

/**
 * The order of checks follows a gateway in front of the platform: faults first (they stand in for the
 * gateway or network failing), then body, credentials, route, and finally the handler.
 * @param {{
 *   secrets: { userSecret: string, organizationSecret: string },
 *   platformRouter: ReturnType<typeof import('./router').createRouter<import('./platform-routes').PlatformContext>>,
 *   controlRouter: ReturnType<typeof import('./router').createRouter<import('./control-routes').ControlContext>>,
 *   instances: ReturnType<typeof import('./instances').createInstances>,
 *   faults: ReturnType<typeof import('./faults').createFaults>,
 *   requestLog: ReturnType<typeof import('./request-log').createRequestLog>,
 *   delay: (ms: number) => Promise<void>,
 *   now: () => number,
 *   shareFileApi?: ReturnType<typeof import('./sharefile-api').createShareFileApi>,
 * }} deps
 */
/** Calls that go to the element itself and so need an instance's token: the hubs and `/objects` (TEST T1). @param {string} apiPath */
const isElementCall = (apiPath) => apiPath.startsWith('/hubs/') || apiPath === '/objects';

function createRequestHandler(deps) {
	/**
	 * @param {string} apiPath
	 * @param {import('./auth').Credentials | null} credentials
	 */
	function authenticate(apiPath, credentials) {
		requirePlatformCredentials(credentials, deps.secrets);
		if (!isElementCall(apiPath)) return undefined;
		const token = credentials?.element;
		if (!token) throw unauthorized("Hub calls need the instance token: 'User <secret>, Organization <secret>, Element <token>'.");
		const instance = deps.instances.byToken(token);
		if (!instance) throw unauthorized(INVALID_CREDENTIALS_MESSAGE);
		if (instance.disabled) throw forbidden(`Element instance ${instance.id} is disabled; enable it with PUT /instances/${instance.id}/enabled.`);
		return instance;
	}

	/**
	 * @param {import('node:http').IncomingMessage} req
	 * @param {import('node:http').ServerResponse} res
	 * @param {URL} url
	 * @param {string} requestId
	 */
	async function handlePlatform(req, res, url, requestId) {
		const started = Date.now();
		const method = req.method || 'GET';
		const apiPath = url.pathname.slice(BASE_PATH.length).replace(/\/+$/, '') || '/';
		const credentials = parseAuthorization(req.headers.authorization);
		/** @type {Result} */
		let result;
		let fault;
		// A multipart upload may be 200 MB: it is left on the socket for its handler to stream.
		const streamed = isMultipart(req.headers['content-type']);
		try {
			const raw = streamed ? Buffer.alloc(0) : await readBody(req);
			fault = deps.faults.take(method, apiPath);
			if (fault && fault.kind === 'hang') {
				await hang(res, fault.delayMs || 0);
				deps.requestLog.record({
					time: new Date(started).toISOString(),
					method,
					path: apiPath,
					query: url.searchParams,
					status: 0,
					element: Boolean(credentials && credentials.element),
					fault: fault.kind,
					durationMs: Date.now() - started,
				});
				return;
			}
			if (fault && fault.kind === 'slow') await deps.delay(fault.delayMs || 0);
			else if (fault && fault.kind !== 'broken') throw faultError(fault);
			const body = parseJsonBody(raw, method);
			const match = deps.platformRouter.match(method, apiPath);
			// Public routes check their own proof (a signature, a password, a Bearer token); everything
			// else is authenticated before routing, so an unknown path without auth is still a 401.
			const instance = match.kind === 'found' && match.public ? undefined : authenticate(apiPath, credentials);
			if (match.kind === 'none') throw notFound(`No resource found at ${method} ${BASE_PATH}${apiPath}.`);
			if (match.kind === 'wrong-method') throw methodNotAllowed(method, match.allowed);
			const context = {
				method,
				apiPath,
				query: url.searchParams,
				params: match.params,
				body,
				instance,
				headers: req.headers,
				...(streamed ? { request: req } : {}),
			};
			result = /** @type {Result} */ (await match.handler(context));
		} catch (error) {
			result = errorResult(error, requestId);
		}
		if (fault && fault.kind === 'broken') await writeBroken(res, result, requestId);
		else await writeResult(res, result, requestId);
		deps.requestLog.record({
			time: new Date(started).toISOString(),
			method,
			path: apiPath,
			query: url.searchParams,
			status: result.status,
			element: Boolean(credentials && credentials.element),
			...(fault ? { fault: fault.kind } : {}),
			durationMs: Date.now() - started,
		});
	}

	/**
	 * @param {import('node:http').IncomingMessage} req
	 * @param {import('node:http').ServerResponse} res
	 * @param {URL} url
	 * @param {string} requestId
	 */
	async function handleControl(req, res, url, requestId) {
		const method = req.method || 'GET';
		const controlPath = url.pathname.slice(CONTROL_PATH.length).replace(/\/+$/, '') || '/';
		/** @type {Result} */
		let result;
		try {
			const body = parseJsonBody(await readBody(req), method);
			const match = deps.controlRouter.match(method, controlPath);
			if (match.kind === 'none') throw notFound(`No sandbox control at ${method} ${CONTROL_PATH}${controlPath}.`);
			if (match.kind === 'wrong-method') throw methodNotAllowed(method, match.allowed);
			result = /** @type {Result} */ (await match.handler({ method, query: url.searchParams, params: match.params, body }));
		} catch (error) {
			result = errorResult(error, requestId);
		}
		writeResult(res, result, requestId);
	}

	/**
	 * The sandbox page (`/` and `/ui/...`): no auth, no faults, not logged, like the controls.
	 * @param {import('node:http').IncomingMessage} req
	 * @param {import('node:http').ServerResponse} res
	 * @param {string} name
	 * @param {string} requestId
	 */
	async function handlePage(req, res, name, requestId) {
		req.resume();
		const method = req.method || 'GET';
		/** @type {Result} */
		let result;
		try {
			if (method !== 'GET' && method !== 'HEAD') throw methodNotAllowed(method, ['GET', 'HEAD']);
			result = await pageFile(name);
		} catch (error) {
			result = errorResult(error, requestId);
		}
		writeResult(res, result, requestId);
	}

	/**
	 * @param {import('node:http').IncomingMessage} req
	 * @param {import('node:http').ServerResponse} res
	 */
	return async function handleRequest(req, res) {
		const requestId = newRequestId();
		// The Date header follows the sandbox clock: a server whose clock is off says so in every
		// answer, and clients that take "now" from the server (as they should) must see the skew.
		res.setHeader('date', new Date(deps.now()).toUTCString());
		try {
			// Concatenated, not resolved: a path starting with // must stay a path, not become a host.
			const url = new URL(`http://127.0.0.1${req.url || '/'}`);
			const path = url.pathname;
			if (path === BASE_PATH || path.startsWith(`${BASE_PATH}/`)) return await handlePlatform(req, res, url, requestId);
			if (path === CONTROL_PATH || path.startsWith(`${CONTROL_PATH}/`)) return await handleControl(req, res, url, requestId);
			if (deps.shareFileApi?.owns(path)) return await deps.shareFileApi.handle(req, res, requestId);
			const pageName = pageFileName(path);
			if (pageName !== undefined) return await handlePage(req, res, pageName, requestId);
			req.resume();
			writeResult(res, errorResult(notFound(`No resource found at ${path}; the API is under ${BASE_PATH}, the sandbox page at /.`), requestId), requestId);
		} catch (error) {
			if (!res.headersSent) writeResult(res, errorResult(error, requestId), requestId);
			else res.destroy();
		}
	};
}

module.exports = { createRequestHandler, methodNotAllowed, hang, BASE_PATH, CONTROL_PATH };
