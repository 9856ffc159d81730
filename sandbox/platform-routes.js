// @ts-check
'use strict';

const { notFound } = require('./errors');
const { json } = require('./http-io');
const { paginate } = require('./pagination');
const { instanceView } = require('./instances');
const { elementMetadata, isShareFile, SHAREFILE } = require('./element');

/**
 * @typedef {{ method: string, apiPath: string, query: URLSearchParams, params: Record<string, string>,
 *   body: unknown, instance?: import('./store').InstanceRecord, headers: import('node:http').IncomingHttpHeaders,
 *   request?: import('node:http').IncomingMessage }} PlatformContext
 *   `request` is there for a multipart body, which is streamed by its handler instead of read whole.
 * @typedef {import('./router').Route<PlatformContext>} PlatformRoute
 */

/** @param {string} keyOrId */
function requireShareFile(keyOrId) {
	if (!isShareFile(keyOrId)) throw notFound(/^\d+$/.test(keyOrId) ? `No element found with id ${keyOrId}.` : `No element found with key '${keyOrId}'.`);
}

/**
 * A stored event as the events API shows it. Only on events the engine published (INFERRED, see
 * README), each subscription's status of it two ways: `statusBySubscription` by subscription id,
 * and `subscriptions` with the address each delivery was made for (a subscription's URL can
 * change under its id). Copies, so a page already answered never changes under its reader.
 * @param {import('./store').StoredEvent} event
 */
function eventView(event) {
	const { id, instanceId, eventDate, status, providerData, notifiedData, subscriptions } = event;
	const each = subscriptions
		? {
				statusBySubscription: Object.fromEntries(subscriptions.map((entry) => [String(entry.subscriptionId), entry.status])),
				subscriptions: subscriptions.map((entry) => ({ ...entry })),
			}
		: {};
	return { id, instanceId, eventDate, status, ...each, providerData, notifiedData };
}

/** What `GET /objects` lists (INFERRED names). */
const SHAREFILE_OBJECTS = ['documents', 'files', 'folders', 'search', 'share'];

/**
 * The Cloud Elements platform API under `/elements/api-v2`, as route table entries. Handlers stay thin:
 * the rules live in instances.js, configuration.js, events.js and oauth.js.
 * @param {{ instances: ReturnType<typeof import('./instances').createInstances>,
 *   storedEvents: ReturnType<typeof import('./events').createStoredEvents>,
 *   oauth: ReturnType<typeof import('./oauth').createOAuth>,
 *   login: ReturnType<typeof import('./login').createLogin>, now: () => number }} deps
 * @returns {PlatformRoute[]}
 */
function platformRoutes({ instances, storedEvents, oauth, login, now }) {
	/** @param {unknown[]} items @param {URLSearchParams} query */
	const paged = (items, query) => {
		const { page, headers } = paginate(items, query);
		return json(200, page, headers);
	};

	return [
		{
			method: 'GET',
			pattern: '/instances',
			handler: ({ query }) => paged(instances.list([...query.getAll('tags[]'), ...query.getAll('tags')]).map(instanceView), query),
		},
		{ method: 'POST', pattern: '/instances', handler: ({ body }) => json(200, instanceView(instances.create(body))) },

		{ method: 'GET', pattern: '/instances/events', handler: ({ query }) => paged(storedEvents.all().map(eventView), query) },
		{ method: 'GET', pattern: '/instances/events/:eventId', handler: ({ params }) => json(200, eventView(storedEvents.find(params.eventId))) },

		{ method: 'GET', pattern: '/instances/:id', handler: ({ params }) => json(200, instanceView(instances.find(params.id))) },
		{ method: 'PUT', pattern: '/instances/:id', handler: ({ params, body }) => json(200, instanceView(instances.replace(params.id, body))) },
		{ method: 'PATCH', pattern: '/instances/:id', handler: ({ params, body }) => json(200, instanceView(instances.patch(params.id, body))) },
		{
			method: 'DELETE',
			pattern: '/instances/:id',
			// Cloud Elements answers a delete with 200 and no body; clients must not insist on JSON here.
			handler: ({ params }) => {
				instances.remove(params.id);
				return json(200);
			},
		},

		{ method: 'GET', pattern: '/instances/:id/configuration', handler: ({ params }) => json(200, instances.configurationList(params.id)) },
		{
			method: 'GET',
			pattern: '/instances/:id/configuration/:configId',
			handler: ({ params }) => {
				const record = instances.configurationList(params.id).find((candidate) => String(candidate.id) === params.configId);
				if (!record) throw notFound(`No configuration found with id ${params.configId} for element instance ${params.id}.`);
				return json(200, record);
			},
		},
		{
			method: 'PATCH',
			pattern: '/instances/:id/configuration/:configId',
			handler: ({ params, body }) => json(200, instances.patchConfigurationRecord(params.id, params.configId, body)),
		},

		{ method: 'PUT', pattern: '/instances/:id/enabled', handler: ({ params }) => json(200, instanceView(instances.setDisabled(params.id, false))) },
		{ method: 'DELETE', pattern: '/instances/:id/enabled', handler: ({ params }) => json(200, instanceView(instances.setDisabled(params.id, true))) },

		{
			method: 'GET',
			pattern: '/instances/:id/events',
			handler: ({ params, query }) => paged(storedEvents.ofInstance(instances.find(params.id)).map(eventView), query),
		},

		{
			method: 'GET',
			pattern: '/elements/:key/oauth/url',
			handler: ({ params, query }) => {
				requireShareFile(params.key);
				return json(200, oauth.oauthUrl(query));
			},
		},
		{
			method: 'GET',
			pattern: '/elements/:key/metadata',
			handler: ({ params }) => {
				requireShareFile(params.key);
				return json(200, elementMetadata());
			},
		},

		// Pong (SWG: dateTime, endpoint); `valid` is INFERRED. The smallest hub call: it proves the
		// Element token. The documents hub is in document-routes.js and its neighbours.
		{
			method: 'GET',
			pattern: '/hubs/documents/ping',
			handler: () => json(200, { dateTime: new Date(now()).toISOString(), endpoint: SHAREFILE.key, valid: true }),
		},
		// The element's objects (TEST T1: 200 with the instance token). INFERRED: a list of the names
		// of what the ShareFile element serves: its poll object and the documents hub's resources.
		{ method: 'GET', pattern: '/objects', handler: () => json(200, SHAREFILE_OBJECTS) },

		// The console login API clients use (CODE C5): public, it checks its own password or token.
		{ method: 'POST', pattern: '/authentication', public: true, handler: ({ body }) => json(200, login.login(body)) },
		{ method: 'GET', pattern: '/authentication/secrets', public: true, handler: ({ headers }) => json(200, login.secretsFor(headers.authorization)) },
	];
}

module.exports = { platformRoutes, eventView };
