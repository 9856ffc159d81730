// @ts-check
'use strict';

const { badRequest, notFound } = require('../errors');
const { readBody, parseJsonBody, writeResult, writeBroken } = require('../http-io');
const { faultError } = require('../faults');
const { hang } = require('../server');
const { createLinkSigner } = require('../signed-links');
const { shareFileErrorResult, unauthorizedBearer } = require('./errors');
const { createClients } = require('./clients');
const { createGrants } = require('./grants');
const { createAccounts } = require('./accounts');
const { createAuthorization } = require('./authorize');
const { createTokenEndpoint } = require('./token-endpoint');
const { parseAddress } = require('./odata');
const { ITEM_ROUTES, routeFor } = require('./items');
const { createDownloads, DOWNLOAD_PATH } = require('./downloads');
const { createUploads, UPLOAD_PATH } = require('./uploads');
const { shareFileControlRoutes } = require('./control-routes');
const { createShares } = require('./shares');
const { createWebhooks } = require('./webhooks');
const { currentAccount } = require('./account-entity');

/**
 * ShareFile's own REST API v3 and OAuth2, beside the Cloud Elements emulation and on the same file
 * store. A real account lives at `https://<subdomain>.<control plane>`; here that host is a path
 * segment: `<sandbox>/sharefile/<host>/...`, where `<host>` is `acme`, `acme.sf-api.com`,
 * `acme.sharefile.com` or `secure.sharefile.com` (only the part before the first dot counts). So a
 * client that builds `https://${subdomain}.${apicp}/sf/v3` reaches the sandbox by putting
 * `<sandbox>/sharefile/` where it puts `https://`. The storage host (ChunkUri, download links) is
 * `<sandbox>/sharefile-storage/`.
 * @typedef {import('../http-io').Result} Result
 * @typedef {import('./authorize').Host} Host
 */

const PREFIX = '/sharefile/';
const STORAGE_PREFIX = '/sharefile-storage/';

/** @param {string} segment */
const hostOf = (segment) => ({ subdomain: segment.split('.')[0].toLowerCase(), path: `/sharefile/${segment}` });

/**
 * @param {{ store: import('../store').Store, now: () => number, origin: () => string,
 *   instances: ReturnType<typeof import('../instances').createInstances>,
 *   documents: ReturnType<typeof import('../documents').createDocuments>,
 *   faults: ReturnType<typeof import('../faults').createFaults>,
 *   requestLog: ReturnType<typeof import('../request-log').createRequestLog>,
 *   activity: ReturnType<typeof import('../activity').createActivity>,
 *   delay: (ms: number) => Promise<void>, timeScale: number, tokenLifetimeSeconds?: number, platformBase: () => string }} deps
 */
