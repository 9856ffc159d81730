// @ts-check
'use strict';

const { json } = require('./http-io');
const { eventView } = require('./platform-routes');
const { applyChanges } = require('./document-changes');
const { instanceSummary } = require('./instance-summary');
const { subscriptionSummary } = require('./subscription-summary');

/**
 * @typedef {{ method: string, query: URLSearchParams, params: Record<string, string>, body: unknown }} ControlContext
 * @typedef {import('./router').Route<ControlContext>} ControlRoute
 */

/**
 * The sandbox's own controls under `/_sandbox`: no Cloud Elements auth, never logged as platform
 * requests, never subject to faults. They exist for tests and for a human at a browser.
 * @param {{ store: import('./store').Store,
 *   clock: import('./clock').Clock,
 *   instances: ReturnType<typeof import('./instances').createInstances>,
 *   storedEvents: ReturnType<typeof import('./events').createStoredEvents>,
 *   documents: ReturnType<typeof import('./documents').createDocuments>,
 *   engine: ReturnType<typeof import('./event-engine').createEventEngine>,
 *   oauth: ReturnType<typeof import('./oauth').createOAuth>,
 *   faults: ReturnType<typeof import('./faults').createFaults>,
 *   requestLog: ReturnType<typeof import('./request-log').createRequestLog>,
 *   activity: ReturnType<typeof import('./activity').createActivity>,
 *   login: ReturnType<typeof import('./login').createLogin>,
 *   shareFileApi: { reset: () => void, resetWebhooks: () => void } }} deps
 * @returns {ControlRoute[]}
 */
function controlRoutes({ store, clock, instances, storedEvents, documents, engine, oauth, faults, requestLog, activity, login, shareFileApi }) {
	return [
		{ method: 'GET', pattern: '/health', handler: () => json(200, { ok: true }) },
		{
			method: 'POST',
			pattern: '/reset',
			handler: () => {
				store.reset();
				documents.blobs.clear();
				login.clear();
				activity.clear();
				clock.reset();
				engine.reset();
				faults.clear();
				requestLog.clear();
				shareFileApi.reset();
				shareFileApi.resetWebhooks();
				return json(200, { ok: true });
			},
		},

		{ method: 'POST', pattern: '/faults', handler: ({ body }) => json(200, faults.arm(body)) },
		{ method: 'GET', pattern: '/faults', handler: () => json(200, faults.list()) },
		{
			method: 'DELETE',
			pattern: '/faults',
			handler: () => {
				faults.clear();
				return json(200, { ok: true });
			},
		},

		{ method: 'GET', pattern: '/requests', handler: () => json(200, requestLog.list()) },
		{
			method: 'DELETE',
			pattern: '/requests',
			handler: () => {
				// Only the log: the ShareFile API's settings (token lifetime) and uploads stay as they are.
				requestLog.clear();
				return json(200, { ok: true });
			},
		},

		{
			method: 'POST',
			pattern: '/instances/:id/events',
			handler: ({ params, body }) => json(200, eventView(storedEvents.add(instances.find(params.id), body))),
		},

		{ method: 'GET', pattern: '/clock', handler: () => json(200, clock.view()) },
		{ method: 'PUT', pattern: '/clock', handler: ({ body }) => json(200, clock.set(body)) },

		{
			method: 'POST',
			pattern: '/instances/:id/documents',
			handler: ({ params, body }) => json(200, applyChanges(documents.account(instances.find(params.id)), body)),
		},
		{
			method: 'GET',
			pattern: '/instances/:id/documents',
			// Every raw item, root included, by full path: for looking, not for polling.
			handler: ({ params }) => {
				const account = documents.account(instances.find(params.id));
				const withPaths = account.all().map((item) => ({ path: account.fullPath(item), item }));
				withPaths.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
				return json(200, withPaths.map((entry) => entry.item));
			},
		},

		{ method: 'POST', pattern: '/instances/:id/poll', handler: async ({ params }) => json(200, await engine.pollNow(instances.find(params.id))) },
		{ method: 'POST', pattern: '/instances/:id/webhooks', handler: ({ params, body }) => json(200, engine.injectWebhook(instances.find(params.id), body)) },
		{ method: 'GET', pattern: '/instances/:id/notifications', handler: ({ params }) => json(200, engine.view(instances.find(params.id))) },
		{
			method: 'GET',
			pattern: '/instances/:id/deliveries',
			handler: ({ params }) => json(200, instances.find(params.id).deliveries.map((delivery) => engine.deliveries.view(/** @type {any} */ (delivery)))),
		},
		{
			method: 'GET',
			pattern: '/subscriptions',
			handler: () =>
				json(
					200,
					engine.subscriptions.list().map((subscription) => subscriptionSummary(subscription, engine.deliveries.deliveriesOf(subscription.id), store.state.instances)),
				),
		},
		{ method: 'GET', pattern: '/activity', handler: ({ query }) => json(200, activity.list(query)) },
		{
			method: 'GET',
			pattern: '/instances',
			handler: () => json(200, store.state.instances.map((instance) => instanceSummary(instance, engine.subscriptions.configuredOf(instance)))),
		},
		{ method: 'POST', pattern: '/deliveries/flush', handler: async () => json(200, await engine.deliveries.flush()) },

		{ method: 'GET', pattern: '/oauth/authorize', handler: ({ query }) => oauth.authorizePage(query) },
		{ method: 'GET', pattern: '/oauth/authorize/approve', handler: ({ query }) => oauth.approve(query) },
		{ method: 'GET', pattern: '/oauth/authorize/deny', handler: ({ query }) => oauth.deny(query) },
	];
}

module.exports = { controlRoutes };
