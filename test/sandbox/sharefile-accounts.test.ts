import { createInstance, useSandbox } from './helpers';
import { expectShareFileError, hostBase, login, sf } from './sharefile-api-helpers';

describe('sandbox: ShareFile API v3 GET Accounts (the account a token opens)', () => {
	const sandbox = useSandbox();

	test('answers the current account: its name (the instance\'s) and subdomain, on any host form of the account', async () => {
		const instance = await createInstance(sandbox(), { name: 'Acme Corp files' }, { 'sharefile.subdomain': 'acme' });
		const token = await login(sandbox(), { host: 'acme' });
		for (const host of ['acme', 'acme.sharefile.com', 'acme.sf-api.com']) {
			const answer = await sf(sandbox(), token.access_token, 'GET', 'Accounts', undefined, host);
			expect(answer.status).toBe(200);
			const apiBase = `${hostBase(sandbox(), host)}/sf/v3`;
			expect(answer.json).toEqual({
				'odata.metadata': `${apiBase}/$metadata#Accounts/ShareFile.Api.Models.Account@Element`,
				'odata.type': 'ShareFile.Api.Models.Account',
				Id: `a${instance.id}`,
				url: `${apiBase}/Accounts(a${instance.id})`,
				CompanyName: 'Acme Corp files',
				Subdomain: 'acme',
			});
		}
	});

	test('needs a token of that account: none, another account\'s, or an expired one is a 401; writes are a 405', async () => {
		await createInstance(sandbox(), { name: 'Acme' }, { 'sharefile.subdomain': 'acme' });
		await createInstance(sandbox(), { name: 'Other' }, { 'sharefile.subdomain': 'other' });
		const token = await login(sandbox(), { host: 'acme' });
		expectShareFileError(await sf(sandbox(), null, 'GET', 'Accounts'), 401, 'Unauthorized');
		expectShareFileError(await sf(sandbox(), token.access_token, 'GET', 'Accounts', undefined, 'other'), 401, 'Unauthorized', /acme/);
		const patch = await sf(sandbox(), token.access_token, 'PATCH', 'Accounts', { CompanyName: 'x' });
		expectShareFileError(patch, 405, 'MethodNotAllowed');
		expect(patch.headers.get('allow')).toBe('GET');
	});
});
