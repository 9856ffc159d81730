// @ts-check
'use strict';

const { json } = require('../http-io');

/**
 * The sandbox's controls for ShareFile's OAuth, under `/_sandbox/sharefile/` (no auth, like every
 * control): register clients, revoke grants as a user revoking an app would, set the access-token
 * lifetime so tests see tokens expire.
 * @param {{ clients: import('./clients').Clients, grants: import('./grants').Grants }} deps
 * @returns {import('../control-routes').ControlRoute[]}
 */
function shareFileControlRoutes({ clients, grants }) {
	return [
		{ method: 'GET', pattern: '/sharefile/clients', handler: () => json(200, clients.list()) },
		{ method: 'POST', pattern: '/sharefile/clients', handler: ({ body }) => json(200, clients.add(body)) },
		{ method: 'POST', pattern: '/sharefile/revoke', handler: ({ body }) => json(200, grants.revoke(body)) },
		{ method: 'GET', pattern: '/sharefile/settings', handler: () => json(200, grants.settings()) },
		{ method: 'PUT', pattern: '/sharefile/settings', handler: ({ body }) => json(200, grants.setSettings(body)) },
	];
}

module.exports = { shareFileControlRoutes };
