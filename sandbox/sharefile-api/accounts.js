// @ts-check
'use strict';

const { configurationValue } = require('../configuration');
const { DEMO_CODE } = require('../oauth');

/**
 * Which sandbox ShareFile account a ShareFile login reaches. The sandbox keeps one emulated account
 * per Cloud Elements instance (documents.js); ShareFile's own API works on those very accounts, so
 * a file written through either API is seen through the other. The consent page lets the user pick
 * one; with none there, consenting makes one (an instance tagged `sharefile-api`, events off), so
 * ShareFile's API is usable on a fresh sandbox without touching Cloud Elements first.
 * @param {{ store: import('../store').Store, instances: ReturnType<typeof import('../instances').createInstances> }} deps
 */
function createAccounts({ store, instances }) {
	/** @param {import('../store').InstanceRecord} instance */
	const subdomainOf = (instance) => configurationValue(instance.configuration, 'sharefile.subdomain') || 'sandbox';

	/** Every account, oldest instance first. */
	const list = () => store.state.instances.map((instance) => ({ instanceId: instance.id, name: instance.name, subdomain: subdomainOf(instance) }));

	/** @param {number} instanceId */
	const find = (instanceId) => store.state.instances.find((instance) => instance.id === instanceId);

	/**
	 * A new account for a consent given with none to pick: its instance carries the client's id,
	 * secret and redirect URI as a Cloud Elements instance of it would.
	 * @param {{ subdomain: string, client: import('./clients').OAuthClient, redirectUri: string }} request
	 */
	function create({ subdomain, client, redirectUri }) {
		return instances.create({
			element: { key: 'sharefile' },
			providerData: { code: DEMO_CODE },
			name: `ShareFile ${subdomain}`,
			tags: ['sharefile-api'],
			configuration: {
				'oauth.api.key': client.clientId,
				'oauth.api.secret': client.clientSecret,
				'oauth.callback.url': redirectUri,
				'sharefile.subdomain': subdomain,
			},
		});
	}

	return { list, find, create, subdomainOf };
}

/**
 * The ShareFile account id of an instance's account, the same wherever it shows: `GET Accounts`'s
 * `Id` (account-entity.js), search results' `AccountID`, webhook payloads' `AccountInfo.AccountId`.
 * Stable, and `a` + the instance id, as the docs' `a123` (INFERRED).
 * @param {import('../store').InstanceRecord} instance
 */
const accountIdOf = (instance) => `a${instance.id}`;

/** @typedef {ReturnType<typeof createAccounts>} Accounts */

module.exports = { createAccounts, accountIdOf };