function createShareFileApi(deps) {
	const { store, now, origin, documents } = deps;
	const clients = createClients({ store });
	const grants = createGrants({ store, now, tokenLifetimeSeconds: deps.tokenLifetimeSeconds });
	const accounts = createAccounts({ store, instances: deps.instances });
	const authorization = createAuthorization({ clients, grants, accounts });
	const tokenEndpoint = createTokenEndpoint({ clients, grants, accounts });
	/** @param {number} instanceId */
	const accountOf = (instanceId) => {
		const instance = accounts.find(instanceId);
		return instance ? documents.account(instance) : undefined;
	};
	const downloads = createDownloads({ signer: createLinkSigner({ now }), now, origin, accountOf });
	const uploads = createUploads({ origin, now, blobs: documents.blobs, accountOf });
	const shares = createShares({ store, now, platformBase: deps.platformBase });
	const webhooks = createWebhooks({ store, now, timeScale: deps.timeScale, clients, activity: deps.activity });
	const itemRoutes = [
		...ITEM_ROUTES,
		{ method: 'GET', navigation: 'download', withId: true, withoutId: false, handler: downloads.download },
		{ method: 'POST', navigation: 'upload2', withId: true, withoutId: false, handler: uploads.specification },
		{ method: 'POST', navigation: 'upload', withId: true, withoutId: false, handler: uploads.specification },
		{ method: 'GET', navigation: 'upload', withId: true, withoutId: false, handler: uploads.specification },
	];
	/** Each entity set's routes. @type {Record<string, import('./items').ApiRoute[]>} */
	const routes = {
		Items: itemRoutes,
		// The token's account: its subdomain is the host's (accountFor checks it).
		Accounts: [
			{
				method: 'GET',
				navigation: '',
				withId: false,
				withoutId: true,
				handler: (ctx) => currentAccount({ method: ctx.method, instance: ctx.account.instance, subdomain: accounts.subdomainOf(ctx.account.instance), apiBase: ctx.apiBase }),
			},
		],
		Shares: [
			{ method: 'POST', navigation: '', withId: false, withoutId: true, handler: shares.handle },
			{ method: 'GET', navigation: '', withId: true, withoutId: false, handler: shares.handle },
		],
		...webhooks.routes,
	};

	/**
	 * The account a Bearer token opens, on the host it was sent to (a token of another account is a
	 * 401, INFERRED), and the OAuth client it was issued to.
	 * @param {string | undefined} authorization @param {Host} host
	 */
	function accountFor(authorization, host) {
		const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization || '');
		if (!match) throw unauthorizedBearer("This call needs 'Authorization: Bearer <access token>'.");
		const found = grants.grantOfAccessToken(match[1]);
		if ('problem' in found) throw unauthorizedBearer(found.problem);
		const instance = accounts.find(found.grant.instanceId);
		if (!instance) throw unauthorizedBearer('The ShareFile account of this access token no longer exists.');
		const subdomain = accounts.subdomainOf(instance);
		if (subdomain !== host.subdomain) throw unauthorizedBearer(`This access token is for the account '${subdomain}', not '${host.subdomain}'.`);
		return { instance, account: documents.account(instance), clientId: found.grant.clientId };
	}

	/**
	 * @param {import('node:http').IncomingMessage} req @param {URL} url the request URL on the sandbox's origin
	 * @param {Host} host @param {string} address the path after `/sf/v3/`
	 * @returns {Promise<Result>}
	 */
	async function api(req, url, host, address) {
		const method = req.method || 'GET';
		let decoded;
		try {
			decoded = decodeURIComponent(address);
		} catch {
			throw badRequest('The path is not valid percent-encoding.');
		}
		const parsed = parseAddress(decoded);
		const { account, clientId } = accountFor(req.headers.authorization, host);
		const apiBase = `${origin()}${host.path}/sf/v3`;
		if (!parsed) throw notFound(`No resource found at /sf/v3/${decoded}; the sandbox emulates the Items, Shares, WebhookSubscriptions and WebhookClients entities and GET Accounts.`);
		const route = routeFor(routes[parsed.entity], method, parsed);
		const body = parseJsonBody(await readBody(req), method);
		return route.handler({
			method,
			id: parsed.id,
			navigation: parsed.navigation,
			query: url.searchParams,
			url,
			body,
			account,
			clientId,
			apiBase,
			request: req,
		});
	}

	/**
	 * Which handler a path belongs to; undefined for a path that is not ShareFile's.
	 * @param {import('node:http').IncomingMessage} req @param {URL} url
	 * @returns {(() => Promise<Result>) | undefined}
	 */
	function dispatch(req, url) {
		const path = url.pathname;
		const method = req.method || 'GET';
		if (path === UPLOAD_PATH && method === 'POST') return () => uploads.chunk(url.searchParams, req);
		if (path === DOWNLOAD_PATH && method === 'GET') return async () => downloads.fetchLink(url.searchParams);
		const match = /^\/sharefile\/([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)\/(.*)$/.exec(path);
		if (!match) return undefined;
		const host = hostOf(match[1]);
		const rest = match[2];
		if (rest === 'oauth/authorize' && method === 'GET') return async () => authorization.page(host, url.searchParams);
		if (rest === 'oauth/authorize' && method === 'POST') return async () => authorization.decide(host, new URLSearchParams((await readBody(req)).toString('utf8')));
		if (rest === 'oauth/token' && method === 'POST') {
			return async () => tokenEndpoint.token({ contentType: req.headers['content-type'], authorization: req.headers.authorization, body: await readBody(req) });
		}
		if (rest.startsWith('sf/v3/')) return () => api(req, url, host, rest.slice('sf/v3/'.length));
		return undefined;
	}

	/**
	 * Answers a request under `/sharefile/` or `/sharefile-storage/`: faults aimed at these paths
	 * first (armed with a `pathPrefix` such as `/sharefile/`), then the handler, in ShareFile's
	 * error shapes; each request goes to the request log with its whole path.
	 * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res @param {string} requestId
	 */
	async function handle(req, res, requestId) {
		const started = Date.now();
		const method = req.method || 'GET';
		const url = new URL(req.url || '/', origin());
		/** @type {Result} */
		let result;
		const fault = deps.faults.take(method, url.pathname, { prefixedOnly: true });
		const log = (/** @type {number} */ status) =>
			deps.requestLog.record({
				time: new Date(started).toISOString(),
				method,
				path: url.pathname,
				query: url.searchParams,
				status,
				element: false,
				...(fault ? { fault: fault.kind } : {}),
				durationMs: Date.now() - started,
			});
		if (fault && fault.kind === 'hang') {
			req.resume();
			await hang(res, fault.delayMs || 0);
			return log(0);
		}
		try {
			if (fault && fault.kind === 'slow') await deps.delay(fault.delayMs || 0);
			else if (fault && fault.kind !== 'broken') throw faultError(fault);
			const handler = dispatch(req, url);
			if (!handler) throw notFound(`No ShareFile resource at ${method} ${url.pathname}.`);
			result = await handler();
		} catch (error) {
			req.resume();
			result = shareFileErrorResult(error);
		}
		if (fault && fault.kind === 'broken') await writeBroken(res, result, requestId);
		else await writeResult(res, result, requestId);
		log(result.status);
	}

	return {
		/** @param {string} path */
		owns: (path) => path.startsWith(PREFIX) || path.startsWith(STORAGE_PREFIX),
		handle,
		controlRoutes: () => [...shareFileControlRoutes({ clients, grants }), ...webhooks.controlRoutes],
		reset() {
			grants.reset();
			uploads.reset();
		},
		/** A change in an account: ShareFile's webhooks hear it. @param {import('../documents').DocumentChange} change */
		documentChanged: webhooks.documentChanged,
		/** An instance was deleted: its account's webhook subscriptions and keys go too. */
		instanceDeleted: webhooks.instanceDeleted,
		startWebhooks: webhooks.start,
		stopWebhooks: webhooks.stop,
		resetWebhooks: webhooks.reset,
	};
}

module.exports = { createShareFileApi };
