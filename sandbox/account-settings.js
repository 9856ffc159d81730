// @ts-check
'use strict';

const { badRequest, notFound } = require('./errors');
const { json } = require('./http-io');
const { ACCOUNT } = require('./event-envelope');

/** What Cloud Elements does with a webhook delivery that fails (contract section 5). */
const FAILURE_POLICY = 'notification.webhook.failure.policy';
const POLICIES = ['retry', 'queue'];
/** Settings the sandbox acts on, with their defaults (INFERRED: unset reads as `retry`). */
const DEFAULTS = Object.freeze({ [FAILURE_POLICY]: 'retry' });

/**
 * The account's settings: `GET` / `PATCH /accounts/settings` (the caller's account) and
 * `/accounts/{id}/settings` (the sandbox has one account, id `ACCOUNT.accountId`). A PATCH merges
 * the keys it names; values are strings on the wire, like instance configuration. INFERRED: the
 * answer is the whole settings object; unknown keys are kept as given.
 * @param {{ store: import('./store').Store }} deps
 */
function createAccountSettings({ store }) {
	const current = () => ({ ...DEFAULTS, ...store.state.accountSettings });

	/** @param {unknown} body */
	function patch(body) {
		if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('The settings must be a JSON object of key: value.');
		/** @type {Record<string, string>} */
		const changes = {};
		for (const [key, value] of Object.entries(body)) {
			if (value !== null && typeof value === 'object') throw badRequest(`Setting '${key}' must be a string, number or boolean.`);
			changes[key] = value === null ? '' : String(value);
		}
		const policy = changes[FAILURE_POLICY];
		if (policy !== undefined && !POLICIES.includes(policy)) {
			throw badRequest(`'${FAILURE_POLICY}' must be one of ${POLICIES.join(', ')}.`);
		}
		store.state.accountSettings = { ...store.state.accountSettings, ...changes };
		store.commit();
		return current();
	}

	/** @returns {'retry' | 'queue'} */
	const failurePolicy = () => /** @type {'retry' | 'queue'} */ (current()[FAILURE_POLICY]);

	return { current, patch, failurePolicy };
}

/**
 * @param {{ settings: ReturnType<typeof createAccountSettings> }} deps
 * @returns {import('./platform-routes').PlatformRoute[]}
 */
function accountSettingsRoutes({ settings }) {
	/** @param {string} id */
	const requireAccount = (id) => {
		if (id !== String(ACCOUNT.accountId)) throw notFound(`No account found with id ${id}.`);
	};
	return [
		{ method: 'GET', pattern: '/accounts/settings', handler: () => json(200, settings.current()) },
		{ method: 'PATCH', pattern: '/accounts/settings', handler: ({ body }) => json(200, settings.patch(body)) },
		{
			method: 'GET',
			pattern: '/accounts/:id/settings',
			handler: ({ params }) => {
				requireAccount(params.id);
				return json(200, settings.current());
			},
		},
		{
			method: 'PATCH',
			pattern: '/accounts/:id/settings',
			handler: ({ params, body }) => {
				requireAccount(params.id);
				return json(200, settings.patch(body));
			},
		},
	];
}

module.exports = { createAccountSettings, accountSettingsRoutes, FAILURE_POLICY };
