// @ts-check
'use strict';

const { json } = require('./http-io');
const { eventView } = require('./platform-routes');

/**
 * @typedef {{ method: string, query: URLSearchParams, params: Record<string, string>, body: unknown }} ControlContext
 * @typedef {import('./router').Route<ControlContext>} ControlRoute
 */

/**
 * The sandbox's own controls under `/_sandbox`: no Cloud Elements auth, never logged as platform
 * requests, never subject to faults. They exist for tests and for a human at a browser.
 * @param {{ store: import('./store').Store,
 *   instances: ReturnType<typeof import('./instances').createInstances>,
 *   storedEvents: ReturnType<typeof import('./events').createStoredEvents>,
 *   oauth: ReturnType<typeof import('./oauth').createOAuth>,
 *   faults: ReturnType<typeof import('./faults').createFaults>,
 *   requestLog: ReturnType<typeof import('./request-log').createRequestLog> }} deps
 * @returns {ControlRoute[]}
 */
function controlRoutes({ store, instances, storedEvents, oauth, faults, requestLog }) {
	return [
		{ method: 'GET', pattern: '/health', handler: () => json(200, { ok: true }) },
		{
			method: 'POST',
			pattern: '/reset',
			handler: () => {
				store.reset();
				faults.clear();
				requestLog.clear();
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
				requestLog.clear();
				return json(200, { ok: true });
			},
		},

		{
			method: 'POST',
			pattern: '/instances/:id/events',
			handler: ({ params, body }) => json(200, eventView(storedEvents.add(instances.find(params.id), body))),
		},

		{ method: 'GET', pattern: '/oauth/authorize', handler: ({ query }) => oauth.authorizePage(query) },
		{ method: 'GET', pattern: '/oauth/authorize/approve', handler: ({ query }) => oauth.approve(query) },
		{ method: 'GET', pattern: '/oauth/authorize/deny', handler: ({ query }) => oauth.deny(query) },
	];
}

module.exports = { controlRoutes };
