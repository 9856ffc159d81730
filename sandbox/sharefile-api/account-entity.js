// @ts-check
'use strict';

const { CeError } = require('../errors');
const { accountIdOf } = require('./accounts');

/**
 * ShareFile's Accounts entity, as far as a client needs it to name the account a token opens:
 * `GET Accounts` answers the current account ("Get current Account: Retrieves information about
 * the Account defined in the call subdomain", CONFIRMED [S16 `Entities/AccountsEntity.cs` Get]), an
 * `Account` whose fields include `CompanyName` and `Subdomain` (CONFIRMED [S16
 * `Models/Account.cs`]). The sandbox's account is a Cloud Elements instance (accounts.js):
 * `CompanyName` is the instance's name and `Id` is `a` + the instance id (both INFERRED); Account's
 * other fields (plan, billing, branding, ...) are not emulated.
 * @typedef {import('../http-io').Result} Result
 */

/**
 * @param {{ method: string, instance: import('../store').InstanceRecord, subdomain: string, apiBase: string }} ctx
 * @returns {Result}
 */
function currentAccount({ method, instance, subdomain, apiBase }) {
	if (method !== 'GET') throw new CeError(405, `The method ${method} is not allowed here; use GET.`, { headers: { allow: 'GET' } });
	const id = accountIdOf(instance);
	return {
		status: 200,
		body: {
			'odata.metadata': `${apiBase}/$metadata#Accounts/ShareFile.Api.Models.Account@Element`,
			'odata.type': 'ShareFile.Api.Models.Account',
			Id: id,
			url: `${apiBase}/Accounts(${id})`,
			CompanyName: instance.name,
			Subdomain: subdomain,
		},
	};
}

module.exports = { currentAccount };
