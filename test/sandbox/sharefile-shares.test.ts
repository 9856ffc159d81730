import { call, createInstance, useSandbox } from './helpers';
import { placeOk } from './documents-helpers';
import { expectShareFileError, login, sf, sfOk } from './sharefile-api-helpers';

describe('sandbox: ShareFile API v3 Shares', () => {
	const sandbox = useSandbox();

	test('POST Shares makes a Send share whose Uri downloads the file without credentials; GET Shares(id) reads it; the hub lists it too', async () => {
		const instance = await createInstance(sandbox());
		await placeOk(sandbox(), instance.id, { changes: [{ op: 'upload', path: '/top/a.txt', content: 'shared bytes' }] });
		const { access_token: token } = await login(sandbox());
		const file = await sfOk(sandbox(), token, 'GET', `Items/ByPath?path=${encodeURIComponent('/a.txt')}`);
		const share = await sfOk(sandbox(), token, 'POST', 'Shares', {
			ShareType: 'Send',
			Title: 'for you',
			Items: [{ Id: file.Id }],
			MaxDownloads: 1,
			RequireLogin: false,
			RequireUserInfo: false,
			UsesStreamIDs: false,
		});
		expect(share).toMatchObject({
			'odata.type': 'ShareFile.Api.Models.Share',
			ShareType: 'Send',
			Title: 'for you',
			Items: [{ Id: file.Id, Name: 'a.txt' }],
			MaxDownloads: 1,
		});
		const downloaded = await fetch(share.Uri);
		expect(downloaded.status).toBe(200);
		expect(await downloaded.text()).toBe('shared bytes');
		expect((await fetch(share.Uri)).status).toBe(403);
		expect(await sfOk(sandbox(), token, 'GET', `Shares(${share.Id})`)).toMatchObject({ Id: share.Id, TotalDownloads: 1 });
		const hub = await call(sandbox(), 'GET', '/hubs/documents/share', { element: instance.token });
		expect(hub.json.map((listed: { Id: string }) => listed.Id)).toEqual([share.Id]);
	});

	test('errors are ShareFile\'s: a bad body is 400, an unknown item or share 404, no token 401', async () => {
		await createInstance(sandbox());
		const { access_token: token } = await login(sandbox());
		expectShareFileError(await sf(sandbox(), token, 'POST', 'Shares', { ShareType: 'Send', Items: [] }), 400, 'BadRequest', /Items/);
		expectShareFileError(await sf(sandbox(), token, 'POST', 'Shares', { ShareType: 'Send', Items: [{ Id: 'fi0000' }] }), 404, 'NotFound');
		expectShareFileError(await sf(sandbox(), token, 'GET', 'Shares(s123)'), 404, 'NotFound');
		expect((await sf(sandbox(), null, 'POST', 'Shares', { ShareType: 'Send', Items: [] })).status).toBe(401);
	});
});
